import HoneCore
import HoneDeck
import HoneStore

/// `hone card KEY`: one card as a learner looks it up: its text, where it is written, where
/// it stands, and its whole history, each event with what it did.
public struct CardDetail: Sendable {
    /// One event of the card's history and the state after it.
    public struct Entry: Sendable {
        public let event: LogEvent
        public let after: CardState
        /// For an answer: the kind it counted as (new, learning, review, relearning...).
        public let kind: ScheduledAnswer.Kind?
        public let isTakenBack: Bool
    }

    public let key: String
    /// The card as its deck has it now; nil when it is no longer in any deck (its history kept).
    public let card: Card?
    public let deckName: String?
    public let path: String?
    public let state: CardState
    public let history: [Entry]

    /// The card `word` names (a key, or a card id one deck has).
    public init(_ word: String, in workspace: Workspace) throws {
        let store = try workspace.openStore()
        // The decks read once, whole (the card's text is shown): their indexes name the keys.
        let decks = workspace.loadDecks()
        guard let key = try CardActions.keys(for: [word], decks: decks.map(DeckIndex.init), store: store).first else {
            throw HoneError(.noCard(word, suggestion: nil))
        }
        self.key = key
        let deck = decks.first { deck in deck.cards.contains { $0.key == key } }
        card = deck?.cards.first { $0.key == key }
        deckName = deck?.name
        path = deck?.path
        let events = try store.events(card: key)
        var history: [Entry] = []
        state = workspace.replay.card(events, key: key) { event, step in
            history.append(
                Entry(event: event, after: step.after, kind: step.outcome?.kind, isTakenBack: step.isTakenBack))
        }
        self.history = history
    }
}
