import Foundation
import Testing

@testable import HoneCore

@Suite("days")
struct DayClockTests {
    let berlin = DayClock(timeZone: TimeZone(identifier: "Europe/Berlin")!, rolloverHour: 4)

    func instant(_ text: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970)
    }

    @Test func aDayStartsAtTheRolloverHour() {
        let march3 = DayClock.daysFromCivil(year: 2026, month: 3, day: 3)
        #expect(berlin.day(of: instant("2026-03-03T02:59:59Z")) == march3 - 1)  // 03:59:59 local: still yesterday
        #expect(berlin.day(of: instant("2026-03-03T03:00:00Z")) == march3)  // 04:00 local
        #expect(berlin.day(of: instant("2026-03-03T22:59:59Z")) == march3)  // 23:59:59 local
        #expect(berlin.day(of: instant("2026-03-04T01:00:00Z")) == march3)  // 02:00 local, after midnight
        #expect(berlin.start(ofDay: march3) == instant("2026-03-03T03:00:00Z"))
        #expect(DayClock.civilFromDays(march3) == (2026, 3, 3))
    }

    /// The arithmetic used away from offset changes agrees with the calendar on every day of
    /// two years, in zones with and without daylight saving (Lord Howe's moves 30 minutes).
    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"])
    func dayStartsAgreeWithTheCalendar(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        for rollover in [0, 2, 4, 23] {
            let clock = DayClock(timeZone: timeZone, rolloverHour: rollover)
            let first = DayClock.daysFromCivil(year: 2025, month: 1, day: 1)
            for day in first..<(first + 730) {
                let (year, month, dayOfMonth) = DayClock.civilFromDays(day)
                let expected = calendar.date(
                    from: DateComponents(year: year, month: month, day: dayOfMonth, hour: rollover))
                let start = clock.start(ofDay: day)
                #expect(
                    start == Int64(expected?.timeIntervalSince1970 ?? 0),
                    "\(zone) \(year)-\(month)-\(dayOfMonth) \(rollover):00")
                #expect(clock.day(of: start) == day)
            }
        }
    }

    @Test func springForwardAndFallBack() {
        // 2026-03-29: clocks go from 02:00 to 03:00 in Berlin; the day is 23 hours long.
        let spring = DayClock.daysFromCivil(year: 2026, month: 3, day: 29)
        #expect(berlin.start(ofDay: spring) == instant("2026-03-29T02:00:00Z"))  // 04:00 CEST
        #expect(berlin.start(ofDay: spring + 1) - berlin.start(ofDay: spring) == 24 * 3600)
        #expect(berlin.start(ofDay: spring) - berlin.start(ofDay: spring - 1) == 23 * 3600)
        // 2026-10-25: clocks go from 03:00 back to 02:00; the day is 25 hours long.
        let fall = DayClock.daysFromCivil(year: 2026, month: 10, day: 25)
        #expect(berlin.start(ofDay: fall + 1) - berlin.start(ofDay: fall) == 24 * 3600)
        #expect(berlin.start(ofDay: fall) - berlin.start(ofDay: fall - 1) == 25 * 3600)
        #expect(berlin.day(of: instant("2026-10-25T01:30:00Z")) == fall - 1)  // 02:30 CET... still before 04:00
        #expect(berlin.day(of: instant("2026-10-25T03:00:00Z")) == fall)  // 04:00 CET
    }

    @Test func aRolloverInsideTheSkippedHourStartsAfterIt() {
        let clock = DayClock(timeZone: TimeZone(identifier: "Europe/Berlin")!, rolloverHour: 2)
        let spring = DayClock.daysFromCivil(year: 2026, month: 3, day: 29)
        // 03:00 CEST, the first moment after 02:00
        #expect(clock.start(ofDay: spring) == instant("2026-03-29T01:00:00Z"))
        #expect(clock.day(of: clock.start(ofDay: spring)) == spring)
    }

    @Test func aLearningStepEndingAfterTheNextDayStartIsDueThatDay() {
        var settings = SchedulerSettings()
        settings.fuzz = false
        settings.learningSteps = [LearningDuration(seconds: 60), LearningDuration(seconds: 6 * 3600)]
        let scheduler = Scheduler(settings: settings, clock: berlin)
        let evening = instant("2026-03-03T21:00:00Z")  // 22:00 local
        let outcome = scheduler.answer(.new, .button(.good), at: evening, key: "k")
        #expect(outcome.state.due == .day(DayClock.daysFromCivil(year: 2026, month: 3, day: 4)))
        let morning = scheduler.answer(.new, .button(.good), at: instant("2026-03-03T06:00:00Z"), key: "k")
        #expect(morning.state.due == .instant(instant("2026-03-03T12:00:00Z")))
    }

    @Test func streaksCountDaysInARow() {
        #expect(DayClock.streak(days: [10, 11, 12], today: 12) == 3)
        #expect(DayClock.streak(days: [10, 11], today: 12) == 2, "today not practised yet keeps yesterday's streak")
        #expect(DayClock.streak(days: [8, 10, 11, 12], today: 12) == 3)
        #expect(DayClock.streak(days: [], today: 12) == 0)
    }
}
