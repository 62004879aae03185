import Foundation
internal import GRDB
import HoneCore

/// Card states: derived from the event log by replay, and cached so that a session starts
/// without replaying years of events. Each cached state records how many of its card's events
/// it has replayed, so a writer can tell when another process appended since.
extension Store {
    /// Every cached card state, by card key: a card suspended or buried carries it in its state.
    public func states() throws(StoreError) -> CardStates {
        do {
            return try database.read { db in try LogRows.states(db) }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// One card's cached state and the number of its events it has replayed.
    static func cachedState(card: String, in db: Database) throws -> (state: CardState, events: Int)? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT state, events FROM card_state WHERE card = ?", arguments: [card]),
            let blob: Data = row[0]
        else { return nil }
        let state = blob.withUnsafeBytes { StateRecord.decode($0) }
        guard let state else { return nil }
        return (state, row[1])
    }

    static func saveState(_ state: CardState, card: String, events: Int, in db: Database) throws {
        // Cached: a rebuild or an import saves a hundred thousand states through here. An
        // update in place, not a replace: the row keeps its rowid, so the table stays in the
        // key order a rebuild or import wrote it in, which is the order a session start looks
        // the states up in (cards of a deck one after another), and the lookups stay in cache.
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO card_state (card, state, events) VALUES (?, ?, ?)
                ON CONFLICT (card) DO UPDATE SET state = excluded.state, events = excluded.events
                """)
        try statement.execute(arguments: [card, Data(StateRecord.encode(state)), events])
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

    /// Recomputes every card state from the event log and records what they were computed
    /// with. Used when the preset, a knob, the time zone or the rollover hour changed.
    public func rebuildStates(with replay: Replay, fingerprint: String) throws(StoreError) {
        try write { db in
            let events = try LogRows.fetch(
                db, sql: "SELECT \(LogRows.columns) FROM event_log NOT INDEXED ORDER BY card, at_ms, id")
            try db.execute(sql: "DELETE FROM card_state")
            // The log's order is the keys' byte order: the table is written in key order.
            try replay.cards(
                events, cardOf: { $0.card },
                eachCard: { card, history, state in
                    try Store.saveState(state, card: card, events: history.count, in: db)
                })
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('states', ?)",
                arguments: [StateRecord.marked(fingerprint)])
            try LogRows.recordStateCount(db)
        }
        try? database.writeWithoutTransaction { db in try checkpoint(db) }
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
