import Foundation
import Testing

/// The README's examples run as written against the bundled decks: every `$ hone ...` line of
/// it, read from the README at test time (so an example changed there is checked), and the
/// scripted session, in a home holding a copy of the bundled decks.
@Suite("the README's examples, end to end")
struct ReadmeExamplesTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A home with the bundled decks in `./decks`, as after the README's first command.
    func home() throws -> HoneProcess {
        let hone = try HoneProcess()
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("decks"), to: hone.home.appendingPathComponent("decks"))
        return hone
    }

    /// The scripted session answers the cards it meets as it says: no card refuses its input.
    @Test func theScriptedSessionRunsAsWritten() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let line = try #require(
            readme.split(separator: "\n").first { $0.hasPrefix("printf ") && $0.contains("| hone") })
        let parts = line.components(separatedBy: " | ")
        let input = try #require(parts.first?.dropFirst("printf '".count).split(separator: "'").first)
            .replacingOccurrences(of: "\\n", with: "\n")
        let arguments = try #require(parts.last?.split(separator: " ").dropFirst().map(String.init))
        let hone = try home()
        let result = try hone.run(arguments, environment: ["TZ": "UTC"], stdin: input)
        #expect(result.status == 0, "\(line): \(result.stderr)")
        #expect(!result.stdout.contains("Answer with a number"), "\(line) answers a choice card with a word")
        #expect(!result.stdout.contains("Rate with"), "\(line) gives a rating where none is read")
        #expect(result.stdout.contains("Done for now: 2 cards"), "\(result.stdout)")
    }

    /// Every `$ hone ...` command of the README exits 0, after a session that gave the cards a
    /// history and a `backup.csv` exported for `hone log import backup.csv`.
    @Test func everyCommandRunsAsWritten() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let commands = readme.split(separator: "\n").filter { $0.hasPrefix("$ hone") }.map {
            $0.dropFirst("$ hone".count).split(separator: " ").map(String.init)
        }
        #expect(commands.count >= 10)
        let hone = try home()
        let utc = ["TZ": "UTC"]
        let session = try hone.run(
            ["--now", "2026-03-03T09:00:00Z"], environment: utc, stdin: String(repeating: "\ngood\n", count: 40))
        #expect(session.status == 0)
        try hone.write("backup.csv", try hone.run(["log", "export"]).stdout)
        for arguments in commands {
            // The bare `$ hone` is a session: given nothing to read, it shows the first card and ends.
            let result = try hone.run(arguments + ["--now", "2026-03-05T09:00:00Z"], environment: utc)
            #expect(result.status == 0, "hone \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }
}
