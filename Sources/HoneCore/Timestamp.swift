/// ISO 8601 times with a UTC offset, as the review log writes them
/// (`2026-03-03T09:00:00.250+01:00`): read and written by hand, because a log of a million
/// answers passes through here and a general date formatter is slow.
public enum Timestamp {
    /// Milliseconds since 1970 and the offset in seconds; nil when `text` is not such a time.
    /// Accepts `Z` or `±HH:MM` (or `±HHMM`), optional fractional seconds, `T` or a space.
    public static func parse(_ text: some StringProtocol) -> (milliseconds: Int64, offset: Int)? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        return bytes.withUnsafeBufferPointer(parse)
    }

    /// The same, from UTF-8 bytes (no copy: the review log import reads a million of these).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (milliseconds: Int64, offset: Int)? {
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
        guard bytes.count >= 20, let year = number(0, 4), bytes[4] == 0x2D, let month = number(5, 2), bytes[7] == 0x2D,
            let day = number(8, 2), bytes[10] == 0x54 || bytes[10] == 0x74 || bytes[10] == 0x20,
            let hour = number(11, 2), bytes[13] == 0x3A, let minute = number(14, 2), bytes[16] == 0x3A,
            let second = number(17, 2), (1...12).contains(month), (1...daysIn(month, year)).contains(day), hour < 24,
            minute < 60, second < 61
        else { return nil }
        var index = 19
        var milliseconds = 0
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if digits < 3 { milliseconds = milliseconds * 10 + Int(bytes[index] - 0x30) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { milliseconds *= 10 }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case 0x5A, 0x7A:  // Z
            guard index + 1 == bytes.count else { return nil }
        case 0x2B, 0x2D:  // + -
            let sign = bytes[index] == 0x2D ? -1 : 1
            guard let hours = number(index + 1, 2), hours < 24 else { return nil }
            var rest = index + 3
            if rest < bytes.count, bytes[rest] == 0x3A { rest += 1 }
            guard let minutes = number(rest, 2), minutes < 60, rest + 2 == bytes.count else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        let days = DayClock.daysFromCivil(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        return ((local - Int64(offset)) * 1000 + Int64(milliseconds), offset)
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
            pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, 3) }
        if offset == 0 { return text + "Z" }
        let magnitude = abs(offset)
        return text + (offset < 0 ? "-" : "+") + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
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
