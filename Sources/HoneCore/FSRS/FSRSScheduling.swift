/// The `fsrs` preset: Anki's FSRS mode (`rslib/src/scheduler/states/` with
/// `fsrs_next_states`). The phases and steps are those of the `anki` preset; what FSRS changes
/// is where a card goes when it leaves its steps and how far a review moves it: the interval at
/// which the card's modelled recall falls to the desired retention. Every answer updates the
/// memory state, computed from the stored (rounded) one with the days elapsed since the last
/// answer. The ease is kept moving as Anki keeps it, so switching back to SM-2 finds it.
struct FSRSScheduling: Sendable {
    let settings: SchedulerSettings
    let clock: DayClock
    let model: FSRSModel
    /// The step rules and the leech check, shared with the `anki` preset.
    let steps: AnkiScheduling
    /// Anki's "historical retention": the recall SM-2 is taken to have aimed at when a memory
    /// state is estimated from an ease and an interval (its default, which hone does not expose).
    static let sm2Retention: Float = 0.9

    init(settings: SchedulerSettings, clock: DayClock) {
        self.settings = settings
        self.clock = clock
        model = FSRSModel(parameters: settings.fsrsParameters)
        steps = AnkiScheduling(settings: settings, clock: clock)
    }

    /// What the four answers of one moment share.
    struct Moment {
        let step: AnkiScheduling.Moment
        /// The ratings' next memory states and their intervals in days (not rounded); only
        /// those an answer reads are worked out (see `ratingsRead`). Four fields, not arrays:
        /// a replay makes a moment per answer, and two arrays were two allocations each time.
        var again = Outcome()
        var hard = Outcome()
        var good = Outcome()
        var easy = Outcome()

        struct Outcome {
            var memory = FSRSMemoryState(stability: 0, difficulty: 0)
            var interval: Float = 0
        }

        subscript(rating: Rating) -> Outcome {
            get {
                switch rating {
                case .again: again
                case .hard: hard
                case .good: good
                case .easy: easy
                }
            }
            set {
                switch rating {
                case .again: again = newValue
                case .hard: hard = newValue
                case .good: good = newValue
                case .easy: easy = newValue
                }
            }
        }

        func memory(_ rating: Rating) -> FSRSMemoryState { self[rating].memory }
        func interval(_ rating: Rating) -> Float { self[rating].interval }
    }

    func answer(_ state: CardState, _ rating: Rating, at now: Int64, keyHash: UInt64) -> ScheduledAnswer {
        answer(state, rating, moment(of: state, at: now, keyHash: keyHash, reading: ratingsRead(state, rating)))
    }

    func nextStates(_ state: CardState, at now: Int64, keyHash: UInt64) -> NextStates {
        let moment = moment(of: state, at: now, keyHash: keyHash, reading: .again ... .easy)
        return NextStates(
            again: answer(state, .again, moment), hard: answer(state, .hard, moment),
            good: answer(state, .good, moment), easy: answer(state, .easy, moment), readsQuality: false)
    }

    /// Days elapsed as Anki counts them: whole days from the last answer to the start of the next
    /// learning day, so an answer earlier today is 0 days ago (FSRS's short-term case).
    func elapsedDays(since lastReview: Int64, today: Int) -> Int {
        let nextDayStart = clock.start(ofDay: today + 1)
        return Int(max(nextDayStart - lastReview, 0) / Int64(DayClock.secondsPerDay))
    }

    /// The card's memory state and the days since its last answer. A card set to review without
    /// one (an import from SM-2, a schedule set by hand) gets the state Anki estimates from its
    /// ease and interval, last reviewed the interval before its due day.
    func current(_ state: CardState, today: Int) -> (FSRSMemoryState?, Int) {
        let kept = state.memory?.fsrs
        let review = state.phaseState.review
        var memory = kept?.state
        if memory == nil, let review, review.intervalDays > 0 {
            memory = model.memoryFromSM2(
                ease: review.easeFactor, interval: Float(review.intervalDays), retention: Self.sm2Retention)
        }
        var lastReview = kept?.lastReview
        if lastReview == nil, case .review(let review) = state.phaseState {
            // The last second of that day: whole days from it to tomorrow's start are days since.
            lastReview = clock.start(ofDay: review.dueDay - review.intervalDays + 1) - 1
        }
        return (memory, lastReview.map { elapsedDays(since: $0, today: today) } ?? 0)
    }

    /// The ratings whose memory states answering `rating` reads: a review's passing interval
    /// is at least a day more than the one below it, and Easy leaving the steps a day more than
    /// Good. A replay answers one rating at a time, so it works out one or two, not four.
    private func ratingsRead(_ state: CardState, _ rating: Rating) -> ClosedRange<Rating> {
        if rating == .again { return .again ... .again }
        if state.phase == .review { return .hard...rating }
        return rating == .easy ? .good ... .easy : rating...rating
    }

