import Testing

@testable import HoneReport

@Suite("text that fits: columns, cuts and durations")
struct StatsTextTests {
    @Test func fitCutsWithAnEllipsisOrPadsToExactlyTheWidth() {
        #expect(StatsText.fit("Networking", 6) == "Netwo…")
        #expect(StatsText.fit("Go", 5) == "Go   ")
        // Wide characters take two columns: three of them do not fit in five.
        #expect(StatsText.fit("日本語", 5) == "日本…")
        #expect(DisplayWidth.of(StatsText.fit("日本語です", 6)) == 6)
    }

    @Test func fitFromStartKeepsTheEndWhereTheFileAndLineAre() {
        #expect(
            StatsText.fitFromStart("decks/soft-skills/networking.toml:42", 20) == "…/networking.toml:42",
            "twenty columns, the ellipsis one of them")
        #expect(StatsText.fitFromStart("a.toml:1", 20) == "a.toml:1")
    }

    @Test func durationsReadLikeAClock() {
        #expect(StatsText.duration(44_600) == "45s")
        #expect(StatsText.duration(250_000) == "4m 10s")
        #expect(StatsText.duration(3_720_000) == "1h 02m")
    }

    @Test func theScopeNamesTheFiltersVisibly() {
        #expect(StatsText.scope(filters: []) == "all decks")
        #expect(StatsText.scope(filters: ["go", "net\u{7}"]) == "go, net␇")
    }
}
