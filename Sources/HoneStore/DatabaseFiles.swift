import Foundation
internal import GRDB

/// The database file and its companions on disk, before SQLite opens them: what kind of file is
/// there, and making a new one whole. SQLite writes to a file as it opens it (the journal mode),
/// so a file that is not hone's is recognised from its bytes first, and left as it is.
enum DatabaseFiles {
    enum Kind: Equatable {
        /// Carries hone's application id (in the file, or in its write-ahead log).
        case hone
        /// Made by an older hone killed before its first schema was committed: empty, or a
        /// SQLite file with no table ever made. Nothing of the learner's is in it.
        case halfMade
    }

    /// What the existing file at `path` is; throws when it is not hone's, when it is empty
    /// while its write-ahead log is not (the main file was lost: a new database there would
    /// take the place of the learner's), or when it cannot be read. A file is half made only
    /// when nothing in it or its log was ever committed: anything else, a log too damaged to
    /// tell included, is kept.
    static func inspect(_ path: String) throws(StoreError) -> Kind {
        let walSize = size(of: path + "-wal")
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .other(path, "cannot read the file") }
        defer { try? handle.close() }
        let header: Data
        do {
            header = try handle.read(upToCount: 100) ?? Data()
        } catch {
            throw .other(path, "cannot read the file: \((error as NSError).localizedDescription)")
        }
        if header.isEmpty {
            guard walSize == 0 else { throw .emptyBesideLog(path, walSize) }
            return .halfMade
        }
        guard header.count >= 100, header.starts(with: Array("SQLite format 3\u{0}".utf8)) else {
            throw .notHoneDatabase(path)
        }
        let bytes = Array(header)
        if bigEndian(bytes, at: 68) == UInt32(bitPattern: Store.applicationID) { return .hone }
        // The schema cookie (byte 40) counts the schema's changes: zero when no table was ever
        // made in the file itself.
        guard bigEndian(bytes, at: 40) == 0 else { throw .notHoneDatabase(path) }
        if walSize == 0 { return .halfMade }
        // A hone killed before its first checkpoint has its schema, and its id, only in the
        // write-ahead log: then SQLite reads it (and the id is checked once it is open).
        switch WriteAheadLogCheck.commits(in: path + "-wal") {
        case .some(0): return .halfMade
        case .some: return .hone
        case .none: throw .corrupt(path, "its write-ahead log \(path)-wal cannot be read")
        }
    }

    /// The database file, its write-ahead log and its shared-memory index must be files (or
    /// absent): a FIFO there would block the open, and a folder makes every open fail in a way
    /// that reads like a read-only folder.
    static func checkCompanions(of path: String) throws(StoreError) {
        for companion in [path, path + "-wal", path + "-shm"] {
            var status = stat()
            guard stat(companion, &status) == 0 else { continue }
            guard status.st_mode & S_IFMT == S_IFREG else {
                throw .other(companion, "is not a file (a folder, a FIFO or a device?): move it away")
            }
        }
    }

    /// Makes a new database at `path` with `schema`, whole or not at all: built under a
    /// temporary name, flushed to disk and linked into place, so a kill at any instant leaves
    /// either no file or a complete one. When another process put one there first, its file
    /// stands and this one is dropped.
    static func create(at path: String, schema: DatabaseMigrator) throws(StoreError) {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = path + ".new-\(getpid())"
        removeLeftovers(of: path)
        do {
            let queue = try DatabaseQueue(path: temporary)
            try schema.migrate(queue)
            // Persistent: the file stays in WAL mode. The queue's close removes its own empty
            // -wal and -shm.
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try queue.close()
            try flush(temporary)
            if link(temporary, path) != 0, errno != EEXIST {
                throw StoreError.other(path, "cannot create the file: \(String(cString: strerror(errno)))")
            }
            try flush(folder)
        } catch {
            remove(temporary)
            throw Store.describe(error, path: path)
        }
        remove(temporary)
    }

    /// Removes the file at `path` and its companions.
    static func remove(_ path: String) {
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] { unlink(file) }
    }

    /// The size of the file at `path`, 0 when there is none.
    static func size(of path: String) -> Int64 {
        var status = stat()
        return stat(path, &status) == 0 ? Int64(status.st_size) : 0
    }

    /// Files a killed creation left (`hone.sqlite.new-PID`): creation runs under the store's lock,
    /// so none of them is still being made.
    private static func removeLeftovers(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".new-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(prefix) {
            remove((folder as NSString).appendingPathComponent(name))
        }
    }

    private static func flush(_ path: String) throws(StoreError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .other(path, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .other(path, "cannot flush: \(String(cString: strerror(errno)))") }
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
    }
}
