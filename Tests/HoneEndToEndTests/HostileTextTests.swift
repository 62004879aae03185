import Foundation
import Testing

/// Untrusted text at every door of the review log: a hostile CSV is refused whole with its
/// line and column, legal text survives export and import unchanged, `--now` takes only real
/// times, and no output lets a control character or a bidirectional mark out.
@Suite("hostile text, end to end")
struct HostileTextTests {
    static let utc = ["TZ": "UTC"]
    static let header = "id,card,reviewed_at,rating,duration_ms,event,device,target,note\n"

    /// A data folder holding a few events, and its export.
    func withLog() throws -> (HoneProcess, [UInt8]) {
        let hone = try HoneProcess()
        try hone.write(
            "start.csv",
            Self.header + "e1,d/a,2026-03-03T09:00:00Z,good,1200,,phone,,\ne2,d/b,2026-03-03T09:01:00Z,,,suspend,,,\n")
        let imported = try hone.run(["log", "import", "start.csv"], environment: Self.utc)
        #expect(imported.status == 0, "\(imported.stderr)")
        let export = try hone.run(["log", "export"], environment: Self.utc)
        #expect(export.status == 0 && export.stdout.contains("e2,d/b"), "\(export.stderr)")
        return (hone, export.stdoutBytes)
    }

    static let hostile: [(name: String, bytes: [UInt8], message: String)] = {
        func row(_ text: String) -> [UInt8] { Array((header + text + "\n").utf8) }
        var garbage = SplitMixBytes(seed: 18)
        return [
            ("quote", row("x,d/a,2026-03-03T09:00:00Z,go\"od,,,,,"), ":2:30: a quote inside a field"),
            ("extra", row("x,d/a,2026-03-03T09:00:00Z,good,,,,,,extra"), ":2:38: the row has more fields"),
            ("short", row("x,d/a,2026-03-03T09:00:00Z,good"), ":2:32: the row has 4 fields; the header has 9"),
            (
                "utf8",
                Array(header.utf8) + Array("x,d/".utf8) + [0xC3, 0x28]
                    + Array(",2026-03-03T09:00:00Z,good,,,,,\n".utf8),
                ":2:5: invalid UTF-8"
            ),
            (
                "unclosed", row("x,\"d/a,2026-03-03T09:00:00Z,good,,,,,"),
                ":2:3: the quoted field that starts here is not closed"
            ),
            ("x/", row("x,x/,2026-03-03T09:00:00Z,good,,,,,"), ":2:3: \"card\" must be a card key DECK/CARD"),
            ("slash", row("x,/,2026-03-03T09:00:00Z,good,,,,,"), ":2:3: \"card\" must be a card key DECK/CARD"),
            ("nul", row("x\u{0}y,d/a,2026-03-03T09:00:00Z,good,,,,,"), ":2:2: U+0000, a control character in \"id\""),
            (
                "esc", row("x\u{1B}]0;owned\u{7},d/a,2026-03-03T09:00:00Z,good,,,,,"),
                ":2:2: U+001B, a control character"
            ),
            (
                "c1", row("x,d/a,2026-03-03T09:00:00Z,good,,,ph\u{9B}2J,,"),
                ":2:37: U+009B, a control character in \"device\""
            ),
            (
                "nel", row("x,d/a,2026-03-03T09:00:00Z,,,undo,,t\u{85},"),
                ":2:37: U+0085, a control character in \"target\""
            ),
            (
                "bidi", row("x,d/\u{202E}a,2026-03-03T09:00:00Z,good,,,,,"),
                ":2:5: U+202E, a bidirectional mark in \"card\""
            ),
            (
                "duration", row("x,d/a,2026-03-03T09:00:00Z,good,9223372036854775807,,,,"),
                ":2:33: \"duration_ms\" must be"
            ),
            ("feb30", row("x,d/a,2026-02-30T09:00:00Z,good,,,,,"), ":2:7: \"reviewed_at\" must be an ISO 8601 time"),
            ("year", row("x,d/a,99999-03-03T09:00:00Z,good,,,,,"), ":2:7: \"reviewed_at\" must be"),
            (
                "offset", row("x,d/a,2026-03-03T09:00:00+25:00,good,,,,,"),
                ":2:7: \"reviewed_at\" must be an ISO 8601 time"
            ),
            (
                "twice", row("x,d/a,2026-03-03T09:00:00Z,good,,,,,\nx,d/a,2026-03-03T09:00:00Z,easy,,,,,"),
                ":3:1: the id \"x\" appears twice in the file with different content, lines 2 and 3"
            ),
            (
                "binary", [0x00, 0x01, 0xFF] + (0..<4096).map { _ in garbage.next() },
                ":1:1: U+0000, a control character"
            ),
            (
                "endless", Array("card,reviewed_at,rating\n".utf8) + [UInt8](repeating: 0x41, count: 3 << 20),
                ":2:1: the line is longer than 1 MB"
            ),
        ]
    }()

