import Foundation
internal import GRDB
internal import GRDBSQLite
import HoneCore

extension Store {
    /// Every card's history, cards in key order and each in log order, without the events an
    /// undo took back: what a pass over the whole log (the stats) replays. With `from` and
    /// `below`, only the cards whose keys are in that range (by their bytes), so that two threads
    /// can read the two halves of the log.
    public func histories(from lower: String? = nil, below upper: String? = nil) throws(StoreError) -> EventHistories {
        do {
            return try database.read { db in
                // Room for a history of ten answers a card, from the count the last rebuild
                // recorded: counting the log's rows first would read it twice.
                let cards =
                    try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'state_count'").flatMap { Int($0) }
                    ?? 0
                let expected = (lower == nil && upper == nil ? cards : cards / 2 + 1) * 10
                // The bounds as range constraints on the key: the scan starts and stops there.
                var bounds: [String] = []
                if lower != nil { bounds.append("card >= ?") }
                if upper != nil { bounds.append("card < ?") }
                // Undos are few (an index finds them): the events they take back are left out
                // here, so the histories need no ids. Each undone event is known by its card,
                // time and stored id.
                var takenBack = Set<String>()
                // Their times: a row is looked at closer only when its time is one of them, so a
                // single undo in a long log does not cost a string for every row.
                var takenBackTimes = Set<Int64>()
                for row in try Row.fetchAll(db, sql: "SELECT card, target FROM event_log WHERE event = 'undo'") {
                    let card: String = row[0]
                    let target: String = row[1]
                    if let undone = try Row.fetchOne(
                        db,
                        sql:
                            "SELECT at_ms, id FROM event_log "
                            + "WHERE card = ?1 AND (id = ?2 OR (id = '' AND ?1 || '@' || at_ms = ?2))",
                        arguments: [card, target])
                    {
                        let time: Int64 = undone[0]
                        let id: String = undone[1]
                        takenBack.insert("\(card)\u{0}\(time)\u{0}\(id)")
                        takenBackTimes.insert(time)
                    }
                }
                let setStates = try Store.setStates(db, bounds: bounds, lower: lower, upper: upper)
                var nextSetState = 0
                let statement = try db.makeStatement(
                    sql: "SELECT card, at_ms, rating, duration_ms, event, id FROM event_log"
                        + (bounds.isEmpty ? "" : " WHERE " + bounds.joined(separator: " AND "))
                        + " ORDER BY card, at_ms, id")
                try statement.setArguments(StatementArguments([lower, upper].compactMap { $0 }))
                let handle = statement.sqliteStatement
                var histories = EventHistories(expectedAnswers: expected)
                var keyBytes: [UInt8] = []
                try LogRows.eachRow(handle, in: db) {
                    let card = LogRows.bytes(handle, 0)
                    // Most rows are answers, and only answers have a rating (every writer leaves it
                    // NULL for other events): the rating tells them, and only other events' words
                    // are read. An expression or a column more a row costs 5-10% of `hone stats`.
                    let rating = sqlite3_column_text(handle, 2)
                    let isAnswer = rating != nil
                    let event = isAnswer ? UnsafeBufferPointer(start: nil, count: 0) : LogRows.bytes(handle, 4)
                    if !isAnswer, LogRows.isWord(event, Store.undoWord) { return }
                    // The set-states come in the order of the list read before, one for one (the
                    // same rows of the same read), taken back or not.
                    let isSetState = !isAnswer && LogRows.isWord(event, Store.setStateWord)
                    var setState: ImportedState?
                    if isSetState {
                        let listed = nextSetState < setStates.count ? setStates[nextSetState] : nil
                        nextSetState += 1
                        if listed?.time == sqlite3_column_int64(handle, 1) { setState = listed?.state }
                    }
                    if !takenBackTimes.isEmpty, takenBackTimes.contains(sqlite3_column_int64(handle, 1)) {
                        let key =
                            "\(String(decoding: card, as: UTF8.self))\u{0}\(sqlite3_column_int64(handle, 1))\u{0}"
                            + String(decoding: LogRows.bytes(handle, 5), as: UTF8.self)
                        if takenBack.contains(key) { return }
                    }
                    // Rows come grouped by card: a new card starts where the key bytes change.
                    let sameCard = keyBytes.withUnsafeBufferPointer { previous in
                        guard previous.count == card.count, let left = previous.baseAddress,
                            let right = card.baseAddress
                        else {
                            return previous.count == card.count && card.isEmpty
                        }
                        return memcmp(left, right, card.count) == 0
                    }
                    if histories.count == 0 || !sameCard {
                        keyBytes = Array(card)
                        histories.startCard(String(decoding: card, as: UTF8.self))
                    }
                    let time = sqlite3_column_int64(handle, 1)
                    if isAnswer {
                        histories.append(
                            CompactEvent(
                                milliseconds: time,
                                answer: LogRows.answer(
                                    UnsafeBufferPointer(start: rating, count: Int(sqlite3_column_bytes(handle, 2)))),
                                durationMilliseconds: Int(sqlite3_column_int64(handle, 3))))
                    } else if isSetState {
                        if let setState {
                            histories.appendSetState(setState, milliseconds: time)
                        } else {
                            histories.append(CompactEvent(milliseconds: time, event: .other))  // unreadable
                        }
                    } else {
                        let kind: CompactEvent.Event =
                            switch String(decoding: event, as: UTF8.self) {
                            case "suspend": .suspend
                            case "unsuspend": .unsuspend
                            case "bury": .bury
                            case "forget": .forget
                            default: .other  // an event a newer hone wrote: it changes nothing
                            }
                        histories.append(CompactEvent(milliseconds: time, event: kind))
                    }
                }
                histories.finish()
                return histories
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    static let undoWord = Array("undo".utf8)
    static let setStateWord = Array(LogRows.setStateName.utf8)

    /// The set-states of the cards in the bounds, in log order, each with its time and its state
    /// (nil when it does not read, as `LogRows.setState` takes it): read through their index
    /// before the pass over the log, so that the pass reads no column more a row for them.
    static func setStates(_ db: Database, bounds: [String], lower: String?, upper: String?) throws
        -> [(time: Int64, state: ImportedState?)]
    {
        let statement = try db.makeStatement(
            sql: "SELECT at_ms, state FROM event_log WHERE event = 'set-state'"
                + bounds.map { " AND " + $0 }.joined() + " ORDER BY card, at_ms, id")
        try statement.setArguments(StatementArguments([lower, upper].compactMap { $0 }))
        let handle = statement.sqliteStatement
        var states: [(time: Int64, state: ImportedState?)] = []
        try LogRows.eachRow(handle, in: db) {
            let state: ImportedState? =
                if case .setState(let state) = LogRows.setState(handle, 1) { state } else { nil }
            states.append((sqlite3_column_int64(handle, 0), state))
        }
        return states
    }

    /// The key that splits the cards with states in two halves (in byte order), or nil when
    /// there are too few to split.
    public func middleCard() throws(StoreError) -> String? {
        do {
            return try database.read { db in
                // The count the last rebuild or import recorded is near enough to halve by.
                let count =
                    try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'state_count'").flatMap { Int($0) }
                    ?? 0
                guard count >= 2 else { return nil }
                return try String.fetchOne(
                    db, sql: "SELECT card FROM card_state ORDER BY card LIMIT 1 OFFSET ?", arguments: [count / 2])
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }
}
