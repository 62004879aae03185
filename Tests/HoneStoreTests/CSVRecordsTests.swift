import HoneCore
import Testing

@testable import HoneStore

/// A review log CSV with a `‸` where the problem must be reported, and `�` (U+FFFD) standing
/// for a byte 0xFF (invalid UTF-8); the 1-based line and column of the marker are remembered.
struct MarkedCSV {
    var bytes: [UInt8] = []
    var line = 0
    var column = 0

    init(_ text: String) {
        var position = (line: 1, column: 1)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "‸":
                (line, column) = position
                continue
            case "\u{FFFD}": bytes.append(0xFF)
            default: bytes.append(contentsOf: Array(String(scalar).utf8))
            }
            position = scalar == "\n" ? (position.line + 1, 1) : (position.line, position.column + 1)
        }
    }
}

/// The review log reader is strict RFC 4180 and refuses anything the log should not hold,
/// each problem at its line and column, nothing of the file kept.
@Suite("review log CSV, strictly")
struct CSVRecordsTests {
    static let header = "id,card,reviewed_at,rating,duration_ms,event,device,target,note\n"
    static let row = "a,d/a,2026-03-03T09:00:00Z,good,1200,,,,\n"

    @Test(
        "a malformed or hostile file is refused at its first problem",
        arguments: [
            // The syntax.
            (header + "a,d/a,2026-03-03T09:00:00Z,go‸\"od,,,,,\n", "a quote inside a field"),
            (header + row + "b,d/b,2026-03-03T09:00:00Z,good,,,,,,‸extra\n", "more fields than the header's 9"),
            (header + "b,d/b,2026-03-03T09:00:00Z,good‸\n", "the row has 4 fields; the header has 9"),
            (header + "b,‸\"d/b,2026-03-03T09:00:00Z,good,,,,,\n", "the quoted field that starts here is not closed"),
            (header + "b,\"d/b\"‸x,2026-03-03T09:00:00Z,good,,,,,\n", "expected ',' or the end of the line"),
            (header + "b,d/b‸\r,2026-03-03T09:00:00Z,good,,,,,\n", "a carriage return (U+000D) that does not end"),
            (header + "b,d/b,2026-03-03T09:00:00Z,good,,,,,\"note‸\r\n\"\n", "U+000D, a control character in \"note\""),
            (header + "b,d/‸\u{FFFD}b,2026-03-03T09:00:00Z,good,,,,,\n", "invalid UTF-8 (the byte 0xFF)"),
            ("‸\u{FFFD}\u{FFFD}binary", "invalid UTF-8"),
            ("card,reviewed_at,rat‸\u{0}ing", "U+0000, a control character in the header"),
            ("‸card,rating\nd/a,good\n", "missing the column \"reviewed_at\""),
            ("‸", "the file is empty"),
            ("id,card,‸card,reviewed_at,rating\n", "the column \"card\" appears twice (fields 2 and 3)"),
            // Control characters and bidirectional marks, wherever they are.
            (header + "x‸\u{0},d/a,2026-03-03T09:00:00Z,good,,,,,\n", "U+0000, a control character in \"id\""),
            (header + "x‸\u{1B}[2J,d/a,2026-03-03T09:00:00Z,good,,,,,\n", "U+001B, a control character in \"id\""),
            (header + "x,d/a‸\u{7F},2026-03-03T09:00:00Z,good,,,,,\n", "U+007F, a control character in \"card\""),
            (header + "x,d/a,2026-03-03T09:00:00Z,good,,,ph‸\u{85},,\n", "U+0085, a control character in \"device\""),
            (header + "x,d/a,2026-03-03T09:00:00Z,,,undo,,‸\u{9B}1,\n", "U+009B, a control character in \"target\""),
            (header + "x,d/‸\u{202E}a,2026-03-03T09:00:00Z,good,,,,,\n", "U+202E, a bidirectional mark in \"card\""),
            (header + "x,d/a,2026-03-03T09:00:00Z,good,,,,,‸\u{2066}n\n", "U+2066, a bidirectional mark in \"note\""),
            (header + "‸\u{200F},d/a,2026-03-03T09:00:00Z,good,,,,,\n", "U+200F, a bidirectional mark in \"id\""),
            (header + "x,d/a,2026-03-03T09:00:00Z,good‸\u{61C},,,,,\n", "U+061C, a bidirectional mark in \"rating\""),
            (header + "a‸\tb,d/a,2026-03-03T09:00:00Z,good,,,,,\n", "a tab or line break in \"id\""),
            (header + "\"a‸\nb\",d/a,2026-03-03T09:00:00Z,good,,,,,\n", "a tab or line break in \"id\""),
            // Card keys.
            (header + "x,‸x/,2026-03-03T09:00:00Z,good,,,,,\n", "\"card\" must be a card key DECK/CARD"),
            (header + "x,‸/,2026-03-03T09:00:00Z,good,,,,,\n", "found \"/\""),
            (header + "x,‸/a,2026-03-03T09:00:00Z,good,,,,,\n", "neither part empty"),
            (header + "x,‸a//b,2026-03-03T09:00:00Z,good,,,,,\n", "neither part empty"),
            (header + "x,‸nodeck,2026-03-03T09:00:00Z,good,,,,,\n", "neither part empty"),
            (header + "x,‸,2026-03-03T09:00:00Z,good,,,,,\n", "neither part empty"),
            // Numbers and times.
            (header + "x,d/a,2026-03-03T09:00:00Z,good,‸9223372036854775807,,,,\n", "from 0 to 2147483647"),
            (header + "x,d/a,2026-03-03T09:00:00Z,good,‸2147483648,,,,\n", "\"duration_ms\" must be"),
            (header + "x,d/a,2026-03-03T09:00:00Z,good,‸-1,,,,\n", "\"duration_ms\" must be"),
            (header + "x,d/a,2026-03-03T09:00:00Z,good,‸+5,,,,\n", "\"duration_ms\" must be"),
            (header + "x,d/a,‸2026-02-30T09:00:00Z,good,,,,,\n", "2026-02-30 is not a day of the calendar"),
            (header + "x,d/a,‸2026-03-03T09:00:00+25:00,good,,,,,\n", "the offset +25:00 is beyond ±18:00"),
            (header + "x,d/a,‸2026-03-03T09:00:00Z junk,good,,,,,\n", "unexpected text after the time"),
            (header + "x,d/a,‸0000-03-03T09:00:00Z,good,,,,,\n", "the year 0000 is outside 1970 to 9999"),
            (header + "x,d/a,‸99999-03-03T09:00:00Z,good,,,,,\n", "\"reviewed_at\" must be an ISO 8601 time"),
            (header + "x,d/a,‸1969-12-31T23:59:59Z,good,,,,,\n", "the year 1969 is outside 1970 to 9999"),
            (header + "x,d/a,‸1970-01-01T00:30:00+01:00,good,,,,,\n", "outside 1970-01-01T00:00:00Z to 9999"),
            // One content for each id, and one answer for each card and instant.
            (
                header + row + "‸a,d/a,2026-03-03T09:00:00Z,good,1300,,,,\n",
                "the id \"a\" appears twice in the file "
                    + "with different content, lines 2 and 3"
            ),
            (header + row + "‸a,d/b,2026-03-03T09:00:00Z,,,suspend,,,\n", "the id \"a\" appears twice"),
            (
                header + row + "‸,d/a,2026-03-03T09:00:00Z,again,,,,,\n",
                "the card \"d/a\" has two answers at "
                    + "2026-03-03T09:00:00Z (an answer without an id is one per card and instant) in the file with "
                    + "different content, lines 2 and 3"
            ),
        ])
    func refused(_ text: String, _ words: String) {
        let marked = MarkedCSV(text)
        guard case .failure(let problem) = ReviewLogCSV.read(marked.bytes) else {
            Issue.record("took \(text.debugDescription)")
            return
        }
        #expect((problem.line, problem.column) == (marked.line, marked.column), "\(problem)")
        #expect(problem.message.contains(words), "\(problem.message)")
        #expect(!problem.message.unicodeScalars.contains(where: PrintableText.isHidden), "\(problem.message)")
    }

