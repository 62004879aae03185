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
        func hidden(_ text: String, _ field: String, of event: LogEvent) -> HoneError? {
            guard let (_, scalar) = PrintableText.firstHidden(in: text) else { return nil }
            return HoneError(.unprintableEvent(id: event.id, field: field, character: scalar))
        }
        // Field by field, no array an event: a segment of a million events passes through here.
        for event in events {
            if let refused = hidden(event.storedID, "id", of: event) ?? hidden(event.card, "card", of: event) {
                return refused
            }
            if let device = event.device, let refused = hidden(device, "device", of: event) { return refused }
            if case .undo(let target) = event.action, let refused = hidden(target, "target", of: event) {
                return refused
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
    /// `stability,difficulty`: a set-state's, when known, and under the fsrs preset the memory
    /// state an answer left. An answer taken back by an undo keeps
    /// its row, with no kind and the state it left unchanged. A set-state's row carries the state
    /// it sets, taken back or not, so that it imports as it was: its `due` is a date when the
    /// card is due on a day (`SetStateColumns`).
    static func hone(_ events: [LogEvent], workspace: Workspace) -> String {
        let clock = workspace.clock
        var rows: [(time: Int64, id: String, line: String)] = []
        rows.reserveCapacity(events.count)
        workspace.replay.cards(
            events, cardOf: { $0.card },
            eachEvent: { _, event, step in
                rows.append((event.time, event.id, row(event, after: step, clock: clock)))
            })
        rows.sort { $0.time != $1.time ? $0.time < $1.time : $0.id < $1.id }
        var text = honeHeader + "\n"
        for row in rows { text += row.line + "\n" }
        return text
    }

    /// A sync segment: the rows of `events` (in time order) in the `hone` format, with the columns
    /// replay derives left empty. They would be the writing device's view, from its settings;
    /// every reader derives its own, and an import ignores them. What the events are is all
    /// there: a set-state's row carries the state it sets, as in an export.
    static func segment(_ events: [LogEvent], clock: DayClock) -> String {
        var text = honeHeader + "\n"
        text.reserveCapacity(events.count * 96)
        for event in events {
            text += row(event, after: nil, clock: clock)
            text += "\n"
        }
        return text
    }

    /// One event's row. `after`: replay's step for it (the card's state after it, and how an
    /// answer counted); nil for a segment's row, whose derived columns stay empty.
    static func row(_ event: LogEvent, after step: Replay.Step?, clock: DayClock) -> String {
        var state = step?.after
        var rating = ""
        var duration = ""
        var target = ""
        var due = state.map { clock.format(due: $0.due) ?? "" } ?? ""
        var memory = ","
        switch event.action {
        case .answer(let answer, let milliseconds):
            rating = answer.logText
            // As replay and the stats count it, and as import takes it back.
            duration = String(min(milliseconds, ReviewLogCSV.longestDuration))
        case .undo(let taken):
            target = taken
        case .setState(let given):
            let set = CardState(given.phaseState, reps: given.reps, lapses: given.lapses)
            state = set
            due = clock.format(due: set.due) ?? ""
            if case .day(let day) = set.due { due = clock.isoDate(ofDay: day) }
            memory = "\(given.stability.map { "\($0)" } ?? ""),\(given.difficulty.map { "\($0)" } ?? "")"
        default:
            break
        }
        // Under the fsrs preset, an answer's row carries the memory state it left (derived, as
        // the rest of the state after it: an import ignores it).
        if case .answer = event.action, let fsrs = state?.memory?.fsrs {
            memory = "\(fsrs.state.stability),\(fsrs.state.difficulty)"
        }
        var derived = ",,,"
        var counts = ",,,"
        if let state {
            let interval: Double =
                if let outcome = step?.outcome, outcome.kind != .drill { outcome.intervalDays } else {
                    Double(state.interval)
                }
            let learning = state.phaseState.learning
            derived = [
                state.phase.rawValue, NumberText.plain(interval), NumberText.plain(Double(state.ease) / 1000), due,
            ].joined(separator: ",")
            counts = [
                String(state.reps), String(state.lapses), learning.map { String($0.step) } ?? "",
                learning.map { String($0.stepSeconds) } ?? "",
            ].joined(separator: ",")
        }
        return [
            ReviewLogCSV.escape(event.id), ReviewLogCSV.escape(event.card),
            Timestamp.format(milliseconds: event.time, offset: event.utcOffset), rating, duration,
            step?.outcome?.kind.rawValue ?? "", derived, event.action.name, ReviewLogCSV.escape(event.device ?? ""),
            ReviewLogCSV.escape(target), ReviewLogCSV.escape(event.note ?? ""), counts, memory,
        ].joined(separator: ",")
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
