/// Little-endian integers and length-prefixed strings appended to a byte array: the deck
/// cache's encoding. Plain bytes rather than `Codable`, because a start-up reads a hundred
/// thousand cards' keys from it and must spend microseconds, not milliseconds.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func i64(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            u32(UInt32(truncatingIfNeeded: utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// An optional string: a flag byte, then the string when there is one.
    mutating func optional(_ value: String?) {
        u8(value == nil ? 0 : 1)
        if let value { string(value) }
    }

    mutating func strings(_ values: [String]) {
        u32(UInt32(truncatingIfNeeded: values.count))
        for value in values { string(value) }
    }

    /// Overwrites four bytes written earlier (an offset known only later).
    mutating func patch(u32 value: UInt32, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
        }
    }

    /// Overwrites eight bytes written earlier (a checksum of what follows them).
    mutating func patch(u64 value: UInt64, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
        }
    }
}
