/// The `#key:value` lines at the top of Anki's "Notes in Plain Text" export: which separator
/// the fields use, whether they hold HTML, which column holds the tags, and the columns' names.
/// Keys hone has no use for (`#notetype column`, `#deck:`, `#guid column`...) are skipped.
public struct AnkiHeader: Equatable, Sendable {
    public var separator: Unicode.Scalar?
    public var html: Bool?
    /// The tags' column, counted from 1.
    public var tagsColumn: Int?
    public var columns: [String]?
    /// How many lines the header takes (0 when the file has none).
    public var lineCount = 0

    public init() {}

    /// The header at the top of `lines`; a line not of the form `#key:value` ends it.
    public static func parse(_ lines: some Sequence<Substring>) -> AnkiHeader {
        var header = AnkiHeader()
        var columnsText: Substring?
        for line in lines {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            guard line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { break }
            header.lineCount += 1
            let key = line[line.index(after: line.startIndex)..<colon].lowercased()
            let value = line[line.index(after: colon)...]
            switch key {
            case "separator": header.separator = separator(named: value)
            case "html": header.html = value.lowercased() == "true"
            case "tags column": header.tagsColumn = Int(value).flatMap { $0 > 0 ? $0 : nil }
            case "columns": columnsText = value
            default: break
            }
        }
        if let columnsText {
            let separator = header.separator.map(Character.init) ?? "\t"
            header.columns = columnsText.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        }
        return header
    }

    /// Anki writes the separator's name (`Tab`, `Comma`...) or the character itself.
    static func separator(named value: Substring) -> Unicode.Scalar? {
        switch value.lowercased() {
        case "tab": "\t"
        case "comma": ","
        case "semicolon": ";"
        case "space": " "
        case "pipe": "|"
        case "colon": ":"
        default: value.unicodeScalars.count == 1 ? value.unicodeScalars.first : nil
        }
    }
}
