import Foundation
import ZIPFoundation

/// Anki's package files, `.apkg` (decks) and `.colpkg` (a whole collection): zip archives with a
/// `meta` entry naming the format and the collection as an SQLite file, zstd-compressed in the
/// current format. Media entries are left alone: the importer finds media references in the
/// notes' fields.
public enum AnkiPackage {
    /// Reads the collection in the package at `path`. The collection is taken out to a
    /// temporary file (streamed, never whole in memory), opened read-only, read, and removed
    /// whatever happens.
    public static func read(_ path: String) throws(AnkiPackageError) -> AnkiCollection {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return try read(path, temporaryFolder: folder)
    }

    /// `read`, with the collection extracted into `temporaryFolder` (tests look there after).
    static func read(_ path: String, temporaryFolder: String) throws(AnkiPackageError) -> AnkiCollection {
        try checkIsZip(path)
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .damagedArchive(path, "its table of contents is missing or unreadable; is the file complete?")
        }
        let version = try version(of: archive, path: path)
        guard let entry = archive[version.entryName] else { throw .noCollection(path) }

        let file: TemporaryFile
        do {
            file = try TemporaryFile(in: temporaryFolder, prefix: "hone-anki-")
        } catch {
            throw .cannotExtract(path, error.detail)
        }
        defer { file.remove() }
        try extract(entry, of: archive, compressed: version.isCompressed, into: file, path: path)
        try makeOpenable(file, entryName: version.entryName, path: path)
        do {
            return try AnkiCollectionReader.read(databaseAt: file.path)
        } catch {
            switch error {
            case .unknownSchema(let schema):
                throw .unknownVersion(path, "its collection has schema version \(schema)")
            case .damaged(let detail):
                throw .damagedCollection(path, detail)
            }
        }
    }

    /// The zip signatures: a local file header, or the end record of an empty archive. Anything
    /// else is not a package at all, which says more than "damaged".
    private static func checkIsZip(_ path: String) throws(AnkiPackageError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .unreadable(path, "no such file")
        }
        if isFolder.boolValue { throw .unreadable(path, "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path, String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 4)).map { [UInt8]($0) } ?? []
        guard start == [0x50, 0x4B, 0x03, 0x04] || start == [0x50, 0x4B, 0x05, 0x06] else {
            throw .notAPackage(path)
        }
    }

    /// The package's format, from `meta` (a protobuf `PackageMetadata`, field 1) as Anki decides
    /// it: without `meta`, an older package, with `collection.anki21` when present.
    private static func version(of archive: Archive, path: String) throws(AnkiPackageError) -> PackageVersion {
        guard let meta = archive["meta"] else {
            return archive[PackageVersion.legacy2.entryName] != nil ? .legacy2 : .legacy1
        }
        // A few bytes in every Anki's package; anything large is not Anki's.
        guard meta.uncompressedSize <= 4096 else { throw .damagedArchive(path, "its meta entry is too large") }
        var bytes: [UInt8] = []
        do {
            let checksum = try archive.extract(meta) { bytes += $0 }
            guard checksum == meta.checksum else {
                throw AnkiPackageError.damagedArchive(path, "its meta entry does not match its checksum")
            }
        } catch let error as AnkiPackageError {
            throw error
        } catch {
            throw .damagedArchive(path, "its meta entry cannot be read (\(error))")
        }
        guard let fields = ProtobufReader.fields(of: bytes) else {
            throw .damagedArchive(path, "its meta entry is not Anki's package metadata")
        }
        let number = fields.last { $0.number == 1 }?.value.integer
        guard let number, let version = PackageVersion(rawValue: number) else {
            throw .unknownVersion(path, "the package has format version \(number ?? 0)")
        }
        return version
    }

    /// Streams the collection entry into `file`, through zstd when `compressed`. ZIPFoundation
    /// hands back the entry's CRC-32 without comparing it: a mismatch is a damaged archive, and
    /// is told before a zstd failure it caused (the rest of the entry is read for the checksum
    /// after zstd gives up).
    private static func extract(
        _ entry: Entry, of archive: Archive, compressed: Bool, into file: TemporaryFile, path: String
    ) throws(AnkiPackageError) {
        var zstdFailure: ZstdStreamDecoder.Failure?
        do {
            let decoder = compressed ? try ZstdStreamDecoder() : nil
            let checksum = try archive.extract(entry, bufferSize: 1 << 16) { chunk in
                try chunk.withUnsafeBytes { bytes in
                    guard let decoder else { return try file.write(bytes) }
                    guard zstdFailure == nil else { return }
                    do {
                        try decoder.decode(bytes) { try file.write($0) }
                    } catch let failure as ZstdStreamDecoder.Failure {
                        zstdFailure = failure
                    }
                }
            }
            guard checksum == entry.checksum else {
                throw AnkiPackageError.damagedArchive(path, "\(entry.path) does not match its checksum")
            }
            if let zstdFailure { throw zstdFailure }
            try decoder?.finish()
        } catch let error as AnkiPackageError {
            throw error
        } catch let error as ZstdStreamDecoder.Failure {
            throw .damagedCollection(path, "\(entry.path) cannot be decompressed (zstd: \(error.detail))")
        } catch let error as TemporaryFile.Failure {
            throw .cannotExtract(path, error.detail)
        } catch {
            throw .damagedArchive(path, "\(entry.path) cannot be read out of the archive (\(error))")
        }
    }

    /// Checks the SQLite header, and turns a collection in WAL mode (as Anki leaves its current
    /// format) into the rollback-journal mode, so a read-only connection needs no `-wal` or
    /// `-shm` files beside it (header bytes 18 and 19: 2 for WAL, 1 for a journal).
    private static func makeOpenable(
        _ file: TemporaryFile, entryName: String, path: String
    ) throws(AnkiPackageError) {
        let header = file.read(count: 20, at: 0)
        guard header.count == 20, header.prefix(16).elementsEqual("SQLite format 3\0".utf8) else {
            throw .damagedCollection(path, "\(entryName) is not an SQLite database")
        }
        if header[18] == 2 || header[19] == 2 {
            do {
                try file.overwrite([1, 1], at: 18)
            } catch {
                throw .cannotExtract(path, error.detail)
            }
        }
    }
}
