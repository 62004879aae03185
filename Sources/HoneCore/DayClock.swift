import Foundation

/// Turns instants into learning days: a day starts at `rolloverHour` local time, in a given
/// time zone, so a late-night session still counts for the day it belongs to. Days are
/// numbered from 1970-01-01. Daylight-saving changes make some days 23 or 25 hours long;
/// the numbering follows the wall clock, not 24-hour blocks.
public struct DayClock: Sendable {
    public let timeZone: TimeZone
    public let rolloverHour: Int
    private let calendar: Calendar
    /// The zone's offset changes from 1970 to 2200: each instant where it changes, and the
    /// offset from then on. Looked up by binary search, because asking the zone for every
    /// answer of a million-answer replay costs more than the scheduling itself.
    private let changes: [(start: Int64, offset: Int64)]

    /// The seconds of a day of 24 hours (the unit of intervals; a learning day may be 23 or 25).
    public static let secondsPerDay = 86_400
    static let secondsPerHour = 3600

    public init(timeZone: TimeZone, rolloverHour: Int) {
        self.timeZone = timeZone
        self.rolloverHour = min(max(rolloverHour, 0), 23)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        let first = Date(timeIntervalSince1970: 0)
        var changes = [(start: Int64.min, offset: Int64(timeZone.secondsFromGMT(for: first)))]
        var cursor = first
        let end = Date(timeIntervalSince1970: 7_258_118_400)  // 2200-01-01
        while changes.count < 2000, let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            changes.append((Int64(next.timeIntervalSince1970), Int64(timeZone.secondsFromGMT(for: next))))
            cursor = next
        }
        self.changes = changes
    }

    /// The zone's offset from UTC at an instant, in seconds.
    public func offset(at instant: Int64) -> Int64 {
        changes[changeIndex(at: instant)].offset
    }

    /// Which of `changes` is in force at an instant.
    private func changeIndex(at instant: Int64) -> Int {
        if changes.count == 1 { return 0 }
        var low = 0
        var high = changes.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if changes[middle].start <= instant { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The day an instant (seconds since 1970) belongs to.
    public func day(of instant: Int64) -> Int {
        // The wall clock is the instant plus the zone's offset at that instant; moving it back
        // by the rollover hour makes the learning day a plain calendar day.
        let day = Int64(Self.secondsPerDay)
        let shifted = instant + offset(at: instant) - Int64(rolloverHour * Self.secondsPerHour)
        return Int(shifted >= 0 ? shifted / day : (shifted - day + 1) / day)
    }

    /// The instant a day starts: its date at `rolloverHour`, or the first moment after it when
    /// that hour is skipped by a daylight-saving change.
    public func start(ofDay day: Int) -> Int64 {
        // Away from an offset change (two days either side), the start is the wall-clock time
        // less the one offset in force: plain arithmetic, where the calendar is slow enough
        // to show in a replay. Near a change, the calendar settles skipped and doubled hours.
        let wall = Int64(day) * Int64(Self.secondsPerDay) + Int64(rolloverHour * Self.secondsPerHour)
        let window = Int64(2 * Self.secondsPerDay)
        if changeIndex(at: wall - window) == changeIndex(at: wall + window) {
            return wall - offset(at: wall)
        }
        let (year, month, dayOfMonth) = DayClock.civilFromDays(day)
        var parts = DateComponents()
        parts.year = year
        parts.month = month
        parts.day = dayOfMonth
        parts.hour = rolloverHour
        let midnight = TimeInterval(day) * TimeInterval(Self.secondsPerDay)
        let date = calendar.date(from: parts) ?? Date(timeIntervalSince1970: midnight)
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// Days practised in a row up to `today` (or up to yesterday, when today has none yet),
    /// given the days on which there were answers.
    public static func streak(days: Set<Int>, today: Int) -> Int {
        var day = days.contains(today) ? today : today - 1
        var count = 0
        while days.contains(day) {
            count += 1
            day -= 1
        }
        return count
    }

    /// The weekday of a day number, Monday 0 to Sunday 6 (1970-01-01 was a Thursday).
    public static func weekday(ofDay day: Int) -> Int {
        ((day + 3) % 7 + 7) % 7
    }

    /// The calendar date of a day number, for display.
    public func date(ofDay day: Int) -> (year: Int, month: Int, day: Int) {
        DayClock.civilFromDays(day)
    }

    // Howard Hinnant's days-from-civil algorithms: exact for the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
