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
