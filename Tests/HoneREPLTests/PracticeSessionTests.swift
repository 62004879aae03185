import Foundation
import HoneCore
import Testing

@testable import HoneREPL

/// A recorder that keeps answers in memory, as the store would on disk.
final class MemoryRecorder: SessionRecorder, @unchecked Sendable {
    var entries: [(ReviewLogEntry, CardState)] = []
    var suspended: [String] = []
    var buried: [String] = []
    var before: [String: CardState] = [:]

    func record(_ entry: ReviewLogEntry, state: CardState) throws { entries.append((entry, state)) }
    func latestAnswerTime(card: String) throws -> Int64? { entries.last { $0.0.card == card }?.0.time }
    func undo(_ id: String) throws -> CardState? {
        guard let index = entries.lastIndex(where: { $0.0.id == id }) else { return nil }
        entries.remove(at: index)
        return entries.last { $0.0.card == id.components(separatedBy: "@")[0] }?.1 ?? .new
    }
    func suspend(card: String) throws { suspended.append(card) }
    func bury(card: String, day: Int) throws { buried.append(card) }
}

struct Lines: SessionOutput {
    var lines: [String] = []
    mutating func write(_ line: String) { lines.append(line) }
}

@Suite("practice session")
struct PracticeSessionTests {
    static let clock = DayClock(timeZone: TimeZone(identifier: "UTC")!, rolloverHour: 4)

    func card(_ id: String, _ kind: CardKind, front: String, back: String, choices: [String] = [], rubric: [String] = []) -> SessionCard {
        SessionCard(
            card: Card(key: "d/\(id)", noteKey: "d/\(id)", deckID: "d", kind: kind, front: front, back: back, hint: "think",
                choices: choices, rubric: rubric, line: 1),
            deckName: "Deck", skill: "Skill", state: .new)
    }

    func run(_ cards: [SessionCard], _ input: [String], preset: SchedulerSettings.Preset = .anki) throws
        -> (MemoryRecorder, [String], PracticeSession.Summary)
    {
        var settings = SchedulerSettings()
        settings.fuzz = false
        settings.preset = preset
        let recorder = MemoryRecorder()
        var time: Int64 = 1_772_528_400_000
        var session = PracticeSession(
            cards: cards, scheduler: Scheduler(settings: settings, clock: Self.clock), recorder: recorder,
            style: SessionStyle(colour: false, width: 60), clock: { time += 5000; return time }, utcOffset: { _ in 0 })
        var reader = ScriptedLineReader(input)
        var output = Lines()
        let summary = try session.run(reader: &reader, output: &output)
        return (recorder, output.lines, summary)
    }

    @Test func everyCardTypeIsAnsweredAndSavedAtOnce() throws {
        let cards = [
            card("basic", .basic, front: "What is a soft asset?", back: "Trust, skills, reputation"),
            card("typed", .typed, front: "Your network works like a set of what?", back: "sensors"),
            card("choice", .choice, front: "Pick the hard asset", back: "savings", choices: ["savings", "reputation"]),
            card("drill", .practice, front: "Write a note", back: "", rubric: ["names a shared experience"]),
        ]
        let choiceOrder = AnswerCheck.shuffled(["savings", "reputation"], key: "d/choice", day: Self.clock.day(of: 1_772_528_400))
        let right = (choiceOrder.firstIndex(of: "savings") ?? 0) + 1
        let (recorder, lines, summary) = try run(
            cards, ["", "good", " Sensors! ", "", "\(right)", "", "Hi Sam", ":done", "hard", ":quit"])
        #expect(recorder.entries.map(\.0.card) == ["d/basic", "d/typed", "d/choice", "d/drill"])
        #expect(recorder.entries.map(\.0.answer) == [.button(.good), .button(.good), .button(.good), .button(.hard)])
        #expect(lines.contains("  ✓ sensors"))
        #expect(lines.contains("    [ ] names a shared experience"))
        #expect(lines.contains { $0.contains("again 1 · 1m") && $0.contains("good 3 · 10m") && $0.contains("easy 4 · 4d") })
        #expect(summary.answered == 4 && summary.correct == 4)
        #expect(recorder.entries.allSatisfy { $0.0.durationMilliseconds > 0 }, "the time from showing to rating is kept")
    }

    /// The classic preset saves the quality typed, 0-5, though the buttons shown are four:
    /// SM-2 moves the E-Factor by -0.80, -0.54, -0.32, -0.14, 0 and +0.10.
    @Test func classicQualitiesTypedAreSavedExactly() throws {
        let typedEases = [
            ("0", 1700), ("1", 1960), ("2", 2180), ("3", 2360), ("4", 2500), ("5", 2600), ("again", 1960), ("easy", 2600),
        ]
        for (typed, ease) in typedEases {
            let cards = [card("basic", .basic, front: "Q?", back: "A")]
            let (recorder, _, _) = try run(cards, ["", typed, ":quit"], preset: .classic)
            #expect(recorder.entries.first?.1.ease == ease, "quality \(typed)")
            #expect(recorder.entries.first?.1.interval == 1)
        }
    }

    @Test func aWrongTypedAnswerSuggestsAgainAndCanBeOverruled() throws {
        let (recorder, lines, _) = try run([card("typed", .typed, front: "Q?", back: "connections")], ["conections", "", ":quit"])
        #expect(lines.contains("  ✗ conections"))
        #expect(recorder.entries.first?.0.answer == .button(.again))
        let (overruled, _, _) = try run([card("typed", .typed, front: "Q?", back: "connections")], ["conections", "good", ":quit"])
        #expect(overruled.entries.first?.0.answer == .button(.good))
    }

    @Test func aNearMissShowsWhatIsMissingWithMarkers() throws {
        let (_, lines, _) = try run([card("typed", .typed, front: "Q?", back: "connections")], ["conections", "", ":quit"])
        #expect(lines.contains("    connections   (one letter missing: con[n]ections)"), "\(lines)")
        #expect(AnswerCheck.nearMiss("sensoors", expected: ["sensors"])?.marked == "senso{o}rs")
        #expect(AnswerCheck.nearMiss("trust", expected: ["reputation"]) == nil)
    }

    @Test func commandsWorkAtAnyPrompt() throws {
        let cards = [card("a", .basic, front: "A?", back: "a"), card("b", .basic, front: "B?", back: "b"), card("c", .basic, front: "C?", back: "c")]
        let (recorder, lines, _) = try run(cards, [":hint", "", "easy", ":undo", "", "good", ":suspend", ":bury", ":quit"])
        #expect(lines.contains("  Hint: think"))
        #expect(lines.contains("  Undone: the last answer is taken back."))
        #expect(recorder.entries.map(\.0.answer) == [.button(.good)], "the easy was undone, then good given")
        #expect(recorder.suspended == ["d/b"] && recorder.buried == ["d/c"])
    }

    @Test func endOfInputEndsTheSessionWithEverythingSaved() throws {
        let (recorder, _, summary) = try run([card("a", .basic, front: "A?", back: "a"), card("b", .basic, front: "B?", back: "b")], ["", "3", ""])
        #expect(recorder.entries.count == 1 && summary.answered == 1)
    }

    @Test func deckTextCannotReachTheTerminalRaw() throws {
        let (_, lines, _) = try run([card("evil", .basic, front: "Bell \u{07} and \u{1B}[2J clear", back: "x")], [":quit"])
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
