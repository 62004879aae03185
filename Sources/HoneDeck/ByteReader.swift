/// Reads what `ByteWriter` wrote, from a buffer it does not own. Every read is bounds-checked
/// and gives nil past the end: a cache file cut short or damaged reads as a miss, never a crash.
struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    var offset: Int

    init(_ buffer: UnsafeRawBufferPointer, at offset: Int = 0) {
        self.buffer = buffer
        self.offset = offset
    }

    private mutating func take(_ count: Int) -> Int? {
        guard count >= 0, offset >= 0, count <= buffer.count - offset else { return nil }
        defer { offset += count }
        return offset
    }

    mutating func u8() -> UInt8? {
        guard let at = take(1) else { return nil }
        return buffer[at]
    }

    mutating func u32() -> UInt32? {
        guard let at = take(4) else { return nil }
        return UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: UInt32.self))
    }

    mutating func i64() -> Int64? {
        guard let at = take(8) else { return nil }
        return Int64(littleEndian: buffer.loadUnaligned(fromByteOffset: at, as: Int64.self))
    }

    mutating func string() -> String? {
        guard let length = u32(), let at = take(Int(length)) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[at..<at + Int(length)]), as: UTF8.self)
    }

    mutating func optional() -> String?? {
        switch u8() {
        case 0: return .some(nil)
        case 1: return string().map { .some($0) }
        default: return nil
        }
    }

    mutating func strings() -> [String]? {
        guard let count = u32(), Int(count) <= buffer.count - offset else { return nil }
        var values: [String] = []
        values.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let value = string() else { return nil }
            values.append(value)
        }
        return values
    }
}
