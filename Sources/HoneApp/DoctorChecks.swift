import HoneCore
import HoneREPL
import HoneStore

/// `hone doctor`: SQLite's integrity check of the progress database, then the stored card
/// states against a replay of the log, and with `repair` the states rebuilt from the log.
public struct DoctorChecks {
    /// What a check found, told as soon as it is known.
    public enum Finding: Sendable {
        /// The database is damaged: SQLite's first complaints. It was left untouched.
        case damaged([String])
        /// The file is sound and its log holds this many events.
        case sound(events: Int)
        /// Tables derived from the log are missing (names); `repair` makes them again.
        case missingTables([String])
        /// Every stored state is what a replay of the log gives; this many cards.
        case statesMatch(Int)
        /// The cards whose stored state differs from a replay, in key order.
        case statesDiffer([String])
        /// Every state was rebuilt from the log.
        case repaired
    }

    let workspace: Workspace

    public init(_ workspace: Workspace) {
        self.workspace = workspace
    }

    /// The versions of the libraries linked in, for a bug report.
    public static var readlineVersion: String { ReadlineLineReader.libraryVersion }
    public static var sqliteVersion: String { Store.sqliteVersion }

    /// Runs the checks, telling `found` each finding in order; true when all is well, or was
    /// repaired.
    public func run(repair: Bool, found: (Finding) -> Void) throws(StoreError) -> Bool {
        let store = try workspace.openStore(rebuildingStates: false)
        let integrity = try store.integrityCheck()
        guard integrity == ["ok"] else {
            found(.damaged(Array(integrity.prefix(5))))
            return false
        }
        found(.sound(events: try store.eventCount()))
        let missing = try store.missingDerivedTables()
        if !missing.isEmpty {
            found(.missingTables(missing))
            guard repair else { return false }
            try store.rebuildStates(with: workspace.replay, fingerprint: workspace.fingerprint)
            found(.repaired)
            return true
        }
        // A state that cannot be read counts as one that differs: the repair rebuilds it.
        let stored: [String: CardState]
        do {
            stored = try store.states().dictionary
        } catch .unreadableStates {
            stored = [:]
        }
        let replayed = try store.events().replayedStates(with: workspace.replay)
        let differing = Set(stored.keys).union(replayed.keys).filter { stored[$0] != replayed[$0] }.sorted()
        if differing.isEmpty {
            found(.statesMatch(replayed.count))
            return true
        }
        found(.statesDiffer(differing))
        guard repair else { return false }
        try store.rebuildStates(with: workspace.replay, fingerprint: workspace.fingerprint)
        found(.repaired)
        return true
    }
}
