import Foundation
import Testing

@Suite("hone practice, end to end", .serialized)
struct PracticeCommandTests {
    static let deck = """
        [deck]
        name = "Networking"
        skill = "Networking"

        [[card]]
        id = "one"
        q = "What do acquaintances need from you?"
        a = "A clear picture of what you seek"

        [[card]]
        id = "two"
        type = "typed"
        q = "Your network works like a set of what?"
        a = "sensors"

        [[card]]
        id = "three"
        q = "Third?"
        a = "3"
        """

    @Test func aScriptDrivesASessionThroughAPipeAndEveryAnswerIsSaved() throws {
        let hone = try HoneProcess()
        try hone.write("decks/net.toml", Self.deck)
        let result = try hone.run(["--now", "2026-03-03T09:00:00Z"], stdin: "\ngood\nsensors\n\n:quit\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("hone · Tuesday 3 March · 0 reviews, 0 learning, 3 new"))
        #expect(result.stdout.contains("[3 new · 0 learning · 0 review] Networking · Networking · basic"))
        // What is left, as Anki's three numbers: the card answered is learning now, and comes back.
        #expect(result.stdout.contains("[2 new · 1 learning · 0 review] Networking · Networking · typed"))
        #expect(result.stdout.contains("  ✓ sensors"))
        #expect(result.stdout.contains("Done for now: 2 cards"))
        #expect(result.stdout.contains("Streak: 1 day."))
        #expect(!result.stdout.contains("\u{1B}["), "plain text without a terminal")
        #expect(!result.stdout.contains("> "), "no prompt echo without a terminal")
        let export = try hone.run(["log", "export"])
        let rows = export.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 2)
        #expect(rows.first?.contains("net/one,2026-03-03T09:00:0") == true)
    }

    @Test func aSessionKilledMidwayLosesNoAnswerAlreadyGiven() throws {
        let hone = try HoneProcess()
        try hone.write("decks/net.toml", Self.deck)
        let process = Process()
        process.executableURL = HoneProcess.binary
        process.arguments = ["practice", "--now", "2026-03-03T09:00:00Z"]
        process.currentDirectoryURL = hone.home
        process.environment = ["HOME": hone.home.path, "TZ": "UTC"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = ""
        /// Reads the session's output until `marker` appears: the next card is on screen, so
        /// the answer before it is committed.
        func waitFor(_ marker: String) {
            while !seen.contains(marker) {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                seen += String(decoding: data, as: UTF8.self)
            }
        }
        waitFor("[3 new")
        input.fileHandleForWriting.write(Data("\ngood\n".utf8))
        waitFor("[2 new")
        input.fileHandleForWriting.write(Data("sensors\n\n".utf8))
        waitFor("[1 new")
        #expect(seen.contains("[1 new"), "the session went on: \(seen)")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let export = try hone.run(["log", "export"])
        #expect(
            export.stdout.split(separator: "\n").count == 3,
            "both answers given are saved: \(export.stdout)\(export.stderr)")
        let doctor = try hone.run(["doctor"])
        #expect(doctor.status == 0 && doctor.stdout.contains("integrity check: ok"), "\(doctor.stdout)")
    }

    @Test func aSecondSessionAtTheSameGivenTimeStillSavesItsAnswers() throws {
        let hone = try HoneProcess()
        try hone.write("decks/net.toml", "[[card]]\nid = \"a\"\nq = \"Q\"\na = \"A\"\n")
        let first = try hone.run(["--now", "2026-03-03T09:00:00+01:00"], stdin: "\nagain\n:quit\n")
        #expect(first.status == 0)
        let second = try hone.run(["--now", "2026-03-03T09:00:00+01:00"], stdin: "\ngood\n:quit\n")
        #expect(second.status == 0, "\(second.stderr)")
        let export = try hone.run(["log", "export"])
        #expect(export.stdout.split(separator: "\n").count == 3, "\(export.stdout)")
    }

