import Foundation
import HoneCore

/// Reads the times given with `--now` and `$HONE_NOW`.
public enum Clock {
    /// An ISO 8601 time with an offset (`2026-03-03T09:00:00+01:00`, `...Z`, fractional seconds
    /// allowed), or a local time without one (`2026-03-03T09:00:00`), or a date (local midnight).
    public static func parse(_ text: String) -> Date? {
        // A space may stand for the `T` (`2026-03-21 10:00:00`), as the README allows.
        var text = text
        if text.count > 10, isDateOnly(String(text.prefix(10))), text.dropFirst(10).first == " " {
            text = text.prefix(10) + "T" + text.dropFirst(11)
        }
        // The common form first, by the log's own parser: a formatter costs milliseconds to
        // make, a noticeable share of a command's start.
        if let (milliseconds, _) = Timestamp.parse(text) {
            return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        }
        let withOffset = ISO8601DateFormatter()
        if let date = withOffset.date(from: text) { return date }
        withOffset.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withOffset.date(from: text) { return date }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = TimeZone.current
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            local.dateFormat = format
            if let date = local.date(from: text) { return date }
        }
        return nil
    }

    /// Whether `text` is a date alone (`2026-03-21`): it names a learning day, which starts at
    /// the rollover hour, not at midnight (`Workspace` moves it there).
    public static func isDateOnly(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) }
    }
}
