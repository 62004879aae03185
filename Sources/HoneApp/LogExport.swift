import Foundation
import HoneCore
import HoneStore

/// Writes the event log in the export formats, replaying it to give each event's result.
public enum LogExport {
    public enum Format: String, CaseIterable, Sendable {
        /// hone's own: every event, and the card's state after it.
        case hone
        /// What the FSRS optimizer reads.
        case fsrs
    }

    /// The whole event log of `workspace`'s store as CSV in `format`. The `hone` format refuses
    /// an event whose text holds a character `PrintableText` refuses (see `refusal`).
    public static func csv(_ format: Format, workspace: Workspace) throws -> String {
        let events = try workspace.openStore().events()
        switch format {
        case .hone:
            if let refusal = refusal(events) { throw refusal }
            return hone(events, workspace: workspace)
        case .fsrs: return fsrs(events, workspace: workspace)
        }
    }

    /// The first event whose id, card, device, undo target or note holds a control character or
    /// a bidirectional mark (tab and line feed allowed in a note), as the error that refuses the
    /// export. CSV has no escape for them: written raw they would act on whatever shows the file,
    /// written any other way the file would not read back as the same log (and `hone log import`
    /// refuses them). Only a log imported before import refused them can hold one.
    static func refusal(_ events: [LogEvent]) -> HoneError? {
        for event in events {
            var fields = [("id", event.id), ("card", event.card), ("device", event.device ?? "")]
            if case .undo(let target) = event.action { fields.append(("target", target)) }
            for (name, text) in fields {
                if let (_, scalar) = PrintableText.firstHidden(in: text) {
                    return HoneError(.unprintableEvent(id: event.id, field: name, character: scalar))
                }
            }
            if let note = event.note, let (_, scalar) = PrintableText.firstHidden(in: note, allowingLayout: true) {
                return HoneError(.unprintableEvent(id: event.id, field: "note", character: scalar))
            }
        }
        return nil
    }

    /// The columns of the `hone` format: today's ten, then the event's own, then the rest of the
    /// state (`SetStateColumns`).
    static let honeHeader =
        "id,card,reviewed_at,rating,duration_ms,kind,state,interval,ease,due,event,device,target,note,"
        + "reps,lapses,step,step_seconds,stability,difficulty"

    /// One row per event, in time order: `id,card,reviewed_at,rating,duration_ms,kind,state,
    /// interval,ease,due` as before events other than answers were kept (the last four: the
    /// card's state after the event), then `event,device,target,note`, then the rest of the state
    /// after it: `reps,lapses,step,step_seconds` (the step's two empty outside the steps), and
    /// `stability,difficulty`, known only from a set-state. An answer taken back by an undo keeps
    /// its row, with no kind and the state it left unchanged. A set-state's row carries the state
    /// it sets, taken back or not, so that it imports as it was: its `due` is a date when the
    /// card is due on a day (`SetStateColumns`).
    /// `only`: the events to write rows for (a sync segment's); every event is still replayed,
    /// so each row carries its card's state after it.
    static func hone(_ events: [LogEvent], workspace: Workspace, only: ((LogEvent) -> Bool)? = nil) -> String {
        let clock = workspace.clock
        var rows: [(time: Int64, id: String, line: String)] = []
        rows.reserveCapacity(events.count)
        workspace.replay.cards(
            events, cardOf: { $0.card },
            eachEvent: { _, event, step in
                if let only, !only(event) { return }
                var state = step.after
                var rating = ""
                var duration = ""
                var target = ""
                var due = clock.format(due: state.due) ?? ""
                var memory = ","
                switch event.action {
                case .answer(let answer, let milliseconds):
                    rating = answer.logText
                    // As replay and the stats count it, and as import takes it back.
                    duration = String(min(milliseconds, ReviewLogCSV.longestDuration))
                case .undo(let taken):
                    target = taken
                case .setState(let given):
                    state = CardState(given.phaseState, reps: given.reps, lapses: given.lapses)
                    due = clock.format(due: state.due) ?? ""
                    if case .day(let day) = state.due { due = clock.isoDate(ofDay: day) }
                    memory = "\(given.stability.map { "\($0)" } ?? ""),\(given.difficulty.map { "\($0)" } ?? "")"
                default:
                    break
                }
                let interval: Double =
                    if let outcome = step.outcome, outcome.kind != .drill { outcome.intervalDays } else {
                        Double(state.interval)
                    }
                let learning = state.phaseState.learning
                let fields = [
                    ReviewLogCSV.escape(event.id), ReviewLogCSV.escape(event.card),
                    Timestamp.format(milliseconds: event.time, offset: event.utcOffset), rating, duration,
                    step.outcome?.kind.rawValue ?? "", state.phase.rawValue, NumberText.plain(interval),
                    NumberText.plain(Double(state.ease) / 1000), due, event.action.name,
                    ReviewLogCSV.escape(event.device ?? ""), ReviewLogCSV.escape(target),
                    ReviewLogCSV.escape(event.note ?? ""), String(state.reps), String(state.lapses),
                    learning.map { String($0.step) } ?? "", learning.map { String($0.stepSeconds) } ?? "", memory,
                ]
                rows.append((event.time, event.id, fields.joined(separator: ",")))
            })
        rows.sort { $0.time != $1.time ? $0.time < $1.time : $0.id < $1.id }
        var text = honeHeader + "\n"
        for row in rows { text += row.line + "\n" }
        return text
    }

    /// What the FSRS optimizer reads: `card_id,review_time,review_rating,review_state,review_duration`,
    /// one row per answer that counted (no drills, none taken back), with the state before it
    /// (0 new, 1 learning, 2 review, 3 relearning).
    static func fsrs(_ events: [LogEvent], workspace: Workspace) -> String {
        var rows: [(time: Int64, line: String)] = []
        workspace.replay.cards(
            events, cardOf: { $0.card },
            eachEvent: { _, event, step in
                guard let outcome = step.outcome, outcome.kind != .drill,
                    case .answer(let answer, let duration) = event.action
                else { return }
                let state: Int =
                    switch step.before.phase {
                    case .new: 0
                    case .learning: 1
                    case .review: 2
                    case .relearning: 3
                    }
                rows.append(
                    (
                        event.time,
                        "\(cardNumber(event.card)),\(event.time),\(answer.rating.rawValue),\(state),\(duration)"
                    ))
            })
        rows.sort { $0.time < $1.time }
        var text = "card_id,review_time,review_rating,review_state,review_duration\n"
        for row in rows { text += row.line + "\n" }
        return text
    }

    /// A card key as the positive integer FSRS wants: a stable 53-bit hash.
    static func cardNumber(_ key: String) -> UInt64 {
        FNV1a.hash(key) & ((1 << 53) - 1)
    }
}
