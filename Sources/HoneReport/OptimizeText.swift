import Foundation
import HoneCore
import HoneDeck

/// What `hone optimize` prints: the two sets of weights and how well each predicts the log,
/// for a person or as JSON (the README documents both).
public struct OptimizeText: Sendable {
    public var answers: Int
    public var cards: Int
    public var items: Int
    public var trainedItems: Int
    public var current: [Float]
    public var currentScore: FSRSEvaluation?
    public var fitted: [Float]
    public var fittedScore: FSRSEvaluation?
    public var best: [Float]
    public var initialOnly: Bool
    public var savedTo: String?
    public var configFile: String
    public var presetIsFSRS: Bool

    public init(
        answers: Int, cards: Int, items: Int, trainedItems: Int, current: [Float], currentScore: FSRSEvaluation?,
        fitted: [Float], fittedScore: FSRSEvaluation?, best: [Float], initialOnly: Bool, savedTo: String?,
        configFile: String, presetIsFSRS: Bool
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
        self.configFile = configFile
        self.presetIsFSRS = presetIsFSRS
    }

    /// The weights as Anki shows them: four decimals.
    static func weights(_ weights: [Float]) -> String {
        weights.map { String(format: "%.4f", Double($0)) }.joined(separator: ", ")
    }

    static func score(_ score: FSRSEvaluation?) -> String {
        guard let score else { return "     -          -" }
        return String(format: "%9.4f %9.2f%%", Double(score.logLoss), Double(score.rmseBins) * 100)
    }

    public func text() -> String {
        var lines = [
            "fitted FSRS-6's 21 weights to \(items) reviews of \(cards) cards (\(answers) answers; "
                + "\(trainedItems) reviews trained on after fsrs-rs's outlier filter)",
            "",
            "                  log loss  RMSE(bins)",
            "current weights\(Self.score(currentScore))",
            "fitted weights \(Self.score(fittedScore))",
            "",
            "current: \(Self.weights(current))",
            "fitted:  \(Self.weights(fitted))",
        ]
        if initialOnly {
            lines.append("(every review left is a card's first interval: only the first four weights were fitted)")
        }
        if fitted == current {
            lines.append("the fitted weights are the ones already in use")
        } else if best == current {
            lines.append(
                "the fitted weights predict your log no better than the current ones: keeping the current ones")
        } else if let savedTo {
            lines.append("saved to \(savedTo) ([scheduler] parameters)")
        } else {
            lines.append("hone optimize --save writes them into \(configFile) ([scheduler] parameters)")
        }
        if !presetIsFSRS {
            lines.append("they take effect with [scheduler] preset = \"fsrs\"")
        }
        return lines.joined(separator: "\n")
    }

    public func json() -> String {
        var writer = JSONWriter()
        func list(_ weights: [Float]) {
            writer.array(weights) { writer, weight in writer.raw("\(weight)") }
        }
        func scored(_ name: String, _ weights: [Float], _ score: FSRSEvaluation?) {
            writer.raw(",\"\(name)\":{\"parameters\":")
            list(weights)
            writer.raw(",\"log_loss\":" + (score.map { "\($0.logLoss)" } ?? "null"))
            writer.raw(",\"rmse_bins\":" + (score.map { "\($0.rmseBins)" } ?? "null") + "}")
        }
        writer.raw("{\"answers\":\(answers),\"cards\":\(cards),\"items\":\(items),\"trained_items\":\(trainedItems)")
        scored("current", current, currentScore)
        scored("fitted", fitted, fittedScore)
        writer.raw(",\"best\":")
        list(best)
        writer.raw(",\"initial_only\":\(initialOnly),\"saved_to\":")
        if let savedTo { writer.string(savedTo) } else { writer.raw("null") }
        writer.raw(",\"preset_is_fsrs\":\(presetIsFSRS)}")
        return writer.text
    }
}
