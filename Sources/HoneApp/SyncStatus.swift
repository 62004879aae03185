import Foundation
import HoneCore
import HoneDeck
import HoneStore

/// `hone sync --status`: what this device has published and read, what waits in the folder,
/// and what cannot be read there. It reads segments to check them, and merges nothing.
public struct SyncStatus: Sendable {
    public struct Device: Sendable {
        public var device: String
        public var isThis: Bool
        /// Segments read from it (or, for this device, written), and the events they held.
        public var segments: Int
        public var events: Int
        /// When it wrote its newest segment (seconds, UTC), as the segment's name says.
        public var lastSync: Int64?
        /// Whole segments of it in the folder, not read yet: the next sync reads them.
        public var waiting: Int
    }

    public var folder: String
    /// Made here if the data folder had none yet (the id is made at first use).
    public var device: String
    /// Events made or imported here that no segment holds yet.
    public var unpublished: Int
    public var devices: [Device]
    public var skipped: [SyncFolder.Skipped]

    public init(folder: String, workspace: Workspace) throws {
        let sync = try SyncFolder(folder)
        let store = try workspace.openStore()
        self.folder = folder
        let device = try store.deviceID()
        self.device = device
        unpublished = try store.unpublishedCount()
        let recorded = try store.syncSegments()
        var devices: [Device] = []
        var skipped: [SyncFolder.Skipped] = []
        let present = try sync.devices()
        for id in Set(present + recorded.map(\.device)).sorted() {
            // For this device, the segments it wrote: one it read back from its own folder
            // (left by a killed sync) holds events it has counted already.
            let mine = recorded.filter { $0.device == id && ($0.written || id != device) }
            let known = Set(recorded.filter { $0.device == id }.map(\.name))
            var times = mine.compactMap { SegmentName($0.name)?.written }
            var waiting = 0
            if present.contains(id) {
                let (listing, _) = try sync.listing(of: id)
                skipped += listing.others
                for segment in listing.segments where !known.contains(segment.name.fileName) {
                    switch SyncFolder.read(segment) {
                    case .success:
                        waiting += 1
                        times.append(segment.name.written)
                    case .failure(let problem): skipped.append(problem)
                    }
                }
            }
            devices.append(
                Device(
                    device: id, isThis: id == device, segments: mine.count, events: mine.reduce(0) { $0 + $1.events },
                    lastSync: times.max(), waiting: waiting))
        }
        if !devices.contains(where: \.isThis) {
            devices.insert(
                Device(device: device, isThis: true, segments: 0, events: 0, lastSync: nil, waiting: 0), at: 0)
        }
        self.devices = devices.sorted { ($0.isThis ? 0 : 1, $0.device) < ($1.isThis ? 0 : 1, $1.device) }
        self.skipped = skipped
    }

    public func text() -> String {
        var lines = [
            "sync folder: \(SyncText.shown(folder))",
            "this device: \(device) (\(unpublished) event\(unpublished == 1 ? "" : "s") not published yet)",
            "",
            "device            segments   events  last sync             waiting",
        ]
        for item in devices {
            let last = item.lastSync.map { Timestamp.format(milliseconds: $0 * 1000, offset: 0) } ?? "never"
            lines.append(
                item.device + (item.isThis ? "*" : " ") + " " + SyncText.right(item.segments, 8) + " "
                    + SyncText.right(item.events, 8) + "  " + last.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + "  " + SyncText.right(item.waiting, 7))
        }
        lines.append("* this device")
        if !skipped.isEmpty {
            lines.append("")
            lines.append("skipped (tried again at the next sync):")
            for file in skipped { lines.append("  \(SyncText.shown(file.path)): \(file.reason)") }
        }
        return lines.joined(separator: "\n")
    }

    public func json() -> String {
        var writer = JSONWriter()
        writer.raw("{\"folder\":")
        writer.string(folder)
        writer.raw(",\"device\":")
        writer.string(device)
        writer.raw(",\"unpublished\":\(unpublished),\"devices\":")
        writer.array(devices) { writer, item in
            writer.raw("{\"device\":")
            writer.string(item.device)
            writer.raw(
                ",\"this\":\(item.isThis),\"segments\":\(item.segments),\"events\":\(item.events),\"last_sync\":")
            if let last = item.lastSync {
                writer.string(Timestamp.format(milliseconds: last * 1000, offset: 0))
            } else {
                writer.raw("null")
            }
            writer.raw(",\"waiting\":\(item.waiting)}")
        }
        writer.raw(",\"skipped\":")
        writer.array(skipped) { writer, file in
            writer.raw("{\"file\":")
            writer.string(file.path)
            writer.raw(",\"reason\":")
            writer.string(file.reason)
            writer.raw("}")
        }
        writer.raw("}")
        return writer.text
    }
}
