import Testing

@testable import HoneAnki

/// A note's sort field and checksum as Anki computes them: Anki's duplicate check and its
/// browser's sorting read these columns, so they must be Anki's own values.
@Suite("Anki's field text")
struct AnkiFieldTextTests {
    /// Each field with the plain text and checksum that Anki 26.9.3's `strip_html_media` and
    /// `field_checksum` give for it.
    @Test(
        "plain text and checksum equal Anki's",
        arguments: [
            ("Is 1 &lt; 2 &amp; 3 &gt; 2?", "Is 1 < 2 & 3 > 2?", 1_414_465_023),
            ("yes<br>of course", "yesof course", 609_972_879),
            ("A {{c1::cat}} &amp; a <b>dog</b>&nbsp;!", "A {{c1::cat}} & a dog !", 735_371_657),
            ("café &#233; &#x41;", "café é A", 2_486_197_906),
            ("<!-- note -->kept<style>p{}</style>", "kept", 509_738_526),
        ] as [(String, String, Int64)])
    func asAnki(_ field: String, _ plain: String, _ checksum: Int64) {
        #expect(AnkiFieldText.stripHTML(field) == plain)
        #expect(AnkiFieldText.checksum(ofFirstField: field) == checksum)
    }

    @Test("SHA-1 gives the standard digests")
    func sha1() {
        func hex(_ bytes: [UInt8]) -> String {
            bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
                .joined()
        }
        #expect(hex(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1.digest([UInt8]())) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        // Longer than one block, and not a multiple of one.
        #expect(hex(SHA1.digest([UInt8](repeating: 0x61, count: 1000))) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }
}
