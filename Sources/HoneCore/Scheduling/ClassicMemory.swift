/// What SuperMemo's SM-2 (the `classic` preset) remembers of a card besides its interval and
/// ease; the `anki` preset has no use for it.
public struct ClassicMemory: Hashable, Sendable {
    /// SM-2's repetition count `n`: successes since the last failure.
    public var streak: Int
    /// The day on which the card comes back as a drill until rated 4 or 5 (SM-2's session
    /// rule), or nil.
    public var drillDay: Int?

    public init(streak: Int = 0, drillDay: Int? = nil) {
        self.streak = streak
        self.drillDay = drillDay
    }
}
