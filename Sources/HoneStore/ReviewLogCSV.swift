import Foundation
import HoneCore

/// The event log as CSV, the format `hone log export` writes and `hone log import` reads.
/// Import needs the columns `card` and `reviewed_at` (ISO 8601 with an offset), and `rating`
/// (a word, or SM-2's quality 0-5) for answers; `id`, `duration_ms`, `event` (`answer` when
/// absent or empty), `target` (for `undo`), `device` and `note` are optional; other columns, `kind`
/// and the state columns among them, are ignored: they are derived. One bad row rejects the
/// whole file, named by line and column.
public enum ReviewLogCSV {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String

        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Reads every row; the first problem found stops the read (nothing of the file is used).
    public static func read(_ bytes: [UInt8]) -> Result<[LogEvent], Problem> {
        var reader = CSVRows(bytes: bytes)
        guard let header = reader.next() else {
            return .failure(
                Problem(
                    line: 1, column: 1,
                    message: "the file is empty; expected a header line with card,reviewed_at,rating"))
        }
        if let problem = reader.problem { return .failure(problem) }
        let names = header.fields.map { $0.text.trimmingSpaces.lowercased() }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        let eventColumn = column("event")
        // Without an event column every row is an answer, and an answer needs its rating.
        let required = eventColumn == nil ? ["card", "reviewed_at", "rating"] : ["card", "reviewed_at"]
        for name in required where column(name) == nil {
            return .failure(
                Problem(
                    line: 1, column: 1,
                    message: "missing the column \"\(name)\" (the header has: \(names.joined(separator: ",")))"))
        }
        let cardColumn = column("card") ?? 0
        let timeColumn = column("reviewed_at") ?? 0
        let ratingColumn = column("rating")
        let idColumn = column("id")
        let durationColumn = column("duration_ms")
        let targetColumn = column("target")
        let noteColumn = column("note")
        let deviceColumn = column("device")

        var events: [LogEvent] = []
        while let row = reader.next() {
            if row.fields.count == 1, row.fields[0].withTrimmedBytes(\.isEmpty) { continue }  // a blank line
            func field(_ index: Int, _ name: String) -> Result<CSVRows.Field, Problem> {
                guard index < row.fields.count else {
                    return .failure(
                        Problem(
                            line: row.line, column: row.fields.last.map { $0.column + $0.text.count } ?? 1,
                            message: "the row has \(row.fields.count) fields; \"\(name)\" is field \(index + 1)"))
                }
                return .success(row.fields[index])
            }
            /// An optional column's trimmed text, empty when the column or the field is absent.
            func optional(_ index: Int?) -> (text: String, column: Int) {
                guard let index, index < row.fields.count else { return ("", 1) }
                return (row.fields[index].text.trimmingSpaces, row.fields[index].column)
            }
            let card: CSVRows.Field
            let time: CSVRows.Field
            switch (field(cardColumn, "card"), field(timeColumn, "reviewed_at")) {
            case (.success(let c), .success(let t)): (card, time) = (c, t)
            case (.failure(let problem), _), (_, .failure(let problem)):
                return .failure(problem)
            }
            let cardKey = card.text.trimmingSpaces
            guard !cardKey.isEmpty, cardKey.utf8.contains(UInt8(ascii: "/")),
                !cardKey.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F })
            else {
                return .failure(
                    Problem(
                        line: row.line, column: card.column,
                        message: "\"card\" must be a card key DECK/CARD, found \"\(card.text)\""))
            }
            guard let (milliseconds, offset) = time.withTrimmedBytes(Timestamp.parse) else {
                return .failure(
                    Problem(
                        line: row.line, column: time.column,
                        message:
                            "\"reviewed_at\" must be an ISO 8601 time with its offset, "
                            + "such as 2026-03-03T09:00:00+01:00; found \"\(time.text)\""
                    ))
            }
            let event = optional(eventColumn)
            let action: EventAction
            switch event.text.lowercased() {
            case "", "answer":
                guard let ratingColumn else {
                    return .failure(
                        Problem(
                            line: row.line, column: event.column,
                            message: "an answer needs a rating, and the file has no \"rating\" column"))
                }
                let rating: CSVRows.Field
                switch field(ratingColumn, "rating") {
                case .success(let found): rating = found
                case .failure(let problem): return .failure(problem)
                }
                guard let answer = Answer(logText: rating.text.trimmingSpaces.lowercased()) else {
                    return .failure(
                        Problem(
                            line: row.line, column: rating.column,
                            message:
                                "\"rating\" must be again, hard, good, easy or a quality 0-5; found \"\(rating.text)\"")
                    )
                }
                var duration = 0
                let durationText = optional(durationColumn)
                if !durationText.text.isEmpty {
                    guard let value = Int(durationText.text), value >= 0 else {
                        return .failure(
                            Problem(
                                line: row.line, column: durationText.column,
                                message:
                                    "\"duration_ms\" must be a whole number of milliseconds, "
                                    + "found \"\(durationText.text)\""
                            ))
                    }
                    duration = value
                }
                action = .answer(answer, durationMilliseconds: duration)
            case "undo":
                let target = optional(targetColumn)
                guard !target.text.isEmpty else {
                    return .failure(
                        Problem(
                            line: row.line, column: event.column,
                            message: "an undo needs the id of the event it takes back in the \"target\" column"))
                }
                action = .undo(target: target.text)
            default:
                guard let plain = EventAction(plainName: event.text.lowercased()) else {
                    return .failure(
                        Problem(
                            line: row.line, column: event.column,
                            message:
                                "\"event\" must be \(EventAction.names.joined(separator: ", ")); "
                                + "found \"\(event.text)\""
                        ))
                }
                action = plain
            }
            // An empty id is the default, `card@milliseconds`, built only if asked for.
            let id = optional(idColumn).text
            let device = optional(deviceColumn).text
            // Kept as written (a drill's notes may span lines); only an empty field is no note.
            let note = noteColumn.flatMap { $0 < row.fields.count ? row.fields[$0].text : nil }
            events.append(
                LogEvent(
                    id: id, card: cardKey, time: milliseconds, utcOffset: offset, action: action,
                    device: device.isEmpty ? nil : device, note: note?.isEmpty == false ? note : nil))
        }
        if let problem = reader.problem { return .failure(problem) }
        return .success(events)
    }

    /// One CSV field, quoted as needed.
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// RFC 4180 rows with their line numbers and each field's column. Fields are kept as byte
/// ranges of the file, and become strings only when asked: a million-row log passes here.
struct CSVRows {
    struct Field {
        fileprivate var range: Range<Int>
        /// The text of a quoted field with its doubled quotes undone; nil for plain fields.
        fileprivate var unescaped: [UInt8]?
        fileprivate let source: [UInt8]
        var column: Int

