/// `PackageMetadata.Version`: which collection entry a package holds, and how.
enum PackageVersion: UInt64 {
    /// `collection.anki2`, schema 11 (Anki before 2.1.50, or a current package's stub).
    case legacy1 = 1
    /// `collection.anki21`, schema 11.
    case legacy2 = 2
    /// `collection.anki21b`, zstd-compressed, schema 18.
    case latest = 3

    var entryName: String {
        switch self {
        case .legacy1: "collection.anki2"
        case .legacy2: "collection.anki21"
        case .latest: "collection.anki21b"
        }
    }

    var isCompressed: Bool { self == .latest }
}
