/// The scheduler: a pure function of a card's state, an answer and the moment of the answer.
/// It never reads the clock, so the same review log always replays to the same states.
public struct Scheduler: Sendable {
    public let settings: SchedulerSettings
    public let clock: DayClock
    // Built once: a replay answers a million times through here.
    private let anki: AnkiScheduling
    private let classic: ClassicScheduling
    private let fsrs: FSRSScheduling

    public init(settings: SchedulerSettings, clock: DayClock) {
        self.settings = settings
        self.clock = clock
        anki = AnkiScheduling(settings: settings, clock: clock)
        classic = ClassicScheduling(settings: settings, clock: clock)
        fsrs = FSRSScheduling(settings: settings, clock: clock)
    }

    /// The state after `answer` given at `instant` (seconds since 1970) to the card `key`.
    public func answer(_ state: CardState, _ answer: Answer, at instant: Int64, key: String) -> ScheduledAnswer {
        self.answer(state, answer, at: instant, keyHash: FNV1a.hash(key))
    }

    /// `answer(_:_:at:key:)` given the key's `FNV1a` hash (the fuzz seed), computed once per
    /// card by a replay. Works out the one outcome asked for, not all four.
    public func answer(_ state: CardState, _ answer: Answer, at instant: Int64, keyHash: UInt64) -> ScheduledAnswer {
        switch settings.preset {
        case .anki: anki.answer(state, answer.rating, at: instant, keyHash: keyHash)
        case .classic: classic.answer(state, quality: answer.quality, at: instant)
        case .fsrs: fsrs.answer(state, answer.rating, at: instant, keyHash: keyHash)
        }
    }

    /// What each button would do at `instant`: the intervals to show before the learner
    /// answers, and the outcome to save when they do (see `NextStates` for `classic` qualities).
    public func nextStates(_ state: CardState, at instant: Int64, keyHash: UInt64) -> NextStates {
        switch settings.preset {
        case .anki: anki.nextStates(state, at: instant, keyHash: keyHash)
        case .classic: classic.nextStates(state, at: instant)
        case .fsrs: fsrs.nextStates(state, at: instant, keyHash: keyHash)
        }
    }

    /// `nextStates(_:at:keyHash:)` for the card `key`.
    public func nextStates(_ state: CardState, at instant: Int64, key: String) -> NextStates {
        nextStates(state, at: instant, keyHash: FNV1a.hash(key))
    }

    /// The `fsrs` preset's memory state of a card at `instant`, with its retrievability then
    /// (recall after the whole days elapsed, as the next answer would count them); nil
    /// outside the `fsrs` preset and for new cards.
    public func memory(_ state: CardState, at instant: Int64) -> (state: FSRSMemoryState, retrievability: Float)? {
        guard settings.preset == .fsrs else { return nil }
        let (memory, days) = fsrs.current(state, today: clock.day(of: instant))
        guard let memory else { return nil }
        return (memory, fsrs.model.retrievability(days: Float(days), stability: memory.stability))
    }

    /// The four buttons in order with what each would do, for a caller that lists them.
    public func preview(_ state: CardState, at instant: Int64, key: String) -> [(Rating, ScheduledAnswer)] {
        let next = nextStates(state, at: instant, key: key)
        return Rating.allCases.map { rating in (rating, next[rating]) }
    }
}
