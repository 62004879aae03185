internal import GRDB
import HoneCore

/// The event log: one row per event, appended and never updated or deleted. Every write of an
/// event also brings its card's cached state up to date, in the same transaction.
extension Store {
    /// Appends one event made here and brings its card's state up to date, in one transaction
    /// committed before this returns: a crash after it loses nothing, before it only this event.
    /// The id (this device's next) and the time (after every event the card already has, so the
    /// event is its latest) are chosen inside the transaction, and the state is computed from
    /// the card's cached state, or by replaying its events when another process appended since
    /// the cache was written: any number of sessions can answer at once, each from the others'
    /// answers.
    public func append(
        _ action: EventAction, card: String, at milliseconds: Int64, utcOffset: Int, replay: Replay,
        note: String? = nil
    ) throws(StoreError) -> RecordedEvent {
        var appended: RecordedEvent?
        try write { db in
            let (device, counter) = try Store.nextEventNumber(db)
            let latest = try Row.fetchOne(
                db,
                sql:
                    "SELECT at_ms, (SELECT COUNT(*) FROM event_log WHERE card = ?1) FROM event_log WHERE card = ?1 "
                    + "ORDER BY at_ms DESC LIMIT 1",
                arguments: [card])
            let count: Int = latest?[1] ?? 0
            var time = milliseconds
            if let latestTime: Int64 = latest?[0], latestTime >= time { time = latestTime + 1 }
            let event = LogEvent(
                id: "\(device)-\(counter)", card: card, time: time, utcOffset: utcOffset, action: action,
                device: device,
                note: note)
            let keyHash = FNV1a.hash(card)
            // The card's state before the event: the cache when no other process appended to
            // the card since it was written, a replay of the card's events otherwise.
            var history: [LogEvent]?
            let before: CardState
            if let cached = try Store.cachedState(card: card, in: db), cached.events == count {
                before = cached.state
            } else {
                history = try LogRows.history(of: card, in: db)
                before = replay.card(history ?? [], keyHash: keyHash)
            }
            var step = replay.apply(event, to: before, keyHash: keyHash)
            if case .undo = action {
                // An undo changes what came before it: the card is replayed whole, with it.
                let events = try history ?? LogRows.history(of: card, in: db)
                step.after = replay.card(events + [event], keyHash: keyHash)
            }
            guard try LogRows.insert([event], into: db) == [true] else {
                // Never silently: the learner was told the answer is saved.
                throw StoreError.other(path, "the event \(event.id) was not written: the log has one like it already")
            }
            try Store.saveState(step.after, card: card, events: count + 1, in: db)
            appended = RecordedEvent(event: event, step: step)
        }
        guard let appended else { throw StoreError.other(path, "the event was not written") }
        return appended
    }

