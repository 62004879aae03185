import Foundation
import Testing

/// Several hones on one data folder at once, as a learner with two terminals, a sync script
/// and a stats cron job would run them: nothing fails, nothing is lost, no id collides, and
/// every cached state is what a replay of the log gives (`hone doctor` is clean).
@Suite("many hones at once, end to end")
struct ConcurrencyTests {
    static let cards = 40

    @Test func fourSessionsTwoImportsAndStatsAtOnceLoseNothing() throws {
        let hone = try HoneProcess()
        var deck = "[deck]\nname = \"Shared\"\nnew_per_day = 100\n"
        for index in 0..<Self.cards {
            deck += "\n[[card]]\nid = \"c\(index)\"\nq = \"question \(index)\"\na = \"answer \(index)\"\n"
        }
        try hone.write("decks/shared.toml", deck)
        var importedAnswers = 0
        // Ten days apart: each round finds reviews due.
        for (round, day) in ["01", "11", "21"].enumerated() {
            // Each import: an answer for 30 cards of another deck, and one for the shared deck.
            for side in ["x", "y"] {
                var csv = "card,reviewed_at,rating\n"
                for index in 0..<30 { csv += "\(side)\(round)/c\(index),2026-03-\(day)T08:00:00Z,good\n" }
                // Not at the same instant: the log keeps one answer per card and instant.
                csv += "shared/c\(round),2026-03-\(day)T07:\(side == "x" ? "00" : "30"):00Z,good\n"
                try hone.write("\(side)\(round).csv", csv)
                importedAnswers += 31
            }
            let now = ["--now", "2026-03-\(day)T09:00:00Z"]
            let answers = String(repeating: "\ngood\n", count: 25)
            let utc = ["TZ": "UTC"]
            var running = try (0..<4).map { _ in try hone.start(["practice"] + now, environment: utc, stdin: answers) }
            running += try ["x", "y"].map { try hone.start(["log", "import", "\($0)\(round).csv"], environment: utc) }
            running.append(try hone.start(["stats", "--json"] + now, environment: utc))
            var answered = 0
            for started in running {
                let finished = try started.finish()
                let arguments = started.process.arguments ?? []
                #expect(finished.status == 0, "round \(round): \(arguments) failed: \(finished.stderr)")
                let out = finished.stdout
                if let range = out.range(of: #"Done for now: (\d+) card"#, options: .regularExpression) {
                    answered += Int(out[range].split(separator: " ")[3]) ?? 0
                }
            }
            #expect(answered > 0, "round \(round): the sessions answered")
            let export = try hone.run(["log", "export"])
            let rows = export.stdout.split(separator: "\n").dropFirst()
            let ids = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false)[0] }
            #expect(Set(ids).count == ids.count, "no id is used twice")
            importedAnswers += answered
            #expect(rows.count == importedAnswers, "round \(round): every answer is in the log")
            let doctor = try hone.run(["doctor"])
            #expect(doctor.status == 0 && doctor.stdout.contains("match a replay"), "round \(round): \(doctor.stdout)")
        }
    }

    /// Two sessions show the same new card; the first answers Good (its first learning step),
    /// then the second, still showing it as new, answers Good too: that answer is scheduled from
    /// the first, so the card graduates, as one session answering twice would leave it.
    @Test func aSecondAnswerIsScheduledFromTheFirst() throws {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", "[[card]]\nid = \"a\"\nq = \"?\"\na = \"!\"\n")
        let second = try hone.start(["practice", "--now", "2026-03-03T09:00:00Z"], environment: ["TZ": "UTC"])
        // The second session has read its queue and shows the card (revealed) before the first answers.
        second.input.write(Data("\n".utf8))
        Thread.sleep(forTimeInterval: 1)
        let first = try hone.run(
            ["practice", "--now", "2026-03-03T09:00:00Z"], environment: ["TZ": "UTC"], stdin: "\ngood\n")
        #expect(first.status == 0 && first.stdout.contains("Done for now: 1 card"), "\(first.stdout)")
        second.input.write(Data("good\n".utf8))
        #expect(try second.finish().status == 0)
        let export = try hone.run(["log", "export"], environment: ["TZ": "UTC"])
        let states = export.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[6] }
        #expect(states == ["learning", "review"], "\(export.stdout)")
    }
}
