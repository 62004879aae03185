import ArgumentParser
import Foundation
import HoneApp
import HoneReport
import HoneStore

@main
struct Hone: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hone",
        abstract: "Spaced-repetition practice for the skills you are building.",
        discussion: """
            Decks are text files (a strict subset of TOML) in the deck folder; your progress is \
            kept in the data folder (hone.sqlite and its log hone.sqlite-wal: back up the folder).

            Where things live (first match wins):
              decks   --decks DIR, $HONE_DECKS, ./decks, $XDG_DATA_HOME/hone/decks
              data    --data DIR, $HONE_DATA, $XDG_DATA_HOME/hone
              config  --config FILE, $HONE_CONFIG, $XDG_CONFIG_HOME/hone/config.toml
              time    --now ISO8601, $HONE_NOW, the clock
              cache   $XDG_CACHE_HOME/hone/decks (decks already read; HONE_NO_CACHE=1 turns it off)

            Exit status: 0 ok, 1 a problem with your input (a broken deck, a bad file), \
            2 a bad command line. Colour is used only on a terminal and never with NO_COLOR set.

            Shell completions: hone --generate-completion-script bash|zsh|fish
            """,
        version: "0.1.0",
        subcommands: [Practice.self, Status.self, StatsCommand.self, Check.self, Cards.self, Log.self, Doctor.self],
        defaultSubcommand: Practice.self
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(for: error)
        }
    }

    /// Every failure ends here, as a message on stderr and the contract's exit status: 1 for
    /// what the person can fix in their input or files, 2 for a mistake on the command line
    /// (the argument parser's own default is 64).
    private static func exit(for error: any Error) -> Never {
        switch error {
        case let error as HoneError: fail(error.description)
        case let error as StoreError: fail(error.description)
        default:
            if exitCode(for: error) == .validationFailure {
                Output.error(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    private static func fail(_ message: String) -> Never {
        Output.error("hone: error: " + VisibleText.make(message))
        Foundation.exit(1)
    }

    /// Prints what a command goes on despite: a config file's mistakes with their source line,
    /// decks skipped for their errors.
    @Sendable static func print(_ notice: Notice) {
        switch notice {
        case .configMistake(let diagnostic, let path, let source):
            Output.error(
                DiagnosticPrinter(terminal: .forStandardError()).render(diagnostic, path: path, source: source))
        case .configUnreadable(let problem):
            Output.error("hone: warning: cannot read the config file \(problem.path): \(problem.message)")
        case .skippedDecks(let paths):
            let decks = "\(paths.count) deck\(paths.count == 1 ? "" : "s")"
            let names = paths.map { VisibleText.make($0) }.joined(separator: ", ")
            Output.error("hone: skipped \(decks) with errors (see `hone check`): \(names)")
        }
    }
}
