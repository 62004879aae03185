import ArgumentParser
import Foundation
import HoneCore
import HoneDeck
import HoneStore

extension Hone {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Export or import the review log, the record of every answer.",
            subcommands: [Export.self, Import.self])
    }
}

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
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case hone, fsrs
        }

        @OptionGroup var global: GlobalOptions

        @Option(help: "hone (default) or fsrs.")
        var format: Format = .hone

        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"), completion: .file())
        var out: String?

        func run() throws {
            let workspace = try Workspace(global)
            let store = try workspace.openStore()
            let entries: [LogEvent]
            do { entries = try store.events() } catch { throw UserFacingError(error.description) }
            let text: String
            switch format {
            case .hone: text = LogExport.hone(entries, workspace: workspace)
            case .fsrs: text = LogExport.fsrs(entries, workspace: workspace)
            }
            if let out {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
                } catch {
                    throw UserFacingError("cannot write \(out): \(error.localizedDescription)")
                }
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a review log CSV into your history.",
            discussion: """
                Needs the columns card, reviewed_at (ISO 8601 with its offset) and rating \
                (again, hard, good, easy, or SM-2's quality 0-5); id, duration_ms and kind are \
                optional; other columns are ignored. Answers already in the log (the same id, or \
                the same card and time) are skipped, and the cards touched are replayed. A bad \
                row is reported by line and column, and nothing of that file is imported.

                Example:
                  hone log import backup.csv
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The CSV file to merge.", valueName: "file"), completion: .file(extensions: ["csv"]))
        var file: String

        func run() throws {
            let workspace = try Workspace(global)
            let bytes: [UInt8]
            switch DeckFinder.contents(of: file) {
            case .success(let read): bytes = read
            case .failure(let problem): throw UserFacingError("\(problem.path): \(problem.message)")
            }
            let entries: [LogEvent]
            switch ReviewLogCSV.read(bytes) {
            case .success(let read): entries = read
            case .failure(let problem):
                throw UserFacingError("\(file):\(problem.line):\(problem.column): \(problem.message); nothing was imported")
            }
            let store = try workspace.openStore()
            do {
                let summary = try store.merge(entries, replay: workspace.replay)
                let noun = entries.allSatisfy({ $0.action.answer != nil }) ? "answer" : "event"
                Output.out("imported \(summary.added) \(noun)\(summary.added == 1 ? "" : "s") for \(summary.cards) card\(summary.cards == 1 ? "" : "s"); skipped \(summary.skipped) already in the log")
            } catch {
                throw UserFacingError(error.description)
            }
        }
    }
}
