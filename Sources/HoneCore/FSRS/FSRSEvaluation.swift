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
        guard !set.items.isEmpty else { return nil }
        let predictions = predictionsAtEveryAnswer(model, set, threads: threads)
        let weights = recencyWeights(count: set.items.count)
        var bins: [Bin: (predicted: Float, actual: Float, count: Float, weight: Float)] = [:]
        var loss: Float = 0
        var weightSum: Float = 0
        for (index, item) in set.items.enumerated() {
            let reviews = set.reviews(of: item)
            let p = predictions[set.cardStarts[Int(item.card)] + Int(item.length) - 1]
            guard p.isFinite else { return nil }
            let y: Float = reviews[reviews.endIndex - 1].rating > 1 ? 1 : 0
            let weight = weights[index]
            let bin = Bin(reviews)
            var value = bins[bin, default: (0, 0, 0, 0)]
            value.predicted += p
            value.actual += y
            value.count += 1
            value.weight += weight
            bins[bin] = value
            loss += (y * log(p) + (1 - y) * log(1 - p)) * weight
            weightSum += weight
        }
        let logLoss = -loss / weightSum
        // fsrs-rs adds the bins in its hash map's order; here in the bins' order, so that the
        // figure is the same every run.
        var squares: Float = 0
        var binWeights: Float = 0
        for bin in bins.keys.sorted() {
            guard let value = bins[bin] else { continue }
            let difference = value.predicted / value.count - value.actual / value.count
            squares += difference * difference * value.weight
            binWeights += value.weight
        }
        let rmse = (squares / binWeights).squareRoot()
        guard logLoss.isFinite, rmse.isFinite else { return nil }
        return FSRSEvaluation(logLoss: logLoss, rmseBins: rmse)
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

    /// `FSRSItem::r_matrix_index`: the bin of an item (its answers, the last predicted).
    struct Bin: Hashable, Comparable {
        var days: UInt32
        var length: UInt32
        var lapses: UInt32

        init(_ reviews: ArraySlice<FSRSTrainingSet.Review>) {
            let deltaT = Double(reviews[reviews.endIndex - 1].deltaT)
            days = UInt32((2.48 * Foundation.pow(3.62, (log(deltaT) / log(3.62)).rounded(.down)) * 100).rounded())
            let longTerm = reviews.reduce(0) { $0 + ($1.deltaT > 0 ? 1 : 0) }
            let size = Double(longTerm) + 1
            length = UInt32((1.99 * Foundation.pow(1.89, (log(size) / log(1.89)).rounded(.down))).rounded())
            let lapseCount = reviews.dropLast().reduce(0) { $0 + ($1.rating == 1 && $1.deltaT > 0 ? 1 : 0) }
            lapses =
                lapseCount == 0
                ? 0
                : UInt32((1.65 * Foundation.pow(1.73, (log(Double(lapseCount)) / log(1.73)).rounded(.down))).rounded())
        }

        static func < (a: Bin, b: Bin) -> Bool {
            (a.days, a.length, a.lapses) < (b.days, b.length, b.lapses)
        }
    }
}
