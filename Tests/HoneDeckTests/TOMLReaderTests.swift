import Testing

@testable import HoneDeck

@Suite("TOML reader")
struct TOMLReaderTests {
    func parse(_ text: String) -> TOMLParseResult { TOMLReader.parse(Array(text.utf8)) }

    func value(_ text: String, key: String = "v") throws -> TOMLValue {
        let result = parse(text)
        let document = try #require(result.document, "\(result.diagnostics)")
        return try #require(document[key]).value
    }

    @Test func readsEveryStringForm() throws {
        #expect(try value(#"v = "a\tb\n\"q\" \\ \u00E9 \U0001F600""#) == .string("a\tb\n\"q\" \\ é 😀"))
        #expect(try value("v = 'C:\\path\\no escapes'") == .string("C:\\path\\no escapes"))
        #expect(try value("v = \"\"\"\nfirst\nsecond\"\"\"") == .string("first\nsecond"))
        #expect(try value("v = \"\"\"\r\nfirst\r\nsecond\"\"\"") == .string("first\nsecond"))
        #expect(try value("v = \"\"\"one \\\n      two\"\"\"") == .string("one two"))
        #expect(try value("v = '''\nraw \\n\n'''") == .string("raw \\n\n"))
        #expect(try value("v = \"\"\"quote \"\"\"\"\"") == .string("quote \"\""))
        #expect(try value("v = ''''single'''") == .string("'single"))
    }

    @Test func readsNumbersAndBooleans() throws {
        #expect(try value("v = +1_000") == .integer(1000))
        #expect(try value("v = -9223372036854775808") == .integer(.min))
        #expect(try value("v = 0xDEAD_beef") == .integer(0xDEAD_BEEF))
        #expect(try value("v = 0o755") == .integer(0o755))
        #expect(try value("v = 0b1010") == .integer(10))
        #expect(try value("v = 6.626e-34") == .float(6.626e-34))
        #expect(try value("v = -2.5E+3") == .float(-2500))
        #expect(try value("v = 1e0_1") == .float(10))
        #expect(try value("v = -inf") == .float(-.infinity))
        #expect(try value("v = true") == .boolean(true))
        guard case .float(let nan) = try value("v = nan") else {
            Issue.record("nan is not a float")
            return
        }
        #expect(nan.isNaN)
    }

    @Test func readsNestedArraysOverLines() throws {
        let text = """
            v = [
              [1, 2], # a comment
              ["a",
               'b',],
            ]
            """
        let expected = TOMLValue.array([
            TOMLNode(
                .array([
                    TOMLNode(.integer(1), at: .init(offset: 0, line: 0)),
                    TOMLNode(.integer(2), at: .init(offset: 0, line: 0)),
                ]), at: .init(offset: 0, line: 0)),
            TOMLNode(
                .array([
                    TOMLNode(.string("a"), at: .init(offset: 0, line: 0)),
                    TOMLNode(.string("b"), at: .init(offset: 0, line: 0)),
                ]), at: .init(offset: 0, line: 0)),
        ])
        #expect(try value(text) == expected)
    }

    @Test func buildsTablesAndArraysOfTables() throws {
        let result = parse("top = 1\n[deck]\nname = \"x\"\n[[card]]\nq = \"1\"\n[[card]]\nq = \"2\"\n")
        let document = try #require(result.document)
        #expect(document.entries.map(\.key) == ["top", "deck", "card"])
        guard case .array(let cards)? = document["card"]?.value else {
            Issue.record("card is not an array")
            return
        }
        #expect(cards.count == 2)
        guard case .table(let second) = cards[1].value else {
            Issue.record("not a table")
            return
        }
        #expect(second["q"]?.value == .string("2"))
        #expect(second.headerPosition.line == 6)
    }

