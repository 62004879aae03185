/// The scheduling state a `set-state` event gives its card, as another tool had it (an import)
/// or as the learner set it (rescheduling by hand): the phase with its schedule, the counts,
/// and the FSRS memory state when the source knew it.
///
/// While relearning, the review part's due day is not part of it: the card is due by its
/// step, nothing reads that day, and the review's next one is worked out when the card leaves
/// its steps. It is kept as 0, so a set state reads back from the log and from a CSV as given.
public struct ImportedState: Hashable, Sendable {
    public var phaseState: PhaseState {
        didSet { phaseState = ImportedState.normalized(phaseState) }
    }
    /// Answers that changed the schedule, as the source counted them.
    public var reps: Int
    public var lapses: Int
    /// FSRS's memory state (stability in days, difficulty 1-10), kept in the log when the
    /// source knew it. hone has no FSRS mode yet, so the replay does not read them. A value that
    /// is not a finite number is not known: nil (NaN is not even equal to itself).
    public var stability: Double? {
        didSet { stability = ImportedState.finite(stability) }
    }
    public var difficulty: Double? {
        didSet { difficulty = ImportedState.finite(difficulty) }
    }

    public init(
        _ phaseState: PhaseState, reps: Int, lapses: Int, stability: Double? = nil, difficulty: Double? = nil
    ) {
        self.phaseState = ImportedState.normalized(phaseState)
        self.reps = reps
        self.lapses = lapses
        self.stability = ImportedState.finite(stability)
        self.difficulty = ImportedState.finite(difficulty)
    }

    private static func finite(_ value: Double?) -> Double? {
        value.flatMap { $0.isFinite ? $0 : nil }
    }

    private static func normalized(_ phaseState: PhaseState) -> PhaseState {
        guard case .relearning(var relearning) = phaseState, relearning.review.dueDay != 0 else { return phaseState }
        relearning.review.dueDay = 0
        return .relearning(relearning)
    }
}
