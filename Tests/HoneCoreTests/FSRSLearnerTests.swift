import Foundation
import Testing

@testable import HoneCore

/// A simulated learner whose memory follows FSRS-6 with its published weights (the ground
/// truth), given 1,000 cards over a year, 20 new a day, answering everything due each day,
/// learning steps included: once scheduled by the `anki` preset (SM-2), once by `fsrs` at a
/// desired retention of 0.85. What a learner would notice: FSRS asks for at least 15% fewer
/// answers and leaves at least 96% of SM-2's knowledge at the end (the sum of the true recall
/// probabilities). Anki's own FSRS, in the figures: 20-25% fewer, 3.2-3.4% less.
@Suite("a simulated learner, SM-2 against FSRS")
struct FSRSLearnerTests {
    static let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
    /// 2026-01-05 09:00 UTC, the first session.
    static let start: Int64 = 1_767_603_600
    static let cards = 1000
    static let days = 365
    static let newPerDay = 20
    /// fsrs-rs's simulator defaults: the first rating, and Hard/Good/Easy of a recalled review.
    static let firstRating: [(Rating, Double)] = [(.again, 0.24), (.hard, 0.094), (.good, 0.495), (.easy, 0.171)]
    static let passingRating: [(Rating, Double)] = [(.hard, 0.224), (.good, 0.631), (.easy, 0.145)]

    struct Outcome {
        var answers = 0
        var knowledge = 0.0
    }

    /// One card as the learner holds it (the truth) and as the scheduler sees it.
    struct Card {
        var state = CardState.new
        var truth: FSRSMemoryState?
        var lastDay = 0
    }

    static func pick(_ table: [(Rating, Double)], _ random: inout SplitMix64) -> Rating {
        var roll = Double.random(in: 0..<1, using: &random)
        for (rating, share) in table {
            if roll < share { return rating }
            roll -= share
        }
        return table[table.count - 1].0
    }

    static func run(_ configure: (inout SchedulerSettings) -> Void, seed: UInt64) -> Outcome {
        var settings = SchedulerSettings()
        settings.fuzz = false
        configure(&settings)
        let scheduler = Scheduler(settings: settings, clock: clock)
        let truth = FSRSModel()
        var random = SplitMix64(seed: seed)
        var cards = [Card](repeating: Card(), count: Self.cards)
        var outcome = Outcome()
        var introduced = 0
        let firstDay = clock.day(of: start)
        for dayIndex in 0..<days {
            let today = firstDay + dayIndex
            var now = clock.start(ofDay: today) + 5 * 3600
            let dayEnd = clock.start(ofDay: today + 1)
            // Due reviews and learning cards due today, then today's new cards.
            var queue: [(due: Int64, card: Int)] = []
            for index in 0..<introduced {
                switch cards[index].state.due {
                case .day(let day) where day <= today: queue.append((now, index))
                case .instant(let at) where at < dayEnd: queue.append((max(at, now), index))
                default: break
                }
            }
            let fresh = min(newPerDay, Self.cards - introduced)
            queue += (introduced..<introduced + fresh).map { (now, $0) }
            introduced += fresh
            while !queue.isEmpty {
                queue.sort { $0.due != $1.due ? $0.due < $1.due : $0.card < $1.card }
                let (due, index) = queue.removeFirst()
                now = max(now, due)
                var card = cards[index]
                let rating: Rating
                if let memory = card.truth {
                    let elapsed = today - card.lastDay
                    let recall = truth.retrievability(days: Float(elapsed), stability: memory.stability)
                    rating =
                        Double.random(in: 0..<1, using: &random) < Double(recall)
                        ? pick(passingRating, &random) : .again
                    card.truth = truth.step(memory, rating, days: Float(elapsed))
                } else {
                    rating = pick(firstRating, &random)
                    card.truth = truth.initial(rating)
                }
                card.lastDay = today
                card.state = scheduler.answer(card.state, .button(rating), at: now, key: "c\(index)").state
                cards[index] = card
                outcome.answers += 1
                now += 20
                if case .instant(let at) = card.state.due, at < dayEnd { queue.append((at, index)) }
            }
        }
        let lastDay = firstDay + days
        for card in cards {
            guard let memory = card.truth else { continue }
            outcome.knowledge += Double(
                truth.retrievability(days: Float(lastDay - card.lastDay), stability: memory.stability))
        }
        return outcome
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func fsrsAsksFewerAnswersForNearlyTheSameKnowledge(seed: UInt64) {
        let sm2 = Self.run({ $0.preset = .anki }, seed: seed)
        let fsrs = Self.run(
            {
                $0.preset = .fsrs
                $0.desiredRetention = 0.85
            }, seed: seed)
        let fewer = 1 - Double(fsrs.answers) / Double(sm2.answers)
        let kept = fsrs.knowledge / sm2.knowledge
        let figures =
            "seed \(seed): SM-2 \(sm2.answers) answers, knowledge \(Int(sm2.knowledge)); "
            + "FSRS 0.85 \(fsrs.answers) answers (\(Int(fewer * 100))% fewer), knowledge \(Int(fsrs.knowledge)) "
            + "(\((kept * 1000).rounded() / 10)% of SM-2's)"
        #expect(fewer >= 0.15, "\(figures)")
        #expect(kept >= 0.96, "\(figures)")
    }
}
