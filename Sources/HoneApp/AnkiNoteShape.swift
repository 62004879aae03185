import HoneAnki
import HoneCore
import HoneDeck

/// One `[[card]]` entry as an Anki note: the note type it takes (one of Anki's stock types,
/// with their field names and templates), its fields as HTML, and each card's template ordinal.
///
/// | hone | Anki note type | fields |
/// | --- | --- | --- |
/// | basic | Basic | Front: q; Back: a, hint, explain |
/// | basic, `reverse = true` | Basic (and reversed card) | as Basic; card 2 is `ID#r` |
/// | typed | Basic (type in the answer) | Front: q; Back: a (alone: Anki compares the typing with it) |
/// | cloze | Cloze | Text: the text with its deletions; Back Extra: hint, explain; card N-1 is `ID#cN` |
/// | choice | Basic | Front: q and the numbered choices; Back: answer, hint, explain |
/// | practice | Basic | Front: prompt; Back: rubric, example, hint, explain |
struct AnkiNoteShape {
    var type: AnkiNoteType
    var fields: [String]
    /// The template ordinal of each of the entry's cards, in the entry's order.
    var ordinals: [Int]
    /// What the note type has no place for (a typed card's hint, its other accepted answers).
    var dropped: [String]

    /// `entry`: the cards of one `[[card]]` (two for a reversed basic, one per deletion of a
    /// cloze). `clozeText`: a cloze entry's text as written.
    init(_ entry: [Card], clozeText: String?) {
        let card = entry[0]
        let extra = Self.extra(card)
        dropped = []
        switch card.kind {
        case .basic:
            let reversed = entry.contains { $0.key.hasSuffix("#r") }
            type = reversed ? Self.basicAndReversed : Self.basic
            fields = [Self.html(card.front), Self.joined([Self.html(card.back), extra])]
            ordinals = entry.map { $0.key.hasSuffix("#r") ? 1 : 0 }
        case .typed:
            type = Self.typed
            fields = [Self.html(card.front), Self.html(card.back)]
            ordinals = [0]
            if card.hint != nil { dropped.append("hint") }
            if card.explain != nil { dropped.append("explain") }
            if !card.accept.isEmpty { dropped.append("accept") }
        case .cloze:
            type = Self.cloze
            fields = [Self.clozeHTML(clozeText, cards: entry), extra]
            ordinals = entry.map { Self.clozeNumber(of: $0.key).map { $0 - 1 } ?? 0 }
        case .choice:
            type = Self.basic
            let options = card.choices.enumerated().map { "\($0 + 1). \(Self.html($1))" }
            fields = [
                Self.joined([Self.html(card.front), options.joined(separator: "<br>")]),
                Self.joined([Self.html(card.back), extra]),
            ]
            ordinals = [0]
        case .practice:
            type = Self.basic
            let rubric =
                card.rubric.isEmpty ? "" : "<ul>" + card.rubric.map { "<li>\(Self.html($0))</li>" }.joined() + "</ul>"
            let example = card.back.isEmpty ? "" : "Example:<br>" + Self.html(card.back)
            fields = [Self.html(card.front), Self.joined([rubric, example, extra])]
            ordinals = [0]
        }
    }

    /// hint and explain, for the back: each in a `div` of its own class, so that they can be
    /// styled, and told apart from the answer when the package comes back.
    static func extra(_ card: Card) -> String {
        var parts: [String] = []
        if let hint = card.hint { parts.append("<div class=\"hone-hint\">Hint: \(html(hint))</div>") }
        if let explain = card.explain { parts.append("<div class=\"hone-explain\">\(html(explain))</div>") }
        return parts.joined()
    }

    /// Parts of a field, the empty ones left out, a blank line between the others.
    static func joined(_ parts: [String]) -> String {
        parts.filter { !$0.isEmpty }.joined(separator: "<br><br>")
    }

    /// Plain text as HTML: `&`, `<` and `>` escaped, line breaks as `<br>`.
    static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\n", "\r\n": result += "<br>"
            default: result.append(character)
            }
        }
        return result
    }

    /// The cloze text in Anki's markup (`{{c1::answer::hint}}`, as hone's), the rest escaped.
    /// Without the text as written (a deck changed while it was read), each card's deletion
    /// alone is kept.
    static func clozeHTML(_ text: String?, cards: [Card]) -> String {
        guard let text, let parsed = try? ClozeText(parsing: text) else {
            return cards.map { card in
                "{{c\(clozeNumber(of: card.key) ?? 1)::\(html(card.back))}}"
            }.joined(separator: " ")
        }
        return parsed.parts.map { part in
            switch part {
            case .text(let text): html(text)
            case .deletion(let number, let answer, let hint):
                "{{c\(number)::\(html(answer))" + (hint.map { "::" + html($0) } ?? "") + "}}"
            }
        }.joined()
    }

    /// N of a cloze card's key `...#cN`.
    static func clozeNumber(of key: String) -> Int? {
        guard let mark = key.range(of: "#c", options: .backwards) else { return nil }
        return Int(key[mark.upperBound...])
    }

    // Anki's stock note types, with fixed ids: an export imported again finds the note type
    // it made the first time instead of adding another.
    static let basic = AnkiNoteType(
        id: 1_300_000_000_001, name: "Basic", kind: .standard, fields: ["Front", "Back"],
        templates: [.init(name: "Card 1", questionFormat: "{{Front}}", answerFormat: answer("{{Back}}"))])
    static let basicAndReversed = AnkiNoteType(
        id: 1_300_000_000_002, name: "Basic (and reversed card)", kind: .standard, fields: ["Front", "Back"],
        templates: [
            .init(name: "Card 1", questionFormat: "{{Front}}", answerFormat: answer("{{Back}}")),
            .init(name: "Card 2", questionFormat: "{{Back}}", answerFormat: answer("{{Front}}")),
        ])
    static let typed = AnkiNoteType(
        id: 1_300_000_000_003, name: "Basic (type in the answer)", kind: .standard, fields: ["Front", "Back"],
        templates: [
            .init(
                name: "Card 1", questionFormat: "{{Front}}\n\n{{type:Back}}",
                answerFormat: "{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}")
        ])
    static let cloze = AnkiNoteType(
        id: 1_300_000_000_004, name: "Cloze", kind: .cloze, fields: ["Text", "Back Extra"],
        templates: [
            .init(name: "Cloze", questionFormat: "{{cloze:Text}}", answerFormat: "{{cloze:Text}}<br>\n{{Back Extra}}")
        ])

    /// Anki's answer side: the question, a rule, then `field`.
    private static func answer(_ field: String) -> String { "{{FrontSide}}\n\n<hr id=answer>\n\n" + field }
}
