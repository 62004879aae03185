/// Every card's events, compactly: the card keys in order, and for each the range of its
/// answers in one flat array, in time order. A million answers take one allocation, not a
/// million, so the log can be read on one core while the decks are read on another.
public struct AnswerHistories: Sendable {
    /// One event, as the log holds it, without its id: the reader leaves out the events an
    /// undo took back (and the undos), so nothing here needs one.
    public struct Answer: Sendable, ReplayEvent {
        /// What kind of event it is; only answers carry `answer` and a duration.
        public enum Event: UInt8, Sendable {
            case answer, suspend, unsuspend, bury, forget, other
        }

        public var milliseconds: Int64
        public var durationMilliseconds: Int32
        public var answer: HoneCore.Answer
        public var event: Event

        public init(milliseconds: Int64, answer: HoneCore.Answer, durationMilliseconds: Int) {
            self.milliseconds = milliseconds
            self.answer = answer
            self.durationMilliseconds = Int32(clamping: durationMilliseconds)
            event = .answer
        }

        /// An event other than an answer.
        public init(milliseconds: Int64, event: Event) {
            self.milliseconds = milliseconds
            answer = .button(.good)
            durationMilliseconds = 0
            self.event = event
        }

        public var action: EventAction {
            switch event {
            case .answer: .answer(answer, durationMilliseconds: Int(durationMilliseconds))
            case .suspend: .suspend
            case .unsuspend: .unsuspend
            case .bury: .bury
            case .forget: .forget
            case .other: .other("")
            }
        }

        public var id: String { "" }
    }

    public private(set) var keys: [String] = []
    /// `answers[starts[i]..<starts[i + 1]]` are the answers to `keys[i]`.
    public private(set) var starts: [Int] = [0]
    public private(set) var answers: [Answer] = []

    public init(expectedAnswers: Int = 0) {
        answers.reserveCapacity(expectedAnswers)
    }

    public var count: Int { keys.count }

    /// Calls `body` with every answer at once; `history(_:in:)` cuts a card's out of them
    /// without retaining anything (a slice would retain the one array, and two cores
    /// retaining the same object contend for it).
    public func withAnswers<R>(_ body: (UnsafeBufferPointer<Answer>) throws -> R) rethrows -> R {
        try answers.withUnsafeBufferPointer(body)
    }

    public func history(_ index: Int, in all: UnsafeBufferPointer<Answer>) -> UnsafeBufferPointer<Answer> {
        UnsafeBufferPointer(rebasing: all[starts[index]..<starts[index + 1]])
    }

    /// Starts the history of the next card.
    public mutating func startCard(_ key: String) {
        if !keys.isEmpty { starts.append(answers.count) }
        keys.append(key)
    }

    public mutating func append(_ answer: Answer) {
        answers.append(answer)
    }

    /// Closes the last card's history; call once, after the last answer.
    public mutating func finish() {
        if !keys.isEmpty { starts.append(answers.count) }
    }
}
