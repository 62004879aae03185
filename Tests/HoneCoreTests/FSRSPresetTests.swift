import Foundation
import Testing

@testable import HoneCore

/// The `fsrs` preset as a learner meets it, from FSRS-6's published default weights: the
/// reference tests against Anki and fsrs-rs are generated elsewhere; these pin the behaviour
/// that follows from the formulas themselves.
@Suite("fsrs preset")
struct FSRSPresetTests {
    static let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
    /// 2026-03-03 09:00 UTC.
    static let start: Int64 = 1_772_528_400
    static var today: Int { clock.day(of: start) }
    static let day: Int64 = 86_400
    static let w = FSRSParameters.defaultWeights

    func scheduler(_ configure: (inout SchedulerSettings) -> Void = { _ in }) -> Scheduler {
        var settings = SchedulerSettings()
        settings.preset = .fsrs
        settings.fuzz = false
        configure(&settings)
        return Scheduler(settings: settings, clock: Self.clock)
    }

    @Test func aNewCardStepsAndEasyGraduatesAtItsFirstStability() {
        let next = scheduler().nextStates(.new, at: Self.start, key: "k")
        #expect(next.again.state.phase == .learning && next.again.intervalDays == 60.0 / 86_400)
        #expect(next.good.state.phase == .learning && next.good.intervalDays == 600.0 / 86_400)
        // Easy: the first stability is w3 (8.2956 days), which at 90% retention is the interval.
        #expect(
            next.easy.state.phaseState
                == .review(ReviewState(intervalDays: 8, easePermille: 2500, dueDay: Self.today + 8)))
        let easy = next.easy.state.memory?.fsrs
        #expect(easy?.state.stability == 8.2956 && easy?.lastReview == Self.start)
        // D0(easy) = w4 − e^(3·w5) + 1 is below 1: kept at 1.
        #expect(easy?.state.difficulty == 1)
        // Every answer keeps a memory state, the first one too.
        #expect(next.again.state.memory?.fsrs?.state.stability == Float(0.212))
    }

    @Test func aLowerRetentionGivesLongerIntervals() {
        let card = CardState(.learning(LearningState(step: 1, stepSeconds: 600, due: .instant(Self.start))), reps: 2)
        let strict = scheduler().answer(card, .button(.easy), at: Self.start, key: "k")
        let relaxed = scheduler { $0.desiredRetention = 0.8 }.answer(card, .button(.easy), at: Self.start, key: "k")
        #expect(relaxed.state.interval > strict.state.interval, "\(relaxed.state.interval) vs \(strict.state.interval)")
    }

    @Test func sameDayAnswersNeverLowerStabilityOnAPass() {
        let fsrs = scheduler()
        var state = fsrs.answer(.new, .button(.good), at: Self.start, key: "k").state
        let first = state.memory?.fsrs?.state.stability ?? 0
        #expect(first == Float(2.3065), "the first Good: w2")
        state = fsrs.answer(state, .button(.good), at: Self.start + 600, key: "k").state
        #expect((state.memory?.fsrs?.state.stability ?? 0) >= first, "t = 0: the short-term formula, at least 1×")
        #expect(state.phase == .review, "Good on the last step graduates")
        let again = fsrs.answer(state, .button(.again), at: Self.start + 900, key: "k").state
        #expect((again.memory?.fsrs?.state.stability ?? .infinity) < first, "Again the same day lowers it")
    }

    @Test func aLapseRelearnsAndKeepsFSRSsAgainInterval() {
        let review = ReviewState(intervalDays: 30, easePermille: 2500, dueDay: Self.today)
        var card = CardState(.review(review), reps: 5)
        card.memory = .fsrs(
            FSRSMemory(state: FSRSMemoryState(stability: 30, difficulty: 5), lastReview: Self.start - 30 * Self.day))
        let lapse = scheduler().answer(card, .button(.again), at: Self.start, key: "k")
        #expect(lapse.state.phase == .relearning && lapse.state.lapses == 1 && lapse.kind == .review)
        let stability = lapse.state.memory?.fsrs?.state.stability ?? 0
        #expect(stability < 30 && stability > 0)
        let model = FSRSModel()
        let expected = Int(model.interval(stability: stability, retention: 0.9).rounded())
        #expect(lapse.state.interval == max(expected, 1))
        #expect(lapse.state.ease == 2300, "the ease still moves as Anki moves it")
    }

    @Test func aReviewDueTodayIsAtNinetyPercent() {
        // Stability 10, answered 10 days ago: R = 0.9 by the definition of stability.
        let review = ReviewState(intervalDays: 10, easePermille: 2500, dueDay: Self.today)
        var card = CardState(.review(review), reps: 5)
        card.memory = .fsrs(
            FSRSMemory(state: FSRSMemoryState(stability: 10, difficulty: 5), lastReview: Self.start - 10 * Self.day))
        let memory = scheduler().memory(card, at: Self.start)
        #expect(abs((memory?.retrievability ?? 0) - 0.9) < 1e-6)
        #expect(scheduler { $0.preset = .anki }.memory(card, at: Self.start) == nil, "no memory outside fsrs")
    }

    @Test func anSM2StateGetsAnkisEstimate() {
        // A review card set from SM-2 (an import): S is the interval itself at 90% historical
        // retention, last reviewed an interval before its due day, so it is at 90% on that day.
        let given = ImportedState(
            .review(ReviewState(intervalDays: 10, easePermille: 2500, dueDay: Self.today)), reps: 4, lapses: 0)
        var card = CardState()
        Replay.set(&card, to: given, preset: .fsrs)
        #expect(card.memory == nil)
        let memory = scheduler().memory(card, at: Self.start)
        #expect(abs((memory?.state.stability ?? 0) - 10) < 1e-4)
        #expect(abs((memory?.retrievability ?? 0) - 0.9) < 1e-5)
        let difficulty = memory?.state.difficulty ?? 0
        #expect(difficulty >= 1 && difficulty <= 10)
        // Given with Anki's stability and difficulty, the card keeps them.
        let known = ImportedState(given.phaseState, reps: 4, lapses: 0, stability: 12.34567, difficulty: 4.56789)
        Replay.set(&card, to: known, preset: .anki)
        #expect(card.memory == nil, "other presets keep no memory from a set state")
        Replay.set(&card, to: known, preset: .fsrs)
        #expect(card.memory?.fsrs?.state == FSRSMemoryState(stability: 12.3457, difficulty: 4.568))
    }

    @Test func aSetStateOutsideFSRSsBoundsIsKeptWithinThem() {
        // Another tool's stability of 0.00001 would round to 0 (a division by zero in the
        // retrievability), and 1e300 is infinite as a 32-bit float: both are brought within.
        let review = PhaseState.review(ReviewState(intervalDays: 10, easePermille: 2500, dueDay: Self.today))
        var card = CardState()
        Replay.set(
            &card, to: ImportedState(review, reps: 4, lapses: 0, stability: 0.00001, difficulty: 20), preset: .fsrs)
        #expect(card.memory?.fsrs?.state == FSRSMemoryState(stability: 0.001, difficulty: 10))
        Replay.set(&card, to: ImportedState(review, reps: 4, lapses: 0, stability: 1e300, difficulty: 5), preset: .fsrs)
        #expect(card.memory?.fsrs?.state.stability == 36_500)
        let memory = scheduler().memory(card, at: Self.start)
        #expect(memory?.retrievability.isFinite == true)
    }

    @Test func aStateSetWithoutAMemoryKeepsTheOneItsAnswersBuilt() {
        // Answered, then given a new due day by hand (or by an import whose source had no FSRS
        // state): the memory its answers built stays, as Anki keeps it through "set due date".
        let fsrs = scheduler()
        let answered = fsrs.answer(.new, .button(.easy), at: Self.start, key: "k").state
        var card = answered
        let moved = ImportedState(
            .review(ReviewState(intervalDays: 3, easePermille: 2500, dueDay: Self.today + 3)), reps: 1, lapses: 0)
        Replay.set(&card, to: moved, preset: .fsrs)
        #expect(card.memory == answered.memory && card.interval == 3)
        Replay.set(&card, to: ImportedState(.new, reps: 0, lapses: 0), preset: .fsrs)
        #expect(card.memory == nil, "set back to new: forgotten")
    }

    @Test func storedStatesAreRoundedAsAnkiStoresThem() {
        let state = FSRSMemoryState(stability: 3.14159265, difficulty: 7.77777).stored
        #expect(state == FSRSMemoryState(stability: 3.1416, difficulty: 7.778))
    }
}
