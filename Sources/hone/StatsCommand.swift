import ArgumentParser
import Foundation
import HoneCore
import HoneDeck
import HoneStore

extension Hone {
    struct StatsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Show your progress: streaks, a heatmap, what is coming due, retention, the skill mix.",
            discussion: """
                Without options, prints the figures for the terminal (80 columns). --json prints \
                all of them as one object, --csv one row per day (date,answers,correct,new,\
                time_seconds,due) for spreadsheets, and --html FILE writes one self-contained \
                page with SVG charts. The README documents every figure and the JSON schema.

                Examples:
                  hone stats                      everything, all decks
                  hone stats listening --days 90  one skill, totals over 90 days
                  hone stats --csv --days 365 > progress.csv
                  hone stats --html progress.html
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Only these decks or skills (deck id, deck name or skill).", valueName: "deck-or-skill"))
        var filters: [String] = []

        @Option(help: ArgumentHelp("Days (today included) the period totals and the CSV/JSON day rows cover.", valueName: "n"))
        var days = 30

        @Flag(help: "Print every figure as JSON.")
        var json = false

        @Flag(help: "Print one CSV row per day: date,answers,correct,new,time_seconds,due.")
        var csv = false

        @Option(help: ArgumentHelp("Write a self-contained HTML report with SVG charts to this file.", valueName: "file"))
        var html: String?

        func validate() throws {
            guard (1...36_500).contains(days) else { throw ValidationError("--days: expected 1 to 36500, got \(days)") }
            let formats = [json, csv, html != nil].filter { $0 }.count
            if formats > 1 { throw ValidationError("--json, --csv and --html: choose one") }
            if html == "" { throw ValidationError("--html: expected a file name") }
        }

        func run() throws {
            let workspace = try Workspace(global)
            let store = try workspace.openStore(mapped: true)
            let stats: Stats
            do { stats = try compute(workspace: workspace, store: store) } catch let error as StoreError {
                throw UserFacingError(error.description)
            }
            let scope = filters.isEmpty ? "all decks" : filters.map { VisibleText.make($0) }.joined(separator: ", ")
            if json {
                Output.out(StatsExport.json(stats, workspace: workspace, filters: filters))
            } else if csv {
                FileHandle.standardOutput.write(Data(StatsExport.csv(stats, workspace: workspace).utf8))
            } else if let html {
                let page = StatsHTML.render(stats, workspace: workspace, scope: scope)
                do {
                    try Data(page.utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
                } catch {
                    throw UserFacingError("cannot write \(VisibleText.make(html)): \(error.localizedDescription)")
                }
                Output.out("Wrote \(VisibleText.make(html)) (\(page.utf8.count / 1024 + 1) KB); open it in a browser.")
            } else {
                let text = StatsText(stats: stats, workspace: workspace, terminal: Terminal.forStandardOutput(), scope: scope)
                Output.out(text.render())
            }
        }

        /// The decks are read on one core while the states and the log are read on the other;
        /// the card list is built as soon as both decks and states are there, while the log is
        /// still being read. Then the log is replayed in two halves, one per core, and the
        /// halves' tallies added up.
        func compute(workspace: Workspace, store: Store) throws -> Stats {
            let filters = self.filters
            let days = self.days
            let statesHandoff = Handoff<CardStates>()
            let (prepared, histories) = try Parallel.both(
                {
                    // One thread for the decks: the other core is reading the log.
                    let decks = try Workspace.select(workspace.loadIndexes(parallel: false), filters: filters)
                    let states = try statesHandoff.wait()
                    return StatsCommand.cardList(decks, states: states)
                },
                {
                    statesHandoff.put(Result { try store.states() })
                    return try store.histories()
                })
            let (cards, indexOfKey) = prepared
            let start = StatsBuilder(scheduler: workspace.scheduler, now: workspace.nowSeconds, periodDays: days, cards: cards)
            // Without filters, answers to cards no longer in the decks still count as practice.
            let countOrphans = filters.isEmpty
            let replay: @Sendable (Range<Int>) -> StatsBuilder = { range in
                var builder = start
                histories.withAnswers { all in
                    for index in range {
                        let key = histories.keys[index]
                        let card = indexOfKey[key]
                        guard card != nil || countOrphans else { continue }
                        builder.add(histories.history(index, in: all), card: card, key: key)
                    }
                }
                return builder
            }
            let middle = histories.count / 2
            var (builder, second) = Parallel.both({ replay(0..<middle) }, { replay(middle..<histories.count) })
            builder.merge(second)
            return builder.finish()
        }

        /// Every card of the decks once, with its state, and where each key is in the list.
        static func cardList(_ decks: [DeckIndex], states: CardStates) -> ([StatsBuilder.Card], [String: Int]) {
            var cards: [StatsBuilder.Card] = []
            cards.reserveCapacity(decks.reduce(0) { $0 + $1.count })
            var indexOfKey: [String: Int] = [:]
            indexOfKey.reserveCapacity(cards.capacity)
            for deck in decks {
                for position in 0..<deck.count {
                    let key = deck.keys[position]
                    guard indexOfKey[key] == nil else { continue }
                    indexOfKey[key] = cards.count
                    cards.append(StatsBuilder.Card(
                        key: key, skill: deck.skill, path: deck.path, line: Int(deck.lines[position]), state: states[key] ?? .new))
                }
            }
            return (cards, indexOfKey)
        }
    }
}
