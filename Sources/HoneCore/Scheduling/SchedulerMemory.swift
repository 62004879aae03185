/// What one scheduling algorithm keeps of a card beyond its phase: carried with the state,
/// read only by the algorithm that wrote it. The place an FSRS memory (stability, difficulty)
/// goes when FSRS is added.
public enum SchedulerMemory: Hashable, Sendable {
    case classic(ClassicMemory)

    /// The `classic` preset's memory, or nil when another algorithm wrote this one.
    public var classic: ClassicMemory? {
        switch self {
        case .classic(let memory): memory
        }
    }
}
