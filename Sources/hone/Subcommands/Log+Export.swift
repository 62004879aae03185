import ArgumentParser
import HoneApp
import HoneReport

extension Hone.Log {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the review log as CSV.",
            discussion: """
                Formats:
                  hone  id,card,reviewed_at,rating,duration_ms,kind,state,interval,ease,due
                        (the last four: the card's state after that answer; interval in days,
                        fractional for learning steps)
                  fsrs  card_id,review_time,review_rating,review_state,review_duration
                        (what the FSRS optimizer reads: epoch milliseconds, ratings 1-4)

                Examples:
                  hone log export > backup.csv
                  hone log export --format fsrs --out revlog.csv

                --out writes the whole file or nothing (a temporary file renamed over FILE); a link
                is followed to its file and kept; a folder, a device or a FIFO is refused.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: "hone (default) or fsrs.")
        var format: LogExport.Format = .hone

        @Option(
            help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"), completion: .file()
        )
        var out: String?

        func run() throws {
            let text = try LogExport.csv(format, workspace: try global.workspace())
            if let out { try TextFile.write(text, to: out) } else { try Output.write(text) }
        }
    }
}

extension LogExport.Format: ExpressibleByArgument {}
