import Foundation
import Testing

/// The command line as git users write it: global options before or after the subcommand,
/// typos named with the nearest command, one error format and exit status 2 for a mistake.
@Suite("the command line, end to end")
struct CommandLineTests {
    static let deck = """
        [deck]
        name = "Networking"
        skill = "Soft skills"

        [[card]]
        id = "ask"
        q = "What do acquaintances need from you?"
        a = "A clear picture of what you seek"
        """

    /// A fresh home with the deck, a log to import and (in its own data folder) a history.
    func scratch() throws -> HoneProcess {
        let hone = try HoneProcess()
        try hone.write("elsewhere/net.toml", Self.deck)
        try hone.write("log.csv", "card,reviewed_at,rating\nnet/ask,2026-03-02T09:00:00Z,good\n")
        return hone
    }

    /// Every command, run once with the global options first and once with them last, each in
    /// a fresh home: the same output, the same exit status.
    @Test func globalOptionsWorkBeforeOrAfterTheSubcommand() throws {
        let commands: [(words: [String], stdin: String)] = [
            (["status"], ""), (["status", "--json"], ""), (["practice"], "\ngood\n"), ([], "\ngood\n"),
            (["practice", "networking"], "\ngood\n"), (["stats"], ""), (["stats", "--json"], ""), (["cards"], ""),
            (["cards", "--json"], ""), (["check"], ""), (["doctor"], ""), (["log", "export"], ""),
            (["log", "import", "log.csv"], ""), (["suspend", "net/ask"], ""), (["unsuspend", "ask"], ""),
            (["bury", "ask"], ""), (["forget", "net/ask"], ""), (["undo"], ""),
            (["export", "anki", "out.apkg", "--with-scheduling"], ""),
        ]
        for (words, stdin) in commands {
            var outputs: [HoneProcess.Output] = []
            for globalsFirst in [true, false] {
                let hone = try scratch()
                let globals = [
                    "--decks", hone.home.appendingPathComponent("elsewhere").path, "--data=" + hone.home.path + "/d",
                    "--now", "2026-03-03T09:00:00Z",
                ]
                let arguments = globalsFirst ? globals + words : words + globals
                var output = try hone.run(arguments, environment: ["TZ": "UTC", "NO_COLOR": "1"], stdin: stdin)
                // The homes differ in their path only: outputs are compared with it taken out.
                output.stdout = output.stdout.replacingOccurrences(of: hone.home.path, with: "HOME")
                output.stderr = output.stderr.replacingOccurrences(of: hone.home.path, with: "HOME")
                outputs.append(output)
            }
            let (first, last) = (outputs[0], outputs[1])
            #expect(first.status == 0, "\(words) with the options first: \(first.stderr)")
            #expect(first.status == last.status, "\(words)")
            #expect(first.stdout == last.stdout, "\(words):\n\(first.stdout)\n---\n\(last.stdout)")
            #expect(first.stderr == last.stderr, "\(words)")
        }
    }

    @Test func aMistypedCommandIsNamedAndExitsTwo() throws {
        let hone = try scratch()
        try hone.write("decks/net.toml", Self.deck)
        let typo = try hone.run(["stauts"])
        #expect(typo.status == 2)
        #expect(typo.stderr == "hone: error: no command, deck or skill named stauts; did you mean `hone status`?\n")
        let deckTypo = try hone.run(["practice", "netwrking"])
        #expect(deckTypo.status == 2)
        #expect(deckTypo.stderr.contains("no deck or skill named netwrking; did you mean \"Networking\"?"))
        let help = try hone.run(["help", "nosuch"])
        #expect(help.status == 2)
        #expect(help.stderr.hasPrefix("hone: error: no command named nosuch; the commands are practice, status"))
        let subHelp = try hone.run(["help", "log", "imprt"])
        #expect(subHelp.status == 2 && subHelp.stderr.contains("did you mean `import`?"))
        #expect(try hone.run(["help", "log", "import"]).status == 0)
        let helpAfterGlobals = try hone.run(["--data", "d", "help", "status"])
        #expect(helpAfterGlobals.status == 0 && helpAfterGlobals.stdout.contains("USAGE: hone status"))
        let option = try hone.run(["status", "--bogus"])
        #expect(option.status == 2)
        #expect(option.stderr.hasPrefix("hone: error: Unknown option '--bogus'"), "\(option.stderr)")
        // The argument is quoted back shown, not obeyed.
        let hostile = try hone.run(["status", "--bogus\u{1B}]0;title\u{07}"])
        #expect(hostile.status == 2 && hostile.stderr.contains("--bogus␛]0;title␇"), "\(hostile.stderr)")
        #expect(!hostile.stderr.utf8.contains(0x1B) && !hostile.stderr.utf8.contains(0x07))
    }

    /// `--now` as the README writes it: a space for the `T`, and a date alone meaning that
    /// learning day (from the rollover hour, 04:00): before, it was midnight, which belongs to
    /// the day before, so `status` and a session named different days.
    @Test func nowTakesASpaceOrADateAlone() throws {
        let hone = try scratch()
        try hone.write("decks/net.toml", Self.deck)
        let utc = ["TZ": "UTC"]
        let spaced = try hone.run(["status", "--json", "--now", "2026-03-21 10:00:00"], environment: utc)
        #expect(spaced.status == 0, "\(spaced.stderr)")
        #expect(spaced.stdout.hasPrefix("{\"now\":\"2026-03-21T10:00:00Z\""))
        let day = try hone.run(["status", "--json", "--now", "2026-03-21"], environment: utc)
        #expect(day.stdout.hasPrefix("{\"now\":\"2026-03-21T04:00:00Z\""), "\(day.stdout)")
        let session = try hone.run(["practice", "--now", "2026-03-21"], environment: utc, stdin: "")
        #expect(session.stdout.hasPrefix("hone · Saturday 21 March"), "\(session.stdout)")
        let bad = try hone.run(["status", "--now", "2026-03-21 25:00"])
        #expect(bad.status == 2 && bad.stderr.contains("--now: expected an ISO 8601 time"))
    }

    @Test func oneReviewIsOneReview() throws {
        let hone = try scratch()
        try hone.write("decks/net.toml", Self.deck)
        try hone.write("easy.csv", "card,reviewed_at,rating\nnet/ask,2026-03-02T09:00:00Z,easy\n")
        #expect(try hone.run(["log", "import", "easy.csv"]).status == 0)
        let status = try hone.run(["status", "--now", "2026-03-20T09:00:00Z"], environment: ["TZ": "UTC"])
        #expect(status.stdout.hasPrefix("Due now: 1  (1 review, 0 learning, 0 new)"), "\(status.stdout)")
        let session = try hone.run(["--now", "2026-03-20T09:00:00Z"], environment: ["TZ": "UTC"], stdin: "")
        #expect(session.stdout.hasPrefix("hone · Friday 20 March · 1 review, 0 learning, 0 new"), "\(session.stdout)")
    }
}
