import Foundation
import Testing

@testable import HoneStore

@Suite("store")
struct StoreTests {
    @Test func createsTheDatabaseInWALModeAndReopensItWithoutLosingRows() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hone-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("hone.sqlite").path
        do {
            let store = try Store(path: path)
            #expect(try store.answerCount() == 0)
            try store.database.write { db in
                try db.execute(
                    sql: "INSERT INTO review_log (id, card, reviewed_at, rating, kind) VALUES ('1', 'd/c', '2026-03-03T09:00:00Z', 'good', 'learn')")
            }
            let mode = try store.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
        let reopened = try Store(path: path)
        #expect(try reopened.answerCount() == 1)
    }
}
