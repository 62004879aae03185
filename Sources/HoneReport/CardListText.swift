import HoneCore
import HoneDeck

/// `hone cards`: every card and where it stands, a line each for a person or a JSON array
/// (the README documents the schema). `clock` writes the due times.
public struct CardListText {
    public typealias Row = (deck: String, card: Card, state: CardState)

    let rows: [Row]
    let clock: DayClock

    public init(_ rows: [Row], clock: DayClock) {
        self.rows = rows
        self.clock = clock
    }

    public func json() -> String {
        var writer = JSONWriter()
        writer.array(rows) { writer, row in
            let state = row.state
            writer.raw("{\"card\":")
            writer.string(row.card.key)
            writer.raw(",\"deck\":")
            writer.string(row.deck)
            writer.raw(",\"type\":\"\(row.card.kind.rawValue)\",\"state\":\"\(state.phase.rawValue)\"")
            writer.raw(",\"suspended\":\(state.suspended),\"leech\":\(state.leech),\"due\":")
            if let due = clock.format(due: state.due) { writer.string(due) } else { writer.raw("null") }
            writer.raw(",\"interval\":\(state.interval),\"ease\":")
            writer.float(Double(state.ease) / 1000)
            writer.raw(",\"reps\":\(state.reps),\"lapses\":\(state.lapses)}")
        }
        return writer.text
    }

    /// A line per card: its key, phase, due time, interval, ease and counts, then its flags.
    public func lines() -> [String] {
        rows.map { row in
            let state = row.state
            var flags = state.suspended ? " suspended" : ""
            if state.leech { flags += " leech" }
            let due = clock.format(due: state.due) ?? "-"
            let ease = NumberText.plain(Double(state.ease) / 1000)
            return "\(VisibleText.make(row.card.key))  \(state.phase.rawValue)  due \(due)  interval \(state.interval)d"
                + "  ease \(ease)  reps \(state.reps)  lapses \(state.lapses)\(flags)"
        }
    }
}
