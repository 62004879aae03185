import Foundation
import Testing

@Suite("hone status, end to end")
struct StatusCommandTests {
    @Test func countsWhatIsDueAndReportsCardsThatLeftTheDecks() throws {
        let hone = try HoneProcess()
        try hone.write(
            "decks/net.toml",
            "[deck]\nname = \"Networking\"\nskill = \"Networking\"\nnew_per_day = 2\n"
                + (1...4).map { "[[card]]\nid = \"c\($0)\"\nq = \"Q\($0)\"\na = \"A\($0)\"\n" }.joined())
        try hone.write(
            "log.csv",
            "card,reviewed_at,rating\nnet/c1,2026-03-01T09:00:00Z,good\nnet/c1,2026-03-01T09:10:00Z,good\n"
                + "net/c2,2026-03-03T08:55:00Z,again\nnet/gone,2026-03-01T09:00:00Z,good\n")
        #expect(try hone.run(["log", "import", "log.csv"]).status == 0)
        let result = try hone.run(["status", "--json", "--now", "2026-03-03T09:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // c1 graduated on the 1st (due the 2nd): a review. c2 is learning (again, 1 minute: due now).
        // New: the limit is 2 a day and c2 was introduced today, so one more new card.
        #expect(json["reviews"] as? Int == 1)
        #expect(json["learning"] as? Int == 1)
        #expect(json["new"] as? Int == 1)
        #expect(json["orphans"] as? [String] == ["net/gone"])
        let text = try hone.run(["status", "--now", "2026-03-03T09:00:00Z"])
        #expect(text.stdout.contains("1 card with history no longer in the decks (kept): net/gone"))
    }

    @Test func withNoDecksItSaysWhereItLookedAndHowToStart() throws {
        let hone = try HoneProcess()
        let result = try hone.run(["status", "--decks", "nowhere"])
        #expect(result.stdout.contains("No decks found in nowhere"))
        #expect(result.stdout.contains("$HONE_DECKS"))
        // A first `hone` (practice) says the same and succeeds: it used to fail with exit 1.
        let first = try hone.run(["--decks", "nowhere"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("No decks found in nowhere") && first.stderr.isEmpty)
    }
}
