import ArgumentParser
import Foundation
import HoneCore

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

    /// Runs the command, with command-line mistakes exiting 2 as the contract says (the
    /// argument parser's own default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UserFacingError {
            FileHandle.standardError.write(Data(("hone: error: " + VisibleText.make(error.description) + "\n").utf8))
            Foundation.exit(1)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
