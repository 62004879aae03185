import HoneCore
import HoneDeck

/// `hone cards`: every card and where it stands, a line each for a person or a JSON array
/// (the README documents the schema). `clock` writes the due times.
public struct CardListText {
    public typealias Row = (deck: String, card: Card, state: CardState)
    /// The `fsrs` preset's memory state of a card and its retrievability now, or nil.
    public typealias Memory = (CardState) -> (state: FSRSMemoryState, retrievability: Float)?

    let rows: [Row]
    let memory: Memory
    let clock: DayClock
    /// The learning day the list is for: a card buried through it is buried.
    let today: Int

    public init(_ rows: [Row], clock: DayClock, today: Int, memory: @escaping Memory = { _ in nil }) {
        self.rows = rows
        self.memory = memory
        self.clock = clock
        self.today = today
    }

    /// Hidden by a bury for the rest of `today`.
    private func isBuried(_ state: CardState) -> Bool {
        state.buriedDay.map { $0 >= today } ?? false
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
            writer.raw(",\"suspended\":\(state.suspended),\"buried\":\(isBuried(state)),\"leech\":\(state.leech)")
            writer.raw(",\"due\":")
            if let due = clock.format(due: state.due) { writer.string(due) } else { writer.raw("null") }
            writer.raw(",\"interval\":\(state.interval),\"ease\":")
            writer.float(Double(state.ease) / 1000)
            writer.raw(",\"reps\":\(state.reps),\"lapses\":\(state.lapses)")
            // FSRS's memory state, null outside the `fsrs` preset and for new cards.
            let memory = memory(state)
            writer.raw(",\"stability\":")
            if let memory { writer.float(memory.state.stability) } else { writer.raw("null") }
            writer.raw(",\"difficulty\":")
            if let memory { writer.float(memory.state.difficulty) } else { writer.raw("null") }
            writer.raw(",\"retrievability\":")
            if let memory { writer.float(memory.retrievability) } else { writer.raw("null") }
            writer.raw("}")
        }
        return writer.text
    }

    /// A table, a card a line, in aligned columns: its key, its state (phase, suspended,
    /// buried, leech), the day it is due and its prompt, cut with "…" to fit `width` columns (by
    /// display width; not cut when `width` is `.max`, as for a pipe).
    public func lines(width: Int = .max) -> [String] {
        let states = rows.map { row in
            ([row.state.phase.rawValue] + (row.state.suspended ? ["suspended"] : [])
                + (isBuried(row.state) ? ["buried"] : []) + (row.state.leech ? ["leech"] : []))
                .joined(separator: ", ")
        }
        let dues = rows.map { row in clock.format(due: row.state.due).map { String($0.prefix(10)) } ?? "-" }
        let keys = rows.map { VisibleText.make($0.card.key) }
        let keyWidth = max(4, keys.map(DisplayWidth.of).max() ?? 0)
        let stateWidth = max(5, states.map(DisplayWidth.of).max() ?? 0)
        let dueWidth = max(3, dues.map(DisplayWidth.of).max() ?? 0)
        func padded(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
        }
        let promptRoom = width == .max ? Int.max : max(8, width - keyWidth - stateWidth - dueWidth - 6)
        func line(_ key: String, _ state: String, _ due: String, _ prompt: String) -> String {
            padded(key, keyWidth) + "  " + padded(state, stateWidth) + "  " + padded(due, dueWidth) + "  "
                + LineFit.cut(prompt, to: promptRoom)
        }
        return [line("card", "state", "due", "prompt")]
            + rows.indices.map { index in
                let prompt =
                    VisibleText.make(rows[index].card.front).split(separator: "\n").first.map(String.init) ?? ""
                return line(keys[index], states[index], dues[index], prompt)
            }
    }

}
