import Foundation
import Testing

@testable import HoneAnki

/// The package as a file: written whole, and never in place of something that is not a file.
@Suite("Anki package writer")
struct AnkiPackageWriterTests {
    static let collection = AnkiCollection(
        createdSeconds: 1_779_940_800, rolloverHour: 4, decks: [2: AnkiDeck(id: 2, name: "a::b")],
        noteTypes: [
            7: AnkiNoteType(
                id: 7, name: "Basic", kind: .standard, fields: ["Front", "Back"],
                templates: [.init(name: "Card 1", questionFormat: "{{Front}}", answerFormat: "{{Back}}")])
        ],
        notes: [AnkiNote(id: 5, guid: "g", noteTypeID: 7, fields: ["q", "a"], tags: [], modified: 0)],
        cards: [
            AnkiCard(
                id: 6, noteID: 5, deckID: 2, ordinal: 0, modified: 0, type: 0, queue: 0, due: 1, interval: 0, factor: 0,
                reps: 0, lapses: 0, left: 0)
        ], reviews: [])

    @Test("the same collection gives the same bytes, a zip with the collection and the media map")
    func sameBytes() throws {
        let first = try AnkiPackageWriter.package(Self.collection)
        #expect(try AnkiPackageWriter.package(Self.collection) == first)
        #expect(first.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains("collection.anki2") && text.contains("media"))
    }

    @Test("a folder or a FIFO at the path is refused and left as it was")
    func refusesWhatIsNotAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hone-anki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe.apkg").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: AnkiWriteError.self) { try AnkiPackageWriter.write(Self.collection, to: fifo) }
        #expect(throws: AnkiWriteError.self) { try AnkiPackageWriter.write(Self.collection, to: folder.path) }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        let file = folder.appendingPathComponent("out.apkg").path
        try AnkiPackageWriter.write(Self.collection, to: file)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == AnkiPackageWriter.package(Self.collection))
    }
}
