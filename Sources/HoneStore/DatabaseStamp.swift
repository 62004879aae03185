import Foundation

/// What the database file and its write-ahead log looked like just after hone's own last write:
/// device, inode, size and the times of the last change of content and of status (the status
/// time cannot be set back by `touch`), for each of the two files. Kept in `hone.stamp` beside
/// them. When the files no longer look like that, something else changed them (a restore, a
/// sync tool, a disk fault, a person), and they are checked whole before hone writes to them.
struct DatabaseStamp: Equatable {
    static let fileName = "hone.stamp"

    /// One file's identity and times; an absent or empty file is `empty`, whatever its times
    /// (SQLite creates an empty write-ahead log on open).
    private var fields: [Int64]

    /// The stamp of the database at `path` and its `-wal`, or nil when the database cannot be
    /// read.
    static func of(database path: String) -> DatabaseStamp? {
        guard let main = describe(path), main[2] > 0 else { return nil }
        let wal = describe(path + "-wal").flatMap { $0[2] > 0 ? $0 : nil } ?? [0]
        return DatabaseStamp(fields: main + wal)
    }

    /// The stamp recorded in `folder`, or nil when there is none, or it cannot be read.
    static func recorded(in folder: String) -> DatabaseStamp? {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path), data.count < 1_024 else { return nil }
        let words = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        let fields = words.compactMap { Int64($0) }
        guard fields.count == words.count, fields.count == 6 || fields.count == 10 else { return nil }
        return DatabaseStamp(fields: fields)
    }

    /// Writes the stamp into `folder`, whole or not at all (a temporary file renamed). Best
    /// effort: a stamp that could not be written only costs a check at the next write.
    func record(in folder: String) {
        let path = (folder as NSString).appendingPathComponent(DatabaseStamp.fileName)
        let temporary = path + ".\(getpid()).tmp"
        let text = Array((fields.map(String.init).joined(separator: " ") + "\n").utf8)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let written = text.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        if written != text.count || rename(temporary, path) != 0 { unlink(temporary) }
    }

    /// Device, inode, size, content time and status time (nanoseconds) of the file at `path`.
    private static func describe(_ path: String) -> [Int64]? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        let changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
        return [
            Int64(truncatingIfNeeded: status.st_dev), Int64(truncatingIfNeeded: status.st_ino), Int64(status.st_size),
            modified, changed,
        ]
    }
}
