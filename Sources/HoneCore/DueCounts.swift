/// How many cards are due, by kind: what `hone status` shows per deck, per skill and in all,
/// and what a session's banner and closing line count.
public struct DueCounts: Equatable, Sendable {
    public var learning = 0
    public var reviews = 0
    public var new = 0
    public var laterToday = 0
    public var tomorrow = 0
    /// What can be practised now: learning, reviews and new cards within today's limits.
    public var dueNow: Int { learning + reviews + new }

    public init(learning: Int = 0, reviews: Int = 0, new: Int = 0, laterToday: Int = 0, tomorrow: Int = 0) {
        self.learning = learning
        self.reviews = reviews
        self.new = new
        self.laterToday = laterToday
        self.tomorrow = tomorrow
    }

    public static func + (lhs: DueCounts, rhs: DueCounts) -> DueCounts {
        DueCounts(
            learning: lhs.learning + rhs.learning, reviews: lhs.reviews + rhs.reviews, new: lhs.new + rhs.new,
            laterToday: lhs.laterToday + rhs.laterToday, tomorrow: lhs.tomorrow + rhs.tomorrow)
    }
}
