import Foundation
import HoneCore
import Testing

@testable import HoneREPL

/// A recorder that keeps the event log in memory and replays it as the store does on disk.
final class MemoryRecorder: SessionRecorder, @unchecked Sendable {
    let replay: Replay
    var events: [LogEvent] = []

    init(replay: Replay) { self.replay = replay }

    func record(_ action: EventAction, card: String, at milliseconds: Int64, utcOffset: Int, note: String?) throws
        -> RecordedEvent
    {
        let history = events.filter { $0.card == card }
        let time = max(milliseconds, (history.last?.time ?? Int64.min) + 1)
        let event = LogEvent(
            id: "m-\(events.count + 1)", card: card, time: time, utcOffset: utcOffset, action: action, note: note)
        let before = replay.card(history, key: card)
        let after = replay.card(history + [event], key: card)
        var step = replay.apply(event, to: before, keyHash: FNV1a.hash(card))
        step.after = after
        events.append(event)
        return RecordedEvent(event: event, step: step)
    }

    /// The answers that stand (none taken back), in order.
    var answers: [(card: String, answer: Answer, durationMilliseconds: Int)] {
        let undone = Set(events.compactMap { if case .undo(let target) = $0.action { target } else { nil } })
        return events.compactMap { event in
            guard !undone.contains(event.id), case .answer(let answer, let duration) = event.action else { return nil }
            return (event.card, answer, duration)
        }
    }

    func cards(with name: String) -> [String] { events.filter { $0.action.name == name }.map(\.card) }
}

struct Lines: SessionOutput {
    var lines: [String] = []
    mutating func write(_ line: String) { lines.append(line) }
}

