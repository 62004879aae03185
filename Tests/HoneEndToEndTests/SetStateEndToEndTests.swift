import Foundation
import Testing

/// `set-state` rows brought in by `hone log import` put cards where the rows say, the answers
/// after them schedule from there, and the log survives `log export` and `log import` into an
/// empty data folder with every card as it was.
@Suite("set-state, end to end")
struct SetStateEndToEndTests {
    static let header =
        "id,card,reviewed_at,rating,duration_ms,kind,state,interval,ease,due,event,device,target,note,"
        + "reps,lapses,step,step_seconds,stability,difficulty"

    /// a: set to review (10 days at 2.5, due today), answered Good: 25 days. b: set on the last
    /// learning step, answered Good: it graduates (from step 0 it would only step). c: set to
    /// relearning, then suspended. d: set to review, then buried. e: answered, set, the set undone.
    static let log =
        [
            header,
            "sa,d/a,2026-03-03T08:00:00Z,,,,review,10,2.5,2026-03-03,set-state,anki,,,5,1,,,12.5,5.25",
            "aa,d/a,2026-03-03T10:00:00Z,good,4000,,,,,,answer,,,,,,,,,",
            "sb,d/b,2026-03-03T08:00:00Z,,,,learning,0,0,2026-03-03T09:10:00Z,set-state,anki,,,2,0,1,600,,",
            "ab,d/b,2026-03-03T09:10:00Z,good,3000,,,,,,answer,,,,,,,,,",
            "sc,d/c,2026-03-03T08:00:00Z,,,,relearning,3,1.3,2026-03-03T08:10:00+01:00,set-state,anki,,,30,9,0,600,,",
            "uc,d/c,2026-03-03T08:01:00Z,,,,,,,,suspend,,,,,,,,,",
            "sd,d/d,2026-03-03T08:00:00Z,,,,review,40,2.65,2026-04-01,set-state,anki,,,12,0,,,,",
            "bd,d/d,2026-03-03T09:30:00Z,,,,,,,,bury,,,,,,,,,",
            "ae,d/e,2026-03-03T08:00:00Z,good,1000,,,,,,answer,,,,,,,,,",
            "se,d/e,2026-03-03T08:01:00Z,,,,review,9,2.5,2026-03-12,set-state,,,,3,0,,,,",
            "xe,d/e,2026-03-03T08:02:00Z,,,,,,,,undo,,se,,,,,,,",
        ].joined(separator: "\n") + "\n"

