/// A card the simulator starts from, as `fsrs-rs`'s simulator `Card`: one already learned,
/// with its memory state and its schedule in days counted from the simulation's first day
/// (0 is today), or one never seen.
public struct SimulatedCard: Hashable, Sendable {
    /// Nil for a card never answered.
    public var memory: FSRSMemoryState?
    /// The day of the last answer: 0 or before for a card answered before the simulation.
    public var lastDay: Int
    /// The day the card is next due (0 for an overdue card: it is reviewed today).
    public var dueDay: Int
    public var lapses: Int

    /// A card already learned. An overdue card is due today.
    public init(memory: FSRSMemoryState, lastDay: Int, dueDay: Int, lapses: Int = 0) {
        self.memory = memory
        self.lastDay = min(lastDay, 0)
        self.dueDay = max(dueDay, 0)
        self.lapses = lapses
    }

    private init() {
        memory = nil
        lastDay = 0
        dueDay = 0
        lapses = 0
    }

    /// A card never seen, introduced when the daily limit of new cards allows.
    public static let unseen = SimulatedCard()
}
