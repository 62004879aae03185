import ArgumentParser
import HoneApp
import HoneReport

extension Hone.Log {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a review log CSV into your history.",
            discussion: """
                Needs the columns card, reviewed_at (ISO 8601 with its offset) and rating \
                (again, hard, good, easy, or SM-2's quality 0-5); id, duration_ms and kind are \
                optional; other columns are ignored. Answers already in the log (the same id, or \
                the same card and time when one has no id) are skipped, and the cards touched are \
                replayed. A bad row is reported by line and column, and nothing of that file is \
                imported.

                Example:
                  hone log import backup.csv
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("The CSV file to merge.", valueName: "file"), completion: .file(extensions: ["csv"]))
        var file: String

        func run() throws {
            let (summary, onlyAnswers) = try LogImport.run(file, workspace: try global.workspace())
            let events = "\(summary.added) \(onlyAnswers ? "answer" : "event")\(summary.added == 1 ? "" : "s")"
            let cards = "\(summary.cards) card\(summary.cards == 1 ? "" : "s")"
            try Output.out("imported \(events) for \(cards); skipped \(summary.skipped) already in the log")
        }
    }
}
