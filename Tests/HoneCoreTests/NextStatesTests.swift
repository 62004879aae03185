import Foundation
import Testing

@testable import HoneCore

@Suite("next states")
struct NextStatesTests {
    static let clock = DayClock(timeZone: TimeZone(identifier: "Europe/Berlin")!, rolloverHour: 4)
    /// 2026-03-03 09:00 UTC.
    static let start: Int64 = 1_772_528_400

    /// The settings the outcomes are compared under: both presets, fuzz on and off, no steps,
    /// steps longer than a night, a low cap and suspending leeches.
    static var variants: [SchedulerSettings] {
        var variants: [SchedulerSettings] = []
        for preset in SchedulerSettings.Preset.allCases {
            for variant in 0..<4 {
                var settings = SchedulerSettings()
                settings.preset = preset
                settings.fuzz = variant != 1
                if variant == 2 {
                    settings.learningSteps = []
                    settings.relearningSteps = []
                }
                if variant == 3 {
                    settings.learningSteps = [LearningDuration(seconds: 60), LearningDuration(seconds: 30 * 3600)]
                    settings.relearningSteps = [LearningDuration(seconds: 20 * 3600)]
                    settings.maximumInterval = 60
                    settings.leechAction = .suspend
                    settings.lapseFactor = 0.5
                }
                variants.append(settings)
            }
        }
        return variants
    }

    /// Any state of any phase, with fields the scheduler may or may not have written together.
    static func randomState(_ random: inout SplitMix64, today: Int, now: Int64) -> CardState {
        func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        let stepDue: LearningState.Due =
            pick(0...3) == 0 ? .day(today + pick(-2...2)) : .instant(now + Int64(pick(-90_000...90_000)))
        let learning = LearningState(step: pick(0...2), stepSeconds: [60, 600, 900, 86_400][pick(0...3)], due: stepDue)
        let review = ReviewState(
            intervalDays: pick(1...500), easePermille: pick(1300...3200), dueDay: today + pick(-60...10))
        let phases: [PhaseState] = [
            .new, .learning(learning), .review(review),
            .relearning(RelearningState(learning: learning, review: review)),
        ]
        var state = CardState(
            phases[pick(0...3)], reps: pick(0...60), lapses: pick(0...20), leech: pick(0...4) == 0,
            suspended: pick(0...9) == 0)
        if pick(0...2) == 0 { state.buriedDay = today + pick(-1...1) }
        if pick(0...1) == 0 {
            state.memory = .classic(
                ClassicMemory(streak: pick(0...6), drillDay: pick(0...1) == 0 ? today - pick(0...1) : nil))
        }
        return state
    }

    @Test("the four outcomes are the four answers, for random states", arguments: 0..<8)
    func fourOutcomesAreFourAnswers(variant: Int) {
        let settings = Self.variants[variant]
        let scheduler = Scheduler(settings: settings, clock: Self.clock)
        var random = SplitMix64(seed: UInt64(variant) &* 7919)
        for index in 0..<2000 {
            let now = Self.start + Int64(random.next() % (86_400 * 400))
            let state = Self.randomState(&random, today: Self.clock.day(of: now), now: now)
            let keyHash = FNV1a.hash("deck/card-\(index)")
            let next = scheduler.nextStates(state, at: now, keyHash: keyHash)
            for rating in Rating.allCases {
                let answered = scheduler.answer(state, .button(rating), at: now, keyHash: keyHash)
                #expect(next[rating] == answered, "\(rating) on \(state)")
                #expect(next[rating].state.buriedDay == state.buriedDay, "the scheduler never buries")
            }
            // Every quality: its button's outcome where one stands for it, else none (and the
            // caller answers it); never a different outcome.
            for quality in -1...6 {
                let answered = scheduler.answer(state, .quality(quality), at: now, keyHash: keyHash)
                if let outcome = next.outcome(of: .quality(quality)) {
                    #expect(outcome == answered, "quality \(quality) on \(state)")
                } else {
                    #expect(settings.preset == .classic && ![1, 3, 4, 5].contains(quality))
                }
            }
        }
    }

    @Test func classicQualitiesNoButtonStandsForHaveNoOutcome() {
        var settings = SchedulerSettings()
        settings.preset = .classic
        let classic = Scheduler(settings: settings, clock: Self.clock)
        let next = classic.nextStates(.new, at: Self.start, key: "k")
        #expect(next.outcome(of: .quality(0)) == nil && next.outcome(of: .quality(2)) == nil)
        #expect(next.outcome(of: .quality(4)) == next.good && next.outcome(of: .button(.good)) == next.good)
        // Quality 0 and 1 differ: -0.80 and -0.54 on the E-Factor.
        #expect(classic.answer(.new, .quality(0), at: Self.start, key: "k").state.ease == 1700)
        #expect(next.again.state.ease == 1960)
        let anki = Scheduler(settings: SchedulerSettings(), clock: Self.clock).nextStates(
            .new, at: Self.start, key: "k")
        #expect(anki.outcome(of: .quality(0)) == anki.again && anki.outcome(of: .quality(2)) == anki.again)
    }

    @Test func theButtonsInOrderAreTheNextStates() {
        let scheduler = Scheduler(settings: SchedulerSettings(), clock: Self.clock)
        let review = CardState(.review(ReviewState(intervalDays: 10, easePermille: 2500, dueDay: 20_515)), reps: 4)
        let next = scheduler.nextStates(review, at: Self.start, key: "k")
        let listed = scheduler.preview(review, at: Self.start, key: "k")
        #expect(listed.map(\.0) == Rating.allCases)
        #expect(listed.map(\.1) == [next.again, next.hard, next.good, next.easy])
    }
}
