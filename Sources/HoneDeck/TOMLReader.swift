/// What reading one file gives: the document, or `nil` when the file has a syntax error,
/// and every diagnostic found in it.
public struct TOMLParseResult: Sendable {
    public var document: TOMLTable?
    public var diagnostics: [Diagnostic]
}

/// Reads the TOML subset of `deck-format.md` from UTF-8 bytes in one pass, reporting every
/// error of the file (it goes on at the next line after each one).
public enum TOMLReader {
    /// Deck files larger than this are refused (positions are kept in 32 bits).
    public static let maximumFileSize = 1 << 30

    public static func parse(_ bytes: [UInt8]) -> TOMLParseResult {
        parse(bytes, streaming: nil, into: { _ in })
    }

    /// Reads `bytes`; when `streaming` names an array of tables, each of its tables is handed
    /// to `consume` as soon as it is complete instead of being kept in the document (which then
    /// holds an empty array under that name), so a large deck is checked in little memory.
    public static func parse(
        _ bytes: [UInt8], streaming: String?, into consume: (TOMLTable) -> Void
    ) -> TOMLParseResult {
        let source = SourceText(bytes: bytes)
        guard bytes.count <= maximumFileSize else {
            let message = "the file is larger than \(maximumFileSize >> 20) MiB; split it into several decks"
            return TOMLParseResult(document: nil, diagnostics: [Diagnostic(.error, line: 1, column: 1, message)])
        }
        // Every ill-formed UTF-8 sequence is an error; the rest of the file is still read for
        // its other errors, but a file that is not UTF-8 has no document.
        var encodingErrors: [Diagnostic] = []
        var line = 1
        var lineCounted = 0
        for bad in UTF8Check.invalidSequences(in: bytes) {
            line += bytes[lineCounted..<bad].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            lineCounted = bad
            let hex = String(bytes[bad], radix: 16, uppercase: true)
            let message =
                "invalid UTF-8: the bytes from 0x\(hex.count == 1 ? "0" + hex : hex) on are not a character; "
                + "save the file as UTF-8"
            encodingErrors.append(source.diagnostic(.error, at: SourcePosition(offset: bad, line: line), message))
        }
        if !encodingErrors.isEmpty {
            var result = bytes.withUnsafeBufferPointer { buffer in
                var parser = TOMLParser(buffer: buffer, source: source, streaming: nil)
                return parser.parseDocument { _ in }
            }
            let encodingLines = Set(encodingErrors.map(\.line))
            // A line with a broken character reports only that: whatever else is said about it
            // would be about bytes that are not text.
            result.diagnostics = (encodingErrors + result.diagnostics.filter { !encodingLines.contains($0.line) })
                .sorted()
            result.document = nil
            return result
        }
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = TOMLParser(buffer: buffer, source: source, streaming: streaming)
            return parser.parseDocument(consume)
        }
    }
}

/// A syntax error found while reading, and where reading should go on.
struct TOMLSyntaxError: Error {
    var position: SourcePosition
    var message: String
    /// Where to resume after reporting; `nil` means the start of the next line.
    var resume: SourcePosition?
}

private enum Byte {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let hash = UInt8(ascii: "#")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let backslash = UInt8(ascii: "\\")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let equals = UInt8(ascii: "=")
    static let comma = UInt8(ascii: ",")
    static let dot = UInt8(ascii: ".")
    static let underscore = UInt8(ascii: "_")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let colon = UInt8(ascii: ":")

    static func isBareKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), underscore, minus:
            true
        default: false
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Bytes that may form a number, boolean, inf/nan or date token.
    static func isValueToken(_ byte: UInt8) -> Bool {
        isBareKey(byte) || byte == plus || byte == dot || byte == colon
    }

    /// Control characters TOML forbids in strings and comments (tab is allowed).
    static func isForbiddenControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != tab) || byte == 0x7F
    }
}

/// The parser's state: a cursor over the bytes, the line it is on, and the tables built so far.
struct TOMLParser {
    private let buffer: UnsafeBufferPointer<UInt8>
    private let source: SourceText
    private var index: Int
    private var line = 1
    private var diagnostics: [Diagnostic] = []
    private var hasSyntaxError = false
    /// Nesting depth of arrays, bounded so hostile input cannot exhaust the stack.
    private var depth = 0
    private static let maximumDepth = 100
    /// Reused for strings that contain escapes or line ends to normalise.
    private var scratch: [UInt8] = []

