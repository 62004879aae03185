import HoneCore

/// What `hone optimize` found: the log it read, the weights in use and the fitted ones with
/// how well each predicts it, the ones kept, and where they were saved.
public struct OptimizeReport: Sendable {
    /// Answers in the histories the optimizer reads, cards, and items (answers predicted).
    public var answers: Int
    public var cards: Int
    public var items: Int
    /// Items trained on, after the outlier filter and the length limit.
    public var trainedItems: Int
    public var current: [Float]
    public var currentScore: FSRSEvaluation?
    /// What the optimizer fitted, and its score.
    public var fitted: [Float]
    public var fittedScore: FSRSEvaluation?
    /// The weights to use: the fitted ones, unless they predict the history no better than
    /// the current ones (then the current, as Anki keeps them).
    public var best: [Float]
    /// Only the four initial stabilities could be fitted (every item a first interval).
    public var initialOnly: Bool
    /// The config file written, when `--save` wrote one.
    public var savedTo: String?
    /// Whether the weights take effect: the config's preset is `fsrs`.
    public var presetIsFSRS: Bool

    public init(
        answers: Int, cards: Int, items: Int, trainedItems: Int, current: [Float], currentScore: FSRSEvaluation?,
        fitted: [Float], fittedScore: FSRSEvaluation?, best: [Float], initialOnly: Bool, savedTo: String?,
        presetIsFSRS: Bool
    ) {
        self.answers = answers
        self.cards = cards
        self.items = items
        self.trainedItems = trainedItems
        self.current = current
        self.currentScore = currentScore
        self.fitted = fitted
        self.fittedScore = fittedScore
        self.best = best
        self.initialOnly = initialOnly
        self.savedTo = savedTo
        self.presetIsFSRS = presetIsFSRS
    }
}
