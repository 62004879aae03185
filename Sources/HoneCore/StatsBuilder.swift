/// Computes `Stats` in one pass over the event log, a card's history at a time: each history
/// is replayed (`Replay`) to learn what every answer was (a review of a young or a
/// mature card, and when it set the card due), and the cards' current states give the rest.
public struct StatsBuilder: Sendable {
    /// A card of the decks (matching the filters), with its current state.
    public struct Card: Sendable {
        public var key: String
        public var skill: String
        /// The deck file and line it is written at.
        public var path: String
        public var line: Int
        /// The stored state, suspension included; `.new` for a card never answered. For a card
        /// answered after the builder's `now`, its replayed state as of `now` is used instead
        /// (with the stored suspension), so an earlier `--now` gives figures as they stood then.
        public var state: CardState

        public init(key: String, skill: String, path: String, line: Int, state: CardState) {
            self.key = key
            self.skill = skill
            self.path = path
            self.line = line
            self.state = state
        }
    }

    /// One answer of a card's history.
    public typealias LoggedAnswer = CompactEvent

    /// Review answers of one day, split young and mature.
    private struct DayRetention {
        var young = Stats.Retention()
        var mature = Stats.Retention()
    }

    static let matureInterval = 21
    static let forecastDays = 30
    static let heatmapWeeks = 26
    static let retentionPeriods = [7, 30, 365]
    static let skillRetentionDays = 30

    private let scheduler: Scheduler
    private let replay: Replay
    private let cards: [Card]
    private let skillNames: [String]
    private let skillOfCard: [Int]
    private var stats: Stats
    /// The first day kept day by day: far enough back for the heatmap, the period and a year
    /// of retention.
    private let firstDay: Int
    private var tallies: [Stats.Day]
    private var retentionByDay: [DayRetention]
    /// Days with answers before `firstDay`, for the streaks.
    private var olderDays = Set<Int>()
    private var skillRetention: [Stats.Retention]
    private var againByCard: [Int]
    /// The state as of `now` of each card with answers after `now` (an earlier `--now`); any
    /// other card's stored state is already that, and is used as it is.
    private var asOfNow: [Int: CardState] = [:]

    /// `now` is in seconds; `periodDays` is how many days (today included) the period
    /// totals and the day rows cover.
    public init(scheduler: Scheduler, now: Int64, periodDays: Int, cards: [Card]) {
        self.scheduler = scheduler
        replay = Replay(scheduler: scheduler)
        self.cards = cards
        let today = scheduler.clock.day(of: now)
        let periodDays = max(1, periodDays)
        stats = Stats(today: today, now: now, periodDays: periodDays)
        let heatmapStart = StatsBuilder.heatmapStart(today: today)
        firstDay = min(heatmapStart, today - periodDays + 1, today - (StatsBuilder.retentionPeriods.last ?? 365) + 1)
        tallies = (firstDay...today).map { Stats.Day(day: $0) }
        retentionByDay = Array(repeating: DayRetention(), count: tallies.count)
        var skillIndex: [String: Int] = [:]
        var names: [String] = []
        skillOfCard = cards.map { card in
            if let index = skillIndex[card.skill] { return index }
            skillIndex[card.skill] = names.count
            names.append(card.skill)
            return names.count - 1
        }
        skillNames = names
        skillRetention = Array(repeating: Stats.Retention(), count: names.count)
        againByCard = Array(repeating: 0, count: cards.count)
    }

    /// The Monday that starts the heatmap: 25 weeks before the week of `today`.
    static func heatmapStart(today: Int) -> Int {
        today - DayClock.weekday(ofDay: today) - (heatmapWeeks - 1) * 7
    }

    /// Adds one card's whole history, in time order. `card` is the card's index in `cards`,
    /// or nil for a card no longer in the decks (its answers still count as practice).
    /// `setStates`: the states of its set-states, each at its event's `setStateIndex`.
    public mutating func add(
        _ history: [LoggedAnswer], card: Int?, key: String, setStates: [ImportedState] = []
    ) {
        history.withUnsafeBufferPointer { history in
            setStates.withUnsafeBufferPointer { add(history, card: card, key: key, setStates: $0) }
        }
    }

