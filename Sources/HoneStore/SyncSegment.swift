internal import GRDB

/// A segment file of the sync folder that this data folder has read, or written: a device's
/// events, published once and never changed (`hone sync`). Recorded so that each is read once.
public struct SyncSegment: Sendable, Hashable {
    /// The device folder it is in.
    public var device: String
    /// Its file name.
    public var name: String
    /// How many events it held.
    public var events: Int
    /// Whether this device wrote it.
    public var written: Bool

    public init(device: String, name: String, events: Int, written: Bool) {
        self.device = device
        self.name = name
        self.events = events
        self.written = written
    }

    func record(in db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO sync_segment (device, name, events, written) VALUES (?, ?, ?, ?)",
            arguments: [device, name, events, written ? 1 : 0])
    }
}
