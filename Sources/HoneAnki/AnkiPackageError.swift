/// Why an Anki package could not be read, with the package's path. Packages come from
/// downloads and other people's collections: every way one can be wrong is one of these, never
/// a crash.
public enum AnkiPackageError: Error, Equatable, Sendable {
    /// The file cannot be opened (missing, a folder, no permission); the detail is the system's.
    case unreadable(String, String)
    /// The file is not a zip archive at all (a text file, a deck file, a renamed `.anki2`).
    case notAPackage(String)
    /// A zip archive that cannot be read through (truncated, a bad checksum, a bad entry).
    case damagedArchive(String, String)
    /// A zip archive without a collection in it (`collection.anki21b`, `.anki21` or `.anki2`).
    case noCollection(String)
    /// A package or collection version this reader does not know (made by a newer Anki).
    case unknownVersion(String, String)
    /// The collection is not an SQLite database, or not Anki's (tables or values missing).
    case damagedCollection(String, String)
    /// The collection could not be written to a temporary file (`$TMPDIR` full or unwritable).
    case cannotExtract(String, String)

    /// The package's path, as given to `AnkiPackage.read`.
    public var path: String {
        switch self {
        case .unreadable(let path, _), .notAPackage(let path), .damagedArchive(let path, _), .noCollection(let path),
            .unknownVersion(let path, _), .damagedCollection(let path, _), .cannotExtract(let path, _):
            path
        }
    }

    /// One line: the file, what is wrong, and what to do about it.
    public var message: String {
        let export = "export it again from Anki (File > Export: Anki Deck Package or Anki Collection Package)"
        return switch self {
        case .unreadable(let path, let detail):
            "\(path): cannot read the file (\(detail))"
        case .notAPackage(let path):
            "\(path): not an Anki package (.apkg or .colpkg are zip archives, and this is not one); \(export)"
        case .damagedArchive(let path, let detail):
            "\(path): the package is damaged (\(detail)); download it again or \(export)"
        case .noCollection(let path):
            "\(path): the zip archive holds no Anki collection (collection.anki21b, .anki21 or .anki2); \(export)"
        case .unknownVersion(let path, let detail):
            "\(path): \(detail), which this hone cannot read; export it from Anki with "
                + "\"Support older Anki versions\" ticked, or update hone"
        case .damagedCollection(let path, let detail):
            "\(path): the collection inside is damaged (\(detail)); in Anki, run Tools > Check Database, then \(export)"
        case .cannotExtract(let path, let detail):
            "\(path): cannot extract the collection to a temporary file (\(detail)); "
                + "free some space or point TMPDIR at a writable folder"
        }
    }
}
