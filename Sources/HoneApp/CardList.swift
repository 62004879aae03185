import HoneCore
import HoneDeck
import HoneStore

/// `hone cards`: every card of the decks with its stored state (new when it has none).
public enum CardList {
    /// The cards `query` asks for (`CardQuery`; every card when it is empty), in folder order
    /// and deck order, each with its deck's id.
    public static func rows(_ workspace: Workspace, query: [String]) throws -> [(
        deck: String, card: Card, state: CardState
    )] {
        let states = try workspace.openStore().states()
        let all = workspace.loadDecks()
        let parsed = try CardQuery(query, names: all.flatMap { [$0.id, $0.name, $0.skill] })
        let now = workspace.nowSeconds
        let today = workspace.clock.day(of: now)
        return all.flatMap { deck in
            deck.cards.compactMap { card in
                let state = states[card.key] ?? .new
                guard parsed.matches(card, of: deck, state: state, now: now, today: today) else { return nil }
                return (deck.id, card, state)
            }
        }
    }
}
