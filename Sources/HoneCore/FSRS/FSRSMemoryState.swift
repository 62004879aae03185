/// FSRS's model of a memory: stability (the days until recall falls to 90%) and difficulty
/// (1 to 10), as `fsrs-rs`'s `MemoryState`.
public struct FSRSMemoryState: Hashable, Sendable {
    public var stability: Float
    public var difficulty: Float

    public init(stability: Float, difficulty: Float) {
        self.stability = stability
        self.difficulty = difficulty
    }

    /// As Anki stores it in a card (`CardData::convert_to_json`): stability to four decimals,
    /// difficulty to three, in 32-bit floats. Anki computes a card's next answer from the stored
    /// state, so hone rounds every state it keeps the same way.
    public var stored: FSRSMemoryState {
        FSRSMemoryState(
            stability: (stability * 10_000).rounded() / 10_000, difficulty: (difficulty * 1000).rounded() / 1000)
    }
}
