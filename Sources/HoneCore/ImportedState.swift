/// The scheduling state a `set-state` event gives its card, as another tool had it (an import)
/// or as the learner set it (rescheduling by hand): the phase with its schedule, the counts,
/// and the FSRS memory state when the source knew it.
///
/// While relearning, the review part's due day is not part of it: the card is due by its
/// step, nothing reads that day, and the review's next one is worked out when the card leaves
/// its steps. It is kept as 0, so a set state reads back from the log and from a CSV as given.
///
/// Its fields live in a shared, immutable box, so that it is one pointer inside `EventAction`:
/// inline, its hundred bytes grew every event of a million-answer import (520 MB at the peak
/// instead of 382 MB). `indirect case` would box it too, but the debug build of Swift 6.3.1
/// miscompiled the enum (a session's events crashed in `swift_retain`); the box is explicit.
public struct ImportedState: Hashable, Sendable {
    private var fields: Fields

    public var phaseState: PhaseState {
        get { fields.phaseState }
        set { edit { $0.phaseState = ImportedState.normalized(newValue) } }
    }
    /// Answers that changed the schedule, as the source counted them.
    public var reps: Int {
        get { fields.reps }
        set { edit { $0.reps = min(max(newValue, 0), ImportedState.largestCount) } }
    }
    public var lapses: Int {
        get { fields.lapses }
        set { edit { $0.lapses = min(max(newValue, 0), ImportedState.largestCount) } }
    }
    /// FSRS's memory state (stability in days, difficulty 1-10), kept in the log when the
    /// source knew it; the `fsrs` preset starts from them (`Replay.set`). A value that
    /// is not a finite number is not known: nil (NaN is not even equal to itself).
    public var stability: Double? {
        get { fields.stability }
        set { edit { $0.stability = ImportedState.finite(newValue) } }
    }
    public var difficulty: Double? {
        get { fields.difficulty }
        set { edit { $0.difficulty = ImportedState.finite(newValue) } }
    }

    public init(
        _ phaseState: PhaseState, reps: Int, lapses: Int, stability: Double? = nil, difficulty: Double? = nil
    ) {
        fields = Fields(
            Values(
                phaseState: ImportedState.normalized(phaseState),
                reps: min(max(reps, 0), ImportedState.largestCount),
                lapses: min(max(lapses, 0), ImportedState.largestCount),
                stability: ImportedState.finite(stability), difficulty: ImportedState.finite(difficulty)))
    }

    public static func == (left: ImportedState, right: ImportedState) -> Bool {
        left.fields === right.fields || left.fields.values == right.fields.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.values)
    }

    /// A changed copy: the box is never changed, so copies already made keep their values.
    private mutating func edit(_ change: (inout Values) -> Void) {
        var values = fields.values
        change(&values)
        fields = Fields(values)
    }

    private static func finite(_ value: Double?) -> Double? {
        value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// What the log and its CSV carry: counts, intervals and steps of up to nine digits, an ease
    /// under 1000, days and instants from 1970 to 9999. A state from another tool (a damaged or
    /// hand-made Anki package) is held to them, so every state set can be stored, read back and
    /// shown: a due day of 2^63 once stored made every later command overflow.
    public static let largestCount = 999_999_999
    public static let largestEasePermille = 999_999
    public static let days = 0...2_932_896
    public static let instants: ClosedRange<Int64> = 0...253_402_300_799

    private static func normalized(_ phaseState: PhaseState) -> PhaseState {
        func count(_ value: Int) -> Int { min(max(value, 0), largestCount) }
        func day(_ value: Int) -> Int { min(max(value, days.lowerBound), days.upperBound) }
        func learning(_ state: LearningState) -> LearningState {
            let due: LearningState.Due =
                switch state.due {
                case .instant(let at): .instant(min(max(at, instants.lowerBound), instants.upperBound))
                case .day(let value): .day(day(value))
                }
            return LearningState(step: count(state.step), stepSeconds: count(state.stepSeconds), due: due)
        }
        func review(_ state: ReviewState, dueDay: Int? = nil) -> ReviewState {
            ReviewState(
                intervalDays: count(state.intervalDays),
                easePermille: min(max(state.easePermille, 0), largestEasePermille),
                dueDay: dueDay ?? day(state.dueDay))
        }
        switch phaseState {
        case .new: return .new
        case .learning(let state): return .learning(learning(state))
        case .review(let state): return .review(review(state))
        case .relearning(let state):
            // The review's due day is not part of a relearning state (see above).
            return .relearning(
                RelearningState(learning: learning(state.learning), review: review(state.review, dueDay: 0)))
        }
    }

    private struct Values: Hashable, Sendable {
        var phaseState: PhaseState
        var reps: Int
        var lapses: Int
        var stability: Double?
        var difficulty: Double?
    }

    /// Immutable once made, so sharing it between copies and threads is safe.
    private final class Fields: Sendable {
        let values: Values

        init(_ values: Values) {
            self.values = values
        }

        var phaseState: PhaseState { values.phaseState }
        var reps: Int { values.reps }
        var lapses: Int { values.lapses }
        var stability: Double? { values.stability }
        var difficulty: Double? { values.difficulty }
    }
}
