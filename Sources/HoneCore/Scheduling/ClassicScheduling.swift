/// SuperMemo's SM-2 as published (Wozniak, 1990), the `classic` preset: quality 0-5, the
/// E-Factor kept exact in permille, `ceil` on intervals, lateness ignored, and the session
/// rule that an item rated below 4 comes back the same day as a drill that changes nothing.
struct ClassicScheduling: Sendable {
    let settings: SchedulerSettings
    let clock: DayClock

    /// E-Factor change for q = 0...5, in permille: -0.80, -0.54, -0.32, -0.14, 0, +0.10.
    private static let easeChange = [-800, -540, -320, -140, 0, 100]

    func answer(_ state: CardState, quality: Int, at now: Int64) -> ScheduledAnswer {
        let q = min(max(quality, 0), 5)
        let today = clock.day(of: now)
        var next = state
        if let drillDay = state.drillDay, drillDay == today {
            // A repeat within the session: logged, but neither EF nor the interval changes.
            if q >= 4 { next.drillDay = nil }
            return ScheduledAnswer(state: next, kind: .drill, intervalDays: 0)
        }
        let kind: ScheduledAnswer.Kind = state.phase == .new ? .learn : .review
        let ease = state.phase == .new ? settings.startingEase : state.ease
        if q < 3 {
            next.interval = 1
            if state.phase != .new, state.streak > 0 { next.lapses += 1 }
            next.streak = 0
        } else {
            switch state.streak {
            case 0: next.interval = 1
            case 1: next.interval = 6
            default:
                // ceil(I * EF) in integers: exact, where a binary float could tip a day over.
                next.interval = (state.interval * ease + 999) / 1000
            }
            next.streak = state.streak + 1
        }
        next.ease = max(1300, ease + Self.easeChange[q])
        next.interval = min(next.interval, max(settings.maximumInterval, 1))
        next.phase = .review
        next.due = .day(today + next.interval)
        next.drillDay = q < 4 ? today : nil
        next.reps = state.reps + 1
        return ScheduledAnswer(state: next, kind: kind, intervalDays: Double(next.interval))
    }
}
