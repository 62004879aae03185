/// SplitMix64 (Steele, Lea and Flood, 2014): a small seeded random source. The same seed gives
/// the same numbers on every machine and run, which the optimizer's batch order, the
/// simulator's seeding and the tests that draw their input rely on.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fisher-Yates, each pick the high half of a full-width product (no modulo bias to speak of).
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let j = Int(next().multipliedFullWidth(by: UInt64(i + 1)).high)
            values.swapAt(i, j)
        }
    }
}
