import Foundation

/// An exclusive lock on `hone.lock` in the data folder, held while a store opens: while the
/// file is checked, and its schema created or upgraded. A lock file of its own, not the database:
/// SQLite's locks on a file are released when any descriptor of that file closes, so hone never
/// opens the database file itself.
struct MigrationLock {
    static let fileName = "hone.lock"
    private let descriptor: Int32

    /// Waits until no other hone holds the lock.
    init(folder: String) throws(StoreError) {
        let path = (folder as NSString).appendingPathComponent(MigrationLock.fileName)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .readOnly(folder) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                close(descriptor)
                throw .other(path, "cannot lock the file: \(String(cString: strerror(errno)))")
            }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
