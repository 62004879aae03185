/// A file's bytes, with the few questions diagnostics ask of them: the column of an offset,
/// and the text of a line.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// 3 when the file starts with a UTF-8 byte order mark, which is skipped and never counted.
    public let bomLength: Int

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The byte offset where the line holding `offset` begins.
    public func lineStart(of offset: Int) -> Int {
        var start = min(offset, bytes.count)
        while start > bomLength, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return start
    }

    /// The 1-based column of `offset`, in Unicode scalars (every byte that is not a UTF-8
    /// continuation byte starts one).
    public func column(of offset: Int) -> Int {
        let start = lineStart(of: offset)
        var column = 1
        var index = start
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }

    public func diagnostic(
        _ severity: Diagnostic.Severity, at position: SourcePosition, _ message: String
    ) -> Diagnostic {
        Diagnostic(severity, line: position.line, column: column(of: position.offset), message, offset: position.offset)
    }

    /// The text of the line holding `offset`, without its line end (for display only).
    public func lineText(containing offset: Int) -> String {
        let start = lineStart(of: offset)
        var end = min(offset, bytes.count)
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The text of a 1-based line without its line end, decoded leniently (for display only).
    public func lineText(_ line: Int) -> String {
        var current = 1
        var index = bomLength
        while current < line, index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { current += 1 }
            index += 1
        }
        guard current == line else { return "" }
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > index, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }
}