    /// What remains legal reads as written: quotes, commas, line breaks and tabs in a note,
    /// letters of any script, emoji, a deck in a subfolder, the ends of every range.
    @Test func takesExoticButLegalText() throws {
        let text =
            "\u{FEFF}" + Self.header
            + "\"ü \"\"1\"\", 🎉\",deck/sub/card-é,1970-01-01T00:00:00Z,good,2147483647,,\"phone, 📱\",,"
            + "\"line one\nline\ttwo, \"\"q\"\"\"\r\n"
            + "e2,\"deck/a,b\",9999-12-31T23:59:59.999+18:00,,,suspend,日本語,,\n"
            + "  e3  ,deck/a#r,2026-03-03T09:00:00-18:00,,,undo,,e2,\n"
            + "\n"
            + Self.row + Self.row
        let events = try ReviewLogCSV.read(Array(text.utf8)).get()
        #expect(events.count == 5, "an identical row twice is not a clash: the store skips the second")
        #expect(events[0].id == "ü \"1\", 🎉" && events[0].card == "deck/sub/card-é" && events[0].time == 0)
        #expect(events[0].action == .answer(.button(.good), durationMilliseconds: 2_147_483_647))
        #expect(events[0].device == "phone, 📱" && events[0].note == "line one\nline\ttwo, \"q\"")
        #expect(events[1].card == "deck/a,b" && events[1].device == "日本語" && events[1].utcOffset == 64800)
        #expect(events[2].id == "e3" && events[2].action == .undo(target: "e2"))
    }

