import HoneCore
import HoneDeck

/// What `hone card KEY` prints: the card's text and place, its state, and its history, for a
/// person or as JSON (the README documents both).
public struct CardDetailText {
    /// One event and the state after it; `kind` the word of the answer's kind, if an answer.
    public typealias Entry = (event: LogEvent, after: CardState, kind: String?, isTakenBack: Bool)

    let key: String
    let card: Card?
    let deckName: String?
    let path: String?
    let state: CardState
    let history: [Entry]
    let clock: DayClock

    public init(
        key: String, card: Card?, deckName: String?, path: String?, state: CardState, history: [Entry],
        clock: DayClock
    ) {
        (self.key, self.card, self.deckName, self.path, self.state, self.history, self.clock) =
            (key, card, deckName, path, state, history, clock)
    }

    public func lines() -> [String] {
        var lines: [String] = []
        let visible = { (text: String) in VisibleText.make(text) }
        if let card {
            let place = path.map { "\(visible($0)):\(card.line)" } ?? ""
            lines.append("\(visible(key)) · \(visible(deckName ?? "")) · \(card.kind.rawValue) · \(place)")
            lines.append("  Q: \(visible(card.front))")
            if !card.back.isEmpty { lines.append("  A: \(visible(card.back))") }
            if !card.tags.isEmpty { lines.append("  tags: \(card.tags.map(visible).joined(separator: ", "))") }
        } else {
            lines.append("\(visible(key)) · no longer in any deck (its history is kept)")
        }
        lines.append("State: " + stateWords(state))
        lines.append("History: \(StatsText.count(history.count, "event"))")
        for entry in history {
            let time = clock.format(seconds: entry.event.time / 1000)
            var words = [time, entry.event.action.name]
            if case .answer(let answer, let duration) = entry.event.action {
                words.append(answer.logText)
                if let kind = entry.kind { words.append("(\(kind))") }
                words.append("\(duration / 1000) s")
            }
            if case .undo(let target) = entry.event.action { words.append("of \(visible(target))") }
            if case .setState(let given) = entry.event.action { words.append("to " + setWords(given)) }
            words.append("-> " + (entry.isTakenBack ? "taken back" : stateWords(entry.after)))
            lines.append("  " + words.joined(separator: "  "))
            // A drill's notes, the learner's evidence of practice, under their answer.
            if let note = entry.event.note {
                let noteLines = VisibleText.make(note, keepNewlines: true).split(separator: "\n")
                for (index, line) in noteLines.enumerated() {
                    lines.append((index == 0 ? "    note: " : "          ") + line)
                }
            }
        }
        return lines
    }

    public func json() -> String {
        var writer = JSONWriter()
        writer.raw("{\"card\":")
        writer.string(key)
        writer.raw(",\"deck\":")
        if let deckName { writer.string(deckName) } else { writer.raw("null") }
        writer.raw(",\"path\":")
        if let path { writer.string(path) } else { writer.raw("null") }
        writer.raw(",\"line\":\(card.map { "\($0.line)" } ?? "null"),\"type\":")
        if let card { writer.string(card.kind.rawValue) } else { writer.raw("null") }
        writer.raw(",\"front\":")
        if let card { writer.string(card.front) } else { writer.raw("null") }
        writer.raw(",\"back\":")
        if let card { writer.string(card.back) } else { writer.raw("null") }
        writer.raw(",\"state\":")
        writeState(state, into: &writer)
        writer.raw(",\"history\":")
        writer.array(history) { writer, entry in
            writer.raw("{\"id\":")
            writer.string(entry.event.id)
            writer.raw(",\"at\":")
            writer.string(clock.format(seconds: entry.event.time / 1000))
            writer.raw(",\"event\":")
            writer.string(entry.event.action.name)
            writer.raw(",\"rating\":")
            if case .answer(let answer, _) = entry.event.action {
                writer.string(answer.logText)
            } else {
                writer.raw("null")
            }
            writer.raw(",\"duration_ms\":")
            if case .answer(_, let duration) = entry.event.action {
                writer.raw("\(duration)")
            } else {
                writer.raw("null")
            }
            writer.raw(",\"kind\":")
            if let kind = entry.kind { writer.string(kind) } else { writer.raw("null") }
            writer.raw(",\"note\":")
            if let note = entry.event.note { writer.string(note) } else { writer.raw("null") }
            writer.raw(",\"set_state\":")
            if case .setState(let given) = entry.event.action {
                writeSetState(given, into: &writer)
            } else {
                writer.raw("null")
            }
            writer.raw(",\"taken_back\":\(entry.isTakenBack),\"after\":")
            writeState(entry.after, into: &writer)
            writer.raw("}")
        }
        writer.raw("}")
        return writer.text
    }

