/// English names of weekdays and months, for headings and charts: written out, because a date
/// formatter loads locale data, milliseconds of a command's start.
public enum DayNames {
    public static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    public static let shortWeekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    public static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    public static let shortMonths = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// "Tuesday 3 March" for a day number (days since 1970-01-01).
    public static func long(ofDay day: Int) -> String {
        let (_, month, dayOfMonth) = DayClock.civilFromDays(day)
        return "\(weekdays[DayClock.weekday(ofDay: day)]) \(dayOfMonth) \(months[month - 1])"
    }
}
