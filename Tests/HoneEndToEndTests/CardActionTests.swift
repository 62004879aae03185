import Foundation
import Testing

/// `hone suspend`, `unsuspend`, `bury`, `forget` and `undo`, as a learner uses them between
/// sessions: each is an event of the log, and `status` and `practice` follow it.
@Suite("card management, end to end")
struct CardActionTests {
    static let now = ["--now", "2026-03-03T09:00:00Z"]

    func scratch() throws -> HoneProcess {
        let hone = try HoneProcess()
        try hone.write(
            "decks/net.toml",
            "[[card]]\nid = \"ask\"\nq = \"Q1\"\na = \"A1\"\n[[card]]\nid = \"give\"\nq = \"Q2\"\na = \"A2\"\n")
        try hone.write("decks/talk.toml", "[[card]]\nid = \"give\"\nq = \"Q3\"\na = \"A3\"\n")
        return hone
    }

    func dueNow(_ hone: HoneProcess, at now: [String] = now) throws -> Int {
        let status = try hone.run(["status", "--json"] + now, environment: ["TZ": "UTC"])
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        return try #require(json?["due_now"] as? Int)
    }

    @Test func aSuspendedCardComesBackWhenItsSuspensionIsLifted() throws {
        let hone = try scratch()
        #expect(try dueNow(hone) == 3)
        let suspend = try hone.run(["suspend", "ask", "talk/give"] + Self.now)
        #expect(suspend.status == 0, "\(suspend.stderr)")
        #expect(suspend.stdout == "suspended net/ask (new, suspended)\nsuspended talk/give (new, suspended)\n")
        #expect(try dueNow(hone) == 1)
        let lift = try hone.run(["unsuspend", "net/ask", "--json"] + Self.now)
        let json = try JSONSerialization.jsonObject(with: Data(lift.stdout.utf8)) as? [[String: Any]]
        #expect(json?.first?["card"] as? String == "net/ask" && json?.first?["suspended"] as? Bool == false)
        #expect(json?.first?["event"] as? String == "unsuspend")
        #expect(try dueNow(hone) == 2)
        // hone undo takes back the newest event standing: the unsuspend, so net/ask is suspended again.
        let undo = try hone.run(["undo"] + Self.now)
        #expect(undo.stdout == "took back the unsuspend of net/ask (new, suspended)\n")
        let redo = try hone.run(["unsuspend", "ask"] + Self.now)
        #expect(redo.status == 0)
        let undoJSON = try hone.run(["undo", "--json"] + Self.now)
        let object = try JSONSerialization.jsonObject(with: Data(undoJSON.stdout.utf8)) as? [String: Any]
        #expect((object?["undone"] as? [String: Any])?["event"] as? String == "unsuspend", "\(undoJSON.stdout)")
        #expect((object?["undo"] as? [String: Any])?["suspended"] as? Bool == true)
        #expect(try dueNow(hone) == 1)
        // The log holds it all, and a fresh data folder importing it agrees.
        let export = try hone.run(["log", "export"])
        #expect(export.stdout.contains(",suspend,") && export.stdout.contains(",unsuspend,"))
        try hone.write("log.csv", export.stdout)
        #expect(try hone.run(["log", "import", "log.csv", "--data", "fresh"]).status == 0)
        let fresh = try hone.run(["status", "--json", "--data", "fresh"] + Self.now, environment: ["TZ": "UTC"])
        #expect(fresh.stdout.contains("\"due_now\":1"), "\(fresh.stdout)")
    }

    @Test func buryHidesTillTomorrowAndForgetStartsAgain() throws {
        let hone = try scratch()
        let answered = try hone.run(["practice", "net"] + Self.now, environment: ["TZ": "UTC"], stdin: "\neasy\n")
        #expect(answered.status == 0)
        #expect(try hone.run(["bury", "talk/give"] + Self.now).status == 0)
        #expect(try dueNow(hone) == 1, "net/give is left: ask was answered, talk/give buried")
        #expect(try dueNow(hone, at: ["--now", "2026-03-04T09:00:00Z"]) == 2, "talk/give is back tomorrow")
        let forget = try hone.run(["forget", "net/ask", "--now", "2026-03-03T09:05:00Z"])
        #expect(forget.stdout == "forgotten net/ask (new)\n")
        let cards = try hone.run(["cards", "--json"])
        #expect(cards.stdout.contains("\"card\":\"net/ask\",\"deck\":\"net\",\"type\":\"basic\",\"state\":\"new\""))
        #expect(try hone.run(["log", "export"]).stdout.split(separator: "\n").count == 4, "answer, bury, forget")
    }

