import Foundation
import Testing

/// `hone import anki` on packages Anki's own library made (Tests/HoneAnkiTests/Fixtures, by
/// make-fixtures.py there). Every card's state against Anki's, on collections reviewed by Anki's
/// scheduler, is checked by Tests/Scripts/anki-import-check; these hold what a user sees.
@Suite("hone import anki, end to end")
struct ImportAnkiTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("HoneAnkiTests/Fixtures")
    static let now = "2026-12-03T20:00:00Z"

    func home() throws -> HoneProcess {
        let hone = try HoneProcess()
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("decks"), withIntermediateDirectories: true)
        return hone
    }

    func importing(_ hone: HoneProcess, _ package: String) throws -> HoneProcess.Output {
        try hone.run(["import", "anki", Self.fixtures.appendingPathComponent(package).path, "--now", Self.now])
    }

    func cards(_ hone: HoneProcess) throws -> [String: [String: Any]] {
        let listed = try hone.run(["cards", "--json", "--now", Self.now])
        #expect(listed.status == 0, "\(listed.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        return Dictionary(
            uniqueKeysWithValues: list.compactMap { card in (card["card"] as? String).map { ($0, card) } })
    }

    func logRows(_ hone: HoneProcess) throws -> Int {
        let exported = try hone.run(["log", "export"])
        #expect(exported.status == 0, "\(exported.stderr)")
        return exported.stdout.split(separator: "\n").count - 1
    }

    @Test(arguments: ["current.apkg", "legacy.apkg", "legacy1.apkg", "whole.colpkg"])
    func aPackageBecomesDecksThatCheckCleanWithAnkisStates(package: String) throws {
        let hone = try home()
        let result = try importing(hone, package)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("imported 7 notes into 2 deck files"), "\(result.stdout)")
        // The custom note type's third field shows on no card: it is named, not lost silently.
        #expect(result.stderr.contains("not carried: field"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: hone.home.appendingPathComponent("decks/A/B.toml").path))
        let check = try hone.run(["check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let cards = try cards(hone)
        let review = try #require(
            cards.values.first { $0["state"] as? String == "review" && $0["deck"] as? String == "A/B" })
        #expect(review["interval"] as? Int == 4 && review["ease"] as? Double == 2.5 && review["reps"] as? Int == 2)
        #expect(cards.values.contains { $0["state"] as? String == "learning" })
        #expect(cards.values.filter { $0["suspended"] as? Bool == true }.count == 1)
        #expect(cards.values.filter { $0["buried"] as? Bool == true }.count == 1)
        #expect(cards.keys.contains { $0.hasSuffix("#r") } && cards.keys.contains { $0.hasSuffix("#c2") })
    }

    @Test func importingAgainAddsNothingAndKeepsEditsMadeInHone() throws {
        let hone = try home()
        #expect(try importing(hone, "current.apkg").status == 0)
        let rows = try logRows(hone)
        #expect(rows > 0)
        let deck = hone.home.appendingPathComponent("decks/Default.toml")
        var text = try String(contentsOf: deck, encoding: .utf8)
        text = text.replacingOccurrences(of: "q = \"chien\"", with: "q = \"le chien\"")
        try text.write(to: deck, atomically: true, encoding: .utf8)
        for package in ["current.apkg", "legacy.apkg"] {
            let again = try importing(hone, package)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("imported 0 notes into 0 deck files (7 already there); 0 reviews"))
        }
        #expect(try logRows(hone) == rows)
        #expect(try String(contentsOf: deck, encoding: .utf8) == text)
    }

    @Test func aFileThatIsNotAPackageWritesNothing() throws {
        let hone = try home()
        try hone.write("notes.apkg", "front,back\n")
        let result = try hone.run(["import", "anki", "notes.apkg"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("notes.apkg") && result.stderr.contains("not an Anki package"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was imported"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: hone.home.appendingPathComponent("decks").path).isEmpty)
    }

    @Test func aBrokenDeckInTheWayStopsTheWholeImport() throws {
        let hone = try home()
        try hone.write("decks/Default.toml", "[deck]\nname = \"Default\"\n\n[[card]]\nq = \"unterminated\n")
        let result = try importing(hone, "current.apkg")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("Default.toml") && result.stderr.contains("nothing was imported"), "\(result.stderr)"
        )
        #expect(!FileManager.default.fileExists(atPath: hone.home.appendingPathComponent("decks/A/B.toml").path))
        #expect(try logRows(hone) == 0)
    }
}
