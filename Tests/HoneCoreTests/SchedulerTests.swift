import Foundation
import Testing

@testable import HoneCore

@Suite("scheduler")
struct SchedulerTests {
    static let utc = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
    /// 2026-03-03 09:00 UTC.
    static let start: Int64 = 1_772_528_400

    func scheduler(_ configure: (inout SchedulerSettings) -> Void = { _ in }) -> Scheduler {
        var settings = SchedulerSettings()
        settings.fuzz = false
        configure(&settings)
        return Scheduler(settings: settings, clock: Self.utc)
    }

    /// Answers `answers` in turn, each at the moment the card falls due (a day's reviews at
    /// 09:00), and returns the intervals given.
    func intervals(_ scheduler: Scheduler, _ answers: [Answer], key: String = "d/c") -> (
        intervals: [Double], state: CardState
    ) {
        var state = CardState.new
        var now = Self.start
        var result: [Double] = []
        for answer in answers {
            let outcome = scheduler.answer(state, answer, at: now, key: key)
            result.append(outcome.intervalDays)
            state = outcome.state
            switch state.due {
            case .instant(let at): now = at
            case .day(let day): now = Self.utc.start(ofDay: day) + 5 * 3600
            case .none: break
            }
        }
        return (result, state)
    }

    @Test func ankiGoodEveryTimeFollowsThePublishedSequence() {
        let (intervals, state) = intervals(scheduler(), Array(repeating: .button(.good), count: 9))
        #expect(intervals.map { ($0 * 1440).rounded() }.prefix(2) == [10, 1440])
        #expect(intervals.dropFirst().map(Int.init) == [1, 3, 8, 20, 50, 125, 313, 783])
        #expect(state.ease == 2500)
    }

    @Test func classicQualityFourFollowsThePublishedSequence() {
        let classic = scheduler { $0.preset = .classic }
        let (intervals, state) = intervals(classic, Array(repeating: .quality(4), count: 6))
        #expect(intervals.map(Int.init) == [1, 6, 15, 38, 95, 238])
        #expect(state.ease == 2500)
    }

    @Test func classicEaseChangesByExactHundredths() {
        let classic = scheduler { $0.preset = .classic }
        for (quality, change) in zip(0...5, [-800, -540, -320, -140, 0, 100]) {
            var state = CardState.new
            state.phase = .review
            state.ease = 2500
            state.interval = 6
            state.streak = 2
            state.due = .day(Self.utc.day(of: Self.start))
            let outcome = classic.answer(state, .quality(quality), at: Self.start, key: "k")
            #expect(outcome.state.ease == max(1300, 2500 + change))
            #expect(outcome.state.interval == (quality < 3 ? 1 : 15))
        }
    }

    @Test func classicBelowFourComesBackAsADrillThatChangesNothing() {
        let classic = scheduler { $0.preset = .classic }
        let first = classic.answer(.new, .quality(3), at: Self.start, key: "k")
        #expect(first.state.drillDay != nil)
        let drill = classic.answer(first.state, .quality(2), at: Self.start + 60, key: "k")
        #expect(drill.kind == .drill)
        #expect(drill.state.ease == first.state.ease && drill.state.interval == first.state.interval)
        let cleared = classic.answer(drill.state, .quality(5), at: Self.start + 120, key: "k")
        #expect(cleared.kind == .drill)
        #expect(cleared.state.drillDay == nil && cleared.state.ease == first.state.ease)
        let nextDay = classic.answer(cleared.state, .quality(4), at: Self.start + 86_400, key: "k")
        #expect(nextDay.kind == .review)
        #expect(nextDay.state.interval == 6)
    }

    @Test func ankiLearningSteps() {
        let anki = scheduler()
        let again = anki.answer(.new, .button(.again), at: Self.start, key: "k")
        #expect(again.state.due == .instant(Self.start + 60))
        let hard = anki.answer(.new, .button(.hard), at: Self.start, key: "k")
        #expect(hard.state.due == .instant(Self.start + 330))
        let easy = anki.answer(.new, .button(.easy), at: Self.start, key: "k")
        #expect(easy.state.phase == .review && easy.state.interval == 4 && easy.state.ease == 2500)
        let second = anki.answer(.new, .button(.good), at: Self.start, key: "k").state
        let hardOnLast = anki.answer(second, .button(.hard), at: Self.start + 600, key: "k")
        #expect(hardOnLast.state.due == .instant(Self.start + 1200) && hardOnLast.state.step == 1)
    }

