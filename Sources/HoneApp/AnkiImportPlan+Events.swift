import HoneAnki
import HoneCore
import HoneStore

extension AnkiImportPlan {
    /// The events that bring Anki's reviews and states into the log, given the log as it is:
    /// per card, the answers it lacks (a review it has, by id or by card and millisecond, is
    /// left out), then a `set-state` where replaying the card up to Anki's last change of it
    /// does not give Anki's state, then a suspension, an unsuspension or a bury where Anki's
    /// flags differ from that state.
    mutating func events(existing store: Store) throws(HoneError) -> [LogEvent] {
        var prior: [String: [LogEvent]] = [:]
        do {
            if try store.eventCount() > 0 {
                let wanted = Set(keys.values)
                for event in try store.events() where wanted.contains(event.card) {
                    prior[event.card, default: []].append(event)
                }
            }
        } catch {
            throw HoneError(.cannotWrite(path: workspace.locations.dataFolder, reason: "\(error)"))
        }
        // The reviews by card: one sorted copy and a range a card (an array a card grew by
        // appends, 200,000 reviews in 20,000 arrays, touched twice the memory).
        let sortedReviews = collection.reviews.sorted { ($0.cardID, $0.id) < ($1.cardID, $1.id) }
        var reviewRanges: [Int64: Range<Int>] = [:]
        var start = 0
        while start < sortedReviews.count {
            var end = start + 1
            while end < sortedReviews.count, sortedReviews[end].cardID == sortedReviews[start].cardID { end += 1 }
            reviewRanges[sortedReviews[start].cardID] = start..<end
            start = end
        }
        let cards = Dictionary(collection.cards.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let firstDay = AnkiCardState.firstDay(of: collection, timeZone: workspace.clock.timeZone)
        let replay = workspace.replay
        let clock = workspace.clock
        let now = workspace.nowMilliseconds
        let today = clock.day(of: workspace.nowSeconds)
        var events: [LogEvent] = []
        events.reserveCapacity(collection.reviews.count + keys.count)
        func offset(_ milliseconds: Int64) -> Int { Int(clock.offset(at: milliseconds / 1000)) }
        // In the log's order (cards by their bytes, as SQLite compares them), so that the store
        // takes the events as they are instead of sorting a copy.
        for (cardID, key) in keys.sorted(by: { $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) }) {
            guard let card = cards[cardID] else { continue }
            let had = prior[key] ?? []
            var ids = Set(had.map(\.id))
            // hone's own answers, which a package hone exported carries back: each is matched
            // once, by its rating at the same millisecond or up to a second before (the export
            // moves an answer a millisecond on when another has its millisecond, since Anki's
            // review ids are unique).
            var unmatched = had.compactMap { event in event.action.answer.map { (time: event.time, rating: $0.rating) }
            }
            var history = had
            var lastReview: Int64 = 0
            for review in sortedReviews[reviewRanges[cardID] ?? 0..<0] {
                guard let rating = Rating(rawValue: review.ease), [0, 1, 2, 3].contains(review.type) else { continue }
                // A review's id is its time; one outside 1970-9999 is a damaged row, not an answer.
                guard review.id / 1000 >= ImportedState.instants.lowerBound,
                    review.id / 1000 <= ImportedState.instants.upperBound
                else {
                    summary.reviewsNotCarried += 1
                    continue
                }
                lastReview = max(lastReview, review.id)
                let id = "anki:\(review.id)"
                guard !ids.contains(id) else { continue }
                if let match = unmatched.firstIndex(where: {
                    $0.rating == rating && $0.time <= review.id && review.id - $0.time < 1000
                }) {
                    unmatched.remove(at: match)
                    continue
                }
                let answer = LogEvent.answer(
                    id: id, card: key, time: review.id, utcOffset: offset(review.id), answer: .button(rating),
                    durationMilliseconds: max(review.durationMilliseconds, 0))
                ids.insert(id)
                history.append(answer)
                events.append(answer)
                summary.answersAdded += 1
            }
            let target = AnkiCardState(card, firstDay: firstDay, settings: workspace.settings)
            // Anki's state holds from its last change of the card (after its last review).
            let modified = min(max(card.modified, ImportedState.instants.lowerBound), ImportedState.instants.upperBound)
            let at = max(modified * 1000, lastReview + 1)
            history.sort { ($0.time, $0.id) < ($1.time, $1.id) }
            // An undo made after Anki's last change still takes its target back.
            let before = history.filter { event in
                if event.time <= at { return true }
                if case .undo = event.action { return true }
                return false
            }
            var state = replay.card(before, key: key)
            if before.isEmpty && target.state.phaseState == .new && target.state.reps == 0
                && target.state.lapses == 0 && !target.suspended && !target.buried
            {
                continue
            }
            let mark = "\(key)@\(card.modified)"
            func add(_ id: String, _ action: EventAction, time: Int64) {
                // Recorded by an earlier import of this package (or an older one where the
                // card has not changed since): the log has it.
                guard !ids.contains(id) else { return }
                let event = LogEvent(id: id, card: key, time: time, utcOffset: offset(time), action: action)
                state = replay.apply(event, to: state, keyHash: FNV1a.hash(key)).after
                events.append(event)
            }
            if !Self.sameSchedule(state.phaseState, target.state.phaseState) || state.reps != target.state.reps
                || state.lapses != target.state.lapses
            {
                if !ids.contains("anki-state:\(mark)") { summary.statesRecorded += 1 }
                add("anki-state:\(mark)", .setState(target.state), time: at)
            }
            if target.suspended != state.suspended {
                add(
                    target.suspended ? "anki-suspend:\(mark)" : "anki-unsuspend:\(mark)",
                    target.suspended ? .suspend : .unsuspend, time: at)
            }
            if target.buried, (state.buriedDay ?? Int.min) < today {
                add("anki-bury:\(mark)", .bury, time: max(now, at))
            }
        }
        return events
    }

    /// Whether hone's replayed schedule is Anki's. A step's length is left out: Anki keeps only
    /// which step a card is on, so hone's length of it (Hard on the first step waits between the
    /// first two) cannot be told apart from a difference, and a package hone exported would
    /// otherwise set every such card again on its way back.
    static func sameSchedule(_ hone: PhaseState, _ anki: PhaseState) -> Bool {
        func withoutStepLength(_ phase: PhaseState) -> PhaseState {
            switch phase {
            case .learning(var learning):
                learning.stepSeconds = 0
                return .learning(learning)
            case .relearning(var relearning):
                relearning.learning.stepSeconds = 0
                return .relearning(relearning)
            case .new, .review:
                return phase
            }
        }
        // Through `ImportedState`, which keeps what a set state can hold (no relearning card's
        // review day, values within the log's limits), so both sides are compared alike.
        return withoutStepLength(ImportedState(hone, reps: 0, lapses: 0).phaseState)
            == withoutStepLength(ImportedState(anki, reps: 0, lapses: 0).phaseState)
    }
}
