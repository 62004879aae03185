/// A learning step or other short duration, written as `"30s"`, `"1m"`, `"10m"`, `"1h"`, `"2d"`.
public struct LearningDuration: Hashable, Sendable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    public init?(_ text: String) {
        guard let unit = text.last, let amount = Double(text.dropLast()), amount > 0, amount.isFinite else {
            return nil
        }
        let scale: Double
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86_400
        default: return nil
        }
        let seconds = (amount * scale).rounded()
        guard seconds >= 1, seconds <= 365 * 86_400 else { return nil }
        self.seconds = Int(seconds)
    }

    public var description: String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
