import Foundation
import HoneCore
import HoneDeck
import HoneREPL
import HoneReport
import HoneStore

/// A practice session, from the decks to its closing line: today's queue for the decks asked
/// for, the session loop over it with every answer saved, and what is left for today.
public struct PracticeRun {
    let workspace: Workspace
    let decks: [DeckIndex]
    let store: Store
    /// Today's agenda: at the session's end, the closing line's (`closingLine`).
    var agenda: Agenda
    /// The cards the session shows, in order.
    let cards: [SessionCard]

    /// Today's queue for `filters` (deck ids, deck names or skills; all decks when none), with
    /// `newPerDay` new cards instead of the configured limit, and at most `limit` cards.
    /// `tags`: only the cards tagged with every one (`--tag`).
    public init(_ workspace: Workspace, filters: [String], tags: [String] = [], newPerDay: Int?, limit: Int?) throws {
        let chosen = try Workspace.select(workspace.loadIndexes(), filters: filters)
        if chosen.isEmpty { throw HoneError(.noDecks(folder: workspace.locations.deckFolder)) }
        let decks = try Workspace.tagged(chosen, tags: tags)
        let store = try workspace.openStore()
        // Refused before the first card rather than at the first answer.
        try store.checkWritable()
        let agenda = try Agenda(workspace: workspace, decks: decks, store: store, newPerDay: newPerDay)
        // Each card's text is read from its deck (or the cache) here: only those the
        // session can show, so `limit` comes first.
        var cards: [SessionCard] = []
        for entry in agenda.queue.prefix(limit ?? agenda.queue.count) {
            let candidate = agenda.candidates[entry.index]
            let place = agenda.places[entry.index]
            let deck = decks[place.deck]
            guard let card = deck.card(at: place.card) else { continue }
            cards.append(SessionCard(card: card, deckName: deck.name, skill: deck.skill, state: candidate.state))
        }
        self.workspace = workspace
        self.decks = decks
        self.store = store
        self.agenda = agenda
        self.cards = cards
    }

    /// Runs the session on the standard streams. `interactive`: a person at a terminal, so
    /// lines are read with readline and `:edit` opens their editor; otherwise plain lines.
    /// When standard output fails (a full disk, a pipe whose reader has gone), the session
    /// ends as at the end of input, every answer given so far saved, and the failure is thrown.
    public mutating func run(interactive: Bool, style: SessionStyle) throws {
        let standard = StandardSessionOutput()
        var output = standard
        if interactive {
            try run(style: style, output: &output, editing: true) {
                UntilOutputFails(inner: ReadlineLineReader(completions: PracticeSession.commands), output: standard)
            }
        } else {
            try run(style: style, output: &output, editing: false) {
                UntilOutputFails(inner: PlainLineReader(), output: standard)
            }
        }
        if let failure = standard.failure { throw failure }
    }

    /// Runs the session: the banner, then (when a card is due) the loop with lines from the
    /// reader `makeReader` makes, then the summary and what is left for today.
    mutating func run<Reader: LineReader>(
        style: SessionStyle, output: inout some SessionOutput, editing: Bool, makeReader: () -> Reader
    ) throws {
        // Every line fitted to the terminal, at word boundaries.
        var fitted = FittedOutput(output, style: style)
        defer { output = fitted.inner }
        try run(style: style, fitted: &fitted, editing: editing, makeReader: makeReader)
    }

