import Foundation
import Testing

@Suite("hone add, end to end")
struct AddCommandTests {
    /// A home with a deck made by `hone new`, and the deck's bytes before anything was added.
    func home() throws -> (HoneProcess, [UInt8]) {
        let hone = try HoneProcess()
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("decks"), withIntermediateDirectories: true)
        let made = try hone.run(["new", "spanish"])
        #expect(made.status == 0, "\(made.stderr)")
        return (hone, try hone.read("decks/spanish.toml"))
    }

    /// The card `key` as `hone card --json` shows it.
    func card(_ hone: HoneProcess, _ key: String) throws -> [String: Any] {
        let shown = try hone.run(["card", key, "--json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
    }

    @Test func addsABasicCardKeepingEveryOtherByte() throws {
        let (hone, before) = try home()
        let added = try hone.run(["add", "spanish", "-q", "the house", "-a", "la casa", "--tag", "nouns"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("added spanish/the-house to decks/spanish.toml"), "\(added.stdout)")
        let after = try hone.read("decks/spanish.toml")
        #expect(Array(after.prefix(before.count)) == before, "the file before is kept byte for byte")
        #expect(String(decoding: after.dropFirst(before.count), as: UTF8.self).contains("tags = [\"nouns\"]"))
        let check = try hone.run(["check"])
        #expect(check.stdout.contains("no problems"), "\(check.stdout)")
        #expect(try card(hone, "spanish/the-house")["back"] as? String == "la casa")
    }

    @Test(arguments: [
        (["--type", "typed", "-q", "to eat", "-a", "comer", "--accept", "comer!"], "spanish/to-eat"),
        (["--type", "cloze", "--text", "{{c1::Hablo}} un poco."], "spanish/hablo-un-poco#c1"),
        (["--type", "choice", "-q", "Two?", "--choice", "dos", "--choice", "tres", "-a", "dos"], "spanish/two"),
        (["--type", "practice", "--prompt", "Order a coffee", "--rubric", "polite"], "spanish/order-a-coffee"),
    ])
    func addsEachType(_ options: [String], _ key: String) throws {
        let (hone, before) = try home()
        let added = try hone.run(["add", "spanish"] + options)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(Array(try hone.read("decks/spanish.toml").prefix(before.count)) == before)
        #expect(try hone.run(["check"]).stdout.contains("no problems"))
        _ = try card(hone, key)
    }

    @Test func escapesQuotesBackslashesAndNewlines() throws {
        let (hone, _) = try home()
        let question = "Say \"hi\" \\ then\na new line\tand\u{1B}[31m"
        let added = try hone.run(["add", "spanish", "--id", "tricky", "-q", question, "-a", "ok"])
        #expect(added.status == 0, "\(added.stderr)")
        let text = String(decoding: try hone.read("decks/spanish.toml"), as: UTF8.self)
        #expect(!text.contains("\u{1B}"), "a control character is written as an escape")
        #expect(try card(hone, "spanish/tricky")["front"] as? String == question)
    }

    @Test func refusesADuplicateIDWritingNothing() throws {
        let (hone, before) = try home()
        let added = try hone.run(["add", "spanish", "--id", "check-command", "-q", "x", "-a", "y"])
        #expect(added.status == 1)
        #expect(added.stderr.contains("duplicate id"), "\(added.stderr)")
        #expect(try hone.read("decks/spanish.toml") == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: hone.home.appendingPathComponent("decks").path)
                == ["spanish.toml"], "no temporary file is left behind")
    }

    @Test func aMissingDeckSuggestsHoneNew() throws {
        let (hone, _) = try home()
        let added = try hone.run(["add", "french", "-q", "x", "-a", "y"])
        #expect(added.status == 1)
        #expect(added.stderr.contains("hone new french"), "\(added.stderr)")
        #expect(!FileManager.default.fileExists(atPath: hone.home.appendingPathComponent("decks/french.toml").path))
    }

    /// An editor that appends `lines` to the file it is given.
    func editor(_ hone: HoneProcess, writing lines: String) throws -> String {
        let script = hone.home.appendingPathComponent("editor.sh")
        try "#!/bin/sh\nprintf '%s\\n' '\(lines)' >> \"$1\"\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script.path
    }

    @Test func addsTheCardWrittenInTheEditor() throws {
        let (hone, before) = try home()
        let script = try editor(hone, writing: "q = \"From the editor?\"\na = \"yes\"")
        let added = try hone.run(["add", "spanish", "--tag", "ed"], environment: ["EDITOR": script])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("spanish/from-the-editor"), "\(added.stdout)")
        #expect(Array(try hone.read("decks/spanish.toml").prefix(before.count)) == before)
        #expect(try hone.run(["check"]).stdout.contains("no problems"))
        #expect(try card(hone, "spanish/from-the-editor")["back"] as? String == "yes")
    }

    /// A card written in the editor that the check refuses is not lost: its file is kept and
    /// named, and the deck is left as it was.
    @Test func aRefusedCardFromTheEditorIsKept() throws {
        let (hone, before) = try home()
        let script = try editor(hone, writing: "q = \"No answer here\"")
        let added = try hone.run(["add", "spanish"], environment: ["EDITOR": script])
        #expect(added.status == 1)
        #expect(try hone.read("decks/spanish.toml") == before)
        let kept = try #require(added.stderr.firstMatch(of: /your card is kept in (\S+)/), "\(added.stderr)")
        let text = try String(contentsOfFile: String(kept.output.1), encoding: .utf8)
        #expect(text.contains("No answer here"))
        try? FileManager.default.removeItem(atPath: String(kept.output.1))
    }

    @Test func anEditorLeavingOnlyCommentsAddsNothing() throws {
        let (hone, before) = try home()
        let script = try editor(hone, writing: "# q = \"only a comment\"")
        let added = try hone.run(["add", "spanish"], environment: ["EDITOR": script])
        #expect(added.status == 1)
        #expect(added.stderr.contains("nothing added"), "\(added.stderr)")
        #expect(try hone.read("decks/spanish.toml") == before)
    }
}
