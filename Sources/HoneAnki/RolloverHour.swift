/// Anki's "next day starts at" hour, as its scheduler reads it: a whole number of hours, 23 at
/// most; anything else counts as unset.
enum RolloverHour {
    static func from(_ value: Any?) -> Int? {
        guard let hour = JSONValues.integer(value), hour >= 0, hour <= 255 else { return nil }
        return Int(min(hour, 23))
    }
}
