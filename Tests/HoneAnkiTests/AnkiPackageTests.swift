import Foundation
import GRDB
import Testing

@testable import HoneAnki

@Suite struct AnkiPackageTests {
    /// Every package Anki wrote (current, legacy with and without `meta`, a whole collection)
    /// reads into what Anki's own library reports of it, value for value.
    @Test(arguments: ["current.apkg", "legacy.apkg", "legacy1.apkg", "whole.colpkg"])
    func aPackageReadsAsAnkiSeesIt(package: String) throws {
        let read = try AnkiPackage.read(AnkiFixtures.path(package))
        let expected = try AnkiFixtures.expected(package)
        #expect(read.createdSeconds == expected.createdSeconds)
        #expect(read.rolloverHour == expected.rolloverHour)
        #expect(read.decks == expected.decks)
        #expect(read.noteTypes == expected.noteTypes)
        #expect(read.notes == expected.notes)
        #expect(read.cards == expected.cards)
        #expect(read.reviews == expected.reviews)
    }

    /// The fixtures hold what the importer relies on (so the comparison above is not of two
    /// empty collections): the stock note types and a custom one, the deck tree, tags, HTML, a
    /// reviewed card with its history, a suspended and a filtered card, an FSRS memory state;
    /// and the "please update Anki" stub beside the current collection is not what was read.
    @Test func theCurrentPackageHoldsEveryKindOfThing() throws {
        let collection = try AnkiPackage.read(AnkiFixtures.path("current.apkg"))
        let types = Dictionary(uniqueKeysWithValues: collection.noteTypes.values.map { ($0.name, $0) })
        #expect(
            Set(types.keys)
                == [
                    "Basic", "Basic (and reversed card)", "Basic (optional reversed card)",
                    "Basic (type in the answer)", "Cloze", "Vocabulary",
                ])
        #expect(types["Cloze"]?.kind == .cloze)
        #expect(types["Basic (and reversed card)"]?.templates.count == 2)
        #expect(types["Basic (type in the answer)"]?.templates.first?.questionFormat.contains("{{type:Back}}") == true)
        #expect(types["Vocabulary"]?.fields == ["Word", "Meaning", "Example"])
        #expect(Set(collection.decks.values.map(\.name)) == ["Default", "A", "A::B", "Cram"])
        #expect(collection.decks.values.first { $0.name == "Cram" }?.isFiltered == true)

        let bonjour = try #require(collection.notes.first { $0.fields.first == "Bonjour" })
        #expect(bonjour.fields == ["Bonjour", "<b>Hello</b>"])
        #expect(bonjour.tags == ["french", "greeting"])
        #expect(collection.notes.count == 7)
        #expect(collection.cards.count == 10)

