import Foundation

/// Fits FSRS-6's 21 weights to a review history as `fsrs-rs` 6.6.1's `compute_parameters` does
/// when Anki calls it (`training.rs`, with card ids and 8 epochs): outliers filtered
/// (`filter_outlier`), the first four weights started from the first answers
/// (`parameter_initialization.rs`), then Adam over batches of whole cards, each prediction
/// weighted by its recency, the loss the binary cross-entropy plus an L2 pull toward the
/// starting weights, the learning rate on a cosine, the weights clipped after every step.
///
/// Where it departs from `fsrs-rs`: the batches are shuffled by a SplitMix64 generator seeded
/// with the same seed, not `rand`'s ChaCha12, so the order of the batches (not their content)
/// differs.
public struct FSRSOptimizer: Sendable {
    /// `fsrs-rs`'s `TrainingConfig`, with Anki's 8 epochs.
    public struct Settings: Hashable, Sendable {
        public var epochs = 8
        public var batchSize = 512
        public var seed: UInt64 = 2023
        public var learningRate = 0.04
        public var maxSequenceLength = 256
        public var gamma = 1.0
        /// Relearning steps within a day: bounds `w[17]·w[18]` (`clip_parameters`).
        public var relearningSteps = 1

        public init() {}
    }

    /// Below this many items left after the outlier filter, `fsrs-rs` trains nothing but the
    /// four initial stabilities (and below 8, nothing at all): hone refuses instead.
    public static let minimumItems = 64

    /// Why no weights were fitted.
    public enum Problem: Error, Equatable, Sendable {
        /// Fewer items than `minimumItems` to train on (after the outlier filter).
        case tooFewItems(Int)
        /// No card's first answer on a later day survived the filter (`NotEnoughData`).
        case noFirstIntervals
        /// The fit gave weights that are not numbers.
        case notFinite
    }

    public struct Fit: Hashable, Sendable {
        public var weights: [Float]
        /// The items trained on, after the outlier filter and the length limit.
        public var trainedItems: Int
        /// Only the four initial stabilities were fitted: every item left is a card's first
        /// interval (`fsrs-rs` then trains nothing more).
        public var initialOnly: Bool
    }

    /// Per weight, the spread of fitted weights across many learners (`PARAMS_STDDEV`): the L2
    /// pull is scaled by it.
    static let weightSpread: [Float] = [
        6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25, 1.03, 0.31,
        0.32,
        0.14, 0.27,
    ]

    public let settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public func fit(_ set: FSRSTrainingSet) -> Result<Fit, Problem> {
        let (initialization, training) = Self.filterOutliers(set)
        if training.count < Self.minimumItems { return .failure(.tooFewItems(training.count)) }
        let passed = training.reduce(0) { $0 + (set.reviews(of: $1).last.map { $0.rating > 1 ? 1 : 0 } ?? 0) }
        let averageRecall = Float(passed) / Float(training.count)
        guard let initial = FSRSInitialStability.fit(initialization, of: set, averageRecall: averageRecall) else {
            return .failure(.noFirstIntervals)
        }
        let start = initial.stabilities + FSRSParameters.defaultWeights[4...]
        if training.count == initialization.count {
            return .success(Fit(weights: start, trainedItems: training.count, initialOnly: true))
        }
        let weights = FSRSEvaluation.recencyWeights(count: training.count)
        var kept: [(item: FSRSTrainingSet.Item, weight: Float)] = []
        kept.reserveCapacity(training.count)
        for (item, weight) in zip(training, weights) where Int(item.length) <= settings.maxSequenceLength {
            kept.append((item, weight))
        }
        let trained = train(kept, of: set, from: start)
        guard trained.allSatisfy(\.isFinite) else { return .failure(.notFinite) }
        let fitted = [1: trained[0], 2: trained[1], 3: trained[2], 4: trained[3]]
        guard let stabilities = FSRSInitialStability.smoothAndFill(fitted, counts: initial.ratingCounts) else {
            return .failure(.noFirstIntervals)
        }
        return .success(Fit(weights: stabilities + trained[4...], trainedItems: kept.count, initialOnly: false))
    }

    /// `filter_outlier` as `compute_parameters` applies it: among the items that are a card's
    /// first interval, grouped by first rating and days, the rarest groups (5% of each rating,
    /// at least 20 items) and those of fewer than 6 items or over 100 days (365 for Easy) are
    /// dropped, and with them every item of their cards. Returns the first intervals kept (to
    /// start the initial stabilities from) and every item kept, in time order.
    static func filterOutliers(_ set: FSRSTrainingSet) -> (
        initialization: [FSRSTrainingSet.Item], training: [FSRSTrainingSet.Item]
    ) {
        // Rating of the first answer -> days to the second -> the item indexes.
        // Each card's first answer on a later day: its place among the card's answers.
        let firstIntervals = (0..<set.cardCount).map { card in
            set.reviews(ofCard: card).firstIndex { $0.deltaT > 0 }.map { $0 - set.cardStarts[card] } ?? -1
        }
        var groups: [Int32: [Int32: [Int]]] = [:]
        for (index, item) in set.items.enumerated() where Int(item.length) - 1 == firstIntervals[Int(item.card)] {
            let reviews = set.reviews(of: item)
            guard let first = reviews.first, let last = reviews.last else { continue }
            groups[first.rating, default: [:]][last.deltaT, default: []].append(index)
        }
        var removed: [Int32: Set<Int32>] = [:]
        var kept: [Int] = []
        for rating in groups.keys.sorted() {
            guard let byDays = groups[rating] else { continue }
            // Fewest items first, then fewest days (fsrs-rs sorts the other way and walks back).
            let subgroups = byDays.sorted { a, b in
                a.value.count != b.value.count ? a.value.count < b.value.count : a.key < b.key
            }
            let total = subgroups.reduce(0) { $0 + $1.value.count }
            var removedCount = 0
            for (days, indexes) in subgroups {
                if removedCount + indexes.count >= max(20, total / 20) {
                    if indexes.count >= 6, days <= (rating != 4 ? 100 : 365) {
                        kept += indexes
                    } else {
                        removed[rating, default: []].insert(days)
                    }
                } else {
                    removedCount += indexes.count
                    removed[rating, default: []].insert(days)
                }
            }
        }
        let initialization = kept.map { set.items[$0] }
        // A card's items survive when its first interval's group did.
        let survives = (0..<set.cardCount).map { card in
            let reviews = set.reviews(ofCard: card)
            guard let first = reviews.first, firstIntervals[card] >= 0 else { return false }
            let firstInterval = set.reviews[set.cardStarts[card] + firstIntervals[card]]
            return removed[first.rating]?.contains(firstInterval.deltaT) != true
        }
        let training = set.items.filter { survives[Int($0.card)] }
        return (initialization, training)
    }
}
