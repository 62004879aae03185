import ArgumentParser
import HoneApp
import HoneReport

extension Hone {
    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take back the last answer, suspension, bury or forget, of any session.",
            discussion: "Appends an undo event: the log keeps both, and the card's state is as before the event.")

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Print JSON: {\"undone\": {\"card\", \"event\", \"id\"}, \"state\", \"suspended\", \"buried\"}.")
        var json = false

        func run() throws {
            let workspace = try global.workspace()
            guard let (undone, done) = try CardActions.undoLast(in: workspace) else {
                return try Output.out(json ? "null" : "nothing to undo: the log has no event standing")
            }
            let after = (done.event, done.state)
            try Output.out(
                json
                    ? CardActionText.json(undone: undone, done: after, clock: workspace.clock)
                    : CardActionText.undoLine(undone: undone, done: after))
        }
    }
}
