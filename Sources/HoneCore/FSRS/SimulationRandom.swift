/// The simulator's own random numbers: xoshiro256** seeded through SplitMix64, so that a seed
/// gives the same simulation on every machine and every run (Swift's system generator is not
/// seedable). Not the generator `fsrs-rs` uses: the two agree in their averages, not draw by draw.
public struct SimulationRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    public init(seed: UInt64) {
        var mix = SplitMix64(seed: seed)
        s0 = mix.next()
        s1 = mix.next()
        s2 = mix.next()
        s3 = mix.next()
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform number in [0, 1), from the top 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    mutating func chance(_ p: Float) -> Bool {
        unit() < Double(p)
    }

    /// An index drawn in proportion to `weights` (non-negative, not all 0).
    mutating func pick(_ weights: [Float]) -> Int {
        let total = weights.reduce(0, +)
        let target = Float(unit()) * total
        var sum: Float = 0
        for (index, weight) in weights.enumerated() {
            sum += weight
            if target < sum { return index }
        }
        // Rounding can leave the target at the total: the last non-zero weight.
        return weights.lastIndex(where: { $0 > 0 }) ?? 0
    }
}
