import Foundation
internal import GRDB
internal import GRDBSQLite
import HoneCore

extension Store {
    /// Every card's history, cards in key order and each in time order: what a pass over the
    /// whole log (the stats) replays. With `from` and `below`, only the cards whose keys are in
    /// that range (by their bytes), so that two threads can read the two halves of the log.
    public func histories(from lower: String? = nil, below upper: String? = nil) throws(StoreError) -> AnswerHistories {
        do {
            return try database.read { db in
                // Room for a history of ten answers a card, from the count the last rebuild
                // recorded: counting the log's rows first would read it twice.
                let cards = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'state_count'").flatMap { Int($0) } ?? 0
                let expected = (lower == nil && upper == nil ? cards : cards / 2 + 1) * 10
                // The bounds as range constraints on the key: the scan starts and stops there.
                var bounds: [String] = []
                if lower != nil { bounds.append("card >= ?") }
                if upper != nil { bounds.append("card < ?") }
                let statement = try db.makeStatement(
                    sql: "SELECT card, reviewed_ms, rating, duration_ms FROM review_log"
                        + (bounds.isEmpty ? "" : " WHERE " + bounds.joined(separator: " AND ")) + " ORDER BY card, reviewed_ms")
                try statement.setArguments(StatementArguments([lower, upper].compactMap { $0 }))
                let handle = statement.sqliteStatement
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

    /// The key that splits the cards with states in two halves (in byte order), or nil when
    /// there are too few to split.
    public func middleCard() throws(StoreError) -> String? {
        do {
            return try database.read { db in
                // The count the last rebuild or import recorded is near enough to halve by.
                let count = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'state_count'").flatMap { Int($0) } ?? 0
                guard count >= 2 else { return nil }
                return try String.fetchOne(db, sql: "SELECT card FROM card_state ORDER BY card LIMIT 1 OFFSET ?", arguments: [count / 2])
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }
}
