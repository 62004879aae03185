/// The kinds of card a deck can hold. Each is practised differently.
public enum CardKind: String, CaseIterable, Sendable, Codable {
    /// A question and an answer, revealed on Enter.
    case basic
    /// A text with `{{cN::...}}` deletions; one card per deletion number.
    case cloze
    /// The learner types the answer and it is checked.
    case typed
    /// Numbered options, answered by number.
    case choice
    /// A drill: do the task, then rate yourself against a rubric.
    case practice
}

extension CardKind {
    /// The kind a deck's `type` names; a direct comparison, faster than `init(rawValue:)`.
    public init?(name: String) {
        switch name.utf8.count {
        case 5 where name == "basic": self = .basic
        case 5 where name == "cloze": self = .cloze
        case 5 where name == "typed": self = .typed
        case 6 where name == "choice": self = .choice
        case 8 where name == "practice": self = .practice
        default: return nil
        }
    }
}
