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

    func entry(_ id: String, card: String = "d/c", at milliseconds: Int64, _ rating: Rating = .good) -> LogEvent {
        .answer(
            id: id, card: card, time: milliseconds, utcOffset: 3600, answer: .button(rating), durationMilliseconds: 1500
        )
    }

    func event(_ id: String, card: String = "d/c", at milliseconds: Int64, _ action: EventAction) -> LogEvent {
        LogEvent(id: id, card: card, time: milliseconds, utcOffset: 0, action: action)
    }

    @Test func aDatabaseOfTheFirstSchemaVersionIsUpgradedWithItsHistory() throws {
        let folder = try folder()
        let path = folder + "/" + Store.fileName
        do {
            let old = try DatabaseQueue(path: path)
            try Store.migrator.migrate(old, upTo: "v1")
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO review_log (id, card, reviewed_ms, utc_offset, rating, duration_ms, kind)
                        VALUES ('a', 'd/c', 1772528400000, 0, 'good', 0, 'learn')
                        """)
            }
        }
        let store = try Store(folder: folder)
        #expect(try store.eventCount() == 1)
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

    /// The suspensions and buries of the old flags table become events: after the upgrade a
    /// replay of the log alone gives them back, and the answers keep their ids and times.
    @Test func theUpgradeMovesSuspensionsAndBuriesIntoTheLog() throws {
        let folder = try folder()
        let path = folder + "/" + Store.fileName
        do {
            let old = try DatabaseQueue(path: path)
            try Store.migrator.migrate(old, upTo: "v3: answers by time")
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO review_log (id, card, reviewed_ms, utc_offset, rating, duration_ms, kind) VALUES
                            (NULL, 'd/a', 1772528400000, 3600, 'good', 900, 'learn'),
                            ('kept-id', 'd/a', 1772529000000, 3600, 'easy', 800, 'learn');
                        INSERT INTO card_flags (card, suspended, buried_day) VALUES ('d/a', 1, NULL), ('d/n', 0, 20515);
                        INSERT INTO card_state (card, state) VALUES ('d/a', x'00');
                        """)
            }
        }
        let store = try Store(folder: folder)
        let events = try store.events()
        #expect(events.map(\.id) == ["d/a@1772528400000", "kept-id", "migrated-suspend:d/a", "migrated-bury:d/n"])
        #expect(events.map(\.action.name) == ["answer", "answer", "suspend", "bury"])
        #expect(events[2].time == 1_772_529_000_001, "the suspension comes after the card's last answer")
        #expect(try store.statesFingerprint() == nil, "the states are rebuilt from the log")
        try store.rebuildStates(with: Self.replay, fingerprint: "x")
        let states = try store.states()
        #expect(states["d/a"]?.suspended == true && states["d/a"]?.phase == .review)
        #expect(states["d/n"]?.buriedDay == 20515 && states["d/n"]?.phase == .new)
    }

    /// Events are appended, never changed: SQLite itself refuses an update or a delete.
    @Test func theLogRefusesUpdatesAndDeletes() throws {
        let store = try Store(folder: try folder())
        _ = try store.merge([entry("a", at: 1_772_528_400_000)], replay: Self.replay)
        #expect(throws: (any Error).self) {
            try store.database.write { db in try db.execute(sql: "UPDATE event_log SET rating = 'again'") }
        }
        #expect(throws: (any Error).self) {
            try store.database.write { db in try db.execute(sql: "DELETE FROM event_log") }
        }
        #expect(try store.eventCount() == 1)
    }

    /// Each appended event gets this device's next id and a time after the card's latest event,
    /// and its state comes from the card's latest state in the log.
    @Test func appendChoosesTheIdAndTimeAndSchedulesFromTheLog() throws {
        let store = try Store(folder: try folder())
        let time: Int64 = 1_772_528_400_000
        let first = try store.append(
            .answer(.button(.good), durationMilliseconds: 5), card: "d/c", at: time, utcOffset: 0, replay: Self.replay)
        // The same instant again (a clock set back): placed a millisecond after.
        let second = try store.append(
            .answer(.button(.good), durationMilliseconds: 5), card: "d/c", at: time, utcOffset: 0, replay: Self.replay)
        #expect(second.event.time == time + 1)
        #expect(first.event.id != second.event.id)
        #expect(first.event.id.hasSuffix("-1") && second.event.id.hasSuffix("-2"))
        #expect(second.step.before == first.step.after)
        #expect(
            first.step.after.phase == .learning && second.step.after.phase == .review, "Good on the last step graduates"
        )
        #expect(try store.states()["d/c"] == second.step.after)
    }

    /// A cached state that another process left behind (its event count is not the log's) is
    /// not trusted: the card is replayed, so the answer is scheduled from every earlier answer.
    @Test func appendReplaysWhenAnotherWriterAppendedSince() throws {
        let folder = try folder()
        let one = try Store(folder: folder)
        let two = try Store(folder: folder)
        let time: Int64 = 1_772_528_400_000
        _ = try one.append(
            .answer(.button(.good), durationMilliseconds: 0), card: "d/c", at: time, utcOffset: 0, replay: Self.replay)
        // Another hone imports an answer, and its cache write is lost (as if it died mid-way).
        _ = try two.merge([entry("x", at: time + 60_000)], replay: Self.replay)
        try two.database.write { db in try db.execute(sql: "UPDATE card_state SET events = 1") }
        let third = try one.append(
            .answer(.button(.good), durationMilliseconds: 0), card: "d/c", at: time + 120_000, utcOffset: 0,
            replay: Self.replay)
        let expected = try one.events(card: "d/c").replayedStates(with: Self.replay)["d/c"]
        #expect(third.step.after == expected)
        #expect(third.step.before.phase == .review, "scheduled from the two answers before it")
    }

    @Test func undoIsAnEventAndRestoresTheExactPreviousState() throws {
        let store = try Store(folder: try folder())
        let replay = Self.replay
        var time: Int64 = 1_772_528_400_000
        var last: RecordedEvent?
        for rating in [Rating.good, .good, .good, .hard] {
            last = try store.append(
                .answer(.button(rating), durationMilliseconds: 0), card: "d/c", at: time, utcOffset: 0, replay: replay)
            time += 86_400_000 * 3
        }
        let answer = try #require(last)
        let undone = try store.append(
            .undo(target: answer.event.id), card: "d/c", at: time, utcOffset: 0, replay: replay)
        #expect(undone.step.after == answer.step.before)
        #expect(try store.states()["d/c"] == answer.step.before)
        #expect(try store.eventCount() == 5, "nothing is deleted: the undo is a fifth event")
        let histories = try store.histories()
        #expect(
            histories.withAnswers { Array($0) }.count == 3, "the stats leave out the answer taken back and the undo")
    }

    @Test func suspendUnsuspendBuryAndForgetAreReplayed() throws {
        let store = try Store(folder: try folder())
        let start: Int64 = 1_772_528_400_000
        let day: Int64 = 86_400_000
        let events = [
            entry("1", at: start), entry("2", at: start + 600_000), event("3", at: start + 700_000, .suspend),
            event("4", at: start + day, .unsuspend), event("5", at: start + day + 1, .bury),
            event("6", at: start + 2 * day, .forget),
        ]
        _ = try store.merge(events, replay: Self.replay)
        var seen: [CardState] = []
        Self.replay.card(try store.events(card: "d/c"), key: "d/c") { _, step in seen.append(step.after) }
        #expect(seen[1].phase == .review)
        #expect(seen[2].suspended && seen[2].phase == .review)
        #expect(!seen[3].suspended)
        #expect(seen[4].buriedDay == Self.clock.day(of: (start + day) / 1000))
        #expect(seen[5].phase == .new && seen[5].reps == 0)
        #expect(try store.states()["d/c"] == seen[5])
    }

    @Test func mergeSkipsWhatIsThereAndReplaysTouchedCards() throws {
        let store = try Store(folder: try folder())
        let first = [entry("a", at: 1_772_528_400_000), entry("b", at: 1_772_529_000_000)]
        #expect(try store.merge(first, replay: Self.replay) == .init(added: 2, skipped: 0, cards: 1))
        let again =
            first + [
                // No id of its own, at the time of "b": taken as "b" (two ids would be two answers).
                entry("", at: 1_772_529_000_000), entry("c", card: "d/x", at: 1_772_529_000_000),
            ]
        #expect(try store.merge(again, replay: Self.replay) == .init(added: 1, skipped: 3, cards: 1))
        let states = try store.states()
        #expect(states["d/c"]?.phase == .review && states["d/c"]?.interval == 1)
        #expect(states["d/x"]?.phase == .learning)
    }

    /// Answers imported before a card's existing ones, and rows skipped for an id already in
    /// the log, leave each card's state as a replay of its whole log gives it.
    @Test func mergeReplaysAroundSkippedRowsAndEarlierAnswers() throws {
        let store = try Store(folder: try folder())
        let day: Int64 = 86_400_000
        let start: Int64 = 1_772_528_400_000
        #expect(try store.merge([entry("X", card: "d/other", at: start)], replay: Self.replay).added == 1)
        let withCollision = [
            entry("X", card: "d/a", at: start), entry("a2", card: "d/a", at: start + 600_000),
            entry("a3", card: "d/a", at: start + 1_200_000),
        ]
        #expect(try store.merge(withCollision, replay: Self.replay) == .init(added: 2, skipped: 1, cards: 1))
        let later = [entry("b3", card: "d/b", at: start + 2 * day), entry("b4", card: "d/b", at: start + 3 * day)]
        #expect(try store.merge(later, replay: Self.replay).added == 2)
        let earlier = [entry("b1", card: "d/b", at: start), entry("b2", card: "d/b", at: start + 600_000)]
        #expect(try store.merge(earlier, replay: Self.replay).added == 2)
        var kinds: [ScheduledAnswer.Kind] = []
        Self.replay.card(try store.events(card: "d/b"), key: "d/b") { _, step in
            step.outcome.map { kinds.append($0.kind) }
        }
        #expect(kinds == [.learn, .learn, .review, .review])
        #expect(try store.states()["d/b"] == store.events(card: "d/b").replayedStates(with: Self.replay)["d/b"])
        #expect(try store.states()["d/a"]?.phase == .review, "X skipped: a2 was its first answer, a3 graduated it")
    }

    /// Both readers of the log take a stored rating alike: the stats' whole-log pass and the
    /// per-card reads; one changed by hand reads as good in both, and stops neither.
    @Test func everyReaderTakesStoredRatingsAlike() throws {
        let store = try Store(folder: try folder())
        #expect(
            try store.merge([entry("a", card: "d/a", at: 1_772_528_400_000, .hard)], replay: Self.replay).added == 1)
        try store.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO event_log (id, card, at_ms, utc_offset, event, rating, duration_ms)
                    VALUES ('', 'd/b', 1772528400000, 0, 'answer', '3', 0), \
                    ('', 'd/c', 1772528400000, 0, 'answer', 'Okay', 0)
                    """)
        }
        let histories = try store.histories()
        #expect(histories.keys == ["d/a", "d/b", "d/c"])
        let fromHistories = histories.withAnswers { Array($0) }.map(\.answer)
        #expect(fromHistories == [.button(.hard), .quality(3), .button(.good)])
        #expect(try store.events().compactMap(\.action.answer) == fromHistories)
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

    /// An import puts its events in the log's order, (card, time, id) by their bytes as SQLite
    /// orders them, whatever order the file had: replaying them before they are stored must
    /// meet each card's events as a replay of the stored log would.
    @Test func importEventsAreSortedInTheLogsOrderWhateverTheirOrder() throws {
        var generator = SplitMix64(seed: 12)
        var events: [LogEvent] = []
        var time: Int64 = 1_772_528_400_000
        for index in 0..<3_000 {
            if Int.random(in: 0..<3, using: &generator) > 0 { time += Int64.random(in: 1...90_000, using: &generator) }
            let card =
                "deck/\(["b", "a", "é", "a-b", "a/b", "Z"][index % 6])-\(Int.random(in: 0..<40, using: &generator))"
            events.append(entry("e\(Int.random(in: 0..<1_000_000, using: &generator))-\(index)", card: card, at: time))
        }
        events.shuffle(using: &generator)
        let store = try Store(folder: try folder())
        _ = try store.merge(events, replay: Self.replay)
        let stored = try store.events()
        let kept = Set(stored.map(\.id))
        let sorted = Store.inLogOrder(events).filter { kept.contains($0.id) }
        #expect(sorted.map(\.id) == stored.map(\.id), "seed 12")
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
        _ = try store.merge(
            [entry("t", card: "d/today", at: (clock.start(ofDay: today) + 60) * 1000)], replay: Self.replay)
        #expect(try store.streak(today: today, clock: clock) == 4, "with today")
    }
}

@Suite("review log CSV")
struct ReviewLogCSVTests {
    @Test func readsTheRequiredAndOptionalColumnsInAnyOrder() throws {
        let text =
            "rating,extra,card,reviewed_at,duration_ms,id\ngood,x,d/a,2026-03-03T09:00:00+01:00,1200,one\n"
            + "3,,\"d/b,c\",2026-03-03T10:00:00.5Z,,\n"
        let entries = try ReviewLogCSV.read(Array(text.utf8)).get()
        #expect(entries.count == 2)
        #expect(entries[0].card == "d/a" && entries[0].id == "one")
        #expect(entries[0].action == .answer(.button(.good), durationMilliseconds: 1200))
        #expect(entries[0].time == 1_772_524_800_000 && entries[0].utcOffset == 3600)
        #expect(
            entries[1].card == "d/b,c" && entries[1].action.answer == .quality(3)
                && entries[1].time == 1_772_532_000_500)
        #expect(entries[1].id == "d/b,c@1772532000500")
    }

    /// Events other than answers: named in the `event` column, an undo with its `target`;
    /// an answer-only file without the column still reads as answers.
    @Test func readsEveryKindOfEvent() throws {
        let text = """
            id,card,reviewed_at,rating,event,target,device
            a,d/a,2026-03-03T09:00:00Z,good,,,phone
            s,d/a,2026-03-03T09:01:00Z,,suspend,,
            u,d/a,2026-03-03T09:02:00Z,,UNSUSPEND,,
            b,d/a,2026-03-03T09:03:00Z,,bury,,
            f,d/a,2026-03-03T09:04:00Z,,forget,,
            x,d/a,2026-03-03T09:05:00Z,,undo,s,

            """
        let events = try ReviewLogCSV.read(Array(text.utf8)).get()
        #expect(events.map(\.action.name) == ["answer", "suspend", "unsuspend", "bury", "forget", "undo"])
        #expect(events[0].device == "phone" && events[1].device == nil)
        #expect(events[5].action == .undo(target: "s"))
        let noTarget = "card,reviewed_at,event\nd/a,2026-03-03T09:05:00Z,undo\n"
        #expect(throws: ReviewLogCSV.Problem.self) { try ReviewLogCSV.read(Array(noTarget.utf8)).get() }
        let unknown = "card,reviewed_at,event\nd/a,2026-03-03T09:05:00Z,explode\n"
        let problem = try #require(ReviewLogCSV.read(Array(unknown.utf8)).failure)
        #expect(problem.line == 2 && problem.column == 26 && problem.message.contains("\"event\" must be answer"))
    }

    @Test(
        "a bad row names its line and column",
        arguments: [
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
            ("2026-03-03T09:00:00Z", Int64(1_772_528_400_000), 0),
            ("2026-03-03T10:00:00.250+01:00", 1_772_528_400_250, 3600),
            ("1999-12-31T19:00:00-05:00", 946_684_800_000, -18000),
        ] {
            let parsed = Timestamp.parse(text)
            #expect(parsed?.milliseconds == milliseconds && parsed?.offset == offset)
            #expect(Timestamp.format(milliseconds: milliseconds, offset: offset) == text)
        }
        #expect(Timestamp.parse("2026-02-30T09:00:00Z") == nil)
    }
}

extension Result {
    /// The error, for tests that expect one.
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