    func reviewCard(interval: Int, ease: Int = 2500, dueDaysAgo: Int = 0) -> CardState {
        var state = CardState()
        state.phase = .review
        state.interval = interval
        state.ease = ease
        state.reps = 5
        state.due = .day(Self.utc.day(of: Self.start) - dueDaysAgo)
        return state
    }

    @Test func ankiLatenessCreditAndFloatRounding() {
        let anki = scheduler()
        // I = 8, 30 days late, E = 2.5: Easy is 38 x 2.5 x 1.3 = 123.49999 in Float: 123 days.
        let easy = anki.answer(reviewCard(interval: 8, dueDaysAgo: 30), .button(.easy), at: Self.start, key: "k")
        #expect(easy.state.interval == 123)
        #expect(easy.state.ease == 2650)
        // Good gets half the lateness: (8 + 15) x 2.5 = 57.5: 58.
        let good = anki.answer(reviewCard(interval: 8, dueDaysAgo: 30), .button(.good), at: Self.start, key: "k")
        #expect(good.state.interval == 58)
        // Hard ignores lateness: max(8 x 1.2, 9) = 9.6: 10.
        let hard = anki.answer(reviewCard(interval: 8, dueDaysAgo: 30), .button(.hard), at: Self.start, key: "k")
        #expect(hard.state.interval == 10 && hard.state.ease == 2350)
        // An early answer counts as on time.
        let early = anki.answer(reviewCard(interval: 8, dueDaysAgo: -3), .button(.good), at: Self.start, key: "k")
        #expect(early.state.interval == 20)
    }

    @Test func ankiLapseRelearningAndTheEaseFloor() {
        let anki = scheduler()
        let lapse = anki.answer(reviewCard(interval: 30, ease: 1400), .button(.again), at: Self.start, key: "k")
        #expect(lapse.state.phase == .relearning && lapse.state.lapses == 1)
        #expect(lapse.state.ease == 1300, "never below 1.3")
        #expect(lapse.state.interval == 1 && lapse.state.due == .instant(Self.start + 600))
        let hard = anki.answer(lapse.state, .button(.hard), at: Self.start + 600, key: "k")
        #expect(hard.state.due == .instant(Self.start + 1500), "10m relearning step: Hard is 15m")
        let againInRelearning = anki.answer(lapse.state, .button(.again), at: Self.start + 600, key: "k")
        #expect(againInRelearning.state.lapses == 1 && againInRelearning.state.ease == 1300)
        let back = anki.answer(lapse.state, .button(.good), at: Self.start + 600, key: "k")
        #expect(back.state.phase == .review && back.state.interval == 1)
        let easy = anki.answer(lapse.state, .button(.easy), at: Self.start + 600, key: "k")
        #expect(easy.state.interval == 2 && easy.state.ease == 1300)
    }

    @Test func theIntervalCapHolds() {
        let anki = scheduler { $0.maximumInterval = 100 }
        let outcome = anki.answer(reviewCard(interval: 90), .button(.easy), at: Self.start, key: "k")
        #expect(outcome.state.interval == 100)
    }

    @Test func leechesAtEightThenEveryFour() {
        let tag = scheduler()
        let suspend = scheduler { $0.leechAction = .suspend }
        var state = reviewCard(interval: 5)
        var leechAt: [Int] = []
        for lapse in 1...16 {
            state.lapses = lapse - 1
            state.leech = false
            let outcome = tag.answer(state, .button(.again), at: Self.start, key: "k")
            if outcome.state.leech { leechAt.append(lapse) }
            #expect(!outcome.state.suspended)
        }
        #expect(leechAt == [8, 12, 16])
        state.lapses = 7
        #expect(suspend.answer(state, .button(.again), at: Self.start, key: "k").state.suspended)
    }

