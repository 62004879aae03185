/// A card on a learning step (new cards being learned), or the learning part of a relearning
/// card: which step it stands on, how long that step is, and when the step ends.
public struct LearningState: Hashable, Sendable {
    /// When the step ends: at an instant, or on a day when the step ends after the next day
    /// starts (a long step comes back with that day's reviews, not at an hour of the night).
    public enum Due: Hashable, Sendable {
        /// Seconds since 1970.
        case instant(Int64)
        /// A day number of `DayClock`.
        case day(Int)
    }

    /// The index of the step in the learning (or relearning) steps.
    public var step: Int
    /// The length of this step, in seconds.
    public var stepSeconds: Int
    public var due: Due

    public init(step: Int, stepSeconds: Int, due: Due) {
        self.step = step
        self.stepSeconds = stepSeconds
        self.due = due
    }
}
