import ArgumentParser
import Foundation
import HoneApp
import HoneDeck
import HoneReport
import HoneStore

@main
struct Hone: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hone",
        abstract: "Spaced-repetition practice for the skills you are building.",
        discussion: """
            Decks are text files (a strict subset of TOML) in the deck folder; your progress is \
            kept in the data folder (hone.sqlite: once hone has exited, a copy of it is a complete backup).

            Where things live (first match wins):
              decks   --decks DIR, $HONE_DECKS, ./decks, $XDG_DATA_HOME/hone/decks
              data    --data DIR, $HONE_DATA, $XDG_DATA_HOME/hone
              config  --config FILE, $HONE_CONFIG, $XDG_CONFIG_HOME/hone/config.toml
              time    --now ISO8601, $HONE_NOW, the clock
              cache   $XDG_CACHE_HOME/hone/decks (decks already read; HONE_NO_CACHE=1 turns it off)

            The options --decks, --data, --config and --now go before or after the command \
            (hone --data DIR status = hone status --data DIR). In a session, :help lists the colon \
            commands (:hint :undo :skip :bury :suspend :edit :stats :done :quit; see hone help practice).

            Exit status: 0 ok, 1 a problem with your input (a broken deck, a bad file) or output \
            that cannot be written, 2 a bad command line, 141 (quietly) when standard output is a \
            pipe whose reader stopped early (hone log export | head -1). Colour is used only on a \
            terminal and never with NO_COLOR set.

            Shell completions: hone --generate-completion-script bash|zsh|fish
            """,
        version: "0.1.0",
        subcommands: [
            Practice.self, Status.self, StatsCommand.self, Check.self, Cards.self, CardCommand.self, Suspend.self,
            Unsuspend.self,
            Bury.self, Forget.self, Undo.self, Log.self, Sync.self, Doctor.self, New.self, Add.self, Import.self,
            Export.self, Optimize.self, Simulate.self,
        ],
        defaultSubcommand: Practice.self
    )

    static func main() {
        StandardStreams.prepare()
        let arguments = ArgumentOrder.subcommandFirst(Array(CommandLine.arguments.dropFirst()), command: Hone.self)
        checkHelpTopic(arguments)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(for: error)
        }
    }

    /// `hone help X Y`: every word must name a command (the parser would print the top help and
    /// succeed); a typo gets the nearest command.
    private static func checkHelpTopic(_ arguments: [String]) {
        guard arguments.first == "help" else { return }
        var current: any ParsableCommand.Type = Hone.self
        for word in arguments.dropFirst() where !word.hasPrefix("-") {
            let names = current.configuration.subcommands.map { $0._commandName }
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == word }) else {
                let nearest = Suggestion.closest(to: word, among: names).map { "; did you mean `\($0)`?" } ?? ""
                usageError("no command named \(word)\(nearest); the commands are \(names.joined(separator: ", "))")
            }
            current = next
        }
    }

    /// The names of the top-level commands, for "did you mean".
    static var commandNames: [String] { configuration.subcommands.map { $0._commandName } }

    /// Every failure ends here, as a message on stderr and the contract's exit status: 1 for
    /// what the person can fix in their input or files, 2 for a mistake on the command line
    /// (the argument parser's own default is 64).
    private static func exit(for error: any Error) -> Never {
        switch error {
        case let error as HoneError:
            // A word that names no deck, skill or command is a mistake on the command line.
            if case .noDeckOrSkill(let words, _) = error.reason {
                if let word = words.first, let command = Suggestion.closest(to: word, among: commandNames) {
                    usageError("no command, deck or skill named \(word); did you mean `hone \(command)`?")
                }
            }
            if error.isCommandLineMistake { usageError(error.description) }
            fail(error.description)
        case let error as StoreError: fail(error.description)
        case let error as OutputError:
            // The reader of a pipe stopped reading (`hone log export | head -1`): no message, and
            // the status a shell gives a program SIGPIPE ended (128 + 13), as git's or cat's.
            if error.isBrokenPipe { Foundation.exit(brokenPipeStatus) }
            fail(error.description)
        default:
            if exitCode(for: error) == .validationFailure {
                // The parser's "Error: ..." in hone's one format, with its usage line after.
                var message = fullMessage(for: error)
                if message.hasPrefix("Error: ") { message = "hone: error: " + message.dropFirst("Error: ".count) }
                // The arguments are quoted back: shown, never obeyed.
                Output.error(VisibleText.make(message, keepNewlines: true))
                Foundation.exit(2)
            }
            // Help, the version and completion scripts: written as any output is, so a failure
            // to write them is reported too.
            if exitCode(for: error) == .success {
                let message = fullMessage(for: error)
                do {
                    if !message.isEmpty { try Output.out(message) }
                } catch {
                    exit(for: error)
                }
                Foundation.exit(0)
            }
            exit(withError: error)
        }
    }

    /// The exit status when standard output is a pipe whose reader has gone.
    static let brokenPipeStatus: Int32 = 141

    static func fail(_ message: String) -> Never {
        Output.error("hone: error: " + VisibleText.make(message))
        Foundation.exit(1)
    }

    /// A mistake on the command line: `hone: error: ...` and exit status 2.
    static func usageError(_ message: String) -> Never {
        Output.error("hone: error: " + VisibleText.make(message))
        Foundation.exit(2)
    }

    /// Prints what a command goes on despite: a config file's mistakes with their source line,
    /// decks skipped for their errors, files in the deck folder that are not readable decks.
    @Sendable static func print(_ notice: Notice) {
        Output.error(notice.text(terminal: .forStandardError()))
    }
}
