import Foundation
import HoneAnki
import ZIPFoundation

/// The packages under `Fixtures/`, made by Anki's own library (`make-fixtures.py`), and what
/// Anki's library reports of each one's collection (`expected-*.json`).
enum AnkiFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Anki's view of `package`, as the reader's values.
    static func expected(_ package: String) throws -> AnkiCollection {
        let file = folder.appendingPathComponent(
            "expected-" + package.replacingOccurrences(of: ".", with: "-") + ".json")
        let view = try JSONDecoder().decode(View.self, from: Data(contentsOf: file))
        var decks: [Int64: AnkiDeck] = [:]
        for (key, deck) in view.decks {
            guard let id = Int64(key) else { continue }
            decks[id] = AnkiDeck(id: id, name: deck.name, isFiltered: deck.filtered)
        }
        var noteTypes: [Int64: AnkiNoteType] = [:]
        for (key, type) in view.noteTypes {
            guard let id = Int64(key) else { continue }
            noteTypes[id] = AnkiNoteType(
                id: id, name: type.name, kind: type.cloze ? .cloze : .standard, fields: type.fields,
                templates: type.templates.map {
                    AnkiNoteType.Template(name: $0.name, questionFormat: $0.question, answerFormat: $0.answer)
                })
        }
        return AnkiCollection(
            createdSeconds: view.created, rolloverHour: view.rollover, decks: decks, noteTypes: noteTypes,
            notes: view.notes.map {
                AnkiNote(
                    id: $0.id, guid: $0.guid, noteTypeID: $0.notetype, fields: $0.fields, tags: $0.tags,
                    modified: $0.modified)
            },
            cards: view.cards.map {
                AnkiCard(
                    id: $0.id, noteID: $0.note, deckID: $0.deck, ordinal: $0.ordinal, modified: $0.modified,
                    type: $0.type, queue: $0.queue, due: $0.due, interval: $0.interval, factor: $0.factor,
                    reps: $0.reps, lapses: $0.lapses, left: $0.left, originalDue: $0.originalDue,
                    originalDeckID: $0.originalDeck, stability: $0.stability, difficulty: $0.difficulty)
            },
            reviews: view.reviews.map {
                AnkiReview(
                    id: $0.id, cardID: $0.card, ease: $0.ease, interval: $0.interval, lastInterval: $0.lastInterval,
                    factor: $0.factor, durationMilliseconds: $0.milliseconds, type: $0.type)
            })
    }

    /// The bytes of one entry of a package.
    static func entry(_ name: String, of package: String) throws -> [UInt8] {
        let archive = try Archive(url: URL(fileURLWithPath: path(package)), accessMode: .read)
        guard let entry = archive[name] else { return [] }
        var bytes: [UInt8] = []
        _ = try archive.extract(entry) { bytes += $0 }
        return bytes
    }

    /// Writes a zip archive of `entries` at `path`.
    static func zip(_ entries: [(name: String, bytes: [UInt8])], to path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, bytes) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count)) { position, size in
                Data(bytes[Int(position)..<Int(position) + size])
            }
        }
    }

    private struct View: Decodable {
        struct Deck: Decodable {
            var name: String
            var filtered: Bool
        }
        struct NoteType: Decodable {
            struct Template: Decodable {
                var name: String
                var question: String
                var answer: String
            }
            var name: String
            var cloze: Bool
            var fields: [String]
            var templates: [Template]
        }
        struct Note: Decodable {
            var id: Int64
            var guid: String
            var notetype: Int64
            var fields: [String]
            var tags: [String]
            var modified: Int64
        }
        struct Card: Decodable {
            var id, note, deck, modified, due, originalDue, originalDeck: Int64
            var ordinal, type, queue, interval, factor, reps, lapses, left: Int
            var stability, difficulty: Double?
        }
        struct Review: Decodable {
            var id, card: Int64
            var ease, interval, lastInterval, factor, milliseconds, type: Int
        }
        var created: Int64
        var rollover: Int?
        var decks: [String: Deck]
        var noteTypes: [String: NoteType]
        var notes: [Note]
        var cards: [Card]
        var reviews: [Review]
    }
}
