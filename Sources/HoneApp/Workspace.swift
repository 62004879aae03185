import ArgumentParser
import Foundation
import HoneCore
import HoneDeck
import HoneStore

/// What every command works with, resolved once from the global options: the settings from
/// the config file, the learning-day clock, the decks and the progress store.
struct Workspace {
    let global: GlobalOptions
    let settings: SchedulerSettings
    let clock: DayClock
    private(set) var now: Date

    /// The same workspace at another time (seconds): a session's end.
    func at(seconds: Int64) -> Workspace {
        var moved = self
        moved.now = Date(timeIntervalSince1970: TimeInterval(seconds))
        return moved
    }

    var scheduler: Scheduler { Scheduler(settings: settings, clock: clock) }
    var replay: Replay { Replay(scheduler: scheduler) }
    var nowSeconds: Int64 { Int64(now.timeIntervalSince1970.rounded(.down)) }
    var nowMilliseconds: Int64 { Int64((now.timeIntervalSince1970 * 1000).rounded(.down)) }

    init(_ global: GlobalOptions) throws {
        self.global = global
        now = try global.currentTime()
        var settings = SchedulerSettings()
        let configPath = global.configFile
        if FileManager.default.fileExists(atPath: configPath) {
            switch DeckFinder.contents(of: configPath) {
            case .success(let bytes):
                let result = ConfigReader.read(bytes)
                settings = result.settings
                // A broken config never blocks practice: its mistakes are shown, defaults used.
                let printer = DiagnosticPrinter(terminal: Terminal.forStandardError())
                for diagnostic in result.diagnostics {
                    Output.error(printer.render(diagnostic, path: configPath, source: SourceText(bytes: bytes)))
                }
            case .failure(let problem):
                Output.error("hone: warning: cannot read the config file \(problem.path): \(problem.message)")
            }
        }
        self.settings = settings
        clock = DayClock(timeZone: TimeZone.current, rolloverHour: settings.rolloverHour)
    }

    /// What the stored states depend on besides the log: when it changes, they are rebuilt.
    var fingerprint: String {
        let s = settings
        return [
            s.preset.rawValue, s.learningSteps.map(\.description).joined(separator: " "), "\(s.graduatingInterval)",
            "\(s.easyInterval)", "\(s.startingEase)", "\(s.easyBonus)", "\(s.hardFactor)", "\(s.intervalModifier)",
            s.relearningSteps.map(\.description).joined(separator: " "), "\(s.lapseFactor)", "\(s.minimumInterval)",
            "\(s.maximumInterval)", "\(s.leechThreshold)", s.leechAction.rawValue, "\(s.fuzz)", "\(s.rolloverHour)",
            clock.timeZone.identifier,
        ].joined(separator: "|")
    }

    /// Opens the store, rebuilding the card states first if the settings they were computed
    /// with have changed; `mapped` as for `Store.init`.
    func openStore(rebuildingStates: Bool = true, mapped: Bool = false) throws -> Store {
        do {
            let store = try Store(folder: global.dataFolder, mapped: mapped)
            if rebuildingStates, try store.statesFingerprint() != fingerprint {
                // A rebuild writes every state: make sure first that the file is sound, so a
                // damaged database is never written to.
                let check = try store.integrityCheck()
                guard check == ["ok"] else {
                    throw StoreError.corrupt(store.path, check.first ?? "integrity check failed")
                }
                try store.rebuildStates(with: replay, fingerprint: fingerprint)
            }
            return store
        } catch let error as StoreError {
            throw UserFacingError(error.description)
        }
    }

    /// Every deck under the deck folder, read whole, on two threads (a large collection is
    /// many files); broken ones are named on stderr and skipped.
    func loadDecks() -> [Deck] {
        let found = DeckFinder.files(under: global.deckFolder)
        return Workspace.keepRead(found, Parallel.map(found, Workspace.readDeck))
    }

