import Foundation
import GRDB
import HoneCore
import Testing

@testable import HoneStore

/// What `hone sync` asks of the store: the events made or imported here, published once each;
/// events that came by sync never published again; the segments read, remembered.
@Suite("sync in the store")
struct SyncStoreTests {
    static let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)
    static var replay: Replay { Replay(scheduler: Scheduler(settings: SchedulerSettings(), clock: clock)) }
    static let time: Int64 = 1_772_528_400_000

    func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hone-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    func answers(_ ids: [String], card: String = "d/a", from start: Int64 = time) -> [LogEvent] {
        ids.enumerated().map { index, id in
            LogEvent(
                id: id, card: card, time: start + Int64(index) * 60_000, utcOffset: 0,
                action: .answer(.button(.good), durationMilliseconds: 1000))
        }
    }

    func published(_ store: Store) throws -> [String] {
        guard let unpublished = try store.unpublished() else { return [] }
        return unpublished.events.map(\.id)
    }

    @Test func eventsMadeOrImportedHereArePublishedOnceEach() throws {
        let store = try Store(folder: try folder())
        let device = try store.deviceID()
        #expect(device.count == 16 && device.allSatisfy(\.isHexDigit))
        #expect(try store.deviceID() == device, "the id is made once")
        _ = try store.merge(answers(["x1", "x2"]), replay: Self.replay)
        let made = try store.append(
            .suspend, card: "d/b", at: Self.time, utcOffset: 0, replay: Self.replay)
        #expect(made.event.id == "\(device)-1", "hone's own ids start with the device id")
        #expect(try published(store).sorted() == ["\(device)-1", "x1", "x2"])
        #expect(try store.unpublishedCount() == 3)
        let first = try #require(try store.unpublished())
        try store.recordPublished(
            SyncSegment(device: device, name: "000001-a.csv", events: 3, written: true), through: first.through)
        #expect(try store.unpublished() == nil)
        #expect(try store.unpublishedCount() == 0)
        _ = try store.append(.bury, card: "d/a", at: Self.time + 600_000, utcOffset: 0, replay: Self.replay)
        let second = try #require(try store.unpublished())
        #expect(second.events.map(\.id) == ["\(device)-2"])
        #expect(second.through == first.through + 1)
    }

    @Test func eventsThatCameBySyncAreNotPublishedAgain() throws {
        let store = try Store(folder: try folder())
        let segment = SyncSegment(device: "00000000000000aa", name: "000001-x.csv", events: 2, written: false)
        let summary = try store.merge(answers(["other-1", "other-2"]), replay: Self.replay, segments: [segment])
        #expect(summary.added == 2)
        #expect(try store.unpublished() == nil)
        #expect(try store.syncSegments() == [segment])
        // Reading it again (a second sync that did not know it) adds nothing.
        let twice = try store.merge(answers(["other-1", "other-2"]), replay: Self.replay, segments: [segment])
        #expect(twice.added == 0 && twice.skipped == 2)
        // Missing segments of this device: the whole log goes out again, the synced events too
        // (they may be from a device that no longer syncs), once.
        _ = try store.merge(answers(["mine"], card: "d/b"), replay: Self.replay)
        let device = try store.deviceID()
        let first = try #require(try store.unpublished())
        let written = SyncSegment(device: device, name: "000001-y.csv", events: 1, written: true)
        try store.recordPublished(written, through: first.through)
        #expect(try store.unpublished() == nil)
        try store.forgetPublished(device: device, missing: [written.name])
        let again = try #require(try store.unpublished())
        #expect(again.events.map(\.id).sorted() == ["mine", "other-1", "other-2"])
        #expect(try store.unpublishedCount() == 3)
        #expect(try store.syncSegments() == [segment])
        let rewritten = SyncSegment(device: device, name: "000002-y.csv", events: 3, written: true)
        try store.recordPublished(rewritten, through: again.through)
        #expect(try store.unpublished() == nil)
    }

    /// Two devices answer one card in the same millisecond: once they have synced, in either
    /// order, each has both answers and the same state. An answer without an id still counts
    /// as the one already at its card and instant (a file of answers imported twice).
    @Test func twoDevicesAnswersInOneMillisecondAreBothKept() throws {
        let mine = LogEvent(
            id: "aaaa-1", card: "d/a", time: Self.time, utcOffset: 0,
            action: .answer(.button(.good), durationMilliseconds: 1))
        let theirs = LogEvent(
            id: "bbbb-1", card: "d/a", time: Self.time, utcOffset: 0,
            action: .answer(.button(.again), durationMilliseconds: 1))
        let segment = SyncSegment(device: "00000000000000aa", name: "000001-x.csv", events: 1, written: false)
        let first = try Store(folder: try folder())
        _ = try first.merge([mine], replay: Self.replay)
        #expect(try first.merge([theirs], replay: Self.replay, segments: [segment]).added == 1)
        let second = try Store(folder: try folder())
        _ = try second.merge([theirs], replay: Self.replay)
        #expect(try second.merge([mine], replay: Self.replay, segments: [segment]).added == 1)
        #expect(try first.events() == second.events() && first.events().count == 2)
        #expect(try first.states()["d/a"] == second.states()["d/a"])
        var idless = mine
        idless.id = ""
        #expect(try first.merge([idless], replay: Self.replay).added == 0)
    }

    /// A large sync builds the id index again after its rows; an id two different events share
    /// (two imports that gave the same ids) still merges, skipping the one that came last, and
    /// leaves the index in place.
    @Test func aLargeSyncWithAnIdTakenHereStillMerges() throws {
        let store = try Store(folder: try folder())
        _ = try store.merge(answers(["taken"], card: "d/here"), replay: Self.replay)
        var incoming = (0..<20_000).map { index in
            LogEvent(
                id: "00000000000000aa-\(index)", card: "d/c\(index % 50)", time: Self.time + Int64(index) * 1000,
                utcOffset: 0, action: .answer(.button(.good), durationMilliseconds: 1))
        }
        incoming[7].id = "taken"
        let segment = SyncSegment(device: "00000000000000aa", name: "000001-x.csv", events: 20_000, written: false)
        let summary = try store.merge(incoming, replay: Self.replay, segments: [segment])
        #expect(summary.added == 19_999 && summary.skipped == 1)
        #expect(try store.eventCount() == 20_000)
        #expect(try store.missingDerivedTables().isEmpty)
        let indexes = try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        #expect(indexes.contains("event_log_id"))
        // Without a clash the rebuilt index is there too, and the next merge uses it.
        let more = (0..<20_000).map { index in
            LogEvent(
                id: "00000000000000bb-\(index)", card: "d/c\(index % 50)", time: Self.time + Int64(index) * 1000 + 1,
                utcOffset: 0, action: .answer(.button(.good), durationMilliseconds: 1))
        }
        let other = SyncSegment(device: "00000000000000bb", name: "000001-y.csv", events: 20_000, written: false)
        #expect(try store.merge(more, replay: Self.replay, segments: [other]).added == 20_000)
        #expect(try store.merge(more, replay: Self.replay, segments: [other]).added == 0)
        #expect(
            try store.database.read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'event_log_id')")
            } == true)
    }

    /// `hone undo` takes back this device's newest event, not a newer one another device made.
    @Test func undoPassesOverEventsThatCameBySync() throws {
        let store = try Store(folder: try folder())
        _ = try store.merge(answers(["mine"], card: "d/a"), replay: Self.replay)
        let segment = SyncSegment(device: "00000000000000aa", name: "000001-x.csv", events: 1, written: false)
        _ = try store.merge(
            answers(["theirs"], card: "d/b", from: Self.time + 3_600_000), replay: Self.replay, segments: [segment])
        #expect(try store.lastEventStanding()?.id == "mine")
    }

    /// A log written before arrivals were numbered: every row of it was made or imported here,
    /// and is published by the first sync. The migration rewrites no row.
    @Test func aLogFromBeforeSyncIsPublishedWhole() throws {
        let path = try folder()
        let store = try Store(folder: path)
        _ = try store.merge(answers(["old-1", "old-2"]), replay: Self.replay)
        try store.database.write { db in
            try db.execute(sql: "DROP INDEX event_log_arrival; DROP TABLE sync_segment")
            // As a v6 file has it: no arrival column (dropping it rewrites the table, which the
            // triggers do not see).
            try db.execute(sql: "ALTER TABLE event_log DROP COLUMN arrival")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v7: sync'")
            try db.execute(sql: "DELETE FROM meta WHERE key = 'next_arrival'")
        }
        let reopened = try Store(folder: path)
        #expect(try published(reopened).sorted() == ["old-1", "old-2"])
        _ = try reopened.merge(answers(["new-1"], card: "d/b"), replay: Self.replay)
        #expect(try published(reopened).sorted() == ["new-1", "old-1", "old-2"])
    }
}
