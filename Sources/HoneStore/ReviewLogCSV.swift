import Foundation
import HoneCore

/// The event log as CSV, the format `hone log export` writes and `hone log import` reads.
/// Import needs the columns `card` and `reviewed_at` (ISO 8601 with an offset), and `rating`
/// (a word, or SM-2's quality 0-5) for answers; `id`, `duration_ms`, `event` (`answer` when
/// absent or empty), `target` (for `undo`), `device` and `note` are optional. The state columns are
/// read for a `set-state` row, whose state they carry (`SetStateColumns`); otherwise they, and
/// `kind`, are ignored: they are derived. One bad row rejects the whole file, named by line and
/// column.
///
/// What goes into the log is what the rest of hone prints, so it is read strictly (see
/// `CSVRecords` for the syntax): every field printable (`PrintableText`), ids, keys and devices on
/// one line, a card key `DECK/CARD` with no empty part, times from 1970 to 9999, durations no
/// longer than the store keeps, and one content for each id.
public enum ReviewLogCSV {
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String

        public var description: String { "\(line):\(column): \(message)" }
    }

    /// The longest answer taken, in milliseconds: what replay and the stats keep (a duration is
    /// held in 32 bits there, `CompactEvent`), 24.8 days. A longer one is refused, not cut short.
    public static let longestDuration = Int(Int32.max)

    /// Reads every row of a file held whole (tests, small files).
    public static func read(_ bytes: [UInt8]) -> Result<[LogEvent], Problem> {
        var given = false
        return read(chunks: {
            defer { given = true }
            return given ? [] : bytes
        })
    }

    /// Reads every row, the file given a chunk at a time by `chunks` (an empty array at its end);
    /// the first problem found stops the read, and nothing of the file is used.
    public static func read(chunks: @escaping () -> [UInt8]) -> Result<[LogEvent], Problem> {
        do {
            var reader = try RowReader(CSVRecords(chunks: chunks))
            return .success(try reader.events())
        } catch {
            return .failure(error)
        }
    }

    /// One CSV field, quoted as needed. The text must be printable (`PrintableText`, tab and line
    /// feed allowed): the export checks before it writes.
    public static func escape(_ text: String) -> String {
        // By bytes: the four are ASCII, and a million-row export or segment passes through here
        // (by characters, it was a third of writing a segment).
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Why `key` is not a card key `DECK/CARD` (a deck id, which may itself hold `/` for a deck
    /// in a subfolder, then the card's id), or nil when it is one.
    public static func cardKeyProblem(_ key: some StringProtocol) -> String? {
        // By bytes, with no array of parts: a million-row import checks a million keys.
        var previous = UInt8(ascii: "/")  // as if one came before: a key cannot start with '/'
        var slashes = 0
        for byte in key.utf8 {
            if byte == UInt8(ascii: "/") {
                guard previous != byte else { return cardKeyMessage(key) }
                slashes += 1
            }
            previous = byte
        }
        guard slashes > 0, previous != UInt8(ascii: "/") else { return cardKeyMessage(key) }
        return nil
    }

    private static func cardKeyMessage(_ key: some StringProtocol) -> String {
        "\"card\" must be a card key DECK/CARD with neither part empty; found \(PrintableText.quoted(key))"
    }
}

/// The rows of a review log CSV after its header, as events.
private struct RowReader {
    var records: CSVRecords
    let names: [String]
    let columns: Columns
    let setState: SetStateColumns

    struct Columns {
        var card = 0, time = 0
        var rating, id, duration, event, target, note, device: Int?
    }

    typealias Problem = ReviewLogCSV.Problem

    /// Reads the header.
    init(_ records: CSVRecords) throws(Problem) {
        self.records = records
        guard try self.records.next() else {
            throw Problem(
                line: 1, column: 1, message: "the file is empty; expected a header line with card,reviewed_at,rating")
        }
        var names: [String] = []
        for field in self.records.fields {
            if let layout = field.layout {
                throw Problem(line: layout.line, column: layout.column, message: "a tab or line break in a column name")
            }
            let name = String(decoding: self.records.bytes[field.range], as: UTF8.self).trimmingSpaces.lowercased()
            if !name.isEmpty, let earlier = names.firstIndex(of: name) {
                throw Problem(
                    line: field.line, column: field.column,
                    message: "the column \"\(name)\" appears twice (fields \(earlier + 1) and \(names.count + 1))")
            }
            names.append(name)
        }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        let eventColumn = column("event")
        // Without an event column every row is an answer, and an answer needs its rating.
        let required = eventColumn == nil ? ["card", "reviewed_at", "rating"] : ["card", "reviewed_at"]
        for name in required where column(name) == nil {
            throw Problem(
                line: 1, column: 1,
                message: "missing the column \"\(name)\" (the header has: \(names.joined(separator: ",")))")
        }
        columns = Columns(
            card: column("card") ?? 0, time: column("reviewed_at") ?? 0, rating: column("rating"), id: column("id"),
            duration: column("duration_ms"), event: eventColumn, target: column("target"), note: column("note"),
            device: column("device"))
        setState = SetStateColumns(names: names)
        self.names = names
        self.records.names = names
        self.records.fieldLimit = (names.count, "the row has more fields than the header's \(names.count)")
    }

    mutating func events() throws(Problem) -> [LogEvent] {
        var events: [LogEvent] = []
        var lines: [Int32] = []
        var ids = SeenKeys()
        var answers = SeenKeys()
        while try records.next() {
            if records.fields.count == 1, records.fields[0].range.isEmpty { continue }  // a blank line
            guard records.fields.count == names.count else {
                throw Problem(
                    line: records.end.line, column: records.end.column,
                    message: "the row has \(records.fields.count) fields; the header has \(names.count)")
            }
            let event = try event()
            let index = Int32(truncatingIfNeeded: events.count)
            if !event.storedID.isEmpty,
                let earlier = ids.insert(
                    SeenKeys.hash(id: event.storedID), index: index,
                    isSame: { events[Int($0)].storedID == event.storedID }),
                events[Int(earlier)] != event
            {
                throw clash("the id \(PrintableText.quoted(event.id)) appears twice", line: lines[Int(earlier)])
            }
            // Two answers at one instant clash when one has no id of its own (which of them is
            // the log's cannot be told); with ids, they are two devices' answers (`LogRows.insert`).
            if case .answer = event.action,
                let earlier = answers.insert(
                    SeenKeys.hash(card: event.card, time: event.time), index: index,
                    isSame: { events[Int($0)].time == event.time && events[Int($0)].card == event.card }),
                events[Int(earlier)] != event,
                events[Int(earlier)].storedID.isEmpty || event.storedID.isEmpty
                    || events[Int(earlier)].storedID == event.storedID
            {
                throw clash(
                    events[Int(earlier)].storedID == event.storedID
                        ? "the id \(PrintableText.quoted(event.id)) appears twice"
                        : "the card \(PrintableText.quoted(event.card)) has two answers at "
                            + Timestamp.format(milliseconds: event.time, offset: event.utcOffset)
                            + " (an answer without an id is one per card and instant)", line: lines[Int(earlier)])
            }
            events.append(event)
            lines.append(Int32(clamping: records.line))
        }
        return events
    }

    private func clash(_ what: String, line earlier: Int32) -> Problem {
        Problem(
            line: records.line, column: 1,
            message: "\(what) in the file with different content, lines \(earlier) and \(records.line)")
    }

    /// The current row as an event.
    private func event() throws(Problem) -> LogEvent {
        let cardField = records.fields[columns.card]
        let card = try oneLine(columns.card, "card")
        if let problem = ReviewLogCSV.cardKeyProblem(card) {
            throw Problem(line: cardField.line, column: cardField.column, message: problem)
        }
        let timeField = records.fields[columns.time]
        let time = records.bytes.withUnsafeBufferPointer {
            Timestamp.read(UnsafeBufferPointer(rebasing: $0[trimmed(timeField)]))
        }
        guard case .success(let (milliseconds, offset)) = time else {
            let reason = if case .failure(let problem) = time { " (\(problem))" } else { "" }
            throw Problem(
                line: timeField.line, column: timeField.column,
                message: "\"reviewed_at\" must be an ISO 8601 time with its offset, such as 2026-03-03T09:00:00+01:00, "
                    + "from 1970 to 9999; found \(PrintableText.quoted(text(timeField)))\(reason)")
        }
        let event = optional(columns.event)
        let action: EventAction
        switch event.text.lowercased() {
        case "", "answer":
            action = try answer(event)
        case "undo":
            let target = try oneLine(columns.target, "target")
            guard !target.isEmpty else {
                throw Problem(
                    line: records.line, column: event.column,
                    message: "an undo needs the id of the event it takes back in the \"target\" column")
            }
            action = .undo(target: target)
        case LogRows.setStateName:
            action = .setState(try setState.read(line: records.line, event: event.column) { optional($0) })
        default:
            guard let plain = EventAction(plainName: event.text.lowercased()) else {
                throw Problem(
                    line: records.line, column: event.column,
                    message: "\"event\" must be \(EventAction.names.joined(separator: ", ")); "
                        + "found \(PrintableText.quoted(event.text))")
            }
            action = plain
        }
        // An empty id is the default, `card@milliseconds`, built only if asked for.
        let id = try oneLine(columns.id, "id")
        let device = try oneLine(columns.device, "device")
        // Kept as written (a drill's notes may span lines); only an empty field is no note.
        let note = columns.note.map { text(records.fields[$0]) } ?? ""
        return LogEvent(
            id: id, card: card, time: milliseconds, utcOffset: offset, action: action,
            device: device.isEmpty ? nil : device, note: note.isEmpty ? nil : note)
    }

    /// An answer's rating and duration.
    private func answer(_ event: (text: String, column: Int)) throws(Problem) -> EventAction {
        guard let ratingColumn = columns.rating else {
            throw Problem(
                line: records.line, column: event.column,
                message: "an answer needs a rating, and the file has no \"rating\" column")
        }
        let rating = optional(ratingColumn)
        guard let answer = Answer(logText: rating.text.lowercased()) else {
            throw Problem(
                line: records.line, column: rating.column,
                message: "\"rating\" must be again, hard, good, easy or a quality 0-5; "
                    + "found \(PrintableText.quoted(rating.text))")
        }
        let duration = optional(columns.duration)
        guard !duration.text.isEmpty else { return .answer(answer, durationMilliseconds: 0) }
        guard duration.text.utf8.count <= 10, duration.text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int(duration.text), value <= ReviewLogCSV.longestDuration
        else {
            throw Problem(
                line: records.line, column: duration.column,
                message: "\"duration_ms\" must be a whole number of milliseconds from 0 to "
                    + "\(ReviewLogCSV.longestDuration) (24.8 days, the most hone keeps); "
                    + "found \(PrintableText.quoted(duration.text))")
        }
        return .answer(answer, durationMilliseconds: value)
    }

    /// An optional column's text without the spaces around it, empty when the file has no such
    /// column; with the field's column.
    private func optional(_ index: Int?) -> (text: String, column: Int) {
        guard let index else { return ("", 1) }
        let field = records.fields[index]
        return (String(decoding: records.bytes[trimmed(field)], as: UTF8.self), field.column)
    }

    /// An id, key or device: without the spaces around it, and on one line with no tab.
    private func oneLine(_ index: Int?, _ name: String) throws(Problem) -> String {
        guard let index else { return "" }
        if let layout = records.fields[index].layout {
            throw Problem(
                line: layout.line, column: layout.column,
                message: "a tab or line break in \"\(name)\", which must be one line of text")
        }
        return optional(index).text
    }

    private func text(_ field: CSVRecords.Field) -> String {
        String(decoding: records.bytes[field.range], as: UTF8.self)
    }

    /// The field's bytes without the spaces at either end.
    private func trimmed(_ field: CSVRecords.Field) -> Range<Int> {
        var start = field.range.lowerBound
        var end = field.range.upperBound
        while start < end, records.bytes[start] == 0x20 { start += 1 }
        while end > start, records.bytes[end - 1] == 0x20 { end -= 1 }
        return start..<end
    }
}
