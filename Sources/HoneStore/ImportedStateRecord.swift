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
        var text = text
        return text.withUTF8 { decode($0) }
    }

    /// The same from the column's bytes, read in place: a log imported from another tool has a
    /// set-state a card, and the stats read them all (Swift's `Character`-wise `split` and
    /// `Substring` comparisons took a second for 100,000 of them).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> ImportedState? {
        var words = Words(bytes: bytes)
        guard let first = words.next(),
            let phase = Phase.phases.first(where: { $0.word.count == first.count && first.elementsEqual($0.word) })
        else { return nil }
        var fields = Fields()
        while let word = words.next() {
            guard let equals = word.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let name = word[..<equals]
            let value = word[(equals + 1)...]
            guard
                let key = Key.byBytes.first(where: { $0.bytes.count == name.count && name.elementsEqual($0.bytes) })?
                    .key
            else { continue }
            if key == .stability || key == .difficulty {
                guard let number = Double(String(decoding: value, as: UTF8.self)), number.isFinite else { return nil }
                if key == .stability { fields.stability = number } else { fields.difficulty = number }
                continue
            }
            guard let number = integer(value) else { return nil }
            switch key {
            case .step: fields.step = Int(number)
            case .stepSeconds: fields.stepSeconds = Int(number)
            case .dueAt: fields.dueAt = number
            case .dueDay: fields.dueDay = Int(number)
            case .interval: fields.interval = Int(number)
            case .ease: fields.ease = Int(number)
            case .reps: fields.reps = Int(number)
            case .lapses: fields.lapses = Int(number)
            case .stability, .difficulty: break
            }
        }
        return fields.state(phase.phase)
    }

    /// The phases by their words' bytes.
    private enum Phase {
        static let phases = CardState.Phase.allCases.map { (phase: $0, word: Array($0.rawValue.utf8)) }
    }

    private enum Key: String, CaseIterable {
        case step
        case stepSeconds = "step_seconds"
        case dueAt = "due_at"
        case dueDay = "due_day"
        case interval, ease, reps, lapses
        case stability, difficulty

        static let byBytes = allCases.map { (key: $0, bytes: Array($0.rawValue.utf8)) }
    }

    /// A decimal integer, an optional minus sign and 1 to 18 digits.
    private static func integer(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int64? {
        var digits = bytes[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard (1...18).contains(digits.count) else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return negative ? -value : value
    }

    /// The words of a record, between single spaces.
    private struct Words {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func next() -> Slice<UnsafeBufferPointer<UInt8>>? {
            while index < bytes.count, bytes[index] == 0x20 { index += 1 }
            guard index < bytes.count else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != 0x20 { index += 1 }
            return bytes[start..<index]
        }
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
