import Foundation
import HoneCore
import HoneDeck
import Testing

@testable import HoneReport

@Suite("status, check and card list as text and JSON")
struct StatusTextTests {
    static func deck(_ id: String, name: String, skill: String) throws -> DeckIndex {
        let text = "[deck]\nname = \"\(name)\"\nskill = \"\(skill)\"\n[[card]]\nid = \"a\"\nq = \"Q\"\na = \"A\"\n"
        let file = DeckReader.read(
            bytes: Array(text.utf8), path: "decks/\(id).toml", deckID: id, options: [.buildCards])
        return DeckIndex(try #require(file.deck))
    }

    static func status() throws -> StatusText {
        let net = DueCounts(learning: 1, reviews: 2, new: 3, laterToday: 4, tomorrow: 5)
        let go = DueCounts(new: 1)
        return StatusText(
            now: "2026-03-03T09:00:00Z", total: net + go,
            decks: [
                (try deck("net", name: "Netwörking 日本", skill: "Soft"), net),
                (try deck("go", name: "Go", skill: "Games"), go),
            ],
            skills: [("Soft", net), ("Games", go)], orphans: ["x/1", "x/2", "x/3", "x/\u{1B}4"])
    }

    @Test func textLinesUpTheDecksByDisplayWidthAndShowsNoControlCharacter() throws {
        let lines = try Self.status().text(terminal: Terminal(useColour: false)).split(separator: "\n").map(String.init)
        #expect(lines[0] == "Due now: 7  (2 reviews, 1 learning, 4 new)  ·  later today 4  ·  tomorrow 5")
        // "Netwörking 日本" takes 15 columns: "Go" is padded to match.
        #expect(lines[1] == "  Netwörking 日本  now 6 (2 rev, 1 learn, 3 new)  later 4  tomorrow 5")
        #expect(lines[2] == "  Go               now 1 (0 rev, 0 learn, 1 new)  later 0  tomorrow 0")
        #expect(lines[3] == "By skill: Soft 6 · Games 1")
        #expect(lines[4] == "4 cards with history no longer in the decks (kept): x/1, x/2, x/3, ...")
    }

    /// On a 40-column terminal every line fits, broken at spaces.
    @Test func textFitsANarrowTerminal() throws {
        let text = try Self.status().text(terminal: Terminal(useColour: true), width: 40)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { LineFit.columns($0) <= 40 }, "\(lines)")
        #expect(lines.count > 5)
    }

    @Test func oneReviewIsSingular() {
        #expect(StatsText.count(1, "review") == "1 review" && StatsText.count(0, "review") == "0 reviews")
    }

    @Test func colourOnlyEmphasisesTheTotal() throws {
        let text = try Self.status().text(terminal: Terminal(useColour: true))
        #expect(text.hasPrefix("\u{1B}[1mDue now: 7\u{1B}[0m  (2 reviews"))
        #expect(text.filter { $0 == "\u{1B}" }.count == 2)
    }

    @Test func jsonHasEveryCountPerDeckAndSkill() throws {
        let json = try Self.status().json()
        let totals = "\"due_now\":7,\"learning\":1,\"reviews\":2,\"new\":4,\"later_today\":4,\"tomorrow\":5"
        #expect(json.hasPrefix("{\"now\":\"2026-03-03T09:00:00Z\",\(totals),\"decks\":[{\"deck\":\"net\","))
        let go = "{\"deck\":\"go\",\"name\":\"Go\",\"skill\":\"Games\",\"path\":\"decks/go.toml\",\"cards\":1"
        #expect(json.contains(go + ",\"due_now\":1,"))
        #expect(json.hasSuffix(",\"orphans\":[\"x/1\",\"x/2\",\"x/3\",\"x/\\u001b4\"]}"))
    }

    @Test func checkSummaryCountsFilesCardsErrorsAndWarnings() {
        let broken = DeckReader.read(bytes: Array("[[card]]\nq = \"open\n".utf8), path: "b.toml", deckID: "b")
        let fine = DeckReader.read(
            bytes: Array("[[card]]\nid = \"a\"\nq = \"Q\"\na = \"A\"\n".utf8), path: "a.toml", deckID: "a")
        let text = CheckReport.text(
            [fine, broken], problems: [FileProblem(path: "gone.toml", message: "no such file or folder")], pinned: [],
            searched: ["decks"], terminal: Terminal(useColour: false))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "gone.toml:1:1: error: no such file or folder")
        #expect(lines.contains { $0.hasPrefix("b.toml:2:5: error: ") })
        #expect(lines.last?.hasPrefix("checked 3 files (1 card ready to practise): 2 errors") == true, "\(text)")
        let nothing = CheckReport.text(
            [], problems: [], pinned: [], searched: ["x", "y"], terminal: Terminal(useColour: false))
        #expect(nothing == "no deck files (*.toml) found in x, y")
    }

    @Test func theCardListWritesDueTimesInTheClocksZone() throws {
        let card = Card(key: "d/a", noteKey: "d/a", deckID: "d", kind: .basic, front: "Q", back: "A", line: 1)
        let state = CardState(.review(ReviewState(intervalDays: 3, easePermille: 2500, dueDay: 20_515)))  // 2026-03-03
        let clock = DayClock(timeZone: try #require(TimeZone(identifier: "Europe/Berlin")), rolloverHour: 4)
        let list = CardListText([("d", card, state)], clock: clock, today: 20_515)
        #expect(list.lines() == ["card  state   due         prompt", "d/a   review  2026-03-03  Q"])
        #expect(list.json().contains("\"due\":\"2026-03-03T04:00:00+01:00\",\"interval\":3,\"ease\":2.5,"))
    }
}
