import ArgumentParser
import Foundation
import HoneApp
import HoneReport

extension Hone {
    struct Cards: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find cards and see where they stand.",
            discussion: """
                Every word of QUERY must hold (case is ignored):
                  deck:X       the deck with id or name X        skill:X   the skill X
                  tag:X        cards tagged X                    state:S   S is new, learning, review,
                  a deck or skill named alone, as practice takes them         suspended, leech or due
                  any other word: text in the card's prompt, answer, hint or explanation

                A table (card, state, due day, prompt) fitted to the terminal; --json prints an array of
                  {"card": "DECK_ID/CARD_ID", "deck": ..., "type": ..., \
                "state": "new"|"learning"|"review"|"relearning",
                   "suspended": bool, "leech": bool, "due": ISO8601|null, "interval": DAYS, \
                "ease": E, "reps": N, "lapses": N, "stability": DAYS|null, "difficulty": D|null,
                   "retrievability": R|null}   (FSRS's memory state: null unless preset = "fsrs")

                Examples:
                  hone cards
                  hone cards state:suspended
                  hone cards networking tag:follow-up trust --json
                  hone card KEY        (one card and its history)
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("What to find (see above); every card when none.", valueName: "query"))
        var query: [String] = []

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() throws {
            let workspace = try global.workspace()
            let (scheduler, now) = (workspace.scheduler, workspace.nowSeconds)
            let list = CardListText(
                try CardList.rows(workspace, query: query), clock: workspace.clock,
                today: workspace.clock.day(of: now), memory: { scheduler.memory($0, at: now) })
            // On a terminal the table fits its width; piped, prompts are not cut.
            let width = isatty(STDOUT_FILENO) == 1 ? Terminal.width() : .max
            if json { return try Output.out(list.json()) }
            // One write for the table, not one per card.
            let lines = list.lines(width: width)
            if !lines.isEmpty { try Output.out(lines.joined(separator: "\n")) }
        }
    }
}
