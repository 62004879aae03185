import Foundation
import Testing

/// The decks hone ships are the first thing a learner practises: they must stay clean.
@Suite("bundled decks")
struct BundledDecksTests {
    static let decks = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("decks")

    @Test func checkReportsNoErrorsAndNoWarnings() throws {
        let hone = try HoneProcess()
        let result = try hone.run(["check", Self.decks.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasSuffix("no problems\n"), "\(result.stdout)")
        #expect(!result.stdout.contains("warning"))
    }

    @Test func everyCardTypeIsThereAndEveryCardHasAnID() throws {
        let hone = try HoneProcess()
        let result = try hone.run(["check", "--json", Self.decks.path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.contains { ($0["path"] as? String)?.hasSuffix("hone-tutorial.toml") == true })
        var types = Set<String>()
        var cards = 0
        for file in files where !((file["path"] as? String)?.hasSuffix("hone-tutorial.toml") ?? false) {
            let document = try #require(file["document"] as? [String: Any])
            for card in document["card"] as? [[String: Any]] ?? [] {
                cards += 1
                types.insert(card["type"] as? String ?? "basic")
                #expect(card["id"] is String)
            }
        }
        #expect(types == ["basic", "cloze", "typed", "choice", "practice"])
        #expect((60...100).contains(cards), "\(cards) cards in the curriculum")
    }

    /// The tutorial teaches the session commands: every `:word` its cards name must be one a
    /// session knows. Each is typed into a session of a one-card deck, as a learner would.
    @Test func everyColonCommandTheTutorialNamesExists() throws {
        let hone = try HoneProcess()
        let result = try hone.run(["check", "--json", Self.decks.appendingPathComponent("hone-tutorial.toml").path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        let cards = try #require((file["document"] as? [String: Any])?["card"] as? [[String: Any]])
        var commands = Set<String>()
        for card in cards {
            for text in Self.strings(in: card) { commands.formUnion(Self.colonWords(in: text)) }
        }
        #expect(commands.isSuperset(of: [":hint", ":undo", ":quit"]), "the commands taught: \(commands.sorted())")
        for command in commands.sorted() {
            // A fresh home each: `:bury` or `:suspend` would leave the next session empty.
            let learner = try HoneProcess()
            try learner.write(
                "decks/one.toml", "[[card]]\nid = \"drill\"\ntype = \"practice\"\nprompt = \"Do it.\"\n")
            let session = try learner.run(["--now", "2026-03-03T09:00:00Z"], stdin: command + "\n")
            #expect(session.status == 0, "\(command): \(session.stderr)")
            #expect(session.stdout.contains("  Do it."), "the drill is shown: \(session.stdout)")
            #expect(!session.stdout.contains("Unknown command"), "the tutorial names \(command): \(session.stdout)")
        }
    }

    private static func strings(in value: Any) -> [String] {
        if let text = value as? String { return [text] }
        if let list = value as? [Any] { return list.flatMap { strings(in: $0) } }
        if let table = value as? [String: Any] { return table.values.flatMap { strings(in: $0) } }
        return []
    }

    /// `:word` where a word starts: not `file:line` nor a cloze's `{{c1::case}}`.
    private static func colonWords(in text: String) -> [String] {
        text.matches(of: /(?:^|[^\w:])(:[a-z]+)\b/).map { String($0.output.1) }
    }
}