    /// Takes a buffer, not a slice: a slice would retain the log's one array for every card,
    /// and two cores retaining the same object contend for it. The history goes through the one
    /// replay, event by event; only answers count as practice.
    public mutating func add(
        _ history: UnsafeBufferPointer<LoggedAnswer>, card: Int?, key: String,
        setStates: UnsafeBufferPointer<ImportedState> = UnsafeBufferPointer(start: nil, count: 0)
    ) {
        let clock = scheduler.clock
        let keyHash = FNV1a.hash(key)
        let today = stats.today
        var state = CardState.new
        var previousDay = Int.min
        var againCount = 0
        var answeredLater = false
        var answeredBefore = false
        for position in history.indices {
            let logged = history[position]
            let seconds = logged.seconds
            // Events after the moment the figures are for (an earlier `--now`) are not counted.
            guard seconds <= stats.now else {
                answeredLater = true
                break
            }
            if let index = logged.setStateIndex {
                // Its state is beside the history, not in the event (`CompactEvent`).
                if index < setStates.count {
                    Replay.set(&state, to: setStates[index], preset: scheduler.settings.preset)
                }
                // A card set to a schedule (an import) is not new when it is next answered.
                if state.phase != .new { answeredBefore = true }
                continue
            }
            let intervalBefore = state.interval
            guard let outcome = replay.advance(&state, by: logged, keyHash: keyHash) else { continue }
            let day = clock.day(of: seconds)
            let passed = logged.answer.rating != .again
            if !passed { againCount += 1 }
            stats.totalAnswers += 1
            let index = day - firstDay
            if index >= 0, index < tallies.count {
                tallies[index].answers += 1
                if passed { tallies[index].correct += 1 }
                if !answeredBefore { tallies[index].new += 1 }
                tallies[index].durationMilliseconds += Int64(logged.durationMilliseconds)
                if outcome.kind == .review {
                    if intervalBefore >= StatsBuilder.matureInterval {
                        retentionByDay[index].mature.total += 1
                        if passed { retentionByDay[index].mature.passed += 1 }
                    } else {
                        retentionByDay[index].young.total += 1
                        if passed { retentionByDay[index].young.passed += 1 }
                    }
                    if let card, day > today - StatsBuilder.skillRetentionDays {
                        skillRetention[skillOfCard[card]].total += 1
                        if passed { skillRetention[skillOfCard[card]].passed += 1 }
                    }
                }
            } else if day != previousDay {
                olderDays.insert(day)
            }
            previousDay = day
            answeredBefore = true
            // The day this answer set the card due counts it, if the answer was given before
            // that day and the card was not answered again before the day began.
            // Only cards of the decks: days to come count them alone, and so must days past.
            if card != nil, let dueDay = dueDay(of: outcome.state.due), dueDay > day, dueDay <= today {
                let nextAnswer = history[(position + 1)...].first { $0.event == .answer }
                if nextAnswer.map({ clock.day(of: $0.seconds) >= dueDay }) ?? true, dueDay - firstDay >= 0 {
                    tallies[dueDay - firstDay].due += 1
                }
            }
        }
        if let card {
            againByCard[card] = againCount
            if answeredLater { asOfNow[card] = state }
        }
    }

    /// Adds what another builder, given other cards' histories, counted: a long log is
    /// replayed in parts on several cores.
    public mutating func merge(_ other: StatsBuilder) {
        stats.totalAnswers += other.stats.totalAnswers
        for index in tallies.indices {
            let theirs = other.tallies[index]
            tallies[index].answers += theirs.answers
            tallies[index].correct += theirs.correct
            tallies[index].new += theirs.new
            tallies[index].durationMilliseconds += theirs.durationMilliseconds
            tallies[index].due += theirs.due
            retentionByDay[index].young = retentionByDay[index].young + other.retentionByDay[index].young
            retentionByDay[index].mature = retentionByDay[index].mature + other.retentionByDay[index].mature
        }
        olderDays.formUnion(other.olderDays)
        for index in skillRetention.indices {
            skillRetention[index] = skillRetention[index] + other.skillRetention[index]
        }
        for index in againByCard.indices { againByCard[index] += other.againByCard[index] }
        asOfNow.merge(other.asOfNow) { mine, _ in mine }
    }

    private func dueDay(of due: CardState.Due) -> Int? {
        switch due {
        case .none: nil
        case .day(let day): day
        case .instant(let at): scheduler.clock.day(of: at)
        }
    }

