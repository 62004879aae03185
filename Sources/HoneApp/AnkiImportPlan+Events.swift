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
        var reviews: [Int64: [AnkiReview]] = [:]
        for review in collection.reviews { reviews[review.cardID, default: []].append(review) }
        let cards = Dictionary(collection.cards.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let firstDay = AnkiCardState.firstDay(of: collection, timeZone: workspace.clock.timeZone)
        let replay = workspace.replay
        let clock = workspace.clock
        let now = workspace.nowMilliseconds
        let today = clock.day(of: workspace.nowSeconds)
        var events: [LogEvent] = []
        events.reserveCapacity(collection.reviews.count + keys.count)
        func offset(_ milliseconds: Int64) -> Int { Int(clock.offset(at: milliseconds / 1000)) }
        for (cardID, key) in keys.sorted(by: { $0.value < $1.value }) {
            guard let card = cards[cardID] else { continue }
            let had = prior[key] ?? []
            var ids = Set(had.map(\.id))
            var answerTimes = Set(had.filter { $0.action.answer != nil }.map(\.time))
            var history = had
            var lastReview: Int64 = 0
            for review in reviews[cardID] ?? [] {
                guard let rating = Rating(rawValue: review.ease), [0, 1, 2, 3].contains(review.type) else { continue }
                lastReview = max(lastReview, review.id)
                let id = "anki:\(review.id)"
                guard !ids.contains(id), !answerTimes.contains(review.id) else { continue }
                let answer = LogEvent.answer(
                    id: id, card: key, time: review.id, utcOffset: offset(review.id), answer: .button(rating),
                    durationMilliseconds: max(review.durationMilliseconds, 0))
                ids.insert(id)
                answerTimes.insert(review.id)
                history.append(answer)
                events.append(answer)
                summary.answersAdded += 1
            }
            let target = AnkiCardState(card, firstDay: firstDay, settings: workspace.settings)
            // Anki's state holds from its last change of the card (after its last review).
            let at = max(card.modified * 1000, lastReview + 1)
            history.sort { ($0.time, $0.id) < ($1.time, $1.id) }
            let before = history.filter { $0.time <= at }
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
            if state.phaseState != target.state.phaseState || state.reps != target.state.reps
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
}
