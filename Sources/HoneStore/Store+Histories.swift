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
                defer { sqlite3_reset(handle) }
                var histories = AnswerHistories(expectedAnswers: expected)
                var keyBytes: [UInt8] = []
                while true {
                    let code = sqlite3_step(handle)
                    if code == SQLITE_DONE { break }
                    guard code == SQLITE_ROW else {
                        throw DatabaseError(
                            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                    }
                    // Text first, then its length: the order SQLite documents as safe.
                    let text = sqlite3_column_text(handle, 0)
                    let count = Int(sqlite3_column_bytes(handle, 0))
                    let card = UnsafeBufferPointer(start: text, count: count)
                    let sameCard = keyBytes.withUnsafeBufferPointer { previous in
                        guard previous.count == count, let left = previous.baseAddress, let right = card.baseAddress else {
                            return previous.count == count && count == 0
                        }
                        return memcmp(left, right, count) == 0
                    }
                    if histories.count == 0 || !sameCard {
                        keyBytes = Array(card)
                        histories.startCard(String(decoding: card, as: UTF8.self))
                    }
                    let ratingText = sqlite3_column_text(handle, 2)
                    let rating = UnsafeBufferPointer(start: ratingText, count: Int(sqlite3_column_bytes(handle, 2)))
                    // As every other reader of the log takes it (`LogRows.fetch`): hone writes
                    // only valid ratings, and one changed by hand must not stop the stats.
                    let answer = Store.answer(fromLogText: rating) ?? .button(.good)
                    histories.append(AnswerHistories.Answer(
                        milliseconds: sqlite3_column_int64(handle, 1), answer: answer,
                        durationMilliseconds: Int(sqlite3_column_int64(handle, 3))))
                }
                histories.finish()
                return histories
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// `Answer(logText:)` on the stored bytes, without building a String for every row: the
    /// log holds `again`, `hard`, `good`, `easy` or a quality `0`-`5`, as hone writes them.
    static func answer(fromLogText text: UnsafeBufferPointer<UInt8>) -> Answer? {
        guard let first = text.first else { return nil }
        if text.count == 1, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "5") {
            return .quality(Int(first - UInt8(ascii: "0")))
        }
        for (word, rating) in ratingWords where word.count == text.count && word.elementsEqual(text) {
            return .button(rating)
        }
        return Answer(logText: String(decoding: text, as: UTF8.self))
    }

    /// The words as bytes, compared as arrays: `elementsEqual` against a `String.UTF8View`
    /// costs more than the rest of reading a row.
    private static let ratingWords: [([UInt8], Rating)] = Rating.allCases.map { (Array($0.word.utf8), $0) }
}