    /// Each case: the text with `‸` where the first error must be, and words its message must hold.
    static let errorCases: [(String, String)] = [
        ("q ‸\"hi\"", "expected '='"),
        ("q = ‸\"no end\nnext = 1", "unterminated string"),
        ("q = ‸\"\"\"never closed\nmore", "unterminated multi-line string"),
        ("q = ‸[1, 2\n[[card]]", "unterminated array"),
        ("tags = ‸[\"a\",\n  \"b\"\nq = \"x\"", "unterminated array"),
        ("q = [\"a\" ‸\"b\"]", "expected ','"),
        ("q = \"bad ‸\\e escape\"", "invalid escape"),
        ("q = \"‸\\u12\"", "4 hexadecimal digits"),
        ("q = \"‸\\uD800\"", "not a Unicode scalar"),
        ("a = 1\n‸a = 2", "duplicate key \"a\" (first defined on line 1)"),
        ("[deck]\n‸[deck]", "already defined on line 1"),
        ("[[card]]\n‸[card]", "redefines the array of tables"),
        ("n = ‸012", "leading zeros"),
        ("n = -‸012", "leading zeros"),
        ("n = ‸9223372036854775808", "out of range"),
        ("n = 1‸.", "digit after the '.'"),
        ("n = ‸.5", "digit before"),
        ("n = 1‸e", "exponent"),
        ("n = ‸+0x10", "cannot have a sign"),
        ("n = 1‸__0", "underscore"),
        ("q = \"x\" ‸trailing", "expected end of line"),
        ("q = \"a‸\\\nb\"", "only in a"),
        ("q = 'It'‸s'", "put text holding an apostrophe in double quotes"),
        ("a‸.b = 1", "dotted keys"),
        ("[a‸.b]", "dotted table names"),
        ("x = ‸{ a = 1 }", "inline tables"),
        ("d = ‸1979-05-27", "dates and times"),
        ("t = ‸07:32:00", "dates and times"),
        ("q = ‸hello", "needs quotes"),
        ("q = \"tab\tok, bell ‸\u{07}\"", "control character"),
        ("# comment with ‸\u{7F}", "control character"),
        ("q = 1‸\r", "carriage return"),
        ("‸= 1", "expected a key"),
        ("[[card]‸", "expected ']]'"),
        ("v = " + String(repeating: "[", count: 100) + "‸[", "nested too deeply"),
        ("\"é\" = \"k\"\nq = \"日本‸\\x\"", "invalid escape"),
    ]

    @Test("the first error is where the marker is", arguments: errorCases)
    func reportsErrorAtMarker(_ input: String, _ words: String) throws {
        let marked = Marked(input)
        let result = TOMLReader.parse(marked.bytes)
        #expect(result.document == nil)
        let first = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(
            first.line == marked.line && first.column == marked.column, "\(first.line):\(first.column) \(first.message)"
        )
        #expect(first.message.contains(words), "\(first.message)")
    }

    @Test func reportsEveryErrorOfAFileInOnePass() {
        let text = "a = \n[deck]\nb = \"x\" y\nc = 01\n[[card]]\nq = 'ok'\n"
        let lines = TOMLReader.parse(Array(text.utf8)).diagnostics.map(\.line)
        #expect(lines == [1, 3, 4])
    }

    @Test func reportsInvalidUTF8AtTheFirstBadByte() throws {
        let bytes = Array("a = \"ok\"\nq = \"ab".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        let result = TOMLReader.parse(bytes)
        #expect(result.document == nil)
        let error = try #require(result.diagnostics.first)
        #expect((error.line, error.column) == (2, 8))  // the start of the broken sequence, as Python reports it
        #expect(error.message.contains("UTF-8"))
        for bad in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82]] as [[UInt8]] {
            #expect(TOMLReader.parse(Array("x = 1\n".utf8) + bad).diagnostics.first?.line == 2)
        }
    }

    @Test func ignoresTheBOMAndCountsColumnsInScalars() throws {
        let withBOM = Marked("\u{FEFF}q ‸1")
        let error = try #require(TOMLReader.parse(withBOM.bytes).diagnostics.first)
        #expect((error.line, error.column) == (1, 3))
        let wide = Marked("q = \"日本語😀\" ‸x")
        let second = try #require(TOMLReader.parse(wide.bytes).diagnostics.first)
        #expect((second.line, second.column) == (wide.line, wide.column))
    }
}
