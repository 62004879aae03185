import Foundation
import HoneCore
import HoneDeck
import HoneStore

/// What every command works with, resolved once: the settings from the config file, the
/// learning-day clock, the decks and the progress store. Mistakes it goes on despite (in the
/// config file, in deck files) go to `notify` as they are found.
public struct Workspace: Sendable {
    public let locations: Locations
    public let settings: SchedulerSettings
    public let clock: DayClock
    /// The largest deck file read, in bytes (`[decks] max_file_size`); larger ones are skipped.
    public let deckSizeLimit: Int
    /// `[sync] folder` from the config file: a leading `~/` is the home folder, a relative path
    /// is taken from the config file's folder. Nil when the config names none.
    public let syncFolder: String?
    public private(set) var now: Date
    let notify: @Sendable (Notice) -> Void

    /// The same workspace at another time (seconds): a session's end.
    func at(seconds: Int64) -> Workspace {
        var moved = self
        moved.now = Date(timeIntervalSince1970: TimeInterval(seconds))
        return moved
    }

    public var scheduler: Scheduler { Scheduler(settings: settings, clock: clock) }
    public var replay: Replay { Replay(scheduler: scheduler) }
    public var nowSeconds: Int64 { Int64(now.timeIntervalSince1970.rounded(.down)) }
    public var nowMilliseconds: Int64 { Int64((now.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Reads the config file, if there is one: a broken config never blocks practice, its
    /// mistakes go to `notify` and the defaults are used.
    /// `nowIsDay`: `now` is a date alone (local midnight), which means that learning day: it
    /// is moved to the rollover hour, so `status` and `practice` name the same day.
    public init(
        _ locations: Locations, now: Date, nowIsDay: Bool = false, notify: @escaping @Sendable (Notice) -> Void
    ) {
        self.locations = locations
        self.notify = notify
        let config = Workspace.readConfig(locations.configFile)
        config.notices.forEach(notify)
        settings = config.settings
        deckSizeLimit = config.deckSizeLimit
        syncFolder = config.syncFolder.map { Workspace.resolve($0, besides: locations.configFile) }
        clock = DayClock(timeZone: TimeZone.current, rolloverHour: settings.rolloverHour)
        self.now = nowIsDay ? now.addingTimeInterval(TimeInterval(settings.rolloverHour * 3600)) : now
    }

    /// The settings in the config file at `path` (the defaults when there is none), and what
    /// is wrong with it. Read as a deck is, regular files only and up to the default size limit:
    /// a config that is a pipe or a link to a device is named and ignored, never waited on.
    static func readConfig(
        _ path: String
    ) -> (settings: SchedulerSettings, deckSizeLimit: Int, syncFolder: String?, notices: [Notice]) {
        guard FileManager.default.fileExists(atPath: path) else {
            return (SchedulerSettings(), DeckFinder.defaultSizeLimit, nil, [])
        }
        switch DeckFinder.contents(of: path, limit: DeckFinder.defaultSizeLimit) {
        case .success(let bytes):
            let result = ConfigReader.read(bytes)
            let source = SourceText(bytes: bytes)
            return (
                result.settings, result.deckSizeLimit, result.syncFolder,
                result.diagnostics.map { .configMistake($0, path: path, source: source) }
            )
        case .failure(let problem):
            return (SchedulerSettings(), DeckFinder.defaultSizeLimit, nil, [.configUnreadable(problem)])
        }
    }

    /// A path written in the config file: `~/` is the home folder, a relative path is from the
    /// config file's own folder (the config means the same wherever hone is run from).
    static func resolve(_ path: String, besides configFile: String) -> String {
        if path == "~" || path.hasPrefix("~/") {
            let home =
                ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            return home + path.dropFirst()
        }
        if path.hasPrefix("/") { return path }
        return ((configFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
    }

    /// What the stored states depend on besides the log: when it changes, they are rebuilt.
    public var fingerprint: String {
        let s = settings
        return [
            s.preset.rawValue, s.learningSteps.map(\.description).joined(separator: " "), "\(s.graduatingInterval)",
            "\(s.easyInterval)", "\(s.startingEase)", "\(s.easyBonus)", "\(s.hardFactor)", "\(s.intervalModifier)",
            s.relearningSteps.map(\.description).joined(separator: " "), "\(s.lapseFactor)", "\(s.minimumInterval)",
            "\(s.maximumInterval)", "\(s.leechThreshold)", s.leechAction.rawValue, "\(s.fuzz)", "\(s.rolloverHour)",
            clock.timeZone.identifier,
        ].joined(separator: "|") + fsrsFingerprint
    }

    /// The `fsrs` preset's knobs, added only for it, so that the states of the other presets
    /// are not rebuilt by this version's first start.
    private var fsrsFingerprint: String {
        guard settings.preset == .fsrs else { return "" }
        let weights = settings.fsrsParameters.weights.map { "\($0)" }.joined(separator: " ")
        return "|\(settings.desiredRetention)|\(weights)"
    }

    /// Opens the store, rebuilding the card states first if the settings they were computed
    /// with have changed; `mapped` as for `Store.init`.
    public func openStore(rebuildingStates: Bool = true, mapped: Bool = false) throws(StoreError) -> Store {
        let store = try Store(folder: locations.dataFolder, mapped: mapped)
        if rebuildingStates, try store.statesFingerprint() != fingerprint {
            // A rebuild writes every state, through the store's check that the file is sound.
            try store.rebuildStates(with: replay, fingerprint: fingerprint)
        }
        return store
    }

    /// Every deck under the deck folder, read whole, on two threads (a large collection is
    /// many files); broken ones and files that cannot be read are skipped, and named to `notify`.
    public func loadDecks() -> [Deck] {
        let found = DeckFinder.files(under: locations.deckFolder)
        let limit = deckSizeLimit
        return keepRead(found, Parallel.map(found) { Workspace.readDeck($0, limit: limit) })
    }

    /// Every deck under the deck folder as a session starts from it: from the deck cache when
    /// a file is unchanged since it was last read, from its text otherwise (on two threads when
    /// there are several). Broken decks are skipped and named, as by `loadDecks`.
    /// A command already reading something else on the other core passes `parallel: false`.
    public func loadIndexes(parallel: Bool = true) -> [DeckIndex] {
        let found = DeckFinder.files(under: locations.deckFolder)
        let limit = deckSizeLimit
        let cache = locations.cacheFolder.map { DeckCache(folder: $0, sizeLimit: limit) }
        var read = [Result<DeckIndex?, FileProblem>](repeating: .success(nil), count: found.count)
        let stamps = found.map { FileStamp.of($0.path) }
        var missed: [Int] = []
        for (position, file) in found.enumerated() {
            // Only a file within the limit is looked up: the limit may have been lowered since.
            if let cache, let stamp = stamps[position], stamp.size <= limit,
                let index = cache.lookup(file, stamp: stamp)
            {
                read[position] = .success(index)
            } else {
                missed.append(position)
            }
        }
        let readMissed: @Sendable (Int) -> Result<DeckIndex?, FileProblem> = { position in
            let file = found[position]
            let before = stamps[position]
            return Workspace.readDeck(file, limit: limit).map { deck in
                guard let deck else { return nil }
                // Cached only when the file did not change while it was read, and not just now
                // (the real clock, not --now: it is about the file system's timestamps).
                if let cache, let before, before == FileStamp.of(file.path), before.settled(now: Int64(time(nil))) {
                    cache.save(deck, for: file, stamp: before)
                }
                return DeckIndex(deck)
            }
        }
        let fresh = parallel ? Parallel.map(missed, readMissed) : missed.map(readMissed)
        for (position, index) in zip(missed, fresh) { read[position] = index }
        return keepRead(found, read)
    }

    /// The decks that were read, in folder order; the files that were not are named to `notify`:
    /// each that could not be read with its reason, then those with errors together.
    func keepRead<D>(_ found: [DeckFinder.Found], _ read: [Result<D?, FileProblem>]) -> [D] {
        var decks: [D] = []
        var skipped: [String] = []
        for (file, result) in zip(found, read) {
            switch result {
            case .success(let deck?): decks.append(deck)
            case .success(nil): skipped.append(file.path)
            case .failure(let problem): notify(.unreadableDeck(problem))
            }
        }
        if !skipped.isEmpty { notify(.skippedDecks(skipped)) }
        return decks
    }

    /// One deck file: the deck, nil when it has errors, or why it cannot be read.
    private static func readDeck(_ found: DeckFinder.Found, limit: Int) -> Result<Deck?, FileProblem> {
        DeckFinder.contents(of: found.path, limit: limit).map { bytes in
            DeckReader.read(
                bytes: bytes, path: found.path, deckID: DeckReader.defaultID(forRelativePath: found.relativePath),
                options: [.buildCards]
            ).deck
        }
    }

    /// The decks a command's DECK_OR_SKILL arguments name (by deck id, deck name or skill,
    /// ignoring case); all of them when there are none. Naming nothing that exists is an error.
    public static func select(_ decks: [DeckIndex], filters: [String]) throws(HoneError) -> [DeckIndex] {
        guard !filters.isEmpty else { return decks }
        let names = { (deck: DeckIndex) in [deck.id, deck.name, deck.skill].map { $0.lowercased() } }
        let known = Set(decks.flatMap(names))
        // Every word must name something: a typo among several would otherwise narrow the
        // session silently, and a mistyped command (`hone stauts`) lands here.
        let unknown = filters.filter { !known.contains($0.lowercased()) }
        if !unknown.isEmpty {
            let spelled = decks.flatMap { [$0.id, $0.name, $0.skill] }
            throw HoneError(.noDeckOrSkill(unknown, known: Array(Set(spelled)).sorted()))
        }
        let wanted = Set(filters.map { $0.lowercased() })
        return decks.filter { !wanted.isDisjoint(with: names($0)) }
    }

    /// `decks` narrowed to the cards tagged with every one of `tags` (case ignored; a card's
    /// own tags), the decks left with none dropped. An error when no card has them.
    public static func tagged(_ decks: [DeckIndex], tags: [String]) throws(HoneError) -> [DeckIndex] {
        guard !tags.isEmpty else { return decks }
        let wanted = Set(tags.map { $0.lowercased() })
        let kept = decks.compactMap { deck in
            deck.keeping { card in wanted.isSubset(of: Set(card.tags.map { $0.lowercased() })) }
        }
        if kept.isEmpty { throw HoneError(.noTag(tags)) }
        return kept
    }

    /// Today as a session banner names it: "Tuesday 3 March", the calendar date of now in the
    /// local zone.
    var dayName: String {
        let local = nowSeconds + clock.offset(at: nowSeconds)
        return DayNames.long(ofDay: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
    }
}
