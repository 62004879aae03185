import Foundation
import GRDB
import HoneCore
import Testing

@testable import HoneStore

/// `set-state` events in the log: stored whole, read back equal by every reader, replayed into
/// the cached states, and added to an older log by a migration that leaves its rows alone.
@Suite("set-state in the store")
struct SetStateStoreTests {
    static let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
    static var replay: Replay {
        var settings = SchedulerSettings()
        settings.fuzz = false
        return Replay(scheduler: Scheduler(settings: settings, clock: clock))
    }
    static let time: Int64 = 1_772_528_400_000

    func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hone-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Every shape a set state takes: each phase, a step due at an instant and on a day, the
    /// memory state known, half known or not, numbers whose text is not their shortest decimal.
    static let states: [ImportedState] = [
        ImportedState(.new, reps: 0, lapses: 0),
        ImportedState(
            .learning(LearningState(step: 1, stepSeconds: 600, due: .instant(1_772_529_000))), reps: 1, lapses: 0),
        ImportedState(.learning(LearningState(step: 2, stepSeconds: 172_800, due: .day(20_517))), reps: 3, lapses: 0),
        ImportedState(
            .review(ReviewState(intervalDays: 12, easePermille: 2650, dueDay: 20_527)), reps: 14, lapses: 2,
            stability: 12.345678901234567, difficulty: 5.25),
        ImportedState(
            .relearning(
                RelearningState(
                    learning: LearningState(step: 0, stepSeconds: 600, due: .instant(1_772_529_000)),
                    review: ReviewState(intervalDays: 3, easePermille: 1300, dueDay: 0))),
            reps: 30, lapses: 9, stability: 0.1),
        ImportedState(
            .review(ReviewState(intervalDays: 36_500, easePermille: 1305, dueDay: 57_000)), reps: 999, lapses: 0,
            difficulty: 1e-5),
    ]

    func setStates(card: (Int) -> String = { "d/c\($0)" }) -> [LogEvent] {
        Self.states.enumerated().map { index, state in
            LogEvent(
                id: "s\(index)", card: card(index), time: Self.time + Int64(index), utcOffset: 3600,
                action: .setState(state), device: "dev")
        }
    }

