/// New, learning and relearning cards: the steps, and graduation to review.
extension AnkiScheduling {
    /// A new or learning card on `step`: Again goes back to the first step, Hard stays, Good
    /// moves on; Good on the last step (or any answer with no steps) graduates with the
    /// graduating interval, Easy at once with the easy interval, both at the starting ease.
    func learning(_ state: CardState, step: Int, _ rating: Rating, _ moment: Moment) -> ScheduledAnswer {
        if let stepped = onSteps(learningSteps, from: step, rating, moment) {
            return outcome(state, .learning(stepped), kind: .learn, days: days(seconds: stepped.stepSeconds))
        }
        let graduating = rating == .easy ? settings.easyInterval : settings.graduatingInterval
        let interval = Fuzz.apply(
            Float(graduating), minimum: ReviewState.shortestInterval, maximum: settings.maximumInterval,
            factor: moment.fuzz)
        let review = ReviewState(
            intervalDays: interval, easePermille: settings.startingEase, dueDay: moment.today + interval)
        return outcome(state, .review(review), kind: .learn, days: Double(interval))
    }

    /// A relearning card: the step rules of learning, and no lapse, ease change or leech check
    /// on Again. Leaving the steps returns it to review with the kept interval (Easy: a day more).
    func relearning(_ state: CardState, _ relearning: RelearningState, _ rating: Rating, _ moment: Moment)
        -> ScheduledAnswer
    {
        if let stepped = onSteps(relearningSteps, from: relearning.learning.step, rating, moment) {
            let next = RelearningState(learning: stepped, review: relearning.review)
            return outcome(state, .relearning(next), kind: .relearn, days: days(seconds: stepped.stepSeconds))
        }
        var review = relearning.review
        if rating == .easy { review.intervalDays += 1 }
        review.dueDay = moment.today + review.intervalDays
        return outcome(state, .review(review), kind: .relearn, days: Double(review.intervalDays))
    }

    /// The step rules shared by learning and relearning: Again goes back to the first step,
    /// Hard stays (on the first step, between the first two), Good moves to the next step.
    /// Returns nil when the card leaves its steps (Good on the last step, Easy, no steps).
    func onSteps(_ steps: [Int], from step: Int, _ rating: Rating, _ moment: Moment) -> LearningState? {
        guard let first = steps.first else { return nil }
        let index = min(step, steps.count - 1)
        switch rating {
        case .again:
            return stepped(0, seconds: first, moment)
        case .hard:
            return stepped(index, seconds: index == 0 ? firstStepHardDelay(steps) : steps[index], moment)
        case .good where index + 1 < steps.count:
            return stepped(index + 1, seconds: steps[index + 1], moment)
        case .good, .easy:
            return nil
        }
    }

    /// Hard on the first step: the mean of the first two steps, or half again a single step (at
    /// most a day more); whole days once it passes a day.
    private func firstStepHardDelay(_ steps: [Int]) -> Int {
        let day = DayClock.secondsPerDay
        let seconds = steps.count > 1 ? (steps[0] + steps[1]) / 2 : min(steps[0] + steps[0] / 2, steps[0] + day)
        guard seconds > day else { return seconds }
        return Int((Float(seconds) / Float(day)).rounded()) * day
    }

    /// Standing on step `step`, `seconds` long from now. A step that would end after the next
    /// day starts is due on the day it ends, from that day's start.
    func stepped(_ step: Int, seconds: Int, _ moment: Moment) -> LearningState {
        let end = moment.now + Int64(seconds)
        let due: LearningState.Due =
            end >= clock.start(ofDay: moment.today + 1) ? .day(clock.day(of: end)) : .instant(end)
        return LearningState(step: step, stepSeconds: seconds, due: due)
    }

    /// A step's length as the log's interval: a fraction of a day.
    func days(seconds: Int) -> Double {
        Double(seconds) / Double(DayClock.secondsPerDay)
    }
}
