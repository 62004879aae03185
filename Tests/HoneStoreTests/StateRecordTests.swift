import HoneCore
import Testing

@testable import HoneStore

@Suite("stored state records")
struct StateRecordTests {
    static let seed: UInt64 = 20_260_303

    /// States with every field set, small, large and negative, each kind of due, drill or not.
    static var samples: [CardState] {
        var samples: [CardState] = [.new]
        var generator = SplitMix64(seed: seed)
        let values: [Int] = [0, 1, -1, 63, 64, -65, 2500, 36_500, 1_795_761_480, Int(Int32.max) + 7, Int.max, Int.min]
        for index in 0..<400 {
            var state = CardState()
            state.phase = CardState.Phase.allCases[index % 4]
            let pick = { values[Int.random(in: 0..<values.count, using: &generator)] }
            switch index % 3 {
            case 0: state.due = .none
            case 1: state.due = .instant(Int64(pick()))
            default: state.due = .day(pick())
            }
            state.interval = pick()
            state.ease = pick()
            state.reps = pick()
            state.lapses = pick()
            state.step = pick()
            state.stepSeconds = pick()
            state.streak = pick()
            state.leech = index % 5 == 0
            state.suspended = index % 7 == 0
            state.drillDay = index % 2 == 0 ? pick() : nil
            samples.append(state)
        }
        return samples
    }

    @Test func everyStateComesBackExactlyAndSmall() {
        for state in Self.samples {
            let bytes = StateRecord.encode(state)
            #expect(bytes.count < StateRecord.fixedByteCount, "seed \(Self.seed): \(state)")
            #expect(bytes.withUnsafeBytes { StateRecord.decode($0) } == state, "seed \(Self.seed)")
        }
        var typical = CardState()
        typical.phase = .review
        typical.due = .day(20_500)
        typical.interval = 42
        typical.ease = 2500
        typical.reps = 7
        #expect(StateRecord.encode(typical).count <= 12, "a review card in a dozen bytes, not 96")
    }

    /// What an earlier hone wrote: twelve little-endian 64-bit integers.
    @Test func theFirstLayoutIsStillRead() {
        let fields: [Int64] = [2, 2, 20_500, 42, 2500, 7, 1, 0, 0, 3, 1 | 4, 20_499]
        var bytes: [UInt8] = []
        for field in fields { withUnsafeBytes(of: field.littleEndian) { bytes.append(contentsOf: $0) } }
        let state = bytes.withUnsafeBytes { StateRecord.decode($0) }
        #expect(state?.phase == .review)
        #expect(state?.due == .day(20_500))
        #expect(state?.interval == 42 && state?.ease == 2500 && state?.reps == 7 && state?.lapses == 1 && state?.streak == 3)
        #expect(state?.leech == true && state?.suspended == false && state?.drillDay == 20_499)
    }

    @Test func damagedRecordsAreRefused() {
        let good = StateRecord.encode(Self.samples[5])
        for length in 0..<good.count {
            #expect(Array(good.prefix(length)).withUnsafeBytes { StateRecord.decode($0) } == nil, "cut at \(length)")
        }
        #expect((good + [0]).withUnsafeBytes { StateRecord.decode($0) } == nil, "a byte too many")
        #expect([0xFF, 0, 0, 0, 0, 0, 0, 0, 0].withUnsafeBytes { StateRecord.decode($0) } == nil, "unknown flags")
    }
}
