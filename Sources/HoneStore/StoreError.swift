/// Why the progress database could not be used, in words a learner can act on. In every case
/// the file on disk is left as it was.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotCreateFolder(String, String)
    case readOnly(String)
    case notHoneDatabase(String)
    case corrupt(String, String)
    case diskFull(String)
    /// The database file is empty while its write-ahead log holds this many bytes.
    case emptyBesideLog(String, Int64)
    /// A stored card state cannot be read (a changed byte the integrity check cannot see); the
    /// states are derived from the log, which `hone doctor --repair` rebuilds them from.
    case unreadableStates(String)
    /// A table derived from the log is missing (its name).
    case missingTable(String, String)
    /// Made by a newer hone: read, never written.
    case newerVersion(String)
    case busy(String)
    case other(String, String)

    public var description: String {
        switch self {
        case .cannotCreateFolder(let folder, let reason):
            "cannot create the data folder \(folder): \(reason)"
        case .readOnly(let path):
            "cannot write to \(path): the data folder is read-only; your progress there is untouched "
                + "(set another with --data or $HONE_DATA)"
        case .notHoneDatabase(let path):
            "\(path) is not a hone database; it was left untouched (move it away, or point --data elsewhere)"
        case .corrupt(let path, let detail):
            "\(path) is damaged (\(detail)); hone writes nothing to it. `hone doctor` says what is wrong; to "
                + "start again from your history, move the data folder away and `hone log import` your last export "
                + "(`hone log export` may still read this one), or copy back a backup of hone.sqlite"
        case .diskFull(let path):
            "the disk holding \(path) is full: this change was not saved, and everything saved before it is intact"
        case .emptyBesideLog(let path, let bytes):
            "\(path) is empty, but its write-ahead log \(path)-wal holds \(bytes) bytes: the database file was "
                + "lost or cut short; both were left untouched (copy back a backup of hone.sqlite, or move both "
                + "away to start afresh)"
        case .unreadableStates(let path):
            "\(path) holds a card state that cannot be read; the states are derived from the log: "
                + "`hone doctor --repair` rebuilds them"
        case .missingTable(let path, let table):
            "\(path) has lost its table \(table), which is derived from the log: `hone doctor --repair` rebuilds it"
        case .newerVersion(let path):
            "\(path) was written by a newer hone: this one reads it but writes nothing to it (update hone)"
        case .busy(let path):
            "\(path) stayed locked by another hone for too long; nothing was lost, try again"
        case .other(let path, let detail):
            "\(path): \(detail)"
        }
    }
}