    private func writeState(_ state: CardState, into writer: inout JSONWriter) {
        writer.raw("{\"state\":\"\(state.phase.rawValue)\",\"suspended\":\(state.suspended),\"due\":")
        if let due = clock.format(due: state.due) { writer.string(due) } else { writer.raw("null") }
        writer.raw(",\"interval\":\(state.interval),\"ease\":")
        writer.float(Double(state.ease) / 1000)
        writer.raw(",\"reps\":\(state.reps),\"lapses\":\(state.lapses),\"stability\":")
        // FSRS's memory state as kept after the event (the `fsrs` preset), else null.
        let memory = state.memory?.fsrs?.state
        if let memory { writer.float(memory.stability) } else { writer.raw("null") }
        writer.raw(",\"difficulty\":")
        if let memory { writer.float(memory.difficulty) } else { writer.raw("null") }
        writer.raw("}")
    }

    /// The state a set-state gives, as set: its due a date when it is a day.
    private func writeSetState(_ given: ImportedState, into writer: inout JSONWriter) {
        let state = CardState(given.phaseState, reps: given.reps, lapses: given.lapses)
        writer.raw("{\"state\":\"\(state.phase.rawValue)\",\"due\":")
        if let due = setDue(state.due) { writer.string(due) } else { writer.raw("null") }
        writer.raw(",\"interval\":\(state.interval),\"ease\":")
        writer.float(Double(state.ease) / 1000)
        let learning = state.phaseState.learning
        writer.raw(",\"step\":\(learning.map { "\($0.step)" } ?? "null")")
        writer.raw(",\"step_seconds\":\(learning.map { "\($0.stepSeconds)" } ?? "null")")
        writer.raw(",\"reps\":\(state.reps),\"lapses\":\(state.lapses),\"stability\":")
        if let stability = given.stability { writer.float(stability) } else { writer.raw("null") }
        writer.raw(",\"difficulty\":")
        if let difficulty = given.difficulty { writer.float(difficulty) } else { writer.raw("null") }
        writer.raw("}")
    }

    /// "review, due 2026-12-20, interval 12d, ease 2.5, 5 reps, 1 lapse": what a set-state sets.
    private func setWords(_ given: ImportedState) -> String {
        let state = CardState(given.phaseState, reps: given.reps, lapses: given.lapses)
        var words = [state.phase.rawValue]
        if let due = setDue(state.due) { words.append("due \(due)") }
        if let learning = state.phaseState.learning { words.append("step \(learning.step)") }
        if let review = state.phaseState.review {
            words.append("interval \(review.intervalDays)d")
            words.append("ease \(NumberText.plain(Double(review.easePermille) / 1000))")
        }
        words.append(StatsText.count(state.reps, "rep"))
        words.append(StatsText.count(state.lapses, "lapse"))
        if let stability = given.stability { words.append("stability \(NumberText.plain(stability))") }
        if let difficulty = given.difficulty { words.append("difficulty \(NumberText.plain(difficulty))") }
        return words.joined(separator: ", ")
    }

    /// A set-state's due: the day as a date, an instant as a time.
    private func setDue(_ due: CardState.Due) -> String? {
        if case .day(let day) = due { return clock.isoDate(ofDay: day) }
        return clock.format(due: due)
    }

    private func stateWords(_ state: CardState) -> String {
        var words = [state.phase.rawValue]
        if let due = clock.format(due: state.due) { words.append("due \(due)") }
        if state.phase == .review || state.phase == .relearning {
            words.append("interval \(state.interval)d")
            words.append("ease \(NumberText.plain(Double(state.ease) / 1000))")
        }
        if let memory = state.memory?.fsrs?.state {
            words.append("stability \(memory.stability)d")
            words.append("difficulty \(memory.difficulty)")
        }
        words.append(StatsText.count(state.reps, "rep"))
        words.append(StatsText.count(state.lapses, "lapse"))
        if state.suspended { words.append("suspended") }
        if state.buriedDay != nil { words.append("buried") }
        return words.joined(separator: " · ")
    }
}
