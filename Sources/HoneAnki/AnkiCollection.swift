/// What hone reads from (and writes into) an Anki collection, as plain values: the decks, the
/// note types, the notes, the cards with their scheduling, and the review log. Anki's two
/// layouts (the legacy one, schema 11, with note types and decks as JSON in `col`; the current
/// one, schema 18, with tables of their own) read into the same values.
public struct AnkiCollection: Sendable, Equatable {
    /// `col.crt`: seconds since 1970 at the start of the collection's first day. A review card's
    /// `due` counts days from that day.
    public var createdSeconds: Int64
    /// The hour a new day starts (Anki's "next day starts at"), when the collection says.
    public var rolloverHour: Int?
    /// The zone's offset at `createdSeconds`, in minutes west of UTC (Anki's `creationOffset`):
    /// with it, Anki counts days by the calendar from `crt`, starting at the rollover hour.
    public var creationOffsetMinutesWest: Int? = nil
    /// Deck id to full name, levels joined by `::` (`Languages::French`). Filtered decks included.
    public var decks: [Int64: AnkiDeck]
    public var noteTypes: [Int64: AnkiNoteType]
    public var notes: [AnkiNote]
    public var cards: [AnkiCard]
    /// In id order (an id is the answer's time in milliseconds).
    public var reviews: [AnkiReview]

    public init(
        createdSeconds: Int64, rolloverHour: Int? = nil, decks: [Int64: AnkiDeck], noteTypes: [Int64: AnkiNoteType],
        notes: [AnkiNote], cards: [AnkiCard], reviews: [AnkiReview]
    ) {
        self.createdSeconds = createdSeconds
        self.rolloverHour = rolloverHour
        self.decks = decks
        self.noteTypes = noteTypes
        self.notes = notes
        self.cards = cards
        self.reviews = reviews
    }
}
