import Testing

@testable import HoneCore

@Suite("log events")
struct LogEventTests {
    static func answer(id: String, card: String = "d/a", time: Int64 = 1_700_000_000_123) -> LogEvent {
        .answer(id: id, card: card, time: time, utcOffset: 0, answer: .button(.good))
    }

    /// An answer imported without an id is known by its card and time: the id reads the same
    /// whether it was given spelled out or left empty, and the two are the same event.
    @Test func theDefaultIdReadsTheSameWhetherGivenOrLeftEmpty() {
        let empty = Self.answer(id: "")
        let spelled = Self.answer(id: "d/a@1700000000123")
        #expect(empty.id == "d/a@1700000000123")
        #expect(spelled.id == "d/a@1700000000123")
        #expect(empty == spelled)
        #expect(empty.storedID.isEmpty && spelled.storedID.isEmpty, "the log stores the default as ''")
    }

    @Test func otherIdsAreKeptAsGiven() {
        for id in ["phone-12", "d/a@1700000000124", "d/b@1700000000123", "d/a@01700000000123", "d/a@"] {
            let event = Self.answer(id: id)
            #expect(event.id == id)
            #expect(event.storedID == id)
        }
        #expect(Self.answer(id: "d/a@-5", time: -5).storedID.isEmpty, "a time before 1970 has its default too")
    }

    @Test func settingTheIdKeepsTheSameRule() {
        var event = Self.answer(id: "phone-1")
        event.id = "d/a@1700000000123"
        #expect(event.storedID.isEmpty && event.id == "d/a@1700000000123")
        event.id = "laptop-3"
        #expect(event.storedID == "laptop-3" && event.id == "laptop-3")
    }
}
