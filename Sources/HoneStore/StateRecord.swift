import HoneCore

/// A card state as the database keeps it: one blob, not a column a field, because a session
/// starts by loading every state and reading columns one by one cost more than the rest of
/// the start-up. Written compact: a header byte, then only the numbers the card's phase holds
/// as zigzag varints (a review card in about 10 bytes), so the table is few pages to read.
///
/// Two earlier layouts are still read, so that no database needs a migration to be opened:
/// twelve little-endian 64-bit integers (96 bytes, which no compact record reaches), and a
/// compact record of every field of the old flat state (its header's top bit clear, where
/// this layout's is set). They lack what this layout keeps (the due day of a relearning
/// card's review, whether a `classic` card has a memory), so the store rebuilds states
/// written by an earlier layout once, through `marked(_:)`.
enum StateRecord {
    /// The layout written, named in the stored states' fingerprint.
    static let layout = 3
    static let fixedByteCount = 12 * 8

    // The header byte: the phase in the low two bits, then flags.
    private static let layoutBit: UInt8 = 1 << 7
    private static let phaseBits: UInt8 = 0b11
    private static let stepDueIsDay: UInt8 = 1 << 2
    private static let leechBit: UInt8 = 1 << 3
    private static let suspendedBit: UInt8 = 1 << 4
    private static let buriedBit: UInt8 = 1 << 5
    private static let memoryBit: UInt8 = 1 << 6

    /// What follows the memory bit: which algorithm's memory, and what it holds.
    private static let classicMemory: Int64 = 0
    private static let classicMemoryWithDrill: Int64 = 1
    /// The `fsrs` preset's: stability and difficulty as the bits of their 32-bit floats (kept
    /// exactly), then the last answer's instant unless it is taken from the schedule.
    private static let fsrsMemory: Int64 = 2
    private static let fsrsMemoryWithLastReview: Int64 = 3

    static func encode(_ state: CardState) -> [UInt8] {
        var header = layoutBit | phaseCode(state.phase)
        if state.leech { header |= leechBit }
        if state.suspended { header |= suspendedBit }
        if state.buriedDay != nil { header |= buriedBit }
        if state.memory != nil { header |= memoryBit }
        if case .day = state.phaseState.learning?.due { header |= stepDueIsDay }
        var bytes: [UInt8] = [header]
        bytes.reserveCapacity(16)
        func put(_ value: Int) { putVarint(Int64(value), into: &bytes) }
        if let learning = state.phaseState.learning {
            put(learning.step)
            put(learning.stepSeconds)
            switch learning.due {
            case .instant(let at): putVarint(at, into: &bytes)
            case .day(let day): put(day)
            }
        }
        if let review = state.phaseState.review {
            put(review.dueDay)
            put(review.intervalDays)
            put(review.easePermille)
        }
        put(state.reps)
        put(state.lapses)
        if let buriedDay = state.buriedDay { put(buriedDay) }
        switch state.memory {
        case nil: break
        case .classic(let classic):
            putVarint(classic.drillDay == nil ? classicMemory : classicMemoryWithDrill, into: &bytes)
            put(classic.streak)
            if let drillDay = classic.drillDay { put(drillDay) }
        case .fsrs(let fsrs):
            putVarint(fsrs.lastReview == nil ? fsrsMemory : fsrsMemoryWithLastReview, into: &bytes)
            putVarint(Int64(fsrs.state.stability.bitPattern), into: &bytes)
            putVarint(Int64(fsrs.state.difficulty.bitPattern), into: &bytes)
            if let lastReview = fsrs.lastReview { putVarint(lastReview, into: &bytes) }
        }
        return bytes
    }

