import GRDB
import HoneCore

/// Card states: derived from the review log, stored so that a session starts without
/// replaying years of answers.
extension Store {
    /// Every stored card state, by card key; with `includingFlags`, a card the learner
    /// suspended by hand reads as suspended.
    public func states(includingFlags: Bool = true) throws(StoreError) -> [String: CardState] {
        do {
            return try database.read { db in
                var states: [String: CardState] = [:]
                let statement = try db.makeStatement(
                    sql: """
                        SELECT s.card, s.phase, s.due_day, s.due_at, s.interval, s.ease, s.reps, s.lapses, s.step,
                               s.step_seconds, s.streak, s.leech, s.suspended, s.drill_day, f.suspended
                        FROM card_state s LEFT JOIN card_flags f ON f.card = s.card
                        """)
                let rows = try Row.fetchCursor(statement)
                while let row = try rows.next() {
                    var state = CardState()
                    state.phase = CardState.Phase(rawValue: row[1]) ?? .new
                    if let day: Int = row[2] {
                        state.due = .day(day)
                    } else if let at: Int64 = row[3] {
                        state.due = .instant(at)
                    }
                    state.interval = row[4]
                    state.ease = row[5]
                    state.reps = row[6]
                    state.lapses = row[7]
                    state.step = row[8]
                    state.stepSeconds = row[9]
                    state.streak = row[10]
                    state.leech = row[11]
                    state.suspended = row[12] || (includingFlags && (row[14] ?? false))
                    state.drillDay = row[13]
                    states[row[0]] = state
                }
                return states
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    static func saveState(_ state: CardState, card: String, in db: Database) throws {
        var dueDay: Int?
        var dueAt: Int64?
        switch state.due {
        case .day(let day): dueDay = day
        case .instant(let at): dueAt = at
        case .none: break
        }
        // Cached: a rebuild or an import saves a hundred thousand states through here.
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO card_state
                    (card, phase, due_day, due_at, interval, ease, reps, lapses, step, step_seconds, streak, leech, suspended, drill_day)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(
            arguments: [
                card, state.phase.rawValue, dueDay, dueAt, state.interval, state.ease, state.reps, state.lapses, state.step,
                state.stepSeconds, state.streak, state.leech, state.suspended, state.drillDay,
            ])
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

    /// The settings the stored states were computed with (preset, knobs, time zone, rollover).
    public func statesFingerprint() throws(StoreError) -> String? {
        do {
            return try database.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'states'") }
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
            for (card, state) in states { try Store.saveState(state, card: card, in: db) }
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('states', ?)", arguments: [fingerprint])
        }
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
