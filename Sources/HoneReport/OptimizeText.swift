import Foundation
import HoneCore
import HoneDeck

/// What `hone optimize` prints: the two sets of weights and how well each predicts the log,
/// for a person or as JSON (the README documents both).
public struct OptimizeText: Sendable {
    public var report: OptimizeReport
    /// The config file `--save` would write.
    public var configFile: String

    public init(_ report: OptimizeReport, configFile: String) {
        self.report = report
        self.configFile = configFile
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
            "fitted FSRS-6's 21 weights to \(report.items) reviews of \(report.cards) cards "
                + "(\(report.answers) answers; "
                + "\(report.trainedItems) reviews trained on after fsrs-rs's outlier filter)",
            "",
            "                  log loss  RMSE(bins)",
            "current weights\(Self.score(report.currentScore))",
            "fitted weights \(Self.score(report.fittedScore))",
            "",
            "current: \(Self.weights(report.current))",
            "fitted:  \(Self.weights(report.fitted))",
        ]
        if report.initialOnly {
            lines.append("(every review left is a card's first interval: only the first four weights were fitted)")
        }
        if report.fitted == report.current {
            lines.append("the fitted weights are the ones already in use")
        } else if report.best == report.current {
            lines.append(
                "the fitted weights predict your log no better than the current ones: keeping the current ones")
        } else if let savedTo = report.savedTo {
            lines.append("saved to \(savedTo) ([scheduler] parameters)")
        } else {
            lines.append("hone optimize --save writes them into \(configFile) ([scheduler] parameters)")
        }
        if !report.presetIsFSRS {
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
        writer.raw(
            "{\"answers\":\(report.answers),\"cards\":\(report.cards),\"items\":\(report.items)"
                + ",\"trained_items\":\(report.trainedItems)"
        )
        scored("current", report.current, report.currentScore)
        scored("fitted", report.fitted, report.fittedScore)
        writer.raw(",\"best\":")
        list(report.best)
        writer.raw(",\"initial_only\":\(report.initialOnly),\"saved_to\":")
        if let savedTo = report.savedTo { writer.string(savedTo) } else { writer.raw("null") }
        writer.raw(",\"preset_is_fsrs\":\(report.presetIsFSRS)}")
        return writer.text
    }
}
