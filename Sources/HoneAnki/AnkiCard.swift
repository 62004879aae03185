/// A card as Anki stores it: its place (note, template ordinal, deck) and its scheduling, with
/// Anki's own encodings kept (the importer interprets them).
public struct AnkiCard: Sendable, Equatable {
    public var id: Int64
    public var noteID: Int64
    public var deckID: Int64
    /// The template's ordinal (for a cloze, the deletion number minus one).
    public var ordinal: Int
    /// Seconds since 1970.
    public var modified: Int64
    /// 0 new, 1 learning, 2 review, 3 relearning.
    public var type: Int
    /// -3 buried by the learner, -2 buried as a sibling, -1 suspended, 0 new, 1 learning (due
    /// an instant), 2 review, 3 learning on a later day (due a day), 4 preview.
    public var queue: Int
    /// New: position; learning (queue 1): seconds since 1970; review and queue 3: a day number
    /// counted from the collection's first day.
    public var due: Int64
    /// Days (negative: seconds, for learning cards of old collections).
    public var interval: Int
    /// Ease in permille (2500 is 250%); 0 for new and learning cards.
    public var factor: Int
    public var reps: Int
    public var lapses: Int
    /// Learning steps left: `left % 1000` for the steps to go (older versions also encode the
    /// steps left today as `left / 1000`).
    public var left: Int
    /// In a filtered deck: the home deck and the due there (0 otherwise).
    public var originalDue: Int64
    public var originalDeckID: Int64
    /// FSRS memory state, when the collection has one for the card (`data`'s `s` and `d`).
    public var stability: Double?
    public var difficulty: Double?
    /// When the card was last answered (seconds since 1970; `data`'s `lrt`), which Anki keeps
    /// for every card that is not new; its database check fills it in from the revlog if missing.
    public var lastReviewSeconds: Int64? = nil

    public init(
        id: Int64, noteID: Int64, deckID: Int64, ordinal: Int, modified: Int64, type: Int, queue: Int, due: Int64,
        interval: Int, factor: Int, reps: Int, lapses: Int, left: Int, originalDue: Int64 = 0,
        originalDeckID: Int64 = 0, stability: Double? = nil, difficulty: Double? = nil
    ) {
        self.id = id
        self.noteID = noteID
        self.deckID = deckID
        self.ordinal = ordinal
        self.modified = modified
        self.type = type
        self.queue = queue
        self.due = due
        self.interval = interval
        self.factor = factor
        self.reps = reps
        self.lapses = lapses
        self.left = left
        self.originalDue = originalDue
        self.originalDeckID = originalDeckID
        self.stability = stability
        self.difficulty = difficulty
    }
}
