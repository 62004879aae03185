import Testing

@testable import HoneCore

@Suite("card states table")
struct CardStatesTests {
    @Test func storesFindsAndReplacesByKey() {
        var states = CardStates(minimumCapacity: 10)
        var expected: [String: CardState] = [:]
        for index in 0..<5000 {
            var state = CardState()
            state.interval = index
            let key = "deck/card-\(index % 3000)"
            states[key] = state
            expected[key] = state
        }
        #expect(states.count == 3000)
        #expect(states.dictionary == expected)
        #expect(states["deck/card-42"]?.interval == 3042)
        #expect(states["deck/missing"] == nil)
        #expect(states["e\u{301}"] == nil)
        var accent = CardState()
        accent.reps = 1
        states["\u{E9}"] = accent
        #expect(states["e\u{301}"] == nil, "keys are matched byte for byte")
        #expect(states["\u{E9}"]?.reps == 1)
    }
}
