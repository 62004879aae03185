import HoneCore

/// Where a review log CSV keeps a `set-state` row's state, and how it is read. The state columns
/// (`state`, `interval`, `ease`, `due`), which every other row fills with the state after it,
/// derived and ignored on import, carry the state a set-state sets; the columns after them
/// carry the rest: `reps`, `lapses`, `step`, `step_seconds`, `stability`, `difficulty`.
///
/// `due` is a date (`2026-12-20`) for a card due on a day, which reads back as the same day
/// whatever the clock of the folder imported into, and a time with its offset, in whole
/// seconds, for a step due at an instant. A field the phase does not hold is empty, or `0` as
/// the export writes a new or learning card's interval and ease.
struct SetStateColumns {
    /// The columns the export writes after `note`, in order.
    static let names = ["reps", "lapses", "step", "step_seconds", "stability", "difficulty"]

    typealias Problem = ReviewLogCSV.Problem
    /// A field's text without the spaces around it and its column; empty when there is no column.
    typealias Field = (text: String, column: Int)

    var state, interval, ease, due, reps, lapses, step, stepSeconds, stability, difficulty: Int?

    init(names: [String]) {
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        (state, interval, ease, due) = (column("state"), column("interval"), column("ease"), column("due"))
        (reps, lapses, step, stepSeconds) = (column("reps"), column("lapses"), column("step"), column("step_seconds"))
        (stability, difficulty) = (column("stability"), column("difficulty"))
    }

    /// The state of the set-state on `line`. `field` gives a column's field; `event` is the
    /// event field's column, where a missing column is reported.
    func read(line: Int, event: Int, field: (Int?) -> Field) throws(Problem) -> ImportedState {
        func required(_ index: Int?, _ name: String) throws(Problem) -> Field {
            guard index != nil else {
                throw Problem(
                    line: line, column: event,
                    message: "a set-state needs the column \"\(name)\", and the file has none")
            }
            return field(index)
        }
        func refuse(_ field: Field, _ name: String, _ expected: String) -> Problem {
            Problem(
                line: line, column: field.column,
                message: "\"\(name)\" of a set-state must be \(expected); found \(PrintableText.quoted(field.text))")
        }
        func whole(_ index: Int?, _ name: String) throws(Problem) -> Int {
            let field = try required(index, name)
            guard let value = SetStateColumns.wholeNumber(field.text) else {
                throw refuse(field, name, "a whole number from 0 to 999999999")
            }
            return value
        }
        /// A field the phase does not hold: empty, or 0.
        func unheld(_ index: Int?, _ name: String, _ phase: CardState.Phase) throws(Problem) {
            let field = field(index)
            guard field.text.isEmpty || field.text == "0" else {
                throw Problem(
                    line: line, column: field.column,
                    message: "a \(phase.rawValue) card has no \"\(name)\" (leave it empty); "
                        + "found \(PrintableText.quoted(field.text))")
            }
        }

        let stateField = try required(state, "state")
        guard let phase = CardState.Phase(rawValue: stateField.text.lowercased()) else {
            throw refuse(stateField, "state", "new, learning, review or relearning")
        }
        var learning: LearningState?
        var review: ReviewState?
        if phase == .learning || phase == .relearning {
            let dueField = try required(due, "due")
            guard let due = SetStateColumns.due(dueField.text) else {
                throw refuse(
                    dueField, "due",
                    "the day it is due (2026-12-20) or a time with its offset in whole seconds "
                        + "(2026-03-03T09:10:00+01:00)")
            }
            learning = LearningState(
                step: try whole(step, "step"), stepSeconds: try whole(stepSeconds, "step_seconds"), due: due)
        } else {
            try unheld(step, "step", phase)
            try unheld(stepSeconds, "step_seconds", phase)
        }
        if phase == .review || phase == .relearning {
            var dueDay = 0
            if phase == .review {
                let dueField = try required(due, "due")
                guard case .day(let day) = SetStateColumns.due(dueField.text) else {
                    throw refuse(dueField, "due", "the day it is due, such as 2026-12-20")
                }
                dueDay = day
            }
            let easeField = try required(ease, "ease")
            guard let permille = SetStateColumns.permille(easeField.text) else {
                throw refuse(easeField, "ease", "an ease factor with at most three decimals, such as 2.5")
            }
            review = ReviewState(intervalDays: try whole(interval, "interval"), easePermille: permille, dueDay: dueDay)
        } else {
            try unheld(interval, "interval", phase)
            try unheld(ease, "ease", phase)
        }
        if phase == .new { try unheld(due, "due", phase) }
        let phaseState: PhaseState
        switch (phase, learning, review) {
        case (.learning, let learning?, _): phaseState = .learning(learning)
        case (.review, _, let review?): phaseState = .review(review)
        case (.relearning, let learning?, let review?):
            phaseState = .relearning(RelearningState(learning: learning, review: review))
        default: phaseState = .new
        }
        func number(_ index: Int?, _ name: String) throws(Problem) -> Double? {
            let field = field(index)
            guard !field.text.isEmpty else { return nil }
            // Decimal notation only (Swift would also read "0x1p3" and "nan").
            let decimal = field.text.utf8.allSatisfy { Array("0123456789.eE+-".utf8).contains($0) }
            guard decimal, let value = Double(field.text), value.isFinite else {
                throw refuse(field, name, "a number, such as 12.5, or empty when not known")
            }
            return value
        }
        return ImportedState(
            phaseState, reps: try whole(reps, "reps"), lapses: try whole(lapses, "lapses"),
            stability: try number(stability, "stability"), difficulty: try number(difficulty, "difficulty"))
    }

    /// Digits alone, at most nine.
    static func wholeNumber(_ text: String) -> Int? {
        guard (1...9).contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }

    /// An ease factor as permille, exactly: `2.5` is 2500, `1.305` is 1305.
    static func permille(_ text: String) -> Int? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, let units = wholeNumber(String(whole)), units < 1000 else { return nil }
        guard parts.count == 2 else { return units * 1000 }
        let decimals = parts[1]
        guard (1...3).contains(decimals.utf8.count), decimals.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let fraction = Int(decimals)
        else { return nil }
        return units * 1000 + fraction * [100, 10, 1][decimals.utf8.count - 1]
    }

    /// A day (a date alone) or an instant in whole seconds (a time with its offset).
    static func due(_ text: String) -> LearningState.Due? {
        Array(text.utf8).withUnsafeBufferPointer { bytes -> LearningState.Due? in
            guard case .success(let parts) = Timestamp.parts(bytes) else { return nil }
            if !parts.hasTime { return .day(Int(parts.localMilliseconds / 86_400_000)) }
            guard case .success(let (milliseconds, _)) = Timestamp.read(bytes), milliseconds % 1000 == 0 else {
                return nil
            }
            return .instant(milliseconds / 1000)
        }
    }
}
