/// Where a card stands in its learning: derived from the review log by replaying it, never
/// the truth itself.
public struct CardState: Hashable, Sendable {
    public enum Phase: String, Sendable, CaseIterable {
        case new, learning, review, relearning
    }

    /// When a card is next due: learning steps at an instant, reviews on a day.
    public enum Due: Hashable, Sendable {
        case none
        /// Seconds since 1970.
        case instant(Int64)
        /// A day number of `DayClock`.
        case day(Int)
    }

    public var phase = Phase.new
    public var due = Due.none
    /// Days; while relearning, the interval kept for after relearning.
    public var interval = 0
    /// Permille: 2500 is an ease (SM-2's E-Factor) of 2.5.
    public var ease = 0
    /// Answers that changed the schedule (drills excluded).
    public var reps = 0
    public var lapses = 0
    /// The index of the current learning or relearning step.
    public var step = 0
    /// The length of the current learning step, in seconds (0 outside learning).
    public var stepSeconds = 0
    /// SM-2's repetition count `n`: successes since the last failure (`classic` preset).
    public var streak = 0
    public var leech = false
    public var suspended = false
    /// The learning day a `bury` event hides the card through; nil when it was never buried.
    public var buriedDay: Int?
    /// `classic`: the day on which the card must come back as a drill until rated 4 or 5.
    public var drillDay: Int?

    public init() {}

    public static let new = CardState()
}

/// What one answer did: the state after it and how it is logged.
public struct ScheduledAnswer: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case learn, review, relearn, drill
    }

    public var state: CardState
    public var kind: Kind
    /// The interval this answer gave, in days (fractional for learning steps).
    public var intervalDays: Double
}
