import HoneCore
import HoneDeck

/// A card given on the command line (`hone add`), as the `[[card]]` table that is appended to
/// its deck file: its keys in the order the deck format lists them, every string escaped so
/// that any text reads back as it was given.
public struct CardDraft: Sendable {
    public var kind: CardKind
    /// The card's keys and their values, in the order they are written.
    public var fields: [(key: CardField, value: Value)] = []

    public enum Value: Sendable {
        case string(String)
        case strings([String])
        case boolean(Bool)
    }

    public init(kind: CardKind) { self.kind = kind }

    /// Adds `key` (a string, an array of strings or a flag), unless there is nothing to add.
    public mutating func set(_ key: CardField, _ value: String?) {
        if let value { fields.append((key, .string(value))) }
    }

    public mutating func set(_ key: CardField, _ values: [String]) {
        if !values.isEmpty { fields.append((key, .strings(values))) }
    }

    public mutating func set(_ key: CardField, _ flag: Bool) {
        if flag { fields.append((key, .boolean(true))) }
    }

    /// The keys given that a card of this type does not take.
    public var misplaced: [CardField] { fields.map(\.key).filter { !$0.isTaken(by: kind) } }

    /// The table, `[[card]]` line first, then `id` when given, `type` unless basic, the rest.
    public func table(id: String?) -> String {
        var lines = ["[[card]]"]
        if let id { lines.append("id = \(Self.quoted(id))") }
        if kind != .basic { lines.append("type = \(Self.quoted(kind.rawValue))") }
        for (key, value) in fields where key != .id && key != .type {
            lines.append("\(key.rawValue) = \(Self.toml(value))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func toml(_ value: Value) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .strings(let texts): "[" + texts.map(quoted).joined(separator: ", ") + "]"
        case .boolean(let flag): flag ? "true" : "false"
        }
    }

    /// `text` as a TOML basic string (`TOMLString`): what the deck reader reads back is `text`.
    public static func quoted(_ text: String) -> String { TOMLString.quoted(text) }

    /// The text `hone add` opens in the editor when no field is given: every line a comment,
    /// so that a text left as it was adds nothing, as `git commit` does.
    public static func template(kind: CardKind, deckPath: String) -> String {
        let keys: [String] =
            switch kind {
            case .basic: ["q = \"The question\"", "a = \"The answer\"", "reverse = true   (also ask from a to q)"]
            case .typed:
                ["q = \"The question\"", "a = \"The answer, typed\"", "accept = [\"another answer that counts\"]"]
            case .cloze: ["text = \"A sentence with {{c1::a gap}} and {{c2::another::a hint}}.\""]
            case .choice:
                ["q = \"The question\"", "choices = [\"right\", \"wrong\", \"also wrong\"]", "answer = \"right\""]
            case .practice:
                ["prompt = \"What to do\"", "rubric = [\"what a good attempt has\"]", "example = \"A good attempt\""]
            }
        let header = [
            "The new \(kind.rawValue) card for \(deckPath). Write its keys below, one a line, as in the",
            "example. The lines starting with '#' are dropped, and an empty text adds nothing. The",
            "[[card]] line, the type, --id and --tag, or an id made from the text, are added when",
            "the text has no [[card]] line of its own;",
            "the deck is then checked, and the card is added only when it has no errors.",
            "",
        ]
        var lines = header.map { $0.isEmpty ? "#" : "# " + $0 }
        lines += keys.map { "# " + $0 }
        lines += ["tags = [\"a-tag\"]", "hint = \"Shown on :hint\"", "explain = \"Shown after the answer\""].map {
            "# " + $0
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
