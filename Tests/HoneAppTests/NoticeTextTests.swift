import HoneDeck
import HoneReport
import Testing

@testable import HoneApp

/// What hone says on stderr when it goes on despite a problem, and which errors are the
/// command line's (exit status 2) rather than the person's files' (1).
@Suite("notices and error kinds")
struct NoticeTextTests {
    @Test func noticesNameTheFileAndShowNoControlCharacter() {
        let skipped = Notice.skippedDecks(["a.toml", "b\u{1B}[31m.toml"]).text(terminal: Terminal(useColour: false))
        #expect(skipped.hasPrefix("hone: skipped 2 decks with errors (see `hone check`): a.toml, b"))
        #expect(!skipped.contains("\u{1B}"), "deck names are untrusted text")
        let one = Notice.skippedDecks(["a.toml"]).text(terminal: Terminal(useColour: false))
        #expect(one.hasPrefix("hone: skipped 1 deck with errors"))
    }

    @Test func wordsThatNameNothingAreCommandLineMistakes() {
        #expect(HoneError(.noTag(["x"])).isCommandLineMistake)
        #expect(HoneError(.noCard("d/x", suggestion: nil)).isCommandLineMistake)
        #expect(!HoneError(.cannotWrite(path: "/x", reason: "full")).isCommandLineMistake)
    }
}
