import ArgumentParser
import Foundation
import HoneCore
import HoneDeck
import HoneREPL
import HoneStore

extension Hone {
    struct Practice: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Practise today's cards (what `hone` alone does).",
            discussion: """
                Shows each due card: Enter reveals the answer, then rate it again, hard, good or easy \
                (a/h/g/e, or 1-4; 0-5 in the classic preset). Typed cards check what you type; choice \
                cards take a number; practice drills take notes until :done, then show their checklist.

                Commands at any prompt: :hint :undo :skip :bury :suspend :stats :help :quit.
                Ctrl-D (or :quit) ends the session; every answer is saved the moment it is given.

                Without a terminal (input from a pipe), hone reads plain lines and prints plain text, \
                so a script can drive a session:
                  printf '\\ngood\\n' | hone practice
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Only these decks or skills (deck id, deck name or skill).", valueName: "deck-or-skill"))
        var filters: [String] = []

        @Option(help: ArgumentHelp("New cards to introduce today (instead of new_per_day).", valueName: "n"))
        var new: Int?

        @Option(help: ArgumentHelp("Stop after this many cards.", valueName: "n"))
        var limit: Int?

        func validate() throws {
            if let new, new < 0 { throw ValidationError("--new: expected 0 or more, got \(new)") }
            if let limit, limit < 1 { throw ValidationError("--limit: expected 1 or more, got \(limit)") }
        }

        func run() throws {
            let workspace = try Workspace(global)
            let decks = try Workspace.select(workspace.loadIndexes(), filters: filters)
            if decks.isEmpty {
                throw UserFacingError("no decks found in \(global.deckFolder); `hone status` says where hone looks and how to start")
            }
            let store = try workspace.openStore()
            let agenda: Agenda
            do { agenda = try Agenda(workspace: workspace, decks: decks, store: store, newPerDay: new) } catch let error as StoreError {
                throw UserFacingError(error.description)
            }
            // Each card's text is read from its deck (or the cache) here: only those the
            // session can show, so `--limit` comes first.
            var cards: [SessionCard] = []
            for entry in agenda.queue.prefix(limit ?? agenda.queue.count) {
                let candidate = agenda.candidates[entry.index]
                let place = agenda.places[entry.index]
                let deck = decks[place.deck]
                guard let card = deck.card(at: place.card) else { continue }
                cards.append(SessionCard(card: card, deckName: deck.name, skill: deck.skill, state: candidate.state))
            }

            let interactive = isatty(STDIN_FILENO) == 1
            let terminal = Terminal.forStandardOutput()
            let style = SessionStyle(colour: terminal.useColour && interactive, width: interactive ? Terminal.width() : 80)
            var output = StandardSessionOutput()
            let total = agenda.total
            output.write(style.heading("hone · \(workspace.dayName) · \(total.reviews) reviews, \(total.learning) learning, \(total.new) new"))
            let skills = agenda.bySkill.filter { $0.counts.dueNow > 0 }.map { "\(style.visible($0.skill)) \($0.counts.dueNow)" }
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
                cards: cards, scheduler: workspace.scheduler, recorder: StoreRecorder(store: store, replay: workspace.replay, changes: changes), style: style,
                clock: clock, utcOffset: { Int(zone.offset(at: $0)) })
            if interactive {
                let deckPaths = Dictionary(decks.map { ($0.id, $0.path) }, uniquingKeysWith: { first, _ in first })
                session.editor = { item in CardEditor.edit(item, deckPath: deckPaths[item.card.deckID]) }
            }
            let summary: PracticeSession.Summary
            do {
                if interactive {
                    var reader = ReadlineLineReader(completions: PracticeSession.commands)
                    summary = try session.run(reader: &reader, output: &output)
                } else {
                    var reader = PlainLineReader()
                    summary = try session.run(reader: &reader, output: &output)
                }
            } catch let error as StoreError {
                throw UserFacingError(error.description)
            }
            output.write("")
            let share = summary.answered == 0 ? 0 : Int((Double(summary.correct) * 100 / Double(summary.answered)).rounded())
            output.write("Done for now: \(summary.answered) card\(summary.answered == 1 ? "" : "s") in \(summary.seconds / 60) min \(summary.seconds % 60) s, \(share)% right. Every answer is saved.")
            let today = zone.day(of: workspace.nowSeconds)
            // Counted from the session's end: answers given in it are behind, not ahead.
            let end = clock() / 1000 + 1
            // On another thread and connection meanwhile: the streak.
            let (closing, streak) = Parallel.both(
                { () -> String in
                    let changed = changes.latest
                    // The same learning day: the start's candidates are all that can count now.
                    let after =
                        zone.day(of: end) == today
                        ? try? Agenda(closing: agenda, workspace: workspace, store: store, changed: changed, at: end)
                        : try? Agenda(workspace: workspace.at(seconds: end), decks: decks, store: store)
                    guard let after else { return "" }
                    return "Still due today: \(after.total.dueNow + after.total.laterToday). Tomorrow: \(after.total.tomorrow)."
                },
                { () -> Int? in
                    let side = (try? store.twin(readOnly: true)) ?? store
                    return try? side.streak(today: today, clock: zone)
                })
            var line = streak.map { "Streak: \($0) day\($0 == 1 ? "" : "s"). " } ?? ""
            line += closing
            if !line.isEmpty { output.write(line) }
        }
    }
}

/// A session's events go to the store, one transaction each; what changed is noted too.
struct StoreRecorder: SessionRecorder {
    let store: Store
    let replay: Replay
    let changes: SessionChanges

    func record(_ action: EventAction, card: String, at milliseconds: Int64, utcOffset: Int) throws -> RecordedEvent {
        let recorded = try store.append(action, card: card, at: milliseconds, utcOffset: utcOffset, replay: replay)
        changes.recorded(recorded)
        return recorded
    }
}

/// Session lines to standard output, written as they come (a pipe sees each at once).
struct StandardSessionOutput: SessionOutput {
    mutating func write(_ line: String) { Output.out(line) }
}
