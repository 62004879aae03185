import ArgumentParser
import Foundation
import HoneApp
import HoneReport

extension Hone {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check deck files and report every mistake with its file, line and column.",
            discussion: """
                With no PATH, checks every *.toml under the deck folder. A folder is searched \
                recursively, in sorted order. Each problem is printed as
                  path:line:column: error|warning: message
                with the source line and a caret under the spot. Errors make a deck unusable \
                (it is skipped in practice; other decks are not affected); warnings do not. \
                A *.toml in a folder that is not a readable deck file (a pipe, a device, a file \
                over [decks] max_file_size) is named on stderr and skipped; given by path, it \
                is an error.

                Exit status: 0 when no file has an error, 1 when any has, 2 on a bad command line.

                Examples:
                  hone check                      check the deck folder
                  hone check decks/networking.toml
                  hone check --json decks > report.json
                  hone check --fix-ids            give every card without an id a readable one
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("Deck files or folders (default: the deck folder).", valueName: "path"),
            completion: .file(extensions: ["toml"]))
        var paths: [String] = []

        @Flag(help: "Print one JSON object: each file's parsed document and its diagnostics.")
        var json = false

        @Flag(
            name: .customLong("fix-ids"),
            help: "Write id = \"...\" into every card that lacks one, changing nothing else in the file.")
        var fixIDs = false

        func run() throws {
            // The config file says how large a deck may be; the time plays no part in a check.
            let workspace = Workspace(global.locations, now: Date(), notify: Hone.print)
            let check = DeckCheck(
                paths, deckFolder: workspace.locations.deckFolder, fixIDs: fixIDs, keepDocuments: json,
                sizeLimit: workspace.deckSizeLimit)
            for problem in check.skipped { Hone.print(.unreadableDeck(problem)) }
            try Output.out(
                json
                    ? CheckReport.json(check.files, problems: check.problems)
                    : CheckReport.text(
                        check.files, problems: check.problems, pinned: check.pinned, searched: check.targets,
                        terminal: .forStandardOutput()))
            if !check.passed { throw ExitCode(1) }
        }
    }
}
