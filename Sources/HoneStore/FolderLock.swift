import Foundation

/// An exclusive lock on a file of the data folder: `hone.lock`, held while a store opens (while
/// the file is checked, and its schema created or upgraded), and `sync.lock`, held through a
/// `hone sync` (two syncs of one device would publish the same events twice, and one would
/// remove the other's half-written segment). A lock file of its own, not the database: SQLite's
/// locks on a file are released when any descriptor of that file closes, so hone never opens
/// the database file itself.
public struct FolderLock: Sendable {
    public static let migration = "hone.lock"
    public static let sync = "sync.lock"
    private let descriptor: Int32

    /// Waits until no other hone holds the lock named `fileName` in `folder`.
    public init(folder: String, fileName: String = FolderLock.migration) throws(StoreError) {
        let path = (folder as NSString).appendingPathComponent(fileName)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .readOnly(folder) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw .other(path, "cannot lock the file: \(String(cString: strerror(errno)))")
            }
        }
    }

    public func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
