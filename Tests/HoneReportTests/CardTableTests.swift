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
            clock: clock)
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
}
