/// Review cards: the Hard/Good/Easy intervals in 32-bit floats, the ease steps, and lapses.
extension AnkiScheduling {
    /// Ease changes in permille: Hard -0.15, Easy +0.15, Again (a lapse) -0.20; Good none.
    static let hardEaseChange = -150
    static let easyEaseChange = 150
    static let lapseEaseChange = -200

    /// Hard, Good and Easy for a review card; those above the rating asked for are left 0.
    struct PassingIntervals {
        var hard = 0
        var good = 0
        var easy = 0
    }

    /// `passing`: the card's passing intervals when already worked out, else nil.
    func review(
        _ state: CardState, _ review: ReviewState, _ rating: Rating, _ moment: Moment, passing: PassingIntervals?
    ) -> ScheduledAnswer {
        var next = review
        // Only the intervals up to the rating given: each is the floor of the next, so Good
        // needs Hard's, and only Easy needs all three (a replay answers Good most often).
        switch rating {
        case .again:
            return lapse(state, review, moment)
        case .hard:
            next.intervalDays = (passing ?? passingIntervals(review, moment, upTo: .hard)).hard
            next.easePermille = max(ReviewState.minimumEase, review.easePermille + Self.hardEaseChange)
        case .good:
            next.intervalDays = (passing ?? passingIntervals(review, moment, upTo: .good)).good
        case .easy:
            next.intervalDays = (passing ?? passingIntervals(review, moment, upTo: .easy)).easy
            next.easePermille = review.easePermille + Self.easyEaseChange
        }
        next.dueDay = moment.today + next.intervalDays
        return outcome(state, .review(next), kind: .review, days: Double(next.intervalDays))
    }

    /// Hard, Good and Easy up to `rating`, each at least a day more than the one before,
    /// computed in `Float` left to right as Anki does, so the rounding matches it exactly.
    /// Lateness (never negative) counts half for Good, whole for Easy, not for Hard.
    func passingIntervals(_ review: ReviewState, _ moment: Moment, upTo rating: Rating) -> PassingIntervals {
        let interval = Float(review.intervalDays)
        let late = Float(max(0, moment.today - review.dueDay))
        let ease = review.easeFactor
        var result = PassingIntervals()
        result.hard = constrain(interval * settings.hardFactor, minimum: review.intervalDays + 1, fuzz: moment.fuzz)
        guard rating > .hard else { return result }
        result.good = constrain((interval + late / 2) * ease, minimum: result.hard + 1, fuzz: moment.fuzz)
        guard rating > .good else { return result }
        result.easy = constrain(
            (interval + late) * ease * settings.easyBonus, minimum: result.good + 1, fuzz: moment.fuzz)
        return result
    }

    /// The interval modifier, the rounding (or the fuzz), and the clamp to the knobs' bounds.
    private func constrain(_ interval: Float, minimum: Int, fuzz: Float?) -> Int {
        let maximum = max(settings.maximumInterval, ReviewState.shortestInterval)
        let lower = min(max(minimum, ReviewState.shortestInterval), maximum)
        return Fuzz.apply(interval * settings.intervalModifier, minimum: lower, maximum: maximum, factor: fuzz)
    }

    /// Again on a review card: a lapse. The ease drops, the card may become a leech, and it
    /// relearns, keeping the interval it will return to (with no relearning steps, it stays
    /// in review with that interval).
    private func lapse(_ state: CardState, _ review: ReviewState, _ moment: Moment) -> ScheduledAnswer {
        var next = state
        next.lapses = state.lapses + 1
        if isLeechThresholdMet(next.lapses) {
            next.leech = true
            if settings.leechAction == .suspend { next.suspended = true }
        }
        var kept = review
        let lapsed = Int((Float(review.intervalDays) * settings.lapseFactor).rounded())
        kept.intervalDays = max(max(settings.minimumInterval, lapsed), ReviewState.shortestInterval)
        kept.easePermille = max(ReviewState.minimumEase, review.easePermille + Self.lapseEaseChange)
        guard let first = relearningSteps.first else {
            kept.dueDay = moment.today + kept.intervalDays
            return outcome(next, .review(kept), kind: .review, days: Double(kept.intervalDays))
        }
        let relearning = RelearningState(learning: stepped(0, seconds: first, moment), review: kept)
        return outcome(next, .relearning(relearning), kind: .review, days: days(seconds: first))
    }

    /// At the threshold, then every half threshold after it (8, 12, 16, ... by default).
    func isLeechThresholdMet(_ lapses: Int) -> Bool {
        let threshold = settings.leechThreshold
        guard threshold > 0 else { return false }
        let half = max((threshold + 1) / 2, 1)
        return lapses >= threshold && (lapses - threshold) % half == 0
    }
}
