/// The simulator's cards in the order it takes them, as `fsrs-rs` orders its priority queue:
/// the earliest due day first, reviews before new cards on a day, then by difficulty (easier
/// first), then (where `fsrs-rs` leaves it to its heap) by position, so a seed gives one order.
/// A binary min-heap; the card at the top is taken out or put back with a new place.
struct SimulationQueue {
    struct Entry: Comparable {
        var due: Int
        var isNew: Bool
        var priority: Int32
        var card: Int

        static func < (a: Entry, b: Entry) -> Bool {
            if a.due != b.due { return a.due < b.due }
            if a.isNew != b.isNew { return !a.isNew }
            if a.priority != b.priority { return a.priority < b.priority }
            return a.card < b.card
        }
    }

    private var heap: [Entry] = []

    init(_ entries: [Entry]) {
        heap = entries.sorted()
    }

    var top: Entry? { heap.first }

    mutating func removeTop() {
        guard let last = heap.popLast() else { return }
        guard !heap.isEmpty else { return }
        heap[0] = last
        siftDown(0)
    }

    /// The top entry given a new place (a later day, or after an answer).
    mutating func replaceTop(_ entry: Entry) {
        heap[0] = entry
        siftDown(0)
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var child = left
            if left + 1 < heap.count, heap[left + 1] < heap[left] { child = left + 1 }
            guard heap[child] < heap[parent] else { return }
            heap.swapAt(child, parent)
            parent = child
        }
    }
}
