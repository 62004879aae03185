import Foundation
import GRDB
import HoneCore

/// Card states: derived from the review log, stored so that a session starts without
/// replaying years of answers.
extension Store {
    /// Every stored card state, by card key; with `includingFlags`, a card the learner
    /// suspended by hand reads as suspended.
    public func states(includingFlags: Bool = true) throws(StoreError) -> CardStates {
        do {
            return try database.read { db in try LogRows.states(db, includingFlags: includingFlags) }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    static func saveState(_ state: CardState, card: String, in db: Database) throws {
        // Cached: a rebuild or an import saves a hundred thousand states through here. An
        // update in place, not a replace: the row keeps its rowid, so the table stays in the
        // key order a rebuild or import wrote it in, which is the order a session start looks
        // the states up in (cards of a deck one after another), and the lookups stay in cache.
        let statement = try db.cachedStatement(
            sql: "INSERT INTO card_state (card, state) VALUES (?, ?) ON CONFLICT (card) DO UPDATE SET state = excluded.state")
        try statement.execute(arguments: [card, Data(StateRecord.encode(state))])
    }

    /// Suspends a card (or lifts it) by the learner's hand; kept apart from the derived states,
    /// so a replay never loses it.
    public func setSuspended(_ suspended: Bool, card: String) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "INSERT INTO card_flags (card, suspended) VALUES (?, ?) ON CONFLICT(card) DO UPDATE SET suspended = excluded.suspended",
                arguments: [card, suspended])
        }
    }

    /// Hides a card until `day` ends (`:bury`).
    public func bury(card: String, day: Int) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "INSERT INTO card_flags (card, buried_day) VALUES (?, ?) ON CONFLICT(card) DO UPDATE SET buried_day = excluded.buried_day",
                arguments: [card, day])
        }
    }

    /// Cards buried on `day`.
    public func buried(on day: Int) throws(StoreError) -> Set<String> {
        do {
            return try database.read { db in
                Set(try String.fetchAll(db, sql: "SELECT card FROM card_flags WHERE buried_day = ?", arguments: [day]))
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// The settings the stored states were computed with (preset, knobs, time zone, rollover);
    /// nil when none are recorded or the states were written in an earlier `StateRecord` layout.
    public func statesFingerprint() throws(StoreError) -> String? {
        do {
            let stored = try database.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'states'")
            }
            return stored.flatMap(StateRecord.unmarked)
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// Recomputes every card state from the review log and records what they were computed
    /// with. Used when the preset, a knob, the time zone or the rollover hour changed.
    public func rebuildStates(with replay: Replay, fingerprint: String) throws(StoreError) {
        try write { db in
            let entries = try LogRows.fetch(db, sql: "SELECT \(LogRows.columns) FROM review_log ORDER BY card, reviewed_ms, id")
            let states = replay.all(entries)
            try db.execute(sql: "DELETE FROM card_state")
            for (card, state) in Store.inKeyOrder(states) { try Store.saveState(state, card: card, in: db) }
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('states', ?)",
                arguments: [StateRecord.marked(fingerprint)])
            try LogRows.recordStateCount(db)
        }
        try? database.writeWithoutTransaction { db in try checkpoint(db) }
    }

    /// States in the order of their keys' bytes (SQLite's own text order), to be saved so.
    static func inKeyOrder(_ states: [String: CardState]) -> [(key: String, value: CardState)] {
        states.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    /// Runs `body` in one write transaction, committed before this returns.
    func write(_ body: (Database) throws -> Void) throws(StoreError) {
        do {
            try database.write { db in try body(db) }
        } catch {
            throw Store.describe(error, path: path)
        }
    }
}
