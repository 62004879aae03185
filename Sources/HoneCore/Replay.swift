/// Anything the replay can step through: an event of the log, or a compact copy of one (the
/// stats read a million of them without a string each).
public protocol ReplayEvent {
    /// When it happened, milliseconds since 1970 UTC.
    var milliseconds: Int64 { get }
    var action: EventAction { get }
    /// The answer, when the event is one: most events are, and a replay of a million asks
    /// this first, without building an `EventAction` (whose string payloads cost a copy).
    var answerGiven: Answer? { get }
    /// Its id, compared only with the targets of `undo` events of the same card.
    var id: String { get }
}

extension ReplayEvent {
    public var answerGiven: Answer? { action.answer }

    /// Seconds since 1970, what the scheduler reasons in (rounded down, also before 1970).
    public var seconds: Int64 { milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000 }
}

/// The one replay: a card's events in log order, `(time, id)`, give a sequence of (state
/// before, event, state after). Card states, suspensions and buries are all derived here, and
/// every reader of the log (the practice queue, undo, import, export, doctor, stats) goes
/// through it, so they cannot disagree. It depends on nothing but its input: no clock, no hash
/// seed, no dictionary order.
public struct Replay: Sendable {
    public let scheduler: Scheduler

    public init(scheduler: Scheduler) {
        self.scheduler = scheduler
    }

    /// What one event did.
    public struct Step: Sendable {
        public var before: CardState
        public var after: CardState
        /// For an answer, what the scheduler made of it (the kind it counts as, the interval).
        public var outcome: ScheduledAnswer?
        /// Taken back by a later `undo`: it changed nothing (`after == before`).
        public var isTakenBack: Bool

        public init(before: CardState, after: CardState, outcome: ScheduledAnswer?, isTakenBack: Bool) {
            self.before = before
            self.after = after
            self.outcome = outcome
            self.isTakenBack = isTakenBack
        }
    }

    /// Applies one event to a card's state. `keyHash` is the card key's `FNV1a` hash (the fuzz
    /// seed), worked out once per card.
    public func apply(_ event: some ReplayEvent, to state: CardState, keyHash: UInt64) -> Step {
        var after = state
        let outcome = advance(&after, by: event, keyHash: keyHash)
        return Step(before: state, after: after, outcome: outcome, isTakenBack: false)
    }

    /// What every event does to a card, in place: `apply` without the copies of a `Step`, for
    /// the stats' pass over a million events. Returns what the scheduler made of an answer.
    public func advance(_ state: inout CardState, by event: some ReplayEvent, keyHash: UInt64) -> ScheduledAnswer? {
        if let answer = event.answerGiven {
            let (suspended, buriedDay) = (state.suspended, state.buriedDay)
            let scheduled = scheduler.answer(state, answer, at: event.seconds, keyHash: keyHash)
            state = scheduled.state
            // Flags the learner set stay as they were; the scheduler only adds (a leech suspended).
            state.suspended = scheduled.state.suspended || suspended
            state.buriedDay = buriedDay
            return scheduled
        }
        switch event.action {
        case .answer:
            break  // answered above
        case .suspend:
            state.suspended = true
        case .unsuspend:
            state.suspended = false
        case .bury:
            state.buriedDay = scheduler.clock.day(of: event.seconds)
        case .forget:
            let suspended = state.suspended
            state = .new
            state.suspended = suspended
        case .setState(let given):
            Replay.set(&state, to: given, preset: scheduler.settings.preset)
        case .undo, .other:
            // An undo's target was passed over before it; the undo itself changes nothing more.
            break
        }
        return nil
    }