    private mutating func run<Reader: LineReader>(
        style: SessionStyle, fitted output: inout some SessionOutput, editing: Bool, makeReader: () -> Reader
    ) throws {
        let total = agenda.total
        let counts = "\(StatsText.count(total.reviews, "review")), \(total.learning) learning, \(total.new) new"
        output.write(style.heading("hone · \(workspace.dayName) · \(counts)"))
        let skills = agenda.bySkill.filter { $0.counts.dueNow > 0 }.map {
            "\(style.visible($0.skill)) \($0.counts.dueNow)"
        }
        if !skills.isEmpty { output.write("  " + skills.joined(separator: " · ")) }
        guard !cards.isEmpty else {
            output.write("Nothing is due now. Later today: \(total.laterToday), tomorrow: \(total.tomorrow).")
            return
        }
        let started = Date()
        let startMilliseconds = workspace.nowMilliseconds
        // With --now the clock starts there and runs on: answers keep their real spacing.
        let clock: () -> Int64 = { startMilliseconds + Int64(Date().timeIntervalSince(started) * 1000) }
        let zone = workspace.clock
        let changes = SessionChanges()
        var session = PracticeSession(
            cards: cards, scheduler: workspace.scheduler,
            recorder: StoreRecorder(store: store, replay: workspace.replay, changes: changes),
            style: style, clock: clock, utcOffset: { Int(zone.offset(at: $0)) })
        if editing {
            let deckPaths = Dictionary(decks.map { ($0.id, $0.path) }, uniquingKeysWith: { first, _ in first })
            let limit = workspace.deckSizeLimit
            session.editor = { item in
                CardEditor.edit(item, deckPath: deckPaths[item.card.deckID], sizeLimit: limit)
            }
        }
        var reader = makeReader()
        let summary = try session.run(reader: &reader, output: &output)
        output.write("")
        let share =
            summary.answered == 0 ? 0 : Int((Double(summary.correct) * 100 / Double(summary.answered)).rounded())
        let cardsDone = "\(summary.answered) card\(summary.answered == 1 ? "" : "s")"
        // The time spent answering, as the log records it (each answer's duration).
        let time = "\(summary.seconds / 60) min \(summary.seconds % 60) s"
        output.write("Done for now: \(cardsDone) in \(time), \(share)% right. Every answer is saved.")
        // Counted from the session's end: answers given in it are behind, not ahead.
        let closing = closingLine(end: clock() / 1000 + 1, changed: changes.latest)
        if !closing.isEmpty { output.write(closing) }
    }

    /// The streak, and what is still due today and tomorrow, at `end` (seconds) after the
    /// session `changed` these states; what cannot be read is left out.
    /// `agenda` becomes the agenda at `end`.
    mutating func closingLine(end: Int64, changed: [String: CardState]) -> String {
        let zone = workspace.clock
        let today = zone.day(of: workspace.nowSeconds)
        // The same learning day: the start's candidates are all that can count now.
        var after: Agenda?
        if zone.day(of: end) == today {
            after = (try? agenda.close(workspace: workspace, store: store, changed: changed, at: end)).map { agenda }
        } else {
            after = try? Agenda(workspace: workspace.at(seconds: end), decks: decks, store: store)
        }
        var line =
            (try? store.streak(today: today, clock: zone)).map { "Streak: \($0) day\($0 == 1 ? "" : "s"). " } ?? ""
        if let after {
            line +=
                "Still due today: \(after.total.dueNow + after.total.laterToday). Tomorrow: \(after.total.tomorrow)."
        }
        return line
    }
}

/// A session's events go to the store, one transaction each; what changed is noted too.
struct StoreRecorder: SessionRecorder {
    let store: Store
    let replay: Replay
    let changes: SessionChanges

    func record(_ action: EventAction, card: String, at milliseconds: Int64, utcOffset: Int, note: String?) throws
        -> RecordedEvent
    {
        let recorded = try store.append(
            action, card: card, at: milliseconds, utcOffset: utcOffset, replay: replay, note: note)
        changes.recorded(recorded)
        return recorded
    }
}

/// Session lines to standard output, written as they come (a pipe sees each at once). The
/// first line that cannot be written is kept as `failure`, and nothing more is tried: a class,
/// so that the session's reader sees it too (`UntilOutputFails`).
final class StandardSessionOutput: SessionOutput {
    private(set) var failure: OutputError?

    func write(_ line: String) {
        guard failure == nil else { return }
        do throws(OutputError) { try Output.out(line) } catch { failure = error }
    }
}

/// The session's input, ended once its output has failed: nobody sees the cards any more, so
/// no answer is taken blind.
struct UntilOutputFails<Inner: LineReader>: LineReader {
    var inner: Inner
    let output: StandardSessionOutput

    mutating func readLine(prompt: String) -> String? {
        output.failure == nil ? inner.readLine(prompt: prompt) : nil
    }
}
