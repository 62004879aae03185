/// An event as it was saved, and what it did to its card: the state the log says the card was
/// in just before it (which may be newer than the one a session showed, when another session
/// answered the card meanwhile) and the state after.
public struct RecordedEvent: Sendable {
    public var event: LogEvent
    public var step: Replay.Step

    public init(event: LogEvent, step: Replay.Step) {
        self.event = event
        self.step = step
    }
}
