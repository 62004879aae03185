import Foundation

/// What Anki derives from a note's fields and stores beside them: the sort field (`sfld`) and
/// the first field's checksum (`csum`, which Anki's duplicate check looks up), both from the
/// field's text with the HTML stripped as Anki strips it.
public enum AnkiFieldText {
    /// Anki's pattern for markup: comments, style and script elements whole, then any tag.
    private static let markup = try? NSRegularExpression(
        pattern: "(<!--.*?-->)|(<style.*?>.*?</style>)|(<script.*?>.*?</script>)|(<.*?>)",
        options: [.caseInsensitive, .dotMatchesLineSeparators])

    /// `html` as plain text: markup removed, entities decoded, no-break spaces as spaces.
    /// (Anki also keeps the file names of media tags; hone writes none.)
    public static func stripHTML(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return html }
        var text = html
        if let markup, text.contains("<") {
            text = markup.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
        }
        return decodeEntities(text).replacingOccurrences(of: "\u{a0}", with: " ")
    }

    /// The first 4 bytes of the SHA-1 of the first field's plain text, as an unsigned number.
    public static func checksum(ofFirstField field: String) -> Int64 {
        let digest = SHA1.digest(Array(stripHTML(field).utf8))
        return Int64(digest[0]) << 24 | Int64(digest[1]) << 16 | Int64(digest[2]) << 8 | Int64(digest[3])
    }

    /// The entities a field may hold: the five of XML, `&nbsp;`, and numeric ones. Anything
    /// else is left as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [Substring: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{a0}",
        ]
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            guard let semicolon = rest[afterAmpersand...].prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest[afterAmpersand...]
                continue
            }
            let name = rest[afterAmpersand..<semicolon]
            if let value = named[name] ?? numeric(name) {
                result += value
            } else {
                result += rest[ampersand...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    /// `#65` or `#x41` as its character.
    private static func numeric(_ name: Substring) -> String? {
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value =
            digits.hasPrefix("x") || digits.hasPrefix("X")
            ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }
}
