/// What one answer did: the state after it and how it is logged.
public struct ScheduledAnswer: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case learn, review, relearn, drill
    }

    public var state: CardState
    public var kind: Kind
    /// The interval this answer gave, in days (fractional for learning steps).
    public var intervalDays: Double

    public init(state: CardState, kind: Kind, intervalDays: Double) {
        self.state = state
        self.kind = kind
        self.intervalDays = intervalDays
    }
}
