/// A 64-bit checksum of deck-cache bytes, so that an entry damaged on disk is a miss and
/// never a card with other text. Eight bytes a step: a session start checks the whole index
/// of a hundred thousand cards (a few megabytes), which byte-at-a-time FNV-1a would slow.
/// Each step, `rotate((hash ^ word) * odd, 29)`, is a bijection of the hash for a given word
/// and of the word for a given hash: two inputs of the same length that differ in one word
/// (any single bit flip, any damage within eight aligned bytes) always differ in the result;
/// wider damage escapes it with odds of about one in 2^64. The length is mixed in first, so
/// bytes cut off the end (read as zero padding) show too.
enum CacheChecksum {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = step(hash, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
            hash = step(hash, tail)
        }
        return hash
    }

    static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    private static func step(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
        return mixed << 29 | mixed >> 35
    }
}
