import Foundation

/// `fsrs-rs`'s review simulator (6.6.1, `simulation.rs` `simulate`), on hone's FSRS model: days
/// of practice played out card by card, each answer drawn at random from the card's
/// retrievability and the config's probabilities, each card then scheduled at the desired
/// retention. It starts from the cards given, learned ones with their memory and schedule and
/// unseen ones introduced as the daily limit allows, and counts reviews, seconds and the cards
/// known each day. Pure: a seed gives one result.
public struct FSRSSimulator: Sendable {
    public let model: FSRSModel
    public let config: FSRSSimulatorConfig

    public init(model: FSRSModel, config: FSRSSimulatorConfig) {
        self.model = model
        self.config = config
    }

    /// `fsrs-rs`'s `MAX_STEPS`: at most this many learning or relearning answers after the first.
    static let maximumSteps = 5

    /// A card as the simulation goes.
    private struct Card {
        var memory = FSRSMemoryState(stability: 0, difficulty: 0)
        var learned: Bool
        var lastDay: Int
        var dueDay: Int
        var lapses: Int
    }

    /// The practice of `config.days` days from `cards` at `retention`.
    public func simulate(_ cards: [SimulatedCard], retention: Float, seed: UInt64) -> FSRSSimulation {
        let days = max(config.days, 1)
        var random = SimulationRandom(seed: seed)
        var reviewsPerDay = [Int](repeating: 0, count: days)
        var newPerDay = [Int](repeating: 0, count: days)
        var secondsPerDay = [Float](repeating: 0, count: days)
        var knownPerDay = [Float](repeating: 0, count: days)

        var working: [Card] = []
        working.reserveCapacity(cards.count)
        var unseen = 0
        for card in cards {
            if let memory = card.memory {
                // fsrs-rs drops cards without a stability (its `stability > 1e-9`).
                guard memory.stability > 1e-9 else { continue }
                working.append(
                    Card(memory: memory, learned: true, lastDay: card.lastDay, dueDay: card.dueDay, lapses: card.lapses)
                )
            } else if config.newPerDay > 0 {
                // New cards are spread over the days by the daily limit, in the order given.
                working.append(Card(learned: false, lastDay: 0, dueDay: unseen / config.newPerDay, lapses: 0))
                unseen += 1
            }
        }
        var entries: [SimulationQueue.Entry] = []
        for index in working.indices where working[index].learned || working[index].dueDay < days {
            entries.append(entry(working[index], index))
        }
        var queue = SimulationQueue(entries)
        let maximumLapses = config.suspendAfterLapses ?? Int.max

        while let top = queue.top {
            var card = working[top.card]
            let day = card.dueDay
            if day >= days || card.lapses >= maximumLapses {
                // Out of the simulation: a learned card is known, as its memory fades, to the end.
                if card.learned { addKnown(card, from: card.lastDay, to: days, into: &knownPerDay) }
                queue.removeTop()
                continue
            }
            let overLimit =
                card.learned
                ? reviewsPerDay[day] + 1 > config.reviewsPerDay
                : newPerDay[day] + 1 > config.newPerDay
                    || (!config.newCardsIgnoreReviewLimit
                        && newPerDay[day] + reviewsPerDay[day] + 1 > config.reviewsPerDay)
            if overLimit || secondsPerDay[day] > config.maximumSecondsPerDay {
                card.dueDay = day + 1
                working[top.card] = card
                queue.replaceTop(entry(card, top.card))
                continue
            }
            if card.learned {
                let elapsed = Float(day - card.lastDay)
                let recall = model.retrievability(days: elapsed, stability: card.memory.stability)
                let forgot = !random.chance(recall)
                let seconds: Float
                if forgot {
                    card.lapses += 1
                    let lapsed = model.step(card.memory, .again, days: elapsed)
                    let (relearned, stepSeconds) = steps(
                        from: lapsed, first: nil, phase: FSRSSimulatorConfig.relearning,
                        transitions: config.relearningStepTransitions, count: config.relearningStepCount,
                        random: &random)
                    seconds = config.secondsPerAnswer[FSRSSimulatorConfig.review][0] + stepSeconds
                    addKnown(card, from: card.lastDay, to: day, into: &knownPerDay)
                    card.memory = relearned
                } else {
                    let rating = Rating(rawValue: random.pick(config.reviewRatingProbabilities) + 2) ?? .good
                    seconds = config.secondsPerAnswer[FSRSSimulatorConfig.review][rating.rawValue - 1]
                    addKnown(card, from: card.lastDay, to: day, into: &knownPerDay)
                    card.memory = model.step(card.memory, rating, days: elapsed)
                }
                reviewsPerDay[day] += 1
                secondsPerDay[day] += seconds
            } else {
                let first = Rating(rawValue: random.pick(config.firstRatingProbabilities) + 1) ?? .good
                let (learned, seconds) = steps(
                    from: model.initial(first), first: first, phase: FSRSSimulatorConfig.learning,
                    transitions: config.learningStepTransitions, count: config.learningStepCount, random: &random)
                card.memory = learned
                card.learned = true
                newPerDay[day] += 1
                secondsPerDay[day] += seconds
            }
            let interval = min(
                max(model.interval(stability: card.memory.stability, retention: retention).rounded(), 1),
                config.maximumInterval)
            card.lastDay = day
            card.dueDay = day + Int(interval)
            working[top.card] = card
            queue.replaceTop(entry(card, top.card))
        }
        return FSRSSimulation(
            reviewsPerDay: reviewsPerDay, newPerDay: newPerDay, secondsPerDay: secondsPerDay, knownPerDay: knownPerDay)
    }

