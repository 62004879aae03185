import Foundation

/// Whether this process may write to the database, decided once, before its first write: yes
/// when the files are as hone's own last write left them (`DatabaseStamp`) or when SQLite's
/// integrity check finds nothing; no, for good, on any finding, or when the database was made
/// by a newer hone. A command that only reads never pays for the check.
final class WriteGate: @unchecked Sendable {
    private enum Decision {
        case undecided
        case open
        case shut(StoreError)
    }

    private let lock = NSLock()
    private var decision: Decision

    /// `refusal`: a reason known at open (a newer hone's database) to refuse every write.
    init(refusal: StoreError? = nil) {
        decision = refusal.map(Decision.shut) ?? .undecided
    }

    /// Returns when writing is allowed, deciding with `check` the first time (it returns what
    /// stops writing, or nil); throws the refusal otherwise.
    func pass(check: () -> StoreError?) throws(StoreError) {
        lock.lock()
        defer { lock.unlock() }
        switch decision {
        case .open: return
        case .shut(let refusal): throw refusal
        case .undecided:
            if let refusal = check() {
                decision = .shut(refusal)
                throw refusal
            }
            decision = .open
        }
    }
}
