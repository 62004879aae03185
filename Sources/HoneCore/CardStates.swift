/// The states of many cards, by card key, as a session loads them. Keys are kept as bytes in
/// one buffer and found through a 64-bit hash, not as a `String` and a hashed dictionary entry
/// per card: loading a hundred thousand states is most of a session's start otherwise.
public struct CardStates: Sendable {
    private var slots: [UInt64: Int] = [:]
    private var keyBytes: [UInt8] = []
    private var keyEnds: [Int] = []
    private var states: [CardState] = []
    /// Keys whose hash another key already took (vanishingly rare, but kept exact).
    private var overflow: [String: CardState] = [:]

    public init() {}

    public init(minimumCapacity: Int) {
        slots.reserveCapacity(minimumCapacity)
        keyEnds.reserveCapacity(minimumCapacity)
        states.reserveCapacity(minimumCapacity)
        keyBytes.reserveCapacity(minimumCapacity * 24)
    }

    public var count: Int { states.count + overflow.count }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    private func keyRange(_ slot: Int) -> Range<Int> { (slot == 0 ? 0 : keyEnds[slot - 1])..<keyEnds[slot] }

    private func slot(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        guard let slot = slots[hash] else { return nil }
        return keyBytes[keyRange(slot)].elementsEqual(key) ? slot : nil
    }

    /// Sets the state of the card whose key is `key` (UTF-8 bytes).
    public mutating func set(_ state: CardState, forKeyBytes key: UnsafeBufferPointer<UInt8>) {
        let hash = CardStates.hash(key)
        if let existing = slots[hash] {
            if keyBytes[keyRange(existing)].elementsEqual(key) {
                states[existing] = state
            } else {
                overflow[String(decoding: key, as: UTF8.self)] = state
            }
            return
        }
        slots[hash] = states.count
        keyBytes.append(contentsOf: key)
        keyEnds.append(keyBytes.count)
        states.append(state)
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
