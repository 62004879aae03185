import Foundation
import HoneAnki
import HoneCore
import HoneDeck
import HoneReport
import HoneStore

/// `hone export anki`: hone's decks as an Anki package. One Anki deck per hone deck (`a/b`
/// becomes `a::b`), one note per `[[card]]` entry with the GUID `hone:DECK_ID/ENTRY_ID` (what
/// an import of the package back into hone maps Anki's reviews by), in Anki's own note types.
/// With scheduling, each card's state as hone replays it and every answer as a revlog row.
public enum AnkiExport {
    public struct Summary: Sendable {
        public var decks: Int
        public var notes: Int
        public var cards: Int
        public var reviews: Int
        /// What a note type has no field for, by card key (a typed card's hint).
        public var dropped: [(card: String, what: String)]

        /// What was left out, a line each, for standard error.
        public var warnings: [String] {
            dropped.map {
                "card \(VisibleText.make($0.card)): left out \($0.what) "
                    + "(Anki's typed note type has only Front and Back)"
            }
        }

        /// What was written, for standard output.
        public func report(out: String, withScheduling: Bool) -> String {
            func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
            let counts =
                [count(notes, "note"), count(cards, "card")] + (withScheduling ? [count(reviews, "review")] : [])
            return "wrote \(VisibleText.make(out)): \(count(decks, "deck")), " + counts.joined(separator: ", ")
        }
    }

    /// Writes the decks that `filters` name (all when none) to `path`, whole or not at all.
    public static func run(
        to path: String, filters: [String], withScheduling: Bool, workspace: Workspace
    ) throws -> Summary {
        let (collection, summary) = try self.collection(
            workspace, filters: filters, withScheduling: withScheduling)
        try TextFile.write(try AnkiPackageWriter.package(collection), to: path)
        return summary
    }

    /// The collection for the decks that `filters` name (all when none), with each card's
    /// history replayed when `withScheduling`.
    static func collection(
        _ workspace: Workspace, filters: [String], withScheduling: Bool
    ) throws -> (AnkiCollection, Summary) {
        let read = readDecks(workspace)
        if read.isEmpty { throw HoneError(.noDecks(folder: workspace.locations.deckFolder)) }
        let chosen = Set(try Workspace.select(read.map { DeckIndex($0.deck) }, filters: filters).map(\.id))
        let files = read.filter { chosen.contains($0.deck.id) }
        var source = Source(decks: files.map(\.deck), clozeTexts: [:], modified: [:])
        for file in files {
            source.clozeTexts.merge(clozeTexts(of: file.document, deck: file.deck)) { first, _ in first }
            source.modified[file.deck.id] = modificationSeconds(of: file.deck.path) ?? workspace.nowSeconds
        }
        var history: [String: [LogEvent]]?
        if withScheduling {
            let keys = Set(source.decks.flatMap { $0.cards.map(\.key) })
            // In log order, by card: what replay takes.
            let events = try workspace.openStore().events().filter { keys.contains($0.card) }
            history = Dictionary(grouping: events, by: \.card)
        }
        let (collection, dropped) = self.collection(
            source, history: history, replay: workspace.replay, now: workspace.nowSeconds)
        let summary = Summary(
            decks: source.decks.count, notes: collection.notes.count, cards: collection.cards.count,
            reviews: collection.reviews.count, dropped: dropped)
        return (collection, summary)
    }

    /// What an export is made from: the decks, each cloze entry's text as written (the cards
    /// hold it with one deletion hidden) by note key, and each deck file's modification time,
    /// which is its notes' (Anki updates a note on import only from a newer one).
    public struct Source: Sendable {
        public var decks: [Deck]
        public var clozeTexts: [String: String]
        public var modified: [String: Int64]

        public init(decks: [Deck], clozeTexts: [String: String], modified: [String: Int64]) {
            self.decks = decks
            self.clozeTexts = clozeTexts
            self.modified = modified
        }
    }

