import Foundation
import Testing

@testable import HoneDeck

/// The deck corpus under `Corpus/`: valid decks with the documents Python's tomllib gives for
/// them, and broken decks with the positions (`LINE:COLUMN`) of the errors they must report.
@Suite("deck corpus")
struct CorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static func files(_ kind: String) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(kind).path)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted()
    }

    @Test("the corpus is there") func corpusIsThere() {
        #expect(Self.files("valid").count >= 20)
        #expect(Self.files("broken").count >= 30)
    }

    @Test("valid decks read as tomllib reads them", arguments: files("valid"))
    func valid(_ name: String) throws {
        let url = Self.folder.appendingPathComponent("valid").appendingPathComponent(name)
        let file = DeckReader.read(bytes: [UInt8](try Data(contentsOf: url)), path: name, deckID: "d")
        let document = try #require(file.document, "\(file.diagnostics)")
        var writer = JSONWriter()
        writer.table(document)
        let ours =
            try JSONSerialization.jsonObject(with: Self.quotingNonFinite(writer.output), options: []) as? NSDictionary
        let expectedURL = url.deletingPathExtension().appendingPathExtension("json")
        let expected =
            try JSONSerialization.jsonObject(
                with: Self.quotingNonFinite([UInt8](Data(contentsOf: expectedURL))), options: []) as? NSDictionary
        #expect(ours == expected)
    }

    /// Foundation's JSON reader refuses the bare `NaN`, `Infinity` and `-Infinity` that both
    /// tomllib's dump and hone write: turn them into marked strings outside string literals.
    static func quotingNonFinite(_ json: [UInt8]) -> Data {
        var output: [UInt8] = []
        var inString = false
        var index = 0
        while index < json.count {
            let byte = json[index]
            if inString {
                output.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < json.count {
                    output.append(json[index + 1])
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                output.append(byte)
            } else if let token = ["-Infinity", "Infinity", "NaN"].first(where: { json[index...].starts(with: $0.utf8) }
            ) {
                output += Array("\"@\(token)\"".utf8)
                index += token.utf8.count - 1
            } else {
                output.append(byte)
            }
            index += 1
        }
        return Data(output)
    }

    @Test("broken decks report each error where it is", arguments: files("broken"))
    func broken(_ name: String) throws {
        let url = Self.folder.appendingPathComponent("broken").appendingPathComponent(name)
        let expectURL = url.deletingPathExtension().appendingPathExtension("expect")
        let expected = try String(contentsOf: expectURL, encoding: .utf8).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let file = DeckReader.read(bytes: [UInt8](try Data(contentsOf: url)), path: name, deckID: "d")
        let errors = file.diagnostics.filter { $0.severity == .error }.map { "\($0.line):\($0.column)" }
        let messages = file.diagnostics.filter { $0.severity == .error }.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(file.deck == nil, "a broken deck must not be usable")
        #expect(errors.first == expected.first, "\(messages)")
        for position in expected {
            #expect(errors.contains(position), "expected an error at \(position); got \(messages)")
        }
    }
}
