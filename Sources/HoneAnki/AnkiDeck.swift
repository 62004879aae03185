/// One of a collection's decks.
public struct AnkiDeck: Sendable, Equatable {
    public var id: Int64
    /// The full name, levels joined by `::`.
    public var name: String
    /// A filtered deck (its cards have a home deck, `AnkiCard.originalDeckID`).
    public var isFiltered: Bool

    public init(id: Int64, name: String, isFiltered: Bool = false) {
        self.id = id
        self.name = name
        self.isFiltered = isFiltered
    }

    /// The levels of the name (`A::B` is `["A", "B"]`).
    public var path: [String] {
        var levels: [String] = []
        var rest = Substring(name)
        while let range = rest.firstRange(of: "::") {
            levels.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        levels.append(String(rest))
        return levels
    }
}
