import Foundation
import Testing

@Suite("hone new, end to end")
struct NewCommandTests {
    /// A home whose deck folder is `./decks`, as a user's would be after `mkdir decks`.
    func home() throws -> HoneProcess {
        let hone = try HoneProcess()
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("decks"), withIntermediateDirectories: true)
        return hone
    }

    @Test func writesADeckThatChecksCleanAndPractises() throws {
        let hone = try home()
        let made = try hone.run(["new", "spanish"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("wrote decks/spanish.toml"))
        #expect(made.stdout.contains("hone check decks/spanish.toml"))
        let text = String(decoding: try hone.read("decks/spanish.toml"), as: UTF8.self)
        for type in ["typed", "cloze", "choice", "practice"] { #expect(text.contains("type = \"\(type)\"")) }

        let check = try hone.run(["check", "decks/spanish.toml"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("no problems"), "\(check.stdout)")
        let json = try hone.run(["check", "--json", "decks/spanish.toml"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let file = try #require((report["files"] as? [[String: Any]])?.first)
        #expect((file["diagnostics"] as? [Any])?.isEmpty == true, "\(json.stdout)")

        let session = try hone.run(["practice", "spanish", "--now", "2026-03-03T09:00:00Z"], stdin: "\ngood\n")
        #expect(session.status == 0, "\(session.stderr)")
        #expect(session.stdout.contains("Which command finds the mistakes in a deck file?"), "\(session.stdout)")
    }

    @Test func makesFoldersAndTakesTheNameAndSkill() throws {
        let hone = try home()
        let made = try hone.run(["new", "a/b.toml", "--skill", "Languages", "--name", "B \"deck\""])
        #expect(made.status == 0, "\(made.stderr)")
        let status = try hone.run(["status", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let deck = try #require((report["decks"] as? [[String: Any]])?.first, "\(status.stdout)")
        #expect(deck["deck"] as? String == "a/b")
        #expect(deck["name"] as? String == "B \"deck\"")
        #expect(deck["skill"] as? String == "Languages")
        #expect(deck["cards"] as? Int == 6)
        #expect(try hone.run(["check"]).stdout.contains("no problems"))
    }

    @Test func neverReplacesAFile() throws {
        let hone = try home()
        try hone.write("decks/spanish.toml", "[[card]]\nid = \"mine\"\nq = \"Mine?\"\na = \"Yes\"\n")
        let before = try hone.read("decks/spanish.toml")
        let again = try hone.run(["new", "spanish"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("decks/spanish.toml"), "\(again.stderr)")
        #expect(try hone.read("decks/spanish.toml") == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: hone.home.appendingPathComponent("decks").path)
                == ["spanish.toml"], "no temporary file is left behind")
    }

    @Test(arguments: ["../x", "/tmp/hone-new-absolute", "", "a/../../x", "x\u{1B}[2J"])
    func refusesANameOutsideTheDeckFolder(_ deck: String) throws {
        let hone = try home()
        let result = try hone.run(["new", deck])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}"), "the name is shown, not obeyed")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: hone.home.appendingPathComponent("decks").path)
                .isEmpty)
        #expect(!FileManager.default.fileExists(atPath: hone.home.appendingPathComponent("x.toml").path))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/hone-new-absolute.toml"))
    }
}