    /// The collection for `source`; `history` (each card's events in log order) is nil for an
    /// export without scheduling, where every card is new. `now` (seconds) says which day is
    /// today, for the collection's first day and for cards buried today.
    public static func collection(
        _ source: Source, history: [String: [LogEvent]]?, replay: Replay, now: Int64
    ) -> (AnkiCollection, dropped: [(card: String, what: String)]) {
        let clock = replay.scheduler.clock
        var ids = UniqueIDs()
        var decks: [Int64: AnkiDeck] = [:]
        var deckIDs: [String: Int64] = [:]
        for deck in source.decks {
            let levels = deck.id.split(separator: "/").map(String.init)
            // Each level is a deck of its own in Anki: the parents are made too.
            for depth in 1...max(levels.count, 1) {
                let name = levels.prefix(depth).joined(separator: "::")
                if deckIDs[name] == nil {
                    let id = ids.next(for: "deck:" + name)
                    deckIDs[name] = id
                    decks[id] = AnkiDeck(id: id, name: name)
                }
            }
        }
        // Replayed first: the collection's first day must be at or before every due day.
        var states: [String: CardState] = [:]
        var reviews: [AnkiReview] = []
        var reviewCards: [(key: String, events: [LogEvent])] = []
        for deck in source.decks {
            for card in deck.cards {
                guard let events = history?[card.key] else { continue }
                states[card.key] = replay.card(events, key: card.key)
                reviewCards.append((card.key, events))
            }
        }
        let today = clock.day(of: now)
        let firstDay = states.values.reduce(today) { first, state in
            if case .day(let day) = state.due { return min(first, day) }
            return first
        }
        let created = clock.start(ofDay: firstDay)
        var noteTypes: [Int64: AnkiNoteType] = [:]
        var notes: [AnkiNote] = []
        var cards: [AnkiCard] = []
        var dropped: [(card: String, what: String)] = []
        var cardIDs: [String: Int64] = [:]
        for deck in source.decks {
            let deckID = deckIDs[deck.id.split(separator: "/").joined(separator: "::")] ?? 1
            let modified = source.modified[deck.id] ?? now
            for entry in entries(of: deck) {
                let shape = AnkiNoteShape(entry, clozeText: source.clozeTexts[entry[0].noteKey])
                noteTypes[shape.type.id] = shape.type
                if !shape.dropped.isEmpty { dropped.append((entry[0].noteKey, shape.dropped.joined(separator: ", "))) }
                let noteID = ids.next(for: "note:" + entry[0].noteKey)
                notes.append(
                    AnkiNote(
                        id: noteID, guid: "hone:" + entry[0].noteKey, noteTypeID: shape.type.id, fields: shape.fields,
                        tags: noteTags(entry[0].tags), modified: modified))
                for (card, ordinal) in zip(entry, shape.ordinals) {
                    let id = ids.next(for: "card:" + card.key)
                    cardIDs[card.key] = id
                    let schedule = AnkiSchedule(
                        states[card.key] ?? .new, settings: replay.scheduler.settings, firstDay: firstDay,
                        today: today, position: notes.count)
                    let lastAnswer = history?[card.key]?.last.map(\.seconds)
                    cards.append(
                        AnkiCard(
                            id: id, noteID: noteID, deckID: deckID, ordinal: ordinal,
                            modified: max(lastAnswer ?? modified, modified), type: schedule.type,
                            queue: schedule.queue, due: schedule.due, interval: schedule.interval,
                            factor: schedule.factor, reps: schedule.reps, lapses: schedule.lapses, left: schedule.left))
                }
            }
        }
        var reviewIDs = Set<Int64>()
        var lastReviews: [Int64: Int64] = [:]
        for (key, events) in reviewCards {
            guard let cardID = cardIDs[key] else { continue }
            let rows = revlog(events, key: key, cardID: cardID, replay: replay, taken: &reviewIDs)
            // As Anki's database check sets it: the last answer that counted (a drill does not).
            lastReviews[cardID] = rows.last { $0.type != 3 }.map { $0.id / 1000 }
            reviews += rows
        }
        for index in cards.indices where cards[index].type != 0 {
            cards[index].lastReviewSeconds = lastReviews[cards[index].id]
        }
        reviews.sort { $0.id < $1.id }
        var collection = AnkiCollection(
            createdSeconds: created, rolloverHour: clock.rolloverHour, decks: decks, noteTypes: noteTypes,
            notes: notes, cards: cards, reviews: reviews)
        collection.creationOffsetMinutesWest = Int(-clock.offset(at: created) / 60)
        return (collection, dropped)
    }

    /// The deck's cards grouped by entry (a card and its reverse, the deletions of a cloze), in deck order.
    static func entries(of deck: Deck) -> [[Card]] {
        var entries: [[Card]] = []
        for card in deck.cards {
            if let last = entries.last?.first, last.noteKey == card.noteKey {
                entries[entries.count - 1].append(card)
            } else {
                entries.append([card])
            }
        }
        return entries
    }

    /// Anki's tags hold no space: a space inside a tag becomes `_`.
    static func noteTags(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        return tags.compactMap { tag in
            let joined = tag.split(whereSeparator: \.isWhitespace).joined(separator: "_")
            return !joined.isEmpty && seen.insert(joined.lowercased()).inserted ? joined : nil
        }
    }

    /// Every deck file under the deck folder with its document (the cloze texts are read from
    /// it); broken and unreadable ones skipped and named, as for every command.
    static func readDecks(_ workspace: Workspace) -> [(deck: Deck, document: TOMLTable?)] {
        let found = DeckFinder.files(under: workspace.locations.deckFolder)
        let limit = workspace.deckSizeLimit
        let read = found.map { file in
            DeckFinder.contents(of: file.path, limit: limit).map { bytes -> (deck: Deck, document: TOMLTable?)? in
                let result = DeckReader.read(
                    bytes: bytes, path: file.path, deckID: DeckReader.defaultID(forRelativePath: file.relativePath),
                    options: [.keepDocument, .buildCards])
                return result.deck.map { ($0, result.document) }
            }
        }
        return workspace.keepRead(found, read)
    }

    /// Each cloze entry's `text`, by note key: the entry is the `[[card]]` table whose header
    /// is on the card's line.
    static func clozeTexts(of document: TOMLTable?, deck: Deck) -> [String: String] {
        guard let document, deck.cards.contains(where: { $0.kind == .cloze }),
            case .array(let tables)? = document["card"]?.value
        else { return [:] }
        var textByLine: [Int: String] = [:]
        for node in tables {
            if case .table(let table) = node.value, case .string(let text)? = table["text"]?.value {
                textByLine[table.headerPosition.line] = text
            }
        }
        var texts: [String: String] = [:]
        for card in deck.cards where card.kind == .cloze {
            texts[card.noteKey] = textByLine[card.line]
        }
        return texts
    }

    /// The deck file's modification time, seconds since 1970.
    static func modificationSeconds(of path: String) -> Int64? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.modificationDate] as? Date).map { Int64($0.timeIntervalSince1970) }
    }
}
