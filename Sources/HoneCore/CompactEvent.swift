/// One event, as a pass over the whole log (the stats) holds a million of them: no id and no
/// string, so the history of every card fits one array. The reader leaves out the events an
/// undo took back (and the undos), so nothing here needs an id. A set-state's state would
/// more than double every event's size: it is kept beside the events, in a table of its own,
/// and the event holds its place there (`setStateIndex`).
public struct CompactEvent: Sendable, ReplayEvent {
    /// What kind of event it is; only answers carry `answer` and a duration.
    public enum Event: UInt8, Sendable {
        case answer, suspend, unsuspend, bury, forget, other
        /// Its state is in the table beside the events, at `setStateIndex`.
        case setState
    }

    public var milliseconds: Int64
    public var durationMilliseconds: Int32
    public var answer: Answer
    public var event: Event

    public init(milliseconds: Int64, answer: Answer, durationMilliseconds: Int) {
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

    /// A set-state, its state being the one at `index` of the table beside the events.
    public init(milliseconds: Int64, setStateIndex index: Int) {
        self.init(milliseconds: milliseconds, event: .setState)
        // A set-state has no duration: the field holds its place instead.
        durationMilliseconds = Int32(clamping: index)
    }

    /// Where a set-state's state is in the table beside the events; nil for any other event.
    public var setStateIndex: Int? { event == .setState ? Int(durationMilliseconds) : nil }

    /// A set-state's action is `other`: its state is not here. A replay of compact events
    /// applies it from the table (`StatsBuilder`, through `Replay.set`).
    public var action: EventAction {
        switch event {
        case .answer: .answer(answer, durationMilliseconds: Int(durationMilliseconds))
        case .suspend: .suspend
        case .unsuspend: .unsuspend
        case .bury: .bury
        case .forget: .forget
        case .other: .other("")
        case .setState: .other("set-state")
        }
    }

    public var answerGiven: Answer? { event == .answer ? answer : nil }

    public var id: String { "" }
}