    /// What a top-level name stands for, to reject redefinitions.
    private enum TopLevel {
        case value(line: Int)
        case table(line: Int)
        case tableArray(line: Int)
    }

    /// Where the key/value pairs being read go.
    private enum Target {
        case root
        case table(String)
        case tableArrayElement(String)
    }

    private var root: TOMLTable
    private var current: TOMLTable
    private var target = Target.root
    // Keyed by bytes: TOML keys differ when their bytes do, even where Unicode calls two
    // spellings equivalent (Swift's String equality and hashing normalise).
    private var topLevel: [ExactKey: TopLevel] = [:]
    private var tables: [ExactKey: TOMLTable] = [:]
    private var tableArrays: [ExactKey: [TOMLNode]] = [:]

    /// The array of tables whose elements are handed out rather than kept.
    private let streaming: String?
    private var streamed: [TOMLTable] = []

    init(buffer: UnsafeBufferPointer<UInt8>, source: SourceText, streaming: String?) {
        self.buffer = buffer
        self.source = source
        self.streaming = streaming
        index = source.bomLength
        let start = SourcePosition(offset: source.bomLength, line: 1)
        root = TOMLTable(headerPosition: start)
        current = TOMLTable(headerPosition: start)
    }

    // MARK: - Document

    mutating func parseDocument(_ consume: (TOMLTable) -> Void) -> TOMLParseResult {
        while index < buffer.count {
            do throws(TOMLSyntaxError) {
                try parseLine()
            } catch {
                report(error)
            }
            // Hand out finished tables between lines, where no nested state is open.
            if !streamed.isEmpty {
                for table in streamed { consume(table) }
                streamed.removeAll(keepingCapacity: true)
            }
        }
        flushCurrent()
        for table in streamed { consume(table) }
        for (offset, entry) in root.entries.enumerated() {
            if let table = tables[ExactKey(entry.key)] {
                root.entries[offset].node.value = .table(table)
            } else if let elements = tableArrays[ExactKey(entry.key)] {
                root.entries[offset].node.value = .array(elements)
            }
        }
        diagnostics.sort()
        return TOMLParseResult(document: hasSyntaxError ? nil : root, diagnostics: diagnostics)
    }

    private mutating func report(_ error: TOMLSyntaxError) {
        hasSyntaxError = true
        diagnostics.append(source.diagnostic(.error, at: error.position, error.message))
        if diagnostics.count >= DiagnosticLimit.perFile {
            diagnostics.append(source.diagnostic(.error, at: error.position, DiagnosticLimit.message))
            index = buffer.count
            return
        }
        if let resume = error.resume {
            index = resume.offset
            line = resume.line
        } else {
            skipToNextLine()
        }
    }

    private mutating func skipToNextLine() {
        while index < buffer.count {
            let byte = buffer[index]
            index += 1
            if byte == Byte.newline {
                line += 1
                return
            }
        }
    }

    /// One line of the document: blank, a comment, a header, or a key/value pair.
    private mutating func parseLine() throws(TOMLSyntaxError) {
        skipSpaces()
        guard index < buffer.count else { return }
        let byte = buffer[index]
        if byte == Byte.openBracket {
            try parseHeader()
        } else if Byte.isBareKey(byte) || byte == Byte.quote || byte == Byte.apostrophe {
            try parseKeyValue()
        } else if byte == Byte.hash || byte == Byte.newline || byte == Byte.carriageReturn {
            try expectLineEnd(after: nil)
        } else {
            throw error("expected a key, a [table] header or a comment, found \(describe(at: index))")
        }
    }

    /// After a value or header: spaces, an optional comment, then a line end or the file end.
    /// What a line holds before its end, named in the error only when there is one (building
    /// the words for every line would cost more than reading it).
    private enum LineContent {
        case header
        case value(of: String)
    }

    private mutating func expectLineEnd(after content: LineContent?) throws(TOMLSyntaxError) {
        skipSpaces()
        guard index < buffer.count else { return }
        switch buffer[index] {
        case Byte.hash:
            try skipComment()
            try consumeLineEnd()
        case Byte.newline, Byte.carriageReturn:
            try consumeLineEnd()
        default:
            let expected: String =
                switch content {
                case nil: "expected end of line"
                case .header: "expected end of line after the header"
                case .value(let key): "expected end of line after the value of \(quoted(key))"
                }
            throw error("\(expected), found \(describe(at: index))\(strayQuoteAdvice())")
        }
    }

