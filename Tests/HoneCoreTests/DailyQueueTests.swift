import Foundation
import Testing

@testable import HoneCore

@Suite("today's queue")
struct DailyQueueTests {
    let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
    let now: Int64 = 1_772_528_400  // 2026-03-03 09:00 UTC
    var today: Int { clock.day(of: now) }

    func review(_ key: String, dueDaysAgo: Int, note: String? = nil, deck: String = "d") -> DailyQueue.Candidate {
        var state = CardState()
        state.phase = .review
        state.interval = 5
        state.ease = 2500
        state.due = .day(today - dueDaysAgo)
        return .init(key: key, noteKey: note ?? key, deck: deck, state: state)
    }

    func learning(_ key: String, dueIn seconds: Int64) -> DailyQueue.Candidate {
        var state = CardState()
        state.phase = .learning
        state.due = .instant(now + seconds)
        return .init(key: key, noteKey: key, deck: "d", state: state)
    }

    func fresh(_ key: String, note: String? = nil, deck: String = "d") -> DailyQueue.Candidate {
        .init(key: key, noteKey: note ?? key, deck: deck, state: .new)
    }

    func keys(_ queue: DailyQueue, _ candidates: [DailyQueue.Candidate], today done: DailyQueue.Today = .init())
        -> [String]
    {
        queue.build(candidates, now: now, today: done).map { candidates[$0.index].key }
    }

    @Test func learningFirstThenReviewsMostOverdueFirstWithNewMixedIn() {
        var settings = SchedulerSettings()
        settings.newPerDay = 2
        let queue = DailyQueue(settings: settings, clock: clock)
        let candidates = [
            fresh("n1"), review("r-late1", dueDaysAgo: 1), learning("l-later", dueIn: 900),
            review("r-late5", dueDaysAgo: 5),
            learning("l-now", dueIn: -60), review("r-today", dueDaysAgo: 0), fresh("n2"), fresh("n3"),
            review("r-future", dueDaysAgo: -1), learning("l-tomorrow", dueIn: 3600),
        ]
        #expect(keys(queue, candidates) == ["l-now", "l-later", "r-late5", "r-late1", "n1", "r-today", "n2"])
    }

    @Test func limitsCountWhatWasDoneTodayAndDeckOverrides() {
        var settings = SchedulerSettings()
        settings.newPerDay = 3
        settings.reviewsPerDay = 2
        let queue = DailyQueue(settings: settings, clock: clock, newPerDeck: ["small": 1])
        let candidates = [
            review("r1", dueDaysAgo: 3), review("r2", dueDaysAgo: 2), review("r3", dueDaysAgo: 1),
            fresh("s1", deck: "small"), fresh("s2", deck: "small"), fresh("b1", deck: "big"), fresh("b2", deck: "big"),
        ]
        #expect(keys(queue, candidates).sorted() == ["b1", "b2", "r1", "r2", "s1"])
        var done = DailyQueue.Today()
        done.reviewsByDeck["d"] = 1
        done.newByDeck["big"] = 2
        #expect(keys(queue, candidates, today: done).sorted() == ["r1", "s1"])
    }

    @Test func siblingsWaitForTomorrow() {
        let queue = DailyQueue(settings: SchedulerSettings(), clock: clock)
        let candidates = [
            review("cloze#c1", dueDaysAgo: 2, note: "cloze"), review("cloze#c2", dueDaysAgo: 1, note: "cloze"),
            fresh("basic", note: "basic"), fresh("basic#r", note: "basic"), fresh("other"),
        ]
        #expect(keys(queue, candidates) == ["cloze#c1", "basic", "other"])  // one review: the new cards follow it
        var done = DailyQueue.Today()
        done.answeredNotes = ["basic"]
        #expect(keys(queue, candidates, today: done) == ["cloze#c1", "other"])
    }

    @Test func suspendedCardsAndFiltersStayOut() {
        let queue = DailyQueue(settings: SchedulerSettings(), clock: clock)
        var suspended = review("s", dueDaysAgo: 1)
        suspended.state.suspended = true
        let candidates = [
            suspended, review("a", dueDaysAgo: 1, deck: "alpha"), review("b", dueDaysAgo: 1, deck: "beta"),
        ]
        let entries = queue.build(candidates, now: now) { $0.deck == "beta" }
        #expect(entries.map { candidates[$0.index].key } == ["b"])
    }

    /// Two thousand cards drawn from a seeded generator: the queue keeps the design's order.
    /// (That it does not hang on hash seeds is checked across processes, end to end.)
    @Test func aLargeRandomMixKeepsTheOrderRules() {
        let seed: UInt64 = 7
        var random = SplitMix64(seed: seed)
        let candidates = (0..<2000).map { index -> DailyQueue.Candidate in
            switch random.next() % 3 {
            case 0: return fresh("n\(index)", note: "note\(index / 2)")
            case 1: return review("r\(index)", dueDaysAgo: Int(random.next() % 10) - 3, note: "note\(index / 2)")
            default: return learning("l\(index)", dueIn: Int64(random.next() % 7200) - 3600)
            }
        }
        let queue = DailyQueue(settings: SchedulerSettings(), clock: clock)
        let entries = queue.build(candidates, now: now)
        func due(_ entry: DailyQueue.Entry) -> Int64 {
            switch candidates[entry.index].state.due {
            case .instant(let at): at
            case .day(let day): clock.start(ofDay: day)
            case .none: -1
            }
        }
        // Learning cards first: every one due within the learn-ahead time, by due time, then key.
        let first = Array(entries.prefix { $0.kind == .learning })
        let learnAheadLimit = now + Int64(queue.settings.learnAhead.seconds)
        let dueLearning = candidates.filter { candidate in
            guard case .instant(let at) = candidate.state.due else { return false }
            return candidate.state.phase == .learning && at <= learnAheadLimit
        }
        #expect(first.count == dueLearning.count, "seed \(seed)")
        #expect(!entries.dropFirst(first.count).contains { $0.kind == .learning }, "seed \(seed)")
        for (a, b) in zip(first, first.dropFirst()) {
            #expect((due(a), candidates[a.index].key) <= (due(b), candidates[b.index].key), "seed \(seed)")
        }
        // Then reviews due today or before, most overdue first (ties in deck order), within the limit.
        let reviews = entries.filter { $0.kind == .review }
        #expect((1...200).contains(reviews.count), "seed \(seed): \(reviews.count) reviews")
        #expect(reviews.allSatisfy { due($0) <= clock.start(ofDay: today) }, "seed \(seed)")
        for (a, b) in zip(reviews, reviews.dropFirst()) {
            #expect((due(a), a.index) < (due(b), b.index), "seed \(seed)")
        }
        // Twenty new cards, in deck order; no note twice in the whole queue.
        let introduced = entries.filter { $0.kind == .new }.map(\.index)
        #expect(introduced.count == 20 && introduced == introduced.sorted(), "seed \(seed): \(introduced)")
        let notes = entries.map { candidates[$0.index].noteKey }
        #expect(Set(notes).count == notes.count, "seed \(seed): a note queued twice")
    }
}
