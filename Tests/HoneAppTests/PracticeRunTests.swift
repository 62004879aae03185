import Foundation
import HoneCore
import HoneREPL
import Testing

@testable import HoneApp

/// Session lines kept for the test.
struct KeptOutput: SessionOutput {
    var lines: [String] = []
    mutating func write(_ line: String) { lines.append(line) }
}

@Suite("a practice session from the decks to its closing line")
struct PracticeRunTests {
    static let deck = """
        [deck]
        name = "Basics"
        skill = "Reading"

        [[card]]
        id = "a"
        q = "A?"
        a = "a"

        [[card]]
        id = "b"
        q = "B?"
        a = "b"
        """

    @Test func aSessionSavesItsAnswersAndEndsWithWhatIsLeft() throws {
        let scratch = try Scratch()
        try scratch.write("decks/basics.toml", Self.deck)
        let workspace = scratch.workspace(at: 1_772_528_400)  // 2026-03-03T09:00:00Z
        var run = try PracticeRun(workspace, filters: [], newPerDay: nil, limit: 1)
        #expect(run.cards.map(\.card.key) == ["basics/a"], "--limit 1 shows one of the two new cards")
        var output = KeptOutput()
        try run.run(style: SessionStyle(colour: false, width: 80), output: &output, editing: false) {
            ScriptedLineReader(["", "good"])
        }
        #expect(output.lines.first?.hasSuffix("· 0 reviews, 0 learning, 2 new") == true, "\(output.lines)")
        #expect(output.lines.contains { $0.hasPrefix("Done for now: 1 card in ") })
        // a is a learning card due again in ten minutes (later today, learned ahead); b is new.
        #expect(output.lines.last == "Streak: 1 day. Still due today: 2. Tomorrow: 0.")
        let log = try workspace.openStore().events()
        #expect(log.map(\.card) == ["basics/a"])
    }

    @Test func nothingDueSaysWhenMoreComes() throws {
        let scratch = try Scratch()
        try scratch.write("decks/basics.toml", Self.deck)
        var run = try PracticeRun(scratch.workspace(at: 1_772_528_400), filters: [], newPerDay: 0, limit: nil)
        var output = KeptOutput()
        try run.run(style: SessionStyle(colour: false, width: 80), output: &output, editing: false) {
            ScriptedLineReader([])
        }
        #expect(output.lines.count == 2)
        #expect(output.lines.last == "Nothing is due now. Later today: 0, tomorrow: 0.")
    }

    @Test func noDeckAtAllIsAnErrorThatSaysWhere() throws {
        let scratch = try Scratch()
        let error = #expect(throws: HoneError.self) {
            try PracticeRun(scratch.workspace(), filters: [], newPerDay: nil, limit: nil)
        }
        guard case .noDecks(let folder)? = error?.reason else {
            Issue.record("expected noDecks, got \(String(describing: error))")
            return
        }
        #expect(folder == scratch.path("decks"))
    }
}