@Suite("practice session")
struct PracticeSessionTests {
    static let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)

    func card(
        _ id: String, _ kind: CardKind, front: String, back: String, choices: [String] = [], rubric: [String] = []
    ) -> SessionCard {
        SessionCard(
            card: Card(
                key: "d/\(id)", noteKey: "d/\(id)", deckID: "d", kind: kind, front: front, back: back, hint: "think",
                choices: choices, rubric: rubric, line: 1),
            deckName: "Deck", skill: "Skill", state: .new)
    }

    func run(_ cards: [SessionCard], _ input: [String], preset: SchedulerSettings.Preset = .anki) throws
        -> (MemoryRecorder, [String], PracticeSession.Summary)
    {
        var settings = SchedulerSettings()
        settings.fuzz = false
        settings.preset = preset
        let recorder = MemoryRecorder(replay: Replay(scheduler: Scheduler(settings: settings, clock: Self.clock)))
        var time: Int64 = 1_772_528_400_000
        var session = PracticeSession(
            cards: cards, scheduler: Scheduler(settings: settings, clock: Self.clock), recorder: recorder,
            style: SessionStyle(colour: false, width: 60),
            clock: {
                time += 5000
                return time
            }, utcOffset: { _ in 0 })
        var reader = ScriptedLineReader(input)
        var output = Lines()
        let summary = try session.run(reader: &reader, output: &output)
        return (recorder, output.lines, summary)
    }

    /// The "Why:" and "Example:" labels are wrapped with their text: the first line fits the
    /// width like the others (the label was added after wrapping, and the terminal's refitting
    /// then left a word alone on a line).
    @Test func labelledTextFitsTheWidth() throws {
        var basic = card("basic", .basic, front: "What does 4d on a button mean?", back: "four days")
        basic.card.explain =
            "m stands for minutes and d for days, so a button showing 4d would bring the card back in four days."
        var drill = card("drill", .practice, front: "Do it", back: "", rubric: ["done"])
        drill.card.back = "Tell a colleague in another team what you are learning, and ask what they are learning."
        let (_, lines, _) = try run([basic, drill], ["", "good", ":done", "good", ":quit"])
        #expect(lines.contains("  Why: m stands for minutes and d for days, so a button"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  Example: Tell a colleague") }, "\(lines)")
        for line in lines { #expect(SessionStyle.columns(line) <= 60, "\(line)") }
    }

    /// `:hint` on a cloze whose hint is written in its blank points there, instead of saying
    /// the card has none.
    @Test func aClozeHintInTheBlankIsPointedAt() throws {
        var inBlank = card("in-blank", .cloze, front: "Decks are [format] files.", back: "TOML")
        inBlank.card.hint = nil
        var bare = card("bare", .cloze, front: "Decks are [...] files.", back: "TOML")
        bare.card.hint = nil
        let (_, lines, _) = try run([inBlank, bare], [":hint", "", "good", ":hint", "", "good", ":quit"])
        #expect(lines.contains("  Hint: it is in the blank, between the brackets"), "\(lines)")
        #expect(lines.contains("  Hint: this card has no hint"), "\(lines)")
    }

    /// A drill's note goes to the log and its exports: the escape sequence an arrow key sends
    /// on a pipe, a bell or a bidi override typed in are dropped; text and tabs are kept.
    @Test func aDrillNoteKeepsNoControlCharacter() throws {
        let cards = [card("drill", .practice, front: "Write a note", back: "", rubric: ["names a shared experience"])]
        let (recorder, _, _) = try run(
            cards, ["", "Hi\u{1B}[A Sam\u{07}", "\u{202E}tab\there\u{9B}", "\u{1B}", ":done", "good", ":quit"])
        #expect(recorder.events.map(\.note) == ["Hi[A Sam\ntab\there"])
    }

    @Test func everyCardTypeIsAnsweredAndSavedAtOnce() throws {
        let cards = [
            card("basic", .basic, front: "What is a soft asset?", back: "Trust, skills, reputation"),
            card("typed", .typed, front: "Your network works like a set of what?", back: "sensors"),
            card("choice", .choice, front: "Pick the hard asset", back: "savings", choices: ["savings", "reputation"]),
            card("drill", .practice, front: "Write a note", back: "", rubric: ["names a shared experience"]),
        ]
        let choiceOrder = AnswerCheck.shuffled(
            ["savings", "reputation"], key: "d/choice", day: Self.clock.day(of: 1_772_528_400))
        let right = (choiceOrder.firstIndex(of: "savings") ?? 0) + 1
        let (recorder, lines, summary) = try run(
            cards, ["", "good", " Sensors! ", "", "\(right)", "", "Hi Sam", ":done", "hard", ":quit"])
        #expect(recorder.answers.map(\.card) == ["d/basic", "d/typed", "d/choice", "d/drill"])
        #expect(recorder.answers.map(\.answer) == [.button(.good), .button(.good), .button(.good), .button(.hard)])
        #expect(lines.contains("  ✓ sensors"))
        #expect(lines.contains("    [ ] names a shared experience"))
        // The drill's notes are kept with its answer (they were thrown away); other cards have none.
        #expect(recorder.events.map(\.note) == [nil, nil, nil, "Hi Sam"])
        #expect(
            lines.contains {
                $0.contains("again 1 · 1m") && $0.contains("good 3 · 10m") && $0.contains("easy 4 · 4d")
            })
        #expect(summary.answered == 4 && summary.correct == 4)
        #expect(recorder.answers.allSatisfy { $0.durationMilliseconds > 0 }, "the time from showing to rating is kept")
    }

    /// The classic preset saves the quality typed, 0-5, and shows the six with their intervals
    /// (it labelled four buttons 1-4 while a digit was read as a quality): SM-2 moves the
    /// E-Factor by -0.80, -0.54, -0.32, -0.14, 0 and +0.10.
    @Test func classicQualitiesTypedAreSavedExactly() throws {
        let typedEases = [
            ("0", 1700), ("1", 1960), ("2", 2180), ("3", 2360), ("4", 2500), ("5", 2600),
            ("again", 1960), ("easy", 2600),
        ]
        for (typed, ease) in typedEases {
            let cards = [card("basic", .basic, front: "Q?", back: "A")]
            let (recorder, lines, _) = try run(cards, ["", typed, ":quit"], preset: .classic)
            #expect(recorder.answers.first?.answer == Answer(typed: typed, preset: .classic))
            let state = recorder.replay.card(recorder.events, key: "d/basic")
            #expect(state.ease == ease && state.interval == 1, "quality \(typed)")
            let buttons = lines.first { $0.contains("0 · ") } ?? ""
            #expect(buttons == "  0 · 1d   1 · 1d   2 · 1d   3 · 1d   4 · 1d   5 · 1d", "SM-2's first interval")
        }
    }

    @Test func aWrongTypedAnswerSuggestsAgainAndCanBeOverruled() throws {
        let (recorder, lines, _) = try run(
            [card("typed", .typed, front: "Q?", back: "connections")], ["conections", "", ":quit"])
        #expect(lines.contains("  ✗ conections"))
        #expect(recorder.answers.first?.answer == .button(.again))
        let (overruled, _, _) = try run(
            [card("typed", .typed, front: "Q?", back: "connections")], ["conections", "good", ":quit"])
        #expect(overruled.answers.first?.answer == .button(.good))
    }

    @Test func aNearMissShowsWhatIsMissingWithMarkers() throws {
        let (_, lines, _) = try run(
            [card("typed", .typed, front: "Q?", back: "connections")], ["conections", "", ":quit"])
        #expect(lines.contains("    connections   (one letter missing: con[n]ections)"), "\(lines)")
        #expect(AnswerCheck.nearMiss("sensoors", expected: ["sensors"])?.marked == "senso{o}rs")
        #expect(AnswerCheck.nearMiss("trust", expected: ["reputation"]) == nil)
    }

    @Test func commandsWorkAtAnyPrompt() throws {
        let cards = [
            card("a", .basic, front: "A?", back: "a"), card("b", .basic, front: "B?", back: "b"),
            card("c", .basic, front: "C?", back: "c"),
        ]
        let (recorder, lines, _) = try run(
            cards, [":hint", "", "easy", ":undo", "", "good", ":suspend", ":bury", ":quit"])
        #expect(lines.contains("  Hint: think"))
        #expect(lines.contains("  Undone: the last answer is taken back."))
        #expect(recorder.answers.map(\.answer) == [.button(.good)], "the easy was undone, then good given")
        #expect(recorder.cards(with: "suspend") == ["d/b"] && recorder.cards(with: "bury") == ["d/c"])
    }

    /// `:undo` takes back the last thing done, whatever it was: right after `:suspend` it lifts
    /// that suspension (it took back the answer before and left the card suspended).
    @Test func undoTakesBackASuspensionOrABuryToo() throws {
        let cards = [card("a", .basic, front: "A?", back: "a"), card("b", .basic, front: "B?", back: "b")]
        let (recorder, lines, summary) = try run(
            cards, ["", "good", ":suspend", ":undo", ":bury", ":undo", "", "good", ":quit"])
        #expect(lines.contains("  Undone: the card is no longer suspended."))
        #expect(lines.contains("  Undone: the card is no longer buried."))
        #expect(recorder.answers.map(\.card) == ["d/a", "d/b"], "the answer before the suspension stands")
        #expect(summary.answered == 2)
        let undone = recorder.events.compactMap { if case .undo(let target) = $0.action { target } else { nil } }
        let suspension = recorder.events.first { $0.action == .suspend }
        let burial = recorder.events.first { $0.action == .bury }
        #expect(undone == [suspension?.id, burial?.id].compactMap { $0 })
        #expect(lines.filter { $0.hasSuffix("B?") }.count == 3, "b is shown again after each undo")
    }

    /// `:skip` sends the card to the back of the session (it never came back before); the
    /// header counts what is left as Anki's three numbers instead of a growing `[n/N]`.
    @Test func aSkippedCardComesBackAfterTheOthers() throws {
        let cards = [card("a", .basic, front: "A?", back: "a"), card("b", .basic, front: "B?", back: "b")]
        let (recorder, lines, _) = try run(cards, [":skip", "", "easy", "", "easy", ":quit"])
        #expect(recorder.answers.map(\.card) == ["d/b", "d/a"])
        let headers = lines.filter { $0.hasPrefix("[") }.map { String($0.prefix { $0 != "]" }) + "]" }
        #expect(
            headers == [
                "[2 new · 0 learning · 0 review]", "[2 new · 0 learning · 0 review]", "[1 new · 0 learning · 0 review]",
            ])
    }

    /// The summary's time is the answers' durations as saved (each from the card shown to the
    /// rating), not the session's wall clock; an answer taken back takes its time with it.
    @Test func theSummaryTimeIsTheAnswersDurations() throws {
        let cards = ["a", "b", "c"].map { card($0, .basic, front: "\($0)?", back: $0) }
        let (recorder, _, summary) = try run(cards, ["", "easy", "", "easy", ":undo", ":quit"])
        let durations = recorder.answers.map(\.durationMilliseconds)
        #expect(durations.count == 1 && durations[0] > 0)
        #expect(summary.seconds == durations[0] / 1000)
    }

    /// At 40 columns every line the session prints fits, broken at spaces.
    @Test func everyLineFitsANarrowTerminal() throws {
        let style = SessionStyle(colour: true, width: 40)
        var output = FittedOutput(Lines(), style: style)
        output.write(style.heading("[12 new · 3 learning · 140 review] A long deck name · Soft skills · practice"))
        output.write(
            "  "
                + ["again 1 · 10m", "hard 2 · 1d", "good 3 · 3d", "easy 4 · 4d"].map(style.key).joined(separator: "   ")
        )
        let lines = output.inner.lines
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { SessionStyle.columns($0) <= 40 }, "\(lines)")
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") }, "broken at spaces, none left at a line's end")
        #expect(lines[1].hasPrefix("  "), "a continued line is indented")
    }

    @Test func endOfInputEndsTheSessionWithEverythingSaved() throws {
        let (recorder, _, summary) = try run(
            [card("a", .basic, front: "A?", back: "a"), card("b", .basic, front: "B?", back: "b")], ["", "3", ""])
        #expect(recorder.answers.count == 1 && summary.answered == 1)
    }

    @Test func deckTextCannotReachTheTerminalRaw() throws {
        let (_, lines, _) = try run(
            [card("evil", .basic, front: "Bell \u{07} and \u{1B}[2J clear", back: "x")], [":quit"])
        #expect(lines.allSatisfy { line in !line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
        #expect(lines.contains { $0.contains("␇") && $0.contains("␛[2J") })
    }

    @Test func textWrapsCountingWideCharactersAsTwo() {
        let style = SessionStyle(colour: false, width: 20)
        let lines = style.wrap("日本語 日本語 日本語 日本語", indent: 2)
        #expect(lines == ["  日本語 日本語", "  日本語 日本語"])
        #expect(IntervalText.format(days: 10.0 / 1440) == "10m" && IntervalText.format(days: 45) == "1.5mo")
    }
}
