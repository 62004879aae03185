import Foundation
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

    @Test func thousandsOfCardsGetTheirIDsAndKeepEveryOtherByte() throws {
        // Every shape a header comes in: indented, commented, CRLF, after an id-less card
        // with the same text (numbered), beside cards that have an id; the last on the last line.
        var original = "# a large deck\n[deck]\nname = \"Large\"\n\n"
        var expected = original
        var ids: [String] = []
        for n in 0..<3000 {
            let end = n % 5 == 0 ? "\r\n" : "\n"
            let indent = n % 7 == 0 ? "  " : ""
            let header = indent + "[[card]]" + (n % 3 == 0 ? "  # card \(n)" : "") + end
            let body = n % 4 == 0 ? "q = \"Same question\"" + end : "q = \"Question \(n) asks this\"" + end
            let answer = "a = \"Answer \(n)\"" + end + end
            original += header
            expected += header
            if n % 11 == 0 {
                original += "id = \"given-\(n)\"" + end
                expected += "id = \"given-\(n)\"" + end
            } else {
                let same = (0..<n).filter { $0 % 4 == 0 && $0 % 11 != 0 }.count
                let id =
                    n % 4 == 0 ? (same == 0 ? "same-question" : "same-question-\(same + 1)") : "question-\(n)-asks-this"
                ids.append(id)
                expected += indent + "id = \"\(id)\"" + end
            }
            original += body + answer
            expected += body + answer
        }
        original += "[[card]]"
        expected += "[[card]]\r\nid = \"card\""  // a file with CRLF lines gets CRLF
        ids.append("card")
        let outcome = try #require(IDPinner.pin(Array(original.utf8)))
        #expect(outcome.added == ids)
        #expect(outcome.bytes == Array(expected.utf8))
    }

    /// The slug as first written, a Unicode property lookup a character: the fast one must
    /// give the same ids, or a deck pinned before and after would differ.
    static func plainSlug(_ text: String, maximumWords: Int = 5, maximumLength: Int = 40) -> String {
        var words: [String] = []
        var word = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        var slug = ""
        for word in words.prefix(maximumWords) {
            let candidate = slug.isEmpty ? word : slug + "-" + word
            if candidate.unicodeScalars.count > maximumLength, !slug.isEmpty { break }
            slug = String(String.UnicodeScalarView(candidate.unicodeScalars.prefix(maximumLength)))
        }
        return slug.isEmpty ? "card" : slug
    }

    @Test func theFastSlugIsTheSlug() {
        let pieces = [
            "a", "Z", "q", "0", "7", " ", "-", "'", "\u{2019}", "?", "\t", "\n", "É", "ß", "İ", "Σ", "ǅ", "学", "🚀",
            "٣", "\u{301}", "_", "Supercalifragilisticexpialidocious", "don't", "x\u{7F}",
        ]
        var state: UInt64 = 20_260_303
        for _ in 0..<5000 {
            var text = ""
            for _ in 0..<Int(state % 23) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            #expect(CardKeys.slug(text) == Self.plainSlug(text), "\(text.debugDescription)")
            #expect(
                CardKeys.slug(text, maximumWords: 2, maximumLength: 6)
                    == Self.plainSlug(text, maximumWords: 2, maximumLength: 6), "\(text.debugDescription)")
        }
    }

    /// The pinner reads the cards streamed, as a check does, where it used to read the whole
    /// document: it must give a result for exactly the files that have a document.
    @Test func pinsExactlyTheFilesThatHaveADocument() throws {
        let corpus = CorpusTests.folder
        var files: [URL] = []
        for kind in ["valid", "broken"] {
            files += CorpusTests.files(kind).map { corpus.appendingPathComponent(kind).appendingPathComponent($0) }
        }
        #expect(files.count >= 50)
        for url in files {
            let bytes = [UInt8](try Data(contentsOf: url))
            let document = TOMLReader.parse(bytes).document
            #expect((IDPinner.pin(bytes) == nil) == (document == nil), "\(url.lastPathComponent)")
        }
    }

    @Test func slugsAreReadable() {
        #expect(CardKeys.slug("Why don't people value soft assets?") == "why-dont-people-value-soft")
        #expect(CardKeys.slug("Écrire à un ancien collègue") == "écrire-à-un-ancien-collègue")
        #expect(CardKeys.slug("?!") == "card")
    }
}
