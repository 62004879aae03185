/// Why the progress database could not be used, in words a learner can act on. In every case
/// the file on disk is left as it was.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotCreateFolder(String, String)
    case readOnly(String)
    case notHoneDatabase(String)
    case corrupt(String, String)
    case diskFull(String)
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
            "\(path) is damaged (\(detail)); it was left untouched: run `hone doctor` or restore a backup"
        case .diskFull(let path):
            "the disk holding \(path) is full: the answer was not saved, and everything saved before it is intact"
        case .busy(let path):
            "\(path) stayed locked by another hone for too long; nothing was lost, try again"
        case .other(let path, let detail):
            "\(path): \(detail)"
        }
    }
}
