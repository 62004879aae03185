import HoneCore

#if canImport(Glibc)
    import Glibc
#endif

/// The cached states of many cards, by card key, as a session loads them from the store; the
/// rest of hone sees only `subscript`, `lookUp`, `Handle` and `Column`, never how they are
/// kept. Keys are kept as bytes in one buffer and found through a 64-bit hash, not as a
/// `String` and a hashed dictionary entry per card: loading a hundred thousand states is most
/// of a session's start otherwise. States are kept as their stored records (about 10 bytes a
/// review card, against 120 for a `CardState`) and decoded when read: a session start reads
/// each once, and the memory it no longer touches was a tenth of its time.
///
/// At that size the hash table is larger than the processor's near caches, and a lookup is one
/// wait for memory. So the table is built once, after loading, region by region (its writes
/// then go nearly in sequence), and many keys are looked up together (`lookUp`), their
/// table reads issued before any is needed, so the processor overlaps the waits.
public struct CardStates: Sendable {
    /// Open addressing over the key hashes: `table[i]` holds the top 32 bits of a key's hash
    /// above its slot number + 1, or 0 for empty. The hash bits rule out other keys without a
    /// second memory access. A table position is the top bits of the hash times a large odd
    /// constant (Fibonacci hashing), so a weak hash could not cluster keys that differ in their
    /// last digits (with FNV's low bits alone the probe runs grew long).
    private var table: [UInt64] = Array(repeating: 0, count: 1024)
    /// How many slots the table holds: slots loaded after it are not in it until `finishLoading`.
    private var indexed = 0
    private var hashes: [UInt64] = []
    private var keyBytes: [UInt8] = []
    private var keyEnds: [UInt32] = []
    /// Each state's record (`StateRecord`), one after another: slot `i` ends at `recordEnds[i]`.
    private var records: [UInt8] = []
    private var recordEnds: [UInt32] = []

    public init() {}

    init(minimumCapacity: Int) {
        hashes.reserveCapacity(minimumCapacity)
        keyEnds.reserveCapacity(minimumCapacity)
        recordEnds.reserveCapacity(minimumCapacity)
        keyBytes.reserveCapacity(minimumCapacity * 24)
        records.reserveCapacity(minimumCapacity * 12)
    }

    public var count: Int { recordEnds.count }

