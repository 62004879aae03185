import Foundation
import HoneCore

/// Reads the times given with `--now` and `$HONE_NOW`.
public enum Clock {
    /// An ISO 8601 time with an offset (`2026-03-03T09:00:00+01:00`, `...Z`, fractional seconds
    /// allowed), or a local time without one (`2026-03-03T09:00:00`), or a date (local midnight).
    public static func parse(_ text: String) -> Date? {
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
}
