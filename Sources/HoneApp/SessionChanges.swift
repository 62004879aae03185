import Foundation
import HoneCore

/// The card states a session changed, the latest of each, so that the closing counts ("still
/// due today") start from the states read at the start plus these, instead of reading every
/// state again and looking up every card: at 100,000 cards that was a third of a short
/// session's time.
final class SessionChanges {
    private(set) var latest: [String: CardState] = [:]

    /// An event was saved: its card is now in the state the log says.
    func recorded(_ recorded: RecordedEvent) {
        latest[recorded.event.card] = recorded.step.after
    }
}
