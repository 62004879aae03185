import Testing

@testable import HoneCore

@Suite("the printable-text rule")
struct PrintableTextTests {
    /// Each range's ends are refused, and the characters just outside them are not.
    @Test func refusesExactlyTheControlsAndTheBidirectionalMarks() {
        let refused: [UInt32] = [
            0x00, 0x09, 0x0A, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F, 0x061C, 0x200E, 0x200F, 0x202A, 0x202E,
            0x2066, 0x2069,
        ]
        let taken: [UInt32] = [
            0x20, 0x7E, 0xA0, 0xE9, 0x061B, 0x061D, 0x200D, 0x2010, 0x2029, 0x202F, 0x2065, 0x206A, 0x1F600,
        ]
        for value in refused {
            #expect(PrintableText.isHidden(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
        for value in taken {
            #expect(!PrintableText.isHidden(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
        }
    }

    @Test func findsTheFirstRefusedCharacterCountedInCharacters() {
        #expect(PrintableText.firstHidden(in: "deck/card-1") == nil)
        #expect(PrintableText.firstHidden(in: "Überfluß 🎉, \"quoted\"") == nil)
        #expect(PrintableText.firstHidden(in: "é🎉\u{1B}[31m")?.offset == 2)
        #expect(PrintableText.firstHidden(in: "abc\u{202E}def")?.scalar == "\u{202E}")
        #expect(PrintableText.firstHidden(in: "two\nlines\tand a tab") != nil)
        #expect(PrintableText.firstHidden(in: "two\nlines\tand a tab", allowingLayout: true) == nil)
        #expect(PrintableText.firstHidden(in: "line\r\n", allowingLayout: true)?.scalar == "\r")
    }

    @Test func quotesTextWithItsRefusedCharactersShownAsEscapes() {
        #expect(PrintableText.quoted("a\u{1B}]0;x\u{7}b\u{9B}c\u{202E}") == #""a\u{1B}]0;x\u{7}b\u{9B}c\u{202E}""#)
        #expect(PrintableText.quoted("é🎉") == "\"é🎉\"")
        #expect(PrintableText.name("\u{1B}") == "U+001B" && PrintableText.name("\u{202E}") == "U+202E")
    }
}
