import Foundation
import HoneCore

/// Decks already read, kept in a cache folder (`$XDG_CACHE_HOME/hone/decks`) so that a session
/// starts without parsing unchanged deck files again: one file per deck file, holding its
/// cards' keys, notes and lines up front and their texts behind. An entry is used only while
/// the deck file's stamp (inode, size, change times) and hone's own binary are the same as
/// when it was written; anything else, a damaged entry included, is a miss and the deck is
/// read from its text. The cache is only ever an accelerator: failing to write it is silent.
///
/// Damage is found by checksums (`CacheChecksum`): one over the header and the index, checked
/// at every lookup, and one in front of each card's texts, checked when the card is decoded.
/// A card whose checksum fails is read from the deck file instead: a cache never shows text
/// that is not in the deck.
public struct DeckCache: Sendable {
    public let folder: String
    /// Stamps the running binary: a new build of hone may read decks differently.
    private let binary: FileStamp
    /// The largest deck file read again when a cached card turns out damaged.
    private let sizeLimit: Int

    static let magic: [UInt8] = Array("HONEDKC1".utf8)
    static let version: UInt32 = 3
    /// Where the index checksum is kept: after the magic, the version and the texts' start.
    /// It is computed over the index with these eight bytes zero.
    static let checksumRange = 16..<24

    public init(folder: String, sizeLimit: Int = DeckFinder.defaultSizeLimit) {
        self.folder = folder
        self.sizeLimit = sizeLimit
        binary = FileStamp.of("/proc/self/exe") ?? FileStamp(device: 0, inode: 0, size: 0, modified: 0, changed: 0)
    }

    /// What names a deck's entry: the path as found, the path under the deck folder (it gives
    /// the default deck id) and, for a relative path, the working folder.
    static func identity(of found: DeckFinder.Found) -> String {
        let base = found.path.hasPrefix("/") ? "" : FileManager.default.currentDirectoryPath
        return found.path + "\u{0}" + found.relativePath + "\u{0}" + base
    }

    func entryPath(for identity: String) -> String {
        var hasher = FNV1a()
        var identity = identity
        identity.withUTF8 { hasher.add($0) }
        let name = String(hasher.value, radix: 16)
        return folder + "/" + String(repeating: "0", count: 16 - name.count) + name + ".deck"
    }

