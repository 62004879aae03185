import Foundation
import Testing

@testable import HoneCore

/// `set-state`: the replay puts the card where the event says, keeps what the learner set,
/// and the answers after it schedule from there as if the card had always been so.
@Suite("set-state replay")
struct SetStateReplayTests {
    static let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
    /// 2026-03-03 09:00 UTC.
    static let start: Int64 = 1_772_528_400
    static var today: Int { clock.day(of: start) }
    let key = "d/c"

    func replay(_ configure: (inout SchedulerSettings) -> Void = { _ in }) -> Replay {
        var settings = SchedulerSettings()
        settings.fuzz = false
        configure(&settings)
        return Replay(scheduler: Scheduler(settings: settings, clock: Self.clock))
    }

    func event(_ id: String, days: Int = 0, seconds: Int64 = 0, _ action: EventAction) -> LogEvent {
        let at = Self.start + Int64(days) * 86_400 + seconds
        return LogEvent(id: id, card: key, time: at * 1000, utcOffset: 0, action: action)
    }

    func answer(_ id: String, days: Int = 0, seconds: Int64 = 0, _ rating: Rating) -> LogEvent {
        event(id, days: days, seconds: seconds, .answer(.button(rating), durationMilliseconds: 1000))
    }

    static let learning = LearningState(step: 1, stepSeconds: 600, due: .instant(start + 600))
    static let review = ReviewState(intervalDays: 10, easePermille: 2500, dueDay: today)
    static let relearning = RelearningState(
        learning: LearningState(step: 0, stepSeconds: 600, due: .instant(start + 600)),
        review: ReviewState(intervalDays: 5, easePermille: 2300, dueDay: 0))

    @Test(arguments: [
        PhaseState.new, .learning(learning), .review(review), .relearning(relearning),
    ])
    func setsEachPhaseAsGiven(_ phaseState: PhaseState) {
        let given = ImportedState(phaseState, reps: 7, lapses: 2, stability: 12.5, difficulty: 5.25)
        // After answers that left the card elsewhere: the set state replaces their schedule.
        let events = [answer("1", .good), answer("2", seconds: 60, .good), event("3", seconds: 120, .setState(given))]
        let state = replay().card(events, key: key)
        #expect(state == CardState(phaseState, reps: 7, lapses: 2))
        #expect(state.phase == phaseState.phase && state.due == phaseState.due)
    }

    /// A review card set to 10 days at 2.5, due today, answered Good today: (10 + 0 late) × 2.5
    /// = 25 days, as the scheduler gives a card that had always been so.
    @Test func aReviewAnsweredAfterItContinuesFromTheSetInterval() {
        let replay = replay()
        let given = ImportedState(.review(Self.review), reps: 12, lapses: 1)
        let state = replay.card(
            [event("1", .setState(given)), answer("2", seconds: 3600, .good)], key: key)
        #expect(state.phaseState == .review(ReviewState(intervalDays: 25, easePermille: 2500, dueDay: Self.today + 25)))
        #expect(state.reps == 13 && state.lapses == 1)
        let direct = replay.scheduler.answer(
            CardState(.review(Self.review), reps: 12, lapses: 1), .button(.good), at: Self.start + 3600, key: key)
        #expect(state == direct.state)
        // Three days late, Good counts half the lateness: (10 + 1.5) × 2.5 = 28.75, rounded 29:
        // the set due day is the one the lateness is counted from.
        let late = replay.card([event("1", .setState(given)), answer("2", days: 3, .good)], key: key)
        #expect(late.interval == 29 && late.due == .day(Self.today + 3 + 29))
    }

