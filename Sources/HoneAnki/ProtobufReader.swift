/// Just enough of protobuf's wire format to read the few fields hone needs from Anki's blobs (a
/// note type's config, a template's, a deck's kind, the package's `meta`): varints and
/// length-delimited values, every other field skipped by its wire type. The bytes come from
/// files people download: a truncated or ill-formed message ends the reading with `nil`, never
/// a trap.
struct ProtobufReader {
    /// A field's value as it is on the wire; fixed-width values are skipped, hone reads none.
    enum Value {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed

        var integer: UInt64? { if case .varint(let value) = self { value } else { nil } }

        /// A length-delimited value as text (UTF-8, ill-formed sequences replaced).
        var text: String? { if case .bytes(let value) = self { String(decoding: value, as: UTF8.self) } else { nil } }
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        self.bytes = ArraySlice(bytes)
        position = self.bytes.startIndex
    }

    /// Every field in order, `nil` when the message is ill-formed.
    static func fields<Bytes: Collection<UInt8>>(of bytes: Bytes) -> [(number: UInt64, value: Value)]? {
        var reader = ProtobufReader(bytes)
        var fields: [(number: UInt64, value: Value)] = []
        while !reader.isAtEnd {
            guard let field = reader.nextField() else { return nil }
            fields.append(field)
        }
        return fields
    }

    var isAtEnd: Bool { position >= bytes.endIndex }

    mutating func nextField() -> (number: UInt64, value: Value)? {
        guard let key = readVarint() else { return nil }
        let number = key >> 3
        guard number > 0 else { return nil }
        switch key & 7 {
        case 0:
            guard let value = readVarint() else { return nil }
            return (number, .varint(value))
        case 1:
            return skip(8) ? (number, .fixed) : nil
        case 2:
            guard let length = readVarint(), length <= UInt64(bytes.endIndex - position) else { return nil }
            let start = position
            position += Int(length)
            return (number, .bytes(bytes[start..<position]))
        case 5:
            return skip(4) ? (number, .fixed) : nil
        default:
            // Groups (3, 4) are long deprecated and Anki writes none; 6 and 7 are not wire types.
            return nil
        }
    }

    private mutating func skip(_ count: Int) -> Bool {
        guard bytes.endIndex - position >= count else { return false }
        position += count
        return true
    }

    /// A base-128 varint, at most ten bytes.
    private mutating func readVarint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.endIndex, shift < 64 {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