    /// The cached deck at `found`, when its file still has `stamp`; nil otherwise.
    public func lookup(_ found: DeckFinder.Found, stamp: FileStamp) -> DeckIndex? {
        let identity = Self.identity(of: found)
        guard let file = CacheFile(path: entryPath(for: identity)) else { return nil }
        // The header and the index (keys, notes, lines), read whole; the texts stay on disk.
        // Where the texts start is the first thing after the magic and the version.
        guard let head = file.bytes(0..<min(file.size, 16)), head.count == 16, Array(head[0..<8]) == Self.magic else {
            return nil
        }
        let contentStart = head.withUnsafeBytes {
            Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
        }
        guard contentStart <= file.size, contentStart >= Self.checksumRange.upperBound,
            var index = file.bytes(0..<contentStart)
        else { return nil }
        let stored = index.withUnsafeBytes {
            UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: Self.checksumRange.lowerBound, as: UInt64.self))
        }
        for offset in Self.checksumRange { index[offset] = 0 }
        guard CacheChecksum.of(index[...]) == stored else { return nil }
        return index.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            guard let header = Self.readHeader(&reader, identity: identity, binary: binary, stamp: stamp),
                header.contentStart == contentStart
            else { return nil }
            let count = header.count
            guard count <= raw.count else { return nil }
            var keys: [String] = []
            var noteKeys: [String] = []
            var lines: [Int32] = []
            var offsets: [UInt32] = []
            keys.reserveCapacity(count)
            noteKeys.reserveCapacity(count)
            lines.reserveCapacity(count)
            offsets.reserveCapacity(count)
            for _ in 0..<count {
                guard let line = reader.u32(), let offset = reader.u32(), let key = reader.string(),
                    let sameNote = reader.u8()
                else { return nil }
                let noteKey: String
                if sameNote == 1 {
                    noteKey = key
                } else {
                    guard let other = reader.string() else { return nil }
                    noteKey = other
                }
                // Each card's text starts after the one before: the offsets bound every read.
                guard Int(offset) <= file.size - contentStart, offset >= (offsets.last ?? 0) else { return nil }
                keys.append(key)
                noteKeys.append(noteKey)
                lines.append(Int32(bitPattern: line))
                offsets.append(offset)
            }
            guard reader.offset == contentStart else { return nil }
            return DeckIndex(
                id: header.id, name: header.name, skill: header.skill, newPerDay: header.newPerDay,
                reviewsPerDay: header.reviewsPerDay, path: found.path, keys: keys, noteKeys: noteKeys, lines: lines,
                cards: .encoded(file, start: contentStart, offsets: offsets, sizeLimit: sizeLimit))
        }
    }

    /// An entry's header, when it is one of this format, for this binary, deck file and stamp.
    private static func readHeader(_ reader: inout ByteReader, identity: String, binary: FileStamp, stamp: FileStamp)
        -> (
            id: String, name: String, skill: String, newPerDay: Int?, reviewsPerDay: Int?, count: Int, contentStart: Int
        )?
    {
        for byte in magic where reader.u8() != byte { return nil }
        guard reader.u32() == version, let contentStart = reader.u32(), reader.i64() != nil,
            FileStamp.read(&reader) == binary,
            FileStamp.read(&reader) == stamp, reader.string() == identity, let id = reader.string(),
            let name = reader.string(), let skill = reader.string(), let newPerDay = reader.i64(),
            let reviewsPerDay = reader.i64(), let count = reader.u32()
        else { return nil }
        return (
            id, name, skill, newPerDay < 0 ? nil : Int(newPerDay), reviewsPerDay < 0 ? nil : Int(reviewsPerDay),
            Int(count),
            Int(contentStart)
        )
    }

    /// The bytes of an entry for `deck`, read from a file with `stamp`.
    func encode(_ deck: Deck, identity: String, stamp: FileStamp) -> [UInt8] {
        var writer = ByteWriter()
        for byte in Self.magic { writer.u8(byte) }
        writer.u32(Self.version)
        let contentStartAt = writer.bytes.count
        writer.u32(0)
        writer.i64(0)  // the index checksum, once the index is written
        binary.write(into: &writer)
        stamp.write(into: &writer)
        writer.string(identity)
        writer.string(deck.id)
        writer.string(deck.name)
        writer.string(deck.skill)
        writer.i64(Int64(deck.newPerDay ?? -1))
        writer.i64(Int64(deck.reviewsPerDay ?? -1))
        writer.u32(UInt32(truncatingIfNeeded: deck.cards.count))
        var offsetPatches: [Int] = []
        offsetPatches.reserveCapacity(deck.cards.count)
        for card in deck.cards {
            writer.u32(UInt32(truncatingIfNeeded: max(card.line, 0)))
            offsetPatches.append(writer.bytes.count)
            writer.u32(0)
            writer.string(card.key)
            if card.noteKey == card.key {
                writer.u8(1)
            } else {
                writer.u8(0)
                writer.string(card.noteKey)
            }
        }
        let contentStart = writer.bytes.count
        writer.patch(u32: UInt32(truncatingIfNeeded: contentStart), at: contentStartAt)
        for (card, patch) in zip(deck.cards, offsetPatches) {
            let recordStart = writer.bytes.count
            writer.patch(u32: UInt32(truncatingIfNeeded: recordStart - contentStart), at: patch)
            writer.i64(0)  // the card's checksum, once its texts are written
            CardRecord.encode(card, into: &writer)
            writer.patch(u64: CacheChecksum.of(writer.bytes[(recordStart + 8)...]), at: recordStart)
        }
        // Last: the index holds the texts' offsets, known only now.
        writer.patch(u64: CacheChecksum.of(writer.bytes[..<contentStart]), at: Self.checksumRange.lowerBound)
        return writer.bytes
    }

    /// Keeps `deck`, read from `found` while the file had `stamp`. Written to a new file and
    /// renamed into place, so a reader never sees half an entry; any failure leaves no entry.
    public func save(_ deck: Deck, for found: DeckFinder.Found, stamp: FileStamp) {
        let identity = Self.identity(of: found)
        let bytes = encode(deck, identity: identity, stamp: stamp)
        // Offsets are 32-bit: a deck of more than 4 GB is simply not cached.
        guard bytes.count < Int(UInt32.max) else { return }
        try? FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = entryPath(for: identity)
        let temporary = path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { return }
        var written = 0
        let complete: Bool = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return false }
            while written < raw.count {
                let result = write(descriptor, base + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += result
            }
            return true
        }
        close(descriptor)
        if !complete || rename(temporary, path) != 0 { unlink(temporary) }
    }
}
