import ArgumentParser
import HoneApp
import HoneReport

extension Hone {
    struct Cards: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every card and where it stands.",
            discussion: """
                --json prints an array of
                  {"card": "DECK_ID/CARD_ID", "deck": ..., "type": ..., \
                "state": "new"|"learning"|"review"|"relearning",
                   "suspended": bool, "leech": bool, "due": ISO8601|null, "interval": DAYS, \
                "ease": E, "reps": N, "lapses": N}

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
            let workspace = try global.workspace()
            let list = CardListText(try CardList.rows(workspace, deckIDs: decks), clock: workspace.clock)
            if json { Output.out(list.json()) } else { list.lines().forEach(Output.out) }
        }
    }
}
