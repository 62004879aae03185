import HoneCore

/// RFC 4180 records read from a stream of chunks, strictly: a quote inside a field that does not
/// start with one, anything but a comma or the end of the line after a closing quote, a carriage
/// return that does not end a line, a quoted field the file ends inside, ill-formed UTF-8 and
/// every character `PrintableText` refuses (tab and, inside quotes, line feed excepted: the
/// reader of the fields decides where those may be) are problems with their line and column.
///
/// Memory stays bounded whatever the input: the file is read a chunk at a time, and a record
/// longer than `longestRecord` bytes or with more than `fieldLimit` fields is a problem, so a
/// gigabyte without a line break, or with a quote never closed, stops at the first megabyte.
///
/// Columns count characters (Unicode scalars) from 1, as the deck reader's do.
struct CSVRecords {
    struct Field {
        /// Where the field's text is in `bytes`, its quotes and doubled quotes undone.
        var range: Range<Int>
        var line: Int
        var column: Int
        /// Where its first tab or line feed is, if it has one.
        var layout: (line: Int, column: Int)?
    }

    /// The longest record taken, in bytes of the file: a log's rows are a few dozen bytes, and a
    /// drill's note a few hundred.
    static let longestRecord = 1 << 20

    /// The text of the current record's fields, one after another.
    private(set) var bytes: [UInt8] = []
    private(set) var fields: [Field] = []
    /// The line the current record starts on.
    private(set) var line = 1
    /// Where the current record ends (its line break or the end of the file).
    private(set) var end = (line: 1, column: 1)
    /// The most fields a record may have, and what to say of one that has more.
    var fieldLimit = (count: 1024, message: "more than 1024 fields on one line")
    /// The names of the columns, for messages that say which field holds a refused character.
    var names: [String] = []

    private let chunks: () -> [UInt8]
    private var buffer: [UInt8] = []
    private var index = 0
    private var ended = false
    private var started = false
    private var position = (line: 1, column: 1)
    private var budget = 0
    /// Where the quoted field being read opened, for the problems that concern it.
    private var openQuote: (line: Int, column: Int)?

    /// `chunks` gives the file's bytes a piece at a time, and an empty array at its end.
    init(chunks: @escaping () -> [UInt8]) {
        self.chunks = chunks
    }

    /// Reads the next record into `bytes` and `fields`; false at the end of the file.
    mutating func next() throws(ReviewLogCSV.Problem) -> Bool {
        bytes.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        if !started {
            started = true
            // A byte order mark, as spreadsheets write it, is not part of the first field.
            if available(3), buffer[index] == 0xEF, buffer[index + 1] == 0xBB, buffer[index + 2] == 0xBF { index += 3 }
        }
        guard available() else { return false }
        line = position.line
        budget = Self.longestRecord
        if plainLine() { return true }
        while true {
            guard fields.count < fieldLimit.count else { throw problem(fieldLimit.message) }
            let field = Field(range: bytes.count..<bytes.count, line: position.line, column: position.column)
            fields.append(field)
            if buffer[index] == Byte.quote {
                try quoted()
            } else {
                try plain()
            }
            fields[fields.count - 1].range = field.range.lowerBound..<bytes.count
            end = position
            guard available() else { return true }
            switch buffer[index] {
            case Byte.comma:
                try step(columns: 1)
                guard available() else {
                    // A comma then the end of the file: the last field is empty.
                    fields.append(Field(range: bytes.count..<bytes.count, line: position.line, column: position.column))
                    end = position
                    return true
                }
            case Byte.lineFeed:
                index += 1
                position = (position.line + 1, 1)
                return true
            case Byte.carriageReturn:
                guard available(2), buffer[index + 1] == Byte.lineFeed else {
                    throw problem("a carriage return (U+000D) that does not end a line")
                }
                index += 2
                position = (position.line + 1, 1)
                return true
            default:
                throw problem("expected ',' or the end of the line after the closing quote")
            }
        }
    }

    /// The common record, taken in one pass: a whole line in the buffer, of printable ASCII with
    /// no quote, split at its commas. False, with nothing taken, for any other; the general path
    /// then reads it (and says what is wrong with it).
    private mutating func plainLine() -> Bool {
        let start = index
        let line = position.line
        let most = fieldLimit.count
        // Through a pointer: a million rows pass here byte by byte, and bounds checks were a
        // third of the time.
        let stop: Int? = buffer.withUnsafeBufferPointer { buffer in
            var stop = start
            var fieldStart = 0
            while stop < buffer.count {
                let byte = buffer[stop]
                if byte == Byte.comma {
                    guard fields.count + 1 < most else { return nil }
                    fields.append(Field(range: fieldStart..<(stop - start), line: line, column: fieldStart + 1))
                    fieldStart = stop - start + 1
                } else if byte == Byte.lineFeed {
                    fields.append(Field(range: fieldStart..<(stop - start), line: line, column: fieldStart + 1))
                    return stop
                } else if byte < 0x20 || byte >= 0x7F || byte == Byte.quote {
                    return nil
                }
                stop += 1
            }
            return nil
        }
        guard let stop else {
            fields.removeAll(keepingCapacity: true)
            return false
        }
        bytes.append(contentsOf: buffer[start..<stop])
        end = (line, stop - start + 1)
        index = stop + 1
        position = (line + 1, 1)
        return true
    }

    /// A field that does not start with a quote: up to a comma, a line break or the end.
    private mutating func plain() throws(ReviewLogCSV.Problem) {
        while available() {
            try asciiRun(stoppingAtComma: true)
            guard available() else { return }
            switch buffer[index] {
            case Byte.comma, Byte.lineFeed, Byte.carriageReturn: return
            case Byte.quote:
                throw problem(
                    "a quote inside a field that does not start with one; "
                        + "quote the whole field and double the quote inside (\"\")")
            default: try special()
            }
        }
    }

