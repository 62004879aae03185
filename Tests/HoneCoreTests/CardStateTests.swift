import Testing

@testable import HoneCore

/// The flat fields the queue, the stats and the exports read, from each phase.
@Suite("card state")
struct CardStateTests {
    @Test func theFlatFieldsReadThroughEachPhase() {
        #expect(CardState.new.phase == .new && CardState.new.due == .none && CardState.new.interval == 0)
        let learning = LearningState(step: 1, stepSeconds: 600, due: .instant(1_772_529_000))
        let review = ReviewState(intervalDays: 3, easePermille: 2300, dueDay: 20_500)
        let learner = CardState(.learning(learning))
        #expect(learner.phase == .learning && learner.due == .instant(1_772_529_000))
        #expect(learner.step == 1 && learner.stepSeconds == 600 && learner.interval == 0 && learner.ease == 0)
        let reviewed = CardState(.review(review))
        #expect(reviewed.phase == .review && reviewed.due == .day(20_500) && reviewed.interval == 3)
        #expect(reviewed.ease == 2300 && reviewed.step == 0 && reviewed.drillDay == nil)
        let relearner = CardState(.relearning(RelearningState(learning: learning, review: review)))
        #expect(relearner.phase == .relearning && relearner.due == .instant(1_772_529_000), "due by its step")
        #expect(relearner.interval == 3 && relearner.ease == 2300 && relearner.step == 1)
        let drilled = CardState(.review(review), memory: .classic(ClassicMemory(streak: 2, drillDay: 20_499)))
        #expect(drilled.drillDay == 20_499 && drilled.streak == 2)
    }

    /// As tests build states: setting the phase converts the schedule, and a field the phase
    /// does not hold is dropped.
    @Test func fieldByFieldEditing() {
        var state = CardState.new
        state.interval = 5
        #expect(state == .new, "a new card holds no interval")
        state.phase = .review
        state.interval = 5
        state.ease = 2500
        state.due = .day(20_500)
        #expect(state.phaseState == .review(ReviewState(intervalDays: 5, easePermille: 2500, dueDay: 20_500)))
        state.phase = .relearning
        state.due = .instant(1_772_529_000)
        #expect(state.interval == 5 && state.ease == 2500 && state.due == .instant(1_772_529_000))
        state.phaseState = .relearning(
            RelearningState(
                learning: LearningState(step: 0, stepSeconds: 600, due: .instant(0)),
                review: ReviewState(intervalDays: 5, easePermille: 2500, dueDay: 20_500)))
        state.due = .instant(1_772_529_600)
        #expect(state.phaseState.review?.dueDay == 20_500, "a relearning card's step moves, not its review")
    }
}
