import Foundation
import GRDB
import GRDBSQLite
import HoneCore

extension Store {
    /// Every card's history, cards in key order and each in time order: what a pass over the
    /// whole log (the stats) replays.
    public func histories() throws(StoreError) -> AnswerHistories {
        do {
            return try database.read { db in
                // Room for a history of ten answers a card, from the count the last rebuild
                // recorded: counting the log's rows first would read it twice.
                let cards = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'state_count'").flatMap { Int($0) } ?? 0
                let expected = cards * 10
                let statement = try db.makeStatement(
                    sql: "SELECT card, reviewed_ms, rating, duration_ms FROM review_log ORDER BY card, reviewed_ms")
                let handle = statement.sqliteStatement
                sqlite3_reset(handle)
                var histories = AnswerHistories(expectedAnswers: expected)
                var keyBytes: [UInt8] = []
                try LogRows.eachRow(handle, in: db) {
                    let card = LogRows.bytes(handle, 0)
                    // Rows come grouped by card: a new card starts where the key bytes change.
                    let sameCard = keyBytes.withUnsafeBufferPointer { previous in
                        guard previous.count == card.count, let left = previous.baseAddress, let right = card.baseAddress else {
                            return previous.count == card.count && card.isEmpty
                        }
                        return memcmp(left, right, card.count) == 0
                    }
                    if histories.count == 0 || !sameCard {
                        keyBytes = Array(card)
                        histories.startCard(String(decoding: card, as: UTF8.self))
                    }
                    histories.append(AnswerHistories.Answer(
                        milliseconds: sqlite3_column_int64(handle, 1), answer: LogRows.answer(handle, 2),
                        durationMilliseconds: Int(sqlite3_column_int64(handle, 3))))
                }
                histories.finish()
                return histories
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }
}
