import HoneCore
import HoneDeck
import HoneStore

/// `hone cards`: every card of the decks with its stored state (new when it has none).
public enum CardList {
    /// The cards of the decks with the ids `deckIDs` (all decks when empty), in folder order
    /// and deck order, each with its deck's id. An id that names no deck is an error.
    public static func rows(_ workspace: Workspace, deckIDs: [String]) throws -> [(
        deck: String, card: Card, state: CardState
    )] {
        let states = try workspace.openStore().states()
        let all = workspace.loadDecks()
        let unknown = deckIDs.filter { name in !all.contains { $0.id == name } }
        if !unknown.isEmpty { throw HoneError(.noDeck(unknown, known: all.map(\.id))) }
        let chosen = deckIDs.isEmpty ? all : all.filter { deckIDs.contains($0.id) }
        return chosen.flatMap { deck in deck.cards.map { (deck.id, $0, states[$0.key] ?? .new) } }
    }
}