    /// Among many rows, a clash is still found, and a repeated row still is not one.
    @Test func aClashIsFoundAmongManyRows() throws {
        var text = "id,card,reviewed_at,rating\n"
        for index in 0..<20_000 {
            let time = Timestamp.format(milliseconds: 1_772_528_400_000 + Int64(index) * 1000, offset: 0)
            text += (index.isMultiple(of: 2) ? "e\(index)" : "") + ",d/c\(index % 97),\(time),good\n"
        }
        #expect(try ReviewLogCSV.read(Array(text.utf8)).get().count == 20_000)
        let repeated = text + "e8,d/c8,2026-03-03T09:00:08Z,good\n,d/c9,2026-03-03T09:00:09Z,good\n"
        #expect(try ReviewLogCSV.read(Array(repeated.utf8)).get().count == 20_002)
        // Two devices' answers in one millisecond, each with its id: two answers.
        let twoDevices = text + "x,d/c8,2026-03-03T09:00:08Z,again\n"
        #expect(try ReviewLogCSV.read(Array(twoDevices.utf8)).get().count == 20_001)
        let clashes = [
            ("e8,d/c8,2026-03-03T09:00:08Z,easy\n", "the id \"e8\" appears twice", 10),
            (",d/c9,2026-03-03T09:00:09Z,hard\n", "the id \"d/c9@1772528409000\" appears twice", 11),
            ("x,d/c9,2026-03-03T09:00:09Z,good\n", "the card \"d/c9\" has two answers at 2026-03-03T09:00:09Z", 11),
        ]
        for (row, words, line) in clashes {
            let problem = try #require(ReviewLogCSV.read(Array((text + row).utf8)).failure)
            #expect(problem.line == 20_002 && problem.message.contains(words), "\(problem)")
            #expect(problem.message.hasSuffix("lines \(line) and 20002"), "\(problem)")
        }
    }

    /// The file is read a chunk at a time: any chunk size gives the same events, a multi-byte
    /// character, a doubled quote or a CRLF split across two chunks included.
    @Test(arguments: [1, 2, 3, 7, 64])
    func chunkBoundariesChangeNothing(_ size: Int) throws {
        let text =
            Self.header + "\"ü \"\"1\"\", 🎉\",d/é,2026-03-03T09:00:00Z,good,1,,\"📱\",,\"a\nb\"\r\n"
            + "e2,d/x,2026-03-03T09:01:00+05:30,,,suspend,,,\r\n"
        let bytes = Array(text.utf8)
        var offset = 0
        let chunked = ReviewLogCSV.read(chunks: {
            defer { offset += size }
            return offset < bytes.count ? Array(bytes[offset..<min(offset + size, bytes.count)]) : []
        })
        #expect(try chunked.get() == ReviewLogCSV.read(bytes).get())
        #expect(try chunked.get().count == 2)
        let bad = Array((Self.header + "x,d/a,2026-03-03T09:00:00Z,good,,,ph\u{9B},,\n").utf8)
        offset = 0
        let refused = ReviewLogCSV.read(chunks: {
            defer { offset += size }
            return offset < bad.count ? Array(bad[offset..<min(offset + size, bad.count)]) : []
        })
        guard case .failure(let problem) = refused else {
            Issue.record("took a C1 control")
            return
        }
        #expect((problem.line, problem.column) == (2, 37), "\(problem)")
    }

    /// A line or a quoted field past 1 MB is refused as soon as it is, whatever follows: the
    /// reader asks for no more than a few chunks of an endless file.
    @Test func anEndlessLineOrQuoteStopsAtTheFirstMegabyte() {
        for (start, words, column) in [
            ("card,reviewed_at,rating\nd/a,", "the line is longer than 1 MB", 1),
            ("card,reviewed_at,rating\nd/a,\"", "the quoted field that starts here runs past 1 MB", 5),
        ] {
            var chunks = 0
            let result = ReviewLogCSV.read(chunks: {
                chunks += 1
                return chunks == 1 ? Array(start.utf8) : [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 16)
            })
            guard case .failure(let problem) = result else {
                Issue.record("took an endless line")
                continue
            }
            #expect((problem.line, problem.column) == (2, column) && problem.message.contains(words), "\(problem)")
            #expect(chunks <= 18, "read \(chunks) chunks of 64 KB")
        }
        var chunks = 0
        let commas = ReviewLogCSV.read(chunks: {
            chunks += 1
            return chunks == 1 ? Array("card,reviewed_at,rating\n".utf8) : [UInt8](repeating: 0x2C, count: 1 << 16)
        })
        #expect(commas.failure?.message.contains("more fields than the header's 3") == true)
        #expect(chunks <= 2)
    }
}
