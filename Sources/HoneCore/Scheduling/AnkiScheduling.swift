/// Anki's SM-2 variant (the `anki` preset), as `scheduler.md` gives it: learning steps,
/// graduation, the Hard/Good/Easy formulas in 32-bit floats, lapses and relearning, leeches.
struct AnkiScheduling: Sendable {
    let settings: SchedulerSettings
    let clock: DayClock
    /// The steps in seconds, worked out once.
    private let learningSteps: [Int]
    private let relearningSteps: [Int]

    init(settings: SchedulerSettings, clock: DayClock) {
        self.settings = settings
        self.clock = clock
        learningSteps = settings.learningSteps.map(\.seconds)
        relearningSteps = settings.relearningSteps.map(\.seconds)
    }

    private static let day = 86_400

    func answer(_ state: CardState, _ rating: Rating, at now: Int64, keyHash: UInt64) -> ScheduledAnswer {
        let today = clock.day(of: now)
        let fuzz = settings.fuzz ? Fuzz.factor(keyHash: keyHash, reps: state.reps) : nil
        var next: ScheduledAnswer
        switch state.phase {
        case .new, .learning:
            next = learning(state, rating, now: now, today: today, fuzz: fuzz)
        case .review:
            next = review(state, rating, now: now, today: today, fuzz: fuzz)
        case .relearning:
            next = relearning(state, rating, now: now, today: today)
        }
        next.state.reps = state.reps + 1
        return next
    }

    // MARK: - Learning (new cards count as standing on the first step)

    private func learning(_ state: CardState, _ rating: Rating, now: Int64, today: Int, fuzz: Float?) -> ScheduledAnswer {
        let step = state.phase == .new ? 0 : state.step
        if let stepped = onSteps(learningSteps, from: step, state, rating, now: now, today: today, kind: .learn, phase: .learning) {
            return stepped
        }
        var next = state
        switch rating {
        case .easy:
            next.interval = Fuzz.apply(Float(settings.easyInterval), minimum: 1, maximum: settings.maximumInterval, factor: fuzz)
        default:
            // Good on the last step (or any answer with no steps): graduate.
            next.interval = Fuzz.apply(Float(settings.graduatingInterval), minimum: 1, maximum: settings.maximumInterval, factor: fuzz)
        }
        next.phase = .review
        next.ease = settings.startingEase
        next.step = 0
        next.stepSeconds = 0
        next.due = .day(today + next.interval)
        return ScheduledAnswer(state: next, kind: .learn, intervalDays: Double(next.interval))
    }

    /// The step rules shared by learning and relearning: Again goes back to the first step,
    /// Hard stays (on the first step, between the first two), Good moves to the next step.
    /// Returns nil when the card leaves its steps (Good on the last step, Easy, no steps).
    private func onSteps(
        _ steps: [Int], from step: Int, _ state: CardState, _ rating: Rating, now: Int64, today: Int,
        kind: ScheduledAnswer.Kind, phase: CardState.Phase
    ) -> ScheduledAnswer? {
        guard !steps.isEmpty else { return nil }
        let index = min(step, steps.count - 1)
        switch rating {
        case .again:
            return stepped(state, step: 0, seconds: steps[0], now: now, today: today, kind: kind, phase: phase)
        case .hard:
            let seconds = index == 0 ? firstStepHardDelay(steps) : steps[index]
            return stepped(state, step: index, seconds: seconds, now: now, today: today, kind: kind, phase: phase)
        case .good where index + 1 < steps.count:
            return stepped(state, step: index + 1, seconds: steps[index + 1], now: now, today: today, kind: kind, phase: phase)
        default:
            return nil
        }
    }

    /// Hard on the first step: the mean of the first two steps, or 1.5 times a single step (at
    /// most a day more); whole days once it passes a day.
    private func firstStepHardDelay(_ steps: [Int]) -> Int {
        let seconds = steps.count > 1 ? (steps[0] + steps[1]) / 2 : min(steps[0] * 3 / 2, steps[0] + Self.day)
        guard seconds > Self.day else { return seconds }
        return Int((Float(seconds) / Float(Self.day)).rounded()) * Self.day
    }

    /// A card on a (re)learning step. A step that would end after the next day starts is due
    /// on the day it ends, from that day's start.
    private func stepped(
        _ state: CardState, step: Int, seconds: Int, now: Int64, today: Int, kind: ScheduledAnswer.Kind, phase: CardState.Phase
    ) -> ScheduledAnswer {
        var next = state
        next.phase = phase
        next.step = step
        next.stepSeconds = seconds
        let end = now + Int64(seconds)
        next.due = end >= clock.start(ofDay: today + 1) ? .day(clock.day(of: end)) : .instant(end)
        return ScheduledAnswer(state: next, kind: kind, intervalDays: Double(seconds) / Double(Self.day))
    }

