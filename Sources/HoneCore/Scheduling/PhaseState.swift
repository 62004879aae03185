/// Where a card stands in its learning, each phase with what it needs and nothing more (the
/// shape of Anki's `NormalState`): a new card has no schedule, a learning card a step, a review
/// card an interval and ease, a relearning card both.
public enum PhaseState: Hashable, Sendable {
    /// Never answered. No payload: hone orders new cards by their decks, not by a stored position.
    case new
    case learning(LearningState)
    case review(ReviewState)
    case relearning(RelearningState)

    public var phase: CardState.Phase {
        switch self {
        case .new: .new
        case .learning: .learning
        case .review: .review
        case .relearning: .relearning
        }
    }

    /// The step a learning or relearning card stands on.
    public var learning: LearningState? {
        switch self {
        case .learning(let learning): learning
        case .relearning(let relearning): relearning.learning
        case .new, .review: nil
        }
    }

    /// The interval and ease of a review card, or those a relearning card returns to.
    public var review: ReviewState? {
        switch self {
        case .review(let review): review
        case .relearning(let relearning): relearning.review
        case .new, .learning: nil
        }
    }

    /// When the card is next due: a (re)learning card when its step ends, a review card on its day.
    public var due: CardState.Due {
        if case .review(let review) = self { return .day(review.dueDay) }
        switch learning?.due {
        case nil: return .none
        case .instant(let at): return .instant(at)
        case .day(let day): return .day(day)
        }
    }

    /// The phase state the flat fields of the first store layouts (one struct of every field,
    /// meaningful or not) stand for. A field the phase does not hold is dropped; a due the
    /// phase cannot hold reads as 0 (a step at 1970's first second, a review on day 0), which
    /// the scheduler never wrote. While relearning, the review's due day was not kept: 0.
    public init(phase: CardState.Phase, due: CardState.Due, interval: Int, ease: Int, step: Int, stepSeconds: Int) {
        let learningDue: LearningState.Due
        let dueDay: Int
        switch due {
        case .none: (learningDue, dueDay) = (.instant(0), 0)
        case .instant(let at): (learningDue, dueDay) = (.instant(at), 0)
        case .day(let day): (learningDue, dueDay) = (.day(day), day)
        }
        let learning = LearningState(step: step, stepSeconds: stepSeconds, due: learningDue)
        switch phase {
        case .new: self = .new
        case .learning: self = .learning(learning)
        case .review: self = .review(ReviewState(intervalDays: interval, easePermille: ease, dueDay: dueDay))
        case .relearning:
            let review = ReviewState(intervalDays: interval, easePermille: ease, dueDay: 0)
            self = .relearning(RelearningState(learning: learning, review: review))
        }
    }
}
