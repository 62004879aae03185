import HoneCore
import HoneDeck

/// What `hone suspend`, `unsuspend`, `bury`, `forget` and `undo` print: a line a card for a
/// person, or JSON (the README documents both).
public enum CardActionText {
    public typealias Done = (event: LogEvent, state: CardState)

    /// "suspended net/ask (new)".
    public static func lines(_ done: [Done], verb: String) -> String {
        done.map { "\(verb) \(VisibleText.make($0.event.card)) (\(summary($0.state)))" }.joined(separator: "\n")
    }

    public static func json(_ done: [Done], clock: DayClock) -> String {
        var writer = JSONWriter()
        writer.array(done) { writer, done in write(done.event, done.state, clock: clock, into: &writer) }
        return writer.text
    }

    /// "took back the suspend of net/ask at 2026-03-03T09:00:00Z (now new)".
    public static func undoLine(undone: LogEvent, done: Done) -> String {
        "took back the \(undone.action.name) of \(VisibleText.make(undone.card)) (\(summary(done.state)))"
    }

    public static func json(undone: LogEvent, done: Done, clock: DayClock) -> String {
        var writer = JSONWriter()
        writer.raw("{\"undone\":")
        writeEvent(undone, into: &writer)
        writer.raw("},\"undo\":")
        write(done.event, done.state, clock: clock, into: &writer)
        writer.raw("}")
        return writer.text
    }

    /// `{"card", "event", "id"` of an event, the object left open.
    private static func writeEvent(_ event: LogEvent, into writer: inout JSONWriter) {
        writer.raw("{\"card\":")
        writer.string(event.card)
        writer.raw(",\"event\":")
        writer.string(event.action.name)
        writer.raw(",\"id\":")
        writer.string(event.id)
    }

    private static func write(_ event: LogEvent, _ state: CardState, clock: DayClock, into writer: inout JSONWriter) {
        writeEvent(event, into: &writer)
        writer.raw(",\"state\":\"\(state.phase.rawValue)\",\"suspended\":\(state.suspended),\"buried_day\":")
        if let day = state.buriedDay { writer.raw("\(day)") } else { writer.raw("null") }
        writer.raw(",\"due\":")
        if let due = clock.format(due: state.due) { writer.string(due) } else { writer.raw("null") }
        writer.raw("}")
    }

    /// The state in a few words: its phase, and suspended or buried.
    static func summary(_ state: CardState) -> String {
        var words = [state.phase.rawValue]
        if state.suspended { words.append("suspended") }
        if state.buriedDay != nil { words.append("buried") }
        return words.joined(separator: ", ")
    }
}
