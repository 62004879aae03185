import HoneCore

/// Cards' notes from a CSV or TSV file, or Anki's "Notes in Plain Text" export: the fields of
/// each row under the names `front`, `back` and `tags`. Quoting is RFC 4180's (a field in quotes
/// may hold the separator, line breaks and doubled quotes), read strictly: a stray quote, an
/// unclosed one, ill-formed UTF-8 or a character that would act on a terminal is a problem with
/// its line and column (counted in characters from 1, as the deck reader counts).
public struct NotesText: Sendable {
    public struct Note: Equatable, Sendable {
        /// The line its row starts on.
        public var line: Int
        public var front: String
        public var back: String
        public var tags: [String]
    }

    public struct Problem: Error, Equatable, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    public var notes: [Note] = []
    public var header = AnkiHeader()
    public var separator: Unicode.Scalar = ","

    /// The names a column may have, lower-cased, and the field each one fills.
    static let names: [String: String] = [
        "front": "front", "back": "back", "tags": "tags", "question": "front", "answer": "back", "q": "front",
        "a": "back", "tag": "tags", "text": "front", "extra": "back",
    ]

    /// Reads `bytes`. `columns` names the columns in order (`front,back,tags`; an empty name or
    /// `-` skips one); without it they come from the Anki header's `#columns:`, from a header
    /// row, or, for an Anki export without either, are front, back and the `#tags column`.
    public init(bytes: [UInt8], columns: [String]? = nil) throws(Problem) {
        let text = try Self.decode(bytes)
        header = AnkiHeader.parse(text.split(separator: "\n", omittingEmptySubsequences: false))
        var rows = try Self.rows(of: text, header: header, separator: &separator)
        var names: [String]
        var nameLine = 1
        if let columns {
            names = columns
            // A header row that says the same as --columns is not a note.
            if let first = rows.first, first.fields.map({ $0.lowercased() }) == columns.map({ $0.lowercased() }) {
                rows.removeFirst()
            }
        } else if let columns = header.columns {
            names = columns
            nameLine = header.lineCount
        } else if header.lineCount > 0 {
            names = ["front", "back"]
            if let tags = header.tagsColumn {
                while names.count < tags { names.append("") }
                names[tags - 1] = "tags"
            }
        } else if let first = rows.first {
            names = first.fields
            nameLine = first.line
            rows.removeFirst()
        } else {
            throw Problem(
                line: 1, column: 1, message: "the file is empty: expected a header row such as front,back,tags")
        }
        if let tags = header.tagsColumn, tags <= names.count, columns == nil { names[tags - 1] = "tags" }
        let fields = names.map { Self.names[$0.trimmed.lowercased()] }
        for needed in ["front", "back"] where !fields.contains(needed) {
            let shown = names.joined(separator: String(separator == "\t" ? "," : Character(separator)))
            throw Problem(
                line: nameLine, column: 1,
                message: "missing the column \"\(needed)\" (the columns are: \(shown)); name them in a header "
                    + "row, or give --columns front,back,tags")
        }
        for row in rows where !(row.fields.count == 1 && row.fields[0].isEmpty) {
            var note = Note(line: row.line, front: "", back: "", tags: [])
            for (index, value) in row.fields.enumerated() where index < fields.count {
                switch fields[index] {
                case "front": note.front = value
                case "back": note.back = value
                case "tags": note.tags = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                default: break
                }
            }
            notes.append(note)
        }
    }

    private struct Row {
        var line: Int
        var fields: [String]
    }

    /// The file's text, or where its UTF-8 goes wrong.
    private static func decode(_ bytes: [UInt8]) throws(Problem) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var scalars = String.UnicodeScalarView()
        var decoder = UTF8()
        var iterator = body.makeIterator()
        var line = 1
        var column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
            case .emptyInput: return String(scalars)
            case .error:
                throw Problem(line: line, column: column, message: "invalid UTF-8; save the file as UTF-8")
            }
        }
    }

    /// The rows after the Anki header, split at `separator` (the header's, or the one the first
    /// row uses most: tab, semicolon or comma).
    private static func rows(
        of text: String, header: AnkiHeader, separator: inout Unicode.Scalar
    ) throws(Problem) -> [Row] {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        while line <= header.lineCount, index < scalars.count {
            if scalars[index] == "\n" { line += 1 }
            index += 1
        }
        if let chosen = header.separator {
            separator = chosen
        } else {
            let firstLine = scalars[index...].prefix { $0 != "\n" }
            let counts = ["\t", ";", ","].map { (mark: Unicode.Scalar) in (mark, firstLine.filter { $0 == mark }.count)
            }
            separator = counts.max { $0.1 < $1.1 }.flatMap { $0.1 > 0 ? $0.0 : nil } ?? ","
        }
        var rows: [Row] = []
        var column = 1
        func problem(_ message: String) -> Problem { Problem(line: line, column: column, message: message) }
        while index < scalars.count {
            var row = Row(line: line, fields: [])
            rowLoop: while true {
                var field = String.UnicodeScalarView()
                if index < scalars.count, scalars[index] == "\"" {
                    let open = (line, column)
                    index += 1
                    column += 1
                    while true {
                        guard index < scalars.count else {
                            throw Problem(
                                line: open.0, column: open.1,
                                message: "the quoted field that starts here is not closed: the file ends before "
                                    + "its closing quote")
                        }
                        let scalar = scalars[index]
                        // TSV, as Anki writes it, has no quoting inside a field: `<img src="a.png">`.
                        if scalar == "\"", separator != "\t" {
                            if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                                field.append("\"")
                                index += 2
                                column += 2
                                continue
                            }
                            index += 1
                            column += 1
                            break
                        }
                        try check(scalar, problem)
                        if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                            index += 1
                            continue
                        }
                        field.append(scalar)
                        index += 1
                        if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
                    }
                    if index < scalars.count, scalars[index] != separator, scalars[index] != "\n",
                        !(scalars[index] == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n")
                    {
                        throw problem(
                            "expected '\(Character(separator) == "\t" ? "\\t" : String(Character(separator)))' "
                                + "or the end of the line after the closing quote")
                    }
                } else {
                    while index < scalars.count, scalars[index] != separator, scalars[index] != "\n" {
                        let scalar = scalars[index]
                        if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { break }
                        // TSV, as Anki writes it, has no quoting inside a field: `<img src="a.png">`.
                        if scalar == "\"", separator != "\t" {
                            throw problem(
                                "a quote inside a field that does not start with one; quote the whole field and "
                                    + "double the quote inside (\"\")")
                        }
                        if scalar != "\t" { try check(scalar, problem) }
                        field.append(scalar)
                        index += 1
                        column += 1
                    }
                }
                row.fields.append(String(field))
                guard index < scalars.count else { break rowLoop }
                switch scalars[index] {
                case separator:
                    index += 1
                    column += 1
                    if index == scalars.count { row.fields.append("") }
                case "\r":
                    index += 2
                    (line, column) = (line + 1, 1)
                    break rowLoop
                default:
                    index += 1
                    (line, column) = (line + 1, 1)
                    break rowLoop
                }
            }
            rows.append(row)
        }
        return rows
    }

    /// Refuses a character that would act on a terminal instead of showing (tab and line feed
    /// are the only controls a field keeps).
    private static func check(_ scalar: Unicode.Scalar, _ problem: (String) -> Problem) throws(Problem) {
        guard scalar != "\n", scalar != "\t", PrintableText.isHidden(scalar) else { return }
        throw problem("\(PrintableText.name(scalar)), a character that would act on a terminal; hone takes none")
    }
}

extension String {
    fileprivate var trimmed: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
