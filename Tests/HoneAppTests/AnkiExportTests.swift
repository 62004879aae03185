import Foundation
import HoneAnki
import HoneCore
import Testing

@testable import HoneApp

/// What `hone export anki` puts in the package: Anki's note types and fields for every card
/// type, GUIDs from the entries' keys, and with scheduling each card's state and answers in
/// Anki's encoding.
@Suite("anki export")
struct AnkiExportTests {
    static let deck = """
        [[card]]
        id = "b1"
        q = "Is 1 < 2 & 3 > 2?"
        a = "yes\\nof course"
        hint = "compare"
        tags = ["math stuff", "logic"]

        [[card]]
        id = "rev"
        q = "dog"
        a = "perro"
        reverse = true

        [[card]]
        id = "ty"
        type = "typed"
        q = "Capital of France?"
        a = "Paris"
        hint = "city of light"

        [[card]]
        id = "cz"
        type = "cloze"
        text = "A {{c1::cat}} & a {{c3::dog::animal}}"

        [[card]]
        id = "ch"
        type = "choice"
        q = "Pick"
        choices = ["alpha", "beta"]
        answer = "beta"

        [[card]]
        id = "pr"
        type = "practice"
        prompt = "Greet"
        rubric = ["smile"]
        example = "Hi <you>"

        """

    /// 2026-05-28, mid-morning UTC.
    static let now: Int64 = 1_779_962_400

