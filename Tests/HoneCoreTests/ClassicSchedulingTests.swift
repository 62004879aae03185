import Foundation
import Testing

@testable import HoneCore

/// The `classic` preset (SM-2 as published): what it keeps in its own memory, phase by phase.
@Suite("classic transitions")
struct ClassicSchedulingTests {
    static let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
    /// 2026-03-03 09:00 UTC.
    static let start: Int64 = 1_772_528_400
    static var today: Int { clock.day(of: start) }
    let classic: Scheduler

    init() {
        var settings = SchedulerSettings()
        settings.preset = .classic
        classic = Scheduler(settings: settings, clock: Self.clock)
    }

    func review(_ interval: Int, _ ease: Int) -> PhaseState {
        .review(ReviewState(intervalDays: interval, easePermille: ease, dueDay: Self.today + interval))
    }

    @Test func aNewCardGoesStraightToReviewWithAMemory() {
        let good = classic.answer(.new, .quality(4), at: Self.start, key: "k")
        #expect(good.state.phaseState == review(1, 2500) && good.kind == .learn)
        #expect(good.state.memory == .classic(ClassicMemory(streak: 1)))
        let hard = classic.answer(.new, .quality(3), at: Self.start, key: "k")
        #expect(hard.state.phaseState == review(1, 2360))
        #expect(hard.state.memory == .classic(ClassicMemory(streak: 1, drillDay: Self.today)), "below 4: a drill today")
    }

    @Test func theStreakSetsTheInterval() {
        let due = ReviewState(intervalDays: 6, easePermille: 2500, dueDay: Self.today)
        let card = CardState(.review(due), reps: 2, memory: .classic(ClassicMemory(streak: 2)))
        let good = classic.answer(card, .quality(4), at: Self.start, key: "k")
        #expect(good.state.phaseState == review(15, 2500) && good.state.memory == .classic(ClassicMemory(streak: 3)))
        let failed = classic.answer(card, .quality(2), at: Self.start, key: "k")
        #expect(failed.state.phaseState == review(1, 2180))
        #expect(failed.state.memory == .classic(ClassicMemory(streak: 0, drillDay: Self.today)))
        #expect(failed.state.lapses == 1 && failed.kind == .review && failed.state.reps == 3)
    }

    @Test func aDrillChangesOnlyTheDrillDay() {
        let card = CardState(review(1, 2360), reps: 1, memory: .classic(ClassicMemory(streak: 1, drillDay: Self.today)))
        let stillWrong = classic.answer(card, .quality(1), at: Self.start + 60, key: "k")
        #expect(stillWrong.state == card && stillWrong.kind == .drill && stillWrong.intervalDays == 0)
        let right = classic.answer(card, .quality(5), at: Self.start + 60, key: "k")
        var cleared = card
        cleared.memory = .classic(ClassicMemory(streak: 1))
        #expect(right.state == cleared && right.kind == .drill)
    }

    @Test func whatTheLearnerSetIsKept() {
        var card = CardState.new
        card.buriedDay = Self.today
        let next = classic.nextStates(card, at: Self.start, key: "k")
        #expect([next.again, next.hard, next.good, next.easy].allSatisfy { $0.state.buriedDay == Self.today })
    }
}
