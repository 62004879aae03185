import Foundation
import Testing

/// The `fsrs` preset through the command line: the same log replayed under `anki` and then
/// under `fsrs` (the preset changed in the config), with what `hone cards --json` and
/// `hone stats --json` show of FSRS's memory states.
@Suite("fsrs, end to end")
struct FSRSEndToEndTests {
    static let header =
        "id,card,reviewed_at,rating,duration_ms,kind,state,interval,ease,due,event,device,target,note,"
        + "reps,lapses,step,step_seconds,stability,difficulty"

    /// a: set to review with Anki's memory state (S 12.5, D 5.25), due today after 10 days,
    /// answered Good. b: new, answered Good, Good (graduates the same day), Good two days later.
    static let log =
        [
            header,
            "sa,d/a,2026-03-03T08:00:00Z,,,,review,10,2.5,2026-03-03,set-state,anki,,,5,1,,,12.5,5.25",
            "aa,d/a,2026-03-03T10:00:00Z,good,4000,,,,,,answer,,,,,,,,,",
            "b1,d/b,2026-03-01T09:00:00Z,good,3000,,,,,,answer,,,,,,,,,",
            "b2,d/b,2026-03-01T09:10:00Z,good,3000,,,,,,answer,,,,,,,,,",
            "b3,d/b,2026-03-03T09:00:00Z,good,3000,,,,,,answer,,,,,,,,,",
        ].joined(separator: "\n") + "\n"

    func cards(_ hone: HoneProcess) throws -> [String: [String: Any]] {
        let run = try hone.run(["cards", "--json", "--now", "2026-03-03T12:00:00Z"], environment: ["TZ": "UTC"])
        #expect(run.status == 0, "\(run.stderr)")
        let list = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: list.map { ($0["card"] as? String ?? "", $0) })
    }

    @Test func switchingToFSRSReplaysTheLogWithMemoryStates() throws {
        let hone = try HoneProcess()
        var deck = ""
        for id in ["a", "b", "c"] { deck += "[[card]]\nid = \"\(id)\"\nq = \"\(id)?\"\na = \"\(id)!\"\n\n" }
        try hone.write("decks/d.toml", deck)
        try hone.write(".config/hone/config.toml", "[scheduler]\nfuzz = false\n")
        try hone.write("log.csv", Self.log)
        let imported = try hone.run(["log", "import", "log.csv"], environment: ["TZ": "UTC"])
        #expect(imported.status == 0, "\(imported.stderr)")

        let anki = try cards(hone)
        #expect(anki["d/a"]?["stability"] is NSNull && anki["d/b"]?["retrievability"] is NSNull)
        #expect(anki["d/a"]?["interval"] as? Int == 25, "SM-2: (10 + 0) × 2.5")

        try hone.write(".config/hone/config.toml", "[scheduler]\npreset = \"fsrs\"\nfuzz = false\n")
        let fsrs = try cards(hone)
        // a: a pass at R ≈ 0.92 grows the stability; Good barely moves the difficulty.
        let aStability = fsrs["d/a"]?["stability"] as? Double ?? 0
        let aDifficulty = fsrs["d/a"]?["difficulty"] as? Double ?? 0
        #expect(aStability > 12.5 && aDifficulty > 5 && aDifficulty < 5.25, "\(fsrs["d/a"] ?? [:])")
        #expect(fsrs["d/a"]?["interval"] as? Int == Int(aStability.rounded()), "at 90%, the interval is S")
        #expect(fsrs["d/a"]?["retrievability"] as? Double == 1, "answered today")
        // b: first Good gives w2 = 2.3065 days; graduated the same day (2 days), then Good on time.
        let b = fsrs["d/b"] ?? [:]
        #expect((b["stability"] as? Double ?? 0) > 2.3065 && b["state"] as? String == "review", "\(b)")
        #expect(fsrs["d/c"]?["stability"] is NSNull, "a new card has no memory state")
        #expect(fsrs["d/a"]?["ease"] as? Double == 2.5)

        let stats = try hone.run(["stats", "--json", "--now", "2026-03-03T12:00:00Z"], environment: ["TZ": "UTC"])
        let json = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        let memory = json?["memory"] as? [String: Any]
        #expect(memory?["cards"] as? Int == 2, "\(stats.stdout.prefix(300))")
        #expect((memory?["expected_known"] as? Double).map { abs($0 - 2) < 0.01 } == true, "both answered today")
        let text = try hone.run(
            ["stats", "--now", "2026-03-03T12:00:00Z"], environment: ["TZ": "UTC", "NO_COLOR": "1"])
        #expect(text.stdout.contains("Memory (FSRS)   2 cards"), "\(text.stdout)")

        // The card's history shows the memory state after each answer.
        let detail = try hone.run(["card", "d/b", "--now", "2026-03-03T12:00:00Z"], environment: ["TZ": "UTC"])
        #expect(
            detail.stdout.contains("-> learning · due 2026-03-01T09:10:00Z · stability 2.3065d"), "\(detail.stdout)")

        // The export carries each answer's memory state, as hone keeps it.
        let export = try hone.run(["log", "export"], environment: ["TZ": "UTC"])
        let row = export.stdout.split(separator: "\n").first { $0.hasPrefix("b1,") }.map(String.init) ?? ""
        #expect(row.hasSuffix(",1,0,1,600,2.3065,2.118"), "first Good: w2 and D0(good), rounded as Anki: \(row)")

        // Back to anki: the same log, SM-2 again, no memory states.
        try hone.write(".config/hone/config.toml", "[scheduler]\nfuzz = false\n")
        let back = try cards(hone)
        #expect(back["d/a"]?["interval"] as? Int == 25 && back["d/a"]?["stability"] is NSNull)
        let noMemory = try hone.run(["stats", "--json", "--now", "2026-03-03T12:00:00Z"], environment: ["TZ": "UTC"])
        #expect(noMemory.stdout.contains("\"memory\":null"))
    }

    @Test func theRatingButtonsShowFSRSIntervals() throws {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", "[[card]]\nid = \"a\"\nq = \"a?\"\na = \"a!\"\n")
        try hone.write(".config/hone/config.toml", "[scheduler]\npreset = \"fsrs\"\nfuzz = false\n")
        let session = try hone.run(
            ["practice", "--now", "2026-03-03T09:00:00Z"], environment: ["TZ": "UTC"], stdin: "\n:quit\n")
        // A new card's Easy: the first stability w3 = 8.2956 days, at 90% retention 8 days
        // (the anki preset shows 4).
        #expect(session.stdout.contains("easy 4 · 8d"), "\(session.stdout)")
    }
}
