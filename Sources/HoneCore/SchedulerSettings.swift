/// Every knob of the three presets of `scheduler.md`, with Anki's defaults, and the daily limits.
public struct SchedulerSettings: Hashable, Sendable {
    public enum Preset: String, Sendable, CaseIterable {
        /// Anki's SM-2 variant with its v3 defaults (the default).
        case anki
        /// SuperMemo's SM-2 as published in 1990.
        case classic
        /// FSRS-6 as Anki's FSRS mode schedules with it.
        case fsrs
    }

    public enum LeechAction: String, Sendable, CaseIterable {
        case tag
        case suspend
    }

    public var preset = Preset.anki
    public var learningSteps = [LearningDuration(seconds: 60), LearningDuration(seconds: 600)]
    public var graduatingInterval = 1
    public var easyInterval = 4
    /// Permille: 2500 is an ease of 2.5.
    public var startingEase = 2500
    public var easyBonus: Float = 1.3
    public var hardFactor: Float = 1.2
    public var intervalModifier: Float = 1.0
    public var relearningSteps = [LearningDuration(seconds: 600)]
    public var lapseFactor: Float = 0.0
    public var minimumInterval = 1
    public var maximumInterval = 36_500
    public var leechThreshold = 8
    public var leechAction = LeechAction.tag
    public var fuzz = true
    public var learnAhead = LearningDuration(seconds: 1200)
    /// `fsrs`: the probability of recall at which a review is due.
    public var desiredRetention: Float = 0.9
    /// `fsrs`: the 21 weights of the model.
    public var fsrsParameters = FSRSParameters.default

    public var newPerDay = 20
    public var reviewsPerDay = 200
    /// The hour (local time) at which a new day starts.
    public var rolloverHour = 4

    public init() {}
}
