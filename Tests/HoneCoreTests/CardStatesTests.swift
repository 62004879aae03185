import Testing

@testable import HoneCore

@Suite("card states table")
struct CardStatesTests {
    @Test func storesFindsAndReplacesByKey() {
        var states = CardStates(minimumCapacity: 10)
        var expected: [String: CardState] = [:]
        for index in 0..<5000 {
            var state = CardState()
            state.lapses = index
            let key = "deck/card-\(index % 3000)"
            states[key] = state
            expected[key] = state
        }
        #expect(states.count == 3000)
        #expect(states.dictionary == expected)
        #expect(states["deck/card-42"]?.lapses == 3042)
        #expect(states["deck/missing"] == nil)
        #expect(states["e\u{301}"] == nil)
        var accent = CardState()
        accent.reps = 1
        states["\u{E9}"] = accent
        #expect(states["e\u{301}"] == nil, "keys are matched byte for byte")
        #expect(states["\u{E9}"]?.reps == 1)
    }

    /// Loaded as a session loads them (no lookups while loading, one index at the end), then
    /// looked up one by one and many at once: the same answers as a dictionary gives.
    @Test func loadedStatesAreFoundOneByOneAndManyAtOnce() {
        var states = CardStates(minimumCapacity: 100)
        var expected: [String: CardState] = [:]
        // More keys than the capacity hint, so the table is sized at the end.
        for index in 0..<3000 {
            var state = CardState()
            state.lapses = index
            let key = "deck/card-\(index)"
            var bytes = key
            bytes.withUTF8 { states.load(state, forKeyBytes: $0) }
            expected[key] = state
        }
        #expect(states["deck/card-7"]?.lapses == 7, "found before indexing too")
        states.finishLoading()
        #expect(states.dictionary == expected)
        let asked = (0..<4000).map { "deck/card-\($0)" } + ["", "deck/card-7"]
        let slots = states.slots(of: asked)
        for (key, slot) in zip(asked, slots) {
            #expect((slot >= 0 ? states.state(atSlot: slot) : nil) == expected[key], "\(key)")
            #expect(slot == (states.slot(of: key) ?? -1))
            if slot >= 0 { #expect(states.key(atSlot: slot) == key) }
        }
        // Loading more after indexing, then setting: all still found.
        var late = CardState()
        late.reps = 9
        var key = "deck/late"
        key.withUTF8 { states.load(late, forKeyBytes: $0) }
        #expect(states["deck/late"]?.reps == 9)
        #expect(states.slots(of: ["deck/late", "deck/card-1"]).allSatisfy { $0 >= 0 })
        states["deck/card-1"] = late
        #expect(states["deck/card-1"]?.reps == 9)
        #expect(states["deck/late"]?.reps == 9)
        #expect(states.count == 3001)
    }
}
