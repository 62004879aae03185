import ArgumentParser
import HoneApp
import HoneREPL
import HoneReport

extension Hone {
    struct Practice: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Practise today's cards (what `hone` alone does).",
            discussion: """
                Shows each due card: Enter reveals the answer, then rate it again, hard, good or easy \
                (a/h/g/e, or 1-4; 0-5 in the classic preset). Typed cards check what you type; choice \
                cards take a number; practice drills take notes until :done, then show their checklist.

                Commands at any prompt (Tab completes them):
                  :hint     the card's hint, when it has one
                  :undo     take back the last answer
                  :skip     leave this card for later
                  :bury     hide this card until tomorrow
                  :suspend  hide this card until you lift the suspension
                  :edit     edit the card in $VISUAL or $EDITOR, then carry on with it
                  :stats    this session so far: answered, right, to go
                  :done     end a practice drill's notes
                  :help     these commands
                  :quit     end the session (Ctrl-D too)
                Every answer is saved the moment it is given.

                Without a terminal (input from a pipe), hone reads plain lines and prints plain text, \
                so a script can drive a session:
                  printf '\\ngood\\n' | hone practice
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("Only these decks or skills (deck id, deck name or skill).", valueName: "deck-or-skill"))
        var filters: [String] = []

        @Option(help: ArgumentHelp("New cards to introduce today (instead of new_per_day).", valueName: "n"))
        var new: Int?

        @Option(help: ArgumentHelp("Stop after this many cards.", valueName: "n"))
        var limit: Int?

        @Option(
            help: ArgumentHelp("Only the cards with this tag (repeat for several: all must hold).", valueName: "tag"))
        var tag: [String] = []

        func validate() throws {
            if let new, new < 0 { throw ValidationError("--new: expected 0 or more, got \(new)") }
            if let limit, limit < 1 { throw ValidationError("--limit: expected 1 or more, got \(limit)") }
        }

        func run() throws {
            let workspace = try global.workspace()
            var session: PracticeRun
            do {
                session = try PracticeRun(workspace, filters: filters, tags: tag, newPerDay: new, limit: limit)
            } catch let error as HoneError {
                // A first run with no deck at all: how to start, not an error.
                guard case .noDecks(let folder) = error.reason, filters.isEmpty else { throw error }
                return try Output.out(StatusText.noDecks(in: folder, bundled: Locations.bundledDecks))
            }
            let interactive = Terminal.inputIsInteractive
            let colour = Terminal.forStandardOutput().useColour && interactive
            try session.run(
                interactive: interactive,
                style: SessionStyle(colour: colour, width: interactive ? Terminal.width() : 80))
        }
    }
}
