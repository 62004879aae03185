import Foundation
import Testing

@Suite("hone check, end to end")
struct CheckCommandTests {
    let good = """
        [deck]
        name = "Good"

        [[card]]
        id = "one"
        q = "Question?"
        a = "Answer"
        """

    @Test func reportsFileLineColumnWithTheSourceAndACaret() throws {
        let hone = try HoneProcess()
        try hone.write("decks/good.toml", good)
        try hone.write("decks/sub/broken.toml", "[[card]]\nid = \"x\"\nq \"missing equals\"\n")
        let result = try hone.run(["check"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("decks/sub/broken.toml:3:3: error: expected '=' after the key \"q\""))
        #expect(result.stdout.contains(" 3 | q \"missing equals\"\n   |   ^"))
        #expect(result.stdout.contains("checked 2 files (1 card ready to practise): 1 error"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour without a terminal")
    }

    @Test func aBrokenDeckDoesNotBlockTheOthersInJSON() throws {
        let hone = try HoneProcess()
        try hone.write("decks/a.toml", good)
        try hone.write("decks/b.toml", "[[card]]\nq = \"unterminated\n")
        let result = try hone.run(["check", "--json", "decks"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["decks/a.toml", "decks/b.toml"])
        let document = try #require(files[0]["document"] as? [String: Any])
        #expect((document["card"] as? [[String: Any]])?.first?["q"] as? String == "Question?")
        #expect(files[1]["document"] is NSNull)
        let diagnostic = try #require((files[1]["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["line"] as? Int == 2 && diagnostic["column"] as? Int == 5)
        #expect(diagnostic["severity"] as? String == "error")
    }

    @Test func findsTheDeckFolderFromTheEnvironment() throws {
        let hone = try HoneProcess()
        try hone.write("elsewhere/x.toml", good)
        let result = try hone.run(
            ["check"], environment: ["HONE_DECKS": hone.home.appendingPathComponent("elsewhere").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("checked 1 file (1 card ready to practise): no problems"))
        let missing = try hone.run(["check", "--decks", "nowhere"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("nowhere:1:1: error: no such file or folder"))
    }

    @Test func fixIDsRewritesOnlyTheNewLinesOfACRLFFile() throws {
        let hone = try HoneProcess()
        let original = "# Networking\r\n[[card]]\r\nq = \"Why keep in touch?\"\r\na = \"Trust\"\r\n"
        try hone.write("decks/n.toml", original)
        let result = try hone.run(["check", "--fix-ids"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("decks/n.toml: added 1 id: why-keep-in-touch"))
        let expected =
            "# Networking\r\n[[card]]\r\nid = \"why-keep-in-touch\"\r\nq = \"Why keep in touch?\"\r\na = \"Trust\"\r\n"
        #expect(try hone.read("decks/n.toml") == Array(expected.utf8))
        #expect(!result.stdout.contains("warning"), "the no-id warning is gone once the id is written")
    }

    @Test func fixIDsWritesThroughALinkedDeckAndShowsPathsSafely() throws {
        let hone = try HoneProcess()
        try hone.write("real/linked.toml", "[[card]]\nq = \"Q2\"\na = \"A2\"\n")
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("decks"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: hone.home.appendingPathComponent("decks/linked.toml").path,
            withDestinationPath: "../real/linked.toml")
        try hone.write("decks/x\u{1B}[31mRED.toml", "[[card]]\nq = \"Q\"\na = \"A\"\n")
        let result = try hone.run(["check", "--fix-ids", "decks"])
        // The escape in the file's name would be in its deck id: that is an error, shown escaped.
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("the deck's id comes from the file's path, \"x\\u{1B}[31mRED\""))
        #expect(
            String(decoding: try hone.read("real/linked.toml"), as: UTF8.self)
                == "[[card]]\nid = \"q2\"\nq = \"Q2\"\na = \"A2\"\n")
        let link = try FileManager.default.destinationOfSymbolicLink(
            atPath: hone.home.appendingPathComponent("decks/linked.toml").path)
        #expect(link == "../real/linked.toml", "the link stays a link")
        #expect(!result.stdoutBytes.contains(0x1B), "a file name cannot write escape sequences")
    }

    @Test func controlCharactersFromADeckNeverReachTheTerminalRaw() throws {
        let hone = try HoneProcess()
        let bytes = Array("\"\\u001B]0;pwned\\u0007\" = 1\n# bell \u{07} here\n".utf8)
        try hone.write("decks/evil.toml", bytes: bytes)
        let result = try hone.run(["check"])
        #expect(result.status == 1)
        let controls = result.stdoutBytes.filter { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }
        #expect(controls.isEmpty, "raw control bytes in the output: \(controls)")
        #expect(result.stdout.contains("␇"))
    }

    @Test func aBadCommandLineNamesTheArgument() throws {
        let hone = try HoneProcess()
        let unknown = try hone.run(["check", "--jsno"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--jsno"))
        let badTime = try hone.run(["check", "--now", "next tuesday"])
        #expect(badTime.status == 2)
        #expect(badTime.stderr.contains("--now"))
    }

    @Test func helpTeachesAndVersionAnswers() throws {
        let hone = try HoneProcess()
        let help = try hone.run(["check", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--fix-ids"))
        #expect(help.stdout.contains("path:line:column"))
        let version = try hone.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("0."))
    }
}
