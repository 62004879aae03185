import HoneCore

/// The card states a session changed, in the order it saved them, so that the closing counts
/// ("still due today") start from the states read at the start plus these, instead of reading
/// every state again and looking up every card: at 100,000 cards that was a third of a short
/// session's time.
final class SessionChanges {
    private enum Change {
        case state(CardState)
        case suspended
    }

    private var changes: [(card: String, change: Change)] = []
    /// The card of each answer saved, by the answer's id, for an undo that names only the id.
    private var cardOfAnswer: [String: String] = [:]

    func answered(_ entry: ReviewLogEntry, state: CardState) {
        cardOfAnswer[entry.id] = entry.card
        changes.append((entry.card, .state(state)))
    }

    /// An undo of the answer `id` brought its card back to `state` (nil: nothing was undone).
    func undone(_ id: String, state: CardState?) {
        guard let state, let card = cardOfAnswer[id] else { return }
        changes.append((card, .state(state)))
    }

    func suspended(card: String) { changes.append((card, .suspended)) }

    /// Each changed card's state now, from `states` (read at the start) and every change in order.
    func latest(from states: CardStates) -> [String: CardState] {
        var latest: [String: CardState] = [:]
        for (card, change) in changes {
            switch change {
            case .state(let state):
                latest[card] = state
            case .suspended:
                var state = latest[card] ?? states[card] ?? .new
                state.suspended = true
                latest[card] = state
            }
        }
        return latest
    }
}
