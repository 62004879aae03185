import Testing

@testable import HoneReport

@Suite("terminal safety")
struct VisibleTextTests {
    @Test func controlCharactersBecomeVisible() {
        let shown = VisibleText.make("a\u{1B}[31mred\u{07}\u{9B}2J\u{202E}txt\u{7F}\tb")
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(shown == "a␛[31mred␇<U+009B>2J<U+202E>txt␡ b")
    }

    @Test func plainTextIsUntouchedAndNewlinesCanStay() {
        #expect(VisibleText.make("Networking · 日本 😀") == "Networking · 日本 😀")
        #expect(VisibleText.make("one\ntwo", keepNewlines: true) == "one\ntwo")
        #expect(VisibleText.make("one\ntwo") == "one␊two")
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("한국") == 4)
    }
}