    /// A field in quotes: up to the quote that is not doubled.
    private mutating func quoted() throws(ReviewLogCSV.Problem) {
        let open = position
        openQuote = open
        defer { openQuote = nil }
        try step(columns: 1)
        while true {
            try asciiRun(stoppingAtComma: false)
            guard available() else {
                throw ReviewLogCSV.Problem(
                    line: open.line, column: open.column,
                    message: "the quoted field that starts here is not closed: the file ends before its closing quote")
            }
            switch buffer[index] {
            case Byte.quote:
                if available(2), buffer[index + 1] == Byte.quote {
                    bytes.append(Byte.quote)
                    try step(bytes: 2, columns: 2)
                    continue
                }
                try step(columns: 1)
                return
            case Byte.lineFeed:
                if fields[fields.count - 1].layout == nil { fields[fields.count - 1].layout = position }
                bytes.append(Byte.lineFeed)
                try step(columns: 0)
                position = (position.line + 1, 1)
            default:
                try special()
            }
        }
    }

    /// Printable ASCII, the bulk of any log, a run at a time: up to the first byte that needs a
    /// look of its own (a quote, a comma when `stoppingAtComma`, a control, a non-ASCII byte).
    private mutating func asciiRun(stoppingAtComma: Bool) throws(ReviewLogCSV.Problem) {
        var stop = index
        let count = buffer.count
        while stop < count {
            let byte = buffer[stop]
            guard byte >= 0x20, byte < 0x7F, byte != Byte.quote, !(stoppingAtComma && byte == Byte.comma) else { break }
            stop += 1
        }
        guard stop > index else { return }
        bytes.append(contentsOf: buffer[index..<stop])
        try step(bytes: stop - index, columns: stop - index)
    }

    /// The byte at `index` when no run took it: a tab, a refused control, the start of a UTF-8
    /// sequence (checked and taken whole), or printable ASCII that starts a chunk.
    private mutating func special() throws(ReviewLogCSV.Problem) {
        let lead = buffer[index]
        // Printable ASCII comes here at the start of a chunk, where the last run stopped.
        if lead >= 0x20, lead < 0x7F {
            bytes.append(lead)
            try step(columns: 1)
            return
        }
        if lead == Byte.tab {
            if fields[fields.count - 1].layout == nil { fields[fields.count - 1].layout = position }
            bytes.append(lead)
            try step(columns: 1)
            return
        }
        if lead < 0x80 { throw refused(Unicode.Scalar(lead)) }
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, lower) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: (length, upper) = (3, 0x9F)  // not the surrogates
        case 0xF0: (length, lower) = (4, 0x90)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, upper) = (4, 0x8F)  // nothing past U+10FFFF
        default: throw invalidUTF8()
        }
        _ = available(length)
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            guard index + offset < buffer.count else { throw invalidUTF8() }
            let byte = buffer[index + offset]
            guard offset == 1 ? (lower...upper).contains(byte) : (0x80...0xBF).contains(byte) else {
                throw invalidUTF8()
            }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        if let scalar = Unicode.Scalar(value), PrintableText.isHidden(scalar) { throw refused(scalar) }
        bytes.append(contentsOf: buffer[index..<(index + length)])
        try step(bytes: length, columns: 1)
    }

    /// Moves past `bytes` bytes of the file that take `columns` columns, within the record's budget.
    private mutating func step(bytes: Int = 1, columns: Int) throws(ReviewLogCSV.Problem) {
        index += bytes
        position.column += columns
        budget -= bytes
        guard budget < 0 else { return }
        if let openQuote {
            throw ReviewLogCSV.Problem(
                line: openQuote.line, column: openQuote.column,
                message: "the quoted field that starts here runs past 1 MB: is its closing quote missing?")
        }
        throw ReviewLogCSV.Problem(
            line: line, column: 1, message: "the line is longer than 1 MB; a review log's rows are a few dozen bytes")
    }

    /// Whether `count` bytes are there from `index`, reading chunks as needed.
    private mutating func available(_ count: Int = 1) -> Bool {
        if index + count <= buffer.count { return true }
        if index > 0 {
            buffer.removeSubrange(0..<index)
            index = 0
        }
        while buffer.count < count, !ended {
            let chunk = chunks()
            if chunk.isEmpty {
                ended = true
            } else if buffer.isEmpty {
                buffer = chunk
            } else {
                buffer += chunk
            }
        }
        return buffer.count >= count
    }

    private func problem(_ message: String) -> ReviewLogCSV.Problem {
        ReviewLogCSV.Problem(line: position.line, column: position.column, message: message)
    }

    private func invalidUTF8() -> ReviewLogCSV.Problem {
        problem(
            "invalid UTF-8 (the byte 0x\(String(buffer[index], radix: 16, uppercase: true))); save the file as UTF-8")
    }

    private func refused(_ scalar: Unicode.Scalar) -> ReviewLogCSV.Problem {
        let field =
            names.isEmpty ? " in the header" : fields.count <= names.count ? " in \"\(names[fields.count - 1])\"" : ""
        let kind = scalar.value <= 0x9F ? "control character" : "bidirectional mark"
        return problem(
            "\(PrintableText.name(scalar)), a \(kind)\(field): hone takes none in a review log "
                + "(on a terminal it would act instead of showing)")
    }

    private enum Byte {
        static let tab: UInt8 = 0x09
        static let lineFeed: UInt8 = 0x0A
        static let carriageReturn: UInt8 = 0x0D
        static let quote: UInt8 = 0x22
        static let comma: UInt8 = 0x2C
    }
}