    /// When text follows a string on its line, the string most likely ended at a quote meant
    /// to be part of it: say so, and how to write one.
    private func strayQuoteAdvice() -> String {
        guard index > 0, index < buffer.count, Byte.isBareKey(buffer[index]) || buffer[index] >= 0x80 else { return "" }
        switch buffer[index - 1] {
        case Byte.apostrophe:
            return "; the string ended at the ' before it: put text holding an apostrophe in double quotes"
        case Byte.quote:
            return "; the string ended at the \" before it: write a quote inside a string as \\\""
        default:
            return ""
        }
    }

    /// Consumes `\n`, `\r\n` or the end of the file.
    private mutating func consumeLineEnd() throws(TOMLSyntaxError) {
        guard index < buffer.count else { return }
        if buffer[index] == Byte.carriageReturn {
            guard index + 1 < buffer.count, buffer[index + 1] == Byte.newline else {
                throw error("a carriage return must be followed by a line feed")
            }
            index += 1
        }
        if buffer[index] == Byte.newline {
            index += 1
            line += 1
        }
    }

    /// A comment up to (not including) its line end; control characters are not allowed in it.
    private mutating func skipComment() throws(TOMLSyntaxError) {
        index += 1
        while index < buffer.count {
            let byte = buffer[index]
            if byte == Byte.newline { return }
            if byte == Byte.carriageReturn, index + 1 < buffer.count, buffer[index + 1] == Byte.newline { return }
            if Byte.isForbiddenControl(byte) {
                throw error("control character \(describe(at: index)) is not allowed in a comment")
            }
            index += 1
        }
    }

    private mutating func skipSpaces() {
        while index < buffer.count, buffer[index] == Byte.space || buffer[index] == Byte.tab {
            index += 1
        }
    }

    // MARK: - Headers

    private mutating func parseHeader() throws(TOMLSyntaxError) {
        let start = position
        index += 1
        let isArray = index < buffer.count && buffer[index] == Byte.openBracket
        if isArray { index += 1 }
        skipSpaces()
        let (name, _) = try parseKey(in: isArray ? "an [[array]] header" : "a [table] header")
        skipSpaces()
        if index < buffer.count, buffer[index] == Byte.dot {
            throw error("dotted table names ([a.b]) are not supported in deck files; use one name per header")
        }
        let closing = isArray ? "]]" : "]"
        guard index < buffer.count, buffer[index] == Byte.closeBracket else {
            throw error("expected '\(closing)' to close the header, found \(describe(at: index))")
        }
        index += 1
        if isArray {
            guard index < buffer.count, buffer[index] == Byte.closeBracket else {
                throw error("expected ']]' to close the [[\(name)]] header, found \(describe(at: index))")
            }
            index += 1
        }
        try openSection(name, isArray: isArray, at: start)
        try expectLineEnd(after: .header)
    }

    private mutating func openSection(_ name: String, isArray: Bool, at start: SourcePosition) throws(TOMLSyntaxError) {
        // Another element of the array of tables being filled (a deck is mostly a run of
        // [[card]] headers): it is known to be valid without hashing its name.
        if isArray, case .tableArrayElement(let open) = target, ExactKey.sameBytes(open, name) {
            flushCurrent()
            startTable(name, isArray: isArray, at: start)
            return
        }
        switch (topLevel[ExactKey(name)], isArray) {
        case (nil, _):
            topLevel[ExactKey(name)] = isArray ? .tableArray(line: start.line) : .table(line: start.line)
            flushCurrent()
            // A streamed array stays in the document, empty: made here, once, rather than
            // looked up at the end of each of its tables.
            if isArray, name == streaming { tableArrays[ExactKey(name)] = [] }
            root.entries.append(.init(key: name, keyPosition: start, node: TOMLNode(.boolean(false), at: start)))
        case (.tableArray, true):
            flushCurrent()
        case (.table(let first), false):
            throw error("table [\(name)] is already defined on line \(first)", at: start)
        case (.table(let first), true):
            throw error("[[\(name)]] cannot extend the table [\(name)] defined on line \(first)", at: start)
        case (.tableArray(let first), false):
            throw error("[\(name)] redefines the array of tables [[\(name)]] started on line \(first)", at: start)
        case (.value(let first), _):
            throw error("\(name) is already defined on line \(first) as a value, not a table", at: start)
        }
        startTable(name, isArray: isArray, at: start)
    }

