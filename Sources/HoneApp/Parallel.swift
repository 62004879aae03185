import Dispatch
import Foundation

/// Two pieces of work at once, on two threads: reading the decks and reading the log need
/// nothing from each other, and the machines hone runs on have at least two cores.
enum Parallel {
    /// Runs `first` here and `second` on a thread of its own, at the same time, and returns
    /// both results. A thread of its own, not a pool's: `second` may hand `first` a value it
    /// waits for, which must not depend on a free core.
    static func both<A, B: Sendable>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
        let b = Slot<B>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            b.value = second()
            done.signal()
        }
        thread.start()
        let a = first()
        done.wait()
        // The thread always leaves its value before signalling; were it ever missing, do it here.
        return (a, b.value ?? second())
    }

    /// `both` for work that can fail: both run to the end, then the first error is thrown.
    static func both<A, B: Sendable>(_ first: () throws -> A, _ second: @escaping @Sendable () throws -> B) throws -> (
        A, B
    ) {
        let (a, b) = both({ Result { try first() } }, { Result { try second() } })
        return (try a.get(), try b.get())
    }

    /// `transform` over `items`, on two threads when there are several: alternate items go to
    /// each (the deck files of a collection are alike in size), and the results come back in order.
    static func map<T: Sendable, U: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> U) -> [U] {
        guard items.count > 1 else { return items.map(transform) }
        let evens = stride(from: 0, to: items.count, by: 2).map { items[$0] }
        let odds = stride(from: 1, to: items.count, by: 2).map { items[$0] }
        let (first, second) = both({ evens.map(transform) }, { odds.map(transform) })
        return items.indices.map { $0 % 2 == 0 ? first[$0 / 2] : second[$0 / 2] }
    }

    /// Where one thread leaves its result; each slot is written by one thread only, and read
    /// after both have finished.
    private final class Slot<T: Sendable>: @unchecked Sendable {
        var value: T?
    }
}

/// A value one thread hands to another that waits for it: put once, waited for once.
final class Handoff<T: Sendable>: @unchecked Sendable {
    private var result: Result<T, any Error>?
    private let ready = DispatchSemaphore(value: 0)

    func put(_ result: Result<T, any Error>) {
        self.result = result
        ready.signal()
    }

    func wait() throws -> T {
        ready.wait()
        guard let result else { throw CancellationError() }
        return try result.get()
    }
}
