/// 64-bit FNV-1a: a small, fixed hash for what must come out the same on every run and
/// machine (Swift's `Hasher` is seeded per process): card ids without an `id`, fuzz seeds,
/// the FSRS card number, choice order, and lookups of card keys.
public struct FNV1a: Sendable {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    public private(set) var value: UInt64

    public init(seed: UInt64 = FNV1a.offsetBasis) {
        value = seed
    }

    public mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* FNV1a.prime
    }

    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var hash = value
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* FNV1a.prime }
        value = hash
    }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
    }

    /// The hash of one string's UTF-8 bytes.
    public static func hash(_ text: String) -> UInt64 {
        var hasher = FNV1a()
        hasher.add(text)
        return hasher.value
    }
}
