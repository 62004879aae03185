import ArgumentParser
import HoneApp
import HoneReport

extension Hone.Import {
    struct Anki: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anki",
            abstract: "Bring an Anki package (.apkg, .colpkg) in, with its review history.",
            discussion: """
                Each Anki deck becomes a deck file under the deck folder (Languages::French is \
                Languages/French.toml). Basic, reversed, optional reversed, type-in-the-answer and \
                cloze notes keep their kind; any other note type is read by the fields its first \
                template shows, and fields no card shows are listed. HTML becomes plain text; \
                images and sounds are listed, not copied. Every review comes along as an answer, \
                and each card's state (due day, interval, ease, steps, suspended, buried) is \
                recorded as Anki has it, so nothing falls due on another day after the move. \
                Importing a newer package of the same collection adds only its new notes and \
                reviews; a package made by `hone export anki` maps back onto hone's own cards.

                Examples:
                  hone import anki ~/Downloads/French.apkg
                  hone import anki collection.colpkg      (Anki: File, Export, Anki Collection Package)
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("The Anki package.", valueName: "file"),
            completion: .file(extensions: ["apkg", "colpkg"]))
        var file: String

        func run() throws {
            let summary = try AnkiImport.run(file, workspace: try global.workspace())
            for line in summary.warnings { Output.error(line) }
            try Output.out(summary.report)
        }
    }
}
