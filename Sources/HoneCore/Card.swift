/// One practisable card, as expanded from a deck entry (a basic card with `reverse = true`
/// gives two, a cloze text one per deletion number).
public struct Card: Hashable, Sendable {
    /// `DECK_ID/CARD_ID`, with `#r` or `#cN` for expanded siblings: what progress is kept under.
    public var key: String
    /// The entry's key without the sibling suffix, shared by siblings (a card and its reverse,
    /// the deletions of one cloze), so they are not shown on the same day.
    public var noteKey: String
    public var deckID: String
    public var kind: CardKind
    /// What is asked: the question, the cloze text with this deletion hidden, or the drill's prompt.
    public var front: String
    /// What is revealed: the answer, the deleted text, or the example.
    public var back: String
    public var hint: String?
    public var explain: String?
    public var tags: [String]
    /// Other answers a typed card accepts.
    public var accept: [String]
    /// A choice card's options, in deck order.
    public var choices: [String]
    /// A practice card's checklist.
    public var rubric: [String]
    /// The 1-based line of the card's `[[card]]` header in its deck file.
    public var line: Int

    public init(
        key: String, noteKey: String, deckID: String, kind: CardKind, front: String, back: String,
        hint: String? = nil, explain: String? = nil, tags: [String] = [], accept: [String] = [],
        choices: [String] = [], rubric: [String] = [], line: Int
    ) {
        self.key = key
        self.noteKey = noteKey
        self.deckID = deckID
        self.kind = kind
        self.front = front
        self.back = back
        self.hint = hint
        self.explain = explain
        self.tags = tags
        self.accept = accept
        self.choices = choices
        self.rubric = rubric
        self.line = line
    }
}