    private mutating func startTable(_ name: String, isArray: Bool, at start: SourcePosition) {
        current = TOMLTable(headerPosition: start)
        // Room for a typical card's keys, so that filling it does not reallocate.
        current.entries.reserveCapacity(6)
        largeTableIndex = nil
        target = isArray ? .tableArrayElement(name) : .table(name)
    }

    /// Moves the table being filled to where it belongs.
    private mutating func flushCurrent() {
        let finished = current
        current = TOMLTable(headerPosition: position)
        largeTableIndex = nil
        switch target {
        case .root:
            root.entries = finished.entries
        case .table(let name):
            tables[ExactKey(name)] = finished
        case .tableArrayElement(let name) where name == streaming:
            streamed.append(finished)
        case .tableArrayElement(let name):
            tableArrays[ExactKey(name), default: []].append(TOMLNode(.table(finished), at: finished.headerPosition))
        }
    }

    // MARK: - Keys and values

    private mutating func parseKeyValue() throws(TOMLSyntaxError) {
        let keyPosition = position
        let (key, _) = try parseKey(in: "a key")
        skipSpaces()
        guard index < buffer.count, buffer[index] == Byte.equals else {
            if index < buffer.count, buffer[index] == Byte.dot {
                throw error("dotted keys (a.b = ...) are not supported in deck files; use a [table] header")
            }
            throw error("expected '=' after the key \(quoted(key)), found \(describe(at: index))")
        }
        index += 1
        skipSpaces()
        let node = try parseValue()
        if let existing = indexOfCurrentKey(key) {
            let first = current.entries[existing].keyPosition.line
            throw error("duplicate key \(quoted(key)) (first defined on line \(first))", at: keyPosition)
        }
        if case .root = target {
            topLevel[ExactKey(key)] = .value(line: keyPosition.line)
        }
        current.entries.append(.init(key: key, keyPosition: keyPosition, node: node))
        if largeTableIndex != nil || current.entries.count > 16 { indexCurrentKeys() }
        try expectLineEnd(after: .value(of: key))
    }

    private mutating func parseKey(in context: String) throws(TOMLSyntaxError) -> (String, SourcePosition) {
        let start = position
        guard index < buffer.count else {
            throw error("expected \(context), found end of file")
        }
        let byte = buffer[index]
        if byte == Byte.quote || byte == Byte.apostrophe {
            if index + 2 < buffer.count, buffer[index + 1] == byte, buffer[index + 2] == byte {
                throw error("a key cannot be a multi-line string")
            }
            let key = byte == Byte.quote ? try parseBasicString() : try parseLiteralString()
            return (key, start)
        }
        var end = index
        while end < buffer.count, Byte.isBareKey(buffer[end]) { end += 1 }
        guard end > index else {
            throw error("expected \(context), found \(describe(at: index))")
        }
        let key = String(decoding: UnsafeBufferPointer(rebasing: buffer[index..<end]), as: UTF8.self)
        index = end
        return (key, start)
    }

    private mutating func parseValue() throws(TOMLSyntaxError) -> TOMLNode {
        let start = position
        guard index < buffer.count else {
            throw error("expected a value after '=', found end of file")
        }
        let byte = buffer[index]
        switch byte {
        case Byte.quote:
            if index + 2 < buffer.count, buffer[index + 1] == Byte.quote, buffer[index + 2] == Byte.quote {
                return TOMLNode(.string(try parseMultilineBasicString()), at: start)
            }
            return TOMLNode(.string(try parseBasicString()), at: start)
        case Byte.apostrophe:
            if index + 2 < buffer.count, buffer[index + 1] == Byte.apostrophe, buffer[index + 2] == Byte.apostrophe {
                return TOMLNode(.string(try parseMultilineLiteralString()), at: start)
            }
            return TOMLNode(.string(try parseLiteralString()), at: start)
        case Byte.openBracket:
            return try parseArray()
        case Byte.openBrace:
            throw error("inline tables ({ ... }) are not supported in deck files; use a [table] header")
        case Byte.newline, Byte.carriageReturn, Byte.hash:
            throw error("expected a value after '=', found \(describe(at: index))")
        default:
            guard Byte.isValueToken(byte) else {
                throw error("expected a value (a string, number, boolean or array), found \(describe(at: index))")
            }
            return TOMLNode(try parseScalarToken(), at: start)
        }
    }

