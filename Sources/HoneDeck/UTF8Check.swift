/// Strict UTF-8 validation: finds where the first ill-formed sequence starts (overlong forms,
/// surrogates, values past U+10FFFF and sequences cut short included), as Python reports it.
enum UTF8Check {
    /// Where every ill-formed sequence starts, up to `limit` of them.
    static func invalidSequences(in bytes: [UInt8], limit: Int = 100) -> [Int] {
        var found: [Int] = []
        var start = 0
        while found.count < limit, let bad = firstInvalidByte(in: bytes, from: start) {
            found.append(bad)
            start = bad + 1
            // Skip the continuation bytes of the broken sequence: one report per sequence.
            while start < bytes.count, bytes[start] & 0xC0 == 0x80 { start += 1 }
        }
        return found
    }

    static func firstInvalidByte(in bytes: [UInt8], from start: Int = 0) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            let count = buffer.count
            var index = start
            while index < count {
                // ASCII runs are the common case: test eight bytes at a time.
                while index + 8 <= count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    let highBits = word & 0x8080_8080_8080_8080
                    if highBits != 0 {
                        // Straight to the first non-ASCII byte, past the ASCII ones before it.
                        index += highBits.trailingZeroBitCount / 8
                        break
                    }
                    index += 8
                }
                guard index < count else { return nil }
                let lead = buffer[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                // Two-byte sequences (accented Latin letters) and three-byte ones without range
                // limits on their second byte (most of the BMP: CJK, symbols) take no table.
                if lead >= 0xC2, lead <= 0xDF {
                    guard index + 1 < count, buffer[index + 1] & 0xC0 == 0x80 else { return index }
                    index += 2
                    continue
                }
                if lead >= 0xE1, lead <= 0xEF, lead != 0xED {
                    guard index + 2 < count, buffer[index + 1] & 0xC0 == 0x80, buffer[index + 2] & 0xC0 == 0x80 else {
                        return index
                    }
                    index += 3
                    continue
                }
                let length: Int
                var lower: UInt8 = 0x80
                var upper: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0:
                    length = 3
                    lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED:
                    length = 3
                    upper = 0x9F
                case 0xF0:
                    length = 4
                    lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4:
                    length = 4
                    upper = 0x8F
                default: return index
                }
                for offset in 1..<length {
                    guard index + offset < count else { return index }
                    let byte = buffer[index + offset]
                    let (low, high) = offset == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
                    guard byte >= low, byte <= high else { return index }
                }
                index += length
            }
            return nil
        }
    }
}
