import HoneCore
import HoneDeck
import HoneStore

/// `hone simulate`: the learner's own cards played forward by `fsrs-rs`'s review simulator
/// (`FSRSSimulator`) at one or more desired retentions, and the retention that costs the least
/// time per card known (`FSRSOptimalRetention`). The cards are every card of the decks, once,
/// suspended ones apart: answered ones with their memory and schedule as the log leaves
/// them, the others new. The weights are the config's `parameters` whatever the preset.
public struct SimulationRun: Sendable {
    /// What the command line asked for.
    public struct Request: Sendable {
        /// Nil: the config's desired retention.
        public var retentions: [Float]?
        public var days: Int
        /// Nil: the config's `[daily] new_per_day`.
        public var newPerDay: Int?
        public var optimal: Bool
        public var seed: UInt64

        public init(retentions: [Float]?, days: Int, newPerDay: Int?, optimal: Bool, seed: UInt64) {
            self.retentions = retentions
            self.days = days
            self.newPerDay = newPerDay
            self.optimal = optimal
            self.seed = seed
        }

        /// What is wrong with the request, naming the option as the command line spells it, or
        /// nil: retentions within the config's range, 1 to 36,500 days, no negative limit.
        public var problem: String? {
            if let bad = retentions?.first(where: { !SimulationRun.retentionRange.contains($0) }) {
                return "--retention: expected 0.70 to 0.99, got \(bad)"
            }
            guard (1...36_500).contains(days) else { return "--days: expected 1 to 36500, got \(days)" }
            if let newPerDay, newPerDay < 0 { return "--new-per-day: expected 0 or more, got \(newPerDay)" }
            return nil
        }
    }

    /// One retention's outcome.
    public struct Row: Sendable {
        public var retention: Float
        public var simulation: FSRSSimulation
    }

    public var config: FSRSSimulatorConfig
    /// Cards already learned and cards not yet seen, as the simulation started.
    public var learned: Int
    public var unseen: Int
    public var rows: [Row]
    /// `--optimal`: the retention found, or nil when the search did not settle; absent
    /// (`optimalAsked` false) when not asked.
    public var optimal: Float?
    public var optimalAsked: Bool
    public var seed: UInt64

    /// The range `--retention` accepts: the config's `desired_retention` range.
    public static let retentionRange: ClosedRange<Float> = 0.7...0.99

    public static func run(_ workspace: Workspace, _ request: Request) throws -> SimulationRun {
        let cards = try cards(workspace)
        var config = FSRSSimulatorConfig()
        let settings = workspace.settings
        config.days = request.days
        config.newPerDay = request.newPerDay ?? settings.newPerDay
        config.reviewsPerDay = settings.reviewsPerDay
        // As Anki's simulator: no cap on a day's time, the day's limits are the counts.
        config.maximumSecondsPerDay = .infinity
        config.maximumInterval = Float(settings.maximumInterval)
        config.learningStepCount = settings.learningSteps.count
        config.relearningStepCount = settings.relearningSteps.count
        if settings.leechAction == .suspend { config.suspendAfterLapses = settings.leechThreshold }
        let simulator = FSRSSimulator(model: FSRSModel(parameters: settings.fsrsParameters), config: config)
        let retentions = request.retentions ?? [settings.desiredRetention]
        let rows = Parallel.map(retentions) { retention in
            Row(retention: retention, simulation: simulator.simulate(cards, retention: retention, seed: request.seed))
        }
        var optimal: Float?
        // With nothing to know at the end (no card learned or to learn), no retention is cheaper
        // per card known: there is no optimum to search for.
        let knowsSomething = simulator.simulate(cards, retention: FSRSOptimalRetention.highest, seed: 42).known > 0
        if request.optimal, knowsSomething {
            let seeds = FSRSOptimalRetention.seeds(days: config.days)
            optimal = FSRSOptimalRetention.search { retention in
                let costs = Parallel.map(seeds) { seed in
                    simulator.simulate(cards, retention: retention, seed: seed).secondsPerKnownCard
                }
                return costs.reduce(0, +) / Float(costs.count)
            }
        }
        let learned = cards.filter { $0.memory != nil }.count
        return SimulationRun(
            config: config, learned: learned, unseen: cards.count - learned, rows: rows, optimal: optimal,
            optimalAsked: request.optimal, seed: request.seed)
    }

    /// Every card of the decks once, suspended ones apart, in deck order: a learned card with
    /// its FSRS memory now and its schedule in days from today, the rest unseen. The memory is
    /// the one the `fsrs` preset keeps; under another preset, a review card's is estimated from
    /// its ease and interval as Anki does for a card without one, and a card still in its
    /// first learning steps counts as unseen.
    static func cards(_ workspace: Workspace) throws -> [SimulatedCard] {
        let decks = workspace.loadIndexes()
        if decks.isEmpty { throw HoneError(.noDecks(folder: workspace.locations.deckFolder)) }
        let states = try workspace.openStore(mapped: true).states()
        var fsrsSettings = workspace.settings
        fsrsSettings.preset = .fsrs
        let scheduler = Scheduler(settings: fsrsSettings, clock: workspace.clock)
        let model = FSRSModel(parameters: fsrsSettings.fsrsParameters)
        let now = workspace.nowSeconds
        let today = workspace.clock.day(of: now)
        var seen = Set<String>()
        var cards: [SimulatedCard] = []
        for deck in decks {
            let found = states.lookUp(deck.keys)
            for (position, key) in deck.keys.enumerated() where seen.insert(key).inserted {
                guard let handle = found[position] else {
                    cards.append(.unseen)
                    continue
                }
                let state = states[handle]
                if state.suspended { continue }
                guard state.phase != .new, let (memory, recall) = scheduler.memory(state, at: now) else {
                    cards.append(.unseen)
                    continue
                }
                // The days since the last answer, from the retrievability they left.
                let days = recall >= 1 ? 0 : model.interval(stability: memory.stability, retention: recall).rounded()
                let elapsed = days.isFinite ? Int(min(max(days, 0), 36_500)) : 0
                let due: Int
                switch state.due {
                case .day(let day): due = day - today
                case .instant(let instant): due = workspace.clock.day(of: instant) - today
                case .none: due = 0
                }
                cards.append(SimulatedCard(memory: memory, lastDay: -elapsed, dueDay: due, lapses: state.lapses))
            }
        }
        return cards
    }
}
