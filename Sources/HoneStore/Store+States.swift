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
            try Store.createDerivedTables(db)
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
        checkpointNow()
    }

    /// The tables and indexes derived from the log, by name, and how to make each anew: all
    /// that `rebuildStates` needs to rebuild from an intact log (the device id in `meta` is
    /// made again at the next event, as a new device).
    static let derivedSchema: [(name: String, sql: String)] = [
        (
            "card_state",
            "CREATE TABLE card_state (card TEXT NOT NULL UNIQUE, state BLOB NOT NULL, "
                + "events INTEGER NOT NULL DEFAULT 0)"
        ),
        ("meta", "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID"),
        ("event_log_time", timeIndexSQL),
        ("event_log_undo", "CREATE INDEX event_log_undo ON event_log (card) WHERE event = 'undo'"),
        ("event_log_set_state", setStateIndexSQL),
        ("event_log_arrival", arrivalIndexSQL),
        // What sync has read: without it, the next sync reads every segment again, and a merge
        // skips what the log has.
        ("sync_segment", syncSegmentSQL),
    ]

    /// The derived tables and indexes missing from the schema (dropped by hand, or lost).
    public func missingDerivedTables() throws(StoreError) -> [String] {
        do {
            let present = try database.read { db in try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master"))
            }
            return Store.derivedSchema.map(\.name).filter { !present.contains($0) }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    static func createDerivedTables(_ db: Database) throws {
        let present = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master"))
        for (name, sql) in derivedSchema where !present.contains(name) { try db.execute(sql: sql) }
    }

    /// Runs `body` in one write transaction, committed before this returns; refused when the
    /// files are damaged or newer than this hone (`passGate`).
    func write(_ body: (Database) throws -> Void) throws(StoreError) {
        try passGate()
        do {
            try database.write { db in try body(db) }
        } catch {
            let failure = Store.describe(error, path: path)
            switch failure {
            case .diskFull:
                // A transaction that failed on a full disk leaves its frames in the write-ahead
                // log: emptied, so the file does not keep their size.
                try? database.writeWithoutTransaction { db in try checkpoint(db) }
                stamp()
            case .corrupt: gate.shut(failure)
            default: break
            }
            throw failure
        }
        stamp()
    }

    /// Copies the write-ahead log into the database file now (after a large write).
    func checkpointNow() {
        guard (try? passGate()) != nil else { return }
        try? database.writeWithoutTransaction { db in try checkpoint(db) }
        stamp()
    }
}