        let reviewed = try #require(collection.cards.first { $0.noteID == bonjour.id })
        #expect(reviewed.queue == 2 && reviewed.factor == 2500)
        #expect(collection.reviews.filter { $0.cardID == reviewed.id }.map(\.ease) == [3, 4])
        #expect(collection.reviews.map(\.id) == collection.reviews.map(\.id).sorted())
        #expect(collection.cards.contains { $0.queue == -1 })
        #expect(collection.cards.contains { $0.originalDeckID == 1 && $0.originalDue != 0 })
        #expect(collection.cards.contains { $0.stability != nil && $0.difficulty != nil })
    }

    /// Whatever happens, the extracted collection does not stay behind.
    @Test func theTemporaryCollectionIsRemoved() throws {
        let scratch = try ScratchFolder()
        let temporary = scratch.path("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        _ = try AnkiPackage.read(AnkiFixtures.path("current.apkg"), temporaryFolder: temporary)
        _ = try AnkiPackage.read(AnkiFixtures.path("legacy.apkg"), temporaryFolder: temporary)
        try AnkiFixtures.zip(
            [("meta", [0x08, 0x02]), ("collection.anki21", Array("not SQLite".utf8))], to: scratch.path("bad.apkg"))
        #expect(throws: AnkiPackageError.self) {
            try AnkiPackage.read(scratch.path("bad.apkg"), temporaryFolder: temporary)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary) == [])
    }

    @Test func aTextFileNamedApkgIsNotAPackage() throws {
        let scratch = try ScratchFolder()
        let path = try scratch.write("notes.apkg", Array("front,back\nbonjour,hello\n".utf8))
        #expect(throws: AnkiPackageError.notAPackage(path)) { try AnkiPackage.read(path) }
    }

    @Test func aMissingFileIsUnreadable() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("gone.apkg")
        #expect(throws: AnkiPackageError.unreadable(path, "no such file")) { try AnkiPackage.read(path) }
    }

    @Test func aTruncatedPackageIsADamagedArchive() throws {
        let scratch = try ScratchFolder()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: AnkiFixtures.path("current.apkg"))))
        let path = try scratch.write("half.apkg", Array(bytes.prefix(bytes.count / 2)))
        let error = try #require(throws: AnkiPackageError.self) { try AnkiPackage.read(path) }
        guard case .damagedArchive(path, _) = error else {
            Issue.record("expected a damaged archive, got \(error)")
            return
        }
    }

    /// ZIPFoundation hands back an entry's checksum without comparing it: a byte changed in the
    /// collection is caught by the reader, as a damaged archive (not a zstd or SQLite error).
    @Test(arguments: [("current.apkg", "collection.anki21b"), ("legacy1.apkg", "collection.anki2")])
    func aChangedByteInTheCollectionIsADamagedArchive(package: String, entry: String) throws {
        let scratch = try ScratchFolder()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: AnkiFixtures.path(package))))
        let name = Array(entry.utf8)
        // The entry's data starts after its local header: 30 bytes, its name, an extra field
        // (its length at bytes 28 and 29).
        let header = try #require(
            bytes.indices.first {
                bytes[$0...].starts(with: [0x50, 0x4B, 0x03, 0x04]) && bytes[($0 + 30)...].starts(with: name)
            })
        let extra = Int(bytes[header + 28]) | Int(bytes[header + 29]) << 8
        bytes[header + 30 + name.count + extra + 2000] ^= 0x01
        let path = try scratch.write("changed.apkg", bytes)
        #expect(throws: AnkiPackageError.damagedArchive(path, "\(entry) does not match its checksum")) {
            try AnkiPackage.read(path)
        }
    }

    @Test func aZipWithoutACollectionHasNoCollection() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("media-only.apkg")
        try AnkiFixtures.zip([("media", Array("{}".utf8)), ("0", [1, 2, 3])], to: path)
        #expect(throws: AnkiPackageError.noCollection(path)) { try AnkiPackage.read(path) }
        // A current package whose collection.anki21b is missing (only the stub is there).
        let stubOnly = scratch.path("stub-only.apkg")
        try AnkiFixtures.zip(
            [
                ("meta", [0x08, 0x03]),
                ("collection.anki2", try AnkiFixtures.entry("collection.anki2", of: "current.apkg")),
            ],
            to: stubOnly)
        #expect(throws: AnkiPackageError.noCollection(stubOnly)) { try AnkiPackage.read(stubOnly) }
    }

    @Test func aCollectionThatIsNotZstdIsDamaged() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("plain.apkg")
        // The legacy (plain SQLite) collection where the current format wants zstd.
        try AnkiFixtures.zip(
            [
                ("meta", [0x08, 0x03]),
                ("collection.anki21b", try AnkiFixtures.entry("collection.anki21", of: "legacy.apkg")),
            ],
            to: path)
        #expect(
            throws: AnkiPackageError.damagedCollection(
                path, "collection.anki21b cannot be decompressed (zstd: Unknown frame descriptor)")
        ) { try AnkiPackage.read(path) }
    }

    @Test func aCollectionThatIsNotSQLiteIsDamaged() throws {
        let scratch = try ScratchFolder()
        let path = scratch.path("text.apkg")
        try AnkiFixtures.zip([("meta", [0x08, 0x02]), ("collection.anki21", Array("hello".utf8))], to: path)
        #expect(throws: AnkiPackageError.damagedCollection(path, "collection.anki21 is not an SQLite database")) {
            try AnkiPackage.read(path)
        }
    }

    @Test func anSQLiteFileThatIsNotACollectionIsDamaged() throws {
        let scratch = try ScratchFolder()
        let database = scratch.path("other.sqlite")
        try DatabaseQueue(path: database).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        let path = scratch.path("other.apkg")
        try AnkiFixtures.zip(
            [("collection.anki21", try [UInt8](Data(contentsOf: URL(fileURLWithPath: database))))], to: path)
        #expect(throws: AnkiPackageError.damagedCollection(path, "no such table: col")) { try AnkiPackage.read(path) }
    }

    @Test func anUnknownPackageVersionIsRefused() throws {
        let scratch = try ScratchFolder()
        let collection = try AnkiFixtures.entry("collection.anki21b", of: "current.apkg")
        let newer = scratch.path("newer.apkg")
        try AnkiFixtures.zip([("meta", [0x08, 0x04]), ("collection.anki21b", collection)], to: newer)
        #expect(throws: AnkiPackageError.unknownVersion(newer, "the package has format version 4")) {
            try AnkiPackage.read(newer)
        }
        // An empty meta is version 0, Anki's "unknown": refused by Anki too.
        let empty = scratch.path("empty-meta.apkg")
        try AnkiFixtures.zip([("meta", []), ("collection.anki21b", collection)], to: empty)
        #expect(throws: AnkiPackageError.unknownVersion(empty, "the package has format version 0")) {
            try AnkiPackage.read(empty)
        }
    }

    @Test func anUnknownCollectionSchemaIsRefused() throws {
        let scratch = try ScratchFolder()
        let database = scratch.path("future.anki21")
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: "CREATE TABLE col (ver, crt, conf, models, decks)")
            try db.execute(sql: "INSERT INTO col VALUES (19, 0, '{}', '{}', '{}')")
        }
        let path = scratch.path("future.apkg")
        try AnkiFixtures.zip(
            [("collection.anki21", try [UInt8](Data(contentsOf: URL(fileURLWithPath: database))))], to: path)
        #expect(throws: AnkiPackageError.unknownVersion(path, "its collection has schema version 19")) {
            try AnkiPackage.read(path)
        }
    }

    /// Packages come from anywhere: a package cut short anywhere, or with a byte changed
    /// anywhere, is an error, never a crash or a hang.
    @Test(arguments: ["current.apkg", "legacy.apkg"])
    func aDamagedPackageIsAnErrorWherever(package: String) throws {
        let scratch = try ScratchFolder()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: AnkiFixtures.path(package))))
        let path = scratch.path("damaged.apkg")
        for length in stride(from: 0, to: bytes.count, by: 1999) {
            try Data(bytes.prefix(length)).write(to: URL(fileURLWithPath: path))
            #expect(throws: AnkiPackageError.self, "cut at \(length)") { try AnkiPackage.read(path) }
        }
        for offset in stride(from: 0, to: bytes.count, by: 997) {
            var changed = bytes
            changed[offset] ^= 0x5A
            try Data(changed).write(to: URL(fileURLWithPath: path))
            // A changed byte in the stub collection or in a name is harmless: no expectation
            // but that reading returns.
            _ = try? AnkiPackage.read(path)
        }
    }
}
