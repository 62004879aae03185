import HoneCore

/// Writes `id = "..."` into every card that lacks one, so that editing a card's text later
/// keeps its history. Only the new lines are inserted: every other byte stays as it was.
public enum IDPinner {
    public struct Outcome: Sendable {
        public var bytes: [UInt8]
        /// The ids added, in file order.
        public var added: [String]
    }

    /// The file with ids pinned, or `nil` when the document could not be parsed. The cards are
    /// read as a check reads them, handed over one by one and not kept: of each, only its id,
    /// or the slug of its text and where its header is. Only cards whose header is at `start`
    /// or later get an id (`hone add` pins the card it appends, and leaves the rest alone); the
    /// ids of all of them are kept clear of.
    public static func pin(_ bytes: [UInt8], from start: Int = 0) -> Outcome? {
        var used = Set<String>()
        var unpinned: [(slug: String, headerAt: Int)] = []
        // A card takes 100 bytes or more: room for them all up front spares regrowing.
        used.reserveCapacity(bytes.count / 100)
        let parsed = TOMLReader.parse(bytes, streaming: "card") { card in
            if let id = card["id"] {
                if case .string(let value) = id.value { used.insert(value) }
                return
            }
            guard card.headerPosition.offset >= start else { return }
            func string(_ key: String) -> String? {
                if case .string(let value)? = card[key]?.value { return value }
                return nil
            }
            let kind = string("type").flatMap(CardKind.init(rawValue:)) ?? .basic
            var text = string(CardField.main(of: kind).rawValue) ?? ""
            if kind == .cloze, let cloze = try? ClozeText(parsing: text) { text = cloze.revealed }
            unpinned.append((CardKeys.slug(text), card.headerPosition.offset))
        }
        guard parsed.document != nil else { return nil }
        // Ids are given once every card's own id is known, so that none is taken twice.
        var insertions: [(offset: Int, text: [UInt8])] = []
        var nextSuffix: [String: Int] = [:]
        var added: [String] = []
        insertions.reserveCapacity(unpinned.count)
        added.reserveCapacity(unpinned.count)
        for (base, headerAt) in unpinned {
            let id = uniqueID(base, used: &used, nextSuffix: &nextSuffix)
            added.append(id)
            insertions.append(insertion(for: id, headerAt: headerAt, in: bytes))
        }
        return Outcome(bytes: splice(insertions, into: bytes), added: added)
    }

    /// `base` (a slug), or `base-2`, `base-3`... the first not in `used`, which then holds it.
    /// `nextSuffix` remembers where each slug's numbering got to. `hone import csv` names its
    /// cards with it too, so imported and pinned ids look alike.
    public static func uniqueID(_ base: String, used: inout Set<String>, nextSuffix: inout [String: Int]) -> String {
        var id = base
        // Numbering goes on from where the last card with this slug left it. A slug not
        // taken yet is the id: one lookup (hashing an id is most of the work here).
        if !used.insert(id).inserted {
            var counter = nextSuffix[base, default: 2]
            repeat {
                id = "\(base)-\(counter)"
                counter += 1
            } while !used.insert(id).inserted
            nextSuffix[base] = counter
        }
        return id
    }

    /// `bytes` with each insertion's text at its offset, built in one pass: inserting into the
    /// array one by one moved the rest of the file each time, quadratic in a deck's cards
    /// (200,000 cards took a minute).
    static func splice(_ insertions: [(offset: Int, text: [UInt8])], into bytes: [UInt8]) -> [UInt8] {
        // Cards come in file order, so this is already sorted; sorted stably all the same.
        let ordered = insertions.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + insertions.reduce(0) { $0 + $1.text.count })
        var copied = 0
        for (_, insertion) in ordered {
            result.append(contentsOf: bytes[copied..<insertion.offset])
            result.append(contentsOf: insertion.text)
            copied = insertion.offset
        }
        result.append(contentsOf: bytes[copied...])
        return result
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
