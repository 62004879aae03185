import Foundation
import GRDB
import HoneCore
import Testing

@testable import HoneStore

@Suite("store")
struct StoreTests {
    static let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
    static var replay: Replay {
        var settings = SchedulerSettings()
        settings.fuzz = false
        return Replay(scheduler: Scheduler(settings: settings, clock: clock))
    }

    func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hone-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    func entry(_ id: String, card: String = "d/c", at milliseconds: Int64, _ rating: Rating = .good) -> ReviewLogEntry {
        ReviewLogEntry(id: id, card: card, time: milliseconds, utcOffset: 3600, answer: .button(rating), durationMilliseconds: 1500)
    }

    @Test func aDatabaseOfTheFirstSchemaVersionIsUpgradedWithItsHistory() throws {
        let folder = try folder()
        let path = folder + "/" + Store.fileName
        do {
            let old = try DatabaseQueue(path: path)
            try Store.migrator.migrate(old, upTo: "v1")
            try old.write { db in
                try db.execute(
                    sql: "INSERT INTO review_log (id, card, reviewed_ms, utc_offset, rating, duration_ms, kind) VALUES ('a', 'd/c', 1772528400000, 0, 'good', 0, 'learn')")
            }
        }
        let store = try Store(folder: folder)
        #expect(try store.answerCount() == 1)
        #expect(try store.statesFingerprint() == nil, "the v2 meta table exists and is empty")
        try store.rebuildStates(with: Self.replay, fingerprint: "x")
        #expect(try store.states()["d/c"]?.phase == .learning)
        #expect(try store.statesFingerprint() == "x")
        // States an earlier hone wrote (its fingerprint has no layout mark) read as stale: rebuilt.
        try store.write { db in try db.execute(sql: "UPDATE meta SET value = 'x' WHERE key = 'states'") }
        #expect(try store.statesFingerprint() == nil)
        let mode = try store.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func undoRestoresTheExactPreviousState() throws {
        let store = try Store(folder: try folder())
        let replay = Self.replay
        var state = CardState.new
        var entries: [ReviewLogEntry] = []
        var time: Int64 = 1_772_528_400_000
        for (index, rating) in [Rating.good, .good, .good, .hard].enumerated() {
            let entry = entry("e\(index)", at: time, rating)
            let before = state
            state = replay.scheduler.answer(state, entry.answer, at: entry.seconds, key: entry.card).state
            try store.record(entry, state: state)
            entries.append(entry)
            if index == 3 {
                let restored = try store.undo(entry.id, replay: replay)
                #expect(restored == before)
                #expect(try store.states()["d/c"] == before)
                #expect(try store.answerCount() == 3)
            }
            time += 86_400_000 * 3
        }
        #expect(try store.undo("e0", replay: replay) == nil, "only a card's latest answer can be undone")
    }

    @Test func mergeSkipsWhatIsThereAndReplaysTouchedCards() throws {
        let store = try Store(folder: try folder())
        let first = [entry("a", at: 1_772_528_400_000), entry("b", at: 1_772_529_000_000)]
        #expect(try store.merge(first, replay: Self.replay) == .init(added: 2, skipped: 0, cards: 1))
        let again = first + [entry("other-id-same-time", at: 1_772_529_000_000), entry("c", card: "d/x", at: 1_772_529_000_000)]
        #expect(try store.merge(again, replay: Self.replay) == .init(added: 1, skipped: 3, cards: 1))
        let states = try store.states()
        #expect(states["d/c"]?.phase == .review && states["d/c"]?.interval == 1)
        #expect(states["d/x"]?.phase == .learning)
    }

    /// A log without kinds (every row read as `review`) is stored with the kinds replay
    /// finds, into an empty log and after a card's earlier history, and gives the same states.
    @Test func mergeStoresTheKindsReplayFinds() throws {
        let store = try Store(folder: try folder())
        let day: Int64 = 86_400_000
        let start: Int64 = 1_772_528_400_000
        let first = [entry("", card: "d/a", at: start), entry("", card: "d/a", at: start + 600_000)]
        #expect(try store.merge(first.map { var e = $0; e.id = "\($0.card)@\($0.time)"; return e }, replay: Self.replay).added == 2)
        // Day 1: Good, Good (graduates, 1 day); day 2: Again to a review card (a review answer),
        // then Good on the relearning step.
        let later = [entry("x1", card: "d/a", at: start + day, .again), entry("x2", card: "d/a", at: start + day + 600_000)]
        #expect(try store.merge(later, replay: Self.replay).added == 2)
        #expect(try store.log().map(\.kind) == [.learn, .learn, .review, .relearn])
        var replayed = CardState.new
        for entry in try store.log() { replayed = Self.replay.scheduler.answer(replayed, entry.answer, at: entry.seconds, key: entry.card).state }
        #expect(try store.states()["d/a"] == replayed)
    }

    /// Rows skipped for an id already in the log, and answers imported before a card's
    /// existing ones, leave every stored kind as replay finds it.
    @Test func mergeCorrectsKindsAroundSkippedRowsAndEarlierAnswers() throws {
        let store = try Store(folder: try folder())
        let day: Int64 = 86_400_000
        let start: Int64 = 1_772_528_400_000
        #expect(try store.merge([entry("X", card: "d/other", at: start)], replay: Self.replay).added == 1)
        // "X" is taken: that row is skipped, so the card's first stored answer is the next one.
        let withCollision = [entry("X", card: "d/a", at: start), entry("a2", card: "d/a", at: start + 600_000),
            entry("a3", card: "d/a", at: start + 1_200_000)]
        #expect(try store.merge(withCollision, replay: Self.replay) == .init(added: 2, skipped: 1, cards: 1))
        func kinds(_ card: String) throws -> [ScheduledAnswer.Kind] { try store.log().filter { $0.card == card }.map(\.kind) }
        #expect(try kinds("d/a") == [.learn, .learn])
        // Two answers go in before d/b's existing ones: those become reviews of a graduated card.
        #expect(try store.merge([entry("b3", card: "d/b", at: start + 2 * day), entry("b4", card: "d/b", at: start + 3 * day)], replay: Self.replay).added == 2)
        #expect(try kinds("d/b") == [.learn, .learn])
        #expect(try store.merge([entry("b1", card: "d/b", at: start), entry("b2", card: "d/b", at: start + 600_000)], replay: Self.replay).added == 2)
        #expect(try kinds("d/b") == [.learn, .learn, .review, .review])
        var replayed = CardState.new
        for entry in try store.log() where entry.card == "d/b" {
            replayed = Self.replay.scheduler.answer(replayed, entry.answer, at: entry.seconds, key: entry.card).state
        }
        #expect(try store.states()["d/b"] == replayed)
    }

    /// Both readers of the log take a stored rating alike: the stats' whole-log pass and the
    /// per-card reads; one changed by hand reads as good in both, and stops neither.
    @Test func everyReaderTakesStoredRatingsAlike() throws {
        let store = try Store(folder: try folder())
        #expect(try store.merge([entry("a", card: "d/a", at: 1_772_528_400_000, .hard)], replay: Self.replay).added == 1)
        try store.database.write { db in
            try db.execute(
                sql: "INSERT INTO review_log (id, card, reviewed_ms, utc_offset, rating, duration_ms, kind) VALUES (NULL, 'd/b', 1772528400000, 0, '3', 0, 'learn'), (NULL, 'd/c', 1772528400000, 0, 'Okay', 0, 'learn')")
        }
        let histories = try store.histories()
        #expect(histories.keys == ["d/a", "d/b", "d/c"])
        let fromHistories = histories.withAnswers { Array($0) }.map(\.answer)
        #expect(fromHistories == [.button(.hard), .quality(3), .button(.good)])
        #expect(try store.log().map(\.answer) == fromHistories)
    }

    @Test func aFileThatIsNotHonesIsRefusedAndLeftAlone() throws {
        let folder = try folder()
        let path = folder + "/" + Store.fileName
        let foreign = Array("these are somebody's notes, not a database\n".utf8)
        try Data(foreign).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try Store(folder: folder) }
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == foreign)
        // Another program's SQLite database.
        try FileManager.default.removeItem(atPath: path)
        do {
            let other = try DatabaseQueue(path: path)
            try other.write { db in try db.execute(sql: "CREATE TABLE mine (x); INSERT INTO mine VALUES (1)") }
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            _ = try Store(folder: folder)
            Issue.record("opened another program's database")
        } catch {
            #expect(error.description.contains("not a hone database"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// An import sorts its rows by card, then time, then file order: a log in time order (an
    /// export) takes a counting sort, any other order a full sort; both must agree.
    @Test func importRowsAreSortedByCardThenTimeWhateverTheirOrder() {
        var generator = SystemRandomNumberGenerator()
        var inTime: [ReviewLogEntry] = []
        var time: Int64 = 1_772_528_400_000
        for index in 0..<3_000 {
            if Int.random(in: 0..<3, using: &generator) > 0 { time += Int64.random(in: 1...90_000, using: &generator) }
            let card = "deck/\(["b", "a", "é", "a-b", "a/b"][index % 5])-\(Int.random(in: 0..<40, using: &generator))"
            inTime.append(entry("e\(index)", card: card, at: time))
        }
        func expected(_ entries: [ReviewLogEntry]) -> [String] {
            entries.indices.sorted { left, right in
                let (a, b) = (entries[left], entries[right])
                if a.card != b.card { return a.card < b.card }
                if a.time != b.time { return a.time < b.time }
                return left < right
            }.map { entries[$0].id }
        }
        #expect(Store.sortedByCardAndTime(inTime).map(\.id) == expected(inTime), "in time order")
        let shuffled = inTime.shuffled(using: &generator)
        #expect(Store.sortedByCardAndTime(shuffled).map(\.id) == expected(shuffled), "in no order")
    }

    /// The streak is walked back through the time index a day at a time: it must count what
    /// `DayClock.streak` counts from the whole set of days practised.
    @Test func theStreakCountsDaysInARowUpToTodayOrYesterday() throws {
        let store = try Store(folder: try folder())
        let clock = Self.clock
        let today = clock.day(of: 1_772_528_400)  // 2026-03-03, 09:00 UTC
        // Days practised: three in a row up to yesterday, one earlier after a gap, two answers
        // on one of them, and one answer after today (a later --now).
        let days = [today - 1, today - 2, today - 2, today - 3, today - 6, today + 2]
        let entries = days.enumerated().map { index, day in
            entry("s\(index)", card: "d/c\(index)", at: (clock.start(ofDay: day) + 3_600 + Int64(index)) * 1000)
        }
        _ = try store.merge(entries, replay: Self.replay)
        let practised = Set(days.filter { $0 <= today })
        #expect(try store.streak(today: today, clock: clock) == 3, "up to yesterday")
        #expect(try store.streak(today: today, clock: clock) == DayClock.streak(days: practised, today: today))
        #expect(try store.streak(today: today - 1, clock: clock) == 3, "today is the last day")
        #expect(try store.streak(today: today + 1, clock: clock) == 0, "a day missed")
        #expect(try store.streak(today: today - 4, clock: clock) == 0, "nothing the day before, nor that day")
        _ = try store.merge([entry("t", card: "d/today", at: (clock.start(ofDay: today) + 60) * 1000)], replay: Self.replay)
        #expect(try store.streak(today: today, clock: clock) == 4, "with today")
    }
}

@Suite("review log CSV")
struct ReviewLogCSVTests {
    @Test func readsTheRequiredAndOptionalColumnsInAnyOrder() throws {
        let text = "rating,extra,card,reviewed_at,duration_ms,id\ngood,x,d/a,2026-03-03T09:00:00+01:00,1200,one\n3,,\"d/b,c\",2026-03-03T10:00:00.5Z,,\n"
        let entries = try ReviewLogCSV.read(Array(text.utf8)).get()
        #expect(entries.count == 2)
        #expect(entries[0].card == "d/a" && entries[0].id == "one" && entries[0].durationMilliseconds == 1200)
        #expect(entries[0].time == 1_772_524_800_000 && entries[0].utcOffset == 3600)
        #expect(entries[1].card == "d/b,c" && entries[1].answer == .quality(3) && entries[1].time == 1_772_532_000_500)
        #expect(entries[1].id == "d/b,c@1772532000500")
    }

