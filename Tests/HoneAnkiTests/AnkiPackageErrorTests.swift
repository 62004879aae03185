import HoneAnki
import Testing

@Suite struct AnkiPackageErrorTests {
    /// One line: the file first, what is wrong, then what to do.
    @Test func aMessageNamesTheFileAndWhatToDo() {
        #expect(
            AnkiPackageError.notAPackage("decks/french.apkg").message
                == "decks/french.apkg: not an Anki package (.apkg or .colpkg are zip archives, and this is not one); "
                + "export it again from Anki (File > Export: Anki Deck Package or Anki Collection Package)")
        let errors: [AnkiPackageError] = [
            .unreadable("p.apkg", "no such file"), .notAPackage("p.apkg"), .damagedArchive("p.apkg", "x"),
            .noCollection("p.apkg"), .unknownVersion("p.apkg", "x"), .damagedCollection("p.apkg", "x"),
            .cannotExtract("p.apkg", "x"),
        ]
        for error in errors {
            #expect(error.message.hasPrefix("p.apkg: ") && !error.message.contains("\n"))
            #expect(error.path == "p.apkg")
        }
    }
}
