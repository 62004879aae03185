import Foundation
import GRDB
import ZIPFoundation

/// Writes a collection as an Anki package (`.apkg`) that current Anki opens and imports: a zip
/// holding `collection.anki2`, a legacy (schema 11) collection, which every Anki since 2.1
/// reads and upgrades as it imports, and `media`, the (empty) media map.
public enum AnkiPackageWriter {
    /// The package's bytes. The same collection always gives the same bytes (no clock is read).
    public static func package(_ collection: AnkiCollection) throws(AnkiWriteError) -> Data {
        let database = try collectionFile(collection)
        do {
            // Dated by the collection, not the clock, for the same bytes every time.
            let date = Date(timeIntervalSince1970: TimeInterval(collection.createdSeconds))
            let archive = try Archive(accessMode: .create)
            try archive.addEntry(
                with: "collection.anki2", type: .file, uncompressedSize: Int64(database.count), modificationDate: date,
                compressionMethod: .deflate,
                provider: { position, size in database.subdata(in: Int(position)..<Int(position) + size) })
            let media = Data("{}".utf8)
            try archive.addEntry(
                with: "media", type: .file, uncompressedSize: Int64(media.count), modificationDate: date,
                provider: { position, size in media.subdata(in: Int(position)..<Int(position) + size) })
            guard let data = archive.data else { throw AnkiWriteError("write the archive", reason: "no data") }
            return data
        } catch let error as AnkiWriteError {
            throw error
        } catch {
            throw AnkiWriteError("write the archive", reason: "\(error)")
        }
    }

    /// Writes the package to `path` whole or not at all (a temporary file beside it, renamed
    /// over it). hone's own command writes `package` through `TextFile`, which also keeps a
    /// link and the file's permissions; this is for tools and tests.
    public static func write(_ collection: AnkiCollection, to path: String) throws(AnkiWriteError) {
        let bytes = try package(collection)
        // Only a regular file is replaced: a rename over a folder fails, and one over a FIFO or
        // a device would take its place.
        if let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType,
            type != .typeRegular
        {
            throw AnkiWriteError("write \(path)", reason: "it is not a regular file")
        }
        do {
            try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw AnkiWriteError("write \(path)", reason: error.localizedDescription)
        }
    }

    /// The collection as a legacy SQLite file's bytes, written through a temporary file.
    static func collectionFile(_ collection: AnkiCollection) throws(AnkiWriteError) -> Data {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("hone-anki-\(UUID().uuidString).anki2").path
        defer {
            for suffix in ["", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try fill(db, with: collection) }
            try queue.close()
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AnkiWriteError("write the collection", reason: "\(error)")
        }
    }

    /// Anki's schema 11 and the collection's rows.
    static func fill(_ db: Database, with collection: AnkiCollection) throws {
        try db.execute(sql: schema)
        let modified = collection.createdSeconds
        try db.execute(
            sql: """
                INSERT INTO col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags)
                VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')
                """,
            arguments: [
                collection.createdSeconds, modified * 1000, modified * 1000,
                try AnkiLegacyJSON.text(AnkiLegacyJSON.configuration(collection)),
                try AnkiLegacyJSON.text(AnkiLegacyJSON.noteTypes(collection, modified: modified)),
                try AnkiLegacyJSON.text(AnkiLegacyJSON.decks(collection, modified: modified)),
                try AnkiLegacyJSON.text(AnkiLegacyJSON.deckOptions(modified: modified)),
            ])
        let insertNote = try db.makeStatement(
            sql: "INSERT INTO notes VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, '')")
        for note in collection.notes {
            let first = note.fields.first ?? ""
            try insertNote.execute(arguments: [
                note.id, note.guid, note.noteTypeID, note.modified,
                note.tags.isEmpty ? "" : " " + note.tags.joined(separator: " ") + " ",
                note.fields.joined(separator: "\u{1f}"), AnkiFieldText.stripHTML(first),
                AnkiFieldText.checksum(ofFirstField: first),
            ])
        }
        let insertCard = try db.makeStatement(
            sql: "INSERT INTO cards VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")
        for card in collection.cards {
            try insertCard.execute(arguments: [
                card.id, card.noteID, card.deckID, card.ordinal, card.modified, card.type, card.queue, card.due,
                card.interval, card.factor, card.reps, card.lapses, card.left, card.originalDue, card.originalDeckID,
                cardData(card),
            ])
        }
        let insertReview = try db.makeStatement(sql: "INSERT INTO revlog VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)")
        for review in collection.reviews {
            try insertReview.execute(arguments: [
                review.id, review.cardID, review.ease, review.interval, review.lastInterval, review.factor,
                review.durationMilliseconds, review.type,
            ])
        }
    }

    /// A card's `data`, as Anki writes it: its FSRS memory state when it has one, and the time
    /// of its last answer.
    static func cardData(_ card: AnkiCard) -> String {
        var members: [String] = []
        if let stability = card.stability, let difficulty = card.difficulty {
            members += ["\"s\":\(stability)", "\"d\":\(difficulty)"]
        }
        if let last = card.lastReviewSeconds { members.append("\"lrt\":\(last)") }
        return members.isEmpty ? "" : "{" + members.joined(separator: ",") + "}"
    }

    /// `rslib/src/storage/schema11.sql`: the tables and the indexes Anki looks cards up by.
    static let schema = """
        CREATE TABLE col (
          id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
          ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
          conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL
        );
        CREATE TABLE notes (
          id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
          usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
          csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
        );
        CREATE TABLE cards (
          id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
          mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
          due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
          lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
          flags integer NOT NULL, data text NOT NULL
        );
        CREATE TABLE revlog (
          id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
          ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
          type integer NOT NULL
        );
        CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
        CREATE INDEX ix_notes_usn ON notes (usn);
        CREATE INDEX ix_cards_usn ON cards (usn);
        CREATE INDEX ix_revlog_usn ON revlog (usn);
        CREATE INDEX ix_cards_nid ON cards (nid);
        CREATE INDEX ix_cards_sched ON cards (did, queue, due);
        CREATE INDEX ix_revlog_cid ON revlog (cid);
        CREATE INDEX ix_notes_csum ON notes (csum);
        """
}