    func scratch() throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("decks/lang/mixed.toml", Self.deck)
        try scratch.write("decks/other.toml", "[[card]]\nid = \"o\"\nq = \"q\"\na = \"a\"\n")
        return scratch
    }

    @Test("each card type becomes Anki's own note type, its text as HTML, its GUID from the entry's key")
    func noteTypesAndFields() throws {
        let scratch = try scratch()
        let (collection, summary) = try AnkiExport.collection(
            scratch.workspace(at: Self.now), filters: ["lang/mixed"], withScheduling: false)
        #expect(summary.decks == 1 && summary.notes == 6 && summary.cards == 8)
        #expect(Set(collection.decks.values.map(\.name)) == ["lang", "lang::mixed"])
        let notes = Dictionary(uniqueKeysWithValues: collection.notes.map { ($0.guid, $0) })
        func note(_ id: String) throws -> AnkiNote { try #require(notes["hone:lang/mixed/\(id)"]) }
        func typeName(_ id: String) throws -> String? { collection.noteTypes[try note(id).noteTypeID]?.name }
        #expect(try typeName("b1") == "Basic")
        #expect(try typeName("rev") == "Basic (and reversed card)")
        #expect(try typeName("ty") == "Basic (type in the answer)")
        #expect(try typeName("cz") == "Cloze")
        #expect(try typeName("ch") == "Basic")
        #expect(try typeName("pr") == "Basic")
        #expect(
            try note("b1").fields == [
                "Is 1 &lt; 2 &amp; 3 &gt; 2?", "yes<br>of course<br><br><div class=\"hone-hint\">Hint: compare</div>",
            ])
        #expect(try note("b1").tags == ["math_stuff", "logic"])
        #expect(try note("ty").fields == ["Capital of France?", "Paris"])
        #expect(try note("cz").fields == ["A {{c1::cat}} &amp; a {{c3::dog::animal}}", ""])
        #expect(try note("ch").fields == ["Pick<br><br>1. alpha<br>2. beta", "beta"])
        #expect(try note("pr").fields == ["Greet", "<ul><li>smile</li></ul><br><br>Example:<br>Hi &lt;you&gt;"])
        // The reverse is the second template; deletion N is template N-1.
        func ordinals(_ id: String) throws -> [Int] {
            let noteID = try note(id).id
            return collection.cards.filter { $0.noteID == noteID }.map(\.ordinal)
        }
        #expect(try ordinals("rev") == [0, 1])
        #expect(try ordinals("cz") == [0, 2])
        // Without scheduling every card is new, in the decks' order, and there is no history.
        #expect(collection.cards.allSatisfy { $0.type == 0 && $0.queue == 0 && $0.reps == 0 })
        #expect(collection.reviews.isEmpty)
        #expect(summary.dropped.map(\.card) == ["lang/mixed/ty"])
    }

    @Test("with scheduling, each card's state and answers are carried in Anki's encoding")
    func scheduling() throws {
        let scratch = try scratch()
        let workspace = scratch.workspace(at: Self.now)
        let day: Int64 = 86_400
        let start = (Self.now - 10 * day) * 1000
        func answer(_ card: String, _ milliseconds: Int64, _ answer: Answer, id: String = "") -> LogEvent {
            .answer(
                id: id, card: "lang/mixed/" + card, time: milliseconds, utcOffset: 0, answer: answer,
                durationMilliseconds: 90_000)
        }
        func event(_ card: String, _ milliseconds: Int64, _ action: EventAction) -> LogEvent {
            LogEvent(id: "", card: "lang/mixed/" + card, time: milliseconds, utcOffset: 0, action: action)
        }
        let events = [
            answer("b1", start, .button(.good)), answer("b1", start + 700_000, .button(.good)),
            answer("b1", start + day * 1000, .button(.good)),
            // The same millisecond as b1's first answer; SM-2's quality 0 is again.
            answer("cz#c1", start, .quality(0)),
            answer("rev#r", (Self.now - 60) * 1000, .button(.good)),
            answer("cz#c3", (Self.now - 50) * 1000, .button(.good), id: "taken-back"),
            event("cz#c3", (Self.now - 40) * 1000, .undo(target: "taken-back")),
            event("ty", (Self.now - 30) * 1000, .suspend),
            answer("pr", (Self.now - 200) * 1000, .button(.good)), event("pr", (Self.now - 100) * 1000, .bury),
            event("ch", (Self.now - day) * 1000, .bury),
        ]
        _ = try workspace.openStore().merge(events, replay: workspace.replay)
        let (collection, summary) = try AnkiExport.collection(workspace, filters: [], withScheduling: true)
        #expect(summary.notes == 7 && summary.reviews == 6)
        let keys = try cardKeys(collection)
        func card(_ key: String) throws -> AnkiCard {
            try #require(collection.cards.first { keys[$0.id] == "lang/mixed/" + key })
        }
        let clock = workspace.clock
        let b1 = workspace.replay.card(events.filter { $0.card == "lang/mixed/b1" }, key: "lang/mixed/b1")
        guard case .review(let review) = b1.phaseState else {
            Issue.record("b1 is \(b1.phase), not in review")
            return
        }
        // The collection starts on the earliest due day, at the rollover hour, and a review's due
        // counts days from there.
        let firstDay = try #require(clock.day(of: collection.createdSeconds) as Int?)
        #expect(collection.createdSeconds == clock.start(ofDay: firstDay))
        #expect(firstDay <= review.dueDay && firstDay <= clock.day(of: Self.now))
        #expect(collection.rolloverHour == 4)
        let reviewCard = try card("b1")
        #expect(
            [reviewCard.type, reviewCard.queue, Int(reviewCard.due), reviewCard.interval, reviewCard.factor] as [Int]
                == [2, 2, review.dueDay - firstDay, review.intervalDays, review.easePermille])
        let lastAnswer: Int64 = start / 1000 + day
        #expect(reviewCard.reps == 3)
        #expect(reviewCard.lastReviewSeconds == lastAnswer)
        // A learning step is due at an instant, with the steps left (of the two).
        let learning = try card("rev#r")
        #expect([learning.type, learning.queue, learning.left] as [Int] == [1, 1, 1])
        let stepEnd: Int64 = Self.now - 60 + 600
        #expect(learning.due == stepEnd)
        #expect(try card("rev").type == 0)
        #expect(try [card("ty").type, card("ty").queue] as [Int] == [0, -1])
        #expect(try [card("pr").type, card("pr").queue] as [Int] == [1, -3])
        // Buried yesterday: no longer buried. Answered and taken back: new.
        #expect(try [card("ch").type, card("ch").queue] as [Int] == [0, 0])
        #expect(try [card("cz#c3").type, card("cz#c3").reps] as [Int] == [0, 0])
        // The answers: the colliding one a millisecond later; again, learning, a minute at most.
        let log = collection.reviews.map { [keys[$0.cardID] ?? "?", "\($0.id - start)", "\($0.ease)", "\($0.type)"] }
        #expect(log.first == ["lang/mixed/b1", "0", "3", "0"])
        #expect(log.contains(["lang/mixed/cz#c1", "1", "1", "0"]))
        #expect(log.contains(["lang/mixed/b1", "\(day * 1000)", "3", "1"]))
        #expect(!log.contains { $0[0] == "lang/mixed/cz#c3" })
        #expect(collection.reviews.allSatisfy { $0.durationMilliseconds == 60_000 })
        let graduation = try #require(collection.reviews.first { $0.id == start + 700_000 })
        let graduationRow: [Int] = [graduation.lastInterval, graduation.interval, graduation.factor]
        #expect(graduationRow == [-600, 1, 2500])
    }

    /// Each card's key, by its id in the collection.
    func cardKeys(_ collection: AnkiCollection) throws -> [Int64: String] {
        let notes = Dictionary(uniqueKeysWithValues: collection.notes.map { ($0.id, $0) })
        var keys: [Int64: String] = [:]
        for card in collection.cards {
            let note = try #require(notes[card.noteID])
            let key = String(note.guid.dropFirst("hone:".count))
            let kind = collection.noteTypes[note.noteTypeID]?.kind
            keys[card.id] =
                kind == .cloze ? "\(key)#c\(card.ordinal + 1)" : card.ordinal == 1 ? key + "#r" : key
        }
        return keys
    }
}