    /// Every deck under the deck folder as a session starts from it: from the deck cache when
    /// a file is unchanged since it was last read, from its text otherwise (on two threads when
    /// there are several). Broken decks are named on stderr and skipped, as by `loadDecks`.
    /// A command already reading something else on the other core passes `parallel: false`.
    func loadIndexes(parallel: Bool = true) -> [DeckIndex] {
        let found = DeckFinder.files(under: global.deckFolder)
        let cache = global.cacheFolder.map { DeckCache(folder: $0) }
        var read = [DeckIndex?](repeating: nil, count: found.count)
        let stamps = found.map { FileStamp.of($0.path) }
        var missed: [Int] = []
        for (position, file) in found.enumerated() {
            if let cache, let stamp = stamps[position], let index = cache.lookup(file, stamp: stamp) {
                read[position] = index
            } else {
                missed.append(position)
            }
        }
        let readMissed: @Sendable (Int) -> DeckIndex? = { position in
            let file = found[position]
            let before = stamps[position]
            guard let deck = Workspace.readDeck(file) else { return nil }
            // Cached only when the file did not change while it was read, and not just now
            // (the real clock, not --now: it is about the file system's timestamps).
            if let cache, let before, before == FileStamp.of(file.path), before.settled(now: Int64(time(nil))) {
                cache.save(deck, for: file, stamp: before)
            }
            return DeckIndex(deck)
        }
        let fresh = parallel ? Parallel.map(missed, readMissed) : missed.map(readMissed)
        for (position, index) in zip(missed, fresh) { read[position] = index }
        return Workspace.keepRead(found, read)
    }

    /// The decks that were read, in folder order; the files that were not are named on stderr.
    private static func keepRead<D>(_ found: [DeckFinder.Found], _ read: [D?]) -> [D] {
        var decks: [D] = []
        var skipped: [String] = []
        for (file, deck) in zip(found, read) {
            if let deck { decks.append(deck) } else { skipped.append(file.path) }
        }
        if !skipped.isEmpty {
            Output.error("hone: skipped \(skipped.count) deck\(skipped.count == 1 ? "" : "s") with errors (see `hone check`): \(skipped.map { VisibleText.make($0) }.joined(separator: ", "))")
        }
        return decks
    }

    /// One deck file, or nil when it cannot be read or has errors.
    private static func readDeck(_ found: DeckFinder.Found) -> Deck? {
        guard case .success(let bytes) = DeckFinder.contents(of: found.path) else { return nil }
        let file = DeckReader.read(
            bytes: bytes, path: found.path, deckID: DeckReader.defaultID(forRelativePath: found.relativePath),
            options: [.buildCards])
        return file.deck
    }

    /// The decks a command's DECK_OR_SKILL arguments name (by deck id, deck name or skill,
    /// ignoring case); all of them when there are none. Naming nothing that exists is an error.
    static func select(_ decks: [DeckIndex], filters: [String]) throws -> [DeckIndex] {
        guard !filters.isEmpty else { return decks }
        let wanted = Set(filters.map { $0.lowercased() })
        let selected = decks.filter {
            wanted.contains($0.id.lowercased()) || wanted.contains($0.name.lowercased()) || wanted.contains($0.skill.lowercased())
        }
        if selected.isEmpty {
            throw UserFacingError("no deck or skill named \(filters.map { VisibleText.make($0) }.joined(separator: ", ")); `hone status` lists them")
        }
        return selected
    }

    /// A day number as a date: "2026-11-27".
    func isoDate(ofDay day: Int) -> String {
        let (year, month, dayOfMonth) = clock.date(ofDay: day)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)"
    }

    /// Today as a session banner names it: "Tuesday 3 March", the calendar date of now in the
    /// local zone.
    var dayName: String {
        let local = nowSeconds + clock.offset(at: nowSeconds)
        return DayNames.long(ofDay: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
    }

    /// An instant as the review log and exports write it: with the local offset of that moment.
    func format(seconds: Int64) -> String {
        let offset = clock.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return Timestamp.format(milliseconds: seconds * 1000, offset: offset)
    }

    func format(due: CardState.Due) -> String? {
        switch due {
        case .none: nil
        case .instant(let at): format(seconds: at)
        case .day(let day): format(seconds: clock.start(ofDay: day))
        }
    }
}

/// A failure the user can act on: printed as `hone: error: ...`, exit status 1.
struct UserFacingError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