    // MARK: - Review

    private func review(_ state: CardState, _ rating: Rating, now: Int64, today: Int, fuzz: Float?) -> ScheduledAnswer {
        var next = state
        guard rating != .again else { return lapse(state, now: now, today: today) }
        // Only the intervals up to the rating given: each is the floor of the next, so Good
        // needs Hard's, and only Easy needs all three (a replay answers Good most often).
        let intervals = passingIntervals(state, today: today, fuzz: fuzz, upTo: rating)
        switch rating {
        case .hard:
            next.interval = intervals.hard
            next.ease = max(1300, state.ease - 150)
        case .good:
            next.interval = intervals.good
        default:
            next.interval = intervals.easy
            next.ease = state.ease + 150
        }
        next.due = .day(today + next.interval)
        return ScheduledAnswer(state: next, kind: .review, intervalDays: Double(next.interval))
    }

    /// Hard, Good and Easy for a review card, up to `rating` (the ones above it are left 0),
    /// each at least a day more than the one before, computed in `Float` left to right as
    /// Anki does, so the rounding matches it exactly.
    private func passingIntervals(
        _ state: CardState, today: Int, fuzz: Float?, upTo rating: Rating
    ) -> (hard: Int, good: Int, easy: Int) {
        let interval = Float(state.interval)
        var late: Float = 0
        if case .day(let due) = state.due { late = Float(max(0, today - due)) }
        let ease = Float(state.ease) / 1000
        let hard = constrain(interval * settings.hardFactor, minimum: state.interval + 1, fuzz: fuzz)
        guard rating > .hard else { return (hard, 0, 0) }
        let good = constrain((interval + late / 2) * ease, minimum: hard + 1, fuzz: fuzz)
        guard rating > .good else { return (hard, good, 0) }
        let easy = constrain((interval + late) * ease * settings.easyBonus, minimum: good + 1, fuzz: fuzz)
        return (hard, good, easy)
    }

    private func constrain(_ interval: Float, minimum: Int, fuzz: Float?) -> Int {
        let maximum = max(settings.maximumInterval, 1)
        let lower = min(max(minimum, 1), maximum)
        return Fuzz.apply(interval * settings.intervalModifier, minimum: lower, maximum: maximum, factor: fuzz)
    }

    /// Again on a review card: a lapse. The ease drops, the card may become a leech, and it
    /// relearns, keeping the interval it will return to.
    private func lapse(_ state: CardState, now: Int64, today: Int) -> ScheduledAnswer {
        var next = state
        next.lapses = state.lapses + 1
        next.ease = max(1300, state.ease - 200)
        let kept = Int((Float(state.interval) * settings.lapseFactor).rounded())
        next.interval = max(max(settings.minimumInterval, kept), 1)
        if isLeechThresholdMet(next.lapses) {
            next.leech = true
            if settings.leechAction == .suspend { next.suspended = true }
        }
        let steps = relearningSteps
        guard let first = steps.first else {
            next.due = .day(today + next.interval)
            return ScheduledAnswer(state: next, kind: .review, intervalDays: Double(next.interval))
        }
        var result = stepped(next, step: 0, seconds: first, now: now, today: today, kind: .review, phase: .relearning)
        result.kind = .review
        return result
    }

    /// At the threshold, then every half threshold after it (8, 12, 16, ... by default).
    func isLeechThresholdMet(_ lapses: Int) -> Bool {
        let threshold = settings.leechThreshold
        guard threshold > 0 else { return false }
        let half = max((threshold + 1) / 2, 1)
        return lapses >= threshold && (lapses - threshold) % half == 0
    }

    // MARK: - Relearning

    private func relearning(_ state: CardState, _ rating: Rating, now: Int64, today: Int) -> ScheduledAnswer {
        if let stepped = onSteps(relearningSteps, from: state.step, state, rating, now: now, today: today, kind: .relearn, phase: .relearning) {
            return stepped
        }
        var next = state
        switch rating {
        case .easy:
            next.interval = state.interval + 1
        default:
            break
        }
        next.phase = .review
        next.step = 0
        next.stepSeconds = 0
        next.due = .day(today + next.interval)
        return ScheduledAnswer(state: next, kind: .relearn, intervalDays: Double(next.interval))
    }
}
