import HoneCore

#if canImport(Glibc)
    import Glibc
#endif

/// The cached states of many cards, by card key, as a session loads them from the store; the
/// rest of hone sees only `subscript`, `lookUp`, `Handle` and `Column`, never how they are
/// kept. Keys are kept as bytes in one buffer and found through a 64-bit hash, not as a
/// `String` and a hashed dictionary entry per card: loading a hundred thousand states is most
/// of a session's start otherwise.
///
/// At that size the hash table is larger than the processor's near caches, and a lookup is one
/// wait for memory. So the table is built once, after loading, region by region (its writes
/// then go nearly in sequence), and many keys are looked up together (`slots(of:)`), their
/// table reads issued before any is needed, so the processor overlaps the waits.
public struct CardStates: Sendable {
    /// Open addressing over the key hashes: `table[i]` holds the top 32 bits of a key's hash
    /// above its slot number + 1, or 0 for empty. The hash bits rule out other keys without a
    /// second memory access. A table position is the top bits of the FNV hash times a large
    /// odd constant (Fibonacci hashing): FNV's low bits alone cluster keys that differ in their
    /// last digits, and the probe runs grew long.
    private var table: [UInt64] = Array(repeating: 0, count: 1024)
    /// How many slots the table holds: slots loaded after it are not in it until `finishLoading`.
    private var indexed = 0
    private var hashes: [UInt64] = []
    private var keyBytes: [UInt8] = []
    private var keyEnds: [Int] = []
    private var states: [CardState] = []

    public init() {}

    init(minimumCapacity: Int) {
        hashes.reserveCapacity(minimumCapacity)
        keyEnds.reserveCapacity(minimumCapacity)
        states.reserveCapacity(minimumCapacity)
        keyBytes.reserveCapacity(minimumCapacity * 24)
    }