    @Test func setStatesImportScheduleAndSurviveExportAndImport() throws {
        let hone = try HoneProcess()
        var deck = ""
        for id in ["a", "b", "c", "d", "e"] { deck += "[[card]]\nid = \"\(id)\"\nq = \"\(id)?\"\na = \"\(id)!\"\n\n" }
        try hone.write("decks/d.toml", deck)
        try hone.write(".config/hone/config.toml", "[scheduler]\nfuzz = false\n")
        try hone.write("set.csv", Self.log)
        let utc = ["TZ": "UTC"]
        let imported = try hone.run(["log", "import", "set.csv"], environment: utc)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 11 events for 5 cards"), "\(imported.stdout)")

        let cards = ["cards", "--json", "--now", "2026-03-03T12:00:00Z"]
        let before = try hone.run(cards, environment: utc)
        #expect(before.status == 0, "\(before.stderr)")
        func card(_ id: String) -> String {
            before.stdout.components(separatedBy: "{\"card\":").first { $0.hasPrefix("\"d/\(id)\"") } ?? ""
        }
        #expect(
            card("a").contains(
                #""state":"review","suspended":false,"buried":false,"leech":false,"due":"2026-03-28T04:00:00Z","#
                    + #""interval":25,"ease":2.5,"reps":6,"lapses":1,"#
                    + #""stability":null,"difficulty":null,"retrievability":null}"#
            ), "\(card("a"))")
        #expect(
            card("b").contains(#""state":"review","suspended":false,"buried":false"#)
                && card("b").contains(
                    #""interval":1,"ease":2.5,"reps":3,"lapses":0,"#
                        + #""stability":null,"difficulty":null,"retrievability":null}"#
                ), "\(card("b"))")
        #expect(
            card("c").contains(
                #""state":"relearning","suspended":true,"buried":false,"leech":false,"due":"2026-03-03T07:10:00Z","#
                    + #""interval":3,"ease":1.3,"reps":30,"lapses":9,"#
                    + #""stability":null,"difficulty":null,"retrievability":null}"#
            ), "\(card("c"))")
        #expect(
            card("d").contains(
                #""state":"review","suspended":false,"buried":true,"leech":false,"due":"2026-04-01T04:00:00Z","#
                    + #""interval":40,"ease":2.65,"reps":12,"lapses":0,"#
                    + #""stability":null,"difficulty":null,"retrievability":null}"#
            ), "\(card("d"))")
        #expect(card("e").contains(#""state":"learning","#) && card("e").contains(#""reps":1,"#), "\(card("e"))")
        let tomorrow = try hone.run(["cards", "--json", "--now", "2026-03-04T12:00:00Z"], environment: utc)
        #expect(
            tomorrow.stdout.contains(
                #""card":"d/d","deck":"d","type":"basic","state":"review","suspended":false,"buried":false"#))

        // The card's history names the state set.
        let history = try hone.run(["card", "d/a", "--now", "2026-03-03T12:00:00Z"], environment: utc)
        #expect(
            history.stdout.contains(
                "2026-03-03T08:00:00Z  set-state  to review, due 2026-03-03, interval 10d, ease 2.5, 5 reps, 1 lapse, "
                    + "stability 12.5, difficulty 5.25  -> review"), "\(history.stdout)")

        let export = try hone.run(["log", "export", "--out", "log.csv"], environment: utc)
        #expect(export.status == 0, "\(export.stderr)")
        let csv = String(decoding: try hone.read("log.csv"), as: UTF8.self)
        let rows = csv.split(separator: "\n")
        #expect(rows.first.map(String.init) == Self.header)
        #expect(
            rows.contains {
                $0.hasPrefix("sa,d/a,2026-03-03T08:00:00Z,,,,review,10,2.5,2026-03-03,set-state,anki,,,5,1,,,12.5,5.25")
            },
            "\(csv)")
        #expect(
            rows.contains {
                $0.hasPrefix(
                    "aa,d/a,2026-03-03T10:00:00Z,good,4000,review,review,25,2.5,2026-03-28T04:00:00Z,answer,,,,6,1,,,,")
            },
            "\(csv)")
        #expect(
            rows.contains {
                $0.hasPrefix(
                    "sb,d/b,2026-03-03T08:00:00Z,,,,learning,0,0,2026-03-03T09:10:00Z,set-state,anki,,,2,0,1,600,,")
            },
            "\(csv)")
        // Taken back, the set-state's row still carries the state it set, so it imports as it was.
        #expect(
            rows.contains { $0.hasPrefix("se,d/e,2026-03-03T08:01:00Z,,,,review,9,2.5,2026-03-12,set-state,") },
            "\(csv)")

        let again = try hone.run(["log", "import", "log.csv", "--data", "empty"], environment: utc)
        #expect(again.status == 0 && again.stdout.contains("imported 11 events for 5 cards"), "\(again.stdout)")
        let after = try hone.run(cards + ["--data", "empty"], environment: utc)
        #expect(after.status == 0 && after.stdout == before.stdout, "\(after.stdout)\n\(before.stdout)")
        let reexport = try hone.run(["log", "export", "--data", "empty"], environment: utc)
        #expect(reexport.stdout == csv, "the same log, row for row")
        // Answered in both folders alike, the cards go on alike: b, graduated, is due tomorrow.
        for folder in [[], ["--data", "empty"]] {
            let answered = try hone.run(
                ["practice", "d", "--now", "2026-03-04T12:00:00Z"] + folder, environment: utc, stdin: "\ngood\n:quit\n")
            #expect(answered.status == 0, "\(answered.stderr)")
        }
        let one = try hone.run(["cards", "--json", "--now", "2026-03-04T12:05:00Z"], environment: utc)
        let other = try hone.run(
            ["cards", "--json", "--now", "2026-03-04T12:05:00Z", "--data", "empty"], environment: utc)
        #expect(one.stdout == other.stdout && one.stdout != tomorrow.stdout)
    }

    /// A bad set-state row is named by line and column, and nothing of the file is imported.
    @Test func aBadSetStateRowImportsNothing() throws {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", "[[card]]\nid = \"a\"\nq = \"a?\"\na = \"a!\"\n")
        let bad = Self.log.replacingOccurrences(of: "review,40,2.65,2026-04-01", with: "review,40,2.65,2026-04-31")
        try hone.write("bad.csv", bad)
        let imported = try hone.run(["log", "import", "bad.csv"], environment: ["TZ": "UTC"])
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("bad.csv:8:47: "), "\(imported.stderr)")
        #expect(imported.stderr.contains("\"due\" of a set-state must be the day it is due"), "\(imported.stderr)")
        let log = try hone.run(["log", "export"], environment: ["TZ": "UTC"])
        #expect(log.stdout == Self.header + "\n")
    }

    /// A card another tool had in review, set so yesterday and answered today, is a review
    /// today, not a new card: it leaves today's new-card limit (1 here) for a new card, and the
    /// stats count no new card today.
    @Test func aCardSetToReviewIsNotNewWhenAnswered() throws {
        let hone = try HoneProcess()
        try hone.write(
            "decks/d.toml",
            "[[card]]\nid = \"a\"\nq = \"a?\"\na = \"a!\"\n\n[[card]]\nid = \"b\"\nq = \"b?\"\na = \"b!\"\n")
        try hone.write(".config/hone/config.toml", "[daily]\nnew_per_day = 1\n")
        try hone.write(
            "set.csv",
            "id,card,reviewed_at,rating,event,state,interval,ease,due,reps,lapses\n"
                + "s,d/a,2026-03-02T09:00:00Z,,set-state,review,10,2.5,2026-03-03,5,0\n"
                + "a,d/a,2026-03-03T09:00:00Z,good,answer,,,,,,\n")
        let utc = ["TZ": "UTC"]
        let imported = try hone.run(["log", "import", "set.csv"], environment: utc)
        #expect(imported.status == 0, "\(imported.stderr)")
        let status = try hone.run(["status", "--json", "--now", "2026-03-03T10:00:00Z"], environment: utc)
        #expect(status.stdout.contains(#""new":1"#), "b may still be introduced: \(status.stdout)")
        let stats = try hone.run(["stats", "--json", "--now", "2026-03-03T10:00:00Z"], environment: utc)
        #expect(
            stats.stdout.contains(#""today_totals":{"answers":1,"correct":1,"correct_share":1,"new":0,"#),
            "\(stats.stdout.prefix(200))")
    }
}
