import HoneCore

/// Writes `id = "..."` into every card that lacks one, so that editing a card's text later
/// keeps its history. Only the new lines are inserted: every other byte stays as it was.
public enum IDPinner {
    public struct Outcome: Sendable {
        public var bytes: [UInt8]
        /// The ids added, in file order.
        public var added: [String]
    }

    /// The file with ids pinned, or `nil` when the document could not be parsed.
    public static func pin(_ bytes: [UInt8]) -> Outcome? {
        guard let document = TOMLReader.parse(bytes).document else { return nil }
        guard case .array(let elements)? = document["card"]?.value else {
            return Outcome(bytes: bytes, added: [])
        }
        let cards = elements.compactMap { element -> TOMLTable? in
            if case .table(let table) = element.value { return table }
            return nil
        }
        var used = Set<String>()
        for card in cards {
            if case .string(let id)? = card["id"]?.value { used.insert(id) }
        }
        var insertions: [(offset: Int, text: [UInt8])] = []
        var nextSuffix: [String: Int] = [:]
        var added: [String] = []
        for card in cards where card["id"] == nil {
            func string(_ key: String) -> String? {
                if case .string(let value)? = card[key]?.value { return value }
                return nil
            }
            let kind = string("type").flatMap(CardKind.init(rawValue:)) ?? .basic
            var text = string(CardField.main(of: kind).rawValue) ?? ""
            if kind == .cloze, let cloze = try? ClozeText(parsing: text) { text = cloze.revealed }
            let base = CardKeys.slug(text)
            var id = base
            // Numbering goes on from where the last card with this slug left it.
            var counter = nextSuffix[base, default: 2]
            while used.contains(id) {
                id = "\(base)-\(counter)"
                counter += 1
            }
            nextSuffix[base] = counter
            used.insert(id)
            added.append(id)
            insertions.append(insertion(for: id, headerAt: card.headerPosition.offset, in: bytes))
        }
        var result = bytes
        for insertion in insertions.reversed() {
            result.insert(contentsOf: insertion.text, at: insertion.offset)
        }
        return Outcome(bytes: result, added: added)
    }

    /// The line `id = "..."` placed right after the `[[card]]` header's line, indented like the
    /// header and ended like it (LF or CRLF).
    private static func insertion(for id: String, headerAt offset: Int, in bytes: [UInt8]) -> (
        offset: Int, text: [UInt8]
    ) {
        var lineStart = offset
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        let indent = bytes[lineStart..<offset].filter { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var end = offset
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let line = Array(indent) + Array("id = \"\(id)\"".utf8)
        if end < bytes.count {
            let crlf = end > 0 && bytes[end - 1] == UInt8(ascii: "\r")
            return (end + 1, line + (crlf ? [0x0D, 0x0A] : [0x0A]))
        }
        // The header is the last line and has no line end: give it the file's kind of line end.
        let crlf = bytes.indices.dropFirst().contains { bytes[$0] == 0x0A && bytes[$0 - 1] == 0x0D }
        return (end, (crlf ? [0x0D, 0x0A] : [0x0A]) + line)
    }
}