    /// Each file is refused with its line, column and reason, nothing of it imported: the
    /// export after is the export before, byte for byte.
    @Test func aHostileFileIsRefusedWholeAndTheLogIsUnchanged() throws {
        let (hone, before) = try withLog()
        for (name, bytes, message) in Self.hostile {
            try hone.write("\(name).csv", bytes: bytes)
            let imported = try hone.run(["log", "import", "\(name).csv"], environment: Self.utc)
            #expect(imported.status == 1, "\(name): \(imported.stdout)")
            #expect(imported.stderr.contains("\(name).csv" + message), "\(name): \(imported.stderr)")
            #expect(imported.stderr.contains("nothing was imported"), "\(name): \(imported.stderr)")
            #expect(Self.firstUnsafeByte(Array(imported.stderr.utf8)) == nil, "\(name): \(imported.stderr)")
            let after = try hone.run(["log", "export"], environment: Self.utc)
            #expect(after.stdoutBytes == before, "\(name) changed the log")
        }
    }

    /// Quotes, commas, a multi-line note with a tab, letters of any script, emoji, a deck in a
    /// subfolder: an export of them imports into an empty data folder and exports the same.
    @Test func legalExoticTextExportsAndImportsBackTheSame() throws {
        let hone = try HoneProcess()
        try hone.write(
            "exotic.csv",
            Self.header
                + "\"ü \"\"1\"\", 🎉\",deck/sub/card-é,2026-03-03T09:00:00+05:30,good,1500,,\"phone, 📱\",,"
                + "\"line one\nline\ttwo, \"\"q\"\"\"\n"
                + "e2,\"deck/a,b\",2026-03-03T09:01:00Z,,,suspend,日本語,,\n"
                + "e3,\"deck/a,b\",2026-03-03T09:02:00Z,,,undo,,e2,\n")
        #expect(try hone.run(["log", "import", "exotic.csv"], environment: Self.utc).status == 0)
        let first = try hone.run(["log", "export", "--out", "first.csv"], environment: Self.utc)
        #expect(first.status == 0, "\(first.stderr)")
        let imported = try hone.run(["log", "import", "first.csv", "--data", "other"], environment: Self.utc)
        #expect(imported.status == 0 && imported.stdout.contains("imported 3 events"), "\(imported.stderr)")
        let second = try hone.run(["log", "export", "--data", "other"], environment: Self.utc)
        let exported = try hone.read("first.csv")
        #expect(second.stdoutBytes == exported)
        #expect(String(decoding: exported, as: UTF8.self).contains("\"line one\nline\ttwo, \"\"q\"\"\""))
        #expect(Self.firstUnsafeByte(exported, allowingTab: true) == nil)
    }

