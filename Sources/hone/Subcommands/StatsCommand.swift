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

        /// Two threads, each with its own connection, each reading and replaying half of the log
        /// (split by card key): one reads the card states, then its half; the other the decks,
        /// then its half, then builds the card list from decks and states, which both need
        /// before they replay. The halves' tallies are added up at the end.
        func compute(workspace: Workspace, store: Store) throws -> Stats {
            let filters = self.filters
            let days = self.days
            let split = try store.middleCard()
            let twin = try store.twin(readOnly: true, mapped: true)
            let statesHandoff = Handoff<CardStates>()
            let listHandoff = Handoff<StatsCardList>()
            let scheduler = workspace.scheduler
            let now = workspace.nowSeconds
            // Without filters, answers to cards no longer in the decks still count as practice.
            let countOrphans = filters.isEmpty
            let replay: @Sendable (AnswerHistories, StatsCardList) -> StatsBuilder = { histories, list in
                var builder = StatsBuilder(scheduler: scheduler, now: now, periodDays: days, cards: list.cards)
                let cardOfHistory = list.indexes(of: histories.keys)
                histories.withAnswers { all in
                    for index in 0..<histories.count {
                        let key = histories.keys[index]
                        let card = cardOfHistory[index]
                        guard card != nil || countOrphans else { continue }
                        builder.add(histories.history(index, in: all), card: card, key: key)
                    }
                }
                return builder
            }
            var (builder, second) = try Parallel.both(
                {
                    statesHandoff.put(Result { try store.states() })
                    let histories = try store.histories(below: split)
                    return replay(histories, try listHandoff.wait())
                },
                {
                    // The decks and this half of the log first: by then the states are there.
                    // Always hands the list over, or the failure: the other thread waits for it.
                    let decks = Result { try Workspace.select(workspace.loadIndexes(parallel: false), filters: filters) }
                    let histories = Result { try split.map { try twin.histories(from: $0) } }
                    let list = Result { StatsCardList(try decks.get(), states: try statesHandoff.wait()) }
                    listHandoff.put(list)
                    guard let half = try histories.get() else {
                        return StatsBuilder(scheduler: scheduler, now: now, periodDays: days, cards: try list.get().cards)
                    }
                    return replay(half, try list.get())
                })
            builder.merge(second)
            return builder.finish()
        }
    }
}