    @Test func aCardNamedAmbiguouslyOrNotAtAllIsRefusedAndNothingWritten() throws {
        let hone = try scratch()
        let ambiguous = try hone.run(["suspend", "ask", "give"])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("more than one card has the id give: net/give, talk/give"))
        let typo = try hone.run(["suspend", "net/aks"])
        #expect(typo.status == 2 && typo.stderr.contains("no card net/aks; did you mean net/ask?"))
        #expect(try hone.run(["log", "export"]).stdout.split(separator: "\n").count == 1, "nothing written")
        let nothing = try hone.run(["undo"])
        #expect(nothing.status == 0 && nothing.stdout == "nothing to undo: the log has no event standing\n")
    }

    /// `hone card` shows a card's text, where it is written, its state and its whole history.
    @Test func oneCardsTextPlaceStateAndHistory() throws {
        let hone = try scratch()
        let utc = ["TZ": "UTC"]
        #expect(try hone.run(["practice", "net"] + Self.now, environment: utc, stdin: "\ngood\n:quit\n").status == 0)
        #expect(try hone.run(["suspend", "net/ask", "--now", "2026-03-03T09:05:00Z"]).status == 0)
        let text = try hone.run(["card", "ask"], environment: utc)
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("· basic · decks/net.toml:1") == true, "\(text.stdout)")
        #expect(lines.contains("  Q: Q1") && lines.contains("  A: A1"))
        #expect(lines.contains { $0.hasPrefix("State: learning · due ") && $0.hasSuffix("· suspended") })
        #expect(lines.contains("History: 2 events"))
        #expect(lines.contains { $0.hasPrefix("  2026-03-03T09:00:0") && $0.contains("answer  good  (learn)") })
        #expect(lines.contains { $0.hasPrefix("  2026-03-03T09:05:00Z  suspend  -> learning") })
        let json = try hone.run(["card", "net/ask", "--json"], environment: utc)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["line"] as? Int == 1 && object?["front"] as? String == "Q1")
        let history = object?["history"] as? [[String: Any]]
        #expect(history?.map { $0["event"] as? String } == ["answer", "suspend"])
        #expect((history?.last?["after"] as? [String: Any])?["suspended"] as? Bool == true)
    }

    /// What the learner types during a practice drill is saved with the answer, shown by
    /// `hone card`, and carried by `log export` and `log import`, lines and commas included.
    @Test func drillNotesAreKeptShownAndExported() throws {
        let hone = try HoneProcess()
        try hone.write(
            "decks/drill.toml", "[[card]]\nid = \"reach\"\ntype = \"practice\"\nprompt = \"Message someone.\"\n")
        let session = try hone.run(
            ["practice"] + Self.now, environment: ["TZ": "UTC"],
            stdin: "Wrote to Ana, about her talk\nasked \"what next?\"\n:done\ngood\n:quit\n")
        #expect(session.status == 0, "\(session.stderr)")
        let card = try hone.run(["card", "reach"], environment: ["TZ": "UTC"])
        #expect(card.stdout.contains("    note: Wrote to Ana, about her talk\n          asked \"what next?\"\n"))
        let export = try hone.run(["log", "export"])
        #expect(
            export.stdout.hasPrefix(
                "id,card,reviewed_at,rating,duration_ms,kind,state,interval,ease,due,event,device,target,note,"
                    + "reps,lapses,step,step_seconds,stability,difficulty\n"))
        try hone.write("log.csv", export.stdout)
        #expect(try hone.run(["log", "import", "log.csv", "--data", "copy"]).status == 0)
        let copied = try hone.run(["card", "reach", "--json", "--data", "copy"])
        #expect(
            copied.stdout.contains(#""note":"Wrote to Ana, about her talk\nasked \"what next?\"""#), "\(copied.stdout)")
    }

    /// `--tag` narrows a session and the stats to the cards tagged so.
    @Test func practiceAndStatsTakeATag() throws {
        let hone = try HoneProcess()
        try hone.write(
            "decks/net.toml",
            "[[card]]\nid = \"a\"\nq = \"Untagged?\"\na = \"A\"\n"
                + "[[card]]\nid = \"b\"\nq = \"Tagged?\"\na = \"B\"\ntags = [\"Follow-up\"]\n")
        let utc = ["TZ": "UTC"]
        let session = try hone.run(
            ["practice", "--tag", "follow-up"] + Self.now, environment: utc, stdin: "\ngood\n:quit\n")
        #expect(session.stdout.contains("Tagged?") && !session.stdout.contains("Untagged?"), "\(session.stdout)")
        #expect(session.stdout.contains("· 0 reviews, 0 learning, 1 new"))
        let stats = try hone.run(["stats", "--json", "--tag", "Follow-up"] + Self.now, environment: utc)
        #expect(
            stats.stdout.contains("\"filters\":[\"tag:Follow-up\"]") && stats.stdout.contains("\"total_answers\":1"))
        let none = try hone.run(["practice", "--tag", "nope"] + Self.now)
        #expect(none.status == 2 && none.stderr.contains("no card is tagged nope"))
    }

    /// A query names cards too: without a terminal to ask at, only with `--yes`.
    @Test func aQueryNamesCardsAndIsConfirmed() throws {
        let hone = try HoneProcess()
        try hone.write(
            "decks/net.toml",
            "[[card]]\nid = \"a\"\nq = \"Q1\"\na = \"A1\"\ntags = [\"later\"]\n"
                + "[[card]]\nid = \"b\"\nq = \"Q2\"\na = \"A2\"\ntags = [\"later\"]\n"
                + "[[card]]\nid = \"c\"\nq = \"Q3\"\na = \"A3\"\n")
        let unasked = try hone.run(["suspend", "tag:later"] + Self.now)
        #expect(unasked.status == 2, "\(unasked.stderr)")
        #expect(unasked.stderr.contains("the query finds 2 cards (net/a, net/b); add --yes"))
        #expect(try hone.run(["log", "export"]).stdout.split(separator: "\n").count == 1, "nothing written")
        let done = try hone.run(["suspend", "tag:later", "--yes"] + Self.now)
        #expect(done.stdout == "suspended net/a (new, suspended)\nsuspended net/b (new, suspended)\n", "\(done.stderr)")
        #expect(try hone.run(["unsuspend", "state:suspended", "deck:net", "-y"] + Self.now).status == 0)
        let none = try hone.run(["bury", "tag:nothing", "--yes"] + Self.now)
        #expect(none.status == 2 && none.stderr.contains("no card tag:nothing"))
    }
}
