import HoneCore

/// A `set-state` event's state as the log keeps it: one text column (`state`), NULL for every
/// other event, so the million answers of a log carry no column a field and their readers
/// never look at it. Text, not a blob, so the log stays readable with `sqlite3`:
///
///     new reps=0 lapses=0
///     learning step=1 step_seconds=600 due_at=1772529000 reps=1 lapses=0
///     review due_day=20515 interval=12 ease=2500 reps=5 lapses=1 stability=12.5 difficulty=5.25
///     relearning step=0 step_seconds=600 due_day=20515 interval=3 ease=2300 reps=9 lapses=2
///
/// The phase first, then `name=value` words: `due_at` an instant in seconds, `due_day` a day
/// number of `DayClock`; `stability` and `difficulty` only when known, written as Swift writes
/// a `Double`, which reads back as the same number. A word this hone does not know (a newer
/// one's) is passed over.
enum ImportedStateRecord {
    static func encode(_ state: ImportedState) -> String {
        var words = [state.phaseState.phase.rawValue]
        if let learning = state.phaseState.learning {
            words.append("step=\(learning.step)")
            words.append("step_seconds=\(learning.stepSeconds)")
            switch learning.due {
            case .instant(let at): words.append("due_at=\(at)")
            case .day(let day): words.append("due_day=\(day)")
            }
        }
        if case .review(let review) = state.phaseState { words.append("due_day=\(review.dueDay)") }
        if let review = state.phaseState.review {
            words.append("interval=\(review.intervalDays)")
            words.append("ease=\(review.easePermille)")
        }
        words.append("reps=\(state.reps)")
        words.append("lapses=\(state.lapses)")
        if let stability = state.stability { words.append("stability=\(stability)") }
        if let difficulty = state.difficulty { words.append("difficulty=\(difficulty)") }
        return words.joined(separator: " ")
    }

    /// The state in `text`, or nil when it is not one: a word missing that the phase needs, or a
    /// number that does not read.
    static func decode(_ text: String) -> ImportedState? {
        let words = text.split(separator: " ")
        guard let first = words.first, let phase = CardState.Phase(rawValue: String(first)) else { return nil }
        var fields = Fields()
        for word in words.dropFirst() {
            guard let equals = word.firstIndex(of: "=") else { return nil }
            let value = word[word.index(after: equals)...]
            let read: Bool
            switch word[..<equals] {
            case "step": (fields.step, read) = number(value)
            case "step_seconds": (fields.stepSeconds, read) = number(value)
            case "due_at": (fields.dueAt, read) = number(value)
            case "due_day": (fields.dueDay, read) = number(value)
            case "interval": (fields.interval, read) = number(value)
            case "ease": (fields.ease, read) = number(value)
            case "reps": (fields.reps, read) = number(value)
            case "lapses": (fields.lapses, read) = number(value)
            case "stability": (fields.stability, read) = finite(value)
            case "difficulty": (fields.difficulty, read) = finite(value)
            default: read = true
            }
            guard read else { return nil }
        }
        return fields.state(phase)
    }

    private static func number<Number: FixedWidthInteger>(_ text: Substring) -> (Number?, Bool) {
        let value = Number(text)
        return (value, value != nil)
    }

    private static func finite(_ text: Substring) -> (Double?, Bool) {
        guard let value = Double(text), value.isFinite else { return (nil, false) }
        return (value, true)
    }

    /// The words read.
    private struct Fields {
        var step, stepSeconds, dueDay, interval, ease, reps, lapses: Int?
        var dueAt: Int64?
        var stability, difficulty: Double?

        func state(_ phase: CardState.Phase) -> ImportedState? {
            guard let reps, let lapses else { return nil }
            var learning: LearningState?
            if let step, let stepSeconds {
                if let dueAt {
                    learning = LearningState(step: step, stepSeconds: stepSeconds, due: .instant(dueAt))
                } else if let dueDay {
                    learning = LearningState(step: step, stepSeconds: stepSeconds, due: .day(dueDay))
                }
            }
            let review = interval.flatMap { interval in
                ease.map { ReviewState(intervalDays: interval, easePermille: $0, dueDay: dueDay ?? 0) }
            }
            let phaseState: PhaseState
            switch phase {
            case .new: phaseState = .new
            case .learning:
                guard let learning else { return nil }
                phaseState = .learning(learning)
            case .review:
                guard let review, dueDay != nil else { return nil }
                phaseState = .review(review)
            case .relearning:
                guard let learning, let review else { return nil }
                phaseState = .relearning(RelearningState(learning: learning, review: review))
            }
            return ImportedState(
                phaseState, reps: reps, lapses: lapses, stability: stability, difficulty: difficulty)
        }
    }
}
