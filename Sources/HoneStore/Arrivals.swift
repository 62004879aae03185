internal import GRDB

/// The order in which events arrived in this data folder, as numbers in `event_log.arrival`:
/// 1, 2, 3... for events made or imported here, NULL for events that came from another device
/// by `hone sync`, and 0 for events logged before arrivals were numbered (all of them made or
/// imported here). `hone sync` publishes the events numbered above the last it published: a
/// number is taken inside the write transaction that inserts the event, so a reader never sees
/// one without every smaller one.
enum Arrivals {
    /// The number the next event made or imported here takes.
    static func next(_ db: Database) throws -> Int64 {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'next_arrival'").flatMap { Int64($0) } ?? 1
    }

    static func record(next: Int64, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('next_arrival', ?)", arguments: [String(next)])
    }

    /// The highest number published by `hone sync`; nil before the first publish (then every
    /// event made or imported here is published, the unnumbered older ones included).
    static func published(_ db: Database) throws -> Int64? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'sync_published'").flatMap { Int64($0) }
    }

    /// Whether the next publish is of the whole log, the events that came by sync included
    /// (`Store.forgetPublished`).
    static func republishesAll(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'sync_republish'") != nil
    }

    /// The events to publish, as a condition on `event_log`: those numbered above the last
    /// published, through the arrival index (whose condition the first term repeats, so SQLite
    /// may use it); every one made or imported here before the first publish; every one after
    /// this device's segments went missing.
    static func unpublishedCondition(_ db: Database) throws -> String {
        if try republishesAll(db) { return "1" }
        guard let published = try published(db) else { return "arrival IS NOT NULL" }
        return "arrival > 0 AND arrival > \(published)"
    }
}