    public var count: Int { states.count }

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
        find(key, hash: hash, from: CardStates.start(hash, size: table.count))
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, from start: Int) -> (slot: Int?, position: Int) {
        let mask = table.count - 1
        var position = start
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
        if indexed == states.count { return find(key, hash: hash).slot }
        // Slots loaded and not yet indexed (a caller that never called `finishLoading`): the
        // newest first, as a later load of a key wins.
        for slot in stride(from: states.count - 1, through: indexed, by: -1)
        where hashes[slot] == hash && sameKey(slot, key) {
            return slot
        }
        return find(key, hash: hash).slot
    }

    /// Adds the state of a key not loaded before (a table's primary key), without indexing it
    /// yet: `finishLoading` indexes every key loaded, at once.
    mutating func load(_ state: CardState, forKeyBytes key: UnsafeBufferPointer<UInt8>) {
        // A table entry numbers its slot in 32 bits: four billion cards, far past any memory.
        precondition(states.count < Int(UInt32.max) - 1, "more card states than the table can number")
        hashes.append(CardStates.hash(key))
        keyBytes.append(contentsOf: key)
        keyEnds.append(keyBytes.count)
        states.append(state)
    }

    /// Indexes the keys loaded since the last call. The table is sized for all of them, and
    /// filled bucket by bucket of table positions (a counting sort of where each starts to
    /// probe), so its writes go nearly in sequence instead of all over it.
    mutating func finishLoading() {
        guard indexed < states.count else { return }
        var size = table.count
        while size < states.count * 2 { size *= 2 }
        let rebuild = size != table.count || indexed == 0
        let first = rebuild ? 0 : indexed
        if rebuild { table = [UInt64](repeating: 0, count: size) }
        let bucketBits = min(12, size.trailingZeroBitCount)
        let shift = size.trailingZeroBitCount - bucketBits
        let fresh = states.count - first
        var starts = [Int](repeating: 0, count: fresh)
        var bucketEnds = [Int](repeating: 0, count: (1 << bucketBits) + 1)
        for index in 0..<fresh {
            let start = CardStates.start(hashes[first + index], size: size)
            starts[index] = start
            bucketEnds[(start >> shift) + 1] += 1
        }
        for bucket in 1..<bucketEnds.count { bucketEnds[bucket] += bucketEnds[bucket - 1] }
        var order = [Int](repeating: 0, count: fresh)
        for index in 0..<fresh {
            let bucket = starts[index] >> shift
            order[bucketEnds[bucket]] = index
            bucketEnds[bucket] += 1
        }
        // Within a bucket the slots stay in load order: a key loaded twice keeps the later load.
        for index in order {
            let slot = first + index
            let range = keyRange(slot)
            let (existing, position) = keyBytes.withUnsafeBufferPointer { all in
                find(UnsafeBufferPointer(rebasing: all[range]), hash: hashes[slot], from: starts[index])
            }
            if let existing, existing > slot { continue }
            table[position] = CardStates.entry(hash: hashes[slot], slot: slot)
        }
        indexed = states.count
    }

    public subscript(key: String) -> CardState? {
        var key = key
        return key.withUTF8 { bytes in slot(of: bytes, hash: CardStates.hash(bytes)).map { states[$0] } }
    }

    /// How many keys have a numbered slot: slots are `0..<slotCount`, in load order.
    var slotCount: Int { states.count }

    /// The slot of `key`; nil when the key has no state.
    func slot(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { bytes in slot(of: bytes, hash: CardStates.hash(bytes)) }
    }

    /// The slots of `keys` (-1 for a key with no state), found together: all the hashes
    /// first, then all the table reads (independent of each other, so their waits for memory
    /// overlap), then the keys compared.
    func slots(of keys: [String]) -> [Int] {
        guard indexed == states.count else { return keys.map { slot(of: $0) ?? -1 } }
        var keyHashes = [UInt64](repeating: 0, count: keys.count)
        for index in keys.indices {
            var key = keys[index]
            keyHashes[index] = key.withUTF8 { CardStates.hash($0) }
        }
        let size = table.count
        let entries = table.withUnsafeBufferPointer { table in
            keyHashes.map { table[CardStates.start($0, size: size)] }
        }
        var result = [Int](repeating: -1, count: keys.count)
        for index in keys.indices {
            let hash = keyHashes[index]
            let entry = entries[index]
            if entry == 0 { continue }
            var key = keys[index]
            let slot = key.withUTF8 { bytes -> Int? in
                let first = Int(entry & 0xFFFF_FFFF) - 1
                if entry & 0xFFFF_FFFF_0000_0000 == hash & 0xFFFF_FFFF_0000_0000, hashes[first] == hash,
                    sameKey(first, bytes)
                {
                    return first
                }
                return find(bytes, hash: hash).slot
            }
            result[index] = slot ?? -1
        }
        return result
    }

    func state(atSlot slot: Int) -> CardState { states[slot] }

    func key(atSlot slot: Int) -> String { String(decoding: keyBytes[keyRange(slot)], as: UTF8.self) }

    // MARK: - The interface: states found by key, many at once

    /// A stored state, named without saying how it is stored: what `lookUp` found a key's
    /// state under, to note something of that card in a `Column`.
    public struct Handle: Hashable, Sendable {
        fileprivate let slot: Int32
    }

    /// Where each of `keys` has its state (nil for a key without one), found together: a
    /// session start looks up every card of its decks, and one key at a time each lookup
    /// waits for memory. Handles, not states: a hundred thousand states are not copied.
    public func lookUp(_ keys: [String]) -> [Handle?] {
        slots(of: keys).map { $0 < 0 ? nil : Handle(slot: Int32(truncatingIfNeeded: $0)) }
    }

    /// The state a handle of `lookUp` names.
    public subscript(handle: Handle) -> CardState { states[Int(handle.slot)] }

    /// A value per stored state, all `initial` at first, set and read through handles: what a
    /// caller notes of each card it met (found in a deck, where in a list), without a
    /// dictionary of a hundred thousand keys.
    public struct Column<Value: Sendable>: Sendable {
        private var values: [Value]

        fileprivate init(_ initial: Value, count: Int) { values = Array(repeating: initial, count: count) }

        public subscript(handle: Handle) -> Value {
            get { values[Int(handle.slot)] }
            set { values[Int(handle.slot)] = newValue }
        }

        fileprivate var indexed: [Value] { values }
    }

    public func column<Value: Sendable>(of initial: Value) -> Column<Value> {
        Column(initial, count: states.count)
    }

    /// The keys whose value in `column` passes `test`, in key order.
    public func keys<Value>(where column: Column<Value>, _ test: (Value) -> Bool) -> [String] {
        column.indexed.indices.filter { test(column.indexed[$0]) }.map { key(atSlot: $0) }.sorted {
            $0.utf8.lexicographicallyPrecedes($1.utf8)
        }
    }

    /// The same states as a dictionary, for comparisons (`hone doctor`).
    public var dictionary: [String: CardState] {
        Dictionary(states.indices.map { (key(atSlot: $0), states[$0]) }, uniquingKeysWith: { _, last in last })
    }
}
