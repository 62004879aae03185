import Testing

@testable import HoneAnki

@Suite struct ProtobufReaderTests {
    /// A template's config as Anki writes it: q_format (1), a_format (2), then fields hone skips
    /// (a varint, a fixed64, a fixed32).
    @Test func fieldsReadInOrderAndUnknownOnesAreSkipped() throws {
        let bytes: [UInt8] =
            [0x0A, 0x02] + Array("{{".utf8) + [0x12, 0x03] + Array("ans".utf8) + [0x28, 0xAC, 0x02]
            + [0x09] + Array(repeating: 0, count: 8) + [0x15, 1, 2, 3, 4]
        let fields = try #require(ProtobufReader.fields(of: bytes))
        #expect(fields.map(\.number) == [1, 2, 5, 1, 2])
        #expect(fields[0].value.text == "{{")
        #expect(fields[1].value.text == "ans")
        #expect(fields[2].value.integer == 300)
    }

    /// Untrusted bytes: a length past the end, a varint cut short, field number 0, a group.
    @Test(arguments: [
        [0x0A, 0x05, 0x41], [0x08, 0x80], [0x00, 0x01], [0x0B], [0x08] + Array(repeating: 0xFF, count: 11),
    ])
    func anIllFormedMessageIsNil(bytes: [UInt8]) {
        #expect(ProtobufReader.fields(of: bytes) == nil)
    }
}
