import ArgumentParser
import HoneApp
import HoneCore
import HoneReport

extension Hone.Import {
    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Add the cards of a CSV or TSV file (or Anki's Notes in Plain Text) to a deck.",
            discussion: """
                The columns are named in a header row (front, back, tags; also Anki's Front and \
                Back) or with --columns; the separator (tab, comma or semicolon) is found from the \
                first line, or read from Anki's #separator: line, with its #html:, #tags column: \
                and #columns: lines. HTML becomes plain text; images and sounds are not carried, \
                and are listed by card. DECK is a path under the deck folder: a new file is made, \
                an existing one only gains cards at its end, and cards it has already (same id or \
                same front) are skipped. Nothing is written when the result would not pass `hone check`.

                Examples:
                  hone import csv words.csv --deck spanish        header row front,back,tags
                  hone import csv words.tsv --deck spanish --columns front,back
                  hone import csv "Spanish.txt" --deck languages/spanish   (Anki: Export, Notes in Plain Text)
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(
            help: ArgumentHelp("The CSV, TSV or Anki text file.", valueName: "file"),
            completion: .file(extensions: ["csv", "tsv", "txt"]))
        var file: String

        @Option(help: ArgumentHelp("The deck's file under the deck folder, e.g. languages/spanish.", valueName: "deck"))
        var deck: String

        @Option(help: ArgumentHelp("The columns in order, e.g. front,back,tags (- skips one).", valueName: "names"))
        var columns: String?

        @Option(help: ArgumentHelp("The cards' type: basic or typed.", valueName: "type"))
        var type: String = "basic"

        func validate() throws {
            if let refusal = DeckTemplate.refusal(ofDeck: deck) { throw ValidationError(refusal) }
            guard let kind = CardKind(rawValue: type), CardImport.kinds.contains(kind) else {
                throw ValidationError("--type takes basic or typed, not \(VisibleText.make(type))")
            }
        }

        func run() throws {
            let names = columns.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let summary = try CardImport.run(
                file, deck: deck, columns: names, kind: CardKind(rawValue: type) ?? .basic,
                deckFolder: global.locations.deckFolder)
            for (card, what) in summary.dropped {
                Output.error("card \(VisibleText.make(card)): dropped \(VisibleText.make(what))")
            }
            try Output.out(
                "imported \(summary.imported) card\(summary.imported == 1 ? "" : "s") into "
                    + "\(VisibleText.make(summary.path)); skipped \(summary.skipped) already there")
        }
    }
}
