import Dispatch
import Foundation

/// How well a set of weights predicts a review history, as `fsrs-rs`'s `evaluate` measures it
/// (and Anki shows it): every item predicted from the card's answers before it with
/// `FSRSModel`, each weighted by its recency (`0.25 + 0.75·(i/(n-1))³` for the i-th of n in
/// time order), in 32-bit floats.
public struct FSRSEvaluation: Hashable, Sendable {
    /// The weighted binary cross-entropy of the predictions (lower is better).
    public var logLoss: Float
    /// RMSE(bins): items binned by days since the previous answer, number of long-term answers
    /// and lapses (`r_matrix_index`); within each bin, the mean prediction against the pass
    /// rate; the root of the squared differences' mean, weighted by the bins' weights.
    public var rmseBins: Float

    public init(logLoss: Float, rmseBins: Float) {
        self.logLoss = logLoss
        self.rmseBins = rmseBins
    }

    /// Nil for a set without items, or predictions that give no finite figures.
    public static func evaluate(_ model: FSRSModel, on set: FSRSTrainingSet, threads: Int = 2) -> FSRSEvaluation? {
        Scoring(set).score(model, threads: threads)
    }

    /// What scoring needs of a set whatever the weights, worked out once: each item's answer,
    /// label, recency weight and bin (bins numbered in the order of their keys).
    public struct Scoring: Sendable {
        let set: FSRSTrainingSet
        /// Per item, in time order: its answer's index in `set.reviews`, its bin's number.
        let answers: [Int32]
        let bins: [Int32]
        let labels: [Float]
        let weights: [Float]
        let binCount: Int

