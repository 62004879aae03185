import HoneCore
import HoneDeck
import HoneStore

/// `hone suspend`, `unsuspend`, `bury`, `forget` and `undo`: a change of a card's scheduling
/// from the command line, appended to the event log like every other (the state follows by
/// replay, in the same transaction).
public enum CardActions {
    /// What one action did: the event appended and the card's state after it.
    public struct Done: Sendable {
        public let event: LogEvent
        public let state: CardState
    }

    /// The card keys `words` name: a full key (`deck/card`) of a card in the decks or with a
    /// history, or a card id alone (what follows the key's last `/`; deck ids have slashes of
    /// their own) when exactly one deck has a card of that id. All of them
    /// are checked before anything is written.
    public static func keys(for words: [String], decks: [DeckIndex], store: Store) throws -> [String] {
        var known = Set<String>()
        var byID: [String: [String]] = [:]
        for deck in decks {
            for key in deck.keys {
                known.insert(key)
                if let slash = key.lastIndex(of: "/") {
                    byID[String(key[key.index(after: slash)...]), default: []].append(key)
                }
            }
        }
        let states = try store.states()
        var keys: [String] = []
        for word in words {
            if known.contains(word) || states[word] != nil {
                keys.append(word)
            } else if let matches = byID[word], matches.count == 1 {
                keys.append(matches[0])
            } else if let matches = byID[word] {
                throw HoneError(.ambiguousCard(word, matches: matches.sorted()))
            } else {
                throw HoneError(.noCard(word, suggestion: Suggestion.closest(to: word, among: Array(known))))
            }
        }
        return keys
    }

    /// Appends `action` (suspend, unsuspend, bury or forget) for each card `words` name, now.
    /// Words with a `:` (`tag:x`, `state:due`, `deck:y`) are a query, as `hone cards` reads it,
    /// all of them together: the cards it finds are acted on only when `confirm` (given their
    /// keys) agrees, as a query may name more than meant.
    public static func apply(
        _ action: EventAction, to words: [String], in workspace: Workspace,
        confirm: ([String]) throws -> Bool = { _ in true }
    ) throws -> [Done] {
        let store = try workspace.openStore()
        let query = words.filter { $0.contains(":") }
        var keys = try keys(for: words.filter { !$0.contains(":") }, decks: workspace.loadIndexes(), store: store)
        if !query.isEmpty {
            let found = try CardList.rows(workspace, query: query).map(\.card.key)
            if found.isEmpty { throw HoneError(.noCard(query.joined(separator: " "), suggestion: nil)) }
            guard try confirm(found) else { return [] }
            keys += found.filter { !keys.contains($0) }
        }
        return try keys.map { key in try append(action, card: key, workspace: workspace, store: store) }
    }

    /// Takes back the newest event of the log that is not an undo and not yet taken back (of
    /// this session or an earlier one); nil when there is none.
    public static func undoLast(in workspace: Workspace) throws -> (undone: LogEvent, done: Done)? {
        let store = try workspace.openStore()
        guard let last = try store.lastEventStanding() else { return nil }
        let done = try append(.undo(target: last.id), card: last.card, workspace: workspace, store: store)
        return (last, done)
    }

    private static func append(_ action: EventAction, card: String, workspace: Workspace, store: Store) throws
        -> Done
    {
        let time = workspace.nowMilliseconds
        let recorded = try store.append(
            action, card: card, at: time, utcOffset: Int(workspace.clock.offset(at: time / 1000)),
            replay: workspace.replay)
        return Done(event: recorded.event, state: recorded.step.after)
    }
}
