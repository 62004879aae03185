import Foundation
import HoneCore

/// The review log as CSV, the format `hone log export` writes and `hone log import` reads.
/// Import needs the columns `card`, `reviewed_at` (ISO 8601 with an offset) and `rating`
/// (a word, or SM-2's quality 0-5); `id`, `duration_ms` and `kind` are optional; other
/// columns are ignored. One bad row rejects the whole file, named by line and column.
public enum ReviewLogCSV {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String

        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Reads every row; the first problem found stops the read (nothing of the file is used).
    public static func read(_ bytes: [UInt8]) -> Result<[ReviewLogEntry], Problem> {
        var reader = CSVRows(bytes: bytes)
        guard let header = reader.next() else {
            return .failure(Problem(line: 1, column: 1, message: "the file is empty; expected a header line with card,reviewed_at,rating"))
        }
        if let problem = reader.problem { return .failure(problem) }
        let names = header.fields.map { $0.text.trimmingSpaces.lowercased() }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        for required in ["card", "reviewed_at", "rating"] where column(required) == nil {
            return .failure(Problem(line: 1, column: 1, message: "missing the column \"\(required)\" (the header has: \(names.joined(separator: ",")))"))
        }
        let cardColumn = column("card") ?? 0
        let timeColumn = column("reviewed_at") ?? 0
        let ratingColumn = column("rating") ?? 0
        let idColumn = column("id")
        let durationColumn = column("duration_ms")
        let kindColumn = column("kind")

        var entries: [ReviewLogEntry] = []
        while let row = reader.next() {
            if row.fields.count == 1, row.fields[0].text.isEmpty { continue }  // a blank line
            func field(_ index: Int, _ name: String) -> Result<CSVRows.Field, Problem> {
                guard index < row.fields.count else {
                    return .failure(Problem(line: row.line, column: row.fields.last.map { $0.column + $0.text.count } ?? 1,
                        message: "the row has \(row.fields.count) fields; \"\(name)\" is field \(index + 1)"))
                }
                return .success(row.fields[index])
            }
            let card: CSVRows.Field
            let time: CSVRows.Field
            let rating: CSVRows.Field
            switch (field(cardColumn, "card"), field(timeColumn, "reviewed_at"), field(ratingColumn, "rating")) {
            case (.success(let c), .success(let t), .success(let r)): (card, time, rating) = (c, t, r)
            case (.failure(let problem), _, _), (_, .failure(let problem), _), (_, _, .failure(let problem)):
                return .failure(problem)
            }
            let cardKey = card.text.trimmingSpaces
            guard !cardKey.isEmpty, cardKey.contains("/") else {
                return .failure(Problem(line: row.line, column: card.column, message: "\"card\" must be a card key DECK/CARD, found \"\(card.text)\""))
            }
            guard let (milliseconds, offset) = Timestamp.parse(time.text.trimmingSpaces) else {
                return .failure(Problem(line: row.line, column: time.column,
                    message: "\"reviewed_at\" must be an ISO 8601 time with its offset, such as 2026-03-03T09:00:00+01:00; found \"\(time.text)\""))
            }
            guard let answer = Answer(logText: rating.text.trimmingSpaces.lowercased()) else {
                return .failure(Problem(line: row.line, column: rating.column,
                    message: "\"rating\" must be again, hard, good, easy or a quality 0-5; found \"\(rating.text)\""))
            }
            var duration = 0
            if let durationColumn, durationColumn < row.fields.count {
                let text = row.fields[durationColumn].text.trimmingSpaces
                if !text.isEmpty {
                    guard let value = Int(text), value >= 0 else {
                        return .failure(Problem(line: row.line, column: row.fields[durationColumn].column,
                            message: "\"duration_ms\" must be a whole number of milliseconds, found \"\(text)\""))
                    }
                    duration = value
                }
            }
            var kind = ScheduledAnswer.Kind.review
            if let kindColumn, kindColumn < row.fields.count {
                let text = row.fields[kindColumn].text.trimmingSpaces
                if !text.isEmpty {
                    guard let value = ScheduledAnswer.Kind(rawValue: text) else {
                        return .failure(Problem(line: row.line, column: row.fields[kindColumn].column,
                            message: "\"kind\" must be learn, review, relearn or drill, found \"\(text)\""))
                    }
                    kind = value
                }
            }
            var id = ""
            if let idColumn, idColumn < row.fields.count { id = row.fields[idColumn].text.trimmingSpaces }
            if id.isEmpty { id = fallbackID(card: cardKey, milliseconds: milliseconds) }
            entries.append(ReviewLogEntry(
                id: id, card: cardKey, time: milliseconds, utcOffset: offset, answer: answer,
                durationMilliseconds: duration, kind: kind))
        }
        if let problem = reader.problem { return .failure(problem) }
        return .success(entries)
    }

    /// An id for a row that has none: the same card and time always get the same one, so
    /// importing such a file twice adds nothing the second time.
    static func fallbackID(card: String, milliseconds: Int64) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in card.utf8 + Array(String(milliseconds).utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "import-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// One CSV field, quoted as needed.
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// RFC 4180 rows with their line numbers and each field's column.
struct CSVRows {
    struct Field {
        var text: String
        var column: Int
    }

    struct Row {
        var line: Int
        var fields: [Field]
    }

    let bytes: [UInt8]
    var index = 0
    var line = 1
    var problem: ReviewLogCSV.Problem?

    init(bytes: [UInt8]) {
        self.bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }

    mutating func next() -> Row? {
        guard problem == nil, index < bytes.count else { return nil }
        let rowLine = line
        var fields: [Field] = []
        var column = 1
        while true {
            var text: [UInt8] = []
            let fieldColumn = column
            if index < bytes.count, bytes[index] == 0x22 {
                let openLine = line
                index += 1
                column += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if byte == 0x22 {
                        if index < bytes.count, bytes[index] == 0x22 {
                            text.append(0x22)
                            index += 1
                            column += 2
                            continue
                        }
                        closed = true
                        column += 1
                        break
                    }
                    if byte == 0x0A {
                        line += 1
                        column = 1
                    } else if byte & 0xC0 != 0x80 {
                        column += 1
                    }
                    text.append(byte)
                }
                if !closed {
                    problem = .init(line: openLine, column: fieldColumn, message: "a quoted field is not closed: expected '\"'")
                    return nil
                }
            } else {
                while index < bytes.count, bytes[index] != 0x2C, bytes[index] != 0x0A, bytes[index] != 0x0D {
                    if bytes[index] & 0xC0 != 0x80 { column += 1 }
                    text.append(bytes[index])
                    index += 1
                }
            }
            fields.append(Field(text: String(decoding: text, as: UTF8.self), column: fieldColumn))
            if index < bytes.count, bytes[index] == 0x2C {
                index += 1
                column += 1
                continue
            }
            if index < bytes.count, bytes[index] == 0x0D { index += 1 }
            if index < bytes.count, bytes[index] == 0x0A {
                index += 1
                line += 1
            } else if index < bytes.count {
                problem = .init(line: line, column: column, message: "expected ',' or the end of the line after a quoted field")
                return nil
            }
            return Row(line: rowLine, fields: fields)
        }
    }
}