    @Test func everyReaderGivesBackTheStateAsStored() throws {
        let store = try Store(folder: try folder())
        let events = setStates()
        let summary = try store.merge(events, replay: Self.replay)
        #expect(summary.added == events.count)
        #expect(try store.events() == events)
        #expect(try store.events(orderedByTime: true) == events)
        for event in events { #expect(try store.events(card: event.card) == [event]) }
        // The cached states are the replay's, and a rebuild from the log agrees.
        let states = try store.states()
        for (event, given) in zip(events, Self.states) {
            #expect(states[event.card] == CardState(given.phaseState, reps: given.reps, lapses: given.lapses))
        }
        try store.rebuildStates(with: Self.replay, fingerprint: "x")
        let rebuilt = try store.states()
        for event in events { #expect(rebuilt[event.card] == states[event.card]) }
    }

    /// A set-state appended in a session or a card command is replayed onto the card's state, and
    /// an answer after it schedules from it (10 days at 2.5, due: Good gives 25).
    @Test func anAppendedSetStateSchedulesTheNextAnswer() throws {
        let store = try Store(folder: try folder())
        let day = Self.clock.day(of: Self.time / 1000)
        let given = ImportedState(
            .review(ReviewState(intervalDays: 10, easePermille: 2500, dueDay: day)), reps: 4, lapses: 1)
        let set = try store.append(.setState(given), card: "d/c", at: Self.time, utcOffset: 0, replay: Self.replay)
        #expect(set.step.after == CardState(given.phaseState, reps: 4, lapses: 1))
        let answered = try store.append(
            .answer(.button(.good), durationMilliseconds: 10), card: "d/c", at: Self.time + 1000, utcOffset: 0,
            replay: Self.replay)
        #expect(answered.step.after.interval == 25 && answered.step.after.reps == 5)
        #expect(try store.events(card: "d/c").map(\.action) == [.setState(given), answered.event.action])
        #expect(try store.states()["d/c"] == answered.step.after)
    }

    /// The stats' compact pass gets each set-state's state in its table at its event's index,
    /// also past one an undo took back (left out) and across the two halves of a split read.
    @Test func theCompactHistoriesCarryTheStatesInTheirTable() throws {
        let store = try Store(folder: try folder())
        var events = setStates(card: { "d/c\($0 % 3)" })
        events.append(
            LogEvent(id: "u", card: "d/c0", time: Self.time + 100, utcOffset: 0, action: .undo(target: "s3")))
        _ = try store.merge(events, replay: Self.replay)
        func given(_ histories: EventHistories) -> [String: [ImportedState]] {
            var found: [String: [ImportedState]] = [:]
            histories.withAnswers { all in
                for index in 0..<histories.count {
                    for event in histories.history(index, in: all) {
                        if let place = event.setStateIndex {
                            found[histories.keys[index], default: []].append(histories.setStates[place])
                        } else {
                            Issue.record("only set-states in this log")
                        }
                    }
                }
            }
            return found
        }
        let expected = [
            "d/c0": [Self.states[0]], "d/c1": [Self.states[1], Self.states[4]],
            "d/c2": [Self.states[2], Self.states[5]],
        ]
        #expect(given(try store.histories()) == expected)
        var halves = given(try store.histories(below: "d/c1"))
        halves.merge(given(try store.histories(from: "d/c1"))) { first, _ in first }
        #expect(halves == expected)
    }

    /// A log made before set-states existed gains the column; its rows read as they did, the
    /// triggers still refuse changes, and a set-state goes in beside them.
    @Test func anOlderLogIsUpgradedAndStaysAppendOnly() throws {
        let folder = try folder()
        let path = folder + "/" + Store.fileName
        do {
            let old = try DatabaseQueue(path: path)
            try Store.migrator.migrate(old, upTo: "v5: notes")
            try old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO event_log (card, at_ms, id, utc_offset, event, rating, duration_ms, note)
                        VALUES ('d/c', 1772528400000, 'a', 0, 'answer', 'good', 900, 'kept'),
                            ('d/c', 1772528400001, 'b', 0, 'suspend', NULL, 0, NULL)
                        """)
            }
        }
        let store = try Store(folder: folder)
        let before = try store.events()
        #expect(before.map(\.action) == [.answer(.button(.good), durationMilliseconds: 900), .suspend])
        #expect(before.first?.note == "kept")
        let given = Self.states[3]
        _ = try store.merge(
            [LogEvent(id: "s", card: "d/c", time: Self.time + 5, utcOffset: 0, action: .setState(given))],
            replay: Self.replay)
        #expect(try store.events().map(\.action).last == .setState(given))
        #expect(try store.states()["d/c"]?.suspended == true, "the suspension holds through the set-state")
        #expect(throws: (any Error).self) {
            try store.database.write { db in try db.execute(sql: "UPDATE event_log SET state = 'new reps=0 lapses=0'") }
        }
        #expect(throws: (any Error).self) {
            try store.database.write { db in try db.execute(sql: "DELETE FROM event_log WHERE id = 's'") }
        }
    }

    /// A set-state whose stored state does not read (only a hand edit makes one) changes
    /// nothing, in the full reader and the stats' compact one alike.
    @Test func anUnreadableStoredStateChangesNothingInEveryReader() throws {
        let store = try Store(folder: try folder())
        _ = try store.merge(
            [.answer(id: "a", card: "d/c", time: Self.time, utcOffset: 0, answer: .button(.good))],
            replay: Self.replay)
        try store.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO event_log (card, at_ms, id, utc_offset, event, state)
                    VALUES ('d/c', 1772528400001, 'x', 0, 'set-state', 'review interval=ten'),
                        ('d/c', 1772528400002, 'y', 0, 'set-state', NULL)
                    """)
        }
        #expect(try store.events().map(\.action.name) == ["answer", "set-state", "set-state"])
        #expect(try store.events().dropFirst().allSatisfy { $0.action == .other("set-state") })
        let histories = try store.histories()
        #expect(histories.answers.map(\.event) == [.answer, .other, .other] && histories.setStates.isEmpty)
    }

    @Test func theStoredTextReadsBackAsTheState() {
        for state in Self.states {
            let text = ImportedStateRecord.encode(state)
            #expect(ImportedStateRecord.decode(text) == state, "\(text)")
        }
        #expect(
            ImportedStateRecord.encode(Self.states[3])
                == "review due_day=20527 interval=12 ease=2650 reps=14 lapses=2 stability=12.345678901234567 "
                + "difficulty=5.25")
        // A word a newer hone adds is passed over; a missing or unreadable one is no state.
        #expect(
            ImportedStateRecord.decode("new reps=1 lapses=0 retrievability=0.9")
                == ImportedState(.new, reps: 1, lapses: 0))
        for bad in [
            "", "review reps=1 lapses=0", "new reps=1", "learning step=1 reps=0 lapses=0", "new reps=x lapses=0",
            "new reps=1 lapses=0 stability=nan", "sleeping reps=0 lapses=0", "new reps=1 lapses",
        ] {
            #expect(ImportedStateRecord.decode(bad) == nil, "\(bad)")
        }
    }
}
