/// Anki's SM-2 variant (the `anki` preset), as `scheduler.md` gives it: learning steps,
/// graduation, the Hard/Good/Easy formulas in 32-bit floats, lapses and relearning, leeches.
/// The steps are in `AnkiScheduling+Steps.swift`, reviews and lapses in `+Review.swift`.
struct AnkiScheduling: Sendable {
    let settings: SchedulerSettings
    let clock: DayClock
    /// The steps in seconds, worked out once.
    let learningSteps: [Int]
    let relearningSteps: [Int]

    /// What the answers of one moment share, worked out once for all four buttons.
    struct Moment {
        /// Seconds since 1970.
        let now: Int64
        /// The learning day of `now`.
        let today: Int
        /// Where in its range a fuzzed interval lands, in [0, 1); nil with fuzz off.
        let fuzz: Float?
    }

    init(settings: SchedulerSettings, clock: DayClock) {
        self.settings = settings
        self.clock = clock
        learningSteps = settings.learningSteps.map(\.seconds)
        relearningSteps = settings.relearningSteps.map(\.seconds)
    }

    func answer(_ state: CardState, _ rating: Rating, at now: Int64, keyHash: UInt64) -> ScheduledAnswer {
        answer(state, rating, moment(of: state, at: now, keyHash: keyHash), passing: nil)
    }

    func nextStates(_ state: CardState, at now: Int64, keyHash: UInt64) -> NextStates {
        let moment = moment(of: state, at: now, keyHash: keyHash)
        // A review card's three passing intervals come from one computation (each is the floor
        // of the next), not three.
        var passing: PassingIntervals?
        if case .review(let review) = state.phaseState { passing = passingIntervals(review, moment, upTo: .easy) }
        return NextStates(
            again: answer(state, .again, moment, passing: passing),
            hard: answer(state, .hard, moment, passing: passing),
            good: answer(state, .good, moment, passing: passing),
            easy: answer(state, .easy, moment, passing: passing),
            readsQuality: false)
    }

    private func moment(of state: CardState, at now: Int64, keyHash: UInt64) -> Moment {
        // Seeded by the card and its answer count, so a replay lands on the same days.
        let fuzz = settings.fuzz ? Fuzz.factor(keyHash: keyHash, reps: state.reps) : nil
        return Moment(now: now, today: clock.day(of: now), fuzz: fuzz)
    }

    /// `passing`: a review card's passing intervals when already worked out, else nil.
    private func answer(_ state: CardState, _ rating: Rating, _ moment: Moment, passing: PassingIntervals?)
        -> ScheduledAnswer
    {
        var next: ScheduledAnswer
        switch state.phaseState {
        case .new:
            // A new card counts as standing on the first step.
            next = learning(state, step: 0, rating, moment)
        case .learning(let learning):
            next = self.learning(state, step: learning.step, rating, moment)
        case .review(let review):
            next = self.review(state, review, rating, moment, passing: passing)
        case .relearning(let relearning):
            next = self.relearning(state, relearning, rating, moment)
        }
        next.state.reps = state.reps + 1
        return next
    }

    /// `state` moved to `phaseState` by an answer logged as `kind`, which gave `days`.
    func outcome(_ state: CardState, _ phaseState: PhaseState, kind: ScheduledAnswer.Kind, days: Double)
        -> ScheduledAnswer
    {
        var next = state
        next.phaseState = phaseState
        return ScheduledAnswer(state: next, kind: kind, intervalDays: days)
    }
}
