import Foundation
import HoneAnki
import HoneCore

/// An Anki card's scheduling as hone's state: Anki's encodings (type, queue, a due that is a
/// position, an instant or a day counted from the collection's first day, `left` for the
/// steps to go) read into a phase with its due, interval, ease and step.
struct AnkiCardState: Sendable, Equatable {
    var state: ImportedState
    var suspended: Bool
    /// Buried (by the learner or as a sibling): hidden until the next learning day.
    var buried: Bool

    /// A due this large is an instant (seconds since 1970), not a day number: Anki tells them
    /// apart the same way for cards whose queue no longer says (suspended or buried learning).
    static let instantThreshold: Int64 = 1_000_000_000

    /// `firstDay`: hone's day number of the collection's first day (`AnkiCardState.firstDay`).
    init(_ card: AnkiCard, firstDay: Int, settings: SchedulerSettings) {
        // In a filtered deck the card's home schedule is kept aside in `odue`.
        let due = card.originalDeckID != 0 && card.originalDue != 0 ? card.originalDue : card.due
        // A day counted from the collection's first; a damaged package's due of 2^63 is held to
        // a range no sum overflows (`ImportedState` then holds it to 1970-9999).
        let dueDay = firstDay + Int(min(max(due, -10_000_000), 10_000_000))
        func learningDue() -> LearningState.Due {
            due >= Self.instantThreshold || card.queue == 1 ? .instant(due) : .day(dueDay)
        }
        func learning(_ steps: [LearningDuration]) -> LearningState {
            // `left % 1000` steps are still to go; hone counts the step it stands on.
            let remaining = card.left % 1000
            let index = steps.isEmpty ? 0 : min(max(steps.count - remaining, 0), steps.count - 1)
            return LearningState(step: index, stepSeconds: steps.isEmpty ? 0 : steps[index].seconds, due: learningDue())
        }
        let review = ReviewState(
            intervalDays: max(card.interval, 0), easePermille: card.factor,
            dueDay: dueDay)
        let phase: PhaseState
        switch card.type {
        case 1: phase = .learning(learning(settings.learningSteps))
        case 2: phase = .review(review)
        case 3: phase = .relearning(RelearningState(learning: learning(settings.relearningSteps), review: review))
        default: phase = .new
        }
        state = ImportedState(
            phase, reps: max(card.reps, 0), lapses: max(card.lapses, 0), stability: card.stability,
            difficulty: card.difficulty)
        suspended = card.queue == -1
        buried = card.queue == -2 || card.queue == -3
    }

    /// hone's day number of the collection's first day: `crt` as Anki counts days, with the
    /// collection's own rollover hour (Anki's default, 4, when it does not say), in the local
    /// time zone. A review due `d` is then due on hone's day `firstDay + d`.
    static func firstDay(of collection: AnkiCollection, timeZone: TimeZone) -> Int {
        DayClock(timeZone: timeZone, rolloverHour: collection.rolloverHour ?? 4).day(of: collection.createdSeconds)
    }
}
