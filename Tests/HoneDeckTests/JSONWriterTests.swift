import Foundation
import Testing

@testable import HoneDeck

/// JSON output shows hostile text instead of obeying it: every control character and
/// bidirectional mark is a `\u` escape, and the text reads back the same.
@Suite("JSON strings")
struct JSONWriterTests {
    func json(_ text: String) -> String {
        var writer = JSONWriter()
        writer.string(text)
        return writer.text
    }

    @Test func escapesEveryControlAndBidirectionalMark() {
        #expect(json("a\u{0}b\u{1B}[31m\u{7F}") == #""a\u0000b\u001b[31m\u007f""#)
        #expect(json("\u{85}\u{9B}2J\u{9F}") == #""\u0085\u009b2J\u009f""#)
        #expect(
            json("\u{202A}\u{202E}\u{2066}\u{2069}\u{200E}\u{200F}\u{061C}")
                == #""\u202a\u202e\u2066\u2069\u200e\u200f\u061c""#)
        #expect(json("\"quoted\"\\ \n\t\r") == #""\"quoted\"\\ \n\t\r""#)
    }

    @Test func leavesPrintableTextAsItIs() {
        #expect(json("Ünïcödé, 中文 🎉 ‘quotes’, \u{2028}") == "\"Ünïcödé, 中文 🎉 ‘quotes’, \u{2028}\"")
        #expect(json("plain ascii") == "\"plain ascii\"")
    }

    /// Whatever the text, the bytes written hold no control character (no byte below 0x20, no
    /// DEL) and no UTF-8 encoding of a C1 control or a bidirectional mark, and read back as it.
    @Test func theOutputHoldsNoRefusedCharacterAndReadsBackTheSame() throws {
        var scalars = String.UnicodeScalarView()
        for value in Array(0...0x2FF) + [0x061C, 0x200E, 0x200F, 0x2028] + Array(0x2020...0x2070) + [0x1F600] {
            if let scalar = Unicode.Scalar(UInt32(value)) { scalars.append(scalar) }
        }
        let text = String(scalars)
        let written = json(text)
        for scalar in written.unicodeScalars {
            #expect(!(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)), "\(scalar.value)")
            #expect(![0x061C, 0x200E, 0x200F].contains(scalar.value) && !(0x202A...0x202E).contains(scalar.value))
            #expect(!(0x2066...0x2069).contains(scalar.value))
        }
        let read = try JSONSerialization.jsonObject(with: Data(written.utf8), options: .fragmentsAllowed)
        #expect(read as? String == text)
    }
}
