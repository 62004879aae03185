import ArgumentParser
import Foundation
import HoneApp
import HoneReport

extension Hone {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what is due now, later today and tomorrow, per deck and skill.",
            discussion: """
                --json prints one object:
                  {"now": ISO8601, "due_now": N, "learning": N, "reviews": N, "new": N, "later_today": N, "tomorrow": N,
                   "decks": [{"deck": ID, "name": ..., "skill": ..., "path": ..., \
                "cards": N, "due_now": N, "learning": N,
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
            let workspace = try global.workspace()
            let decks = workspace.loadIndexes()
            if decks.isEmpty && !json {
                return try Output.out(
                    StatusText.noDecks(in: workspace.locations.deckFolder, bundled: Locations.bundledDecks))
            }
            let agenda = try Agenda(workspace: workspace, decks: decks, store: try workspace.openStore())
            let status = StatusText(
                now: workspace.clock.format(seconds: workspace.nowSeconds), total: agenda.total, decks: agenda.perDeck,
                skills: agenda.bySkill, orphans: agenda.orphans())
            // On a terminal, lines fit its width; piped, they stay whole for scripts.
            let width = isatty(STDOUT_FILENO) == 1 ? Terminal.width() : .max
            try Output.out(json ? status.json() : status.text(terminal: .forStandardOutput(), width: width))
        }
    }
}
