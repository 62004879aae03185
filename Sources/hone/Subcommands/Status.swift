import ArgumentParser
import Foundation
import HoneCore
import HoneDeck
import HoneStore

extension Hone {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what is due now, later today and tomorrow, per deck and skill.",
            discussion: """
                --json prints one object:
                  {"now": ISO8601, "due_now": N, "learning": N, "reviews": N, "new": N, "later_today": N, "tomorrow": N,
                   "decks": [{"deck": ID, "name": ..., "skill": ..., "path": ..., "cards": N, "due_now": N, "learning": N,
                              "reviews": N, "new": N, "later_today": N, "tomorrow": N}],
                   "skills": [{"skill": ..., "due_now": N, ...}],
                   "orphans": [CARD_KEY, ...]}
                "due_now" is learning + reviews + new, within today's limits; "orphans" are cards with \
                history that are no longer in any deck (their history is kept).
                """)

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Print JSON instead of text.")
        var json = false

        func run() throws {
            let workspace = try Workspace(global)
            let decks = workspace.loadIndexes()
            if decks.isEmpty && !json {
                let folder = global.deckFolder
                Output.out("""
                    No decks found in \(VisibleText.make(folder)).
                    hone looks in --decks DIR, then $HONE_DECKS, then ./decks, then $XDG_DATA_HOME/hone/decks.
                    To start: create that folder with a deck file, for example
                      mkdir -p \(VisibleText.make(folder)) && printf '[[card]]\\nid = "first"\\nq = "What does hone do?"\\na = "Spaced practice"\\n' > \(VisibleText.make(folder))/first.toml
                    then run `hone check` and `hone`.
                    """)
                return
            }
            let store = try workspace.openStore()
            let agenda: Agenda
            do { agenda = try Agenda(workspace: workspace, decks: decks, store: store) } catch let error as StoreError {
                throw UserFacingError(error.description)
            }
            if json { Output.out(statusJSON(agenda, workspace: workspace)) } else { printText(agenda) }
        }

        private func statusJSON(_ agenda: Agenda, workspace: Workspace) -> String {
            var writer = JSONWriter()
            func counts(_ counts: Agenda.Counts) -> String {
                "\"due_now\":\(counts.dueNow),\"learning\":\(counts.learning),\"reviews\":\(counts.reviews),\"new\":\(counts.new),\"later_today\":\(counts.laterToday),\"tomorrow\":\(counts.tomorrow)"
            }
            writer.raw("{\"now\":")
            writer.string(workspace.format(seconds: workspace.nowSeconds))
            writer.raw("," + counts(agenda.total) + ",\"decks\":")
            writer.array(agenda.decks) { writer, deck in
                writer.raw("{\"deck\":")
                writer.string(deck.id)
                writer.raw(",\"name\":")
                writer.string(deck.name)
                writer.raw(",\"skill\":")
                writer.string(deck.skill)
                writer.raw(",\"path\":")
                writer.string(deck.path)
                writer.raw(",\"cards\":\(deck.count)," + counts(agenda.counts(deck: deck.id)) + "}")
            }
            writer.raw(",\"skills\":")
            writer.array(agenda.bySkill) { writer, item in
                writer.raw("{\"skill\":")
                writer.string(item.skill)
                writer.raw("," + counts(item.counts) + "}")
            }
            writer.raw(",\"orphans\":")
            writer.array(agenda.orphans()) { writer, key in writer.string(key) }
            writer.raw("}")
            return writer.text
        }

        private func printText(_ agenda: Agenda) {
            let terminal = Terminal.forStandardOutput()
            let total = agenda.total
            Output.out(terminal.paint("Due now: \(total.dueNow)", .bold) + "  (\(total.reviews) reviews, \(total.learning) learning, \(total.new) new)  ·  later today \(total.laterToday)  ·  tomorrow \(total.tomorrow)")
            let width = agenda.decks.map { DisplayWidth.of(VisibleText.make($0.name)) }.max() ?? 0
            for deck in agenda.decks {
                let counts = agenda.counts(deck: deck.id)
                let name = VisibleText.make(deck.name)
                let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(name)))
                Output.out("  \(name)\(pad)  now \(counts.dueNow) (\(counts.reviews) rev, \(counts.learning) learn, \(counts.new) new)  later \(counts.laterToday)  tomorrow \(counts.tomorrow)")
            }
            let skills = agenda.bySkill.map { "\(VisibleText.make($0.skill)) \($0.counts.dueNow)" }
            Output.out("By skill: " + skills.joined(separator: " · "))
            let orphans = agenda.orphans()
            if !orphans.isEmpty {
                let shown = orphans.prefix(3).map { VisibleText.make($0) }.joined(separator: ", ")
                Output.out("\(orphans.count) card\(orphans.count == 1 ? "" : "s") with history no longer in the decks (kept): \(shown)\(orphans.count > 3 ? ", ..." : "")")
            }
        }
    }
}
