import Foundation
import HoneCore
import HoneStore

/// Writes the review log in the export formats, replaying it to give each answer's result.
public enum LogExport {
    public enum Format: String, CaseIterable, Sendable {
        /// hone's own: every field of an answer, and the card's state after it.
        case hone
        /// What the FSRS optimizer reads.
        case fsrs
    }

    /// The whole review log of `workspace`'s store as CSV in `format`.
    public static func csv(_ format: Format, workspace: Workspace) throws(StoreError) -> String {
        let entries = try workspace.openStore().log()
        switch format {
        case .hone: return hone(entries, workspace: workspace)
        case .fsrs: return fsrs(entries, workspace: workspace)
        }
    }

    /// `id,card,reviewed_at,rating,duration_ms,kind,state,interval,ease,due`, in time order.
    static func hone(_ entries: [ReviewLogEntry], workspace: Workspace) -> String {
        var rows: [(time: Int64, id: String, line: String)] = []
        rows.reserveCapacity(entries.count)
        forEachReplayed(entries, workspace: workspace) { entry, _, outcome in
            let state = outcome.state
            let fields = [
                ReviewLogCSV.escape(entry.id), ReviewLogCSV.escape(entry.card),
                Timestamp.format(milliseconds: entry.time, offset: entry.utcOffset), entry.answer.logText,
                String(entry.durationMilliseconds), outcome.kind.rawValue, state.phase.rawValue,
                NumberText.plain(outcome.kind == .drill ? Double(state.interval) : outcome.intervalDays),
                NumberText.plain(Double(state.ease) / 1000), workspace.clock.format(due: state.due) ?? "",
            ]
            rows.append((entry.time, entry.id, fields.joined(separator: ",")))
        }
        rows.sort { $0.time != $1.time ? $0.time < $1.time : $0.id < $1.id }
        var text = "id,card,reviewed_at,rating,duration_ms,kind,state,interval,ease,due\n"
        for row in rows { text += row.line + "\n" }
        return text
    }

    /// What the FSRS optimizer reads: `card_id,review_time,review_rating,review_state,review_duration`,
    /// with the state before each answer (0 new, 1 learning, 2 review, 3 relearning).
    static func fsrs(_ entries: [ReviewLogEntry], workspace: Workspace) -> String {
        var rows: [(time: Int64, line: String)] = []
        forEachReplayed(entries, workspace: workspace) { entry, before, outcome in
            guard outcome.kind != .drill else { return }
            let state: Int =
                switch before.phase {
                case .new: 0
                case .learning: 1
                case .review: 2
                case .relearning: 3
                }
            rows.append((entry.time, "\(cardNumber(entry.card)),\(entry.time),\(entry.answer.rating.rawValue),\(state),\(entry.durationMilliseconds)"))
        }
        rows.sort { $0.time < $1.time }
        var text = "card_id,review_time,review_rating,review_state,review_duration\n"
        for row in rows { text += row.line + "\n" }
        return text
    }

    /// Replays `entries` (ordered by card, then time) and hands out each answer with the state
    /// before it and what it did.
    static func forEachReplayed(
        _ entries: [ReviewLogEntry], workspace: Workspace, _ body: (ReviewLogEntry, CardState, ScheduledAnswer) -> Void
    ) {
        let scheduler = workspace.scheduler
        var state = CardState.new
        var card: String?
        for entry in entries {
            if entry.card != card {
                state = .new
                card = entry.card
            }
            let outcome = scheduler.answer(state, entry.answer, at: entry.seconds, key: entry.card)
            body(entry, state, outcome)
            state = outcome.state
        }
    }

    /// A card key as the positive integer FSRS wants: a stable 53-bit hash.
    static func cardNumber(_ key: String) -> UInt64 {
        FNV1a.hash(key) & ((1 << 53) - 1)
    }
}
