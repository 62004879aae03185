import Foundation
import HoneCore
import Testing

@testable import HoneApp

/// `--now` and `$HONE_NOW`: a time that is not on the calendar or outside 1970-9999 would be
/// written into the log with every answer given under it.
@Suite("the --now parser")
struct ClockTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    func seconds(_ text: String) -> Double? {
        try? Clock.read(text, timeZone: paris).get().timeIntervalSince1970
    }

    @Test func takesTimesWithAnOffsetLocalTimesAndDates() {
        #expect(seconds("2026-03-03T09:00:00Z") == 1_772_528_400)
        #expect(seconds("2026-03-03T10:00:00+01:00") == 1_772_528_400)
        #expect(seconds("2026-03-03T10:00:00.5+0100") == 1_772_528_400.5)
        #expect(seconds("2026-03-03T10:00:00") == 1_772_528_400, "local time, Paris in winter")
        #expect(seconds("2026-03-03 10:00") == 1_772_528_400, "a space for the T, no seconds")
        #expect(seconds("2026-07-03T11:00") == 1_783_069_200, "local time, Paris in summer")
        #expect(seconds("2026-03-03") == 1_772_492_400, "a date alone: local midnight")
        #expect(seconds("9999-12-31T23:59:59Z") == 253_402_300_799)
        #expect(seconds("1970-01-01T00:00:00Z") == 0)
        #expect(Clock.isDateOnly("2026-03-03") && !Clock.isDateOnly("2026-03-03T00:00"))
    }

    @Test(
        "refuses what is not a time on the calendar from 1970 to 9999",
        arguments: [
            "2026-02-30", "2026-02-30T09:00:00Z", "2026-03-03T09:00:00+25:00", "2026-03-03T09:00:00-18:01",
            "2026-03-03T09:00:00Zjunk", "2026-03-03junk", "2026-03-03 ", "2026-03-03T09:00:00Z\n", "0000-01-01",
            "99999-01-01T00:00:00Z", "1969-12-31T23:00:00Z", "10000-01-01", "2026-03-03T25:00", "next tuesday", "",
            "20260303T090000Z", "2026-3-3",
        ])
    func refuses(_ text: String) {
        #expect(seconds(text) == nil, "took \(text.debugDescription)")
    }

    @Test func theRefusalNamesTheOptionWhatIsWrongAndWhatIsAccepted() throws {
        let refusal = try #require(Clock.refusal(of: "2026-02-30", givenAs: "--now"))
        #expect(refusal.hasPrefix("--now: expected an ISO 8601 time such as 2026-03-03T09:00:00+01:00"))
        #expect(refusal.contains("years 1970 to 9999") && refusal.contains("±18:00"))
        #expect(refusal.hasSuffix("got \"2026-02-30\": 2026-02-30 is not a day of the calendar"))
        let hostile = try #require(Clock.refusal(of: "2026-03-03\u{1B}[2J", givenAs: "$HONE_NOW"))
        #expect(hostile.hasPrefix("$HONE_NOW: ") && !hostile.contains("\u{1B}") && hostile.contains(#"\u{1B}"#))
        #expect(Clock.refusal(of: "2026-03-03T09:00:00Z", givenAs: "--now") == nil)
    }
}