    private mutating func parseArray() throws(TOMLSyntaxError) -> TOMLNode {
        let start = position
        depth += 1
        defer { depth -= 1 }
        guard depth <= TOMLParser.maximumDepth else {
            throw error("arrays are nested too deeply (more than \(TOMLParser.maximumDepth) levels)")
        }
        index += 1
        var elements: [TOMLNode] = []
        var expectingValue = true
        while true {
            let crossedLine = try skipArrayFiller(openedAt: start)
            guard index < buffer.count else {
                throw error("unterminated array: missing ']'", at: start, resume: position)
            }
            let byte = buffer[index]
            if byte == Byte.closeBracket {
                index += 1
                return TOMLNode(.array(elements), at: start)
            }
            if expectingValue {
                if byte == Byte.comma {
                    throw error("expected a value or ']' in the array, found ','")
                }
                if crossedLine, looksLikeLineStart() {
                    throw unterminatedArray(start)
                }
                let element = try parseValue()
                // Deck arrays hold a few elements: one allocation instead of growing 1, 2, 4.
                if elements.isEmpty { elements.reserveCapacity(4) }
                elements.append(element)
                expectingValue = false
            } else if byte == Byte.comma {
                index += 1
                expectingValue = true
            } else if crossedLine, looksLikeLineStart() {
                throw unterminatedArray(start)
            } else {
                throw error("expected ',' or ']' after an array element, found \(describe(at: index))")
            }
        }
    }

    /// An array whose closing bracket is missing is reported at its opening one; reading goes
    /// on at the line where the array evidently stopped.
    /// Deck tables hold a handful of keys, searched in a line; a table grown large gets a hash
    /// index, so that a hostile file of thousands of keys is not read in quadratic time.
    private var largeTableIndex: [ExactKey: Int]?

    private func indexOfCurrentKey(_ key: String) -> Int? {
        if let largeTableIndex { return largeTableIndex[ExactKey(key)] }
        return current.index(of: key)
    }

    private mutating func indexCurrentKeys() {
        if largeTableIndex == nil {
            var index: [ExactKey: Int] = [:]
            for (offset, entry) in current.entries.enumerated() { index[ExactKey(entry.key)] = offset }
            largeTableIndex = index
        } else if let last = current.entries.last {
            largeTableIndex?[ExactKey(last.key)] = current.entries.count - 1
        }
    }

    private func unterminatedArray(_ start: SourcePosition) -> TOMLSyntaxError {
        let lineStart = source.lineStart(of: index)
        return TOMLSyntaxError(
            position: start, message: "unterminated array: missing ']'",
            resume: SourcePosition(offset: lineStart, line: line))
    }

    /// Whether the text at the cursor reads like the start of a document line (`key =`, or a
    /// `[header]` alone on its line): the sign that an array above ended without its `]`.
    private func looksLikeLineStart() -> Bool {
        var probe = index
        if buffer[probe] == Byte.openBracket {
            probe += 1
            if probe < buffer.count, buffer[probe] == Byte.openBracket { probe += 1 }
            let nameStart = probe
            while probe < buffer.count, Byte.isBareKey(buffer[probe]) { probe += 1 }
            guard probe > nameStart, !Byte.isDigit(buffer[nameStart]), buffer[nameStart] != Byte.minus else {
                return false
            }
            let name = makeString(nameStart, probe)
            guard !["true", "false", "inf", "nan"].contains(name) else { return false }
            while probe < buffer.count, buffer[probe] == Byte.closeBracket { probe += 1 }
            while probe < buffer.count, buffer[probe] == Byte.space || buffer[probe] == Byte.tab { probe += 1 }
            return probe >= buffer.count || [Byte.newline, Byte.carriageReturn, Byte.hash].contains(buffer[probe])
        }
        while probe < buffer.count, Byte.isBareKey(buffer[probe]) { probe += 1 }
        guard probe > index else { return false }
        while probe < buffer.count, buffer[probe] == Byte.space || buffer[probe] == Byte.tab { probe += 1 }
        return probe < buffer.count && buffer[probe] == Byte.equals
    }

