internal import GRDB
import HoneCore

/// What `hone sync` keeps in the store: this data folder's device id, which events it has
/// published, and which segments of the sync folder it has read.
extension Store {
    /// The events made or imported here that `hone sync` has not published yet.
    public struct Unpublished: Sendable {
        /// In log order (card, time, id): the table's own order, read without a sort, and the
        /// order a merge wants them in.
        public var events: [LogEvent]
        /// The highest arrival number among them (`Arrivals`): recorded once they are published.
        public var through: Int64
    }

    /// This data folder's device id (the one its own event ids start with), made now if no
    /// event was made here yet.
    public func deviceID() throws(StoreError) -> String {
        let known = try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'device'") }
        if let known { return known }
        var made = ""
        try write { db in made = try Store.device(db) }
        return made
    }

    /// The events to publish; nil when there are none. Read in one transaction with the
    /// highest arrival number among them, so that number covers exactly these events.
    public func unpublished() throws(StoreError) -> Unpublished? {
        try read { db in
            let condition = try Arrivals.unpublishedCondition(db)
            let found = try Row.fetchOne(db, sql: "SELECT COUNT(*), MAX(arrival) FROM event_log WHERE \(condition)")
            guard let found, found[0] as Int > 0 else { return nil }
            // The events that came by sync, published again after a loss, have no number.
            let through: Int64 = found[1] ?? 0
            let events = try LogRows.fetch(
                db, sql: "SELECT \(LogRows.columns) FROM event_log WHERE \(condition) ORDER BY card, at_ms, id")
            return Unpublished(events: events, through: through)
        }
    }

    /// How many events are waiting to be published.
    public func unpublishedCount() throws(StoreError) -> Int {
        try read { db in
            let condition = try Arrivals.unpublishedCondition(db)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event_log WHERE \(condition)") ?? 0
        }
    }

    /// Records a segment this device wrote, holding its events up to arrival `through`: they
    /// are not published again. Called only once the segment is in place under its name.
    public func recordPublished(_ segment: SyncSegment, through: Int64) throws(StoreError) {
        try write { db in
            try segment.record(in: db)
            try db.execute(sql: "DELETE FROM meta WHERE key = 'sync_republish'")
            let known = try Arrivals.published(db) ?? 0
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_published', ?)",
                arguments: [String(max(known, through))])
        }
    }

    /// Forgets what was published, and the segments of `device` named in `missing`: the next
    /// sync publishes the whole log, the events that came by sync included. This device's
    /// segments went missing from the folder (deleted, or the folder is another one now): the
    /// events it had read from devices that no longer sync may be nowhere else. Duplicates are
    /// harmless, a merge skips them.
    public func forgetPublished(device: String, missing: [String]) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_republish', '1')")
            for name in missing {
                try db.execute(
                    sql: "DELETE FROM sync_segment WHERE device = ? AND name = ?", arguments: [device, name])
            }
        }
    }

    /// Every segment read or written here.
    public func syncSegments() throws(StoreError) -> [SyncSegment] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT device, name, events, written FROM sync_segment").map { row in
                SyncSegment(device: row[0], name: row[1], events: row[2], written: row[3] != 0)
            }
        }
    }

    /// Runs `body` in a read transaction, its failures described as the store's.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read { db in try body(db) }
        } catch {
            throw Store.describe(error, path: path)
        }
    }
}
