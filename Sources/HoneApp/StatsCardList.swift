import HoneCore
import HoneDeck
import HoneStore

/// Every card of the decks once, with its state, for the stats; and where a key from the log
/// is in that list. A key with a stored state is found through the states' own table (a
/// column of positions beside it) rather than through a dictionary of a hundred thousand
/// strings built for the purpose; only cards without a state (never answered) are kept in a
/// dictionary.
struct StatsCardList: Sendable {
    private(set) var cards: [StatsBuilder.Card] = []
    private let states: CardStates
    /// The position in `cards` of each stored state's card, or -1 when it is not in the decks.
    private var cardOfState: CardStates.Column<Int32>
    private var unanswered: [String: Int] = [:]

    init(_ decks: [DeckIndex], states: CardStates) {
        self.states = states
        cardOfState = states.column(of: -1)
        cards.reserveCapacity(decks.reduce(0) { $0 + $1.count })
        for deck in decks {
            let found = states.lookUp(deck.keys)
            for position in 0..<deck.count {
                let key = deck.keys[position]
                let state: CardState
                if let handle = found[position] {
                    // A key in two decks counts once, where it first appears.
                    guard cardOfState[handle] < 0 else { continue }
                    cardOfState[handle] = Int32(cards.count)
                    state = states[handle]
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
    /// keys looked up together (`CardStates.lookUp`).
    func indexes(of keys: [String]) -> [Int?] {
        let found = states.lookUp(keys)
        return keys.indices.map { index in
            guard let handle = found[index] else { return unanswered[keys[index]] }
            let card = cardOfState[handle]
            return card < 0 ? nil : Int(card)
        }
    }
}
