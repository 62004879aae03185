import Foundation
import Testing

@testable import HoneCore

/// Small histories whose every figure was worked out by hand (Anki preset, fuzz off, UTC,
/// day rollover at 04:00), checked exactly.
@Suite("progress stats")
struct StatsBuilderTests {
    let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
    /// Thursday 2026-03-12, 12:00 UTC.
    let now: Int64 = 1_773_316_800
    var today: Int { clock.day(of: now) }
    var scheduler: Scheduler {
        var settings = SchedulerSettings()
        settings.fuzz = false
        return Scheduler(settings: settings, clock: clock)
    }

    /// An answer `daysAgo` days before today at `hour`:`minute` UTC.
    func at(_ daysAgo: Int, _ hour: Int, _ minute: Int = 0, _ rating: Rating, seconds: Int = 10)
        -> StatsBuilder.LoggedAnswer
    {
        let instant = clock.start(ofDay: today - daysAgo) - 4 * 3600 + Int64(hour * 3600 + minute * 60)
        return .init(milliseconds: instant * 1000, answer: .button(rating), durationMilliseconds: seconds * 1000)
    }

    /// Builds the figures for cards `(key, skill, history)`, the states replayed from the
    /// histories as the store would hold them; `orphans` are answered cards not in any deck.
    func stats(
        _ cards: [(String, String, [StatsBuilder.LoggedAnswer])], orphans: [(String, [StatsBuilder.LoggedAnswer])] = [],
        periodDays: Int = 30
    ) -> Stats {
        let replay = Replay(scheduler: scheduler)
        let deckCards = cards.enumerated().map { index, card in
            StatsBuilder.Card(
                key: card.0, skill: card.1, path: "decks/d.toml", line: 10 + index,
                state: replay.card(card.2, key: card.0))
        }
        var builder = StatsBuilder(scheduler: scheduler, now: now, periodDays: periodDays, cards: deckCards)
        for (index, card) in cards.enumerated() where !card.2.isEmpty { builder.add(card.2, card: index, key: card.0) }
        for orphan in orphans { builder.add(orphan.1, card: nil, key: orphan.0) }
        return builder.finish()
    }

    /// Card a (skill S1): learnt 10 days ago, reviewed 9 days ago (Good: 1 day becomes 3),
    /// lapsed 6 days ago and relearnt (interval 1, ease 2.30): due 5 days ago, so overdue.
    /// Card b (S2): Easy on its first sight today: 4 days. Card c (S2): never seen.
    /// Card d (S1): Easy 4 days ago (due today), answered early 2 days ago: 4 × 2.5 = 10 days.
    /// An orphan answered once yesterday.
    var history: Stats {
        stats(
            [
                (
                    "d/a", "S1",
                    [
                        at(10, 10, 0, .good), at(10, 10, 10, .good), at(9, 10, 0, .good), at(6, 10, 0, .again),
                        at(6, 10, 10, .good),
                    ]
                ),
                ("d/b", "S2", [at(0, 9, 0, .easy, seconds: 30)]),
                ("d/c", "S2", []),
                ("d/d", "S1", [at(4, 10, 0, .easy), at(2, 10, 0, .good)]),
            ], orphans: [("gone/x", [at(1, 10, 0, .good)])])
    }

    @Test func todayTotalsAndStreaks() {
        let stats = history
        #expect(stats.today == today)
        #expect(stats.totalAnswers == 9)
        #expect(stats.todayTotals.answers == 1)
        #expect(stats.todayTotals.correct == 1)
        #expect(stats.todayTotals.new == 1)
        #expect(stats.todayTotals.durationMilliseconds == 30_000)
        // Days practised: 10, 9, 6, 4, 2, 1 days ago and today.
        #expect(stats.daysPractised == 7)
        #expect(stats.currentStreak == 3)
        #expect(stats.longestStreak == 3)
        #expect(stats.period.answers == 9)
        #expect(stats.period.correct == 8)
        #expect(stats.period.new == 4)
        #expect(stats.period.durationMilliseconds == 8 * 10_000 + 30_000)
    }

    @Test func heatmapIsTwentySixWeeksFromAMondayToToday() {
        let stats = history
        // Today is a Thursday: 25 whole weeks and Monday to Thursday of this one.
        #expect(stats.heatmap.count == 25 * 7 + 4)
        #expect(stats.heatmap.first.map { clock.date(ofDay: $0.day) } ?? (0, 0, 0) == (2025, 9, 15))
        #expect(stats.heatmap.last?.day == today)
        let counts = Dictionary(uniqueKeysWithValues: stats.heatmap.map { (today - $0.day, $0.answers) })
        #expect(counts[10] == 2 && counts[9] == 1 && counts[6] == 2 && counts[4] == 1 && counts[2] == 1)
        #expect(counts[1] == 1 && counts[0] == 1)
        #expect(stats.heatmap.map(\.answers).reduce(0, +) == 9)
    }

