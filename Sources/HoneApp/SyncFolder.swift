import Foundation
import HoneCore
import HoneDeck
import HoneStore

/// The shared folder `hone sync` publishes to and reads from: one subfolder per device, named
/// by its id, holding that device's segments (`SegmentName`). Anything else in it (`.git`,
/// `.stfolder`, deck files) is not hone's and is left alone. hone never creates the folder
/// itself: a folder renamed or deleted must not quietly become a new, empty one.
public struct SyncFolder: Sendable {
    public let path: String

    /// A file in a device folder that was not read, and why.
    public struct Skipped: Error, Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    /// A segment found in a device folder.
    struct Segment: Sendable {
        var device: String
        var name: SegmentName
        var path: String
    }

    /// What a device folder holds: its segments, and its other files with why they are not read.
    struct Listing: Sendable {
        var segments: [Segment] = []
        var others: [Skipped] = []
    }

    /// The folder at `path`, which must exist and be a folder.
    public init(_ path: String) throws(HoneError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw HoneError(.syncFolderMissing(path))
        }
        guard isFolder.boolValue else {
            throw HoneError(.cannotRead(FileProblem(path: path, message: "is a file, not a sync folder")))
        }
        self.path = path
    }

    /// Whether `name` is a device id: sixteen lowercase hex digits.
    static func isDevice(_ name: String) -> Bool {
        name.utf8.count == 16 && name.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// The device folders in the folder, by id.
    func devices() throws(HoneError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw HoneError(.cannotRead(FileProblem(path: path, message: "cannot list the folder: \(error)")))
        }
        return names.filter { name in
            var isFolder: ObjCBool = false
            return SyncFolder.isDevice(name)
                && FileManager.default.fileExists(atPath: folder(of: name), isDirectory: &isFolder)
                && isFolder.boolValue
        }.sorted()
    }

    func folder(of device: String) -> String { (path as NSString).appendingPathComponent(device) }

    /// Files a file manager or a sync tool leaves in every folder: never hone's, never worth a
    /// warning at every sync.
    static let ignored: Set<String> = [".DS_Store", "Thumbs.db", "desktop.ini", ".stignore", ".stfolder", ".directory"]

    /// The largest segment read: a sync of a million answers makes one of about 110 MB. A file
    /// larger than this is named and skipped, never read into memory at every sync.
    static let largestSegment = 1 << 30

    /// The files of a device's folder: segments by number, the rest named with why they are
    /// not read. `ownTemporary`: this device's own half-written files (`.hone-*.tmp`, left by a
    /// sync that was killed), which are not reported but returned for removal. A folder there
    /// is no listing of (replaced by a file, unreadable) is an error: going on as if it were
    /// empty would take this device's segments for lost.
    func listing(of device: String) throws(HoneError) -> (Listing, ownTemporary: [String]) {
        let folder = folder(of: device)
        var listing = Listing()
        var temporary: [String] = []
        let names: [String]
        if FileManager.default.fileExists(atPath: folder) {
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder)
            } catch {
                throw HoneError(
                    .cannotRead(
                        FileProblem(path: folder, message: "cannot list the folder: \(error.localizedDescription)")))
            }
        } else {
            names = []
        }
        for name in names.sorted() where !SyncFolder.ignored.contains(name) {
            let file = (folder as NSString).appendingPathComponent(name)
            if let segment = SegmentName(name) {
                listing.segments.append(Segment(device: device, name: segment, path: file))
            } else if name.hasPrefix(".hone-") && name.hasSuffix(".tmp") {
                temporary.append(file)
                listing.others.append(Skipped(path: file, reason: "a segment still being written by hone"))
            } else {
                listing.others.append(
                    Skipped(
                        path: file,
                        reason: "not a finished segment (a sync tool's temporary file, or not hone's): "
                            + "it is read once it has a segment's name"))
            }
        }
        listing.segments.sort { $0.name < $1.name }
        return (listing, temporary)
    }

    /// A segment's events, or why it cannot be used: its bytes must match the checksum in its
    /// name (a file damaged, or still being copied under its final name, does not), and be a
    /// `hone log export` this hone reads whole.
    static func read(_ segment: Segment) -> Result<[LogEvent], Skipped> {
        func skip(_ reason: String) -> Result<[LogEvent], Skipped> {
            .failure(Skipped(path: segment.path, reason: reason))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: segment.path)[.size] as? Int) ?? 0
        if size > largestSegment { return skip("larger than 1 GB, more than any sync writes: not read") }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segment.path)))
        } catch {
            return skip("cannot be read (\((error as NSError).localizedFailureReason ?? error.localizedDescription))")
        }
        guard segment.name.matches(bytes) else {
            return skip(
                "damaged, or still being copied: its checksum is \(SegmentName.checksum(of: bytes)), "
                    + "its name says \(segment.name.checksum)")
        }
        let header = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let known = Array(LogExport.honeHeader.utf8)
        if !header.elementsEqual(known) {
            if header.starts(with: known + [UInt8(ascii: ",")]) {
                let extra = String(decoding: header.dropFirst(known.count + 1), as: UTF8.self)
                return skip("written by a newer hone (columns \(PrintableText.quoted(extra))): update hone to read it")
            }
            return skip("not a hone log export: its first line is not hone's header")
        }
        switch ReviewLogCSV.read(bytes) {
        case .success(let events): return .success(events)
        case .failure(let problem): return skip("line \(problem.line), column \(problem.column): \(problem.message)")
        }
    }
}