    /// Spaces, line ends and comments between array elements. Returns whether a line was crossed.
    private mutating func skipArrayFiller(openedAt start: SourcePosition) throws(TOMLSyntaxError) -> Bool {
        var crossed = false
        while index < buffer.count {
            switch buffer[index] {
            case Byte.space, Byte.tab:
                index += 1
            case Byte.newline, Byte.carriageReturn:
                try consumeLineEnd()
                crossed = true
            case Byte.hash:
                try skipComment()
            default:
                return crossed
            }
        }
        return crossed
    }

    // MARK: - Strings

    private mutating func parseBasicString() throws(TOMLSyntaxError) -> String {
        let start = position
        index += 1
        let contentStart = index
        var hasEscapes = false
        while true {
            let runStart = index
            index = endOfPlainText(from: index, quote: Byte.quote, stopsAtBackslash: true)
            if hasEscapes { appendToScratch(runStart, index) }
            guard index < buffer.count else { break }
            let byte = buffer[index]
            if byte == Byte.quote {
                let string: String
                if hasEscapes {
                    string = String(decoding: scratch, as: UTF8.self)
                } else {
                    string = makeString(contentStart, index)
                }
                index += 1
                return string
            }
            if byte == Byte.backslash {
                if !hasEscapes {
                    hasEscapes = true
                    scratch.removeAll(keepingCapacity: true)
                    appendToScratch(contentStart, index)
                }
                try parseEscape(allowLineEnding: false)
                continue
            }
            if byte == Byte.newline || isLineEnd(at: index) {
                throw error("unterminated string: missing closing '\"' before the end of the line", at: start)
            }
            if Byte.isForbiddenControl(byte) {
                throw error(
                    "control character \(describe(at: index)) is not allowed in a string; "
                        + "write it as an escape such as \\u0007"
                )
            }
            // A tab: the one control character strings allow (the word scan stops at all of them).
            if hasEscapes { scratch.append(byte) }
            index += 1
        }
        throw error("unterminated string: missing closing '\"'", at: start)
    }

    private mutating func parseLiteralString() throws(TOMLSyntaxError) -> String {
        let start = position
        index += 1
        let contentStart = index
        while true {
            index = endOfPlainText(from: index, quote: Byte.apostrophe, stopsAtBackslash: false)
            guard index < buffer.count else { break }
            let byte = buffer[index]
            if byte == Byte.apostrophe {
                let string = makeString(contentStart, index)
                index += 1
                return string
            }
            if byte == Byte.newline || isLineEnd(at: index) {
                throw error("unterminated string: missing closing \"'\" before the end of the line", at: start)
            }
            if Byte.isForbiddenControl(byte) {
                throw error("control character \(describe(at: index)) is not allowed in a string")
            }
            // A tab, allowed in strings.
            index += 1
        }
        throw error("unterminated string: missing closing \"'\"", at: start)
    }

    private mutating func parseMultilineBasicString() throws(TOMLSyntaxError) -> String {
        let start = position
        index += 3
        try skipFirstLineEnd()
        scratch.removeAll(keepingCapacity: true)
        while true {
            let runStart = index
            index = endOfPlainText(from: index, quote: Byte.quote, stopsAtBackslash: true)
            appendToScratch(runStart, index)
            guard index < buffer.count else { break }
            let byte = buffer[index]
            switch byte {
            case Byte.quote:
                if closeMultiline(quote: Byte.quote) {
                    return String(decoding: scratch, as: UTF8.self)
                }
            case Byte.backslash:
                try parseEscape(allowLineEnding: true)
            case Byte.newline, Byte.carriageReturn:
                try appendLineEnd()
            default:
                if Byte.isForbiddenControl(byte) {
                    throw error(
                        "control character \(describe(at: index)) is not allowed in a string; "
                            + "write it as an escape such as \\u0007"
                    )
                }
                scratch.append(byte)
                index += 1
            }
        }
        throw error("unterminated multi-line string: missing closing '\"\"\"'", at: start, resume: position)
    }

