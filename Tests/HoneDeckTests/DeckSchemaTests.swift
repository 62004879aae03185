import HoneCore
import Testing

@testable import HoneDeck

@Suite("deck schema")
struct DeckSchemaTests {
    func read(_ text: String, deckID: String = "soft-skills/networking") -> DeckFile {
        DeckReader.read(bytes: Array(text.utf8), path: "soft-skills/networking.toml", deckID: deckID)
    }

    @Test func expandsEveryCardType() throws {
        let file = read(
            """
            [deck]
            name = "Cultivating a network"
            skill = "Networking"

            [[card]]
            id = "soft-assets"
            q = "What are soft assets?"
            a = "What you cannot trade directly for money."
            reverse = true

            [[card]]
            id = "loyalty"
            type = "cloze"
            text = "Loyalty flows {{c1::horizontally}} to your network, \
            not {{c2::vertically::direction?}} to your boss."

            [[card]]
            id = "sensor"
            type = "typed"
            q = "Your network works like a set of what?"
            a = "sensors"
            accept = ["sensor network"]

            [[card]]
            id = "loyalty-mc"
            type = "choice"
            q = "Loyalty now flows mainly..."
            choices = ["up to your boss", "across to your network"]
            answer = "across to your network"

            [[card]]
            id = "reconnect"
            type = "practice"
            prompt = "Write a note to a former colleague."
            rubric = ["names a shared experience", "ends with a small ask"]
            """)
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        let deck = try #require(file.deck)
        #expect(deck.id == "soft-skills/networking")
        #expect(deck.skill == "Networking")
        #expect(
            deck.cards.map(\.key) == [
                "soft-skills/networking/soft-assets", "soft-skills/networking/soft-assets#r",
                "soft-skills/networking/loyalty#c1", "soft-skills/networking/loyalty#c2",
                "soft-skills/networking/sensor", "soft-skills/networking/loyalty-mc",
                "soft-skills/networking/reconnect",
            ])
        #expect(deck.cards[1].front == "What you cannot trade directly for money.")
        #expect(deck.cards[2].front == "Loyalty flows [...] to your network, not vertically to your boss.")
        #expect(deck.cards[3].front == "Loyalty flows horizontally to your network, not [direction?] to your boss.")
        #expect(deck.cards[3].back == "vertically")
        #expect(deck.cards[2].noteKey == deck.cards[3].noteKey)
        #expect(deck.cards[4].accept == ["sensor network"])
        #expect(deck.cards[6].rubric.count == 2)
        #expect(deck.cards[6].line == 30)
    }

    @Test func deckIDAndNameDefaultFromThePath() throws {
        let deck = try #require(read("[[card]]\nid = \"a\"\nq = \"q\"\na = \"a\"\n").deck)
        #expect(deck.id == "soft-skills/networking")
        #expect(deck.name == "networking")
        #expect(deck.skill == "networking")
        let named = try #require(read("[deck]\nid = \"net\"\n[[card]]\nid = \"a\"\nq = \"q\"\na = \"a\"\n").deck)
        #expect(named.cards.first?.key == "net/a")
    }

    @Test func aDeckIDFromAPathWithControlCharactersIsAnErrorThatShowsThemEscaped() throws {
        let text = "[[card]]\nid = \"a\"\nq = \"q\"\na = \"a\"\n"
        let file = DeckReader.read(bytes: Array(text.utf8), path: "x\u{1B}]0;t\u{07}.toml", deckID: "x\u{1B}]0;t\u{07}")
        #expect(file.deck == nil)
        let error = try #require(file.diagnostics.first { $0.severity == .error })
        #expect((error.line, error.column) == (1, 1))
        #expect(error.message.contains("\"x\\u{1B}]0;t\\u{7}\", which holds a control character (U+001B)"))
        #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 })
        // An id of its own spares the deck its path's.
        let named = DeckReader.read(
            bytes: Array(("[deck]\nid = \"x\"\n" + text).utf8), path: "x\u{1B}.toml", deckID: "x\u{1B}")
        #expect(named.deck?.id == "x")
        let bidi = DeckReader.read(bytes: Array(text.utf8), path: "a\u{202E}b.toml", deckID: "a\u{202E}b")
        #expect(bidi.deck == nil)
        #expect(bidi.diagnostics.contains { $0.message.contains("a bidirectional formatting character (U+202E)") })
    }

    @Test func cardsWithoutIDGetAStableHashKeyAndAWarning() throws {
        let first = read("[[card]]\nq = \"What is a soft asset?\"\na = \"x\"\n")
        let second = read("# moved down\n\n[[card]]\nq = \"What is a soft asset?\"\na = \"changed answer\"\n")
        let key = try #require(first.deck?.cards.first?.key)
        #expect(key == second.deck?.cards.first?.key)
        // Pinned: progress is stored under this key, so the hash must never change.
        #expect(key == "soft-skills/networking/h-f3961aaf6127dcda")
        #expect(first.diagnostics.contains { $0.severity == .warning && $0.message.contains("--fix-ids") })
    }

    /// Each case: a deck with `‸` where the error must be, and words its message must hold.
    static let schemaErrors: [(String, String)] = [
        ("‸[[card]]\nid = \"x\"\nq = \"only a question\"", "missing \"a\""),
        ("[[card]]\nid = \"x\"\ntype = ‸\"flashcard\"\nq = \"?\"", "unknown card type \"flashcard\""),
        (
            "[[card]]\nid = \"x\"\ntype = \"choice\"\nq = \"?\"\nchoices = [\"a\", \"b\"]\nanswer = ‸\"c\"",
            "must be one of \"choices\""
        ),
        ("[[card]]\nid = \"x\"\ntype = \"cloze\"\ntext = ‸\"no deletion here\"", "no deletion"),
        ("[[card]]\nid = \"x\"\ntype = \"cloze\"\ntext = \"bad ‸{{c0::zero}}\"", "1 or more"),
        ("[[card]]\nid = \"x\"\ntype = \"cloze\"\ntext = \"日本 ‸{{c1:one}}\"", "needs '::'"),
        ("[[card]]\nid = \"x\"\ntype = \"cloze\"\ntext = ‸\"\\t escaped {{c1:one}}\"", "needs '::'"),
        ("[[card]]\nid = \"x\"\nq = ‸\"  \"\na = \"a\"", "\"q\" is empty"),
        (
            "[[card]]\nid = \"a\"\nq = \"1\"\na = \"1\"\n[[card]]\nid = ‸\"a\"\nq = \"2\"\na = \"2\"",
            "duplicate id \"a\" (first used on line 2)"
        ),
        ("[[card]]\nid = \"x\"\nq = \"?\"\na = \"!\"\ntags = [\"ok\", ‸3]", "must hold only strings"),
        ("[[card]]\nid = \"x\"\nq = \"?\"\na = \"!\"\nreverse = ‸\"yes\"", "true or false"),
        ("deck = ‸1\n[[card]]\nid = \"x\"\nq = \"?\"\na = \"!\"", "must be a table"),
        ("card = ‸\"x\"", "array of tables"),
        ("‸[card]\nq = \"?\"", "array of tables"),
        ("[[card]]\nid = ‸\"a/b\"\nq = \"?\"\na = \"!\"", "cannot contain '/'"),
        ("[[card]]\nid = ‸\"a b\"\nq = \"?\"\na = \"!\"", "white space"),
        ("[[card]]\nid = ‸\"a\\u0000b\"\nq = \"?\"\na = \"!\"", "control character"),
        ("[[card]]\nid = ‸\"a\\u001B]0;t\\u0007\"\nq = \"?\"\na = \"!\"", "a control character (U+001B)"),
        ("[[card]]\nid = ‸\"a\\u0085b\"\nq = \"?\"\na = \"!\"", "a control character (U+0085)"),
        ("[[card]]\nid = ‸\"a\\u202Eb\"\nq = \"?\"\na = \"!\"", "a bidirectional formatting character (U+202E)"),
        ("[[card]]\nid = ‸\"a\\u2066b\"\nq = \"?\"\na = \"!\"", "(U+2066)"),
        ("[[card]]\nid = ‸\"a\\u200Fb\"\nq = \"?\"\na = \"!\"", "(U+200F)"),
        ("[[card]]\nid = ‸\"a\\u061Cb\"\nq = \"?\"\na = \"!\"", "(U+061C)"),
        ("[deck]\nid = ‸\"d\\u200Eb\"\n[[card]]\nid = \"x\"\nq = \"?\"\na = \"!\"", "(U+200E)"),
        ("[deck]\nnew_per_day = ‸-1\n[[card]]\nid = \"x\"\nq = \"?\"\na = \"!\"", "0 or more"),
        ("[[card]]\nid = \"x\"\nq = ‸42\na = \"!\"", "must be a string"),
    ]

    @Test("schema errors point at the right spot", arguments: schemaErrors)
    func schemaError(_ input: String, _ words: String) throws {
        let marked = Marked(input)
        let file = DeckReader.read(bytes: marked.bytes, path: "d.toml", deckID: "d")
        #expect(file.document != nil, "a schema error keeps the document")
        #expect(file.deck == nil, "a deck with an error is not used")
        let first = try #require(file.diagnostics.first { $0.severity == .error })
        #expect(
            (first.line, first.column) == (marked.line, marked.column), "\(first.line):\(first.column) \(first.message)"
        )
        #expect(first.message.contains(words), "\(first.message)")
    }

    @Test func anUnknownTypeGetsOnlyThatError() {
        let file = read("[[card]]\nid = \"x\"\ntype = \"flashcard\"\nfoo = 1\n")
        #expect(file.diagnostics.count == 1)
    }

    static let warnings: [(String, String)] = [
        ("[[card]]\nid = \"x\"\n‸qq = \"?\"\nq = \"?\"\na = \"!\"", "did you mean \"q\"?"),
        ("[deck]\n‸nmae = \"x\"\n[[card]]\nid = \"x\"\nq = \"?\"\na = \"!\"", "did you mean \"name\"?"),
        // A key spelled out, or a typo of it, is pointed at the short key it stands for.
        ("[[card]]\nid = \"x\"\nq = \"?\"\na = \"!\"\n‸anwser = \"!\"", "did you mean \"a\"?"),
        ("[[card]]\nid = \"x\"\nq = \"?\"\na = \"!\"\n‸question = \"?\"", "did you mean \"q\"?"),
        (
            "‸[decks]\nname = \"x\"\n[[card]]\nid = \"x\"\nq = \"?\"\na = \"!\"",
            "unknown table [decks]; did you mean \"deck\"?"
        ),
        ("[[card]]\nid = \"x\"\nq = \"?\"\na = \"!\"\n‸choices = [\"a\"]", "not used by basic cards"),
        ("‸[deck]\nname = \"empty\"", "no cards"),
        (
            "[[card]]\nid = \"x\"\nq = \"Same?\"\na = \"!\"\n[[card]]\nid = \"y\"\nq = ‸\"Same?\"\na = \"?\"",
            "same question as the card on line 1"
        ),
    ]

    @Test("warnings point at the right spot and never stop the deck", arguments: warnings)
    func warning(_ input: String, _ words: String) throws {
        let marked = Marked(input)
        let file = DeckReader.read(bytes: marked.bytes, path: "d.toml", deckID: "d")
        #expect(file.deck != nil)
        let warning = try #require(file.diagnostics.first { $0.message.contains(words) }, "\(file.diagnostics)")
        #expect(warning.severity == .warning)
        #expect((warning.line, warning.column) == (marked.line, marked.column))
    }

    /// Cards that load but spoil a session: each warned at the value at fault.
    static let pitfalls: [(String, String)] = [
        (
            "[[card]]\nid = \"x\"\ntype = \"typed\"\nq = \"Take back the last card?\"\na = ‸\":undo\"",
            "typed answer \":undo\" starts with ':', so typing it in a session runs a command"
        ),
        (
            "[[card]]\nid = \"x\"\ntype = \"typed\"\nq = \"?\"\na = \"hint\"\naccept = [\"clue\", ‸\" :hint\"]",
            "typed accepted answer \" :hint\" starts with ':'"
        ),
        (
            "[[card]]\nid = \"x\"\ntype = \"choice\"\nq = \"?\"\nchoices = ‸[\"only\"]\nanswer = \"only\"",
            "a choice card with a single option gives its answer away"
        ),
        (
            "[[card]]\nid = \"x\"\ntype = \"choice\"\nq = \"?\"\nchoices = [\"up\", \"across\", ‸\" up \"]\n"
                + "answer = \"across\"",
            "option 3 \"up\" is the same as option 1"
        ),
        (
            "[[card]]\nid = \"x\"\ntype = \"cloze\"\ntext = \"Loyalty flows {{c1::horizontally::‸Horizontally}}.\"",
            "the hint \"Horizontally\" of deletion c1 is its answer \"horizontally\", which gives it away"
        ),
        (
            "[[card]]\nid = \"x\"\ntype = \"cloze\"\n"
                + "text = \"It is {{c1::soft}} and {{c2::people::‸the people you know}}.\"",
            "the hint \"the people you know\" of deletion c2 contains its answer \"people\""
        ),
        (
            "[[card]]\nid = \"x\"\ntype = \"choice\"\nq = \"?\"\nchoices = [\"a\", \"b\"]\nanswer = \"a\"\n"
                + "explain = ‸\"Here that was 1. Enter accepts the rating.\"",
            "\"explain\" names an option by its number (\"was 1\"), but a choice card's options are shuffled every day"
        ),
    ]

    @Test("pitfalls are warned at the value at fault and never stop the deck", arguments: pitfalls)
    func pitfall(_ input: String, _ words: String) throws {
        try warning(input, words)
    }

    static let optionNumbers = ["option 2", "Answer 3", "the #2", "number 1", "choice 1", "pick 3", "it is 4)"]

    @Test("an explain that names an option number is warned", arguments: optionNumbers)
    func explainNamingAnOptionNumber(_ phrase: String) {
        let file = read(
            "[[card]]\nid = \"x\"\ntype = \"choice\"\nq = \"?\"\nchoices = [\"a\", \"b\"]\nanswer = \"a\"\n"
                + "explain = \"Pick well: \(phrase) here.\"\n")
        #expect(file.diagnostics.map(\.message).contains { $0.contains("names an option by its number") })
    }

    /// Near misses: each looks like a pitfall and is not one.
    static let nearMisses: [String] = [
        "[[card]]\nid = \"x\"\ntype = \"typed\"\nq = \"?\"\na = \"ratio 1:2\"\naccept = [\"1 : 2\", \"see :hint\"]",
        "[[card]]\nid = \"x\"\ntype = \"choice\"\nq = \"?\"\nchoices = [\"up\", \"Up!\", \"upward\"]\nanswer = \"up\"",
        "[[card]]\nid = \"x\"\ntype = \"cloze\"\ntext = \"Loyalty flows {{c1::horizontally::direction?}}.\"",
        "[[card]]\nid = \"x\"\ntype = \"cloze\"\ntext = \"A {{c1::network::net}} of people.\"",
        "[[card]]\nid = \"x\"\ntype = \"choice\"\nq = \"?\"\nchoices = [\"a\", \"b\"]\nanswer = \"a\"\n"
            + "explain = \"Since 1990 this was 1 of the reasons; option 10 and the 1st answer, 2 options, (1) text.\"",
        // Only a choice card's options are shuffled.
        "[[card]]\nid = \"x\"\nq = \"?\"\na = \"!\"\nexplain = \"That was option 2.\"",
    ]

    @Test("near misses of the pitfalls get no warning", arguments: nearMisses)
    func nearMiss(_ input: String) {
        let file = read(input)
        #expect(file.deck != nil)
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
    }

    @Test func reportsAllSchemaErrorsOfAFile() {
        let file = read(
            "[[card]]\nid = \"a\"\nq = \"?\"\n"
                + "[[card]]\nid = \"b\"\ntype = \"choice\"\nq = \"?\"\nchoices = [\"x\"]\nanswer = \"y\"\n"
        )
        #expect(file.diagnostics.filter { $0.severity == .error }.map(\.line) == [1, 9])
    }
}