    @Test func aFilterThatMatchesNothingNamesIt() throws {
        let hone = try HoneProcess()
        try hone.write("decks/net.toml", Self.deck)
        let result = try hone.run(["practice", "cooking"])
        #expect(
            result.status == 2 && result.stderr.contains("no deck or skill named cooking"), "a command-line mistake")
    }

    /// The closing line counts from the states the session started with and what it changed
    /// since (answers, an undo, a suspension): it must say what a fresh `hone status` says.
    @Test func theClosingCountsAgreeWithAFreshStatus() throws {
        let hone = try HoneProcess()
        var deck = Self.deck
        for index in 4...12 {
            deck += "\n\n[[card]]\nid = \"extra\(index)\"\nq = \"Extra \(index)?\"\na = \"\(index)\""
        }
        try hone.write("decks/net.toml", deck)
        // Yesterday: every card learned, so some are due today and some not.
        var yesterday = "\n"
        for _ in 0..<12 { yesterday += "\neasy\n" }
        _ = try hone.run(
            ["--now", "2026-03-02T09:00:00Z", "--new", "12"],
            stdin: yesterday.replacingOccurrences(of: "\n\neasy", with: "\neasy"))
        // Today: one answer, one undone, one card suspended, one answered again.
        let session = try hone.run(
            ["--now", "2026-03-06T09:00:00Z", "--new", "12"], stdin: "\nagain\n\ngood\n:undo\n:suspend\n\nhard\n:quit\n"
        )
        #expect(session.status == 0, "\(session.stderr)")
        let closing = try #require(session.stdout.split(separator: "\n").last { $0.contains("Still due today") })
        let status = try hone.run(["status", "--json", "--now", "2026-03-06T09:00:02Z"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let dueToday = (object["due_now"] as? Int ?? -1) + (object["later_today"] as? Int ?? -1)
        let tomorrow = object["tomorrow"] as? Int ?? -1
        #expect(
            closing.hasSuffix("Still due today: \(dueToday). Tomorrow: \(tomorrow)."), "\(closing) vs \(status.stdout)")
        #expect(dueToday > 0)
    }

    /// Reviews answered in an earlier session today count against the day's limit at this
    /// session's end too: the closing line must agree with a fresh `hone status`.
    @Test func theClosingCountsKeepEarlierSessionsOfTheDayInTheLimits() throws {
        let hone = try HoneProcess()
        try hone.write(".config/hone/config.toml", "[scheduler]\nfuzz = false\n\n[daily]\nreviews_per_day = 4\n")
        var deck = Self.deck
        for index in 4...12 {
            deck += "\n\n[[card]]\nid = \"extra\(index)\"\nq = \"Extra \(index)?\"\na = \"\(index)\""
        }
        try hone.write("decks/net.toml", deck)
        _ = try hone.run(
            ["--now", "2026-03-02T09:00:00Z", "--new", "12"], stdin: String(repeating: "\neasy\n", count: 12))
        // Four days on: every card is due; the limit lets four through. Two in the morning...
        let morning = try hone.run(["--now", "2026-03-06T08:00:00Z"], stdin: "\ngood\n\ngood\n:quit\n")
        #expect(morning.stdout.contains("Done for now: 2 cards"), "\(morning.stdout)")
        // ...one more later: the closing line must know of the morning's two.
        let later = try hone.run(["--now", "2026-03-06T09:00:00Z"], stdin: "\ngood\n:quit\n")
        let closing = try #require(later.stdout.split(separator: "\n").last { $0.contains("Still due today") })
        let status = try hone.run(["status", "--json", "--now", "2026-03-06T09:00:02Z"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let dueToday = (object["due_now"] as? Int ?? -1) + (object["later_today"] as? Int ?? -1)
        #expect(object["reviews"] as? Int == 1, "four a day, three done: \(status.stdout)")
        #expect(
            closing.hasSuffix("Still due today: \(dueToday). Tomorrow: \(object["tomorrow"] as? Int ?? -1)."),
            "\(closing)")
    }

    /// `--limit N` takes N cards of today's queue; a card in learning may come back in the
    /// same session (its next step is minutes away), but no other card is shown.
    @Test func limitStopsTheSessionAfterThatManyCards() throws {
        let hone = try HoneProcess()
        var deck = "[deck]\nname = \"Limits\"\n"
        for index in 1...4 { deck += "\n[[card]]\nid = \"c\(index)\"\nq = \"Question \(index)?\"\na = \"\(index)\"\n" }
        try hone.write("decks/limits.toml", deck)
        let result = try hone.run(
            ["--now", "2026-03-03T09:00:00Z", "--limit", "2"], stdin: String(repeating: "\ngood\n", count: 4))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[2 new · 0 learning · 0 review]"))
        #expect(result.stdout.contains("Question 2?"))
        #expect(!result.stdout.contains("Question 3?"), "\(result.stdout)")
    }
}