    @Test func daysCountCardsScheduledForThemAsEachDayBegan() {
        let stats = history
        #expect(stats.days.count == 30 + 30)
        let due = Dictionary(uniqueKeysWithValues: stats.days.map { ($0.day - today, $0.due) })
        // a: due 9 days ago (from its graduation), 6 days ago (from the review), 5 days ago
        // (from relearning). d was due today but answered early, so today counts nothing.
        #expect(due[-9] == 1 && due[-6] == 1 && due[-5] == 1)
        #expect(due[0] == 0)
        #expect(stats.days.filter { $0.day <= today }.map(\.due).reduce(0, +) == 3)
        // Days to come are the forecast: b in 4 days, d in 8.
        #expect(due[4] == 1 && due[8] == 1)
        #expect(stats.days.filter { $0.day > today }.map(\.due).reduce(0, +) == 2)
        #expect(stats.days.first?.day == today - 29)
        #expect(stats.days.last?.day == today + 30)
    }

    @Test func forecastAndDailyLoad() {
        let stats = history
        #expect(stats.forecast.count == 30)
        #expect(stats.forecast.first?.day == today + 1)
        #expect(stats.forecast.map(\.due) == (1...30).map { $0 == 4 || $0 == 8 ? 1 : 0 })
        #expect(stats.dueToday == 1)
        #expect(stats.overdue == 1)
        // 1/1 (a) + 1/4 (b) + 1/10 (d).
        #expect(abs(stats.dailyLoad - 1.35) < 1e-9)
    }

    @Test func trueRetentionSplitsYoungAndMatureByTheIntervalBefore() {
        let stats = history
        // Reviews: a 9 days ago (passed), a 6 days ago (Again), d 2 days ago (passed).
        let byDays = Dictionary(uniqueKeysWithValues: stats.retention.map { ($0.days, $0) })
        #expect(byDays[7]?.young == Stats.Retention(passed: 1, total: 2))
        #expect(byDays[30]?.young == Stats.Retention(passed: 2, total: 3))
        #expect(byDays[365]?.young == Stats.Retention(passed: 2, total: 3))
        #expect(byDays[30]?.mature == Stats.Retention())
        #expect(byDays[30]?.all.share == 2.0 / 3.0)
        #expect(stats.retentionByWeek.count == 26)
        // This week (Monday 9 March on): d's review; last week: a's two.
        #expect(stats.retentionByWeek[25].retention == Stats.Retention(passed: 1, total: 1))
        #expect(stats.retentionByWeek[24].retention == Stats.Retention(passed: 1, total: 2))
    }

