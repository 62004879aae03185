import GRDB
import HoneCore

/// The review log: one row per answer, never updated, deleted only by undo of the last answer.
extension Store {
    /// Saves one answer and the card's new state in one transaction, committed before this
    /// returns: a crash after it loses nothing, a crash before it loses only this answer.
    public func record(_ entry: ReviewLogEntry, state: CardState) throws(StoreError) {
        try write { db in
            try Store.insert(entry, in: db)
            try Store.saveState(state, card: entry.card, in: db)
        }
    }

    static func insert(_ entry: ReviewLogEntry, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO review_log (id, card, reviewed_ms, utc_offset, rating, duration_ms, kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                entry.id, entry.card, entry.time, entry.utcOffset, entry.answer.logText, entry.durationMilliseconds,
                entry.kind.rawValue,
            ])
    }

    /// Takes back the answer `id`, which must be its card's latest, and restores the card's
    /// state exactly as it was, by replaying what is left of its log. Returns that state.
    @discardableResult
    public func undo(_ id: String, replay: Replay) throws(StoreError) -> CardState? {
        var restored: CardState?
        try write { db in
            guard let card = try String.fetchOne(db, sql: "SELECT card FROM review_log WHERE id = ?", arguments: [id]) else {
                return
            }
            let latest = try String.fetchOne(
                db, sql: "SELECT id FROM review_log WHERE card = ? ORDER BY reviewed_ms DESC, id DESC LIMIT 1", arguments: [card])
            guard latest == id else { return }
            try db.execute(sql: "DELETE FROM review_log WHERE id = ?", arguments: [id])
            let remaining = try Store.fetchLog(
                db, sql: "SELECT * FROM review_log WHERE card = ? ORDER BY reviewed_ms, id", arguments: [card])
            if remaining.isEmpty {
                try db.execute(sql: "DELETE FROM card_state WHERE card = ?", arguments: [card])
                restored = .new
            } else {
                let state = replay.card(remaining).state
                try Store.saveState(state, card: card, in: db)
                restored = state
            }
        }
        return restored
    }

    /// The whole log ordered by card then time (for replay), or by time (for export).
    public func log(orderedByTime: Bool = false) throws(StoreError) -> [ReviewLogEntry] {
        do {
            let order = orderedByTime ? "reviewed_ms, id" : "card, reviewed_ms, id"
            return try database.read { db in try Store.fetchLog(db, sql: "SELECT * FROM review_log ORDER BY \(order)") }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// The answers given between two instants (milliseconds), in time order.
    public func log(from start: Int64, to end: Int64) throws(StoreError) -> [ReviewLogEntry] {
        do {
            return try database.read { db in
                try Store.fetchLog(
                    db, sql: "SELECT * FROM review_log WHERE reviewed_ms >= ? AND reviewed_ms < ? ORDER BY reviewed_ms, id",
                    arguments: [start, end])
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    static func fetchLog(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [ReviewLogEntry] {
        var entries: [ReviewLogEntry] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            let rating: String = row["rating"]
            entries.append(
                ReviewLogEntry(
                    id: row["id"], card: row["card"], time: row["reviewed_ms"], utcOffset: row["utc_offset"],
                    answer: Answer(logText: rating) ?? .button(.good), durationMilliseconds: row["duration_ms"],
                    kind: ScheduledAnswer.Kind(rawValue: row["kind"]) ?? .review))
        }
        return entries
    }

    /// What a merge did.
    public struct MergeSummary: Sendable, Equatable {
        public var added: Int
        public var skipped: Int
        public var cards: Int
    }

    /// Merges answers into the log in one transaction: rows already present (the same id, or
    /// the same card and time) are skipped, and the touched cards are replayed.
    public func merge(_ entries: [ReviewLogEntry], replay: Replay) throws(StoreError) -> MergeSummary {
        var summary = MergeSummary(added: 0, skipped: 0, cards: 0)
        try write { db in
            var touched = Set<String>()
            let insert = try db.makeStatement(
                sql: "INSERT OR IGNORE INTO review_log (id, card, reviewed_ms, utc_offset, rating, duration_ms, kind) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for entry in entries {
                try insert.execute(arguments: [
                    entry.id, entry.card, entry.time, entry.utcOffset, entry.answer.logText, entry.durationMilliseconds,
                    entry.kind.rawValue,
                ])
                if db.changesCount > 0 {
                    summary.added += 1
                    touched.insert(entry.card)
                } else {
                    summary.skipped += 1
                }
            }
            summary.cards = touched.count
            guard !touched.isEmpty else { return }
            let all = try Store.fetchLog(db, sql: "SELECT * FROM review_log ORDER BY card, reviewed_ms, id")
            let states = replay.all(all.filter { touched.contains($0.card) })
            for (card, state) in states { try Store.saveState(state, card: card, in: db) }
        }
        return summary
    }

    /// The number of answers in the review log.
    public func answerCount() throws(StoreError) -> Int {
        do {
            return try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM review_log") ?? 0 }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// SQLite's own integrity check: "ok", or what is wrong.
    public func integrityCheck() throws(StoreError) -> [String] {
        do {
            return try database.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        } catch {
            throw Store.describe(error, path: path)
        }
    }
}