    /// The figures, once every history has been added.
    public func finish() -> Stats {
        var stats = self.stats
        let today = stats.today
        func tally(_ day: Int) -> Stats.Day { tallies[day - firstDay] }

        stats.todayTotals = tally(today)
        var practised = olderDays
        for day in tallies where day.answers > 0 { practised.insert(day.day) }
        stats.daysPractised = practised.count
        stats.currentStreak = DayClock.streak(days: practised, today: today)
        var longest = 0
        var run = 0
        var previous = Int.min
        for day in practised.sorted() {
            run = day == previous + 1 ? run + 1 : 1
            longest = max(longest, run)
            previous = day
        }
        stats.longestStreak = longest

        var period = Stats.Day(day: today - stats.periodDays + 1)
        for day in (today - stats.periodDays + 1)...today {
            let row = tally(day)
            period.answers += row.answers
            period.correct += row.correct
            period.new += row.new
            period.durationMilliseconds += row.durationMilliseconds
            period.due += row.due
        }
        stats.period = period

        let heatmapStart = StatsBuilder.heatmapStart(today: today)
        stats.heatmap = (heatmapStart...today).map(tally)
        stats.retention = StatsBuilder.retentionPeriods.map { days in
            var figure = Stats.RetentionPeriod(days: days)
            for day in (today - days + 1)...today {
                let counts = retentionByDay[day - firstDay]
                figure.young = figure.young + counts.young
                figure.mature = figure.mature + counts.mature
            }
            return figure
        }
        stats.retentionByWeek = (0..<StatsBuilder.heatmapWeeks).map { week in
            let start = heatmapStart + week * 7
            var figure = Stats.Week(start: start)
            for day in start..<min(start + 7, today + 1) {
                let counts = retentionByDay[day - firstDay]
                figure.retention = figure.retention + counts.young + counts.mature
            }
            return figure
        }

        addCardFigures(to: &stats)
        stats.days = ((today - stats.periodDays + 1)...today).map(tally) + stats.forecast
        return stats
    }

    /// What the current states say: counts, the forecast, distributions, skills, leeches.
    private func addCardFigures(to stats: inout Stats) {
        let today = stats.today
        stats.forecast = (1...StatsBuilder.forecastDays).map { Stats.Day(day: today + $0) }
        var intervals = StatsBuilder.intervalBuckets
        var eases = StatsBuilder.easeBuckets
        var intervalSum = 0
        var easeSum = 0
        var scheduled = 0
        var skills = skillNames.map { Stats.Skill(skill: $0) }
        var memory = MemoryFigures(scheduler: scheduler, now: stats.now, today: today)
        for (index, card) in cards.enumerated() {
            var state = card.state
            if let then = asOfNow[index] {
                state = then
                state.suspended = then.suspended || card.state.suspended
            }
            let skill = skillOfCard[index]
            skills[skill].cards += 1
            if state.phase != .new { skills[skill].learned += 1 }
            let mature = state.phase == .review && state.interval >= StatsBuilder.matureInterval
            if mature { skills[skill].mature += 1 }
            // Anki's daily load: every card in learning or review that is not suspended, a
            // learning step counting as an interval of one day.
            if state.phase != .new, !state.suspended { stats.dailyLoad += 1 / Double(max(1, state.interval)) }
            if state.phase == .review || state.phase == .relearning {
                scheduled += 1
                intervalSum += state.interval
                easeSum += state.ease
                if let bucket = intervals.firstIndex(where: { $0.contains(state.interval) }) {
                    intervals[bucket].count += 1
                }
                if let bucket = eases.firstIndex(where: { $0.contains(state.ease / 10) }) { eases[bucket].count += 1 }
            }
            if state.suspended {
                stats.states.suspended += 1
                continue
            }
            switch state.phase {
            case .new: stats.states.new += 1
            case .learning: stats.states.learning += 1
            case .relearning: stats.states.relearning += 1
            case .review:
                if mature { stats.states.mature += 1 } else { stats.states.young += 1 }
            }
            let due = dueDay(of: state.due)
            memory?.add(state, dueToday: due.map { $0 <= today } ?? false)
            guard let due else { continue }
            if due <= today {
                stats.dueToday += 1
                if due < today { stats.overdue += 1 }
            } else if due <= today + StatsBuilder.forecastDays {
                stats.forecast[due - today - 1].due += 1
            }
        }
        stats.intervals = intervals
        stats.eases = eases
        stats.memory = memory?.result
        stats.averageInterval = scheduled == 0 ? nil : Double(intervalSum) / Double(scheduled)
        stats.averageEase = scheduled == 0 ? nil : Double(easeSum) / Double(scheduled) / 1000
        for index in skills.indices { skills[index].retention = skillRetention[index] }
        stats.skills = skills.sorted { left, right in
            if left.matureShare != right.matureShare { return left.matureShare > right.matureShare }
            if left.learnedShare != right.learnedShare { return left.learnedShare > right.learnedShare }
            let (l, r) = (left.retention.share ?? -1, right.retention.share ?? -1)
            if l != r { return l > r }
            return left.skill < right.skill
        }

        func state(_ index: Int) -> CardState { asOfNow[index] ?? cards[index].state }
        func line(_ index: Int) -> Stats.CardLine {
            let card = cards[index]
            return Stats.CardLine(
                key: card.key, path: card.path, line: card.line, lapses: state(index).lapses, again: againByCard[index],
                leech: state(index).leech)
        }
        stats.leeches = cards.indices.filter { state($0).leech }.map(line).sorted {
            $0.lapses != $1.lapses ? $0.lapses > $1.lapses : $0.key < $1.key
        }
        stats.mostFailed = Array(
            cards.indices.filter { againByCard[$0] >= 2 }.map(line).sorted {
                $0.again != $1.again ? $0.again > $1.again : $0.key < $1.key
            }.prefix(10))
    }

