import ArgumentParser
import HoneApp
import HoneReport

extension Hone.Export {
    struct Anki: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anki",
            abstract: "Write decks as an Anki package (.apkg) that Anki opens and imports.",
            discussion: """
                One Anki deck per deck (languages/spanish becomes languages::spanish), one note \
                per [[card]], in Anki's own note types:
                  basic     Basic (Front, Back); reverse = true: Basic (and reversed card)
                  typed     Basic (type in the answer)
                  cloze     Cloze (Text, Back Extra), the deletions as {{c1::...}}
                  choice    Basic: the question and numbered choices; the answer on the back
                  practice  Basic: the prompt; the rubric and the example on the back
                hint and explain go on the back (a typed card's are left out: Anki compares what \
                you type with the whole back), tags become the note's tags. Each note's GUID is \
                hone:DECK_ID/CARD_ID, so importing a newer export updates the notes Anki has.

                Without --with-scheduling every card is new in Anki. With it, each card keeps \
                where it stands (new, learning, review or relearning; due day or step, interval, \
                ease, reps, lapses; suspended, buried today) and every answer is in Anki's review \
                history; in Anki, choose "Import any learning progress" when importing.

                The file is written whole or not at all (a temporary file renamed over OUT); a \
                folder, a device or a FIFO is refused.

                Examples:
                  hone export anki all.apkg
                  hone export anki spanish.apkg languages/spanish --with-scheduling
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("The package to write, e.g. decks.apkg.", valueName: "out.apkg"),
            completion: .file(extensions: ["apkg"]))
        var out: String

        @Argument(
            help: ArgumentHelp(
                "Decks (id or name) or skills to export; all decks when none.", valueName: "deck-or-skill"))
        var decks: [String] = []

        @Flag(help: "Carry every card's state and review history, not only the cards.")
        var withScheduling = false

        func validate() throws {
            // A deck named where the file belongs (`hone export anki spanish`) would be written as
            // a file called spanish; Anki's import also goes by the extension.
            guard out.lowercased().hasSuffix(".apkg") else {
                throw ValidationError(
                    "the package's name must end in .apkg, as Anki imports it: "
                        + "hone export anki \(VisibleText.make(out)).apkg [DECK_OR_SKILL...]")
            }
        }

        func run() throws {
            let summary = try AnkiExport.run(
                to: out, filters: decks, withScheduling: withScheduling, workspace: try global.workspace())
            for line in summary.warnings { Output.error(line) }
            try Output.out(summary.report(out: out, withScheduling: withScheduling))
        }
    }
}
