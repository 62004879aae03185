import Testing

@testable import HoneDeck

@Suite("HTML to plain text, and Anki's plain-text header")
struct CardImportTextTests {
    @Test func entitiesBreaksAndBlocksBecomeText() {
        let result = PlainHTML.text(of: "Caf&eacute; &amp; <b>tea</b><br>&#233;&#xE9;&lt;<div>next</div><p>para</p>")
        #expect(result.text == "Café & tea\néé<\nnext\npara")
        #expect(result.dropped.isEmpty)
    }

    @Test func imagesAndSoundsAreListedNotCarried() {
        let result = PlainHTML.text(of: "Dog<img src=\"dog.png\"> [sound:bark.mp3]<ul><li>a</li><li>b</li></ul>")
        #expect(result.text == "Dog\na\nb")
        #expect(result.dropped == ["image dog.png", "sound bark.mp3"])
    }

    @Test func plainTextIsNotTakenForHTML() {
        #expect(!PlainHTML.looksLikeHTML("a < b and c > d & e"))
        #expect(PlainHTML.looksLikeHTML("a<br>b"))
        #expect(PlainHTML.looksLikeHTML("fish &amp; chips"))
    }

    @Test func ankiHeaderLinesAreRead() {
        let lines = "#separator:tab\n#html:true\n#notetype:Basic\n#tags column:3\n#columns:Front\tBack\tTags\nq\ta\n"
        let header = AnkiHeader.parse(lines.split(separator: "\n", omittingEmptySubsequences: false))
        #expect(header.separator == "\t")
        #expect(header.html == true)
        #expect(header.tagsColumn == 3)
        #expect(header.columns == ["Front", "Back", "Tags"])
        #expect(header.lineCount == 5)
        #expect(AnkiHeader.parse(["#separator:Semicolon"]).separator == ";")
        #expect(AnkiHeader.parse(["front,back"]).lineCount == 0)
    }

    @Test func tomlStringsEscapeEverything() {
        #expect(TOMLString.quoted("a\"b\\c\nd\u{7}") == "\"a\\\"b\\\\c\\nd\\u0007\"")
    }
}
