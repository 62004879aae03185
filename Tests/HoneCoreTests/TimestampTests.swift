import Testing

@testable import HoneCore

/// The review log's times: only what can be written back the same way is read.
@Suite("timestamps")
struct TimestampTests {
    @Test(
        "times the log takes",
        arguments: [
            ("2026-03-03T09:00:00Z", Int64(1_772_528_400_000), 0),
            ("2026-03-03 10:00:00.250+01:00", 1_772_528_400_250, 3600),
            ("2024-02-29T00:00:00-0500", 1_709_182_800_000, -18000),
            ("1970-01-01T00:00:00Z", 0, 0),
            ("9999-12-31T23:59:59.999Z", 253_402_300_799_999, 0),
            ("2026-03-03T09:00:00+18:00", 1_772_463_600_000, 64800),
            ("2026-03-03T09:00:00-18:00", 1_772_593_200_000, -64800),
        ])
    func takes(_ text: String, _ milliseconds: Int64, _ offset: Int) {
        let parsed = Timestamp.parse(text)
        #expect(parsed?.milliseconds == milliseconds && parsed?.offset == offset, "\(text)")
    }

    @Test(
        "times the log refuses, and why",
        arguments: [
            ("2026-02-30T09:00:00Z", Timestamp.Problem.Reason.notOnCalendar),
            ("2025-02-29T09:00:00Z", .notOnCalendar),
            ("2026-13-01T09:00:00Z", .notOnCalendar),
            ("2026-03-03T24:00:00Z", .notOnCalendar),
            ("2026-03-03T09:60:00Z", .notOnCalendar),
            ("2026-03-03T09:00:00+25:00", .offsetOutOfRange),
            ("2026-03-03T09:00:00+18:01", .offsetOutOfRange),
            ("2026-03-03T09:00:00-18:30", .offsetOutOfRange),
            ("2026-03-03T09:00:00+01:60", .offsetOutOfRange),
            ("2026-03-03T09:00:00Zjunk", .trailingText),
            ("2026-03-03T09:00:00+01:00 and more", .trailingText),
            ("2026-03-03T09:00:00Z\u{1B}", .trailingText),
            ("0000-01-01T00:00:00Z", .outOfRange),
            ("1969-12-31T23:59:59Z", .outOfRange),
            ("1970-01-01T00:30:00+01:00", .outOfRange),
            ("9999-12-31T23:59:59-18:00", .outOfRange),
            ("99999-01-01T00:00:00Z", .shape),
            ("2026-03-03T09:00:00", .noOffset),
            ("2026-03-03T09:00Z", .shape),
            ("2026-03-03", .shape),
            ("2026-03-03T09:00:00.Z", .shape),
            ("yesterday", .shape),
        ])
    func refuses(_ text: String, _ reason: Timestamp.Problem.Reason) {
        var bytes = Array(text.utf8)
        let read = bytes.withUnsafeMutableBufferPointer { Timestamp.read(UnsafeBufferPointer($0)) }
        guard case .failure(let problem) = read else {
            Issue.record("took \(text)")
            return
        }
        #expect(problem.reason == reason, "\(text): \(problem)")
    }

    @Test func refusalsSayWhatIsWrong() {
        func problem(_ text: String) -> String {
            var bytes = Array(text.utf8)
            let read = bytes.withUnsafeMutableBufferPointer { Timestamp.read(UnsafeBufferPointer($0)) }
            if case .failure(let problem) = read { return problem.description }
            return "taken"
        }
        #expect(problem("2026-02-30T09:00:00Z") == "2026-02-30 is not a day of the calendar")
        #expect(problem("2026-03-03T09:00:00+25:00") == "the offset +25:00 is beyond ±18:00")
        #expect(problem("2026-03-03T09:00:00Z!\u{9B}") == #"unexpected text after the time: "!\u{9B}""#)
        #expect(problem("0000-03-03T09:00:00Z") == "the year 0000 is outside 1970 to 9999")
    }

    @Test func everyTimeTakenIsWrittenBackTheSame() {
        for text in [
            "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2026-03-03T10:00:00.250+01:00",
            "1999-12-31T19:00:00-05:00", "2026-03-03T09:00:00+18:00", "9999-12-31T23:59:59+18:00",
        ] {
            guard let (milliseconds, offset) = Timestamp.parse(text) else {
                Issue.record("refused \(text)")
                continue
            }
            #expect(Timestamp.format(milliseconds: milliseconds, offset: offset) == text)
        }
    }
}
