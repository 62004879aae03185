/// SuperMemo's SM-2 as published (Wozniak, 1990), the `classic` preset: quality 0-5, the
/// E-Factor kept exact in permille, `ceil` on intervals, lateness ignored, and the session
/// rule that an item rated below 4 comes back the same day as a drill that changes nothing.
/// What SM-2 remembers besides the interval and ease is the card's `ClassicMemory`.
struct ClassicScheduling: Sendable {
    let settings: SchedulerSettings
    let clock: DayClock

    /// SM-2's qualities: 0 (no recall) to 5 (perfect).
    static let qualities = 0...5
    /// Below this quality the answer is a failure: the repetitions start over.
    static let passingQuality = 3
    /// Below this quality the card comes back the same day as a drill.
    static let drillEndingQuality = 4
    /// The first and second intervals, I(1) and I(2), in days; after them I(n) = I(n-1) x EF.
    static let firstInterval = 1
    static let secondInterval = 6
    /// E-Factor change for q = 0...5, in permille: -0.80, -0.54, -0.32, -0.14, 0, +0.10.
    private static let easeChange = [-800, -540, -320, -140, 0, 100]

    func answer(_ state: CardState, quality: Int, at now: Int64) -> ScheduledAnswer {
        let q = min(max(quality, Self.qualities.lowerBound), Self.qualities.upperBound)
        let today = clock.day(of: now)
        let memory = state.memory?.classic ?? ClassicMemory()
        if let drillDay = memory.drillDay, drillDay == today {
            // A repeat within the session: logged, but neither EF nor the interval changes.
            var next = state
            if q >= Self.drillEndingQuality { next.memory = .classic(ClassicMemory(streak: memory.streak)) }
            return ScheduledAnswer(state: next, kind: .drill, intervalDays: 0)
        }
        let isNew = state.phase == .new
        let ease = isNew ? settings.startingEase : state.ease
        var next = state
        var interval: Int
        let streak: Int
        if q < Self.passingQuality {
            interval = Self.firstInterval
            if !isNew, memory.streak > 0 { next.lapses += 1 }
            streak = 0
        } else {
            switch memory.streak {
            case 0: interval = Self.firstInterval
            case 1: interval = Self.secondInterval
            default:
                // ceil(I * EF) in integers: exact, where a binary float could tip a day over.
                interval = (state.interval * ease + ReviewState.permille - 1) / ReviewState.permille
            }
            streak = memory.streak + 1
        }
        interval = min(interval, max(settings.maximumInterval, ReviewState.shortestInterval))
        let nextEase = max(ReviewState.minimumEase, ease + Self.easeChange[q])
        next.phaseState = .review(ReviewState(intervalDays: interval, easePermille: nextEase, dueDay: today + interval))
        next.memory = .classic(ClassicMemory(streak: streak, drillDay: q < Self.drillEndingQuality ? today : nil))
        next.reps = state.reps + 1
        return ScheduledAnswer(state: next, kind: isNew ? .learn : .review, intervalDays: Double(interval))
    }

    /// The four buttons as the qualities they stand for (1, 3, 4 and 5): see `NextStates` for
    /// the qualities no button stands for.
    func nextStates(_ state: CardState, at now: Int64) -> NextStates {
        func outcome(_ rating: Rating) -> ScheduledAnswer {
            answer(state, quality: Answer.button(rating).quality, at: now)
        }
        return NextStates(
            again: outcome(.again), hard: outcome(.hard), good: outcome(.good), easy: outcome(.easy), readsQuality: true
        )
    }
}