    /// Deck text is another door: a deck's name, skill and card text with escape sequences, C1
    /// controls and bidirectional marks. Every JSON and CSV output shows them as escapes or
    /// leaves them out. A card id with an override can no longer reach the log (the deck reader
    /// refuses it), but a log an older hone filled can hold one: the export, which has no
    /// escape, refuses it.
    @Test func noOutputLetsAControlCharacterOut() throws {
        let hone = try HoneProcess()
        try hone.write(
            "decks/evil.toml",
            """
            [deck]
            name = "Evil\\u001B]0;owned\\u0007 deck\\u009B2J"
            skill = "Sk\\u202Eill\\u0085"

            [[card]]
            id = "c1"
            q = "Prompt \\u001B[31mred \\u009B2J \\u202E \\u2066 \\u200F \\u061C \\u007F \\u0000"
            a = "Answer\\u0085\\u200E"

            """)
        let now = ["--now", "2026-03-03T09:00:00Z"]
        let session = try hone.run(["practice"] + now, environment: Self.utc, stdin: "\ngood\n:quit\n")
        #expect(session.status == 0, "\(session.stderr)")
        for command in [
            ["cards", "--json"], ["card", "evil/c1", "--json"], ["status", "--json"], ["stats", "--json"],
            ["stats", "--csv"], ["log", "export", "--format", "fsrs"],
        ] {
            let output = try hone.run(command + now, environment: Self.utc)
            #expect(output.status == 0, "\(command): \(output.stderr)")
            #expect(output.stdout.count > 10, "\(command)")
            #expect(Self.firstUnsafeByte(output.stdoutBytes) == nil, "\(command): \(output.stdout)")
        }
        let card = try hone.run(["card", "evil/c1", "--json"] + now, environment: Self.utc)
        #expect(
            card.stdout.contains(#""front":"Prompt \u001b[31mred \u009b2J \u202e \u2066 \u200f \u061c \u007f \u0000""#))
        // An answer an older hone let in, written as it would have: a card key with an override.
        let tamper = Process()
        tamper.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tamper.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO event_log "
                + "(card, at_ms, id, utc_offset, event, rating) "
                + "VALUES ('evil/c\u{202E}2', 1, '', 0, 'answer', 'good')\"); "
                + "c.commit()",
            hone.home.appendingPathComponent(".local/share/hone/hone.sqlite").path,
        ]
        try tamper.run()
        tamper.waitUntilExit()
        #expect(tamper.terminationStatus == 0)
        let export = try hone.run(["log", "export"] + now, environment: Self.utc)
        #expect(export.status == 1 && export.stdout.isEmpty, "\(export.stdout)")
        #expect(
            export.stderr.contains("has U+202E in its") && export.stderr.contains("nothing was exported"),
            "\(export.stderr)")
        #expect(Self.firstUnsafeByte(Array(export.stderr.utf8)) == nil, "\(export.stderr)")
    }

    /// `--now` takes a real time from 1970 to 9999 and nothing after it; the refusal names the
    /// option and what is accepted, and nothing is written.
    @Test func nowIsStrict() throws {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", "[[card]]\nid = \"a\"\nq = \"Q\"\na = \"A\"\n")
        for bad in ["2026-02-30", "2026-03-03T09:00:00+25:00", "2026-03-03T09:00:00Zjunk", "0000-01-01", "99999-01-01"]
        {
            let session = try hone.run(["practice", "--now", bad], environment: Self.utc, stdin: "\ngood\n:quit\n")
            #expect(session.status == 2, "\(bad): \(session.stdout)")
            #expect(session.stderr.hasPrefix("hone: error: --now: expected an ISO 8601 time"), "\(session.stderr)")
            #expect(session.stderr.contains("years 1970 to 9999"), "\(session.stderr)")
            let fromEnvironment = try hone.run(["status"], environment: Self.utc.merging(["HONE_NOW": bad]) { $1 })
            #expect(fromEnvironment.status == 2 && fromEnvironment.stderr.contains("$HONE_NOW: expected"))
        }
        let export = try hone.run(["log", "export"], environment: Self.utc)
        #expect(export.stdout.split(separator: "\n").count == 1, "only the header: \(export.stdout)")
        // Far ahead is still fine.
        let ahead = try hone.run(["status", "--json", "--now", "9999-12-31T23:00:00+18:00"], environment: Self.utc)
        #expect(ahead.status == 0, "\(ahead.stderr)")
    }

    /// Where `bytes` hold a control character (tab only where allowed; line feed is allowed:
    /// every output ends its lines with one) or the UTF-8 of a C1 control or a bidirectional mark.
    static func firstUnsafeByte(_ bytes: [UInt8], allowingTab: Bool = false) -> Int? {
        for (index, byte) in bytes.enumerated() {
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            let third = index + 2 < bytes.count ? bytes[index + 2] : 0
            switch byte {
            case 0x0A: continue
            case 0x09 where allowingTab: continue
            case 0x00..<0x20, 0x7F: return index
            case 0xC2 where (0x80...0x9F).contains(next): return index
            case 0xD8 where next == 0x9C: return index
            case 0xE2 where next == 0x80 && ([0x8E, 0x8F] + Array(0xAA...0xAE)).contains(third): return index
            case 0xE2 where next == 0x81 && (0xA6...0xA9).contains(third): return index
            default: continue
            }
        }
        return nil
    }
}

/// Reproducible garbage bytes.
struct SplitMixBytes {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt8 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt8(truncatingIfNeeded: z ^ (z >> 31))
    }
}