    private mutating func parseMultilineLiteralString() throws(TOMLSyntaxError) -> String {
        let start = position
        index += 3
        try skipFirstLineEnd()
        scratch.removeAll(keepingCapacity: true)
        while true {
            let runStart = index
            index = endOfPlainText(from: index, quote: Byte.apostrophe, stopsAtBackslash: false)
            appendToScratch(runStart, index)
            guard index < buffer.count else { break }
            let byte = buffer[index]
            switch byte {
            case Byte.apostrophe:
                if closeMultiline(quote: Byte.apostrophe) {
                    return String(decoding: scratch, as: UTF8.self)
                }
            case Byte.newline, Byte.carriageReturn:
                try appendLineEnd()
            default:
                if Byte.isForbiddenControl(byte) {
                    throw error("control character \(describe(at: index)) is not allowed in a string")
                }
                scratch.append(byte)
                index += 1
            }
        }
        throw error("unterminated multi-line string: missing closing \"'''\"", at: start, resume: position)
    }

    /// A line end right after the opening delimiter is not part of the string.
    private mutating func skipFirstLineEnd() throws(TOMLSyntaxError) {
        guard index < buffer.count else { return }
        if buffer[index] == Byte.newline || buffer[index] == Byte.carriageReturn {
            try consumeLineEnd()
        }
    }

    /// A line end inside a multi-line string reads as `\n`, whether the file uses LF or CRLF.
    private mutating func appendLineEnd() throws(TOMLSyntaxError) {
        try consumeLineEnd()
        scratch.append(Byte.newline)
    }

    /// At a run of quotes in a multi-line string: up to two quotes may stand right before the
    /// closing three. Returns whether the string closed.
    private mutating func closeMultiline(quote: UInt8) -> Bool {
        var run = 0
        while index + run < buffer.count, buffer[index + run] == quote { run += 1 }
        if run >= 3 {
            let content = min(run - 3, 2)
            for _ in 0..<content { scratch.append(quote) }
            index += content + 3
            return true
        }
        for _ in 0..<run { scratch.append(quote) }
        index += run
        return false
    }

    /// An escape in a basic string, appended to `scratch`. In multi-line strings a backslash at
    /// the end of a line joins it to the next non-blank text.
    private mutating func parseEscape(allowLineEnding: Bool) throws(TOMLSyntaxError) {
        let start = position
        index += 1
        guard index < buffer.count else {
            throw error("unterminated escape at the end of the file", at: start)
        }
        let byte = buffer[index]
        switch byte {
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case Byte.quote: scratch.append(Byte.quote)
        case Byte.backslash: scratch.append(Byte.backslash)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = byte == UInt8(ascii: "u") ? 4 : 8
            try parseUnicodeEscape(digits: count, at: start)
            return
        case Byte.space, Byte.tab, Byte.newline, Byte.carriageReturn:
            // A line-ending backslash joins lines, in multi-line strings only.
            guard allowLineEnding else {
                throw error(
                    "invalid escape: a backslash at the end of a line joins lines only in a "
                        + "\"\"\"multi-line\"\"\" string",
                    at: start)
            }
            var probe = index
            while probe < buffer.count, buffer[probe] == Byte.space || buffer[probe] == Byte.tab { probe += 1 }
            guard probe < buffer.count, buffer[probe] == Byte.newline || buffer[probe] == Byte.carriageReturn else {
                throw error("invalid escape: a backslash followed by spaces must end the line", at: start)
            }
            index = probe
            while index < buffer.count {
                let next = buffer[index]
                if next == Byte.space || next == Byte.tab {
                    index += 1
                } else if next == Byte.newline || next == Byte.carriageReturn {
                    try consumeLineEnd()
                } else {
                    break
                }
            }
            return
        default:
            let shown = describe(at: index)
            throw error(
                "invalid escape '\\' followed by \(shown); "
                    + "TOML 1.0 allows \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX",
                at: start)
        }
        index += 1
    }

