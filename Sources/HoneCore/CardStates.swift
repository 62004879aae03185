#if canImport(Glibc)
import Glibc
#endif

/// The states of many cards, by card key, as a session loads them. Keys are kept as bytes in
/// one buffer and found through a 64-bit hash, not as a `String` and a hashed dictionary entry
/// per card: loading a hundred thousand states is most of a session's start otherwise.
public struct CardStates: Sendable {
    /// Open addressing over the key hashes: `table[i]` holds the top 32 bits of a key's hash
    /// above its slot number + 1, or 0 for empty. The hash bits rule out other keys without a
    /// second memory access (a probe is a cache miss; two were most of a session's start).
    /// A table position is the top bits of the FNV hash times a large odd constant (Fibonacci
    /// hashing): FNV's low bits alone cluster keys that differ in their last digits, and the
    /// probe runs grew long.
    private var table: [UInt64] = Array(repeating: 0, count: 1024)
    private var hashes: [UInt64] = []
    private var keyBytes: [UInt8] = []
    private var keyEnds: [Int] = []
    private var states: [CardState] = []
    /// Keys past what the table can number (never in practice), kept exact all the same.
    private var overflow: [String: CardState] = [:]

    public init() {}

    public init(minimumCapacity: Int) {
        var size = 1024
        while size < minimumCapacity * 2 { size *= 2 }
        table = Array(repeating: 0, count: size)
        hashes.reserveCapacity(minimumCapacity)
        keyEnds.reserveCapacity(minimumCapacity)
        states.reserveCapacity(minimumCapacity)
        keyBytes.reserveCapacity(minimumCapacity * 24)
    }

    public var count: Int { states.count + overflow.count }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = FNV1a()
        hasher.add(bytes)
        return hasher.value
    }

    private func keyRange(_ slot: Int) -> Range<Int> { (slot == 0 ? 0 : keyEnds[slot - 1])..<keyEnds[slot] }

    /// Where a hash starts probing in a table of `size` (a power of two) positions.
    private static func start(_ hash: UInt64, size: Int) -> Int {
        let bits = UInt64(size.trailingZeroBitCount)
        return Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> (64 - bits))
    }

    private static func entry(hash: UInt64, slot: Int) -> UInt64 { (hash & 0xFFFF_FFFF_0000_0000) | UInt64(slot + 1) }

    /// The slot holding `key`, or the table position where it would go.
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int?, position: Int) {
        let mask = table.count - 1
        var position = CardStates.start(hash, size: table.count)
        while true {
            let entry = table[position]
            if entry == 0 { return (nil, position) }
            if entry & 0xFFFF_FFFF_0000_0000 == hash & 0xFFFF_FFFF_0000_0000 {
                let slot = Int(entry & 0xFFFF_FFFF) - 1
                if hashes[slot] == hash, sameKey(slot, key) { return (slot, position) }
            }
            position = (position + 1) & mask
        }
    }

    private func sameKey(_ slot: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = keyRange(slot)
        guard range.count == key.count else { return false }
        guard let theirs = key.baseAddress else { return range.isEmpty }
        return keyBytes.withUnsafeBufferPointer { all in
            guard let mine = all.baseAddress else { return false }
            return memcmp(mine + range.lowerBound, theirs, range.count) == 0
        }
    }

    private func slot(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        find(key, hash: hash).slot
    }

    /// Sets the state of the card whose key is `key` (UTF-8 bytes).
    public mutating func set(_ state: CardState, forKeyBytes key: UnsafeBufferPointer<UInt8>) {
        let hash = CardStates.hash(key)
        let (existing, position) = find(key, hash: hash)
        if let existing {
            states[existing] = state
            return
        }
        guard states.count < Int(UInt32.max) - 1 else {
            overflow[String(decoding: key, as: UTF8.self)] = state
            return
        }
        table[position] = CardStates.entry(hash: hash, slot: states.count)
        hashes.append(hash)
        keyBytes.append(contentsOf: key)
        keyEnds.append(keyBytes.count)
        states.append(state)
        if states.count * 2 > table.count { grow() }
    }

    /// Doubles the table, keeping it at most half full so probes stay short.
    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: table.count * 2)
        let mask = bigger.count - 1
        for slot in states.indices {
            var position = CardStates.start(hashes[slot], size: bigger.count)
            while bigger[position] != 0 { position = (position + 1) & mask }
            bigger[position] = CardStates.entry(hash: hashes[slot], slot: slot)
        }
        table = bigger
    }

    public subscript(key: String) -> CardState? {
        get {
            var key = key
            return key.withUTF8 { bytes in
                if let slot = slot(of: bytes, hash: CardStates.hash(bytes)) { return states[slot] }
                return overflow.isEmpty ? nil : overflow[String(decoding: bytes, as: UTF8.self)]
            }
        }
        set {
            var key = key
            key.withUTF8 { bytes in
                if let newValue {
                    set(newValue, forKeyBytes: bytes)
                } else if let slot = slot(of: bytes, hash: CardStates.hash(bytes)) {
                    // Removal is rare (an undo back to new): mark the slot new rather than compact.
                    states[slot] = CardState.new
                } else {
                    overflow[String(decoding: bytes, as: UTF8.self)] = nil
                }
            }
        }
    }

    /// How many keys have a numbered slot: slots are `0..<slotCount`, in load order.
    public var slotCount: Int { states.count }

    /// The slot of `key`, for a caller that wants to mark which stored states it has met;
    /// nil when the key has no state (or is one of the overflow keys, which never occur).
    public func slot(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { bytes in slot(of: bytes, hash: CardStates.hash(bytes)) }
    }

    public func state(atSlot slot: Int) -> CardState { states[slot] }

    public func key(atSlot slot: Int) -> String { String(decoding: keyBytes[keyRange(slot)], as: UTF8.self) }

    /// The keys of the overflow, which have no slot.
    public var unslottedKeys: [String] { Array(overflow.keys) }

    /// Every key and state, in load order.
    public var all: [(key: String, state: CardState)] {
        var result: [(key: String, state: CardState)] = []
        result.reserveCapacity(count)
        for slot in states.indices {
            result.append((String(decoding: keyBytes[keyRange(slot)], as: UTF8.self), states[slot]))
        }
        for (key, state) in overflow { result.append((key, state)) }
        return result
    }

    /// The same states as a dictionary, for comparisons.
    public var dictionary: [String: CardState] {
        Dictionary(all.map { ($0.key, $0.state) }, uniquingKeysWith: { _, last in last })
    }
}