    private func moment(
        of state: CardState, at now: Int64, keyHash: UInt64, reading ratings: ClosedRange<Rating>
    ) -> Moment {
        let today = clock.day(of: now)
        let fuzz = settings.fuzz ? Fuzz.factor(keyHash: keyHash, reps: state.reps) : nil
        let (memory, days) = current(state, today: today)
        var moment = Moment(step: AnkiScheduling.Moment(now: now, today: today, fuzz: fuzz))
        for raw in ratings.lowerBound.rawValue...ratings.upperBound.rawValue {
            guard let rating = Rating(rawValue: raw) else { continue }
            let next = model.step(memory, rating, days: Float(days))
            moment[rating] = Moment.Outcome(
                memory: next, interval: model.interval(stability: next.stability, retention: settings.desiredRetention))
        }
        return moment
    }

    private func answer(_ state: CardState, _ rating: Rating, _ moment: Moment) -> ScheduledAnswer {
        var next: ScheduledAnswer
        switch state.phaseState {
        case .new: next = learning(state, step: 0, rating, moment)
        case .learning(let learning): next = self.learning(state, step: learning.step, rating, moment)
        case .review(let review): next = self.review(state, review, rating, moment)
        case .relearning(let relearning): next = self.relearning(state, relearning, rating, moment)
        }
        next.state.reps = state.reps + 1
        next.state.memory = .fsrs(FSRSMemory(state: moment.memory(rating).stored, lastReview: moment.step.now))
        return next
    }

    // MARK: - Learning

    /// Steps as in the `anki` preset; leaving them, the card graduates to FSRS's interval.
    private func learning(_ state: CardState, step: Int, _ rating: Rating, _ moment: Moment) -> ScheduledAnswer {
        if let stepped = steps.onSteps(steps.learningSteps, from: step, rating, moment.step) {
            return steps.outcome(
                state, .learning(stepped), kind: .learn, days: steps.days(seconds: stepped.stepSeconds))
        }
        // With no learning steps, a sub-half-day interval is kept as a step (FSRS's short term).
        if rating != .easy, steps.learningSteps.isEmpty, let seconds = shortTerm(moment.interval(rating)) {
            let stepped = steps.stepped(0, seconds: seconds, moment.step)
            return steps.outcome(state, .learning(stepped), kind: .learn, days: steps.days(seconds: seconds))
        }
        let interval = graduating(rating, moment)
        let review = ReviewState(
            intervalDays: interval, easePermille: settings.startingEase, dueDay: moment.step.today + interval)
        return steps.outcome(state, .review(review), kind: .learn, days: Double(interval))
    }

    /// Leaving the steps: the rating's interval, rounded, at least a day; Easy at least a day
    /// more than Good.
    private func graduating(_ rating: Rating, _ moment: Moment) -> Int {
        let maximum = maximumInterval
        guard rating == .easy else {
            return fuzzed(wholeDays(moment.interval(rating)), minimum: 1, maximum: maximum, moment)
        }
        let good = fuzzed(moment.interval(.good), minimum: 1, maximum: maximum, moment)
        return fuzzed(wholeDays(moment.interval(.easy)), minimum: good + 1, maximum: maximum, moment)
    }

    // MARK: - Review

    private func review(_ state: CardState, _ review: ReviewState, _ rating: Rating, _ moment: Moment)
        -> ScheduledAnswer
    {
        var next = review
        switch rating {
        case .again: return lapse(state, review, moment)
        case .hard:
            next.intervalDays = passingIntervals(review, moment, upTo: .hard).hard
            next.easePermille = max(ReviewState.minimumEase, review.easePermille + AnkiScheduling.hardEaseChange)
        case .good: next.intervalDays = passingIntervals(review, moment, upTo: .good).good
        case .easy:
            next.intervalDays = passingIntervals(review, moment, upTo: .easy).easy
            next.easePermille = review.easePermille + AnkiScheduling.easyEaseChange
        }
        next.dueDay = moment.step.today + next.intervalDays
        return steps.outcome(state, .review(next), kind: .review, days: Double(next.intervalDays))
    }

    /// Hard, Good and Easy: each FSRS interval, kept from falling below the previous interval
    /// when that is within its fuzz range, and each at least a day more than the one before.
    private func passingIntervals(_ review: ReviewState, _ moment: Moment, upTo rating: Rating)
        -> AnkiScheduling.PassingIntervals
    {
        var result = AnkiScheduling.PassingIntervals()
        func passing(_ rating: Rating, above floor: Int) -> Int {
            let interval = moment.interval(rating)
            let minimum = max(keptMinimum(interval, previous: review.intervalDays), floor)
            return fuzzed(interval, minimum: minimum, maximum: maximumInterval, moment)
        }
        result.hard = passing(.hard, above: 1)
        guard rating > .hard else { return result }
        result.good = passing(.good, above: result.hard + 1)
        guard rating > .good else { return result }
        result.easy = passing(.easy, above: result.good + 1)
        return result
    }

