/// A review history as the FSRS optimizer learns from it: `fsrs-rs`'s `FSRSItem`s, built as
/// Anki builds them for training (`reviews_for_fsrs`). A card's history starts at the first
/// answer of its last run of learning answers (the card's first answer, or its first after a
/// reset to new); a card without one (its history begins with a review: imported with a
/// set-state) or reset to new and not learnt again is left out. Each of its answers on a later
/// learning day than the one before is an item: the card's answers up to it, each with the days
/// since the one before (0 for same-day answers, which shape the memory but are not predicted).
///
/// A card's items are prefixes of one list of answers, so the answers are kept once a card and
/// an item is a card and a length.
public struct FSRSTrainingSet: Sendable {
    /// One answer: its rating (1 Again to 4 Easy) and the learning days since the card's
    /// previous answer (0 for the first).
    public struct Review: Hashable, Sendable {
        public var rating: Int32
        public var deltaT: Int32

        public init(rating: Int32, deltaT: Int32) {
            self.rating = rating
            self.deltaT = deltaT
        }
    }

    /// One thing to predict: whether the last of the card's first `length` answers passed.
    public struct Item: Hashable, Sendable {
        public var card: Int32
        public var length: Int32
    }

    /// What a card's history holds, in log order, as the data preparation sees it.
    public struct Entry: Hashable, Sendable {
        public enum Kind: Sendable {
            /// An answer to a new card or one in its learning steps (Anki's "learning" kind).
            case learning
            case review
            case relearning
            /// The card set back to new (`forget`, or a set-state to new): what came before no
            /// longer counts.
            case reset
        }

        public var kind: Kind
        /// 1 to 4; ignored for a reset.
        public var rating: Int
        /// The learning day of the event.
        public var day: Int
        /// When it happened: items are put in time order.
        public var milliseconds: Int64

        public init(kind: Kind, rating: Int, day: Int, milliseconds: Int64) {
            self.kind = kind
            self.rating = rating
            self.day = day
            self.milliseconds = milliseconds
        }
    }

    /// Every card's answers, one card after another.
    public private(set) var reviews: [Review] = []
    /// Card `c`'s answers are `reviews[cardStarts[c]..<cardStarts[c + 1]]`.
    public private(set) var cardStarts: [Int] = [0]
    /// The items, in the time order of the answer each predicts (as Anki sorts them).
    public private(set) var items: [Item] = []
    private var itemTimes: [Int64] = []

    public init() {}

    /// The cards kept.
    public var cardCount: Int { cardStarts.count - 1 }

    /// The answers kept (Anki's review count: every answer of the cards kept, from the start of
    /// their history).
    public var answerCount: Int { reviews.count }

    /// The answers of `item`, oldest first.
    public func reviews(of item: Item) -> ArraySlice<Review> {
        let start = cardStarts[Int(item.card)]
        return reviews[start..<start + Int(item.length)]
    }

    /// The answers of card `card`.
    public func reviews(ofCard card: Int) -> ArraySlice<Review> {
        reviews[cardStarts[card]..<cardStarts[card + 1]]
    }

    /// Adds one card's history (its answers and resets, in log order; drills and answers taken
    /// back left out). Items are not in time order until `finish`.
    public mutating func addCard(_ entries: [Entry]) {
        // Back from the last event: the first answer of the last run of learning answers.
        var start: Int?
        walk: for index in entries.indices.reversed() {
            switch entries[index].kind {
            case .learning: start = index
            case .reset:
                // A reset after the last learning run: the history since is not from new.
                if start == nil { return }
                break walk
            case .review, .relearning:
                if start != nil { break walk }
            }
        }
        guard let start else { return }
        let card = Int32(cardCount)
        let first = reviews.count
        var previousDay = entries[start].day
        var itemCount = 0
        for index in start..<entries.count {
            let entry = entries[index]
            let deltaT = max(entry.day - previousDay, 0)
            previousDay = entry.day
            reviews.append(Review(rating: Int32(entry.rating), deltaT: Int32(deltaT)))
            let length = reviews.count - first
            if length > 1, deltaT > 0 {
                items.append(Item(card: card, length: Int32(length)))
                itemTimes.append(entry.milliseconds)
                itemCount += 1
            }
        }
        if itemCount == 0 {
            // Anki keeps no card without an item (its answers all on one day).
            reviews.removeSubrange(first...)
            return
        }
        cardStarts.append(reviews.count)
    }

    /// Puts the items in time order (ties: in card order), once every card is in.
    public mutating func finish() {
        // Times as offsets from the first, packed with the index into one number: sorting plain
        // integers is several times faster than sorting pairs.
        guard let earliest = itemTimes.min(), let latest = itemTimes.max() else { return }
        let indexBits = UInt64(max(1, (items.count - 1).bitWidth - (items.count - 1).leadingZeroBitCount))
        guard UInt64(latest - earliest) < (1 << (63 - indexBits)) else {
            var order = items.indices.map { (time: itemTimes[$0], index: $0) }
            order.sort { $0.time != $1.time ? $0.time < $1.time : $0.index < $1.index }
            items = order.map { items[$0.index] }
            itemTimes = order.map(\.time)
            return
        }
        var keys = items.indices.map { UInt64(itemTimes[$0] - earliest) << indexBits | UInt64($0) }
        keys.sort()
        let mask: UInt64 = (1 << indexBits) - 1
        items = keys.map { items[Int($0 & mask)] }
        itemTimes = keys.map { itemTimes[Int($0 & mask)] }
    }

    /// The cards of `parts` together (each part's cards after the previous part's), items not
    /// yet in time order: for histories read in pieces, on several threads.
    public static func joining(_ parts: [FSRSTrainingSet]) -> FSRSTrainingSet {
        var joined = FSRSTrainingSet()
        joined.reviews.reserveCapacity(parts.reduce(0) { $0 + $1.reviews.count })
        joined.items.reserveCapacity(parts.reduce(0) { $0 + $1.items.count })
        for part in parts {
            let cardOffset = Int32(joined.cardCount)
            let reviewOffset = joined.reviews.count
            joined.reviews += part.reviews
            joined.cardStarts += part.cardStarts.dropFirst().map { $0 + reviewOffset }
            joined.items += part.items.map { Item(card: $0.card + cardOffset, length: $0.length) }
            joined.itemTimes += part.itemTimes
        }
        return joined
    }
}
