import Foundation
import HoneCore
import HoneStore

/// `hone sync`: publishes this device's new events as one segment in its own folder of the sync
/// folder, then merges every segment of the other devices it has not read. Each device writes
/// only its own files, never changes one, and a merge is a union by event id: any order of
/// syncs on any devices ends in the same log.
public enum Sync {
    /// What a sync did.
    public struct Summary: Sendable {
        public var folder: String
        /// The segment written, and how many events it holds.
        public var published: (path: String, events: Int)?
        /// Segments read, from how many devices, and what merging them did.
        public var segmentsRead = 0
        public var devicesRead = 0
        public var merge: Store.MergeSummary?
        /// Files not read, and why: the next sync tries them again.
        public var skipped: [SyncFolder.Skipped] = []
        /// This device's segments that were missing from the folder (and were published again).
        public var missing: [String] = []
        /// The git step that failed (`--git`); its own message went to stderr.
        public var gitFailure: String?
    }

    /// The sync folder: the one given, else `[sync] folder` from the config file.
    public static func folder(given: String?, workspace: Workspace) throws(HoneError) -> String {
        guard let folder = given ?? workspace.syncFolder else {
            throw HoneError(.noSyncFolder(configFile: workspace.locations.configFile))
        }
        return folder
    }

    /// Runs a sync with the folder at `folder`; with `git`, the folder is in a git work tree
    /// whose remote carries the segments (`GitSteps`).
    public static func run(folder: String, workspace: Workspace, git: Bool) throws -> Summary {
        let sync = try SyncFolder(folder)
        let store = try workspace.openStore()
        let lock = try FolderLock(folder: workspace.locations.dataFolder, fileName: FolderLock.sync)
        defer { lock.release() }
        if git { try GitSteps.checkWorkTree(folder) }
        let device = try store.deviceID()
        var summary = Summary(folder: folder)
        try publish(to: sync, device: device, store: store, workspace: workspace, summary: &summary)
        if git {
            summary.gitFailure = GitSteps.commitPullPush(folder: folder, device: device)
        }
        try readOthers(sync, device: device, store: store, workspace: workspace, summary: &summary)
        return summary
    }

    /// Writes the events not yet published as this device's next segment: to a temporary file
    /// beside it, flushed, then renamed (`TextFile`), and recorded as published only once in
    /// place. A sync killed before the record publishes them again next time: a duplicate that
    /// every merge skips. Half-written files of a killed sync are removed first (the sync lock
    /// is held: no other sync of this device is writing).
    static func publish(
        to sync: SyncFolder, device: String, store: Store, workspace: Workspace, summary: inout Summary
    ) throws {
        let own = sync.folder(of: device)
        let (listing, temporary) = try sync.listing(of: device)
        for file in temporary { unlink(file) }
        let recorded = try store.syncSegments()
        let present = Set(listing.segments.map(\.name.fileName))
        let missing = recorded.filter { $0.device == device && $0.written && !present.contains($0.name) }.map(\.name)
        summary.missing = missing.sorted().map { (own as NSString).appendingPathComponent($0) }
        if !missing.isEmpty {
            // Deleted, or the sync folder is another one now: the whole log goes out again, the
            // events read from other devices too (one of them may sync no more), so no device
            // that has not read them misses them.
            try store.forgetPublished(device: device, missing: missing)
        }
        guard let unpublished = try store.unpublished() else { return }
        if let refusal = LogExport.refusal(unpublished.events) { throw refusal }
        let bytes = Array(LogExport.segment(unpublished.events, clock: workspace.clock).utf8)
        let highest =
            (listing.segments.map(\.name.number)
            + recorded.filter { $0.device == device }
            .compactMap { SegmentName($0.name)?.number }).max() ?? 0
        let name = SegmentName(number: highest + 1, written: workspace.nowSeconds, bytes: bytes)
        do {
            // Not with its parents: the sync folder was there a moment ago, and one unmounted
            // since must not come back as a new, empty folder.
            if !FileManager.default.fileExists(atPath: own) {
                try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: false)
            }
        } catch {
            throw HoneError(.cannotWrite(path: own, reason: "\(error.localizedDescription)"))
        }
        let path = (own as NSString).appendingPathComponent(name.fileName)
        try TextFile.write(Data(bytes), to: path)
        try store.recordPublished(
            SyncSegment(device: device, name: name.fileName, events: unpublished.events.count, written: true),
            through: unpublished.through)
        summary.published = (path, unpublished.events.count)
    }

    /// Merges every segment not read yet: the other devices', and any in this device's folder
    /// it did not write (left by a killed sync, or by a copy of this data folder). All of them
    /// go in one transaction with the record that they were read; a file that cannot be used is
    /// skipped, not recorded, and tried again next time.
    static func readOthers(
        _ sync: SyncFolder, device: String, store: Store, workspace: Workspace, summary: inout Summary
    ) throws {
        let known = Set(try store.syncSegments().map { "\($0.device)/\($0.name)" })
        var waiting: [SyncFolder.Segment] = []
        for other in try sync.devices() {
            let (listing, _) = try sync.listing(of: other)
            if other != device { summary.skipped += listing.others }
            waiting += listing.segments.filter { !known.contains("\(other)/\($0.name.fileName)") }
        }
        // Checked and parsed on two threads: each segment is a file of its own, and reading
        // them was a fifth of a large sync.
        var events: [LogEvent] = []
        var read: [SyncSegment] = []
        var devices = Set<String>()
        for (segment, result) in zip(waiting, Parallel.map(waiting, SyncFolder.read)) {
            switch result {
            case .success(let found):
                events += found
                read.append(
                    SyncSegment(
                        device: segment.device, name: segment.name.fileName, events: found.count, written: false))
                devices.insert(segment.device)
            case .failure(let skipped):
                summary.skipped.append(skipped)
            }
        }
        guard !read.isEmpty else { return }
        summary.merge = try store.merge(events, replay: workspace.replay, segments: read)
        summary.segmentsRead = read.count
        summary.devicesRead = devices.count
    }
}
