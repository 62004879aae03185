import HoneCore

/// The keys a review log import has seen (event ids, or an answer's card and instant), each
/// with the index of the first event that had it: how a row that repeats an earlier one is told
/// from one that clashes with it.
///
/// A flat table with linear probing of 8-byte slots (32 bits of the key's hash, the event's
/// index) instead of a `Dictionary` of strings: a million-row import put a million keys in one,
/// and hashing, comparing and growing it was a tenth of the import. The hash only says "perhaps
/// the same"; the caller's `isSame` says for sure, and probing goes on past a false match.
struct SeenKeys {
    private struct Slot {
        /// The key's hash with its low bit set: zero marks an empty slot.
        var tag: UInt32
        var index: Int32
    }

    private var slots = [Slot](repeating: Slot(tag: 0, index: 0), count: 1 << 12)
    private var count = 0
    private var shift: UInt64 = 64 - 12

    /// The hash of an event id.
    static func hash(id: String) -> UInt64 {
        FNV1a.hash(id)
    }

    /// The hash of an answer's card and instant.
    static func hash(card: String, time: Int64) -> UInt64 {
        var hasher = FNV1a()
        hasher.add(card)
        hasher.add(0)
        for shift in stride(from: 0, to: 64, by: 8) { hasher.add(UInt8(truncatingIfNeeded: time >> shift)) }
        return hasher.value
    }

    /// The index of an earlier event whose key is the one hashed to `hash` (`isSame` tells, given
    /// an earlier event's index), or nil after recording the key for the event at `index`.
    mutating func insert(_ hash: UInt64, index: Int32, isSame: (Int32) -> Bool) -> Int32? {
        // Both halves of the hash folded into the tag; its low bit set, as zero marks an empty slot.
        let tag = UInt32(truncatingIfNeeded: hash ^ (hash >> 32)) | 1
        var slot = self.slot(of: tag)
        while slots[slot].tag != 0 {
            if slots[slot].tag == tag, isSame(slots[slot].index) { return slots[slot].index }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = Slot(tag: tag, index: index)
        count += 1
        if count * 2 > slots.count { grow() }
        return nil
    }

    /// A slot from the tag, by Fibonacci hashing (the high bits of the tag times a constant), so
    /// that a table twice the size can place every slot again from its tag alone.
    private func slot(of tag: UInt32) -> Int {
        Int(truncatingIfNeeded: (UInt64(tag) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(tag: 0, index: 0), count: old.count * 2)
        shift -= 1
        for entry in old where entry.tag != 0 {
            var slot = self.slot(of: entry.tag)
            while slots[slot].tag != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = entry
        }
    }
}
