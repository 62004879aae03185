internal import GRDB
internal import GRDBSQLite
import HoneCore

#if canImport(Glibc)
    import Glibc
#endif

/// Reads and writes review log rows through SQLite's C interface directly: a log of a million
/// answers is imported and replayed here, and GRDB's per-row conveniences cost more than the
/// SQL itself at that count.
enum LogRows {
    /// SQLite copies bound text before the call returns (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static let columns = "id, card, at_ms, utc_offset, event, rating, duration_ms, target, device, note, state"

    /// Runs `sql` (selecting `columns`, with `text` then `integers` as its parameters) and
    /// returns the events.
    static func fetch(_ db: Database, sql: String, text: String? = nil, integers: [Int64] = []) throws -> [LogEvent] {
        // Cached: a merge reads every touched card's history through the same statement.
        let statement = try db.cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var index: Int32 = 1
        if let text {
            bind(text, to: index, in: handle)
            index += 1
        }
        for value in integers {
            sqlite3_bind_int64(handle, index, value)
            index += 1
        }
        var events: [LogEvent] = []
        try eachRow(handle, in: db) { events.append(event(handle)) }
        return events
    }

    /// One card's events, in log order.
    static func history(of card: String, in db: Database) throws -> [LogEvent] {
        try fetch(db, sql: "SELECT \(columns) FROM event_log WHERE card = ? ORDER BY at_ms, id", text: card)
    }

    /// The event in the current row of a statement selecting `columns`.
    static func event(_ handle: OpaquePointer?) -> LogEvent {
        let card = string(handle, 1)
        let time = sqlite3_column_int64(handle, 2)
        // Empty for the default id: the event builds it only if asked.
        let id = string(handle, 0)
        let device = sqlite3_column_type(handle, 8) == SQLITE_NULL ? nil : string(handle, 8)
        let note = sqlite3_column_type(handle, 9) == SQLITE_NULL ? nil : string(handle, 9)
        return LogEvent(
            id: id, card: card, time: time, utcOffset: Int(sqlite3_column_int64(handle, 3)),
            action: action(handle, event: 4, rating: 5, duration: 6, target: 7, state: 10), device: device,
            note: note)
    }

    /// A stored event's action from its columns. An event word this hone does not know (a newer
    /// hone's, or a hand edit) reads as `other`, which changes nothing: one odd row never stops
    /// a session, an export or the stats.
    static func action(
        _ handle: OpaquePointer?, event: Int32, rating: Int32, duration: Int32, target: Int32, state: Int32
    ) -> EventAction {
        let word = bytes(handle, event)
        if word.elementsEqual(answerWord) {
            return .answer(answer(handle, rating), durationMilliseconds: Int(sqlite3_column_int64(handle, duration)))
        }
        let name = String(decoding: word, as: UTF8.self)
        if name == "undo" { return .undo(target: string(handle, target)) }
        if name == setStateName { return setState(handle, state) }
        return EventAction(plainName: name) ?? .other(name)
    }

    private static let answerWord = Array("answer".utf8)
    static let setStateName = "set-state"

    /// A set-state's action from its `state` column; one whose state does not read (a hand
    /// edit) changes nothing, like an event this hone does not know, in every reader alike.
    static func setState(_ handle: OpaquePointer?, _ column: Int32) -> EventAction {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL,
            let state = ImportedStateRecord.decode(bytes(handle, column))
        else { return .other(setStateName) }
        return .setState(state)
    }

