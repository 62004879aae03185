/// Where a card stands in its learning: derived from the event log by replaying it, never
/// the truth itself. The phase with its schedule, what every algorithm counts (answers,
/// lapses), what the learner set (suspended, buried), and what one algorithm keeps for itself.
public struct CardState: Hashable, Sendable {
    /// The phase alone, without its schedule.
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

    public var phaseState = PhaseState.new
    /// Answers that changed the schedule (drills excluded).
    public var reps = 0
    public var lapses = 0
    public var leech = false
    public var suspended = false
    /// The learning day through which a `bury` hides the card, or nil. The scheduler never sets
    /// it and keeps it through every answer; the replay of the learner's events does.
    public var buriedDay: Int?
    /// What the algorithm that answered the card keeps for itself (the `classic` preset's
    /// repetition count and drill day); nil for the `anki` preset, which needs nothing more.
    public var memory: SchedulerMemory?

    public init() {}

    public init(
        _ phaseState: PhaseState, reps: Int = 0, lapses: Int = 0, leech: Bool = false, suspended: Bool = false,
        buriedDay: Int? = nil, memory: SchedulerMemory? = nil
    ) {
        self.phaseState = phaseState
        self.reps = reps
        self.lapses = lapses
        self.leech = leech
        self.suspended = suspended
        self.buriedDay = buriedDay
        self.memory = memory
    }

    public static let new = CardState()
}

// MARK: - The fields as the rest of hone reads them

// Read by the queue, the stats, the exports and the store. The setters are for tests, which
// build a state field by field: setting `phase` converts the schedule to the new phase, and a
// field the phase does not hold (an interval on a new card) is dropped.
extension CardState {
    public internal(set) var phase: Phase {
        get { phaseState.phase }
        set {
            guard newValue != phase else { return }
            phaseState = PhaseState(
                phase: newValue, due: due, interval: interval, ease: ease, step: step, stepSeconds: stepSeconds)
        }
    }

    public internal(set) var due: Due {
        get { phaseState.due }
        set {
            // A relearning card is due by its step, so only a review card's due day is its review's.
            if case .review(var review) = phaseState {
                if case .day(let day) = newValue { review.dueDay = day } else { review.dueDay = 0 }
                phaseState = .review(review)
                return
            }
            switch newValue {
            case .none: editLearning { $0.due = .instant(0) }
            case .instant(let at): editLearning { $0.due = .instant(at) }
            case .day(let day): editLearning { $0.due = .day(day) }
            }
        }
    }

    /// Days; while relearning, the interval kept for after relearning; 0 for new and learning cards.
    public internal(set) var interval: Int {
        get { phaseState.review?.intervalDays ?? 0 }
        set { editReview { $0.intervalDays = newValue } }
    }

    /// Permille: 2500 is an ease (SM-2's E-Factor) of 2.5; 0 for new and learning cards.
    public internal(set) var ease: Int {
        get { phaseState.review?.easePermille ?? 0 }
        set { editReview { $0.easePermille = newValue } }
    }

    /// The index of the current learning or relearning step (0 outside them).
    public internal(set) var step: Int {
        get { phaseState.learning?.step ?? 0 }
        set { editLearning { $0.step = newValue } }
    }

    /// The length of the current learning step, in seconds (0 outside learning).
    public internal(set) var stepSeconds: Int {
        get { phaseState.learning?.stepSeconds ?? 0 }
        set { editLearning { $0.stepSeconds = newValue } }
    }

    /// `classic`: the day on which the card must come back as a drill until rated 4 or 5.
    public internal(set) var drillDay: Int? {
        get { memory?.classic?.drillDay }
        set { editClassic { $0.drillDay = newValue } }
    }

    /// `classic`: SM-2's repetition count `n` (0 for any other algorithm).
    var streak: Int {
        get { memory?.classic?.streak ?? 0 }
        set { editClassic { $0.streak = newValue } }
    }

    private mutating func editReview(_ edit: (inout ReviewState) -> Void) {
        switch phaseState {
        case .review(var review):
            edit(&review)
            phaseState = .review(review)
        case .relearning(var relearning):
            edit(&relearning.review)
            phaseState = .relearning(relearning)
        case .new, .learning: break
        }
    }

    private mutating func editLearning(_ edit: (inout LearningState) -> Void) {
        switch phaseState {
        case .learning(var learning):
            edit(&learning)
            phaseState = .learning(learning)
        case .relearning(var relearning):
            edit(&relearning.learning)
            phaseState = .relearning(relearning)
        case .new, .review: break
        }
    }

    private mutating func editClassic(_ edit: (inout ClassicMemory) -> Void) {
        var classic = memory?.classic ?? ClassicMemory()
        edit(&classic)
        memory = .classic(classic)
    }
}