    /// A card's place in the queue: `fsrs-rs`'s default priority is the difficulty × 100,
    /// truncated (a new card's, without a difficulty, comes first).
    private func entry(_ card: Card, _ index: Int) -> SimulationQueue.Entry {
        let priority = card.learned ? Int32(clamping: Int((card.memory.difficulty * 100).rounded(.towardZero))) : .min
        return SimulationQueue.Entry(due: card.dueDay, isNew: !card.learned, priority: priority, card: index)
    }

    /// Adds the card's retrievability on each day from `start` (its last answer) up to `end`.
    private func addKnown(_ card: Card, from start: Int, to end: Int, into known: inout [Float]) {
        guard end > 0 else { return }
        for day in max(start, 0)..<min(end, known.count) {
            known[day] += model.retrievability(days: Float(day - card.lastDay), stability: card.memory.stability)
        }
    }

    /// Learning or relearning steps (`memory_state_short_term`): answers on the same day,
    /// each drawn from the previous one's row of `transitions`, until `count` Good or Easy
    /// answers in a row (one fewer after a Good or Easy first answer), an Easy, or
    /// `maximumSteps` answers. `first` is the answer that began them (nil after a lapse,
    /// whose Again is the review's). Returns the memory after them and their seconds.
    private func steps(
        from start: FSRSMemoryState, first: Rating?, phase: Int, transitions: [[Float]], count: Int,
        random: inout SimulationRandom
    ) -> (FSRSMemoryState, Float) {
        let costs = config.secondsPerAnswer[phase]
        var rating = first ?? .again
        var seconds = first.map { costs[$0.rawValue - 1] } ?? 0
        var memory = start
        var inARow = 0
        let needed = rating > .hard ? max(count - 1, 0) : count
        for _ in 0..<Self.maximumSteps {
            if inARow >= needed || rating == .easy { break }
            rating = Rating(rawValue: random.pick(transitions[rating.rawValue - 1]) + 1) ?? .good
            memory = sameDay(memory, rating)
            seconds += costs[rating.rawValue - 1]
            if rating > .hard {
                inARow += 1
            } else if rating == .again {
                inARow = 0
            }
        }
        return (memory, seconds)
    }

    /// FSRS-6's short-term step, as the simulator of `fsrs-rs` computes it: there, unlike in its
    /// model (and hone's `FSRSModel`), a Hard answer may lower the stability (the increase is
    /// kept at 1 or more for Good and Easy only). Kept so, so that the two simulators agree.
    private func sameDay(_ memory: FSRSMemoryState, _ rating: Rating) -> FSRSMemoryState {
        var next = model.step(memory, rating, days: 0)
        if rating == .hard {
            let w = model.w
            let s = min(max(memory.stability, FSRSParameters.minimumStability), FSRSParameters.maximumStability)
            let increase = exp(w[17] * (2 - 3 + w[18])) * Foundation.pow(s, -w[19])
            next.stability = min(max(s * increase, FSRSParameters.minimumStability), FSRSParameters.maximumStability)
        }
        return next
    }
}
