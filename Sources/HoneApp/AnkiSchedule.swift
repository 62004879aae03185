import HoneAnki
import HoneCore

/// A card's state as Anki's `cards` row encodes it: the phase as type and queue, when it is
/// due (a position, an instant, or a day counted from the collection's first day), and the
/// counts. Suspended and buried cards keep their type, with queue -1 and -3.
struct AnkiSchedule: Equatable {
    var type: Int
    var queue: Int
    var due: Int64
    var interval: Int
    var factor: Int
    var reps: Int
    var lapses: Int
    /// Learning steps left, the current one included.
    var left: Int

    /// `firstDay`: the collection's first day (`crt`); `position`: a new card's place in line.
    init(_ state: CardState, settings: SchedulerSettings, firstDay: Int, today: Int, position: Int) {
        reps = state.reps
        lapses = state.lapses
        interval = state.interval
        factor = state.ease
        left = 0
        func learningDue(_ learning: LearningState) -> (queue: Int, due: Int64) {
            switch learning.due {
            case .instant(let at): (1, at)
            case .day(let day): (3, Int64(day - firstDay))
            }
        }
        switch state.phaseState {
        case .new:
            (type, queue, due) = (0, 0, Int64(position))
        case .learning(let learning):
            type = 1
            (queue, due) = learningDue(learning)
            left = max(settings.learningSteps.count - learning.step, 1)
        case .review(let review):
            (type, queue, due) = (2, 2, Int64(review.dueDay - firstDay))
        case .relearning(let relearning):
            type = 3
            (queue, due) = learningDue(relearning.learning)
            left = max(settings.relearningSteps.count - relearning.learning.step, 1)
        }
        if state.suspended {
            queue = -1
        } else if let buried = state.buriedDay, buried >= today {
            queue = -3
        }
    }
}

extension AnkiExport {
    /// Every answer of one card that was not taken back, as Anki's revlog rows: the id is the
    /// answer's time in milliseconds (a millisecond later when another row has it), the type
    /// the card's phase before it (0 learning, 1 review, 2 relearning; 3 for a `classic` drill,
    /// which changes no schedule, as Anki's cramming), the intervals (days, or minus the
    /// seconds of a learning step) and ease those before and after it (a drill's ease 0, which
    /// marks a row that counts for no schedule).
    static func revlog(
        _ events: [LogEvent], key: String, cardID: Int64, replay: Replay, taken: inout Set<Int64>
    ) -> [AnkiReview] {
        var reviews: [AnkiReview] = []
        replay.card(events, key: key) { event, step in
            guard !step.isTakenBack, let outcome = step.outcome, case .answer(let answer, let duration) = event.action
            else { return }
            var id = event.time
            while !taken.insert(id).inserted { id += 1 }
            let type: Int =
                switch (outcome.kind, step.before.phase) {
                case (.drill, _): 3
                case (_, .new), (_, .learning): 0
                case (_, .review): 1
                case (_, .relearning): 2
                }
            reviews.append(
                AnkiReview(
                    id: id, cardID: cardID, ease: answer.rating.rawValue,
                    interval: revlogInterval(step.after, answeredDay: replay.scheduler.clock.day(of: event.seconds)),
                    lastInterval: revlogInterval(step.before), factor: type == 3 ? 0 : step.after.ease,
                    durationMilliseconds: min(max(duration, 0), longestAnswer), type: type))
        }
        return reviews
    }

    /// Anki caps the time of an answer at a minute (its default `maxTaken`).
    static let longestAnswer = 60_000

    /// How a revlog row gives an interval: days for a review card, minus the step's seconds
    /// while (re)learning, 0 for a new card. With `answeredDay`, a step that ends on a later
    /// day counts in days from the answer's, as Anki logs the step it gives.
    static func revlogInterval(_ state: CardState, answeredDay: Int? = nil) -> Int {
        if case .review(let review) = state.phaseState { return review.intervalDays }
        guard let learning = state.phaseState.learning else { return 0 }
        if let answeredDay, case .day(let day) = learning.due { return day - answeredDay }
        return -learning.stepSeconds
    }
}

/// Ids for notes, cards and decks that are the same in every export of the same decks (so a
/// package imported twice is recognised) and unique within one: a hash of what the row is,
/// as milliseconds between 2014 and 2020 (Anki takes ids for times, and renumbers any in
/// the future), the next free one on a collision.
struct UniqueIDs {
    private var taken: Set<Int64> = []
    static let first: Int64 = 1_400_000_000_000
    static let span: UInt64 = 200_000_000_000

    mutating func next(for name: String) -> Int64 {
        var id = Self.first + Int64(FNV1a.hash(name) % Self.span)
        while !taken.insert(id).inserted { id += 1 }
        return id
    }
}
