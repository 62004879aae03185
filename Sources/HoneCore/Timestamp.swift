/// ISO 8601 times with a UTC offset, as the review log writes them
/// (`2026-03-03T09:00:00.250+01:00`): read and written by hand, because a log of a million
/// answers passes through here and a general date formatter is slow (and lenient: it takes
/// 2026-02-30 as March 2nd).
///
/// Only what can be written back the same way is read: years 1970 to 9999 (four digits), a
/// real day of the calendar, offsets within ±18:00, nothing after the time.
public enum Timestamp {
    /// Why a text is not a time hone takes; `description` says it for a person.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public enum Reason: Equatable, Sendable {
            /// Not of the form `YYYY-MM-DD` with an optional time.
            case shape
            /// A time, then something more.
            case trailingText
            /// A month or day that is not on the calendar, or an hour, minute or second past its end.
            case notOnCalendar
            /// No `Z` or `±HH:MM` where one is needed.
            case noOffset
            /// An offset beyond ±18:00.
            case offsetOutOfRange
            /// Before 1970-01-01T00:00:00Z, or a year after 9999.
            case outOfRange
        }

        public var reason: Reason
        public var description: String

        init(_ reason: Reason, _ description: String) {
            self.reason = reason
            self.description = description
        }
    }

    /// The parts of `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]][Z|±HH:MM|±HHMM]]`, checked against the
    /// calendar but not yet against the range hone takes.
    public struct Parts: Equatable, Sendable {
        public var year = 0, month = 0, day = 0
        /// Whether a time of day was given (else the parts are a date alone).
        public var hasTime = false
        /// Whether the time had seconds (`09:00:00`, not `09:00`).
        public var hasSeconds = false
        public var hour = 0, minute = 0, second = 0, milliseconds = 0
        /// Seconds east of UTC; nil when the text has none (a local time).
        public var offset: Int?

        /// Milliseconds since 1970 of the wall time, read as UTC.
        public var localMilliseconds: Int64 {
            let days = DayClock.daysFromCivil(year: year, month: month, day: day)
            // A leap second (:60) is read as the last millisecond-exact second before it.
            let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
            return seconds * 1000 + Int64(milliseconds)
        }
    }

    /// The earliest and latest instants taken: 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z.
    public static let earliest: Int64 = 0
    public static let latest: Int64 =
        (Int64(DayClock.daysFromCivil(year: 10_000, month: 1, day: 1)) * 86_400) * 1000 - 1
    /// The largest offset taken, in seconds: ±18:00, as ISO 8601 practice and every time zone
    /// that has existed allow.
    public static let largestOffset = 18 * 3600

    /// Milliseconds since 1970 and the offset in seconds; nil when `text` is not such a time.
    /// Accepts `Z` or `±HH:MM` (or `±HHMM`), optional fractional seconds, `T` or a space, and
    /// white space after the time.
    public static func parse(_ text: some StringProtocol) -> (milliseconds: Int64, offset: Int)? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        return bytes.withUnsafeBufferPointer { try? read($0).get() }
    }

    /// The same, from UTF-8 bytes (no copy: the review log import reads a million of these).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (milliseconds: Int64, offset: Int)? {
        try? read(bytes).get()
    }

    /// A time as the log has it (seconds and an offset required), in the range hone takes, or why not.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<(milliseconds: Int64, offset: Int), Problem>
    {
        let parts: Parts
        switch self.parts(bytes) {
        case .success(let read): parts = read
        case .failure(let problem): return .failure(problem)
        }
        guard parts.hasTime, parts.hasSeconds else {
            return .failure(Problem(.shape, "a time needs its seconds and offset, as in 2026-03-03T09:00:00+01:00"))
        }
        guard let offset = parts.offset else {
            return .failure(Problem(.noOffset, "the time has no UTC offset (Z or ±HH:MM)"))
        }
        let milliseconds = parts.localMilliseconds - Int64(offset) * 1000
        if let problem = rangeProblem(milliseconds) { return .failure(problem) }
        return .success((milliseconds, offset))
    }

    /// Why an instant is outside 1970 to 9999, or nil when it is inside.
    public static func rangeProblem(_ milliseconds: Int64) -> Problem? {
        guard milliseconds < earliest || milliseconds > latest else { return nil }
        return Problem(.outOfRange, "the time is outside 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z")
    }

    /// The parts of a date or time, strictly: nothing after it, a real day of the calendar, a
    /// year from 1970 to 9999, an offset within ±18:00.
    public static func parts(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Parts, Problem> {
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for index in start..<(start + count) {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func byte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
        func trailing(_ index: Int) -> Problem {
            let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[index...]), as: UTF8.self)
            return Problem(.trailingText, "unexpected text after the time: \(PrintableText.quoted(rest))")
        }
        let shape = Problem(.shape, "not an ISO 8601 date or time")
        var parts = Parts()
        guard let year = number(0, 4), byte(4) == 0x2D, let month = number(5, 2), byte(7) == 0x2D,
            let day = number(8, 2)
        else { return .failure(shape) }
        (parts.year, parts.month, parts.day) = (year, month, day)
        guard (1...12).contains(month), (1...daysIn(month, year)).contains(day) else {
            return .failure(Problem(.notOnCalendar, "\(isoDate(year, month, day)) is not a day of the calendar"))
        }
        guard (1970...9999).contains(year) else {
            return .failure(Problem(.outOfRange, "the year \(pad(year, 4)) is outside 1970 to 9999"))
        }
        var index = 10
        guard let separator = byte(index) else { return .success(parts) }
        guard separator == 0x54 || separator == 0x74 || separator == 0x20 else { return .failure(trailing(index)) }
        guard let hour = number(11, 2), byte(13) == 0x3A, let minute = number(14, 2) else { return .failure(shape) }
        parts.hasTime = true
        (parts.hour, parts.minute) = (hour, minute)
        index = 16
        if byte(index) == 0x3A {
            guard let second = number(17, 2) else { return .failure(shape) }
            parts.hasSeconds = true
            parts.second = second
            index = 19
            if byte(index) == 0x2E {
                index += 1
                var digits = 0
                while let digit = byte(index), digit >= 0x30, digit <= 0x39 {
                    if digits < 3 { parts.milliseconds = parts.milliseconds * 10 + Int(digit - 0x30) }
                    digits += 1
                    index += 1
                }
                guard (1...9).contains(digits) else { return .failure(shape) }
                for _ in digits..<max(digits, 3) { parts.milliseconds *= 10 }
            }
        }
        guard hour < 24, minute < 60, parts.second < 61 else {
            return .failure(
                Problem(
                    .notOnCalendar, "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(parts.second, 2)) is not a time of day"))
        }
        switch byte(index) {
        case nil:
            return .success(parts)
        case 0x5A, 0x7A:  // Z
            parts.offset = 0
            index += 1
        case 0x2B, 0x2D:  // + -
            let signIndex = index
            let sign = bytes[index] == 0x2D ? -1 : 1
            guard let hours = number(index + 1, 2) else { return .failure(shape) }
            var rest = index + 3
            if byte(rest) == 0x3A { rest += 1 }
            guard let minutes = number(rest, 2) else { return .failure(shape) }
            index = rest + 2
            let offset = hours * 3600 + minutes * 60
            guard minutes < 60, offset <= largestOffset else {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[signIndex..<index]), as: UTF8.self)
                return .failure(Problem(.offsetOutOfRange, "the offset \(text) is beyond ±18:00"))
            }
            parts.offset = sign * offset
        default:
            return .failure(trailing(index))
        }
        guard index == bytes.count else { return .failure(trailing(index)) }
        return .success(parts)
    }

    /// `2026-03-03T09:00:00.250+01:00`; the fraction is left out when it is zero.
    public static func format(milliseconds: Int64, offset: Int) -> String {
        let localMilliseconds = milliseconds + Int64(offset) * 1000
        let seconds = localMilliseconds >= 0 ? localMilliseconds / 1000 : (localMilliseconds - 999) / 1000
        let fraction = Int(localMilliseconds - seconds * 1000)
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (year, month, day) = DayClock.civilFromDays(days)
        var text =
            isoDate(year, month, day) + "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":"
            + pad(secondOfDay % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, 3) }
        if offset == 0 { return text + "Z" }
        let magnitude = abs(offset)
        return text + (offset < 0 ? "-" : "+") + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
    }

    private static func isoDate(_ year: Int, _ month: Int, _ day: Int) -> String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