    /// Steps `handle` through every row, calling `body` for each, and resets it after; a
    /// failed step is thrown with SQLite's message. Every raw read of the store goes through
    /// here.
    static func eachRow(_ handle: OpaquePointer?, in db: Database, _ body: () throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            try body()
        }
    }

    /// A text column's bytes, valid until the next step: the text first, then its length, the
    /// order SQLite documents as safe.
    static func bytes(_ handle: OpaquePointer?, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let text = sqlite3_column_text(handle, column)
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// A stored rating as an answer, read from its bytes (a million rows pass through here):
    /// `again`, `hard`, `good`, `easy` or a quality `0`-`5`, as hone writes them. Anything
    /// else, which only a hand edit can put there, reads as `good` in every reader alike,
    /// so one odd row never stops a session, an export or the stats.
    static func answer(_ handle: OpaquePointer?, _ column: Int32) -> Answer {
        answer(bytes(handle, column))
    }

    /// The answer a stored rating's bytes stand for, as `answer(_:_:)` reads it.
    static func answer(_ text: UnsafeBufferPointer<UInt8>) -> Answer {
        if text.count == 1, let first = text.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "5") {
            return .quality(Int(first - UInt8(ascii: "0")))
        }
        for (word, rating) in ratingWords where isWord(text, word) { return .button(rating) }
        return Answer(logText: String(decoding: text, as: UTF8.self)) ?? .button(.good)
    }

    /// Whether a column's bytes are `word`: by `memcmp`, as a million rows pass through here
    /// (`elementsEqual` was 2% of `hone stats`, and against a `String.UTF8View` more than the
    /// rest of reading a row).
    static func isWord(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        guard bytes.count == word.count else { return false }
        return word.withUnsafeBufferPointer { word in
            guard let mine = bytes.baseAddress, let theirs = word.baseAddress else { return word.isEmpty }
            return memcmp(mine, theirs, word.count) == 0
        }
    }

    /// The words as bytes.
    private static let ratingWords: [([UInt8], Rating)] = Rating.allCases.map { (Array($0.word.utf8), $0) }

    /// Inserts events (in log order), skipping those already present: the same id, or an
    /// answer at the card and time of an answer already there when one of the two has no id of
    /// its own (a file of answers without ids imported twice adds nothing). Two answers with
    /// ids of their own are two answers even at one instant: two devices can each answer a card
    /// in the same millisecond, and each must keep both once they have synced. Returns which
    /// were added. `logWasEmpty` spares the lookup of earlier answers.
    ///
    /// `fromSync`: the events came from another device's segment (`hone sync`). They are
    /// identified by their id alone (an id-less answer by its default id, `card@ms`): whether one
    /// is kept must not depend on what else a device happened to hold first, or devices would
    /// disagree after syncing in different orders. Otherwise each event added takes the data
    /// folder's next arrival number (`Arrivals`): made or imported here, for sync to publish.
    static func insert(
        _ events: [LogEvent], into db: Database, logWasEmpty: Bool = false, fromSync: Bool = false
    ) throws -> [Bool] {
        let statement = try db.makeStatement(
            sql: "INSERT OR IGNORE INTO event_log (\(columns), arrival) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let handle = statement.sqliteStatement
        var arrival = fromSync ? 0 : try Arrivals.next(db)
        let answerThere = try db.makeStatement(
            sql: "SELECT EXISTS (SELECT 1 FROM event_log WHERE card = ?1 AND at_ms = ?2 AND event = 'answer' "
                + "AND (id = '' OR ?3 = ''))")
        var added: [Bool] = []
        added.reserveCapacity(events.count)
        var lastAnswer: (card: String, time: Int64, hasID: Bool)?
        // By index, each field read where it is: a loop over the events copies each whole event
        // (its strings retained and released), which was a tenth of an import.
        for index in events.indices {
            let card = events[index].card
            let time = events[index].time
            if !fromSync, case .answer = events[index].action {
                let storedID = events[index].storedID
                if let lastAnswer, lastAnswer.time == time, lastAnswer.card == card,
                    !lastAnswer.hasID || storedID.isEmpty
                {
                    added.append(false)
                    continue
                }
                lastAnswer = (card, time, !storedID.isEmpty)
                if !logWasEmpty, try Bool.fetchOne(answerThere, arguments: [card, time, storedID]) == true {
                    added.append(false)
                    continue
                }
            }
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            bind(events[index].storedID, to: 1, in: handle)
            bind(card, to: 2, in: handle)
            sqlite3_bind_int64(handle, 3, time)
            sqlite3_bind_int64(handle, 4, Int64(events[index].utcOffset))
            bind(events[index].action.name, to: 5, in: handle)
            // Only an answer has a rating: readers tell answers by it (`histories`).
            switch events[index].action {
            case .answer(let answer, let duration):
                bind(answer.logText, to: 6, in: handle)
                sqlite3_bind_int64(handle, 7, Int64(duration))
            case .undo(let target):
                sqlite3_bind_int64(handle, 7, 0)
                bind(target, to: 8, in: handle)
            case .setState(let state):
                sqlite3_bind_int64(handle, 7, 0)
                bind(ImportedStateRecord.encode(state), to: 11, in: handle)
            default:
                sqlite3_bind_int64(handle, 7, 0)
            }
            if let device = events[index].device { bind(device, to: 9, in: handle) }
            if let note = events[index].note { bind(note, to: 10, in: handle) }
            if !fromSync { sqlite3_bind_int64(handle, 12, arrival) }
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let wasAdded = sqlite3_changes(db.sqliteConnection) > 0
            if wasAdded, !fromSync { arrival += 1 }
            added.append(wasAdded)
        }
        sqlite3_reset(handle)
        if !fromSync { try Arrivals.record(next: arrival, db) }
        return added
    }

    /// Binds text with its byte length, so a NUL inside it cannot cut it short.
    private static func bind(_ text: String, to index: Int32, in handle: OpaquePointer?) {
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress {
                    _ = sqlite3_bind_text(handle, index, base, Int32(chars.count), transient)
                } else {
                    // An empty string is text, not NULL: bind it from a real (empty) C string.
                    _ = "".withCString { sqlite3_bind_text(handle, index, $0, 0, transient) }
                }
            }
        }
    }

    /// Every stored card state: a session starts by loading them all.
    static func states(_ db: Database) throws -> CardStates {
        let statement = try db.makeStatement(sql: "SELECT card, state FROM card_state")
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        // Room for every row, from the count the last rebuild or import recorded (counting them
        // here would read the table twice).
        let recorded = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'state_count'")
        let expected = recorded.flatMap { Int($0) } ?? 1024
        var states = CardStates(minimumCapacity: expected)
        try eachRow(handle, in: db) {
            let blobStart = sqlite3_column_blob(handle, 1)
            let blob = UnsafeRawBufferPointer(start: blobStart, count: Int(sqlite3_column_bytes(handle, 1)))
            guard states.load(record: blob, forKeyBytes: bytes(handle, 0)) else {
                throw StoreError.unreadableStates("")
            }
        }
        states.finishLoading()
        return states
    }

    /// Records how many states there are, as the capacity hint for the next load.
    static func recordStateCount(_ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) SELECT 'state_count', COUNT(*) FROM card_state")
    }

    private static func string(_ handle: OpaquePointer?, _ column: Int32) -> String {
        String(decoding: bytes(handle, column), as: UTF8.self)
    }
}
