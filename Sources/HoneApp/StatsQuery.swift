import HoneCore
import HoneDeck
import HoneStore

/// `hone stats`: every figure of `Stats`, from the decks, the card states and the whole log.
public enum StatsQuery {
    /// The figures for the decks and skills `filters` names (all when none), with period
    /// totals over the last `days` days.
    ///
    /// Two threads, each with its own connection, each reading and replaying half of the log
    /// (split by card key): one reads the card states, then its half; the other the decks,
    /// then its half, then builds the card list from decks and states, which both need
    /// before they replay. The halves' tallies are added up at the end.
    /// `tags`: only the cards tagged with every one (`--tag`).
    public static func compute(_ workspace: Workspace, filters: [String], tags: [String] = [], days: Int) throws
        -> Stats
    {
        let store = try workspace.openStore(mapped: true)
        let split = try store.middleCard()
        // Opened after the first, so the file is known sound and its states up to date.
        let second = try Store(folder: workspace.locations.dataFolder, mapped: true)
        let statesHandoff = Handoff<CardStates>()
        let listHandoff = Handoff<StatsCardList>()
        let scheduler = workspace.scheduler
        let now = workspace.nowSeconds
        // Without filters, answers to cards no longer in the decks still count as practice.
        let countOrphans = filters.isEmpty && tags.isEmpty
        let replay: @Sendable (EventHistories, StatsCardList) -> StatsBuilder = { histories, list in
            var builder = StatsBuilder(scheduler: scheduler, now: now, periodDays: days, cards: list.cards)
            let cardOfHistory = list.indexes(of: histories.keys)
            histories.withAnswers { all in
                histories.withSetStates { setStates in
                    for index in 0..<histories.count {
                        let key = histories.keys[index]
                        let card = cardOfHistory[index]
                        guard card != nil || countOrphans else { continue }
                        builder.add(histories.history(index, in: all), card: card, key: key, setStates: setStates)
                    }
                }
            }
            return builder
        }
        var (builder, (secondHalf, dueCounts)) = try Parallel.both(
            {
                statesHandoff.put(Result { try store.states() })
                let histories = try store.histories(below: split)
                return replay(histories, try listHandoff.wait())
            },
            {
                // The decks and this half of the log first: by then the states are there.
                // Always hands the list over, or the failure: the other thread waits for it.
                let decks = Result {
                    try Workspace.tagged(
                        Workspace.select(workspace.loadIndexes(parallel: false), filters: filters), tags: tags)
                }
                let histories = Result { try split.map { try second.histories(from: $0) } }
                let states = Result { try statesHandoff.wait() }
                let list = Result { StatsCardList(try decks.get(), states: try states.get()) }
                listHandoff.put(list)
                // What `hone status` counts as due today, from the same states: within the daily
                // limits, buried cards and siblings of cards answered today held back.
                let due = try Agenda(
                    workspace: workspace, decks: try decks.get(), store: second, states: try states.get()
                ).total
                guard let half = try histories.get() else {
                    return (
                        StatsBuilder(scheduler: scheduler, now: now, periodDays: days, cards: try list.get().cards), due
                    )
                }
                return (replay(half, try list.get()), due)
            })
        builder.merge(secondHalf)
        var stats = builder.finish()
        // Cards in learning or review due today, as `status` counts them (new cards apart).
        stats.dueToday = dueCounts.learning + dueCounts.reviews + dueCounts.laterToday
        stats.overdue = min(stats.overdue, stats.dueToday)
        return stats
    }
}