    @Test("a bad row names its line and column", arguments: [
        ("card,reviewed_at,rating\nd/a,2026-03-03T09:00:00Z,good\nd/b,yesterday,good\n", 3, 5, "reviewed_at"),
        ("card,reviewed_at,rating\nd/a,2026-03-03T09:00:00Z,meh\n", 2, 26, "rating"),
        ("card,reviewed_at,rating\nd/a,2026-03-03T09:00:00,good\n", 2, 5, "offset"),
        ("card,rating\nd/a,good\n", 1, 1, "reviewed_at"),
        ("card,reviewed_at,rating\nd/a,\"2026-03-03T09:00:00Z,good\n", 2, 5, "not closed"),
    ])
    func badRow(_ text: String, _ line: Int, _ column: Int, _ words: String) {
        guard case .failure(let problem) = ReviewLogCSV.read(Array(text.utf8)) else {
            Issue.record("accepted a bad file")
            return
        }
        #expect((problem.line, problem.column) == (line, column), "\(problem)")
        #expect(problem.message.contains(words), "\(problem.message)")
    }

    @Test func timestampsRoundTrip() {
        for (text, milliseconds, offset) in [
            ("2026-03-03T09:00:00Z", Int64(1_772_528_400_000), 0), ("2026-03-03T10:00:00.250+01:00", 1_772_528_400_250, 3600),
            ("1999-12-31T19:00:00-05:00", 946_684_800_000, -18000),
        ] {
            let parsed = Timestamp.parse(text)
            #expect(parsed?.milliseconds == milliseconds && parsed?.offset == offset)
            #expect(Timestamp.format(milliseconds: milliseconds, offset: offset) == text)
        }
        #expect(Timestamp.parse("2026-02-30T09:00:00Z") == nil)
    }
}
