import Testing

@testable import HoneREPL

@Suite("line readers")
struct LineReaderTests {
    @Test func scriptedInputEndsLikeCtrlD() {
        var reader = ScriptedLineReader(["good", ":quit"])
        #expect(reader.readLine(prompt: "> ") == "good")
        #expect(reader.readLine(prompt: "> ") == ":quit")
        #expect(reader.readLine(prompt: "> ") == nil)
    }

    @Test func gnuReadlineIsLinked() {
        // The version comes from the C library itself: proof the system library target links.
        let version = ReadlineLineReader.libraryVersion
        #expect(version.first?.isNumber == true, "\(version)")
    }
}
