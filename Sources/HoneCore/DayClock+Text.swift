import Foundation

/// Days and instants as hone writes them, in every output that names a time: the review log
/// export, `status --json`, `cards`, the stats.
extension DayClock {
    /// A day number as a date: "2026-11-27".
    public func isoDate(ofDay day: Int) -> String {
        let (year, month, dayOfMonth) = date(ofDay: day)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)"
    }

    /// An instant (seconds) as the review log and exports write it: with the local offset of
    /// that moment.
    public func format(seconds: Int64) -> String {
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return Timestamp.format(milliseconds: seconds * 1000, offset: offset)
    }

    /// When a card is due, as an instant: a review day is its start. Nil when it is not due.
    public func format(due: CardState.Due) -> String? {
        switch due {
        case .none: nil
        case .instant(let at): format(seconds: at)
        case .day(let day): format(seconds: start(ofDay: day))
        }
    }
}
