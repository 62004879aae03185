import GRDB
import GRDBSQLite

/// The current row of a statement, read column by column through SQLite's C API: a large
/// collection has hundreds of thousands of review rows, and GRDB's generic row decoding cost
/// half the reading time. Values are read by what they mean rather than by SQLite's storage
/// class (another program may have written an integer as a whole REAL, or text as a BLOB);
/// anything else is `Failure.damaged` naming the column, never a trap.
struct StatementColumns {
    private let statement: SQLiteStatement

    /// Runs `sql` and calls `body` with each row's columns.
    static func forEachRow(
        _ db: Database, _ sql: String, _ body: (StatementColumns) throws -> Void
    ) throws {
        let statement = try db.makeStatement(sql: sql)
        let rows = try Row.fetchCursor(statement)
        let columns = StatementColumns(statement: statement.sqliteStatement)
        while try rows.next() != nil { try body(columns) }
    }

    func integer(_ index: Int32, _ column: String) throws(AnkiCollectionReader.Failure) -> Int64 {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            return sqlite3_column_int64(statement, index)
        case SQLITE_FLOAT:
            let real = sqlite3_column_double(statement, index)
            if real.isFinite, let integer = Int64(exactly: real.rounded(.towardZero)) { return integer }
            throw .damaged("\(column) holds \(real), not a whole number")
        case SQLITE_TEXT:
            let text = String(decoding: bytes(index), as: UTF8.self)
            if let integer = Int64(text) { return integer }
            throw .damaged("\(column) holds \"\(text.prefix(40))\", not a whole number")
        case SQLITE_NULL:
            throw .damaged("\(column) is NULL, not a whole number")
        default:
            throw .damaged("\(column) holds bytes, not a whole number")
        }
    }

    func int(_ index: Int32, _ column: String) throws(AnkiCollectionReader.Failure) -> Int {
        Int(truncatingIfNeeded: try integer(index, column))
    }

    func text(_ index: Int32, _ column: String) throws(AnkiCollectionReader.Failure) -> String {
        if sqlite3_column_type(statement, index) == SQLITE_NULL { throw .damaged("\(column) is NULL") }
        return String(decoding: bytes(index), as: UTF8.self)
    }

    /// The column's bytes (text as UTF-8, a number as its text, nothing for NULL), valid until
    /// the next row.
    func bytes(_ index: Int32) -> UnsafeBufferPointer<UInt8> {
        // The blob call first, then the length (SQLite's order for a value's bytes).
        guard let start = sqlite3_column_blob(statement, index) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        let count = Int(sqlite3_column_bytes(statement, index))
        return UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: count)
    }

    /// The column split at `separator` (an ASCII byte, so never inside a UTF-8 sequence), empty
    /// pieces kept: a note's fields, joined by U+001F.
    func pieces(_ index: Int32, _ column: String, separator: UInt8) throws(AnkiCollectionReader.Failure) -> [String] {
        if sqlite3_column_type(statement, index) == SQLITE_NULL { throw .damaged("\(column) is NULL") }
        return bytes(index).split(separator: separator, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}
