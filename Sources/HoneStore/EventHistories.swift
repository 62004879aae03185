import HoneCore

/// Every card's events, compactly (the stats' pass over the whole log): the card keys in
/// order, and for each the range of its events in one flat array, in log order. A million
/// events take one allocation, not a million, so the log can be read on one core while the
/// decks are read on another.
public struct EventHistories: Sendable {
    public private(set) var keys: [String] = []
    /// `answers[starts[i]..<starts[i + 1]]` are the answers to `keys[i]`.
    public private(set) var starts: [Int] = [0]
    public private(set) var answers: [CompactEvent] = []
    /// The states of the set-states among them (few), each at its event's `setStateIndex`.
    public private(set) var setStates: [ImportedState] = []

    public init(expectedAnswers: Int = 0) {
        answers.reserveCapacity(expectedAnswers)
    }

    public var count: Int { keys.count }

    /// Calls `body` with every answer at once; `history(_:in:)` cuts a card's out of them
    /// without retaining anything (a slice would retain the one array, and two cores
    /// retaining the same object contend for it).
    public func withAnswers<R>(_ body: (UnsafeBufferPointer<CompactEvent>) throws -> R) rethrows -> R {
        try answers.withUnsafeBufferPointer(body)
    }

    public func history(_ index: Int, in all: UnsafeBufferPointer<CompactEvent>) -> UnsafeBufferPointer<CompactEvent> {
        UnsafeBufferPointer(rebasing: all[starts[index]..<starts[index + 1]])
    }

    /// Starts the history of the next card.
    public mutating func startCard(_ key: String) {
        if !keys.isEmpty { starts.append(answers.count) }
        keys.append(key)
    }

    public mutating func append(_ answer: CompactEvent) {
        answers.append(answer)
    }

    /// Appends a set-state, its state to the table beside the events.
    public mutating func appendSetState(_ state: ImportedState, milliseconds: Int64) {
        answers.append(CompactEvent(milliseconds: milliseconds, setStateIndex: setStates.count))
        setStates.append(state)
    }

    /// Calls `body` with the set-states' states at once, for the same reason as `withAnswers`.
    public func withSetStates<R>(_ body: (UnsafeBufferPointer<ImportedState>) throws -> R) rethrows -> R {
        try setStates.withUnsafeBufferPointer(body)
    }

    /// Closes the last card's history; call once, after the last answer.
    public mutating func finish() {
        if !keys.isEmpty { starts.append(answers.count) }
    }
}