        public init(_ set: FSRSTrainingSet) {
            self.set = set
            // Each answer's bin, worked out card by card (an item's bin depends on its card's
            // answers up to it).
            var binOfAnswer = [UInt64](repeating: 0, count: set.reviews.count)
            var keyCache = Bin.Cache()
            for card in 0..<set.cardCount {
                var longTerm: UInt32 = 0
                var lapses: UInt32 = 0
                for index in set.cardStarts[card]..<set.cardStarts[card + 1] {
                    let review = set.reviews[index]
                    if review.deltaT > 0 {
                        longTerm += 1
                        binOfAnswer[index] = keyCache.key(deltaT: review.deltaT, longTerm: longTerm, lapses: lapses)
                        if review.rating == 1 { lapses += 1 }
                    }
                }
            }
            var answers = [Int32]()
            var labels = [Float]()
            answers.reserveCapacity(set.items.count)
            labels.reserveCapacity(set.items.count)
            for item in set.items {
                let answer = set.cardStarts[Int(item.card)] + Int(item.length) - 1
                answers.append(Int32(answer))
                labels.append(set.reviews[answer].rating > 1 ? 1 : 0)
            }
            let keys = Array(Set(answers.map { binOfAnswer[Int($0)] })).sorted()
            let number = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, Int32($0)) })
            bins = answers.map { number[binOfAnswer[Int($0)]] ?? 0 }
            self.answers = answers
            self.labels = labels
            weights = recencyWeights(count: set.items.count)
            binCount = keys.count
        }

        /// The figures for `model`; nil for a set without items, or predictions that give no
        /// finite figures.
        public func score(_ model: FSRSModel, threads: Int = 2) -> FSRSEvaluation? {
            guard !answers.isEmpty else { return nil }
            let predictions = predictionsAtEveryAnswer(model, set, threads: threads)
            var predicted = [Float](repeating: 0, count: binCount)
            var actual = [Float](repeating: 0, count: binCount)
            var count = [Float](repeating: 0, count: binCount)
            var binWeight = [Float](repeating: 0, count: binCount)
            var loss: Float = 0
            var weightSum: Float = 0
            for index in answers.indices {
                let p = predictions[Int(answers[index])]
                guard p.isFinite else { return nil }
                let y = labels[index]
                let weight = weights[index]
                let bin = Int(bins[index])
                predicted[bin] += p
                actual[bin] += y
                count[bin] += 1
                binWeight[bin] += weight
                loss += (y * log(p) + (1 - y) * log(1 - p)) * weight
                weightSum += weight
            }
            let logLoss = -loss / weightSum
            // fsrs-rs adds the bins in its hash map's order; here in the bins' order, so that
            // the figure is the same every run.
            var squares: Float = 0
            var weightOfBins: Float = 0
            for bin in 0..<binCount {
                let difference = predicted[bin] / count[bin] - actual[bin] / count[bin]
                squares += difference * difference * binWeight[bin]
                weightOfBins += binWeight[bin]
            }
            let rmse = (squares / weightOfBins).squareRoot()
            guard logLoss.isFinite, rmse.isFinite else { return nil }
            return FSRSEvaluation(logLoss: logLoss, rmseBins: rmse)
        }
    }

    /// `fsrs-rs`'s recency weights for `count` items in time order.
    static func recencyWeights(count: Int) -> [Float] {
        let length = max(Float(count) - 1, 1)
        return (0..<count).map { index in
            let x = Float(index) / length
            return 0.25 + 0.75 * (x * x * x)
        }
    }

    /// For every answer of every card (after the first), the retrievability the model gives it
    /// from the answers before it; an item's prediction is the one at its last answer.
    static func predictionsAtEveryAnswer(_ model: FSRSModel, _ set: FSRSTrainingSet, threads: Int) -> [Float] {
        var predictions = [Float](repeating: .nan, count: set.reviews.count)
        let parts = max(1, min(threads, set.cardCount))
        predictions.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let cards = set.cardCount * part / parts..<set.cardCount * (part + 1) / parts
                for card in cards {
                    var state: FSRSMemoryState?
                    for index in set.cardStarts[card]..<set.cardStarts[card + 1] {
                        let review = set.reviews[index]
                        let days = Float(review.deltaT)
                        if let state { out[index] = model.retrievability(days: days, stability: state.stability) }
                        state = model.step(state, Rating(rawValue: Int(review.rating)) ?? .good, days: days)
                    }
                }
            }
        }
        return predictions
    }

    /// `FSRSItem::r_matrix_index`, packed into one number in the order of its parts: the bin of
    /// an answer by its days since the previous answer, the long-term answers up to it (itself
    /// included) and the lapses before it.
    enum Bin {
        /// Each part's bin, remembered: a million answers have few distinct values.
        struct Cache {
            private var days: [UInt32: UInt64] = [:]
            private var lengths: [UInt32: UInt64] = [:]
            private var lapses: [UInt32: UInt64] = [:]

            mutating func key(deltaT: Int32, longTerm: UInt32, lapses lapseCount: UInt32) -> UInt64 {
                let dayBin = cached(&days, UInt32(deltaT)) { Bin.bin(Double($0), 2.48, 3.62, scale: 100) }
                let lengthBin = cached(&lengths, longTerm) { Bin.bin(Double($0) + 1, 1.99, 1.89, scale: 1) }
                let lapseBin = cached(&lapses, lapseCount) { $0 == 0 ? 0 : Bin.bin(Double($0), 1.65, 1.73, scale: 1) }
                return dayBin << 32 | lengthBin << 16 | lapseBin
            }

            private func cached(_ table: inout [UInt32: UInt64], _ value: UInt32, _ make: (UInt32) -> UInt64)
                -> UInt64
            {
                if let known = table[value] { return known }
                let made = make(value)
                table[value] = made
                return made
            }
        }

        /// `round(a · base^floor(log_base(x)) · scale)`, as fsrs-rs computes it in doubles.
        static func bin(_ x: Double, _ a: Double, _ base: Double, scale: Double) -> UInt64 {
            UInt64((a * Foundation.pow(base, (log(x) / log(base)).rounded(.down)) * scale).rounded())
        }
    }
}
