import Foundation
import Testing

@Suite("hone import csv, end to end")
struct ImportCSVTests {
    func home() throws -> HoneProcess {
        let hone = try HoneProcess()
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("decks"), withIntermediateDirectories: true)
        return hone
    }

    func cards(_ hone: HoneProcess, _ query: String...) throws -> [[String: Any]] {
        let listed = try hone.run(["cards", "--json"] + query)
        #expect(listed.status == 0, "\(listed.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))
        if let list = json as? [[String: Any]] { return list }
        return try #require((json as? [String: Any])?["cards"] as? [[String: Any]], "\(listed.stdout)")
    }

    @Test func csvWithAHeaderMakesADeckThatChecksClean() throws {
        let hone = try home()
        try hone.write("words.csv", "front,back,tags\nHola,Hello,spanish greeting\n\"Say \"\"hi\"\"\",\"a, b\",\n")
        let result = try hone.run(["import", "csv", "words.csv", "--deck", "languages/spanish"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("imported 2 cards into decks/languages/spanish.toml; skipped 0 already there"))
        let check = try hone.run(["check"])
        #expect(check.status == 0 && check.stdout.contains("no problems"), "\(check.stdout)")
        #expect(
            try cards(hone).compactMap { $0["card"] as? String } == [
                "languages/spanish/hola", "languages/spanish/say-hi",
            ])
        #expect(try cards(hone, "tag:greeting").compactMap { $0["card"] as? String } == ["languages/spanish/hola"])
        let toml = String(decoding: try hone.read("decks/languages/spanish.toml"), as: UTF8.self)
        #expect(toml.contains("q = \"Say \\\"hi\\\"\"\na = \"a, b\""), "\(toml)")
    }

    @Test func tsvWithColumnsGiven() throws {
        let hone = try home()
        try hone.write("words.tsv", "Gato\tCat\tanimals\nPerro\tDog\tanimals\n")
        let result = try hone.run(["import", "csv", "words.tsv", "--deck", "animals", "--columns", "front,back,tags"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("imported 2 cards"), "\(result.stdout)")
        let toml = String(decoding: try hone.read("decks/animals.toml"), as: UTF8.self)
        #expect(toml.contains("q = \"Gato\"\na = \"Cat\"\ntags = [\"animals\"]"), "\(toml)")
        #expect(try hone.run(["check"]).stdout.contains("no problems"))
    }

    @Test func ankiPlainTextExportWithHTMLAndAnImage() throws {
        let hone = try home()
        let export = """
            #separator:tab
            #html:true
            #tags column:3
            Caf&eacute; &amp; <b>tea</b><br>second line\tAnswer<div>more</div><img src="cup.png">\tdrinks food

            """
        try hone.write("Anki.txt", export)
        let result = try hone.run(["import", "csv", "Anki.txt", "--deck", "drinks"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("dropped image cup.png"), "\(result.stderr)")
        let toml = String(decoding: try hone.read("decks/drinks.toml"), as: UTF8.self)
        #expect(toml.contains("q = \"Café & tea\\nsecond line\""), "\(toml)")
        #expect(toml.contains("a = \"Answer\\nmore\""), "\(toml)")
        #expect(toml.contains("tags = [\"drinks\", \"food\"]"), "\(toml)")
        #expect(try hone.run(["check"]).stdout.contains("no problems"))

        let again = try hone.run(["import", "csv", "Anki.txt", "--deck", "drinks"])
        #expect(again.stdout.contains("imported 0 cards into decks/drinks.toml; skipped 1 already there"))
        #expect(String(decoding: try hone.read("decks/drinks.toml"), as: UTF8.self) == toml)
    }

    @Test func anExistingDeckKeepsItsBytesAsAPrefix() throws {
        let hone = try home()
        let mine = "# my deck\n[deck]\nname = \"Mine\"\n\n[[card]]\nid = \"hola\"   # kept\nq = \"Hola\"\na = \"Hello\""
        try hone.write("decks/mine.toml", mine)
        try hone.write("words.csv", "Front;Back\nHola;Hi\nAdiós;Goodbye\n")
        let result = try hone.run(["import", "csv", "words.csv", "--deck", "mine"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("imported 1 card into decks/mine.toml; skipped 1 already there"))
        let after = try hone.read("decks/mine.toml")
        #expect(after.starts(with: Array(mine.utf8)))
        #expect(String(decoding: after, as: UTF8.self).contains("q = \"Adiós\""))
        #expect(try hone.run(["check"]).stdout.contains("no problems"))
    }

    @Test func aBadQuotedFieldWritesNothing() throws {
        let hone = try home()
        try hone.write("bad.csv", "front,back\nok,fine\n\"broken\"x,y\n")
        let result = try hone.run(["import", "csv", "bad.csv", "--deck", "bad"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.csv:3:9:"), "\(result.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: hone.home.appendingPathComponent("decks").path).isEmpty)

        try hone.write("cols.csv", "word,meaning\na,b\n")
        let missing = try hone.run(["import", "csv", "cols.csv", "--deck", "bad"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cols.csv:1:1: missing the column \"front\""), "\(missing.stderr)")
    }
}
