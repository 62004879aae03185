import Foundation
import GRDB
import Testing
import ZIPFoundation

/// `hone export anki` run as a user runs it: the package is a zip holding Anki's legacy
/// collection with a note per entry, a card per card and, with scheduling, a review per answer.
@Suite("hone export anki, end to end")
struct ExportAnkiTests {
    static let deck = """
        [[card]]
        id = "b1"
        q = "Is 1 < 2?"
        a = "yes"
        reverse = true

        [[card]]
        id = "cz"
        type = "cloze"
        text = "A {{c1::cat}} and a {{c2::dog}}"

        [[card]]
        id = "ty"
        type = "typed"
        q = "Capital of France?"
        a = "Paris"

        """

    func home() throws -> HoneProcess {
        let hone = try HoneProcess()
        try hone.write("decks/lang/mixed.toml", Self.deck)
        try hone.write("decks/other.toml", "[[card]]\nid = \"o\"\nq = \"q\"\na = \"a\"\n")
        try hone.write(
            "log.csv",
            """
            card,reviewed_at,rating,duration_ms
            lang/mixed/b1,2026-03-01T09:00:00+00:00,good,4000
            lang/mixed/b1,2026-03-01T09:11:00+00:00,good,3000
            lang/mixed/cz#c2,2026-03-02T09:00:00+00:00,again,2000

            """)
        #expect(try hone.run(["log", "import", "log.csv"]).status == 0)
        return hone
    }

    /// The collection in the package at `path`: its note, card and review counts, and its GUIDs.
    func contents(_ hone: HoneProcess, _ path: String) throws -> (notes: Int, cards: Int, reviews: Int, guids: [String])
    {
        let archive = try Archive(url: hone.home.appendingPathComponent(path), accessMode: .read)
        #expect(archive["media"] != nil)
        let entry = try #require(archive["collection.anki2"])
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        let file = hone.home.appendingPathComponent("extracted.anki2")
        try bytes.write(to: file)
        let database = try DatabaseQueue(path: file.path)
        return try database.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM notes") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM cards") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM revlog") ?? -1,
                try String.fetchAll(db, sql: "SELECT guid FROM notes ORDER BY guid")
            )
        }
    }

    @Test func packageHoldsTheNamedDecksWithTheirHistory() throws {
        let hone = try home()
        let result = try hone.run(
            ["export", "anki", "out.apkg", "lang/mixed", "--with-scheduling", "--now", "2026-03-03T10:00:00+00:00"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote out.apkg: 1 deck, 3 notes, 5 cards, 3 reviews"), "\(result.stdout)")
        let package = try contents(hone, "out.apkg")
        #expect(package.notes == 3 && package.cards == 5 && package.reviews == 3)
        #expect(package.guids == ["hone:lang/mixed/b1", "hone:lang/mixed/cz", "hone:lang/mixed/ty"])
    }

    @Test func withoutSchedulingNoHistoryGoes() throws {
        let hone = try home()
        let result = try hone.run(["export", "anki", "all.apkg"])
        #expect(result.status == 0, "\(result.stderr)")
        let package = try contents(hone, "all.apkg")
        #expect(package.notes == 4 && package.cards == 6 && package.reviews == 0)
    }

    @Test func anUnknownDeckIsNamedAndNothingIsWritten() throws {
        let hone = try home()
        let result = try hone.run(["export", "anki", "out.apkg", "lang/mixd"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("lang/mixd"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: hone.home.appendingPathComponent("out.apkg").path))
    }

    @Test func aPackageNameWithoutApkgIsRefused() throws {
        let hone = try home()
        let result = try hone.run(["export", "anki", "lang/mixed"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("must end in .apkg"), "\(result.stderr)")
    }

    @Test func aFolderIsNotOverwritten() throws {
        let hone = try home()
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("out.apkg"), withIntermediateDirectories: true)
        let result = try hone.run(["export", "anki", "out.apkg"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write out.apkg: it is a folder"), "\(result.stderr)")
    }
}
