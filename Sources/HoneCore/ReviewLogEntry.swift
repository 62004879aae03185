/// One answer in the review log: the truth that card states are derived from.
public struct ReviewLogEntry: Hashable, Sendable {
    /// Unique for every answer.
    public var id: String
    /// `DECK_ID/CARD_ID`.
    public var card: String
    /// Milliseconds since 1970, UTC.
    public var time: Int64
    /// The UTC offset of the place the answer was given, in seconds (kept for the record).
    public var utcOffset: Int
    public var answer: Answer
    public var durationMilliseconds: Int
    /// How the answer counted, as replay found it.
    public var kind: ScheduledAnswer.Kind

    public init(
        id: String, card: String, time: Int64, utcOffset: Int, answer: Answer, durationMilliseconds: Int = 0,
        kind: ScheduledAnswer.Kind = .review
    ) {
        self.id = id
        self.card = card
        self.time = time
        self.utcOffset = utcOffset
        self.answer = answer
        self.durationMilliseconds = durationMilliseconds
        self.kind = kind
    }

    /// Seconds since 1970, what the scheduler reasons in.
    public var seconds: Int64 { time >= 0 ? time / 1000 : (time - 999) / 1000 }
}

/// Rebuilds card states from the review log: the states are never the truth, the log is.
public struct Replay: Sendable {
    public let scheduler: Scheduler

    public init(scheduler: Scheduler) {
        self.scheduler = scheduler
    }

    /// The state of one card after its answers (sorted by time), and what each answer did.
    public func card(_ entries: [ReviewLogEntry]) -> (state: CardState, steps: [ScheduledAnswer]) {
        var state = CardState.new
        var steps: [ScheduledAnswer] = []
        steps.reserveCapacity(entries.count)
        for entry in entries {
            let outcome = scheduler.answer(state, entry.answer, at: entry.seconds, key: entry.card)
            state = outcome.state
            steps.append(outcome)
        }
        return (state, steps)
    }

    /// The states of every card in a log sorted by card, then time.
    public func all(_ entries: [ReviewLogEntry]) -> [String: CardState] {
        var states: [String: CardState] = [:]
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].card == entries[start].card { end += 1 }
            var state = CardState.new
            let key = entries[start].card
            let keyHash = FNV1a.hash(key)
            for index in start..<end {
                state = scheduler.answer(state, entries[index].answer, at: entries[index].seconds, keyHash: keyHash).state
            }
            states[key] = state
            start = end
        }
        return states
    }
}
