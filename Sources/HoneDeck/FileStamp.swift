#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What says a file is unchanged without reading it: device, inode, size, and the times of its
/// last change of content and of status, to the nanosecond. The deck cache trusts an entry only
/// while its deck file's stamp is the same.
public struct FileStamp: Equatable, Sendable {
    var device: Int64
    var inode: Int64
    /// The size in bytes (of the file a link leads to).
    public internal(set) var size: Int64
    var modified: Int64
    var changed: Int64

    /// The stamp of the file at `path` (following links), or nil when it cannot be read.
    public static func of(_ path: String) -> FileStamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        #if canImport(Darwin)
            let modified = Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
            let changed = Int64(status.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(status.st_ctimespec.tv_nsec)
        #else
            let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
            let changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
        #endif
        return FileStamp(
            device: Int64(truncatingIfNeeded: status.st_dev), inode: Int64(truncatingIfNeeded: status.st_ino),
            size: Int64(status.st_size), modified: modified, changed: changed)
    }

    /// True when the file was last changed at least `seconds` before `now` (epoch seconds). A
    /// file changed within the clock's granularity of a read could change again with the same
    /// stamp, so such a file is not cached (git's "racy" index entries, the same way).
    public func settled(now: Int64, seconds: Int64 = 2) -> Bool {
        max(modified, changed) / 1_000_000_000 + seconds <= now
    }

    func write(into writer: inout ByteWriter) {
        for field in [device, inode, size, modified, changed] { writer.i64(field) }
    }

    static func read(_ reader: inout ByteReader) -> FileStamp? {
        guard let device = reader.i64(), let inode = reader.i64(), let size = reader.i64(), let modified = reader.i64(),
            let changed = reader.i64()
        else { return nil }
        return FileStamp(device: device, inode: inode, size: size, modified: modified, changed: changed)
    }
}
