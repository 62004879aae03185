import HoneCore

/// Writes TOML documents and diagnostics as JSON, the way a TOML parser's result would be
/// dumped: tables as objects, integers as integers, floats always with a `.` or an exponent,
/// and `Infinity`, `-Infinity`, `NaN` as bare tokens (what Python's json module reads).
public struct JSONWriter {
    public private(set) var output: [UInt8] = []

    public init() {
        output.reserveCapacity(1 << 16)
    }

    public var text: String { String(decoding: output, as: UTF8.self) }

    public mutating func raw(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    /// `value` as a JSON string. Besides what JSON requires (quotes, backslashes, C0 controls),
    /// every character `PrintableText` refuses (DEL, the C1 controls, the bidirectional marks
    /// and overrides) is written as a `\u` escape: the text is the same to a JSON reader, and a
    /// terminal or editor that shows the output shows the escape instead of obeying it.
    public mutating func string(_ value: String) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { append(escaping: $0) }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func append(escaping bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20, 0x7F: unicodeEscape(UInt32(byte))
            case 0x20..<0x7F: output.append(byte)
            default:
                // A String's bytes are valid UTF-8: the lead byte gives the length.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (byte >= 0xF0 ? 0x07 : byte >= 0xE0 ? 0x0F : 0x1F)
                for offset in 1..<length where index + offset < bytes.count {
                    value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
                }
                if let scalar = Unicode.Scalar(value), PrintableText.isHidden(scalar) {
                    unicodeEscape(value)
                } else {
                    output.append(
                        contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<min(index + length, bytes.count)]))
                }
                index += length
                continue
            }
            index += 1
        }
    }

    /// `\u` and four hex digits: every character escaped here is in the Basic Multilingual Plane.
    private mutating func unicodeEscape(_ value: UInt32) {
        let hex = String(value, radix: 16)
        raw("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex)
    }

    /// A 32-bit float as the shortest text that reads back as it ("2.3065", not the digits of
    /// its widening to a Double); null when it is not finite.
    public mutating func float(_ value: Float) {
        raw(value.isFinite ? value.description : "null")
    }

    public mutating func float(_ value: Double) {
        if value.isNaN {
            raw("NaN")
        } else if value.isInfinite {
            raw(value < 0 ? "-Infinity" : "Infinity")
        } else {
            // Swift's description is the shortest text that reads back as the same Double,
            // and always has a '.' or an exponent ("1.0", "1e+16", "5e-324").
            raw(value.description)
        }
    }

    /// Writes `items` as an array, each element by `body`.
    public mutating func array<S: Sequence>(_ items: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        output.append(UInt8(ascii: "["))
        for (offset, item) in items.enumerated() {
            if offset > 0 { output.append(UInt8(ascii: ",")) }
            body(&self, item)
        }
        output.append(UInt8(ascii: "]"))
    }

    public mutating func value(_ value: TOMLValue) {
        switch value {
        case .string(let string): self.string(string)
        case .integer(let integer): raw(String(integer))
        case .float(let double): float(double)
        case .boolean(let bool): raw(bool ? "true" : "false")
        case .array(let nodes):
            output.append(UInt8(ascii: "["))
            for (offset, node) in nodes.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                self.value(node.value)
            }
            output.append(UInt8(ascii: "]"))
        case .table(let table): self.table(table)
        }
    }

    public mutating func table(_ table: TOMLTable) {
        output.append(UInt8(ascii: "{"))
        for (offset, entry) in table.entries.enumerated() {
            if offset > 0 { output.append(UInt8(ascii: ",")) }
            string(entry.key)
            output.append(UInt8(ascii: ":"))
            value(entry.node.value)
        }
        output.append(UInt8(ascii: "}"))
    }

    public mutating func diagnostic(_ diagnostic: Diagnostic) {
        raw("{\"severity\":\"\(diagnostic.severity.rawValue)\",\"line\":\(diagnostic.line)")
        raw(",\"column\":\(diagnostic.column),\"message\":")
        string(diagnostic.message)
        raw("}")
    }
}
