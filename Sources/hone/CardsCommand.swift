import ArgumentParser
import Foundation
import HoneCore
import HoneDeck
import HoneREPL
import HoneStore

extension Hone {
    struct Cards: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every card and where it stands.",
            discussion: """
                --json prints an array of
                  {"card": "DECK_ID/CARD_ID", "deck": ..., "type": ..., "state": "new"|"learning"|"review"|"relearning",
                   "suspended": bool, "leech": bool, "due": ISO8601|null, "interval": DAYS, "ease": E, "reps": N, "lapses": N}

                Examples:
                  hone cards
                  hone cards soft-skills/networking --json
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Only these decks (deck ids).", valueName: "deck"))
        var decks: [String] = []

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() throws {
            let workspace = try Workspace(global)
            let store = try workspace.openStore()
            let states: CardStates
            do { states = try store.states() } catch { throw UserFacingError(error.description) }
            let all = workspace.loadDecks()
            let unknown = decks.filter { name in !all.contains { $0.id == name } }
            if !unknown.isEmpty {
                throw UserFacingError("no deck named \(unknown.joined(separator: ", ")); the decks are: \(all.map(\.id).joined(separator: ", "))")
            }
            let chosen = decks.isEmpty ? all : all.filter { decks.contains($0.id) }
            var writer = JSONWriter()
            var lines: [String] = []
            writer.raw("[")
            var first = true
            for deck in chosen {
                for card in deck.cards {
                    let state = states[card.key] ?? .new
                    if json {
                        if !first { writer.raw(",") }
                        first = false
                        writer.raw("{\"card\":")
                        writer.string(card.key)
                        writer.raw(",\"deck\":")
                        writer.string(deck.id)
                        writer.raw(",\"type\":\"\(card.kind.rawValue)\",\"state\":\"\(state.phase.rawValue)\"")
                        writer.raw(",\"suspended\":\(state.suspended),\"leech\":\(state.leech),\"due\":")
                        if let due = workspace.format(due: state.due) { writer.string(due) } else { writer.raw("null") }
                        writer.raw(",\"interval\":\(state.interval),\"ease\":")
                        writer.float(Double(state.ease) / 1000)
                        writer.raw(",\"reps\":\(state.reps),\"lapses\":\(state.lapses)}")
                    } else {
                        var flags = state.suspended ? " suspended" : ""
                        if state.leech { flags += " leech" }
                        let due = workspace.format(due: state.due) ?? "-"
                        lines.append("\(VisibleText.make(card.key))  \(state.phase.rawValue)  due \(due)  interval \(state.interval)d  ease \(LogExport.number(Double(state.ease) / 1000))  reps \(state.reps)  lapses \(state.lapses)\(flags)")
                    }
                }
            }
            writer.raw("]")
            if json { Output.out(writer.text) } else { lines.forEach(Output.out) }
        }
    }

    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the progress database, and with --repair rebuild the card states.",
            discussion: """
                Runs SQLite's integrity check, then replays the review log and compares the result \
                with the stored card states. Exit status 1 when something is wrong and was not repaired.
                """)

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Rebuild every card state from the event log.")
        var repair = false

        func run() throws {
            let workspace = try Workspace(global)
            Output.out("hone \(Hone.configuration.version) · GNU readline \(ReadlineLineReader.libraryVersion) · SQLite \(Store.sqliteVersion)")
            Output.out("data: \(VisibleText.make(store(workspace)))")
            let store = try workspace.openStore(rebuildingStates: false)
            do {
                let integrity = try store.integrityCheck()
                guard integrity == ["ok"] else {
                    Output.out("integrity check: the database is damaged: \(integrity.prefix(5).joined(separator: "; "))")
                    Output.out("it was left untouched; restore a backup, or export what can still be read with `hone log export`")
                    throw ExitCode(1)
                }
                let eventCount = try store.eventCount()
                Output.out("integrity check: ok (\(eventCount) event\(eventCount == 1 ? "" : "s") in the log)")
                let stored = try store.states().dictionary
                let replayed = try store.events().replayedStates(with: workspace.replay)
                let differing = Set(stored.keys).union(replayed.keys).filter { stored[$0] != replayed[$0] }.sorted()
                if differing.isEmpty {
                    Output.out("card states: all \(replayed.count) match a replay of the log")
                    return
                }
                Output.out("card states: \(differing.count) differ from a replay of the log: \(differing.prefix(5).map { VisibleText.make($0) }.joined(separator: ", "))\(differing.count > 5 ? ", ..." : "")")
                guard repair else {
                    Output.out("run `hone doctor --repair` to rebuild them from the log")
                    throw ExitCode(1)
                }
                try store.rebuildStates(with: workspace.replay, fingerprint: workspace.fingerprint)
                Output.out("repaired: every card state rebuilt from the log")
            } catch let error as StoreError {
                throw UserFacingError(error.description)
            }
        }
    }
}

/// Where the progress file is, for messages.
private func store(_ workspace: Workspace) -> String {
    (workspace.global.dataFolder as NSString).appendingPathComponent(Store.fileName)
}
