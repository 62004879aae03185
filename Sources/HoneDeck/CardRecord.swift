import HoneCore

/// A card's texts as the deck cache keeps them; its key, note and line live in the cache's
/// index instead, read for every card, while these bytes are read only for a card shown.
enum CardRecord {
    static func encode(_ card: Card, into writer: inout ByteWriter) {
        writer.string(card.deckID)
        writer.u8(UInt8(CardKind.allCases.firstIndex(of: card.kind) ?? 0))
        writer.string(card.front)
        writer.string(card.back)
        writer.optional(card.hint)
        writer.optional(card.explain)
        writer.strings(card.tags)
        writer.strings(card.accept)
        writer.strings(card.choices)
        writer.strings(card.rubric)
    }

    static func decode(_ reader: inout ByteReader, key: String, noteKey: String, line: Int) -> Card? {
        guard let deckID = reader.string(), let kindIndex = reader.u8(), Int(kindIndex) < CardKind.allCases.count,
            let front = reader.string(), let back = reader.string(), let hint = reader.optional(),
            let explain = reader.optional(), let tags = reader.strings(), let accept = reader.strings(),
            let choices = reader.strings(), let rubric = reader.strings()
        else { return nil }
        return Card(
            key: key, noteKey: noteKey, deckID: deckID, kind: CardKind.allCases[Int(kindIndex)], front: front,
            back: back,
            hint: hint, explain: explain, tags: tags, accept: accept, choices: choices, rubric: rubric, line: line)
    }
}
