import Testing

@testable import HoneReport

/// One string and the columns a terminal gives it, counted by hand.
struct WidthCase: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let columns: Int
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ columns: Int) {
        self.name = name
        self.text = text
        self.columns = columns
    }
}

@Suite("display width")
struct DisplayWidthTests {
    static let cases: [WidthCase] = [
        WidthCase("empty", "", 0),
        WidthCase("ASCII", "hello, world", 12),
        WidthCase("ASCII controls take no column", "a\tb\r\n\u{7F}", 2),
        WidthCase("C1 control", "a\u{85}b", 2),
        WidthCase("é precomposed", "\u{E9}", 1),
        WidthCase("e and a combining acute", "e\u{301}", 1),
        WidthCase("accented words", "crème brûlée", 12),
        WidthCase("soft hyphen is drawn", "co\u{AD}op", 5),
        WidthCase("CJK ideographs", "漢字", 4),
        WidthCase("kana with a combining voiced mark", "か\u{3099}", 2),
        WidthCase("fullwidth Latin", "Ａ", 2),
        WidthCase("halfwidth katakana", "ｶﾀｶﾅ", 4),
        WidthCase("halfwidth katakana and its voiced mark", "ｶﾞ", 2),
        WidthCase("Hangul syllables", "한국어", 6),
        WidthCase("conjoining jamo", "\u{1112}\u{1161}\u{11AB}", 2),
        WidthCase("lone vowel jamo", "\u{1161}", 0),
        WidthCase("flag", "🇯🇵", 2),
        WidthCase("two flags", "🇯🇵🇫🇷", 4),
        WidthCase("subdivision flag (tags)", "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", 2),
        WidthCase("ZWJ family", "👨\u{200D}👩\u{200D}👧", 2),
        WidthCase("rainbow flag", "🏳\u{FE0F}\u{200D}🌈", 2),
        WidthCase("ZWJ sequence without U+FE0F", "🏳\u{200D}🌈", 2),
        WidthCase("heart with emoji presentation", "\u{2764}\u{FE0F}", 2),
        WidthCase("heart alone", "\u{2764}", 1),
        WidthCase("heart with text presentation", "\u{2764}\u{FE0E}", 1),
        WidthCase("skin tone", "👍🏽", 2),
        WidthCase("skin tone on a text-default base", "\u{261D}\u{1F3FD}", 2),
        WidthCase("keycap", "1\u{FE0F}\u{20E3}", 2),
        WidthCase("emoji in text", "I \u{2764}\u{FE0F} 東京 😀!", 13),
        WidthCase("emoji added after Unicode 15 (face with bags)", "\u{1FAE9}", 2),
        WidthCase("ideograph added after Unicode 15 (Extension I)", "\u{2EBF0}", 2),
        WidthCase("chess symbol added after Unicode 15", "\u{1FA54}", 1),
        WidthCase("combining marks only", "\u{301}\u{308}", 0),
        WidthCase("zero width space", "\u{200B}", 0),
        WidthCase("zero width space between letters", "a\u{200B}b", 2),
        WidthCase("Devanagari spacing vowel sign", "कि", 2),
        WidthCase("Devanagari vowel sign above", "के", 1),
        WidthCase("Devanagari conjunct", "नमस्ते", 4),
        WidthCase("Thai with combining marks", "กิ่", 1),
        WidthCase("Thai word", "ภาษาไทย", 7),
        WidthCase("Thai sara am", "กำ", 2),
        WidthCase("Arabic with harakat", "مَرْحَبًا", 5),
    ]

    @Test("columns counted by hand", arguments: cases)
    func columns(_ example: WidthCase) {
        #expect(DisplayWidth.of(example.text) == example.columns)
    }

    @Test("a string is as wide as its characters together")
    func stringIsSumOfCharacters() {
        let text = "Tokyo 東京 🇯🇵 👨\u{200D}👩\u{200D}👧 e\u{301}"
        #expect(text.map { DisplayWidth.of($0) } == [1, 1, 1, 1, 1, 1, 2, 2, 1, 2, 1, 2, 1, 1])
        #expect(DisplayWidth.of(text) == 18)
    }

    /// The binary search is only right on sorted, disjoint ranges: a stale or hand-edited table would
    /// make some characters silently the wrong width.
    @Test("the generated tables are sorted, disjoint ranges")
    func tablesAreSortedRanges() {
        for table in [DisplayWidthTable.zero, DisplayWidthTable.wide, DisplayWidthTable.emoji] {
            #expect(!table.isEmpty && table.count.isMultiple(of: 2))
            #expect(
                zip(table, table.dropFirst()).enumerated().allSatisfy { index, pair in
                    index.isMultiple(of: 2) ? pair.0 <= pair.1 : pair.0 + 1 < pair.1
                })
        }
    }
}
