import Foundation
import GRDB

/// Values read by what they mean rather than by SQLite's storage class: a collection written by
/// another program may hold an integer as a whole REAL, or text as a BLOB. Anything else is a
/// `Failure.damaged` naming the column, never a trap.
extension Row {
    func integer(_ index: Int, _ column: String) throws(AnkiCollectionReader.Failure) -> Int64 {
        let value: DatabaseValue = self[index]
        switch value.storage {
        case .int64(let integer):
            return integer
        case .double(let real):
            if real.isFinite, let integer = Int64(exactly: real.rounded(.towardZero)) { return integer }
        case .string(let text):
            if let integer = Int64(text.trimmingCharacters(in: .whitespaces)) { return integer }
        case .null, .blob:
            break
        }
        throw .damaged("\(column) holds \(value), not a whole number")
    }

    func int(_ index: Int, _ column: String) throws(AnkiCollectionReader.Failure) -> Int {
        Int(truncatingIfNeeded: try integer(index, column))
    }

    func text(_ index: Int, _ column: String) throws(AnkiCollectionReader.Failure) -> String {
        let value: DatabaseValue = self[index]
        switch value.storage {
        case .string(let text): return text
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .int64(let integer): return String(integer)
        case .double(let real): return String(real)
        case .null: throw .damaged("\(column) is NULL")
        }
    }

    func bytes(_ index: Int) -> [UInt8] {
        let value: DatabaseValue = self[index]
        switch value.storage {
        case .blob(let bytes): return [UInt8](bytes)
        case .string(let text): return [UInt8](text.utf8)
        case .null, .int64, .double: return []
        }
    }
}
