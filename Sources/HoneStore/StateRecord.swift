import HoneCore

/// A card state as the database keeps it: one blob, not a column a field, because a session
/// starts by loading every state and reading columns one by one cost more than the rest of
/// the start-up. Written compact: a byte of flags, then the numbers as zigzag varints (about
/// 15 bytes a card, where most numbers are small), so the table is a quarter of the pages to
/// read. The first layout, twelve little-endian 64-bit integers (96 bytes, which no compact
/// record reaches), is still read: a database written by an earlier hone needs no migration.
enum StateRecord {
    static let fixedByteCount = 12 * 8

    static func encode(_ state: CardState) -> [UInt8] {
        var dueKind: UInt8 = 0
        var due: Int64 = 0
        switch state.due {
        case .none: break
        case .instant(let at): (dueKind, due) = (1, at)
        case .day(let day): (dueKind, due) = (2, Int64(day))
        }
        let phase: UInt8 =
            switch state.phase {
            case .new: 0
            case .learning: 1
            case .review: 2
            case .relearning: 3
            }
        var flags = phase | dueKind << 2
        if state.leech { flags |= 1 << 4 }
        if state.suspended { flags |= 1 << 5 }
        if state.drillDay != nil { flags |= 1 << 6 }
        var bytes: [UInt8] = [flags]
        bytes.reserveCapacity(24)
        var fields = [
            due, Int64(state.interval), Int64(state.ease), Int64(state.reps), Int64(state.lapses), Int64(state.step),
            Int64(state.stepSeconds), Int64(state.streak),
        ]
        if let drillDay = state.drillDay { fields.append(Int64(drillDay)) }
        for field in fields {
            var value = UInt64(bitPattern: (field << 1) ^ (field >> 63))
            while value >= 0x80 {
                bytes.append(UInt8(value & 0x7F) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }
        return bytes
    }

    /// The state in `bytes`, or nil when they are not a record of either layout.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> CardState? {
        bytes.count == fixedByteCount ? decodeFixed(bytes) : decodeCompact(bytes)
    }

    private static func decodeCompact(_ bytes: UnsafeRawBufferPointer) -> CardState? {
        guard let flags = bytes.first, flags & 0x80 == 0, flags >> 2 & 3 != 3 else { return nil }
        var offset = 1
        func field() -> Int64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1) }
                shift += 7
            }
            return nil
        }
        guard let due = field(), let interval = field(), let ease = field(), let reps = field(), let lapses = field(),
            let step = field(), let stepSeconds = field(), let streak = field()
        else { return nil }
        var state = CardState()
        switch flags & 3 {
        case 1: state.phase = .learning
        case 2: state.phase = .review
        case 3: state.phase = .relearning
        default: state.phase = .new
        }
        switch flags >> 2 & 3 {
        case 1: state.due = .instant(due)
        case 2: state.due = .day(Int(due))
        default: state.due = .none
        }
        state.interval = Int(interval)
        state.ease = Int(ease)
        state.reps = Int(reps)
        state.lapses = Int(lapses)
        state.step = Int(step)
        state.stepSeconds = Int(stepSeconds)
        state.streak = Int(streak)
        state.leech = flags & 1 << 4 != 0
        state.suspended = flags & 1 << 5 != 0
        if flags & 1 << 6 != 0 {
            guard let drillDay = field() else { return nil }
            state.drillDay = Int(drillDay)
        }
        return offset == bytes.count ? state : nil
    }

    private static func decodeFixed(_ bytes: UnsafeRawBufferPointer) -> CardState? {
        func field(_ index: Int) -> Int64 { Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: Int64.self)) }
        var state = CardState()
        switch field(0) {
        case 1: state.phase = .learning
        case 2: state.phase = .review
        case 3: state.phase = .relearning
        default: state.phase = .new
        }
        switch field(1) {
        case 1: state.due = .instant(field(2))
        case 2: state.due = .day(Int(field(2)))
        default: state.due = .none
        }
        state.interval = Int(field(3))
        state.ease = Int(field(4))
        state.reps = Int(field(5))
        state.lapses = Int(field(6))
        state.step = Int(field(7))
        state.stepSeconds = Int(field(8))
        state.streak = Int(field(9))
        let flags = field(10)
        state.leech = flags & 1 != 0
        state.suspended = flags & 2 != 0
        state.drillDay = flags & 4 != 0 ? Int(field(11)) : nil
        return state
    }
}