    /// What a `set-state` does: the schedule and counts become the given ones; what the learner
    /// set (suspended, buried) stays, and so does the leech mark, which records lapses past
    /// rather than the schedule.
    ///
    /// The scheduler's memory is dropped, but for the `fsrs` preset's (below). The `anki` preset
    /// keeps none. The `classic` preset's (SM-2's repetition count `n` and drill day) is not
    /// derived from the given state either: `n` counts the successes since the last failure,
    /// which neither `reps` (every answer) nor the interval tells, so any value would be a
    /// guess. Without it SM-2 counts from 0, as for an item it has just met: the next passing
    /// answer gives I(1), from the given ease.
    ///
    /// The `fsrs` preset's memory is the given stability and difficulty when the source knew
    /// them (within FSRS's bounds, rounded as Anki stores them); otherwise the memory the card's
    /// answers before it built, as Anki keeps a card's memory state through a due date set by
    /// hand and derives it from the review history it has; and only for a card with neither,
    /// Anki's estimate from the ease and interval at its next answer (`FSRSScheduling.current`).
    /// The last answer stays the card's own when it had one. Other presets keep no memory from
    /// a set state.
    public static func set(_ state: inout CardState, to given: ImportedState, preset: SchedulerSettings.Preset) {
        let built = state.memory?.fsrs
        state.phaseState = given.phaseState
        state.reps = given.reps
        state.lapses = given.lapses
        state.memory = nil
        guard preset == .fsrs, given.phaseState != .new else { return }
        if let stability = given.stability, stability > 0, let difficulty = given.difficulty {
            // Within FSRS's bounds before rounding, so a tiny or huge value from another tool
            // never becomes 0 or infinity.
            let memory = FSRSMemoryState(
                stability: Float(min(max(stability, 0.001), 36_500)), difficulty: Float(min(max(difficulty, 1), 10)))
            state.memory = .fsrs(FSRSMemory(state: memory.stored, lastReview: built?.lastReview))
        } else if let built {
            state.memory = .fsrs(built)
        }
    }

    /// Replays one card's events (in log order) from `start`, calling `body` with each event
    /// and what it did, and returns the state after the last.
    @discardableResult
    public func card<Events: Collection>(
        _ events: Events, key: String, from start: CardState = .new,
        _ body: (Events.Element, Step) -> Void = { _, _ in }
    ) -> CardState where Events.Element: ReplayEvent {
        card(events, keyHash: FNV1a.hash(key), from: start, body)
    }

    /// `card(_:key:from:_:)` given the key's hash.
    @discardableResult
    public func card<Events: Collection>(
        _ events: Events, keyHash: UInt64, from start: CardState = .new,
        _ body: (Events.Element, Step) -> Void = { _, _ in }
    ) -> CardState where Events.Element: ReplayEvent {
        let takenBack = Replay.takenBack(events)
        var state = start
        for event in events {
            if !takenBack.isEmpty, takenBack.contains(event.id) {
                body(event, Step(before: state, after: state, outcome: nil, isTakenBack: true))
                continue
            }
            let step = apply(event, to: state, keyHash: keyHash)
            body(event, step)
            state = step.after
        }
        return state
    }

    /// Replays many cards' events, grouped by card (each card's in log order), calling
    /// `eachEvent` with each event's card key, the event and what it did, then `eachCard` with each
    /// card's key, events and final state. `cardOf` names an event's card.
    public func cards<Events: RandomAccessCollection>(
        _ events: Events, cardOf: (Events.Element) -> String,
        eachEvent: (String, Events.Element, Step) -> Void = { _, _, _ in },
        eachCard body: (String, Events.SubSequence, CardState) throws -> Void
    ) rethrows where Events.Element: ReplayEvent {
        var start = events.startIndex
        while start < events.endIndex {
            let key = cardOf(events[start])
            var end = events.index(after: start)
            while end < events.endIndex, cardOf(events[end]) == key { end = events.index(after: end) }
            let slice = events[start..<end]
            try body(key, slice, card(slice, key: key) { event, step in eachEvent(key, event, step) })
            start = end
        }
    }

    /// `cards(_:cardOf:eachEvent:eachCard:)` for a caller that wants only the events.
    public func cards<Events: RandomAccessCollection>(
        _ events: Events, cardOf: (Events.Element) -> String, eachEvent: (String, Events.Element, Step) -> Void
    ) where Events.Element: ReplayEvent {
        cards(events, cardOf: cardOf, eachEvent: eachEvent, eachCard: { _, _, _ in })
    }

    /// The ids that `undo` events among `events` take back. An undo takes back an event of the
    /// same card; undos themselves are never taken back, so one pass finds them all.
    static func takenBack<Events: Collection>(_ events: Events) -> Set<String> where Events.Element: ReplayEvent {
        var targets = Set<String>()
        for event in events where event.answerGiven == nil {
            if case .undo(let target) = event.action { targets.insert(target) }
        }
        return targets
    }
}

extension Array where Element == LogEvent {
    /// The final state of every card of a log grouped by card: a convenience for tests and
    /// small logs (the store streams large ones through `Replay.cards`).
    public func replayedStates(with replay: Replay) -> [String: CardState] {
        var states: [String: CardState] = [:]
        replay.cards(self, cardOf: { $0.card }, eachCard: { key, _, state in states[key] = state })
        return states
    }
}
