import Foundation
import Testing

/// The event log is the whole truth: what a session did (answers, a suspension, a bury, an
/// undo) survives `log export` and `log import` into an empty data folder.
@Suite("the event log, end to end")
struct EventLogEndToEndTests {
    @Test func aSuspendedCardStaysSuspendedThroughExportAndImport() throws {
        let hone = try HoneProcess()
        var deck = ""
        for id in ["a", "b", "c", "d"] { deck += "[[card]]\nid = \"\(id)\"\nq = \"\(id)?\"\na = \"\(id)!\"\n\n" }
        try hone.write("decks/d.toml", deck)
        let now = ["--now", "2026-03-03T09:00:00Z"]
        // a: answered; b: suspended; c: buried; d: answered, then the answer undone.
        let session = try hone.run(
            ["practice"] + now, environment: ["TZ": "UTC"], stdin: "\ngood\n:suspend\n:bury\n\neasy\n:undo\n:quit\n")
        #expect(session.status == 0, "\(session.stderr)")
        let cards = ["cards", "--json", "--now", "2026-03-03T09:05:00Z"]
        let before = try hone.run(cards, environment: ["TZ": "UTC"])
        #expect(
            before.stdout.contains(#""card":"d/b","deck":"d","type":"basic","state":"new","suspended":true"#),
            "\(before.stdout)")
        let export = try hone.run(["log", "export", "--out", "log.csv"], environment: ["TZ": "UTC"])
        #expect(export.status == 0)
        let csv = String(decoding: try hone.read("log.csv"), as: UTF8.self)
        let events = csv.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)[10]
        }
        #expect(events == ["answer", "suspend", "bury", "answer", "undo"], "\(csv)")
        let imported = try hone.run(["log", "import", "log.csv", "--data", "empty"], environment: ["TZ": "UTC"])
        #expect(imported.status == 0 && imported.stdout.contains("imported 5 events for 4 cards"), "\(imported.stdout)")
        let after = try hone.run(cards + ["--data", "empty"], environment: ["TZ": "UTC"])
        #expect(after.status == 0 && after.stdout == before.stdout)
        // The buried card is back the next day; the suspended one is not.
        let tomorrow = try hone.run(
            ["status", "--json", "--now", "2026-03-04T09:00:00Z", "--data", "empty"], environment: ["TZ": "UTC"])
        let today = try hone.run(
            ["status", "--json", "--now", "2026-03-03T09:01:00Z", "--data", "empty"], environment: ["TZ": "UTC"])
        #expect(today.stdout.contains(#""new":1"#), "only d, whose answer was undone: \(today.stdout)")
        #expect(tomorrow.stdout.contains(#""new":2"#), "c and d: \(tomorrow.stdout)")
    }
}
