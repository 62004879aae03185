/// What one scheduling algorithm keeps of a card beyond its phase: carried with the state,
/// read only by the algorithm that wrote it.
public enum SchedulerMemory: Hashable, Sendable {
    case classic(ClassicMemory)
    case fsrs(FSRSMemory)

    /// The `classic` preset's memory, or nil when another algorithm wrote this one.
    public var classic: ClassicMemory? {
        switch self {
        case .classic(let memory): memory
        case .fsrs: nil
        }
    }

    /// The `fsrs` preset's memory, or nil when another algorithm wrote this one.
    public var fsrs: FSRSMemory? {
        switch self {
        case .fsrs(let memory): memory
        case .classic: nil
        }
    }
}
