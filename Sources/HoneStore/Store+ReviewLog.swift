internal import GRDB
import HoneCore

/// The review log: one row per answer, never updated, deleted only by undo of the last answer.
extension Store {
    /// Saves one answer and the card's new state in one transaction, committed before this
    /// returns: a crash after it loses nothing, a crash before it loses only this answer.
    public func record(_ entry: ReviewLogEntry, state: CardState) throws(StoreError) {
        try write { db in
            try Store.insert(entry, in: db)
            try Store.saveState(state, card: entry.card, in: db)
        }
    }

    static func insert(_ entry: ReviewLogEntry, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO review_log (id, card, reviewed_ms, utc_offset, rating, duration_ms, kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                entry.id, entry.card, entry.time, entry.utcOffset, entry.answer.logText, entry.durationMilliseconds,
                entry.kind.rawValue,
            ])
    }

    /// Takes back the answer `id`, which must be its card's latest, and restores the card's
    /// state exactly as it was, by replaying what is left of its log. Returns that state.
    @discardableResult
    public func undo(_ id: String, replay: Replay) throws(StoreError) -> CardState? {
        var restored: CardState?
        try write { db in
            guard let (card, time) = try Store.locate(id, in: db) else { return }
            let latest = try Int64.fetchOne(
                db, sql: "SELECT reviewed_ms FROM review_log WHERE card = ? ORDER BY reviewed_ms DESC LIMIT 1", arguments: [card])
            guard latest == time else { return }
            try db.execute(sql: "DELETE FROM review_log WHERE card = ? AND reviewed_ms = ?", arguments: [card, time])
            let remaining = try LogRows.fetch(
                db, sql: "SELECT \(LogRows.columns) FROM review_log WHERE card = ? ORDER BY reviewed_ms, id", text: card)
            if remaining.isEmpty {
                try db.execute(sql: "DELETE FROM card_state WHERE card = ?", arguments: [card])
                restored = .new
            } else {
                let state = replay.card(remaining).state
                try Store.saveState(state, card: card, in: db)
                restored = state
            }
        }
        return restored
    }

    /// The card and time of the answer `id`: stored ids first, then the default `card@time`.
    static func locate(_ id: String, in db: Database) throws -> (String, Int64)? {
        if let row = try Row.fetchOne(db, sql: "SELECT card, reviewed_ms FROM review_log WHERE id = ?", arguments: [id]) {
            return (row[0], row[1])
        }
        guard let at = id.lastIndex(of: "@"), let time = Int64(id[id.index(after: at)...]) else { return nil }
        let card = String(id[..<at])
        let found = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM review_log WHERE card = ? AND reviewed_ms = ? AND id IS NULL)",
            arguments: [card, time]) ?? false
        return found ? (card, time) : nil
    }

    /// The whole log ordered by card then time (for replay), or by time (for export).
    public func log(orderedByTime: Bool = false) throws(StoreError) -> [ReviewLogEntry] {
        do {
            let order = orderedByTime ? "reviewed_ms, id" : "card, reviewed_ms, id"
            // NOT INDEXED: through the time index, the whole log would be read a row at a time in
            // random order; a scan and a sort are several times faster.
            return try database.read { db in
                try LogRows.fetch(db, sql: "SELECT \(LogRows.columns) FROM review_log NOT INDEXED ORDER BY \(order)")
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// The answers given between two instants (milliseconds), in time order.
    public func log(from start: Int64, to end: Int64) throws(StoreError) -> [ReviewLogEntry] {
        do {
            return try database.read { db in
                try LogRows.fetch(
                    db, sql: "SELECT \(LogRows.columns) FROM review_log WHERE reviewed_ms >= ? AND reviewed_ms < ? ORDER BY reviewed_ms, id",
                    integers: [start, end])
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// What a merge did.
    public struct MergeSummary: Sendable, Equatable {
        public var added: Int
        public var skipped: Int
        public var cards: Int
    }

    /// Merges answers into the log in one transaction: rows already present (the same id, or
    /// the same card and time) are skipped, and the touched cards are replayed.
    public func merge(_ entries: [ReviewLogEntry], replay: Replay) throws(StoreError) -> MergeSummary {
        var summary = MergeSummary(added: 0, skipped: 0, cards: 0)
        // By card, then time: the order replay needs, and kind to the log's indexes.
        var sorted = Store.sortedByCardAndTime(entries)
        // A large import arrives in card order, which is random order for the time index: it is
        // dropped and built again at the end (a sort, several times faster), in the same transaction.
        let rebuildsTimeIndex = sorted.count >= 20_000
        func mergeRows(_ db: Database) throws {
            // A large import touches most pages of the log's indexes: with room to keep them all,
            // each is written once at commit instead of spilling again and again.
            try db.execute(sql: "PRAGMA cache_size = -\(min(1 << 20, max(2000, entries.count / 2)))")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let wasEmpty = try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM review_log)") == 0
            // Each answer's kind is what replay finds, whatever the file said: it is derived (it
            // decides how today's answers count against the daily limits), and a log written by
            // hand or by another tool often has none. Into an empty log the kinds are replayed
            // before the rows go in, so a restore writes each row once.
            let predicted = wasEmpty ? Store.replayKinds(of: &sorted, replay: replay) : []
            let added = try LogRows.insert(sorted, into: db)
            var touched = Set<String>()
            var addedEntries: [ReviewLogEntry] = []
            addedEntries.reserveCapacity(sorted.count)
            for (entry, wasAdded) in zip(sorted, added) {
                if wasAdded {
                    summary.added += 1
                    if addedEntries.last?.card != entry.card { touched.insert(entry.card) }
                    addedEntries.append(entry)
                } else {
                    summary.skipped += 1
                }
            }
            summary.cards = touched.count
            guard !touched.isEmpty else { return }
            // Every row went into an empty log: the states replay predicted are the cards' states.
            if wasEmpty, !added.contains(false) {
                // In card order already (the entries are), so the table is kept in key order.
                for (card, state) in predicted { try Store.saveState(state, card: card, in: db) }
                try LogRows.recordStateCount(db)
                return
            }
            // Otherwise the touched cards' histories, as now stored, are replayed: their states
            // are saved, and any stored kind replay disagrees with is corrected (a row skipped
            // for its id, or answers imported before a card's existing ones, change them).
            // Only the touched cards are read: a small import into a long log must not read
            // the whole log back.
            var history = addedEntries
            if !wasEmpty || added.contains(false) {
                history = []
                for card in touched.sorted() {
                    history += try LogRows.fetch(
                        db, sql: "SELECT \(LogRows.columns) FROM review_log WHERE card = ? ORDER BY reviewed_ms", text: card)
                }
            }
            let fix = try db.makeStatement(sql: "UPDATE review_log SET kind = ? WHERE card = ? AND reviewed_ms = ?")
            var start = history.startIndex
            while start < history.endIndex {
                var end = start + 1
                while end < history.endIndex, history[end].card == history[start].card { end += 1 }
                let (state, steps) = replay.card(Array(history[start..<end]))
                for (entry, step) in zip(history[start..<end], steps) where entry.kind != step.kind {
                    try fix.execute(arguments: [step.kind.rawValue, entry.card, entry.time])
                }
                try Store.saveState(state, card: history[start].card, in: db)
                start = end
            }
            try LogRows.recordStateCount(db)
        }
        try write { db in
            if rebuildsTimeIndex { try db.execute(sql: "DROP INDEX IF EXISTS review_log_time") }
            try mergeRows(db)
            if rebuildsTimeIndex { try db.execute(sql: Store.timeIndexSQL) }
        }
        if summary.added > 1_000 { try? database.writeWithoutTransaction { db in try checkpoint(db) } }
        return summary
    }

    /// Sets the kind of each of `entries` (in card, time order, going into an empty log) to
    /// what replay finds, and returns each card's state after all of them, in card order. An entry at the
    /// same time as the one before it of its card is passed over: it will not go in.
    static func replayKinds(of entries: inout [ReviewLogEntry], replay: Replay) -> [(card: String, state: CardState)] {
        let scheduler = replay.scheduler
        var states: [(card: String, state: CardState)] = []
        var start = entries.startIndex
        while start < entries.endIndex {
            let card = entries[start].card
            var end = start + 1
            while end < entries.endIndex, entries[end].card == card { end += 1 }
            let keyHash = FNV1a.hash(card)
            var state = CardState.new
            var lastTime: Int64?
            for index in start..<end where entries[index].time != lastTime {
                let outcome = scheduler.answer(state, entries[index].answer, at: entries[index].seconds, keyHash: keyHash)
                entries[index].kind = outcome.kind
                state = outcome.state
                lastTime = entries[index].time
            }
            states.append((card, state))
            start = end
        }
        return states
    }

    /// `entries` in (card, time) order. Cards are ranked once, then a million rows sort on
    /// integers: comparing card strings row against row is most of the cost otherwise.
    static func sortedByCardAndTime(_ entries: [ReviewLogEntry]) -> [ReviewLogEntry] {
        // Most logs come grouped by card already (hone's own states are kept so): check first.
        var alreadyInOrder = true
        for index in entries.indices.dropFirst() {
            let (before, after) = (entries[index - 1], entries[index])
            if before.card == after.card ? before.time > after.time : !(before.card < after.card) {
                alreadyInOrder = false
                break
            }
        }
        if alreadyInOrder { return entries }
        var rankOf: [String: Int] = [:]
        var ranks = [Int](repeating: 0, count: entries.count)
        var previous: String?
        var previousRank = 0
        for (index, entry) in entries.enumerated() {
            if entry.card != previous {
                if let known = rankOf[entry.card] {
                    previousRank = known
                } else {
                    previousRank = rankOf.count
                    rankOf[entry.card] = previousRank
                }
                previous = entry.card
            }
            ranks[index] = previousRank
        }
        // Ranks in first-seen order become ranks in card order.
        let cardOrder = rankOf.sorted { $0.key < $1.key }
        var ordered = [Int](repeating: 0, count: cardOrder.count)
        for (position, item) in cardOrder.enumerated() { ordered[item.value] = position }
        // An export is in time order: then a counting sort by card, which keeps the order
        // within each card, gives (card, time) order in two passes instead of a sort.
        if !entries.indices.dropFirst().contains(where: { entries[$0 - 1].time > entries[$0].time }) {
            var next = [Int](repeating: 0, count: cardOrder.count + 1)
            for index in entries.indices { next[ordered[ranks[index]] + 1] += 1 }
            for card in 1..<next.count { next[card] += next[card - 1] }
            var order = [Int](repeating: 0, count: entries.count)
            for index in entries.indices {
                let card = ordered[ranks[index]]
                order[next[card]] = index
                next[card] += 1
            }
            return order.map { entries[$0] }
        }
        var keys = entries.indices.map { (card: ordered[ranks[$0]], time: entries[$0].time, index: $0) }
        keys.sort { left, right in
            if left.card != right.card { return left.card < right.card }
            if left.time != right.time { return left.time < right.time }
            return left.index < right.index
        }
        return keys.map { entries[$0.index] }
    }

    /// Which of `cards` have an answer before `time` (milliseconds).
    public func cardsAnswered(_ cards: Set<String>, before time: Int64) throws(StoreError) -> Set<String> {
        guard !cards.isEmpty else { return [] }
        do {
            return try database.read { db in
                let statement = try db.cachedStatement(
                    sql: "SELECT EXISTS (SELECT 1 FROM review_log WHERE card = ? AND reviewed_ms < ?)")
                return Set(try cards.filter { card in try Bool.fetchOne(statement, arguments: [card, time]) ?? false })
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// The time (milliseconds) of the card's latest answer.
    public func latestAnswerTime(card: String) throws(StoreError) -> Int64? {
        do {
            return try database.read { db in
                try Int64.fetchOne(db, sql: "SELECT MAX(reviewed_ms) FROM review_log WHERE card = ?", arguments: [card])
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// The days practised in a row up to `today` (or up to yesterday, when today has no answer
    /// yet), as `DayClock.streak` counts them. Walked back one day at a time through the time
    /// index, each step one seek to the latest answer before the day found last: the cost is
    /// the streak's length, not the log's.
    public func streak(today: Int, clock: DayClock) throws(StoreError) -> Int {
        do {
            return try database.read { db in
                let latest = try db.cachedStatement(
                    sql: "SELECT reviewed_ms FROM review_log WHERE reviewed_ms < ? ORDER BY reviewed_ms DESC LIMIT 1")
                var before = clock.start(ofDay: today + 1) * 1000
                var expected = today
                var count = 0
                while let time = try Int64.fetchOne(latest, arguments: [before]) {
                    let day = clock.day(of: time >= 0 ? time / 1000 : (time - 999) / 1000)
                    if day == expected || (count == 0 && day == today - 1) {
                        count += 1
                        expected = day - 1
                        before = clock.start(ofDay: day) * 1000
                    } else {
                        break
                    }
                }
                return count
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// The number of answers in the review log.
    public func answerCount() throws(StoreError) -> Int {
        do {
            return try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM review_log") ?? 0 }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// SQLite's own integrity check: "ok", or what is wrong.
    public func integrityCheck() throws(StoreError) -> [String] {
        do {
            return try database.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        } catch {
            throw Store.describe(error, path: path)
        }
    }
}
