import HoneCore
import HoneDeck

/// Every card of the decks once, with its state, for the stats; and where a key from the log
/// is in that list. The stored states already number every answered card by a slot, so a key
/// is found through the slot (one probe of a table kept in key order) rather than through a
/// dictionary of a hundred thousand strings built for the purpose; only cards without a
/// state (never answered) are kept in a dictionary.
struct StatsCardList: Sendable {
    private(set) var cards: [StatsBuilder.Card] = []
    private let states: CardStates
    /// The position in `cards` of each state slot's card, or -1 when it is not in the decks.
    private var cardOfSlot: [Int32]
    private var unanswered: [String: Int] = [:]

    init(_ decks: [DeckIndex], states: CardStates) {
        self.states = states
        cardOfSlot = [Int32](repeating: -1, count: states.slotCount)
        cards.reserveCapacity(decks.reduce(0) { $0 + $1.count })
        for deck in decks {
            let slots = states.slots(of: deck.keys)
            for position in 0..<deck.count {
                let key = deck.keys[position]
                let state: CardState
                let slot = slots[position]
                if slot >= 0 {
                    // A key in two decks counts once, where it first appears.
                    guard cardOfSlot[slot] < 0 else { continue }
                    cardOfSlot[slot] = Int32(cards.count)
                    state = states.state(atSlot: slot)
                } else {
                    guard unanswered[key] == nil else { continue }
                    unanswered[key] = cards.count
                    state = states[key] ?? .new
                }
                cards.append(
                    StatsBuilder.Card(
                        key: key, skill: deck.skill, path: deck.path, line: Int(deck.lines[position]), state: state))
            }
        }
    }

    /// The position of each key's card in `cards`, or nil when it is not in the decks; the
    /// keys looked up together, as `CardStates.slots(of:)` does.
    func indexes(of keys: [String]) -> [Int?] {
        let slots = states.slots(of: keys)
        return keys.indices.map { index in
            let slot = slots[index]
            guard slot >= 0 else { return unanswered[keys[index]] }
            let card = cardOfSlot[slot]
            return card < 0 ? nil : Int(card)
        }
    }
}
