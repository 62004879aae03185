import GRDB
import GRDBSQLite
import HoneCore

extension Store {
    /// Hands out every card's history, one card at a time in key order, each in time order:
    /// a pass over a log of a million answers that never holds more than one card's answers.
    /// `body` gets the card key and its answers (the array is reused between calls).
    public func forEachHistory(_ body: (String, [StatsBuilder.LoggedAnswer]) -> Void) throws(StoreError) {
        do {
            try database.read { db in
                let statement = try db.makeStatement(
                    sql: "SELECT card, reviewed_ms, rating, duration_ms FROM review_log ORDER BY card, reviewed_ms")
                let handle = statement.sqliteStatement
                sqlite3_reset(handle)
                defer { sqlite3_reset(handle) }
                var key = ""
                var keyBytes: [UInt8] = []
                var history: [StatsBuilder.LoggedAnswer] = []
                while true {
                    let code = sqlite3_step(handle)
                    if code == SQLITE_DONE { break }
                    guard code == SQLITE_ROW else {
                        throw DatabaseError(
                            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                    }
                    let card = UnsafeBufferPointer(start: sqlite3_column_text(handle, 0), count: Int(sqlite3_column_bytes(handle, 0)))
                    if !card.elementsEqual(keyBytes) {
                        if !history.isEmpty { body(key, history) }
                        history.removeAll(keepingCapacity: true)
                        keyBytes = Array(card)
                        key = String(decoding: card, as: UTF8.self)
                    }
                    let rating = UnsafeBufferPointer(start: sqlite3_column_text(handle, 2), count: Int(sqlite3_column_bytes(handle, 2)))
                    guard let answer = Store.answer(fromLogText: rating) else {
                        throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "an answer has an unknown rating")
                    }
                    history.append(StatsBuilder.LoggedAnswer(
                        milliseconds: sqlite3_column_int64(handle, 1), answer: answer,
                        durationMilliseconds: Int(sqlite3_column_int64(handle, 3))))
                }
                if !history.isEmpty { body(key, history) }
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// `Answer(logText:)` on the stored bytes, without building a String for every row.
    static func answer(fromLogText text: UnsafeBufferPointer<UInt8>) -> Answer? {
        guard let first = text.first else { return nil }
        if text.count == 1 {
            guard first >= UInt8(ascii: "0"), first <= UInt8(ascii: "5") else { return nil }
            return .quality(Int(first - UInt8(ascii: "0")))
        }
        return Answer(logText: String(decoding: text, as: UTF8.self))
    }
}