    /// The state in `bytes`, or nil when they are not a record of any layout.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> CardState? {
        if bytes.count == fixedByteCount { return decodeFixed(bytes) }
        guard let header = bytes.first else { return nil }
        return header & layoutBit != 0 ? decodeCurrent(bytes) : decodeFlat(bytes)
    }

    /// Whether `bytes` are a record `decode` reads, told without building the state: a session
    /// start checks every record as it loads and decodes only the ones it reads. Exactly the
    /// records `decode` accepts (the tests compare the two over every state they build).
    static func isReadable(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let header = bytes.first, bytes.count != fixedByteCount, header & layoutBit != 0 else {
            return decode(bytes) != nil
        }
        let phase = phase(code: header)
        let learns = phase == .learning || phase == .relearning
        if !learns && header & stepDueIsDay != 0 { return false }
        var fieldCount = 2
        if learns { fieldCount += 3 }
        if phase == .review || phase == .relearning { fieldCount += 3 }
        if header & buriedBit != 0 { fieldCount += 1 }
        var fields = Fields(bytes: bytes)
        for _ in 0..<fieldCount where fields.next() == nil { return false }
        if header & memoryBit != 0 {
            guard let kind = fields.next(), kind == classicMemory || kind == classicMemoryWithDrill else {
                // An FSRS memory is rarer and its floats need checking: decode it.
                return decode(bytes) != nil
            }
            guard fields.next() != nil else { return false }
            if kind == classicMemoryWithDrill, fields.next() == nil { return false }
        }
        return fields.isAtEnd
    }

    /// `fingerprint` (the settings the states were computed with) as stored with states of
    /// this layout.
    static func marked(_ fingerprint: String) -> String {
        "\(fingerprint)|layout \(layout)"
    }

    /// The fingerprint in a stored one, or nil when the states were written by an earlier
    /// layout: they then read as computed with other settings, and are rebuilt.
    static func unmarked(_ stored: String) -> String? {
        let mark = "|layout \(layout)"
        guard stored.hasSuffix(mark) else { return nil }
        return String(stored.dropLast(mark.count))
    }

    private static func phaseCode(_ phase: CardState.Phase) -> UInt8 {
        switch phase {
        case .new: 0
        case .learning: 1
        case .review: 2
        case .relearning: 3
        }
    }

    private static func phase(code: UInt8) -> CardState.Phase {
        switch code & phaseBits {
        case 1: .learning
        case 2: .review
        case 3: .relearning
        default: .new
        }
    }

    private static func putVarint(_ value: Int64, into bytes: inout [UInt8]) {
        var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while zigzag >= 0x80 {
            bytes.append(UInt8(zigzag & 0x7F) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    /// Reads the zigzag varints after a header byte.
    private struct Fields {
        let bytes: UnsafeRawBufferPointer
        var offset = 1

        var isAtEnd: Bool { offset == bytes.count }

        mutating func next() -> Int64? {
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

        mutating func nextInt() -> Int? { next().map { Int($0) } }
    }

    private static func decodeCurrent(_ bytes: UnsafeRawBufferPointer) -> CardState? {
        let header = bytes[0]
        let phase = phase(code: header)
        var fields = Fields(bytes: bytes)
        var learning: LearningState?
        if phase == .learning || phase == .relearning {
            guard let step = fields.nextInt(), let stepSeconds = fields.nextInt(), let due = fields.next() else {
                return nil
            }
            let stepDue: LearningState.Due = header & stepDueIsDay != 0 ? .day(Int(due)) : .instant(due)
            learning = LearningState(step: step, stepSeconds: stepSeconds, due: stepDue)
        } else if header & stepDueIsDay != 0 {
            return nil
        }
        var review: ReviewState?
        if phase == .review || phase == .relearning {
            guard let dueDay = fields.nextInt(), let interval = fields.nextInt(), let ease = fields.nextInt() else {
                return nil
            }
            review = ReviewState(intervalDays: interval, easePermille: ease, dueDay: dueDay)
        }
        let phaseState: PhaseState
        switch (learning, review) {
        case (let learning?, let review?): phaseState = .relearning(RelearningState(learning: learning, review: review))
        case (let learning?, nil): phaseState = .learning(learning)
        case (nil, let review?): phaseState = .review(review)
        case (nil, nil): phaseState = .new
        }
        guard let reps = fields.nextInt(), let lapses = fields.nextInt() else { return nil }
        var state = CardState(
            phaseState, reps: reps, lapses: lapses, leech: header & leechBit != 0, suspended: header & suspendedBit != 0
        )
        if header & buriedBit != 0 {
            guard let buriedDay = fields.nextInt() else { return nil }
            state.buriedDay = buriedDay
        }
        if header & memoryBit != 0 {
            guard let kind = fields.next() else { return nil }
            switch kind {
            case classicMemory, classicMemoryWithDrill:
                guard let streak = fields.nextInt() else { return nil }
                var classic = ClassicMemory(streak: streak)
                if kind == classicMemoryWithDrill {
                    guard let drillDay = fields.nextInt() else { return nil }
                    classic.drillDay = drillDay
                }
                state.memory = .classic(classic)
            case fsrsMemory, fsrsMemoryWithLastReview:
                guard let stability = fields.next().flatMap(UInt32.init(exactly:)),
                    let difficulty = fields.next().flatMap(UInt32.init(exactly:))
                else { return nil }
                var lastReview: Int64?
                if kind == fsrsMemoryWithLastReview {
                    guard let instant = fields.next() else { return nil }
                    lastReview = instant
                }
                let memory = FSRSMemoryState(
                    stability: Float(bitPattern: stability), difficulty: Float(bitPattern: difficulty))
                // hone writes finite states with a positive stability; anything else is damage.
                guard memory.stability.isFinite, memory.stability > 0, memory.difficulty.isFinite else { return nil }
                state.memory = .fsrs(FSRSMemory(state: memory, lastReview: lastReview))
            default:
                return nil
            }
        }
        return fields.isAtEnd ? state : nil
    }

    /// The state the fields of the old flat struct stand for: the `classic` preset's two kept
    /// as its memory when either is set.
    private static func flatState(
        phase: CardState.Phase, due: CardState.Due, interval: Int, ease: Int, reps: Int, lapses: Int, step: Int,
        stepSeconds: Int, streak: Int, leech: Bool, suspended: Bool, drillDay: Int?
    ) -> CardState {
        let phaseState = PhaseState(
            phase: phase, due: due, interval: interval, ease: ease, step: step, stepSeconds: stepSeconds)
        let memory: SchedulerMemory? =
            streak != 0 || drillDay != nil ? .classic(ClassicMemory(streak: streak, drillDay: drillDay)) : nil
        return CardState(phaseState, reps: reps, lapses: lapses, leech: leech, suspended: suspended, memory: memory)
    }

    /// The second layout: a byte of flags (phase, due kind, leech, suspended, drill day), then
    /// every field of the flat state.
    private static func decodeFlat(_ bytes: UnsafeRawBufferPointer) -> CardState? {
        let flags = bytes[0]
        guard flags >> 2 & 3 != 3 else { return nil }
        var fields = Fields(bytes: bytes)
        guard let due = fields.next(), let interval = fields.nextInt(), let ease = fields.nextInt(),
            let reps = fields.nextInt(), let lapses = fields.nextInt(), let step = fields.nextInt(),
            let stepSeconds = fields.nextInt(), let streak = fields.nextInt()
        else { return nil }
        let cardDue: CardState.Due
        switch flags >> 2 & 3 {
        case 1: cardDue = .instant(due)
        case 2: cardDue = .day(Int(due))
        default: cardDue = .none
        }
        var drillDay: Int?
        if flags & 1 << 6 != 0 {
            guard let day = fields.nextInt() else { return nil }
            drillDay = day
        }
        guard fields.isAtEnd else { return nil }
        return flatState(
            phase: phase(code: flags), due: cardDue, interval: interval, ease: ease, reps: reps, lapses: lapses,
            step: step, stepSeconds: stepSeconds, streak: streak, leech: flags & 1 << 4 != 0,
            suspended: flags & 1 << 5 != 0, drillDay: drillDay)
    }

    /// The first layout: twelve little-endian 64-bit integers.
    private static func decodeFixed(_ bytes: UnsafeRawBufferPointer) -> CardState? {
        func field(_ index: Int) -> Int64 {
            Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: Int64.self))
        }
        let due: CardState.Due
        switch field(1) {
        case 1: due = .instant(field(2))
        case 2: due = .day(Int(field(2)))
        default: due = .none
        }
        let flags = field(10)
        // An unknown phase number read as new, as the first hone read it.
        let phaseCode = (0...3).contains(field(0)) ? UInt8(field(0)) : 0
        return flatState(
            phase: phase(code: phaseCode), due: due, interval: Int(field(3)),
            ease: Int(field(4)), reps: Int(field(5)), lapses: Int(field(6)), step: Int(field(7)),
            stepSeconds: Int(field(8)), streak: Int(field(9)), leech: flags & 1 != 0, suspended: flags & 2 != 0,
            drillDay: flags & 4 != 0 ? Int(field(11)) : nil)
    }
}
