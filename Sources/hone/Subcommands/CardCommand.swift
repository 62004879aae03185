import ArgumentParser
import HoneApp
import HoneReport

extension Hone {
    struct CardCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "card",
            abstract: "Show one card: its text, where it is written, where it stands, and its whole history.",
            discussion: """
                CARD is a key (DECK/CARD) or a card id that one deck has. --json prints
                  {"card", "deck", "path", "line", "type", "front", "back", "state": {...},
                   "history": [{"id", "at", "event", "rating", "duration_ms", "kind", "taken_back", "after": {...}}]}
                where a state is {"state", "suspended", "due", "interval", "ease", "reps", "lapses"}.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The card.", valueName: "card"))
        var card: String

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let workspace = try global.workspace()
            let detail = try CardDetail(card, in: workspace)
            let text = CardDetailText(
                key: detail.key, card: detail.card, deckName: detail.deckName, path: detail.path, state: detail.state,
                history: detail.history.map { ($0.event, $0.after, $0.kind?.rawValue, $0.isTakenBack) },
                clock: workspace.clock)
            try Output.out(json ? text.json() : text.lines().joined(separator: "\n"))
        }
    }
}
