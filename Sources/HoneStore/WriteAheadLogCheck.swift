import Foundation

/// Damage in the write-ahead log that SQLite cannot report: it reads the log's frames up to the
/// first one whose checksum fails and silently drops that one and every later one, committed
/// answers included, so its integrity check then finds a sound database that has lost them. A
/// frame that fails its checksum is normal at the end of the log (a write cut short by a crash,
/// never committed) and after the current generation (frames of an older one, already copied,
/// with other salts); one followed by a committed frame of the same generation is damage.
enum WriteAheadLogCheck {
    private static let headerSize = 32
    private static let frameHeaderSize = 24

    /// What is wrong with the log at `path`, or nil when nothing committed would be lost (or
    /// there is no log). One commit after the failing frame is a transaction in flight when the
    /// power went (its frames reached the disk out of order, and it was never acknowledged);
    /// two or more are answers SQLite would drop.
    static func damage(in path: String) -> String? {
        guard let scan = scan(path), let broken = scan.broken, scan.commitsAfterBreak >= 2 else { return nil }
        return "frame \(broken) of \(path) fails its checksum, and \(scan.commitsAfterBreak) committed "
            + "transactions follow it"
    }

    /// How many commit frames of the current generation the log at `path` holds, whether their
    /// checksums hold or not; 0 for an absent or empty log, nil when its header cannot be read
    /// or fails its own checksum.
    static func commits(in path: String) -> Int? {
        guard size(path) > 0 else { return 0 }
        return scan(path).map { $0.commits }
    }

    private struct Scan {
        var commits = 0
        var broken: Int?
        var commitsAfterBreak = 0
    }

    /// Reads the log a frame at a time, never mapped: another hone may cut the file short while
    /// it is read (a checkpoint), which ends the reading, not the process.
    private static func scan(_ path: String) -> Scan? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        let header = read(file, count: headerSize)
        guard header.count == headerSize else { return nil }
        let magic = word(header, 0)
        guard magic & 0xFFFF_FFFE == 0x377F_0682 else { return nil }  // not a log SQLite would read
        let bigEndian = magic & 1 == 1
        let pageSize = Int(word(header, 8) == 1 ? 65_536 : word(header, 8))
        guard pageSize >= 512, pageSize <= 65_536 else { return nil }
        var sum = checksum(header, from: 0, count: 24, bigEndian: bigEndian, seed: (0, 0))
        guard sum == (word(header, 24), word(header, 28)) else { return nil }  // a header cut short
        let salts = (word(header, 16), word(header, 20))
        let frameSize = frameHeaderSize + pageSize
        var scan = Scan()
        var frame = 1
        while true {
            let bytes = read(file, count: frameSize)
            // The end of the log, or of its current generation (older frames follow, copied).
            guard bytes.count == frameSize, (word(bytes, 8), word(bytes, 12)) == salts else { return scan }
            let commits = word(bytes, 4) != 0
            if commits { scan.commits += 1 }
            if scan.broken != nil {
                if commits { scan.commitsAfterBreak += 1 }
            } else {
                sum = checksum(bytes, from: 0, count: 8, bigEndian: bigEndian, seed: sum)
                sum = checksum(bytes, from: frameHeaderSize, count: pageSize, bigEndian: bigEndian, seed: sum)
                if sum != (word(bytes, 16), word(bytes, 20)) {
                    scan.broken = frame
                    if commits { scan.commitsAfterBreak = 1 }
                }
            }
            frame += 1
        }
    }

    private static func size(_ path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// Up to `count` bytes from `file`; fewer at its end.
    private static func read(_ file: FileHandle, count: Int) -> [UInt8] {
        [UInt8]((try? file.read(upToCount: count)) ?? Data())
    }

    private static func word(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (UInt32(bytes[offset]) << 24) | (UInt32(bytes[offset + 1]) << 16) | (UInt32(bytes[offset + 2]) << 8)
            | UInt32(bytes[offset + 3])
    }

    /// SQLite's log checksum over `count` bytes (a multiple of 8), continuing from `seed`.
    private static func checksum(
        _ bytes: [UInt8], from start: Int, count: Int, bigEndian: Bool, seed: (UInt32, UInt32)
    ) -> (UInt32, UInt32) {
        var (s0, s1) = seed
        var offset = start
        while offset < start + count {
            var x0 = word(bytes, offset)
            var x1 = word(bytes, offset + 4)
            if !bigEndian {
                x0 = x0.byteSwapped
                x1 = x1.byteSwapped
            }
            s0 = s0 &+ x0 &+ s1
            s1 = s1 &+ x1 &+ s0
            offset += 8
        }
        return (s0, s1)
    }
}
