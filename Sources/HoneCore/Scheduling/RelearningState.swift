/// A card that lapsed: it goes through the relearning steps, then back to review with the
/// interval and ease it keeps meanwhile.
public struct RelearningState: Hashable, Sendable {
    /// The relearning step the card stands on.
    public var learning: LearningState
    /// What the card returns to: the interval kept after the lapse and the lowered ease.
    public var review: ReviewState

    public init(learning: LearningState, review: ReviewState) {
        self.learning = learning
        self.review = review
    }
}
