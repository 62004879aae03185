import Foundation
import HoneCore

/// Reads the times given with `--now` and `$HONE_NOW`, strictly: a time that is not on the
/// calendar, or outside the years 1970 to 9999, would be written into the log with every answer
/// given under it (an answer dated 99999 hides its card until then).
public enum Clock {
    /// What is accepted, for the messages that refuse a time.
    public static let accepted =
        "an ISO 8601 time such as 2026-03-03T09:00:00+01:00 (Z or an offset within ±18:00), a local time "
        + "such as 2026-03-03T09:00, or a date such as 2026-03-03 (that learning day); years 1970 to 9999"

    /// An ISO 8601 time with an offset (`2026-03-03T09:00:00+01:00`, `...Z`, fractional seconds
    /// allowed), or a local time without one (`2026-03-03T09:00:00`, `2026-03-03T09:00`), or a
    /// date (local midnight); a space may stand for the `T`. Nothing may follow.
    public static func read(_ text: String, timeZone: TimeZone = .current) -> Result<Date, Timestamp.Problem> {
        var text = text
        return text.withUTF8 { bytes in
            let parts: Timestamp.Parts
            switch Timestamp.parts(bytes) {
            case .success(let read): parts = read
            case .failure(let problem): return .failure(problem)
            }
            let local = parts.localMilliseconds
            var milliseconds: Int64
            if let offset = parts.offset {
                milliseconds = local - Int64(offset) * 1000
            } else {
                // The zone's offset at the wall time read as UTC, then at the instant that gives:
                // right on either side of a change of offset.
                func offset(at milliseconds: Int64) -> Int64 {
                    Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000)))
                }
                milliseconds = local - offset(at: local) * 1000
                milliseconds = local - offset(at: milliseconds) * 1000
            }
            if let problem = Timestamp.rangeProblem(milliseconds) { return .failure(problem) }
            return .success(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
    }

    /// Why `text`, given as `source` (`--now`, `$HONE_NOW`), is refused, with what is accepted;
    /// nil when it is a time hone takes.
    public static func refusal(of text: String, givenAs source: String) -> String? {
        guard case .failure(let problem) = read(text) else { return nil }
        return "\(source): expected \(accepted); got \(PrintableText.quoted(text)): \(problem)"
    }

    /// The time `text` names, or nil when `read` refuses it.
    public static func parse(_ text: String) -> Date? {
        try? read(text).get()
    }

    /// Whether `text` is a date alone (`2026-03-21`): it names a learning day, which starts at
    /// the rollover hour, not at midnight (`Workspace` moves it there).
    public static func isDateOnly(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) }
    }
}
