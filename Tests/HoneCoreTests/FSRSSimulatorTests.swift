import Testing

@testable import HoneCore

@Suite("FSRS simulator")
struct FSRSSimulatorTests {
    /// A small collection over a short span: quick in a debug build, large enough that the
    /// retention's effect stands well above the noise of the draws.
    func simulator(days: Int = 120, newPerDay: Int = 10) -> FSRSSimulator {
        var config = FSRSSimulatorConfig()
        config.days = days
        config.newPerDay = newPerDay
        config.maximumSecondsPerDay = .infinity
        return FSRSSimulator(model: FSRSModel(), config: config)
    }

    func unseen(_ count: Int) -> [SimulatedCard] { Array(repeating: .unseen, count: count) }

    @Test func theSameSeedGivesTheSameFiguresAndAnotherSeedOthers() {
        let simulator = simulator()
        let cards = unseen(800)
        let first = simulator.simulate(cards, retention: 0.9, seed: 7)
        let again = simulator.simulate(cards, retention: 0.9, seed: 7)
        let other = simulator.simulate(cards, retention: 0.9, seed: 8)
        #expect(first == again)
        #expect(first != other)
    }

    @Test func aHigherRetentionMeansMoreReviewsMoreTimeAndMoreKnown() {
        let simulator = simulator()
        let cards = unseen(800)
        let results = [0.75, 0.85, 0.95].map { simulator.simulate(cards, retention: Float($0), seed: 42) }
        for (lower, higher) in zip(results, results.dropFirst()) {
            #expect(lower.reviews < higher.reviews)
            #expect(lower.seconds < higher.seconds)
            #expect(lower.known < higher.known)
        }
    }

    @Test func newCardsOnlyComeInAtTheDailyLimitAndAreReviewedLater() {
        let simulation = simulator(days: 100, newPerDay: 10).simulate(unseen(500), retention: 0.9, seed: 1)
        // Nothing was learned before: the first day has new cards and no reviews.
        #expect(simulation.reviewsPerDay[0] == 0)
        #expect(simulation.newPerDay[0] == 10)
        // 500 cards at 10 a day last 50 days; after that, reviews only.
        #expect(simulation.newPerDay.prefix(50).allSatisfy { $0 == 10 })
        #expect(simulation.newPerDay.dropFirst(50).allSatisfy { $0 == 0 })
        #expect(simulation.reviews > 0)
        #expect(simulation.known > 0 && simulation.known <= 500)
    }

    @Test func noCardsSimulateToNothing() {
        let simulation = simulator().simulate([], retention: 0.9, seed: 1)
        #expect(simulation.days == 120)
        #expect(simulation.answers == 0)
        #expect(simulation.seconds == 0)
        #expect(simulation.known == 0)
    }

    @Test func aLearnedCardIsFirstReviewedOnItsDueDayAndKnownUntilThen() {
        let memory = FSRSMemoryState(stability: 30, difficulty: 5)
        let card = SimulatedCard(memory: memory, lastDay: -20, dueDay: 10)
        let simulation = simulator(days: 30, newPerDay: 0).simulate([card], retention: 0.9, seed: 3)
        #expect(simulation.reviewsPerDay.prefix(10).allSatisfy { $0 == 0 })
        #expect(simulation.reviewsPerDay[10] == 1)
        let model = FSRSModel()
        // Before its review the card is known as much as its retrievability that day.
        for day in 0..<10 {
            #expect(simulation.knownPerDay[day] == model.retrievability(days: Float(day + 20), stability: 30))
        }
        #expect(simulation.newPerDay.allSatisfy { $0 == 0 })
    }

    @Test func anOverdueCardIsReviewedToday() {
        let card = SimulatedCard(memory: FSRSMemoryState(stability: 5, difficulty: 5), lastDay: -40, dueDay: -30)
        let simulation = simulator(days: 5, newPerDay: 0).simulate([card], retention: 0.9, seed: 3)
        #expect(simulation.reviewsPerDay[0] == 1)
    }

    @Test func theDailyReviewLimitHoldsReviewsBack() {
        var config = FSRSSimulatorConfig()
        config.days = 10
        config.reviewsPerDay = 3
        config.maximumSecondsPerDay = .infinity
        let memory = FSRSMemoryState(stability: 10, difficulty: 5)
        let cards = Array(repeating: SimulatedCard(memory: memory, lastDay: -10, dueDay: 0), count: 10)
        let simulation = FSRSSimulator(model: FSRSModel(), config: config).simulate(cards, retention: 0.9, seed: 5)
        #expect(simulation.reviewsPerDay.prefix(3) == [3, 3, 3])
        #expect(simulation.reviewsPerDay.allSatisfy { $0 <= 3 })
    }

    @Test func theRetentionSearchFindsTheLowestPointOfACurve() throws {
        for lowest: Float in [0.74, 0.83, 0.91] {
            var asked = 0
            let found = try #require(
                FSRSOptimalRetention.search { x in
                    asked += 1
                    return (x - lowest) * (x - lowest)
                })
            #expect(abs(found - lowest) < 0.01, "lowest \(lowest), found \(found)")
            #expect(asked <= 65)
        }
        // A curve falling all the way to the range's end is met near the end (within the
        // search's tolerance, 1% of the retention).
        let edge = try #require(FSRSOptimalRetention.search { x in -x })
        #expect(edge > 0.93 && edge <= FSRSOptimalRetention.highest)
    }

    @Test func shortSpansAverageMoreRuns() {
        #expect(FSRSOptimalRetention.runs(days: 30) == 180)
        #expect(FSRSOptimalRetention.runs(days: 365) == 16)
        #expect(FSRSOptimalRetention.runs(days: 100) > 16)
        #expect(FSRSOptimalRetention.seeds(days: 365).first == 42)
    }
}
