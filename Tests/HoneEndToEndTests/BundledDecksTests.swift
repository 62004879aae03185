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

    /// The tutorial teaches only session commands that exist: every `:word` it names (not one
    /// inside a word, as in `tag:rating`) is listed by `hone help practice`.
    @Test func everyColonCommandInTheTutorialExists() throws {
        let hone = try HoneProcess()
        let help = try hone.run(["help", "practice"]).stdout
        let known = Set(
            help.split(separator: "\n").compactMap { line in
                line.split(separator: " ").first.flatMap { $0.hasPrefix(":") ? String($0) : nil }
            })
        #expect(known.contains(":undo"), "\(help)")
        let tutorial = try String(
            contentsOf: Self.decks.appendingPathComponent("hone-tutorial.toml"), encoding: .utf8)
        let named = tutorial.matches(of: /(?:^|[^\w:])(:[a-z]+)/.anchorsMatchLineEndings()).map { String($0.output.1) }
        #expect(!named.isEmpty)
        for command in Set(named) {
            #expect(known.contains(command), "the tutorial names \(command), which hone practice does not have")
        }
    }
}
