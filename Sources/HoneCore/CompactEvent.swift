/// One event, as a pass over the whole log (the stats) holds a million of them: no id and no
/// string, so the history of every card fits one array. The reader leaves out the events an
/// undo took back (and the undos), so nothing here needs an id.
public struct CompactEvent: Sendable, ReplayEvent {
    /// What kind of event it is; only answers carry `answer` and a duration.
    public enum Event: UInt8, Sendable {
        case answer, suspend, unsuspend, bury, forget, other
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

    public var answerGiven: Answer? { event == .answer ? answer : nil }

    public var id: String { "" }
}
