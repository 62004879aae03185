import Foundation
import HoneCore
import Testing

@testable import HoneReport

@Suite("the card table")
struct CardTableTests {
    /// Aligned columns by display width, the prompt cut with "…" to fit the terminal.
    @Test func columnsAlignAndThePromptIsCutToFit() throws {
        let clock = DayClock(timeZone: try #require(TimeZone(identifier: "UTC")), rolloverHour: 4)
        func card(_ key: String, _ front: String) -> Card {
            Card(key: key, noteKey: key, deckID: "d", kind: .basic, front: front, back: "A", line: 1)
        }
        var suspended = CardState()
        suspended.suspended = true
        let list = CardListText(
            [("d", card("d/日本", "人脈は信頼の積み重ねでできている"), .new), ("d", card("d/a", "Short"), suspended)],
            clock: clock, today: 20_515)
        let lines = list.lines(width: 40)
        #expect(
            lines == [
                "card    state           due  prompt",
                "d/日本  new             -    人脈は信頼…",
                "d/a     new, suspended  -    Short",
            ])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 })
        #expect(list.lines()[1].hasSuffix("できている"), "not cut without a width")
    }

    /// A card buried through today is buried, in the table and in the JSON; one buried on an
    /// earlier day is not any more.
    @Test func aCardBuriedThroughTodayIsListedAsBuried() throws {
        let clock = DayClock(timeZone: try #require(TimeZone(identifier: "UTC")), rolloverHour: 4)
        let review = CardState(.review(ReviewState(intervalDays: 3, easePermille: 2500, dueDay: 20_516)))
        var buried = review
        buried.buriedDay = 20_515
        var buriedBefore = review
        buriedBefore.buriedDay = 20_514
        let rows: [CardListText.Row] = ["a", "b", "c"].enumerated().map { index, id in
            let card = Card(
                key: "d/\(id)", noteKey: "d/\(id)", deckID: "d", kind: .basic, front: "Q", back: "A", line: 1)
            return ("d", card, [buried, buriedBefore, review][index])
        }
        let list = CardListText(rows, clock: clock, today: 20_515)
        #expect(list.lines().map { $0.contains("review, buried") } == [false, true, false, false])
        let json = list.json()
        #expect(json.components(separatedBy: "\"buried\":true").count == 2, "\(json)")
        #expect(
            json.hasPrefix(
                #"[{"card":"d/a","deck":"d","type":"basic","state":"review","suspended":false,"buried":true,"#
            ))
    }
}
