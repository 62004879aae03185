import Foundation
import Testing

/// `hone simulate` through the real binary: a deck of 200 cards, a few of them answered
/// (imported as a log), simulated with `--now`.
@Suite("hone simulate, end to end")
struct SimulateCommandTests {
    static let now = "2026-03-12T12:00:00Z"
    static let cardCount = 200

    func workspace(config: String = "[scheduler]\npreset = \"fsrs\"\n\n[daily]\nnew_per_day = 10\n") throws
        -> HoneProcess
    {
        let hone = try HoneProcess()
        let cards = (0..<Self.cardCount).map { "[[card]]\nid = \"c\($0)\"\nq = \"Q\($0)\"\na = \"A\($0)\"\n" }
        try hone.write("decks/words.toml", "[deck]\nname = \"Words\"\n\n" + cards.joined(separator: "\n"))
        try hone.write(".config/hone/config.toml", config)
        // Three cards learned a week ago and reviewed since; one suspended (left out).
        try hone.write(
            "log.csv",
            """
            card,reviewed_at,rating,duration_ms
            words/c0,2026-03-02T10:00:00Z,good,10000
            words/c0,2026-03-02T10:10:00Z,good,10000
            words/c0,2026-03-05T10:00:00Z,good,10000
            words/c1,2026-03-02T10:00:00Z,easy,10000
            words/c2,2026-03-03T10:00:00Z,again,10000
            words/c2,2026-03-03T10:10:00Z,good,10000
            words/c2,2026-03-03T10:20:00Z,good,10000

            """)
        let imported = try hone.run(["log", "import", "log.csv"], environment: ["TZ": "UTC"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let suspended = try hone.run(["suspend", "words/c3"], environment: ["TZ": "UTC"])
        #expect(suspended.status == 0, "\(suspended.stderr)")
        return hone
    }

    func simulate(_ hone: HoneProcess, _ arguments: [String]) throws -> HoneProcess.Output {
        try hone.run(["simulate"] + arguments + ["--now", Self.now], environment: ["TZ": "UTC", "NO_COLOR": "1"])
    }

    func json(_ output: HoneProcess.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    @Test func jsonGivesEachRetentionsFiguresFromTheLearnersCards() throws {
        let hone = try workspace()
        let result = try simulate(hone, ["--json", "--retention", "0.8", "0.95", "--days", "60"])
        #expect(result.status == 0, "\(result.stderr)")
        let figures = try json(result)
        #expect(figures["days"] as? Int == 60)
        #expect(figures["learned_cards"] as? Int == 3)
        #expect(figures["new_cards"] as? Int == Self.cardCount - 4)
        #expect(figures["new_per_day_limit"] as? Int == 10)
        let results = try #require(figures["results"] as? [[String: Any]])
        #expect(results.map { $0["retention"] as? Double } == [0.8, 0.95])
        let low = results[0]
        let high = results[1]
        // 10 new cards a day for 60 days: more than the 196 unseen, so all come in.
        #expect(low["new"] as? Int == Self.cardCount - 4)
        #expect(try #require(low["reviews"] as? Int) < #require(high["reviews"] as? Int))
        #expect(try #require(low["minutes_per_day"] as? Double) < #require(high["minutes_per_day"] as? Double))
        #expect(try #require(low["known_at_end"] as? Double) < #require(high["known_at_end"] as? Double))
        #expect(figures["optimal_retention"] == nil)
    }

    @Test func theDefaultsComeFromTheConfig() throws {
        let hone = try workspace(config: "[scheduler]\ndesired_retention = 0.85\n\n[daily]\nnew_per_day = 5\n")
        let result = try simulate(hone, ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let figures = try json(result)
        #expect(figures["days"] as? Int == 365)
        #expect(figures["new_per_day_limit"] as? Int == 5)
        let results = try #require(figures["results"] as? [[String: Any]])
        #expect(results.count == 1)
        #expect(results.first?["retention"] as? Double == 0.85)
        // Under the anki preset the review cards' memory is estimated from their schedule.
        #expect(figures["learned_cards"] as? Int == 3)
    }

    @Test func theTableNamesEachRetentionAndTheOptimalOne() throws {
        let hone = try workspace()
        let result = try simulate(hone, ["--retention", "0.9", "--days", "365", "--optimal"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("retention"))
        #expect(result.stdout.contains("0.9 "))
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("Optimal retention") })
        let value = try #require(Double(line.split(separator: " ").last ?? ""))
        #expect((0.70...0.95).contains(value), "\(line)")
    }

    @Test func aBadArgumentIsNamedWithStatus2() throws {
        let hone = try workspace()
        for (arguments, word) in [
            (["--retention", "1.5"], "--retention"), (["--retention", "0.9", "0.3"], "--retention"),
            (["--days", "0"], "--days"), (["--new-per-day", "-1"], "--new-per-day"),
        ] {
            let result = try simulate(hone, arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(word), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