    @Test func cardCountsDistributionsAndSkillMix() {
        let stats = history
        #expect(
            stats.states == Stats.StateCounts(new: 1, learning: 0, relearning: 0, young: 3, mature: 0, suspended: 0))
        #expect(stats.intervals.first { $0.label == "1d" }?.count == 1)
        #expect(stats.intervals.first { $0.label == "4-7d" }?.count == 1)
        #expect(stats.intervals.first { $0.label == "1-2w" }?.count == 1)
        #expect(stats.intervals.map(\.count).reduce(0, +) == 3)
        #expect(stats.eases.first { $0.label == "230-249%" }?.count == 1)
        #expect(stats.eases.first { $0.label == "250-269%" }?.count == 2)
        #expect(stats.averageInterval == 5)
        #expect(abs((stats.averageEase ?? 0) - 7.3 / 3) < 1e-9)
        // S1: a and d learned, 2 of 3 reviews passed; S2: b learned of b and c.
        #expect(stats.skills.map(\.skill) == ["S1", "S2"])
        #expect(stats.skills[0].cards == 2 && stats.skills[0].learned == 2 && stats.skills[0].mature == 0)
        #expect(stats.skills[0].retention == Stats.Retention(passed: 2, total: 3))
        #expect(stats.skills[1].cards == 2 && stats.skills[1].learned == 1)
        #expect(stats.skills[1].retention == Stats.Retention())
        #expect(stats.leeches.isEmpty)
        #expect(stats.mostFailed.isEmpty)
    }

    /// Card m grows to a mature interval (4, 10, 25 days), then lapses: a mature review
    /// failed. Card l lapses until it is a leech (8 lapses). Card s is suspended.
    @Test func matureReviewsLeechesAndMostFailed() {
        var leech = [at(40, 10, 0, .easy)]
        for lapse in 0..<8 {
            leech.append(at(36 - lapse * 2, 10, 0, .again))
            leech.append(at(36 - lapse * 2, 10, 10, .good))
        }
        let mature = [at(60, 10, 0, .easy), at(56, 10, 0, .good), at(46, 10, 0, .good), at(21, 10, 0, .again)]
        var stats = self.stats([("d/m", "S1", mature), ("d/l", "S2", leech), ("d/s", "S2", [])])
        let byDays = Dictionary(uniqueKeysWithValues: stats.retention.map { ($0.days, $0) })
        // m: reviews at 4 days (young, passed), 10 days (young, passed), 25 days (mature, failed).
        // l: eight young reviews, all failed, from 36 to 22 days ago.
        #expect(byDays[30]?.mature == Stats.Retention(passed: 0, total: 1))
        #expect(byDays[30]?.young == Stats.Retention(passed: 0, total: 4))
        #expect(byDays[365]?.young == Stats.Retention(passed: 2, total: 10))
        #expect(byDays[365]?.mature == Stats.Retention(passed: 0, total: 1))
        #expect(stats.leeches.map(\.key) == ["d/l"])
        #expect(stats.leeches.first?.lapses == 8)
        #expect(stats.leeches.first?.line == 11)
        #expect(stats.mostFailed.map(\.key) == ["d/l"])
        #expect(stats.mostFailed.first?.again == 8)

        // A suspended mature card counts as suspended, out of the forecast and out of the load
        // (as Anki's daily load leaves it); a card on a learning step loads a review a day.
        var suspended = CardState()
        suspended.phase = .review
        suspended.interval = 50
        suspended.ease = 2500
        suspended.due = .day(today + 3)
        suspended.suspended = true
        var learning = CardState()
        learning.phase = .learning
        learning.due = .instant(now + 600)
        var builder = StatsBuilder(
            scheduler: scheduler, now: now, periodDays: 7,
            cards: [
                .init(key: "d/s", skill: "S", path: "p", line: 1, state: suspended),
                .init(key: "d/l", skill: "T", path: "p", line: 5, state: learning),
            ])
        stats = builder.finish()
        #expect(stats.states.suspended == 1 && stats.states.learning == 1 && stats.states.total == 2)
        #expect(stats.forecast.map(\.due).reduce(0, +) == 0)
        #expect(stats.dueToday == 1)
        #expect(abs(stats.dailyLoad - 1) < 1e-9)
        #expect(stats.skills.first?.mature == 1)
        builder.add([], card: 0, key: "d/s")
        #expect(builder.finish().totalAnswers == 0)
    }

    /// A card that left the decks counts as practice but is never due; an answer after the
    /// moment the figures are for does not count at all.
    @Test func cardsThatLeftAreNotDueAndLaterAnswersNotCounted() {
        var later = at(0, 9, 0, .good)
        later.milliseconds = (now + 3600) * 1000
        let stats = self.stats(
            [("d/a", "S", [at(3, 10, 0, .easy), later])], orphans: [("gone/x", [at(6, 10, 0, .easy)])])
        #expect(stats.totalAnswers == 2)
        #expect(stats.todayTotals.answers == 0)
        let due = Dictionary(uniqueKeysWithValues: stats.days.map { ($0.day - today, $0.due) })
        // gone/x was set due 2 days ago (Easy: 4 days), but it is no card of the decks.
        #expect(due[-2] == 0)
        #expect(stats.heatmap.map(\.answers).reduce(0, +) == 2)
        // As of now, d/a is Easy's 4 days from 3 days ago: due tomorrow, not 10 days after the
        // later answer.
        #expect(stats.forecast.map(\.due) == (1...30).map { $0 == 1 ? 1 : 0 })
    }

    @Test func emptyLogGivesZerosNotFailures() {
        let stats = self.stats([("d/a", "S", [])], periodDays: 1)
        #expect(stats.totalAnswers == 0)
        #expect(stats.currentStreak == 0 && stats.longestStreak == 0)
        #expect(stats.period.day == today)
        #expect(stats.days.count == 31)
        #expect(stats.retention.allSatisfy { $0.all.share == nil })
        #expect(stats.averageInterval == nil)
        #expect(stats.skills.first?.learnedShare == 0)
    }
}
