import Foundation
import GRDB

/// Reads an Anki collection (an SQLite file) into `AnkiCollection`. Notes, cards and the review
/// log have the same tables in both layouts; note types, decks and the settings differ: JSON in
/// the `col` row in schema 11 (`LegacyCollectionLayout`), tables with protobuf blobs from schema
/// 15 on (`CurrentCollectionLayout`, which Anki writes as 18).
enum AnkiCollectionReader {
    enum Failure: Error {
        /// `col.ver` is neither layout.
        case unknownSchema(Int64)
        /// Not an SQLite database, a table missing, a value of the wrong kind.
        case damaged(String)
    }

    static func read(databaseAt path: String) throws(Failure) -> AnkiCollection {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "Anki collection"
        // Anki declares its name columns with its own collation (`unicase`), which SQLite would
        // need only to compare or sort by name: nothing here does, so none is registered.
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in try read(db) }
        } catch let failure as Failure {
            throw failure
        } catch let error as DatabaseError {
            throw .damaged(error.message ?? "\(error)")
        } catch {
            throw .damaged("\(error)")
        }
    }

    private static func read(_ db: Database) throws -> AnkiCollection {
        var found: (schema: Int64, created: Int64, configuration: String, models: String, decks: String)?
        try StatementColumns.forEachRow(db, "SELECT ver, crt, conf, models, decks FROM col LIMIT 1") { col in
            found = (
                try col.integer(0, "col.ver"), try col.integer(1, "col.crt"), try col.text(2, "col.conf"),
                try col.text(3, "col.models"), try col.text(4, "col.decks")
            )
        }
        guard let col = found else { throw Failure.damaged("its col table is empty") }
        var collection = AnkiCollection(
            createdSeconds: col.created, decks: [:], noteTypes: [:], notes: [], cards: [], reviews: [])
        switch col.schema {
        case 11:
            let layout = try LegacyCollectionLayout(
                configuration: col.configuration, noteTypes: col.models, decks: col.decks)
            collection.rolloverHour = layout.rolloverHour
            collection.noteTypes = layout.noteTypes
            collection.decks = layout.decks
        case 15...18:
            collection.rolloverHour = try CurrentCollectionLayout.rolloverHour(db)
            collection.noteTypes = try CurrentCollectionLayout.noteTypes(db)
            collection.decks = try CurrentCollectionLayout.decks(db)
        default:
            throw Failure.unknownSchema(col.schema)
        }
        collection.notes = try notes(db)
        collection.cards = try cards(db)
        collection.reviews = try reviews(db)
        return collection
    }

    private static func notes(_ db: Database) throws -> [AnkiNote] {
        var notes: [AnkiNote] = []
        try StatementColumns.forEachRow(db, "SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id") { row in
            // Tags are separated by spaces (an ideographic space too, as Anki splits them), with a
            // space at each end.
            let tags = try row.text(4, "notes.tags").unicodeScalars.split { $0 == " " || $0 == "\u{3000}" }
            notes.append(
                AnkiNote(
                    id: try row.integer(0, "notes.id"), guid: try row.text(1, "notes.guid"),
                    noteTypeID: try row.integer(2, "notes.mid"),
                    fields: try row.pieces(5, "notes.flds", separator: 0x1F), tags: tags.map { String($0) },
                    modified: try row.integer(3, "notes.mod")))
        }
        return notes
    }

    private static func cards(_ db: Database) throws -> [AnkiCard] {
        var cards: [AnkiCard] = []
        let sql = """
            SELECT id, nid, did, ord, mod, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, data
            FROM cards ORDER BY id
            """
        try StatementColumns.forEachRow(db, sql) { row in
            let memory = CardData(json: try row.text(15, "cards.data"))
            cards.append(
                AnkiCard(
                    id: try row.integer(0, "cards.id"), noteID: try row.integer(1, "cards.nid"),
                    deckID: try row.integer(2, "cards.did"), ordinal: try row.int(3, "cards.ord"),
                    modified: try row.integer(4, "cards.mod"), type: try row.int(5, "cards.type"),
                    queue: try row.int(6, "cards.queue"), due: try row.integer(7, "cards.due"),
                    interval: try row.int(8, "cards.ivl"), factor: try row.int(9, "cards.factor"),
                    reps: try row.int(10, "cards.reps"), lapses: try row.int(11, "cards.lapses"),
                    left: try row.int(12, "cards.left"), originalDue: try row.integer(13, "cards.odue"),
                    originalDeckID: try row.integer(14, "cards.odid"), stability: memory.stability,
                    difficulty: memory.difficulty))
        }
        return cards
    }

    private static func reviews(_ db: Database) throws -> [AnkiReview] {
        var reviews: [AnkiReview] = []
        let sql = "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id"
        try StatementColumns.forEachRow(db, sql) { row in
            reviews.append(
                AnkiReview(
                    id: try row.integer(0, "revlog.id"), cardID: try row.integer(1, "revlog.cid"),
                    ease: try row.int(2, "revlog.ease"), interval: try row.int(3, "revlog.ivl"),
                    lastInterval: try row.int(4, "revlog.lastIvl"), factor: try row.int(5, "revlog.factor"),
                    durationMilliseconds: try row.int(6, "revlog.time"), type: try row.int(7, "revlog.type")))
        }
        return reviews
    }
}
