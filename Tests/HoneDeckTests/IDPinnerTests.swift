import Testing

@testable import HoneDeck

@Suite("--fix-ids")
struct IDPinnerTests {
    @Test func insertsReadableUniqueIDsAndChangesNothingElse() throws {
        let original = """
            # my deck\r
            [[card]]   # first\r
            q = "What are Soft Assets, really?"\r
            a = "x"\r
            \r
              [[card]]\r
              id = "what-are-soft-assets-really"\r
              q = "Other"\r
              a = "y"\r
            [[card]]\r
            q = "What are soft assets really"\r
            a = "z"\r
            [[card]]\r
            type = "cloze"\r
            text = "Loyalty flows {{c1::across}} now"
            """
        let bytes = Array(original.utf8)
        let outcome = try #require(IDPinner.pin(bytes))
        #expect(
            outcome.added == [
                "what-are-soft-assets-really-2", "what-are-soft-assets-really-3", "loyalty-flows-across-now",
            ])
        let expected =
            original
            .replacingOccurrences(
                of: "[[card]]   # first\r\n", with: "[[card]]   # first\r\nid = \"what-are-soft-assets-really-2\"\r\n"
            )
            .replacingOccurrences(
                of: "[[card]]\r\nq = \"What are soft assets really\"",
                with: "[[card]]\r\nid = \"what-are-soft-assets-really-3\"\r\nq = \"What are soft assets really\""
            )
            .replacingOccurrences(
                of: "[[card]]\r\ntype = \"cloze\"",
                with: "[[card]]\r\nid = \"loyalty-flows-across-now\"\r\ntype = \"cloze\"")
        #expect(outcome.bytes == Array(expected.utf8))
        let reread = DeckReader.read(bytes: outcome.bytes, path: "d.toml", deckID: "d")
        #expect(!reread.diagnostics.contains { $0.message.contains("no id") })
        #expect(reread.deck?.cards.count == 4)
    }

    @Test func keepsLFFilesLFAndHandlesAHeaderOnTheLastLine() throws {
        let outcome = try #require(IDPinner.pin(Array("[[card]]\nq = \"Hi\"\na = \"x\"\n[[card]]".utf8)))
        #expect(
            String(decoding: outcome.bytes, as: UTF8.self)
                == "[[card]]\nid = \"hi\"\nq = \"Hi\"\na = \"x\"\n[[card]]\nid = \"card\"")
    }

    @Test func leavesAFileWithNothingToDoByteForByte() throws {
        let bytes = Array("[[card]]\nid = \"a\"\nq = \"?\"\na = \"!\"\n".utf8)
        #expect(try #require(IDPinner.pin(bytes)).bytes == bytes)
        #expect(IDPinner.pin(Array("q = \"broken".utf8)) == nil)
    }

    @Test func slugsAreReadable() {
        #expect(CardKeys.slug("Why don't people value soft assets?") == "why-dont-people-value-soft")
        #expect(CardKeys.slug("Écrire à un ancien collègue") == "écrire-à-un-ancien-collègue")
        #expect(CardKeys.slug("?!") == "card")
    }
}
