import Dispatch

/// Two pieces of work at once, on two cores: the machines hone runs on have at least two,
/// and reading the decks and reading the log need nothing from each other.
enum Parallel {
    /// Runs `first` and `second` at the same time and returns both results (or the first
    /// error either threw).
    static func both<A, B>(_ first: @Sendable () throws -> A, _ second: @Sendable () throws -> B) throws -> (A, B) {
        let a = Slot<A>()
        let b = Slot<B>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { a.result = Result { try first() } } else { b.result = Result { try second() } }
        }
        guard let resultA = a.result, let resultB = b.result else { throw CancellationError() }
        return (try resultA.get(), try resultB.get())
    }

    /// Where one thread leaves its result; each slot is written by one thread only, and read
    /// after both have finished.
    private final class Slot<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}
