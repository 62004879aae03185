import HoneCore
import HoneDeck

/// `hone simulate`'s output: a table for the terminal, or `--json` for other tools (the
/// README documents the fields; names only ever get added).
public enum SimulationText {
    public static func table(_ run: SimulationRun) -> String {
        let config = run.config
        var text =
            "Simulated \(config.days) days from today: \(run.learned) cards learned, \(run.unseen) new "
            + "(\(config.newPerDay) a day at most), seed \(run.seed).\n"
        let header = ["retention", "reviews/day", "new/day", "minutes/day", "known at end", "answers"]
        var rows = [header]
        for row in run.rows {
            let s = row.simulation
            rows.append([
                fixed(Double(row.retention), 3), fixed1(s.averageReviewsPerDay),
                fixed1(Double(s.introduced) / Double(max(s.days, 1))), fixed1(s.averageMinutesPerDay),
                fixed1(Double(s.known)), "\(s.answers)",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            text +=
                zip(row, widths).map { cell, width in String(repeating: " ", count: width - cell.count) + cell }
                .joined(separator: "  ") + "\n"
        }
        if run.optimalAsked {
            if let optimal = run.optimal {
                text +=
                    "Optimal retention (least time per card known at the end): \(fixed(Double(optimal), 3))\n"
            } else {
                text += "Optimal retention: none (no card to know at the end, or no settling between 0.70 and 0.95).\n"
            }
        }
        return text
    }

    public static func json(_ run: SimulationRun) -> String {
        let config = run.config
        var writer = JSONWriter()
        writer.raw("{\"days\":\(config.days),\"new_per_day_limit\":\(config.newPerDay)")
        writer.raw(",\"reviews_per_day_limit\":\(config.reviewsPerDay),\"seed\":\(run.seed)")
        writer.raw(",\"learned_cards\":\(run.learned),\"new_cards\":\(run.unseen),\"results\":")
        writer.array(run.rows) { writer, row in
            let s = row.simulation
            writer.raw("{\"retention\":\(fixed(Double(row.retention), 4))")
            writer.raw(",\"reviews_per_day\":\(fixed(s.averageReviewsPerDay, 3))")
            writer.raw(",\"new_per_day\":\(fixed(Double(s.introduced) / Double(max(s.days, 1)), 3))")
            writer.raw(",\"minutes_per_day\":\(fixed(s.averageMinutesPerDay, 3))")
            writer.raw(",\"known_at_end\":\(fixed(Double(s.known), 3))")
            writer.raw(",\"reviews\":\(s.reviews),\"new\":\(s.introduced),\"answers\":\(s.answers)")
            writer.raw(",\"seconds\":\(fixed(Double(s.seconds), 1))}")
        }
        if run.optimalAsked {
            writer.raw(",\"optimal_retention\":")
            if let optimal = run.optimal { writer.raw(fixed(Double(optimal), 4)) } else { writer.raw("null") }
        }
        writer.raw("}\n")
        return writer.text
    }

    /// Rounded to `places` decimals, without trailing zeros.
    static func fixed(_ value: Double, _ places: Int) -> String {
        let scale = (0..<places).reduce(1.0) { value, _ in value * 10 }
        return NumberText.plain((value * scale).rounded() / scale)
    }

    private static func fixed1(_ value: Double) -> String {
        let text = fixed(value, 1)
        return text.contains(".") ? text : text + ".0"
    }
}
