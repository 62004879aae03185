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
    /// there is no log).
    static func damage(in path: String) -> String? {
        // Mapped, not read: a log a killed import left can be hundreds of megabytes.
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped),
            data.count > headerSize
        else { return nil }
        return data.withUnsafeBytes { raw -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let magic = word(bytes, 0)
            guard magic & 0xFFFF_FFFE == 0x377F_0682 else { return nil }  // not a log SQLite would read
            let bigEndian = magic & 1 == 1
            let pageSize = Int(word(bytes, 8) == 1 ? 65_536 : word(bytes, 8))
            var sum = checksum(bytes, from: 0, count: 24, bigEndian: bigEndian, seed: (0, 0))
            guard sum == (word(bytes, 24), word(bytes, 28)) else { return nil }  // a header cut short
            let salts = (word(bytes, 16), word(bytes, 20))
            let frameSize = frameHeaderSize + pageSize
            var offset = headerSize
            var frame = 1
            while offset + frameSize <= bytes.count {
                guard (word(bytes, offset + 8), word(bytes, offset + 12)) == salts else { return nil }
                sum = checksum(bytes, from: offset, count: 8, bigEndian: bigEndian, seed: sum)
                sum = checksum(bytes, from: offset + frameHeaderSize, count: pageSize, bigEndian: bigEndian, seed: sum)
                if sum != (word(bytes, offset + 16), word(bytes, offset + 20)) {
                    return committedFrame(after: offset + frameSize, in: bytes, frameSize: frameSize, salts: salts)
                        .map { "frame \(frame) of \(path) fails its checksum, and committed frame \($0) follows" }
                }
                offset += frameSize
                frame += 1
            }
            return nil
        }
    }

    /// The number of the first commit frame of the same generation at or after `offset`.
    private static func committedFrame(
        after offset: Int, in bytes: UnsafeBufferPointer<UInt8>, frameSize: Int, salts: (UInt32, UInt32)
    ) -> Int? {
        var offset = offset
        while offset + frameSize <= bytes.count {
            if (word(bytes, offset + 8), word(bytes, offset + 12)) == salts, word(bytes, offset + 4) != 0 {
                return (offset - headerSize) / frameSize + 1
            }
            offset += frameSize
        }
        return nil
    }

    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt32 {
        (UInt32(bytes[offset]) << 24) | (UInt32(bytes[offset + 1]) << 16) | (UInt32(bytes[offset + 2]) << 8)
            | UInt32(bytes[offset + 3])
    }

    /// SQLite's log checksum over `count` bytes (a multiple of 8), continuing from `seed`.
    private static func checksum(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, count: Int, bigEndian: Bool, seed: (UInt32, UInt32)
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
