/// Anki's interval fuzz: a review interval of 2.5 days or more is moved by a uniform pick in a
/// range that widens with the interval, so cards learned together do not stay due together.
/// The pick is seeded from the card's key and review count, so a replay gives the same days.
public enum Fuzz {
    /// The fraction in [0, 1) used for the answer of `key` after `reps` reviews.
    public static func factor(key: String, reps: Int) -> Float {
        factor(keyHash: FNV1a.hash(key), reps: reps)
    }

    /// `factor(key:reps:)` with the key's FNV-1a hash computed once, for a replay that answers
    /// the same card many times.
    public static func factor(keyHash hash: UInt64, reps: Int) -> Float {
        // SplitMix64 scrambles the key hash and the count into well-spread bits.
        var z = hash &+ UInt64(truncatingIfNeeded: reps) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Float(z >> 40) / Float(1 << 24)
    }

    /// How far an interval may move: 1 day, plus 15% of the part in [2.5, 7), 10% of the part
    /// in [7, 20) and 5% of the part over 20.
    static func delta(_ interval: Float) -> Float {
        guard interval >= 2.5 else { return 0 }
        // Written out, not folded over an array of ranges: a replay calls this per answer.
        var delta: Float = 1
        delta += 0.15 * max(min(interval, 7) - 2.5, 0)
        delta += 0.1 * max(min(interval, 20) - 7, 0)
        delta += 0.05 * max(interval - 20, 0)
        return delta
    }

    /// The days a fuzzed interval can land on, kept within [minimum, maximum].
    public static func bounds(_ interval: Float, minimum: Int, maximum: Int) -> ClosedRange<Int> {
        let minimum = min(minimum, maximum)
        let clamped = min(max(interval, Float(minimum)), Float(maximum))
        let delta = delta(clamped)
        var lower = Int((clamped - delta).rounded())
        var upper = Int((clamped + delta).rounded())
        lower = min(max(lower, minimum), maximum)
        upper = min(max(upper, minimum), maximum)
        if upper == lower, upper > 2, upper < maximum { upper = lower + 1 }
        return lower...upper
    }

    /// The interval in whole days: fuzzed when `factor` is given, else rounded half away from
    /// zero; always within [minimum, maximum].
    static func apply(_ interval: Float, minimum: Int, maximum: Int, factor: Float?) -> Int {
        guard let factor else {
            let rounded = interval.rounded()
            let whole = rounded >= Float(Int32.max) ? Int(Int32.max) : Int(max(rounded, 0))
            return min(max(whole, min(minimum, maximum)), maximum)
        }
        let range = bounds(interval, minimum: minimum, maximum: maximum)
        let span = Float(range.upperBound - range.lowerBound + 1)
        return min(range.lowerBound + Int((factor * span).rounded(.down)), range.upperBound)
    }
}
