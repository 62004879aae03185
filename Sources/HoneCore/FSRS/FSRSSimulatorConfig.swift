/// What the review simulator assumes about the learner and the schedule, as `fsrs-rs`'s
/// `SimulatorConfig` (6.6.1): how long to simulate, the daily limits, how answers are given
/// (the probabilities of each button) and how long they take (seconds per answer). The
/// defaults are `fsrs-rs`'s, which it fitted to a large body of Anki users' logs; the deck
/// size is not here, it is the number of cards given to the simulator.
public struct FSRSSimulatorConfig: Hashable, Sendable {
    /// The days simulated, today first (`learn_span`).
    public var days = 365
    /// New cards introduced a day at most (`learn_limit`); 0 introduces none.
    public var newPerDay = Int.max
    /// Reviews a day at most (`review_limit`): the rest wait for the next day.
    public var reviewsPerDay = Int.max
    /// New cards are introduced whatever the reviews done (`new_cards_ignore_review_limit`).
    public var newCardsIgnoreReviewLimit = true
    /// Seconds of practice a day after which the day's remaining cards wait (`max_cost_perday`).
    public var maximumSecondsPerDay: Float = 1800
    /// The longest interval, in days (`max_ivl`).
    public var maximumInterval: Float = 36_500
    /// A card that has lapsed this many times is no longer reviewed (`suspend_after_lapses`).
    public var suspendAfterLapses: Int?
    /// The first answer to a new card: Again, Hard, Good, Easy (`first_rating_prob`).
    public var firstRatingProbabilities: [Float] = [0.24, 0.094, 0.495, 0.171]
    /// A review's answer when the card is recalled: Hard, Good, Easy (`review_rating_prob`);
    /// whether it is recalled is drawn from its retrievability.
    public var reviewRatingProbabilities: [Float] = [0.224, 0.631, 0.145]
    /// The next answer during learning steps after Again, Hard, Good (rows), as the
    /// probabilities of Again, Hard, Good, Easy (`learning_step_transitions`).
    public var learningStepTransitions: [[Float]] = [
        [0.3686, 0.0628, 0.5108, 0.0577], [0.0442, 0.4553, 0.4457, 0.0549], [0.0519, 0.047, 0.8462, 0.055],
    ]
    /// The same during relearning steps (`relearning_step_transitions`).
    public var relearningStepTransitions: [[Float]] = [
        [0.2157, 0.0643, 0.6595, 0.0604], [0.05, 0.4638, 0.4475, 0.0387], [0.1057, 0.1434, 0.7266, 0.0244],
    ]
    /// Seconds an answer takes, by the card's phase (learning, review, relearning: rows) and
    /// the button (Again to Easy) (`state_rating_costs`).
    public var secondsPerAnswer: [[Float]] = [
        [19.58, 18.79, 13.78, 10.71], [19.38, 17.59, 12.38, 8.94], [16.44, 15.25, 12.32, 8.03],
    ]
    /// Good answers in a row that end learning (`learning_step_count`).
    public var learningStepCount = 2
    /// The same for relearning after a lapse (`relearning_step_count`).
    public var relearningStepCount = 1

    public init() {}

    /// The phases, as rows of `secondsPerAnswer`.
    static let learning = 0
    static let review = 1
    static let relearning = 2
}
