import Foundation
import Testing

@testable import HoneCore

/// The `anki` preset phase by phase: which phase each button leads to, with what schedule.
@Suite("anki transitions")
struct AnkiSchedulingTests {
    static let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
    /// 2026-03-03 09:00 UTC.
    static let start: Int64 = 1_772_528_400
    static var today: Int { clock.day(of: start) }

    func scheduler(_ configure: (inout SchedulerSettings) -> Void = { _ in }) -> Scheduler {
        var settings = SchedulerSettings()
        settings.fuzz = false
        configure(&settings)
        return Scheduler(settings: settings, clock: Self.clock)
    }

    func step(_ step: Int, _ seconds: Int) -> LearningState {
        LearningState(step: step, stepSeconds: seconds, due: .instant(Self.start + Int64(seconds)))
    }

    func review(_ interval: Int, _ ease: Int, in days: Int? = nil) -> ReviewState {
        ReviewState(intervalDays: interval, easePermille: ease, dueDay: Self.today + (days ?? interval))
    }

    @Test func newCardsStartOnTheFirstStep() {
        let next = scheduler().nextStates(.new, at: Self.start, key: "k")
        #expect(next.again.state.phaseState == .learning(step(0, 60)))
        #expect(next.hard.state.phaseState == .learning(step(0, 330)), "between the first two steps")
        #expect(next.good.state.phaseState == .learning(step(1, 600)))
        #expect(next.easy.state.phaseState == .review(review(4, 2500)), "graduates at once")
        #expect([next.again, next.hard, next.good, next.easy].allSatisfy { $0.kind == .learn && $0.state.reps == 1 })
        #expect(next.good.intervalDays == 600.0 / 86_400)
    }

    @Test func learningCardsStepOrGraduate() {
        let onLast = CardState(.learning(step(1, 600)), reps: 2)
        let next = scheduler().nextStates(onLast, at: Self.start, key: "k")
        #expect(next.again.state.phaseState == .learning(step(0, 60)))
        #expect(next.hard.state.phaseState == .learning(step(1, 600)), "Hard repeats a later step")
        #expect(next.good.state.phaseState == .review(review(1, 2500)))
        #expect(next.easy.state.phaseState == .review(review(4, 2500)))
        #expect(next.good.state.reps == 3 && next.good.state.memory == nil)
    }

    @Test func aStepPastTheNextDayStartIsDueThatDay() {
        let anki = scheduler {
            $0.learningSteps = [LearningDuration(seconds: 60), LearningDuration(seconds: 20 * 3600)]
        }
        // 09:00 + 20 h is 05:00 the next day, after the 04:00 day start.
        let good = anki.answer(.new, .button(.good), at: Self.start, key: "k")
        #expect(
            good.state.phaseState == .learning(LearningState(step: 1, stepSeconds: 72_000, due: .day(Self.today + 1))))
        #expect(good.state.due == .day(Self.today + 1))
    }

    @Test func noStepsGraduatesEveryAnswer() {
        let anki = scheduler { $0.learningSteps = [] }
        let next = anki.nextStates(.new, at: Self.start, key: "k")
        #expect(next.again.state.phaseState == .review(review(1, 2500)))
        #expect(next.easy.state.phaseState == .review(review(4, 2500)))
    }

    @Test func reviewCardsPassWithTheirEaseStepsOrLapse() {
        let card = CardState(.review(review(10, 2500, in: 0)), reps: 6, lapses: 1)
        let next = scheduler().nextStates(card, at: Self.start, key: "k")
        #expect(next.hard.state.phaseState == .review(review(12, 2350)), "max(10 x 1.2, 11), ease - 0.15")
        #expect(next.good.state.phaseState == .review(review(25, 2500)), "10 x 2.5, ease kept")
        #expect(next.easy.state.phaseState == .review(review(33, 2650)), "10 x 2.5 x 1.3 = 32.5, half away from 0")
        #expect([next.hard, next.good, next.easy].allSatisfy { $0.kind == .review && $0.state.lapses == 1 })
        // Again: a lapse into relearning, keeping the review it returns to (interval 1, ease - 0.20).
        let kept = ReviewState(intervalDays: 1, easePermille: 2300, dueDay: Self.today)
        #expect(next.again.state.phaseState == .relearning(RelearningState(learning: step(0, 600), review: kept)))
        #expect(next.again.kind == .review && next.again.state.lapses == 2 && !next.again.state.leech)
        #expect(next.again.state.interval == 1 && next.again.state.ease == 2300)
    }

    @Test func aLapseWithoutRelearningStepsStaysInReview() {
        let anki = scheduler {
            $0.relearningSteps = []
            $0.lapseFactor = 0.5
        }
        let card = CardState(.review(review(30, 1400, in: 0)), reps: 6)
        let again = anki.answer(card, .button(.again), at: Self.start, key: "k")
        #expect(again.state.phaseState == .review(review(15, 1300)), "half the interval, the ease at its floor")
        #expect(again.kind == .review && again.state.lapses == 1)
    }

    @Test func relearningCardsStepThenReturnToTheirReview() {
        let kept = ReviewState(intervalDays: 3, easePermille: 2300, dueDay: Self.today - 1)
        let card = CardState(.relearning(RelearningState(learning: step(0, 600), review: kept)), reps: 8, lapses: 2)
        let next = scheduler().nextStates(card, at: Self.start, key: "k")
        #expect(next.again.state.phaseState == .relearning(RelearningState(learning: step(0, 600), review: kept)))
        #expect(next.again.state.lapses == 2, "Again while relearning is no new lapse")
        #expect(next.hard.state.phaseState == .relearning(RelearningState(learning: step(0, 900), review: kept)))
        #expect(next.good.state.phaseState == .review(review(3, 2300)))
        #expect(next.easy.state.phaseState == .review(review(4, 2300)), "a day more")
        #expect([next.again, next.hard, next.good, next.easy].allSatisfy { $0.kind == .relearn })
    }

    @Test func whatTheLearnerSetIsKeptThroughEveryAnswer() {
        var card = CardState(.review(review(10, 2500, in: 0)), reps: 6)
        card.buriedDay = Self.today
        card.suspended = true
        let next = scheduler().nextStates(card, at: Self.start, key: "k")
        for outcome in [next.again, next.hard, next.good, next.easy] {
            #expect(outcome.state.buriedDay == Self.today && outcome.state.suspended)
        }
    }
}