        var text: String {
            if let unescaped { return String(decoding: unescaped, as: UTF8.self) }
            return String(decoding: source[range], as: UTF8.self)
        }

        /// The field's bytes without white space at either end, handed to `body`.
        func withTrimmedBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            func trimmed(_ buffer: UnsafeBufferPointer<UInt8>) -> R {
                var start = 0
                var end = buffer.count
                while start < end, buffer[start] == 0x20 || buffer[start] == 0x09 { start += 1 }
                while end > start, buffer[end - 1] == 0x20 || buffer[end - 1] == 0x09 { end -= 1 }
                return body(UnsafeBufferPointer(rebasing: buffer[start..<end]))
            }
            if let unescaped { return unescaped.withUnsafeBufferPointer(trimmed) }
            return source.withUnsafeBufferPointer { trimmed(UnsafeBufferPointer(rebasing: $0[range])) }
        }
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
        fields.reserveCapacity(8)
        var column = 1
        while true {
            let fieldColumn = column
            if index < bytes.count, bytes[index] == 0x22 {
                let openLine = line
                index += 1
                column += 1
                var text: [UInt8] = []
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
                    problem = .init(
                        line: openLine, column: fieldColumn, message: "a quoted field is not closed: expected '\"'")
                    return nil
                }
                fields.append(Field(range: 0..<0, unescaped: text, source: bytes, column: fieldColumn))
            } else {
                let start = index
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
                    if byte & 0xC0 != 0x80 { column += 1 }
                    index += 1
                }
                fields.append(Field(range: start..<index, unescaped: nil, source: bytes, column: fieldColumn))
            }
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
                problem = .init(
                    line: line, column: column, message: "expected ',' or the end of the line after a quoted field")
                return nil
            }
            return Row(line: rowLine, fields: fields)
        }
    }
}
