import ArgumentParser
import HoneApp
import HoneCore
import HoneReport

/// What `hone suspend`, `unsuspend`, `bury` and `forget` share: the cards, `--json`, and how
/// what was done is printed.
struct CardActionOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions

    @Argument(
        help: ArgumentHelp(
            "The cards: a key (DECK/CARD), a card id that one deck has, or a query as hone cards takes it "
                + "(tag:X, state:S, deck:X, skill:X; asks before acting on what it finds).",
            valueName: "card"))
    var cards: [String]

    @Flag(name: .shortAndLong, help: "Act on the cards a query finds without asking.")
    var yes = false

    @Flag(help: "Print JSON: an array of {\"card\", \"event\", \"id\", \"state\", \"suspended\", \"buried\"}.")
    var json = false

    func validate() throws {
        if cards.isEmpty { throw ValidationError("name at least one card (hone cards lists them)") }
    }

    /// Appends `action` for every card named, then prints what each now is.
    func run(_ action: EventAction, saying verb: String) throws {
        let workspace = try global.workspace()
        let done = try CardActions.apply(action, to: cards, in: workspace) { found in
            try confirm(verb: verb, found)
        }.map { ($0.event, $0.state) }
        if done.isEmpty { return try Output.out("nothing \(verb)") }
        try Output.out(
            json ? CardActionText.json(done, clock: workspace.clock) : CardActionText.lines(done, verb: verb))
    }

    /// Whether to act on the cards a query found: `--yes`, or the person says so at a terminal;
    /// without a terminal to ask at, a command-line mistake.
    private func confirm(verb: String, _ found: [String]) throws -> Bool {
        if yes { return true }
        let sample = found.prefix(5).joined(separator: ", ") + (found.count > 5 ? ", ..." : "")
        let cards = "\(found.count) card\(found.count == 1 ? "" : "s")"
        guard Terminal.inputIsInteractive else {
            throw ValidationError("the query finds \(cards) (\(sample)); add --yes to act on them without asking")
        }
        Output.error("The query finds \(cards): \(VisibleText.make(sample)). Go on? [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return answer == "y" || answer == "yes"
    }
}
