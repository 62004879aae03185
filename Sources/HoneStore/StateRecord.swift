import HoneCore

/// A card state as the database keeps it: twelve little-endian 64-bit integers in one blob.
/// One column instead of a dozen, because a session starts by loading every state, and
/// reading columns one by one cost more than the rest of the start-up.
enum StateRecord {
    static let fieldCount = 12
    static let byteCount = fieldCount * 8

    static func encode(_ state: CardState) -> [UInt8] {
        var dueKind: Int64 = 0
        var due: Int64 = 0
        switch state.due {
        case .none: break
        case .instant(let at): (dueKind, due) = (1, at)
        case .day(let day): (dueKind, due) = (2, Int64(day))
        }
        let phase: Int64 =
            switch state.phase {
            case .new: 0
            case .learning: 1
            case .review: 2
            case .relearning: 3
            }
        let fields: [Int64] = [
            phase, dueKind, due, Int64(state.interval), Int64(state.ease), Int64(state.reps), Int64(state.lapses),
            Int64(state.step), Int64(state.stepSeconds), Int64(state.streak),
            (state.leech ? 1 : 0) | (state.suspended ? 2 : 0) | (state.drillDay == nil ? 0 : 4),
            Int64(state.drillDay ?? 0),
        ]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        for field in fields {
            withUnsafeBytes(of: field.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The state in `bytes`, or nil when they are not a record of this layout.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> CardState? {
        guard bytes.count == byteCount else { return nil }
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