    /// A key's hash, eight bytes at a step (FNV's byte at a time was 4% of a session start):
    /// each word mixed in by a multiply and a shift, the whole by MurmurHash3's finalizer.
    /// Only this table uses it, in memory: nothing stored depends on its values.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var offset = 0
        while offset + 8 <= raw.count {
            hash =
                (hash ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        if offset < raw.count, raw.count >= 8 {
            // The last eight bytes, overlapping the word before: one load, not a byte at a time.
            tail = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self))
        } else {
            for index in offset..<raw.count { tail |= UInt64(raw[index]) << (8 * UInt64(index - offset)) }
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 33)
    }

    private func keyRange(_ slot: Int) -> Range<Int> {
        (slot == 0 ? 0 : Int(keyEnds[slot - 1]))..<Int(keyEnds[slot])
    }

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
        if indexed == count { return find(key, hash: hash).slot }
        // Slots loaded and not yet indexed (a caller that never called `finishLoading`): the
        // newest first, as a later load of a key wins.
        for slot in stride(from: count - 1, through: indexed, by: -1)
        where hashes[slot] == hash && sameKey(slot, key) {
            return slot
        }
        return find(key, hash: hash).slot
    }

    /// Adds the state of a key not loaded before (a table's primary key), as its stored
    /// record, without indexing it yet: `finishLoading` indexes every key loaded, at once.
    /// False, and nothing added, when the record is of no layout `StateRecord` reads.
    mutating func load(record: UnsafeRawBufferPointer, forKeyBytes key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard StateRecord.isReadable(record) else { return false }
        // Slots, key bytes and record bytes are numbered in 32 bits: four billion cards, or
        // four gigabytes of keys, far past any collection.
        precondition(
            count < Int(UInt32.max) - 1 && keyBytes.count + key.count < Int(UInt32.max)
                && records.count + record.count < Int(UInt32.max), "more card states than the table can number")
        hashes.append(CardStates.hash(key))
        keyBytes.append(contentsOf: key)
        keyEnds.append(UInt32(keyBytes.count))
        records.append(contentsOf: record)
        recordEnds.append(UInt32(records.count))
        return true
    }

    /// Adds `state` for a key not loaded before, as `load(record:forKeyBytes:)` does.
    mutating func load(_ state: CardState, forKeyBytes key: UnsafeBufferPointer<UInt8>) {
        _ = StateRecord.encode(state).withUnsafeBytes { load(record: $0, forKeyBytes: key) }
    }

    /// Indexes the keys loaded since the last call. The table is sized for all of them, and
    /// filled bucket by bucket of table positions (a counting sort of where each starts to
    /// probe), so its writes go nearly in sequence instead of all over it.
    mutating func finishLoading() {
        guard indexed < count else { return }
        var size = table.count
        while size < count * 2 { size *= 2 }
        let rebuild = size != table.count || indexed == 0
        let first = rebuild ? 0 : indexed
        if rebuild { table = [UInt64](repeating: 0, count: size) }
        let bucketBits = min(12, size.trailingZeroBitCount)
        let shift = size.trailingZeroBitCount - bucketBits
        let fresh = count - first
        var starts = [Int32](repeating: 0, count: fresh)
        var bucketEnds = [Int](repeating: 0, count: (1 << bucketBits) + 1)
        for index in 0..<fresh {
            let start = CardStates.start(hashes[first + index], size: size)
            starts[index] = Int32(truncatingIfNeeded: start)
            bucketEnds[(start >> shift) + 1] += 1
        }
        for bucket in 1..<bucketEnds.count { bucketEnds[bucket] += bucketEnds[bucket - 1] }
        var order = [Int32](repeating: 0, count: fresh)
        for index in 0..<fresh {
            let bucket = Int(starts[index]) >> shift
            order[bucketEnds[bucket]] = Int32(truncatingIfNeeded: index)
            bucketEnds[bucket] += 1
        }
        // Within a bucket the slots stay in load order: a key loaded twice keeps the later load.
        for index in order.lazy.map({ Int($0) }) {
            let slot = first + index
            let range = keyRange(slot)
            let (existing, position) = keyBytes.withUnsafeBufferPointer { all in
                find(UnsafeBufferPointer(rebasing: all[range]), hash: hashes[slot], from: Int(starts[index]))
            }
            if let existing, existing > slot { continue }
            table[position] = CardStates.entry(hash: hashes[slot], slot: slot)
        }
        indexed = count
    }

    public subscript(key: String) -> CardState? {
        var key = key
        return key.withUTF8 { bytes in slot(of: bytes, hash: CardStates.hash(bytes)).map { state(atSlot: $0) } }
    }

    /// How many keys have a numbered slot: slots are `0..<slotCount`, in load order.
    var slotCount: Int { count }

    /// The slot of `key`; nil when the key has no state.
    func slot(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { bytes in slot(of: bytes, hash: CardStates.hash(bytes)) }
    }

    /// How many keys `slots(of:)` finds together: enough for the memory waits to overlap,
    /// few enough that its buffers stay in the nearest cache.
    private static let lookUpBlock = 256

    /// The slots of `keys` (-1 for a key with no state), found together, a block at a time:
    /// the block's hashes first, then its table reads (independent of each other, so their
    /// waits for memory overlap), then the keys compared.
    func slots(of keys: [String]) -> [Int32] {
        guard indexed == count else { return keys.map { slot(of: $0).map { Int32(truncatingIfNeeded: $0) } ?? -1 } }
        var result = [Int32](repeating: -1, count: keys.count)
        let block = CardStates.lookUpBlock
        let size = table.count
        withUnsafeTemporaryAllocation(of: (hash: UInt64, entry: UInt64).self, capacity: block) { found in
            for blockStart in stride(from: 0, to: keys.count, by: block) {
                let blockKeys = blockStart..<min(blockStart + block, keys.count)
                for index in blockKeys {
                    var key = keys[index]
                    found[index - blockStart].hash = key.withUTF8 { CardStates.hash($0) }
                }
                table.withUnsafeBufferPointer { table in
                    for index in blockKeys.indices {
                        let hash = found[index - blockStart].hash
                        found[index - blockStart].entry = table[CardStates.start(hash, size: size)]
                    }
                }
                for index in blockKeys {
                    let (hash, entry) = found[index - blockStart]
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
                    if let slot { result[index] = Int32(truncatingIfNeeded: slot) }
                }
            }
        }
        return result
    }

    /// The state in a slot: its record was read once when loaded, so it reads again.
    func state(atSlot slot: Int) -> CardState {
        let range = (slot == 0 ? 0 : Int(recordEnds[slot - 1]))..<Int(recordEnds[slot])
        return records.withUnsafeBytes { all in StateRecord.decode(UnsafeRawBufferPointer(rebasing: all[range])) }
            ?? .new
    }

    func key(atSlot slot: Int) -> String { String(decoding: keyBytes[keyRange(slot)], as: UTF8.self) }

    // MARK: - The interface: states found by key, many at once

    /// A stored state, named without saying how it is stored: what `lookUp` found a key's
    /// state under, to note something of that card in a `Column`.
    public struct Handle: Hashable, Sendable {
        @usableFromInline let slot: Int32

        fileprivate init(slot: Int32) { self.slot = slot }
    }

    /// Where each of `keys` has its state (nil for a key without one), found together: a
    /// session start looks up every card of its decks, and one key at a time each lookup
    /// waits for memory. Handles, not states: a hundred thousand states are not copied.
    public func lookUp(_ keys: [String]) -> [Handle?] {
        slots(of: keys).map { $0 < 0 ? nil : Handle(slot: $0) }
    }

    /// The state a handle of `lookUp` names.
    public subscript(handle: Handle) -> CardState { state(atSlot: Int(handle.slot)) }

    /// A value per stored state, all `initial` at first, set and read through handles: what a
    /// caller notes of each card it met (found in a deck, where in a list), without a
    /// dictionary of a hundred thousand keys.
    public struct Column<Value: Sendable>: Sendable {
        @usableFromInline var values: [Value]

        fileprivate init(_ initial: Value, count: Int) { values = Array(repeating: initial, count: count) }

        // Inlinable: a caller's column is then specialized for its values. Called across
        // modules otherwise, every access looked up the generic type's metadata (6% of a
        // session start at 100,000 cards).
        @inlinable public subscript(handle: Handle) -> Value {
            get { values[Int(handle.slot)] }
            set { values[Int(handle.slot)] = newValue }
        }
    }

    public func column<Value: Sendable>(of initial: Value) -> Column<Value> {
        Column(initial, count: count)
    }

    /// The keys whose value in `column` passes `test`, in key order.
    /// Inlinable for the same reason as the column's subscript: the test runs once a state.
    @inlinable public func keys<Value>(where column: Column<Value>, _ test: (Value) -> Bool) -> [String] {
        keys(ofSlots: column.values.indices.filter { test(column.values[$0]) })
    }

    @usableFromInline func keys(ofSlots slots: [Int]) -> [String] {
        slots.map { key(atSlot: $0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The same states as a dictionary, for comparisons (`hone doctor`).
    public var dictionary: [String: CardState] {
        Dictionary((0..<count).map { (key(atSlot: $0), state(atSlot: $0)) }, uniquingKeysWith: { _, last in last })
    }
}
