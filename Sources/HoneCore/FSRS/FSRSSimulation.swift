/// What a simulated stretch of practice came to, day by day, as `fsrs-rs`'s `SimulationResult`.
public struct FSRSSimulation: Hashable, Sendable {
    /// Reviews of learned cards each day (learning steps and first answers apart).
    public var reviewsPerDay: [Int]
    /// New cards introduced each day.
    public var newPerDay: [Int]
    /// Seconds of practice each day: first answers, learning steps, reviews, relearning steps.
    public var secondsPerDay: [Float]
    /// The cards known each day: the sum of every learned card's retrievability that day
    /// (`memorized_cnt_per_day`).
    public var knownPerDay: [Float]

    public var days: Int { reviewsPerDay.count }
    /// The cards known on the last day.
    public var known: Float { knownPerDay.last ?? 0 }
    public var reviews: Int { reviewsPerDay.reduce(0, +) }
    public var introduced: Int { newPerDay.reduce(0, +) }
    /// Reviews and first answers to new cards (each learning step is not counted again).
    public var answers: Int { reviews + introduced }
    public var seconds: Float { secondsPerDay.reduce(0, +) }
    public var averageReviewsPerDay: Double { days == 0 ? 0 : Double(reviews) / Double(days) }
    public var averageMinutesPerDay: Double { days == 0 ? 0 : Double(seconds) / 60 / Double(days) }
    /// Seconds of practice for each card known at the end: what `optimal_retention` makes
    /// smallest (`fsrs-rs`'s default `CMRRTargetFn`); infinite when nothing is known at the end
    /// (no retention is better than another then).
    public var secondsPerKnownCard: Float { known > 0 ? seconds / known : .infinity }
}
