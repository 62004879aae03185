/// Today's queue: the cards to practise now, in order. Learning cards that are due come
/// first (by due time), then reviews due today, most overdue first, with new cards mixed in
/// evenly, all within the daily limits. A card whose sibling (the other side of a reversed
/// card, another deletion of the same cloze) was answered today, or is already queued, waits
/// for tomorrow. The same states, time and limits always give the same queue.
public struct DailyQueue: Sendable {
    /// What the queue needs to know of one card.
    public struct Candidate: Sendable {
        public var key: String
        /// Shared by siblings.
        public var noteKey: String
        public var deck: String
        public var state: CardState

        public init(key: String, noteKey: String, deck: String, state: CardState) {
            self.key = key
            self.noteKey = noteKey
            self.deck = deck
            self.state = state
        }
    }

    /// What was already done today, from the review log.
    public struct Today: Sendable {
        public var newByDeck: [String: Int] = [:]
        public var reviewsByDeck: [String: Int] = [:]
        /// Notes with a card answered today: their other cards wait.
        public var answeredNotes: Set<String> = []

        public init() {}
    }

    public enum Kind: String, Sendable {
        case learning, review, new, drill
    }

    public struct Entry: Hashable, Sendable {
        /// The card's index in the candidates given.
        public var index: Int
        public var kind: Kind
    }

    public var settings: SchedulerSettings
    public var clock: DayClock
    /// Per-deck overrides of `new_per_day` and `reviews_per_day`.
    public var newPerDeck: [String: Int]
    public var reviewsPerDeck: [String: Int]

    public init(
        settings: SchedulerSettings, clock: DayClock, newPerDeck: [String: Int] = [:],
        reviewsPerDeck: [String: Int] = [:]
    ) {
        self.settings = settings
        self.clock = clock
        self.newPerDeck = newPerDeck
        self.reviewsPerDeck = reviewsPerDeck
    }

    /// The queue at `now` over `candidates` (in deck order: new cards are introduced in it),
    /// keeping only those `include` accepts (a deck or skill filter).
    public func build(
        _ candidates: [Candidate], now: Int64, today done: Today = Today(), include: (Candidate) -> Bool = { _ in true }
    ) -> [Entry] {
        let today = clock.day(of: now)
        let learnAheadLimit = now + Int64(settings.learnAhead.seconds)
        var learning: [(due: Int64, index: Int)] = []
        var reviews: [(due: Int, index: Int)] = []
        var fresh: [Int] = []
        for index in candidates.indices {
            let state = candidates[index].state
            if state.suspended { continue }
            switch state.phase {
            case .learning, .relearning:
                switch state.due {
                case .instant(let at) where at <= learnAheadLimit: learning.append((at, index))
                case .day(let day) where day <= today: learning.append((clock.start(ofDay: day), index))
                default: break
                }
            case .review:
                if let drillDay = state.drillDay, drillDay == today {
                    learning.append((now, index))
                } else if case .day(let day) = state.due, day <= today {
                    reviews.append((day, index))
                }
            case .new:
                fresh.append(index)
            }
        }
        guard !learning.isEmpty || !reviews.isEmpty || !fresh.isEmpty else { return [] }
        learning.sort { $0.due != $1.due ? $0.due < $1.due : candidates[$0.index].key < candidates[$1.index].key }
        reviews.sort { $0.due != $1.due ? $0.due < $1.due : $0.index < $1.index }

        var queuedNotes = Set<String>()
        var entries: [Entry] = learning.compactMap { item in
            let candidate = candidates[item.index]
            guard include(candidate) else { return nil }
            queuedNotes.insert(candidate.noteKey)
            let isDrill = candidate.state.phase == .review
            return Entry(index: item.index, kind: isDrill ? .drill : .learning)
        }

        var reviewsLeft = max(0, settings.reviewsPerDay - done.reviewsByDeck.values.reduce(0, +))
        var reviewsLeftByDeck: [String: Int] = [:]
        var dueReviews: [Entry] = []
        for item in reviews where reviewsLeft > 0 {
            let candidate = candidates[item.index]
            guard include(candidate), !done.answeredNotes.contains(candidate.noteKey),
                queuedNotes.insert(candidate.noteKey).inserted
            else { continue }
            let deckLimit = reviewsPerDeck[candidate.deck] ?? settings.reviewsPerDay
            let left =
                reviewsLeftByDeck[candidate.deck] ?? max(0, deckLimit - done.reviewsByDeck[candidate.deck, default: 0])
            guard left > 0 else { continue }
            reviewsLeftByDeck[candidate.deck] = left - 1
            reviewsLeft -= 1
            dueReviews.append(Entry(index: item.index, kind: .review))
        }

        var newLeft = max(0, settings.newPerDay - done.newByDeck.values.reduce(0, +))
        var newLeftByDeck: [String: Int] = [:]
        var newCards: [Entry] = []
        for index in fresh where newLeft > 0 {
            let candidate = candidates[index]
            guard include(candidate), !done.answeredNotes.contains(candidate.noteKey) else { continue }
            let deckLimit = newPerDeck[candidate.deck] ?? settings.newPerDay
            let left = newLeftByDeck[candidate.deck] ?? max(0, deckLimit - done.newByDeck[candidate.deck, default: 0])
            guard left > 0, queuedNotes.insert(candidate.noteKey).inserted else { continue }
            newLeftByDeck[candidate.deck] = left - 1
            newLeft -= 1
            newCards.append(Entry(index: index, kind: .new))
        }

        entries += DailyQueue.mix(reviews: dueReviews, new: newCards)
        return entries
    }

    /// New cards spread evenly among the reviews, a review first: one after every
    /// `(reviews + 1) / (new + 1)` reviews.
    static func mix(reviews: [Entry], new: [Entry]) -> [Entry] {
        guard !reviews.isEmpty, !new.isEmpty else { return reviews + new }
        var mixed: [Entry] = []
        mixed.reserveCapacity(reviews.count + new.count)
        let gap = Double(reviews.count + 1) / Double(new.count + 1)
        var nextNew = 0
        for (position, review) in reviews.enumerated() {
            mixed.append(review)
            while nextNew < new.count, Double(position + 1) >= gap * Double(nextNew + 1) {
                mixed.append(new[nextNew])
                nextNew += 1
            }
        }
        mixed += new[nextNew...]
        return mixed
    }
}