    /// This device's id and the number of its next event, taken inside the write transaction
    /// that appends the event, so two processes never take the same one. The device id is made
    /// once per data folder, at random: a device's ids can never be another's.
    ///
    /// A data folder put back from a copy has an older counter than the ids its log now holds
    /// (`hone sync` brought its later events back from the folder): a taken id moves the counter
    /// past the highest of this device's ids, so no new event is ever mistaken for one there.
    static func nextEventNumber(_ db: Database) throws -> (device: String, counter: Int64) {
        let device = try Store.device(db)
        var counter =
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'next_event'").flatMap { Int64($0) } ?? 1
        let taken = "SELECT EXISTS (SELECT 1 FROM event_log WHERE id = ?)"
        if try Bool.fetchOne(db, sql: taken, arguments: ["\(device)-\(counter)"]) == true {
            // Through the id index: this device's ids are the range from "DEVICE-" to "DEVICE.".
            let highest = try Int64.fetchOne(
                db,
                sql: "SELECT MAX(CAST(substr(id, ?) AS INTEGER)) FROM event_log WHERE id > ? AND id < ?",
                arguments: [device.utf8.count + 2, device + "-", device + "."])
            counter = max(counter, (highest ?? 0) + 1)
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('next_event', ?)", arguments: [String(counter + 1)])
        return (device, counter)
    }

    /// The data folder's device id, made at random the first time (in a write transaction):
    /// sixteen hex digits.
    static func device(_ db: Database) throws -> String {
        if let known = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'device'") { return known }
        var generator = SystemRandomNumberGenerator()
        let made = String(generator.next() as UInt64, radix: 16)
        let device = String(repeating: "0", count: 16 - made.count) + made
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('device', ?)", arguments: [device])
        return device
    }

    /// The events of one card, in log order.
    public func events(card: String) throws(StoreError) -> [LogEvent] {
        do {
            return try database.read { db in
                try LogRows.history(of: card, in: db)
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// The whole log, in log order: by card, then time and id (for replay), or by time and id
    /// across cards (an export reads the same set in that order).
    public func events(orderedByTime: Bool = false) throws(StoreError) -> [LogEvent] {
        do {
            let order = orderedByTime ? "at_ms, id, card" : "card, at_ms, id"
            // NOT INDEXED: through the time index, the whole log would be read a row at a time in
            // random order; a scan and a sort are several times faster.
            return try database.read { db in
                try LogRows.fetch(db, sql: "SELECT \(LogRows.columns) FROM event_log NOT INDEXED ORDER BY \(order)")
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// The whole history of every card answered between two instants (milliseconds), grouped
    /// by card in log order: what today's counts replay to learn how each of today's answers
    /// counted, and whether it was the card's first.
    public func histories(ofCardsAnsweredFrom start: Int64, to end: Int64) throws(StoreError) -> [LogEvent] {
        do {
            return try database.read { db in
                // One statement: the cards through the time index of answers (a seek and
                // today's rows, not a scan), then each card's events through the log's key.
                try LogRows.fetch(
                    db,
                    sql: """
                        SELECT \(LogRows.columns) FROM event_log WHERE card IN (
                            SELECT card FROM event_log WHERE at_ms >= ? AND at_ms < ? AND event = 'answer')
                        ORDER BY card, at_ms, id
                        """,
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

    /// Merges events into the log in one transaction: events already present (the same id, or
    /// an answer at the same card and time when one of the two has no id) are skipped, and the touched cards
    /// are replayed whole, so their states are what the log now says.
    /// `segments`: the sync segments the events were read from (`hone sync`), recorded as read
    /// in the same transaction; their events are identified by id alone and not numbered as
    /// arrived here (`LogRows.insert`), so this device does not publish them again.
    public func merge(
        _ events: [LogEvent], replay: Replay, segments: [SyncSegment]? = nil
    ) throws(StoreError) -> MergeSummary {
        var summary = MergeSummary(added: 0, skipped: 0, cards: 0)
        // In log order (card, time, id): the order replay needs, and kind to the log's indexes.
        let sorted = Store.inLogOrder(events)
        // A large import arrives in card order, which is random order for the time index: it is
        // dropped and built again at the end (a sort, several times faster), in the same transaction.
        let rebuildsTimeIndex = sorted.count >= 20_000
        func mergeRows(_ db: Database) throws {
            // A large import touches most pages of the log's indexes: with room to keep them all,
            // each is written once at commit instead of spilling again and again.
            try db.execute(sql: "PRAGMA cache_size = -\(min(1 << 20, max(2000, events.count / 2)))")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let wasEmpty = try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM event_log)") == 0
            let added = try LogRows.insert(sorted, into: db, logWasEmpty: wasEmpty, fromSync: segments != nil)
            for segment in segments ?? [] { try segment.record(in: db) }
            var touched: [String] = []
            for (index, wasAdded) in added.enumerated() {
                if wasAdded {
                    summary.added += 1
                    if touched.last != sorted[index].card { touched.append(sorted[index].card) }
                } else {
                    summary.skipped += 1
                }
            }
            summary.cards = touched.count
            guard !touched.isEmpty else { return }
            if wasEmpty, !added.contains(false) {
                // Every event went into an empty log, in log order: they are the cards' whole
                // histories, replayed here without reading them back.
                try replay.cards(
                    sorted, cardOf: { $0.card },
                    eachCard: { card, history, state in
                        try Store.saveState(state, card: card, events: history.count, in: db)
                    })
            } else {
                // Otherwise the touched cards' histories, as now stored, are replayed. Only they
                // are read: a small import into a long log must not read the whole log back.
                for card in touched {
                    let history = try LogRows.history(of: card, in: db)
                    try Store.saveState(replay.card(history, key: card), card: card, events: history.count, in: db)
                }
            }
            try LogRows.recordStateCount(db)
        }
        // A large sync brings other devices' ids in card order, random order for the id index:
        // it is dropped and built again too (3 s of 9 when 666,667 events come in, against 2 s to
        // build). Meanwhile the log's key (card, time, id) tells an event already here, which for
        // a segment's events is enough: an event has the same key on every device. Two different
        // events with one id (two imports that gave the same ids) make the rebuild fail; the
        // merge is then done again with the index in place, which skips such an event.
        var idClash = false
        func attempt(rebuildingIDIndex: Bool) throws(StoreError) {
            summary = MergeSummary(added: 0, skipped: 0, cards: 0)
            try write { db in
                if rebuildsTimeIndex { try db.execute(sql: "DROP INDEX IF EXISTS event_log_time") }
                if rebuildingIDIndex { try db.execute(sql: "DROP INDEX IF EXISTS event_log_id") }
                try mergeRows(db)
                if rebuildsTimeIndex { try db.execute(sql: Store.timeIndexSQL) }
                if rebuildingIDIndex {
                    do {
                        try db.execute(sql: Store.idIndexSQL)
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        idClash = true
                        throw error
                    }
                }
            }
        }
        if segments != nil, sorted.count >= 20_000 {
            do {
                try attempt(rebuildingIDIndex: true)
            } catch {
                guard idClash else { throw error }
                try attempt(rebuildingIDIndex: false)
            }
        } else {
            try attempt(rebuildingIDIndex: false)
        }
        if summary.added > 1_000 { checkpointNow() }
        return summary
    }

    /// The newest event (by time, then id) made or imported on this device that is not an undo
    /// and that no undo took back: what `hone undo` takes back. An event another device made
    /// (it came by `hone sync`) is not this device's to take back. Only undos' targets are read
    /// whole: at most that many newest events can have been taken back, so one more is enough
    /// to look at.
    public func lastEventStanding() throws(StoreError) -> LogEvent? {
        do {
            return try database.read { db in
                let targets = try Row.fetchAll(db, sql: "SELECT card, target FROM event_log WHERE event = 'undo'")
                var undone = Set<String>()
                for row in targets {
                    let card: String = row[0]
                    let target: String? = row[1]
                    if let target { undone.insert("\(card)\u{0}\(target)") }
                }
                let newest = try LogRows.fetch(
                    db,
                    sql: "SELECT \(LogRows.columns) FROM event_log WHERE event <> 'undo' AND arrival IS NOT NULL "
                        + "ORDER BY at_ms DESC, id DESC LIMIT ?",
                    integers: [Int64(undone.count + 1)])
                return newest.first { !undone.contains("\($0.card)\u{0}\($0.id)") }
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// `events` in the log's order, (card, time, stored id) compared by their bytes as SQLite
    /// does, so a replay of them meets each card's events as a replay of the stored log would.
    /// Cards are ranked once, then a million rows sort on integers: comparing card strings row
    /// against row is most of the cost otherwise.
    static func inLogOrder(_ events: [LogEvent]) -> [LogEvent] {
        // An import that builds its events card by card in this order (`hone import anki`)
        // needs no sorted copy: one pass tells, and the array is kept as it is.
        if isInLogOrder(events) { return events }
        var rankOf: [String: Int] = [:]
        var ranks = [Int](repeating: 0, count: events.count)
        var previous: String?
        var previousRank = 0
        // By index, reading only the card: a loop over the events copies each whole event (its
        // strings retained and released), which was a tenth of an import.
        for index in events.indices {
            let card = events[index].card
            if card != previous {
                if let known = rankOf[card] {
                    previousRank = known
                } else {
                    previousRank = rankOf.count
                    rankOf[card] = previousRank
                }
                previous = card
            }
            ranks[index] = previousRank
        }
        // Ranks in first-seen order become ranks in the cards' byte order.
        let cardOrder = rankOf.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var ordered = [Int](repeating: 0, count: cardOrder.count)
        for (position, item) in cardOrder.enumerated() { ordered[item.value] = position }
        var keys = events.indices.map { (card: ordered[ranks[$0]], time: events[$0].time, index: $0) }
        keys.sort { left, right in
            if left.card != right.card { return left.card < right.card }
            if left.time != right.time { return left.time < right.time }
            let (leftID, rightID) = (events[left.index].storedID, events[right.index].storedID)
            if leftID != rightID { return leftID.utf8.lexicographicallyPrecedes(rightID.utf8) }
            return left.index < right.index
        }
        return keys.map { events[$0.index] }
    }

    /// Whether `events` are in log order already, each pair compared as `inLogOrder` sorts them.
    static func isInLogOrder(_ events: [LogEvent]) -> Bool {
        for index in events.indices.dropFirst() {
            let (left, right) = (events[index - 1], events[index])
            if left.card != right.card {
                if right.card.utf8.lexicographicallyPrecedes(left.card.utf8) { return false }
                continue
            }
            if left.time != right.time {
                if right.time < left.time { return false }
                continue
            }
            if right.storedID.utf8.lexicographicallyPrecedes(left.storedID.utf8) { return false }
        }
        return true
    }

    /// The days practised in a row up to `today` (or up to yesterday, when today has no answer
    /// yet), as `DayClock.streak` counts them. Walked back one day at a time through the time
    /// index, each step one seek to the latest answer before the day found last: the cost is
    /// the streak's length, not the log's.
    public func streak(today: Int, clock: DayClock) throws(StoreError) -> Int {
        do {
            return try database.read { db in
                let latest = try db.cachedStatement(
                    sql: "SELECT at_ms FROM event_log WHERE at_ms < ? AND event = 'answer' ORDER BY at_ms DESC LIMIT 1")
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

    /// The number of events in the log.
    public func eventCount() throws(StoreError) -> Int {
        do {
            return try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event_log") ?? 0 }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// SQLite's own integrity check, and the write-ahead log's frames (`WriteAheadLogCheck`):
    /// "ok", or what is wrong. Files found sound are stamped as they are (`DatabaseStamp`), so
    /// the next write need not check them again: after a copy or a restore, `hone doctor` is
    /// that check.
    public func integrityCheck() throws(StoreError) -> [String] {
        var findings: [String]
        do {
            findings = try database.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        } catch {
            throw Store.describe(error, path: path)
        }
        if findings == ["ok"], let damage = WriteAheadLogCheck.damage(in: path + "-wal") { findings = [damage] }
        if findings == ["ok"] { stamp() }
        return findings
    }
}
