import HoneCore

/// The keys a `[[card]]` table can hold, with the value type each takes and which card types
/// use it. An enum, not a dictionary of names, because every key of every card passes here.
public enum CardField: String, CaseIterable, Sendable {
    case id, type, tags, hint, explain
    case q, a, reverse, text, accept, choices, answer, prompt, rubric, example

    enum ValueType {
        case string
        case stringArray
        case boolean
    }

    var valueType: ValueType {
        switch self {
        case .tags, .accept, .choices, .rubric: .stringArray
        case .reverse: .boolean
        default: .string
        }
    }

    public func isTaken(by kind: CardKind) -> Bool {
        switch self {
        case .id, .type, .tags, .hint, .explain: true
        case .q: kind == .basic || kind == .typed || kind == .choice
        case .a: kind == .basic || kind == .typed
        case .reverse: kind == .basic
        case .text: kind == .cloze
        case .accept: kind == .typed
        case .choices, .answer: kind == .choice
        case .prompt, .rubric, .example: kind == .practice
        }
    }

    static func required(by kind: CardKind) -> [CardField] {
        switch kind {
        case .basic, .typed: [.q, .a]
        case .cloze: [.text]
        case .choice: [.q, .choices, .answer]
        case .practice: [.prompt]
        }
    }

    /// The text that identifies a card of this kind when it has no `id`.
    static func main(of kind: CardKind) -> CardField {
        switch kind {
        case .basic, .typed, .choice: .q
        case .cloze: .text
        case .practice: .prompt
        }
    }

    /// What the key holds, for "missing" messages.
    var meaning: String {
        switch self {
        case .q: "the question"
        case .a: "the answer"
        case .text: "the cloze text"
        case .choices: "the options"
        case .answer: "the right option"
        case .prompt: "the task"
        default: rawValue
        }
    }
}

/// One card's values as read, by field, in stored properties: no dictionary to hash into and
/// no array to allocate for every card of a large deck.
struct CardValues {
    private var id, type, hint, explain, q, a, text, answer, prompt, example: String?
    private var tags, accept, choices, rubric: [String]?
    var reverse = false

    subscript(string field: CardField) -> String? {
        get {
            switch field {
            case .id: id
            case .type: type
            case .hint: hint
            case .explain: explain
            case .q: q
            case .a: a
            case .text: text
            case .answer: answer
            case .prompt: prompt
            case .example: example
            case .tags, .accept, .choices, .rubric, .reverse: nil
            }
        }
        set {
            switch field {
            case .id: id = newValue
            case .type: type = newValue
            case .hint: hint = newValue
            case .explain: explain = newValue
            case .q: q = newValue
            case .a: a = newValue
            case .text: text = newValue
            case .answer: answer = newValue
            case .prompt: prompt = newValue
            case .example: example = newValue
            case .tags, .accept, .choices, .rubric, .reverse: break
            }
        }
    }

    subscript(array field: CardField) -> [String]? {
        get {
            switch field {
            case .tags: tags
            case .accept: accept
            case .choices: choices
            case .rubric: rubric
            default: nil
            }
        }
        set {
            switch field {
            case .tags: tags = newValue
            case .accept: accept = newValue
            case .choices: choices = newValue
            case .rubric: rubric = newValue
            default: break
            }
        }
    }
}

extension CardField {
    /// The field a key names. A plain comparison per candidate: faster than the generic
    /// `init(rawValue:)`, which searches the case names one by one through the runtime.
    init?(key: String) {
        let field: CardField? =
            switch key.utf8.count {
            case 1: key == "q" ? .q : key == "a" ? .a : nil
            case 2: key == "id" ? .id : nil
            case 4:
                key == "type" ? .type : key == "tags" ? .tags : key == "hint" ? .hint : key == "text" ? .text : nil
            case 6:
                key == "accept"
                    ? .accept
                    : key == "answer"
                        ? .answer
                        : key == "prompt"
                            ? .prompt
                            : key == "rubric" ? .rubric : nil
            case 7:
                key == "explain"
                    ? .explain
                    : key == "reverse"
                        ? .reverse
                        : key == "choices"
                            ? .choices
                            : key == "example" ? .example : nil
            default: nil
            }
        guard let field else { return nil }
        self = field
    }
}
