import HoneCore
import HoneDeck
import HoneStore

/// What is due, per deck: the counts `hone status` shows and a session starts from. Built
/// from the decks, the stored states and today's answers.
public struct Agenda {
    public let decks: [DeckIndex]
    private(set) var candidates: [DailyQueue.Candidate]
    /// Where each candidate's card is: `decks[deck]`, at `card`.
    let places: [(deck: Int, card: Int)]
    private(set) var queue: [DailyQueue.Entry]
    private(set) var byDeck: [String: DueCounts]
    /// The stored states it was built from.
    let states: CardStates
    /// Which stored states belong to a card in the decks: the rest are orphans.
    private let stateInDecks: CardStates.Column<Bool>
    /// Where each card answered today is: its deck and note.
    private var placeToday: [String: (deck: String, note: String)]

    /// `newPerDay` overrides the daily limit of new cards (for `hone practice --new N`).
    /// `states`: the stored states, when the caller has them already (`hone stats`).
    public init(
        workspace: Workspace, decks: [DeckIndex], store: Store, newPerDay: Int? = nil, states loaded: CardStates? = nil
    ) throws {
        self.decks = decks
        let states = try loaded ?? store.states()
        let now = workspace.nowSeconds
        let today = workspace.clock.day(of: now)
        // What was done today counts against today's limits, and holds back siblings.
        let answeredToday = try Agenda.answers(on: today, until: now, workspace: workspace, store: store)
        let keysToday = Set(answeredToday.map(\.card))
        var candidates: [DailyQueue.Candidate] = []
        var places: [(deck: Int, card: Int)] = []
        // Room for every card: only the part filled is ever touched, so the rest costs no
        // memory, and the array is never copied to grow (a copy retains three strings a card).
        let cardCount = decks.reduce(0) { $0 + $1.count }
        candidates.reserveCapacity(cardCount)
        places.reserveCapacity(cardCount)
        var stateInDecks = states.column(of: false)
        // Only the cards answered today need finding by key again: not a dictionary of all.
        var placeToday: [String: (deck: String, note: String)] = [:]
        for deckIndex in decks.indices {
            let deck = decks[deckIndex]
            let found = states.lookUp(deck.keys)
            for position in found.indices {
                let key = deck.keys[position]
                var state = CardState.new
                if let handle = found[position] {
                    state = states[handle]
                    stateInDecks[handle] = true
                }
                if Agenda.isBuried(state, today: today) { state.suspended = true }
                if !keysToday.isEmpty, keysToday.contains(key) { placeToday[key] = (deck.id, deck.noteKeys[position]) }
                // A card that is suspended, or a review due after tomorrow, is neither queued
                // nor counted: most of a large collection, left out of the candidates.
                guard Agenda.mayCount(state, tomorrow: today + 1) else { continue }
                candidates.append(.init(key: key, noteKey: deck.noteKeys[position], deck: deck.id, state: state))
                places.append((deckIndex, position))
            }
        }
        (queue, byDeck) = try Agenda.tally(
            candidates, placeToday: placeToday, answeredToday: answeredToday, decks: decks, workspace: workspace,
            store: store,
            newPerDay: newPerDay, now: now)
        self.candidates = candidates
        self.places = places
        self.placeToday = placeToday
        self.states = states
        self.stateInDecks = stateInDecks
    }

    /// Becomes the agenda at a session's end, at `time` (seconds), on the same learning day
    /// as the one it was built for: the same candidates (no other card can count the same
    /// day), with the states the session `changed` (the cards it buried among them). In
    /// place: a copy of the candidates was a tenth of a one-answer session at 100,000 cards.
    /// `orphans()` is not meaningful after it.
    mutating func close(workspace: Workspace, store: Store, changed: [String: CardState], at time: Int64) throws {
        let today = workspace.clock.day(of: time)
        let answeredToday = try Agenda.answers(on: today, until: time, workspace: workspace, store: store)
        for index in candidates.indices {
            let key = candidates[index].key
            guard let newer = changed[key] else { continue }
            candidates[index].state = newer
            placeToday[key] = (candidates[index].deck, candidates[index].noteKey)
            if Agenda.isBuried(newer, today: today) { candidates[index].state.suspended = true }
        }
        (queue, byDeck) = try Agenda.tally(
            candidates, placeToday: placeToday, answeredToday: answeredToday, decks: decks, workspace: workspace,
            store: store,
            newPerDay: nil, now: time)
    }

