import Foundation
import GRDB
import Testing
import ZIPFoundation

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

    /// The legacy fixture package with its collection changed by `sql`, written to `name`.
    func package(_ hone: HoneProcess, _ name: String, editedBy sql: [String]) throws -> URL {
        let source = try Archive(url: Self.fixtures.appendingPathComponent("legacy.apkg"), accessMode: .read)
        let package = hone.home.appendingPathComponent(name)
        let target = try Archive(url: package, accessMode: .create)
        for entry in source {
            var bytes = Data()
            _ = try source.extract(entry) { bytes.append($0) }
            if entry.path == "collection.anki21" {
                let file = hone.home.appendingPathComponent(name + ".anki21")
                try bytes.write(to: file)
                let database = try DatabaseQueue(path: file.path)
                try database.write { db in for statement in sql { try db.execute(sql: statement) } }
                try database.close()
                bytes = try Data(contentsOf: file)
            }
            let data = bytes
            try target.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return package
    }

    /// A note moved to another deck in Anki stays where hone has it: the next import adds
    /// neither the note nor its reviews again.
    @Test func aNoteMovedToAnotherDeckInAnkiIsNotImportedTwice() throws {
        let hone = try home()
        #expect(try importing(hone, "legacy.apkg").status == 0)
        let rows = try logRows(hone)
        let cardsBefore = try cards(hone).keys.sorted()
        let moved = try package(hone, "moved.apkg", editedBy: ["UPDATE cards SET did = 1796319957238 WHERE did = 1"])
        let again = try hone.run(["import", "anki", moved.path, "--now", Self.now])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            again.stdout.contains("imported 0 notes into 0 deck files (7 already there); 0 reviews"), "\(again.stdout)")
        #expect(try cards(hone).keys.sorted() == cardsBefore)
        #expect(try logRows(hone) == rows)
    }

    /// A damaged or hand-made package's values (a due of -2^63, an ease of 10^18, a review at
    /// the end of time, a template ordinal of 2^63-1) neither trap the import nor leave a log
    /// that later commands cannot read or round-trip.
    @Test func outlandishValuesAreHeldToWhatTheLogCarries() throws {
        let hone = try home()
        let odd = try package(
            hone, "odd.apkg",
            editedBy: [
                "UPDATE cards SET type = 1, queue = 3, due = -9223372036854775808 WHERE id = 1796319957240",
                "UPDATE cards SET mod = 100000000000000000, factor = 1000000000000000000, ivl = 1099511627776, "
                    + "reps = 9223372036854775807 WHERE id = 1796319957239",
                "UPDATE cards SET ord = 9223372036854775807 WHERE id = 1796319957247",
                "UPDATE revlog SET id = 9223372036854775807 WHERE id = 1796319957245",
            ])
        let result = try hone.run(["import", "anki", odd.path, "--now", Self.now])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("1 review not carried: its time is not between 1970 and 9999"), "\(result.stdout)")
        for command in [["status"], ["cards"], ["stats", "--json"]] {
            let later = try hone.run(command + ["--now", Self.now])
            #expect(later.status == 0, "\(command): \(later.stderr)")
        }
        let listed = try cards(hone)
        #expect(listed.values.contains { $0["ease"] as? Double == 999.999 && $0["interval"] as? Int == 999_999_999 })
        let exported = try hone.run(["log", "export"])
        try hone.write("log.csv", exported.stdout)
        let copy = try hone.run(["log", "import", "log.csv", "--data", "copy"])
        #expect(copy.status == 0, "\(copy.stderr)")
        let copied = try hone.run(["cards", "--json", "--data", "copy", "--now", Self.now])
        let original = try hone.run(["cards", "--json", "--now", Self.now])
        #expect(copied.stdout == original.stdout)
    }
}
