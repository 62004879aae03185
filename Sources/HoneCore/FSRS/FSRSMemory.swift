/// What the `fsrs` preset keeps of a card besides its phase: the memory state as Anki stores it
/// (rounded, see `FSRSMemoryState.stored`) and when the card was last answered, from which the
/// days elapsed at the next answer are counted as Anki counts them.
public struct FSRSMemory: Hashable, Sendable {
    public var state: FSRSMemoryState
    /// Seconds since 1970 of the last answer; nil for a state set by hand or by an import, whose
    /// last review is taken from its schedule (the day it is due less its interval).
    public var lastReview: Int64?

    public init(state: FSRSMemoryState, lastReview: Int64?) {
        self.state = state
        self.lastReview = lastReview
    }
}
