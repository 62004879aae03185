import HoneCore

/// A deck as its file describes it, with its entries expanded into practisable cards.
public struct Deck: Sendable {
    public var id: String
    public var name: String
    public var skill: String
    public var description: String?
    public var tags: [String]
    /// Overrides the global daily limit of new cards for this deck.
    public var newPerDay: Int?
    /// Overrides the global daily limit of reviews for this deck.
    public var reviewsPerDay: Int?
    /// The file it was read from, as found (for messages and `:edit`).
    public var path: String
    public var cards: [Card]

    public init(
        id: String, name: String, skill: String, description: String? = nil, tags: [String] = [],
        newPerDay: Int? = nil, path: String, cards: [Card] = []
    ) {
        self.id = id
        self.name = name
        self.skill = skill
        self.description = description
        self.tags = tags
        self.newPerDay = newPerDay
        self.path = path
        self.cards = cards
    }
}