    /// Tallies `Stats.Memory` over the cards, when the preset is `fsrs`.
    private struct MemoryFigures {
        let scheduler: Scheduler
        let now: Int64
        var figures = Stats.Memory()
        var sums = (retrievability: 0.0, stability: 0.0, difficulty: 0.0)

        init?(scheduler: Scheduler, now: Int64, today: Int) {
            guard scheduler.settings.preset == .fsrs else { return nil }
            self.scheduler = scheduler
            self.now = now
            figures.retrievability = (0..<10).map {
                let upper = $0 == 9 ? 100 : $0 * 10 + 9
                return .init(label: "\($0 * 10)-\(upper)%", lower: $0 * 10, upper: upper)
            }
            figures.stability = StatsBuilder.intervalBuckets
            figures.difficulty = (1..<10).map { .init(label: "\($0)-\($0 + 1)", lower: $0 * 10, upper: $0 * 10 + 9) }
            figures.difficulty[8].upper = 100
        }

        /// A card that is not suspended.
        mutating func add(_ state: CardState, dueToday: Bool) {
            guard state.phase != .new, let (memory, retrievability) = scheduler.memory(state, at: now),
                retrievability.isFinite, memory.stability.isFinite, memory.difficulty.isFinite
            else { return }
            figures.cards += 1
            let r = Double(retrievability)
            sums.retrievability += r
            sums.stability += Double(memory.stability)
            sums.difficulty += Double(memory.difficulty)
            figures.expectedKnown += r
            if dueToday {
                figures.dueToday += 1
                figures.expectedRecalledToday += r
            }
            count(Int((r * 100).rounded(.down)), in: &figures.retrievability)
            count(Int(memory.stability.rounded()), in: &figures.stability)
            count(Int((memory.difficulty * 10).rounded(.down)), in: &figures.difficulty)
        }

        private func count(_ value: Int, in buckets: inout [Stats.Bucket]) {
            if let bucket = buckets.firstIndex(where: { $0.contains(value) }) { buckets[bucket].count += 1 }
        }

        var result: Stats.Memory {
            var result = figures
            let cards = Double(figures.cards)
            if figures.cards > 0 {
                result.averageRetrievability = sums.retrievability / cards
                result.averageStability = sums.stability / cards
                result.averageDifficulty = sums.difficulty / cards
            }
            return result
        }
    }

    static let intervalBuckets: [Stats.Bucket] = [
        .init(label: "1d", lower: 0, upper: 1), .init(label: "2-3d", lower: 2, upper: 3),
        .init(label: "4-7d", lower: 4, upper: 7), .init(label: "1-2w", lower: 8, upper: 14),
        .init(label: "2-4w", lower: 15, upper: 30), .init(label: "1-3mo", lower: 31, upper: 90),
        .init(label: "3-6mo", lower: 91, upper: 180), .init(label: "6-12mo", lower: 181, upper: 365),
        .init(label: ">1y", lower: 366, upper: nil),
    ]

    static let easeBuckets: [Stats.Bucket] =
        stride(from: 130, to: 290, by: 20).map { .init(label: "\($0)-\($0 + 19)%", lower: $0, upper: $0 + 19) }
        + [.init(label: "290%+", lower: 290, upper: nil)]
}

extension Stats.Bucket {
    func contains(_ value: Int) -> Bool {
        value >= lower && upper.map { value <= $0 } != false
    }
}