    /// Today's queue over `candidates`, and the counts per deck: what was done today
    /// (`answeredToday`, each card found through `placeToday`) counts against the limits.
    private static func tally(
        _ candidates: [DailyQueue.Candidate], placeToday: [String: (deck: String, note: String)],
        answeredToday: [AnswerToday], decks: [DeckIndex], workspace: Workspace, store: Store, newPerDay: Int?,
        now: Int64
    ) throws -> (queue: [DailyQueue.Entry], byDeck: [String: DueCounts]) {
        let clock = workspace.clock
        let today = clock.day(of: now)
        var newPerDeck: [String: Int] = [:]
        var reviewsPerDeck: [String: Int] = [:]
        for deck in decks {
            if let limit = deck.newPerDay { newPerDeck[deck.id] = limit }
            if let limit = deck.reviewsPerDay { reviewsPerDeck[deck.id] = limit }
        }
        var done = DailyQueue.Today()
        var introduced = Set<String>()
        for entry in answeredToday {
            guard let place = placeToday[entry.card] else { continue }
            done.answeredNotes.insert(place.note)
            if !entry.answeredBeforeToday {
                if introduced.insert(entry.card).inserted { done.newByDeck[place.deck, default: 0] += 1 }
            } else if entry.kind == .review {
                done.reviewsByDeck[place.deck, default: 0] += 1
            }
        }
        var settings = workspace.settings
        if let newPerDay {
            settings.newPerDay = newPerDay
            newPerDeck = newPerDeck.mapValues { _ in newPerDay }
        }
        let dailyQueue = DailyQueue(
            settings: settings, clock: clock, newPerDeck: newPerDeck, reviewsPerDeck: reviewsPerDeck)
        let queue = dailyQueue.build(candidates, now: now, today: done)
        var byDeck: [String: DueCounts] = [:]
        for entry in queue {
            let deck = candidates[entry.index].deck
            switch entry.kind {
            case .learning, .drill: byDeck[deck, default: DueCounts()].learning += 1
            case .review: byDeck[deck, default: DueCounts()].reviews += 1
            case .new: byDeck[deck, default: DueCounts()].new += 1
            }
        }
        let tomorrowStart = clock.start(ofDay: today + 1)
        let tomorrowEnd = clock.start(ofDay: today + 2)
        let learnAhead = now + Int64(workspace.settings.learnAhead.seconds)
        for candidate in candidates where !candidate.state.suspended {
            switch candidate.state.due {
            case .instant(let at) where at > learnAhead && at < tomorrowStart:
                byDeck[candidate.deck, default: DueCounts()].laterToday += 1
            case .instant(let at) where at >= tomorrowStart && at < tomorrowEnd:
                byDeck[candidate.deck, default: DueCounts()].tomorrow += 1
            case .day(let day) where day == today + 1:
                byDeck[candidate.deck, default: DueCounts()].tomorrow += 1
            default: break
            }
        }
        return (queue, byDeck)
    }

    /// An answer given today, as the replay of its card found it.
    struct AnswerToday {
        var card: String
        var kind: ScheduledAnswer.Kind
        /// Whether the card had an answer before today, or a schedule set before this answer (a
        /// set-state, as an import from another tool makes): a card first answered today from
        /// nothing is new.
        var answeredBeforeToday: Bool
    }

    /// Today's answers up to `now` (seconds), in time order: the cards with an event today are
    /// replayed whole, which says how each answer counted and whether the card was new.
    static func answers(on today: Int, until now: Int64, workspace: Workspace, store: Store) throws -> [AnswerToday] {
        let start = workspace.clock.start(ofDay: today) * 1000
        let end = now * 1000 + 1
        let histories = try store.histories(ofCardsAnsweredFrom: start, to: end)
        var answers: [(time: Int64, id: String, answer: AnswerToday)] = []
        // The cards with an answer before today, as each card's history passes.
        var answeredBefore = Set<String>()
        workspace.replay.cards(
            histories, cardOf: { $0.card },
            eachEvent: { card, event, step in
                if case .setState = event.action, !step.isTakenBack, step.after.phase != .new {
                    answeredBefore.insert(card)
                }
                guard !step.isTakenBack, let outcome = step.outcome else { return }
                if event.time >= start, event.time < end {
                    let before = answeredBefore.contains(card)
                    answers.append(
                        (event.time, event.id, AnswerToday(card: card, kind: outcome.kind, answeredBeforeToday: before))
                    )
                }
                if event.time < start { answeredBefore.insert(card) }
            })
        answers.sort { $0.time != $1.time ? $0.time < $1.time : $0.id < $1.id }
        return answers.map(\.answer)
    }

    /// Whether a `bury` hides the card today.
    static func isBuried(_ state: CardState, today: Int) -> Bool {
        state.buriedDay.map { $0 >= today } ?? false
    }

    /// Whether a card in `state` can be queued today or counted as due later today or tomorrow.
    static func mayCount(_ state: CardState, tomorrow: Int) -> Bool {
        if state.suspended { return false }
        guard state.phase == .review, state.drillDay == nil, case .day(let day) = state.due else { return true }
        return day <= tomorrow
    }

    /// Cards with history that are no longer in any deck: kept, never deleted.
    public func orphans() -> [String] {
        states.keys(where: stateInDecks) { !$0 }
    }

    public func counts(deck: String) -> DueCounts { byDeck[deck] ?? DueCounts() }

    /// Each deck with its counts, in folder order.
    public var perDeck: [(deck: DeckIndex, counts: DueCounts)] { decks.map { ($0, counts(deck: $0.id)) } }

    public var total: DueCounts { decks.reduce(DueCounts()) { $0 + counts(deck: $1.id) } }

    /// Counts per skill, in the order the skills first appear in the decks.
    public var bySkill: [(skill: String, counts: DueCounts)] {
        var order: [String] = []
        var sums: [String: DueCounts] = [:]
        for deck in decks {
            if sums[deck.skill] == nil { order.append(deck.skill) }
            sums[deck.skill, default: DueCounts()] = sums[deck.skill, default: DueCounts()] + counts(deck: deck.id)
        }
        return order.map { ($0, sums[$0] ?? DueCounts()) }
    }
}