    /// Set on the last learning step (1 of 1 min, 10 min), Good graduates: it continues from
    /// step 1. Had it started over, Good would only have moved it to step 1.
    @Test func aLearningCardContinuesFromItsStep() {
        let replay = replay()
        let given = ImportedState(.learning(Self.learning), reps: 2, lapses: 0)
        let graduated = replay.card([event("1", .setState(given)), answer("2", seconds: 600, .good)], key: key)
        #expect(
            graduated.phaseState == .review(ReviewState(intervalDays: 1, easePermille: 2500, dueDay: Self.today + 1)))
        #expect(graduated.reps == 3)
        let hard = replay.card([event("1", .setState(given)), answer("2", seconds: 600, .hard)], key: key)
        #expect(hard.phaseState.learning?.step == 1 && hard.stepSeconds == 600, "Hard stays on step 1")
    }

    /// A relearning card returns to its kept interval and ease when it leaves its one step.
    @Test func aRelearningCardReturnsToItsKeptReview() {
        let given = ImportedState(.relearning(Self.relearning), reps: 20, lapses: 3)
        let state = replay().card([event("1", .setState(given)), answer("2", seconds: 600, .good)], key: key)
        #expect(state.phaseState == .review(ReviewState(intervalDays: 5, easePermille: 2300, dueDay: Self.today + 5)))
        #expect(state.reps == 21 && state.lapses == 3, "no lapse counted on leaving relearning")
        let again = replay().card([event("1", .setState(given)), answer("2", seconds: 600, .again)], key: key)
        #expect(again.phase == .relearning && again.interval == 5 && again.lapses == 3)
    }

    /// Suspended, buried and the leech mark are the learner's and the history's, not the
    /// schedule's: a set-state keeps them.
    @Test func whatTheLearnerSetIsKept() {
        var before = CardState(.review(Self.review), reps: 9, lapses: 8, leech: true, suspended: true)
        before.buriedDay = Self.today
        let given = ImportedState(.learning(Self.learning), reps: 1, lapses: 0)
        let step = replay().apply(event("1", .setState(given)), to: before, keyHash: FNV1a.hash(key))
        #expect(step.after.suspended && step.after.leech && step.after.buriedDay == Self.today)
        #expect(step.after.phaseState == .learning(Self.learning) && step.after.reps == 1 && step.after.lapses == 0)
        #expect(step.outcome == nil)
    }

    /// The `classic` preset's memory (SM-2's repetition count) cannot be derived from another
    /// tool's state: it is dropped, and SM-2 counts from 0, so the next pass is I(1) = 1 day.
    @Test func theClassicMemoryIsDroppedAndSM2CountsFromZero() {
        let classic = replay { $0.preset = .classic }
        let learnt = classic.card(
            [
                event("1", .answer(.quality(5), durationMilliseconds: 0)),
                event("2", days: 1, .answer(.quality(5), durationMilliseconds: 0)),
            ], key: key)
        #expect(learnt.memory?.classic?.streak == 2)
        let given = ImportedState(
            .review(ReviewState(intervalDays: 12, easePermille: 2500, dueDay: Self.today + 3)), reps: 4, lapses: 0)
        let set = classic.card([event("1", .setState(given))], key: key, from: learnt)
        #expect(set.memory == nil && set.interval == 12)
        let next = classic.card(
            [event("1", .setState(given)), event("2", days: 3, .answer(.quality(4), durationMilliseconds: 0))],
            key: key,
            from: learnt)
        #expect(next.interval == 1 && next.ease == 2500 && next.reps == 5)
    }

    /// An undo takes back a set-state like any event: the card is as the answers before it left it.
    @Test func anUndoTakesBackASetState() {
        let replay = replay()
        let answered = [answer("1", .good)]
        let given = ImportedState(.review(Self.review), reps: 12, lapses: 1)
        let undone =
            answered + [event("2", seconds: 60, .setState(given)), event("3", seconds: 120, .undo(target: "2"))]
        var takenBack: [String] = []
        let state = replay.card(undone, key: key) { event, step in if step.isTakenBack { takenBack.append(event.id) } }
        #expect(state == replay.card(answered, key: key))
        #expect(state.phase == .learning && takenBack == ["2"])
    }

    /// While relearning, the review's due day is no part of the set state (nothing reads it):
    /// it is 0 however given, so the state reads back from the log as given.
    @Test func whatCannotBeKeptIsNormalized() {
        var relearning = Self.relearning
        relearning.review.dueDay = Self.today
        var given = ImportedState(.relearning(relearning), reps: 1, lapses: 1)
        #expect(given.phaseState == .relearning(Self.relearning))
        given.phaseState = .relearning(relearning)
        #expect(given.phaseState == .relearning(Self.relearning))
        #expect(ImportedState(.review(Self.review), reps: 0, lapses: 0).phaseState == .review(Self.review))
        // A memory state that is not a number is not known, so the state still equals itself.
        var unknown = ImportedState(.new, reps: 0, lapses: 0, stability: .nan, difficulty: .infinity)
        #expect(unknown.stability == nil && unknown.difficulty == nil && unknown == unknown)
        unknown.stability = -.infinity
        #expect(unknown.stability == nil)
    }

    /// The stats' pass over compact events applies a set-state from the table beside them: an
    /// answer after it counts as the review of a mature card (30 days before it), not a card's
    /// first learning step.
    @Test func theStatsPassAppliesSetStatesFromTheirTable() {
        let scheduler = replay().scheduler
        let now = Self.start + 3600
        let given = ImportedState(
            .review(ReviewState(intervalDays: 30, easePermille: 2500, dueDay: Self.today)), reps: 6, lapses: 0)
        let history = [
            CompactEvent(milliseconds: (Self.start - 60) * 1000, setStateIndex: 0),
            CompactEvent(milliseconds: Self.start * 1000, answer: .button(.good), durationMilliseconds: 5000),
        ]
        #expect(history[0].setStateIndex == 0 && history[1].setStateIndex == nil)
        let card = StatsBuilder.Card(key: key, skill: "S", path: "d.toml", line: 1, state: .new)
        var builder = StatsBuilder(scheduler: scheduler, now: now, periodDays: 7, cards: [card])
        builder.add(history, card: 0, key: key, setStates: [given])
        let stats = builder.finish()
        #expect(stats.retention.first?.mature == Stats.Retention(passed: 1, total: 1))
        #expect(stats.todayTotals.new == 0 && stats.todayTotals.answers == 1)
    }

    /// A set-state's state (about a hundred bytes) is held apart from the action, in a shared
    /// box: every event of a million-answer import stays as small as an answer's payload and its
    /// tag. Copies share the box; a changed copy gets its own, and the first keeps its values.
    @Test func aSetStateCostsTheOtherEventsNoSpace() {
        #expect(MemoryLayout<ImportedState>.size == MemoryLayout<Int>.size)
        #expect(MemoryLayout<EventAction>.size <= MemoryLayout<(Answer, Int)>.size + 1)
        let given = ImportedState(
            .review(ReviewState(intervalDays: 9, easePermille: 2500, dueDay: 40)), reps: 3, lapses: 1)
        var changed = given
        changed.reps = 4
        changed.stability = .nan
        #expect(given.reps == 3 && changed.reps == 4 && changed.stability == nil && given != changed)
        changed.reps = 3
        #expect(given == changed && given.hashValue == changed.hashValue)
    }
}
