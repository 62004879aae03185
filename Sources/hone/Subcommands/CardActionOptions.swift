import ArgumentParser
import HoneApp
import HoneCore
import HoneReport

/// What `hone suspend`, `unsuspend`, `bury` and `forget` share: the cards, `--json`, and how
/// what was done is printed.
struct CardActionOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The cards: a key (DECK/CARD), or a card id that one deck has.", valueName: "card"))
    var cards: [String]

    @Flag(help: "Print JSON: an array of {\"card\", \"event\", \"id\", \"state\", \"suspended\", \"buried\"}.")
    var json = false

    func validate() throws {
        if cards.isEmpty { throw ValidationError("name at least one card (hone cards lists them)") }
    }

    /// Appends `action` for every card named, then prints what each now is.
    func run(_ action: EventAction, saying verb: String) throws {
        let workspace = try global.workspace()
        let done = try CardActions.apply(action, to: cards, in: workspace).map { ($0.event, $0.state) }
        Output.out(json ? CardActionText.json(done, clock: workspace.clock) : CardActionText.lines(done, verb: verb))
    }
}