    @Test func fuzzStaysInRangeAndIsDeterministic() {
        let fuzzed = scheduler { $0.fuzz = true }
        var seen = Set<Int>()
        for index in 0..<300 {
            let key = "deck/card-\(index)"
            let a = fuzzed.answer(reviewCard(interval: 20), .button(.good), at: Self.start, key: key)
            // 50 days: delta = 1 + 0.15 x 4.5 + 0.1 x 13 + 0.05 x 30 = 4.475, so 46...54.
            #expect((46...54).contains(a.state.interval))
            seen.insert(a.state.interval)
        }
        #expect(seen.count >= 7, "the fuzz spreads cards over the range: \(seen.sorted())")
        // The pick depends on the key and the review count only. These days were worked out
        // apart from hone (FNV-1a of the key, SplitMix64 over it and 5 reviews, 46 + ⌊factor × 9⌋
        // in Float): any run, on any machine, with any hash seed, must land on them.
        let pinned = (0..<12).map { index in
            let key = "deck/card-\(index)"
            return fuzzed.answer(reviewCard(interval: 20), .button(.good), at: Self.start, key: key).state.interval
        }
        #expect(pinned == [49, 50, 49, 52, 46, 51, 51, 47, 53, 52, 48, 54])
        #expect(Fuzz.bounds(3, minimum: 1, maximum: 100) == 2...4)
        // Short intervals are not fuzzed.
        #expect(fuzzed.answer(.new, .button(.easy), at: Self.start, key: "x").state.interval >= 3)
    }

    @Test("properties over random answer sequences", arguments: 0..<20)
    func properties(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let anki = scheduler { $0.fuzz = seed % 2 == 0 }
        var state = CardState.new
        var now = Self.start
        for _ in 0..<60 {
            let rating = Rating(rawValue: Int(random.next() % 4) + 1) ?? .good
            let answer = Answer.button(rating)
            if state.phase == .review, state.interval * 4 < 36_500 {
                let outcomes = anki.preview(state, at: now, key: "p").map(\.1.intervalDays)
                #expect(
                    outcomes[0] < outcomes[1] && outcomes[1] < outcomes[2] && outcomes[2] < outcomes[3],
                    "seed \(seed): \(outcomes)")
            }
            state = anki.answer(state, answer, at: now, key: "p").state
            if state.phase == .review || state.phase == .relearning { #expect(state.ease >= 1300, "seed \(seed)") }
            switch state.due {
            case .instant(let at): now = at + Int64(random.next() % 3600)
            case .day(let day): now = Self.utc.start(ofDay: day) + Int64(random.next() % (86_400 * 3))
            case .none: break
            }
        }
    }

    @Test func answersReadFromALogMapAsTheDesignSays() {
        #expect(Answer(logText: "good") == .button(.good))
        #expect(Answer(logText: "3") == .quality(3))
        #expect(Answer(logText: "6") == nil && Answer(logText: "meh") == nil)
        #expect((0...5).map { Answer.quality($0).rating } == [.again, .again, .again, .hard, .good, .easy])
        #expect(Rating.allCases.map { Answer.button($0).quality } == [1, 3, 4, 5])
    }

    @Test func ratingsTypedAtThePrompt() {
        #expect(Answer(typed: " Good ", preset: .anki) == .button(.good))
        #expect(Answer(typed: "e", preset: .anki) == .button(.easy))
        #expect(Answer(typed: "1", preset: .anki) == .button(.again))
        #expect(Answer(typed: "4", preset: .anki) == .button(.easy))
        #expect(Answer(typed: "5", preset: .anki) == nil && Answer(typed: "0", preset: .anki) == nil)
        #expect(Answer(typed: "0", preset: .classic) == .quality(0))
        #expect(Answer(typed: "5", preset: .classic) == .quality(5))
        #expect(Answer(typed: "hard", preset: .classic)?.quality == 3)
        #expect(Answer(typed: "maybe", preset: .anki) == nil)
    }

    @Test func durationsRead() {
        #expect(LearningDuration("1m")?.seconds == 60)
        #expect(LearningDuration("10m")?.seconds == 600)
        #expect(LearningDuration("1h")?.seconds == 3600)
        #expect(LearningDuration("2d")?.seconds == 172_800)
        #expect(LearningDuration("10") == nil && LearningDuration("-1m") == nil && LearningDuration("m") == nil)
    }
}
