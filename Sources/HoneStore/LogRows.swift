internal import GRDB
internal import GRDBSQLite
import HoneCore

/// Reads and writes review log rows through SQLite's C interface directly: a log of a million
/// answers is imported and replayed here, and GRDB's per-row conveniences cost more than the
/// SQL itself at that count.
enum LogRows {
    /// SQLite copies bound text before the call returns (`SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    static let columns = "id, card, reviewed_ms, utc_offset, rating, duration_ms, kind"

    /// Runs `sql` (selecting `columns`, with `bindings` as integer parameters) and returns the rows.
    static func fetch(_ db: Database, sql: String, text: String? = nil, integers: [Int64] = []) throws -> [ReviewLogEntry] {
        let statement = try db.makeStatement(sql: sql)
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
        var entries: [ReviewLogEntry] = []
        try eachRow(handle, in: db) {
            let card = string(handle, 1)
            let time = sqlite3_column_int64(handle, 2)
            let id = sqlite3_column_type(handle, 0) == SQLITE_NULL ? LogRows.defaultID(card: card, milliseconds: time) : string(handle, 0)
            entries.append(ReviewLogEntry(
                id: id, card: card, time: time, utcOffset: Int(sqlite3_column_int64(handle, 3)), answer: answer(handle, 4),
                durationMilliseconds: Int(sqlite3_column_int64(handle, 5)),
                kind: ScheduledAnswer.Kind(rawValue: string(handle, 6)) ?? .review))
        }
        return entries
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
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
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
        let text = bytes(handle, column)
        if text.count == 1, let first = text.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "5") {
            return .quality(Int(first - UInt8(ascii: "0")))
        }
        for (word, rating) in ratingWords where word.count == text.count && word.elementsEqual(text) {
            return .button(rating)
        }
        return Answer(logText: String(decoding: text, as: UTF8.self)) ?? .button(.good)
    }

    /// The words as bytes, compared as arrays: `elementsEqual` against a `String.UTF8View`
    /// costs more than the rest of reading a row.
    private static let ratingWords: [([UInt8], Rating)] = Rating.allCases.map { (Array($0.word.utf8), $0) }

    /// Inserts rows, skipping those already present; returns which were added.
    static func insert(_ entries: [ReviewLogEntry], into db: Database) throws -> [Bool] {
        let statement = try db.makeStatement(
            sql: "INSERT OR IGNORE INTO review_log (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let handle = statement.sqliteStatement
        var added: [Bool] = []
        added.reserveCapacity(entries.count)
        for entry in entries {
            sqlite3_reset(handle)
            // The default id is not stored: it is the card and time, which the row holds anyway.
            if isDefaultID(entry.id, card: entry.card, milliseconds: entry.time) {
                sqlite3_bind_null(handle, 1)
            } else {
                bind(entry.id, to: 1, in: handle)
            }
            bind(entry.card, to: 2, in: handle)
            sqlite3_bind_int64(handle, 3, entry.time)
            sqlite3_bind_int64(handle, 4, Int64(entry.utcOffset))
            bind(entry.answer.logText, to: 5, in: handle)
            sqlite3_bind_int64(handle, 6, Int64(entry.durationMilliseconds))
            bind(entry.kind.rawValue, to: 7, in: handle)
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            added.append(sqlite3_changes(db.sqliteConnection) > 0)
        }
        sqlite3_reset(handle)
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

    /// The id of an answer that came without one: its card and time, unique in the log.
    static func defaultID(card: String, milliseconds: Int64) -> String {
        "\(card)@\(milliseconds)"
    }

    /// Every stored card state: a session starts by loading them all.
    static func states(_ db: Database, includingFlags: Bool) throws -> CardStates {
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
            guard let state = StateRecord.decode(blob) else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a card state has an unknown layout")
            }
            states.load(state, forKeyBytes: bytes(handle, 0))
        }
        states.finishLoading()
        if includingFlags {
            for card in try String.fetchAll(db, sql: "SELECT card FROM card_flags WHERE suspended") {
                var state = states[card] ?? CardState()
                state.suspended = true
                states[card] = state
            }
        }
        return states
    }

    /// Records how many states there are, as the capacity hint for the next load.
    static func recordStateCount(_ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) SELECT 'state_count', COUNT(*) FROM card_state")
    }

    /// Whether `id` is `card@milliseconds`, checked without building that string.
    static func isDefaultID(_ id: String, card: String, milliseconds: Int64) -> Bool {
        var id = id.utf8[...]
        guard id.starts(with: card.utf8) else { return false }
        id = id.dropFirst(card.utf8.count)
        guard id.first == UInt8(ascii: "@") else { return false }
        id = id.dropFirst()
        var value: Int64 = 0
        var negative = false
        if id.first == UInt8(ascii: "-") {
            negative = true
            id = id.dropFirst()
        }
        guard !id.isEmpty, id.count < 19 else { return false }
        for byte in id {
            guard byte >= 0x30, byte <= 0x39 else { return false }
            value = value * 10 + Int64(byte - 0x30)
        }
        return (negative ? -value : value) == milliseconds && (id.first != 0x30 || id.count == 1)
    }

    private static func string(_ handle: OpaquePointer?, _ column: Int32) -> String {
        String(decoding: bytes(handle, column), as: UTF8.self)
    }
}
