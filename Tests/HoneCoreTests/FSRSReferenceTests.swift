import Foundation
import Testing

@testable import HoneCore

/// hone's FSRS formulas against fsrs-rs itself: `Fixtures/fsrs-next-states.json`, written by
/// `Tests/Scripts/fsrs-references.py` from fsrs-rs-python 0.9.3 (2,420 `next_states` cases over 44
/// weight sets: FSRS-6's defaults, random valid ones, FSRS-5's and FSRS-4.5's filled up, some
/// clipped; same-day answers included; and 500 `memory_state_from_sm2` cases). Each number
/// must agree to 1e-4 relative; how many agree to the bit is printed.
@Suite("FSRS against fsrs-rs")
struct FSRSReferenceTests {
    struct Fixture: Decodable {
        struct WeightSet: Decodable {
            let weights: [Double]
            let cases: [Case]
        }
        struct Case: Decodable {
            let state: [Float]?
            let days: Int
            let retention: Float
            /// Again, Hard, Good, Easy: stability, difficulty, interval.
            let next: [[Float]]
        }
        struct SM2Case: Decodable {
            let set: Int
            let ease: Float
            let interval: Float
            let retention: Float
            let state: [Float]?
        }
        let sets: [WeightSet]
        let sm2: [SM2Case]
    }

    static let fixture: Fixture? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fsrs-next-states.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Fixture.self, from: data)
    }()

    /// Counts agreement: bit for bit, within 1e-4 relative, and the cases that differ.
    struct Tally {
        var numbers = 0
        var exact = 0
        var differing: [String] = []

        mutating func check(_ ours: Float, _ theirs: Float, _ what: @autoclosure () -> String) {
            numbers += 1
            if ours == theirs {
                exact += 1
            } else if abs(ours - theirs) > 1e-4 * max(abs(theirs), 1e-6) {
                differing.append("\(what()): hone \(ours), fsrs-rs \(theirs)")
            }
        }
    }

    func model(_ weights: [Double]) throws -> FSRSModel {
        FSRSModel(parameters: try FSRSParameters.make(weights).get())
    }

    @Test func nextStatesMatchFSRSRS() throws {
        let fixture = try #require(Self.fixture, "Fixtures/fsrs-next-states.json is missing or unreadable")
        var tally = Tally()
        var cases = 0
        for (setIndex, set) in fixture.sets.enumerated() {
            let model = try model(set.weights)
            for (caseIndex, item) in set.cases.enumerated() {
                cases += 1
                let state = item.state.map { FSRSMemoryState(stability: $0[0], difficulty: $0[1]) }
                let all = model.nextStates(state, days: Float(item.days))
                for rating in Rating.allCases {
                    let expected = item.next[rating.rawValue - 1]
                    let stepped = model.step(state, rating, days: Float(item.days))
                    let label = "set \(setIndex) case \(caseIndex) \(rating)"
                    #expect(stepped == all[rating.rawValue - 1], "step and nextStates agree: \(label)")
                    tally.check(stepped.stability, expected[0], "\(label) stability")
                    tally.check(stepped.difficulty, expected[1], "\(label) difficulty")
                    let interval = model.interval(stability: stepped.stability, retention: item.retention)
                    tally.check(interval, expected[2], "\(label) interval")
                }
            }
        }
        #expect(cases >= 2400)
        #expect(tally.differing.isEmpty, "\(tally.differing.count) differ: \(tally.differing.prefix(10))")
        print("FSRS next_states: \(cases) cases, \(tally.exact) of \(tally.numbers) numbers bit-exact to fsrs-rs")
    }

    @Test func memoryFromSM2MatchesFSRSRS() throws {
        let fixture = try #require(Self.fixture, "Fixtures/fsrs-next-states.json is missing or unreadable")
        var tally = Tally()
        var refusals = 0
        for (index, item) in fixture.sm2.enumerated() {
            let model = try model(fixture.sets[item.set].weights)
            let ours = model.memoryFromSM2(ease: item.ease, interval: item.interval, retention: item.retention)
            guard let expected = item.state else {
                refusals += 1
                #expect(ours == nil, "case \(index): fsrs-rs refuses, hone gives \(String(describing: ours))")
                continue
            }
            guard let ours else {
                Issue.record("case \(index): hone refuses, fsrs-rs gives \(expected)")
                continue
            }
            tally.check(ours.stability, expected[0], "sm2 case \(index) stability")
            tally.check(ours.difficulty, expected[1], "sm2 case \(index) difficulty")
        }
        #expect(fixture.sm2.count >= 500)
        #expect(tally.differing.isEmpty, "\(tally.differing.count) differ: \(tally.differing.prefix(10))")
        print(
            "FSRS memory_state_from_sm2: \(fixture.sm2.count) cases (\(refusals) refused by both), "
                + "\(tally.exact) of \(tally.numbers) numbers bit-exact to fsrs-rs")
    }
}
