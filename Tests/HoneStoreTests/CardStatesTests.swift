import HoneCore
import Testing

@testable import HoneStore

@Suite("card states table")
struct CardStatesTests {
    func loaded(_ pairs: [(String, CardState)], index: Bool = true) -> CardStates {
        var states = CardStates(minimumCapacity: 100)
        for (key, state) in pairs {
            var key = key
            key.withUTF8 { states.load(state, forKeyBytes: $0) }
        }
        if index { states.finishLoading() }
        return states
    }

    func state(lapses: Int) -> CardState {
        var state = CardState()
        state.lapses = lapses
        return state
    }

    /// Loaded as a session loads them (no lookups while loading, one index at the end; more
    /// keys than the capacity hint, so the table is sized at the end), then looked up one by
    /// one and many at once: the same answers as a dictionary gives.
    @Test func loadedStatesAreFoundOneByOneAndManyAtOnce() {
        let pairs = (0..<3000).map { ("deck/card-\($0)", state(lapses: $0)) }
        let expected = Dictionary(uniqueKeysWithValues: pairs)
        let unindexed = loaded(pairs, index: false)
        #expect(unindexed["deck/card-7"]?.lapses == 7, "found before indexing too")
        let states = loaded(pairs)
        #expect(states.count == 3000)
        #expect(states.dictionary == expected)
        let asked = (0..<4000).map { "deck/card-\($0)" } + ["", "deck/card-7", "deck/missing"]
        for (key, found) in zip(asked, states.lookUp(asked)) {
            #expect(found.map { states[$0] } == expected[key], "\(key)")
            #expect(states[key] == expected[key], "\(key)")
        }
    }

    @Test func keysAreMatchedByteForByte() {
        let states = loaded([("\u{E9}", state(lapses: 1))])
        #expect(states["e\u{301}"] == nil)
        #expect(states["\u{E9}"]?.lapses == 1)
    }

    /// A column notes something per stored state through the handles `lookUp` gives; the keys
    /// never noted are what the agenda calls orphans, in key order.
    @Test func aColumnNotesCardsFoundAndNamesTheOthers() {
        let states = loaded(["d/b", "d/a", "gone/x", "d/c", "gone/é"].map { ($0, state(lapses: 0)) })
        var inDecks = states.column(of: false)
        var firstSeen = states.column(of: -1)
        for (position, found) in states.lookUp(["d/a", "d/new", "d/b", "d/c", "d/a"]).enumerated() {
            guard let handle = found else { continue }
            inDecks[handle] = true
            if firstSeen[handle] < 0 { firstSeen[handle] = position }
        }
        #expect(states.keys(where: inDecks) { !$0 } == ["gone/x", "gone/é"])
        let handles = states.lookUp(["d/a", "d/b", "d/c"]).compactMap { $0 }
        #expect(handles.map { firstSeen[$0] } == [0, 2, 3])
    }
}