    private mutating func parseUnicodeEscape(digits count: Int, at start: SourcePosition) throws(TOMLSyntaxError) {
        index += 1
        var value: UInt32 = 0
        for offset in 0..<count {
            guard index + offset < buffer.count, let digit = hexValue(buffer[index + offset]) else {
                let form = count == 4 ? "\\uXXXX" : "\\UXXXXXXXX"
                throw error("invalid escape: \(form) needs exactly \(count) hexadecimal digits", at: start)
            }
            value = value &* 16 &+ UInt32(digit)
        }
        guard let scalar = Unicode.Scalar(value) else {
            let hex = String(value, radix: 16, uppercase: true)
            throw error("invalid escape: U+\(hex) is not a Unicode scalar value", at: start)
        }
        index += count
        scratch.append(contentsOf: String(scalar).utf8)
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 0x30
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 0x61 + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 0x41 + 10
        default: nil
        }
    }

    // MARK: - Numbers, booleans, and what is left out

    private mutating func parseScalarToken() throws(TOMLSyntaxError) -> TOMLValue {
        let start = index
        var end = index
        while end < buffer.count, Byte.isValueToken(buffer[end]) { end += 1 }
        let token = UnsafeBufferPointer(rebasing: buffer[start..<end])
        switch TOMLScalar.read(token) {
        case .value(let value):
            index = end
            return value
        case .failure(let offset, let message):
            index = start + offset
            throw error(message)
        }
    }

    // MARK: - Positions and messages

    private var position: SourcePosition { SourcePosition(offset: index, line: line) }

    /// A CRLF line end at `offset` (a carriage return alone is a control character).
    private func isLineEnd(at offset: Int) -> Bool {
        buffer[offset] == Byte.carriageReturn && offset + 1 < buffer.count && buffer[offset + 1] == Byte.newline
    }

    private func error(_ message: String, at start: SourcePosition? = nil, resume: SourcePosition? = nil)
        -> TOMLSyntaxError
    {
        TOMLSyntaxError(position: start ?? position, message: message, resume: resume)
    }

    /// Where the plain text of a string starting at `start` ends: the first `quote`, backslash
    /// (when `stopsAtBackslash`), control character or DEL, or the end of the buffer. Most bytes
    /// of a deck are string contents, so this tests eight bytes at a time.
    private func endOfPlainText(from start: Int, quote: UInt8, stopsAtBackslash: Bool) -> Int {
        var offset = start
        if let base = buffer.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highBits: UInt64 = 0x8080_8080_8080_8080
            let quotes = ones &* UInt64(quote)
            // Without backslashes, search for the quote twice rather than branch in the loop.
            let backslashes = ones &* UInt64(stopsAtBackslash ? Byte.backslash : quote)
            let deletes = ones &* 0x7F
            let spaces = ones &* 0x20
            // Classic SWAR tests: the high bit of a byte of `(x - 0x01..) & ~x` is set where x
            // has a zero byte (and `(x - 0x20..) & ~x` where it has a byte below 0x20). Bytes
            // above the first match may be flagged wrongly, so only the lowest flag is used.
            func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }
            while offset + 8 <= buffer.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
                let stops =
                    (zeroBytes(word ^ quotes) | zeroBytes(word ^ backslashes) | zeroBytes(word ^ deletes)
                        | ((word &- spaces) & ~word)) & highBits
                if stops != 0 {
                    return offset + stops.trailingZeroBitCount / 8
                }
                offset += 8
            }
        }
        while offset < buffer.count {
            let byte = buffer[offset]
            if byte == quote || (stopsAtBackslash && byte == Byte.backslash) || byte < 0x20 || byte == 0x7F {
                return offset
            }
            offset += 1
        }
        return offset
    }

    private mutating func appendToScratch(_ from: Int, _ to: Int) {
        if from < to { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[from..<to])) }
    }

    private func makeString(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[from..<to]), as: UTF8.self)
    }

    /// What stands at `offset`, for "found ..." in messages.
    private func describe(at offset: Int) -> String {
        guard offset < buffer.count else { return "end of file" }
        let byte = buffer[offset]
        switch byte {
        case Byte.newline: return "end of line"
        case Byte.carriageReturn:
            return offset + 1 < buffer.count && buffer[offset + 1] == Byte.newline ? "end of line" : "a carriage return"
        case Byte.tab: return "a tab"
        case 0..<0x20, 0x7F: return "U+" + hex4(UInt32(byte))
        case 0x20..<0x7F: return "'\(Character(Unicode.Scalar(byte)))'"
        default:
            var end = offset + 1
            while end < buffer.count, buffer[end] & 0xC0 == 0x80 { end += 1 }
            return "'\(makeString(offset, end))'"
        }
    }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private func quoted(_ key: String) -> String { "\"\(key)\"" }
}