    /// Anki's `minimum_review_fuzz_interval`: a passing interval that would not grow stays at
    /// least the previous one when that lies within the new interval's fuzz range.
    private func keptMinimum(_ interval: Float, previous: Int) -> Int {
        let rounded = wholeDays(interval)
        let upper = Fuzz.bounds(interval, minimum: 1, maximum: maximumInterval).upperBound
        if rounded > previous { return previous + 1 }
        return previous <= upper ? previous : 0
    }

    /// Again on a review card: a lapse, as in the `anki` preset, but the interval kept for after
    /// relearning is FSRS's Again interval (rounded, not fuzzed).
    private func lapse(_ state: CardState, _ review: ReviewState, _ moment: Moment) -> ScheduledAnswer {
        var next = state
        next.lapses = state.lapses + 1
        if steps.isLeechThresholdMet(next.lapses) {
            next.leech = true
            if settings.leechAction == .suspend { next.suspended = true }
        }
        let againDays = moment.interval(.again)
        var kept = review
        kept.intervalDays = max(wholeDays(againDays), 1)
        kept.easePermille = max(ReviewState.minimumEase, review.easePermille + AnkiScheduling.lapseEaseChange)
        if let first = steps.relearningSteps.first {
            let relearning = RelearningState(learning: steps.stepped(0, seconds: first, moment.step), review: kept)
            return steps.outcome(next, .relearning(relearning), kind: .review, days: steps.days(seconds: first))
        }
        if let seconds = shortTerm(againDays) {
            let relearning = RelearningState(learning: steps.stepped(0, seconds: seconds, moment.step), review: kept)
            return steps.outcome(next, .relearning(relearning), kind: .review, days: steps.days(seconds: seconds))
        }
        kept.dueDay = moment.step.today + kept.intervalDays
        return steps.outcome(next, .review(kept), kind: .review, days: Double(kept.intervalDays))
    }

    // MARK: - Relearning

    private func relearning(_ state: CardState, _ relearning: RelearningState, _ rating: Rating, _ moment: Moment)
        -> ScheduledAnswer
    {
        let onSteps = steps.onSteps(steps.relearningSteps, from: relearning.learning.step, rating, moment.step)
        if let stepped = onSteps {
            var review = relearning.review
            // Again restarts the steps and keeps FSRS's Again interval for after them.
            if rating == .again { review.intervalDays = max(wholeDays(moment.interval(.again)), 1) }
            let next = RelearningState(learning: stepped, review: review)
            return steps.outcome(
                state, .relearning(next), kind: .relearn, days: steps.days(seconds: stepped.stepSeconds))
        }
        var review = relearning.review
        let interval = moment.interval(rating)
        if rating != .easy, steps.relearningSteps.isEmpty, let seconds = shortTerm(interval) {
            review.intervalDays = fuzzed(wholeDays(interval), minimum: 1, maximum: maximumInterval, moment)
            let next = RelearningState(learning: steps.stepped(0, seconds: seconds, moment.step), review: review)
            return steps.outcome(state, .relearning(next), kind: .relearn, days: steps.days(seconds: seconds))
        }
        review.intervalDays = graduating(rating, moment)
        review.dueDay = moment.step.today + review.intervalDays
        return steps.outcome(state, .review(review), kind: .relearn, days: Double(review.intervalDays))
    }

    // MARK: - Intervals

    private var maximumInterval: Int { max(settings.maximumInterval, 1) }

    /// Anki's `interval.round().max(1.0)` before the fuzz.
    private func wholeDays(_ interval: Float) -> Int {
        let rounded = interval.rounded()
        return rounded >= Float(Int32.max) ? Int(Int32.max) : Int(max(rounded, 1))
    }

    private func fuzzed(_ interval: Int, minimum: Int, maximum: Int, _ moment: Moment) -> Int {
        fuzzed(Float(interval), minimum: minimum, maximum: maximum, moment)
    }

    private func fuzzed(_ interval: Float, minimum: Int, maximum: Int, _ moment: Moment) -> Int {
        Fuzz.apply(interval, minimum: min(max(minimum, 1), maximum), maximum: maximum, factor: moment.step.fuzz)
    }

    /// FSRS's short-term scheduling, which Anki allows with the default weights when a phase has
    /// no steps: an interval under half a day is kept as a step of that many seconds.
    private func shortTerm(_ interval: Float) -> Int? {
        let w = model.w
        guard w[17] > 0, w[18] > 0, interval < 0.5 else { return nil }
        return Int(max(interval * 86_400, 0))
    }
}
