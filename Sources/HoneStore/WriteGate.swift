import Foundation

/// Whether this process may write to the database, asked before every write: yes while the
/// files are as hone's own last write left them (`DatabaseStamp`), or when SQLite's integrity
/// check finds nothing; no, for good, on any finding, or when the database was made by a newer
/// hone. A file replaced while a session runs (a restore, a sync) is checked again before the
/// session's next write. A command that only reads never pays for the check.
final class WriteGate: @unchecked Sendable {
    private let lock = NSLock()
    private var refusal: StoreError?

    /// `refusal`: a reason known at open (a newer hone's database) to refuse every write.
    init(refusal: StoreError? = nil) {
        self.refusal = refusal
    }

    /// Returns when writing is allowed: at once while `isUnchanged` says the files are as hone
    /// left them, otherwise when `check` (what stops writing, or nil) finds nothing; throws the
    /// refusal otherwise, and for every later write.
    func pass(isUnchanged: () -> Bool, check: () -> StoreError?) throws(StoreError) {
        lock.lock()
        defer { lock.unlock() }
        if let refusal { throw refusal }
        if isUnchanged() { return }
        if let found = check() {
            refusal = found
            throw found
        }
    }

    /// Refuses every later write: a write found the file damaged.
    func shut(_ reason: StoreError) {
        lock.lock()
        defer { lock.unlock() }
        if refusal == nil { refusal = reason }
    }
}
