import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a deck folder can hold besides deck files, and what a file's name or an id can hold:
/// hone finishes, names what it skipped (made visible), and every other deck works.
@Suite("odd things in the deck folder, end to end")
struct DeckFolderHazardTests {
    static let now = "2026-03-03T09:00:00Z"
    static let good = """
        [[card]]
        id = "one"
        q = "What do acquaintances need from you?"
        a = "A clear picture of what you seek"
        """

    /// Runs hone and waits at most `seconds` for it: a hone that hangs is killed, and the test
    /// fails on that instead of hanging itself.
    static func run(
        _ hone: HoneProcess, _ arguments: [String], stdin: String = "", seconds: Double = 10
    ) throws -> HoneProcess.Output {
        let running = try hone.start(arguments, stdin: stdin)
        let deadline = Date().addingTimeInterval(seconds)
        while running.process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let hung = running.process.isRunning
        if hung { kill(running.process.processIdentifier, SIGKILL) }
        let output = try running.finish()
        #expect(!hung, "hone \(arguments.joined(separator: " ")) was still running after \(seconds) s")
        return output
    }

    /// The status and the check of the deck folder: both finish, name `skipped` on stderr with
    /// `reason`, and the good deck is there.
    static func expectSkipped(_ hone: HoneProcess, _ skipped: String, _ reason: String) throws {
        let status = try run(hone, ["status", "--now", now])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("good"), "\(status.stdout)")
        #expect(status.stderr.contains("hone: warning: skipped decks/\(skipped): \(reason)"), "\(status.stderr)")

        let check = try run(hone, ["check"])
        #expect(check.status == 0, "the other deck has no problem: \(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("checked 1 file (1 card ready to practise): no problems"), "\(check.stdout)")
        #expect(check.stderr.contains("hone: warning: skipped decks/\(skipped): \(reason)"), "\(check.stderr)")
    }

    @Test func aNamedPipeIsSkippedNotWaitedOn() throws {
        let hone = try HoneProcess()
        try hone.write("decks/good.toml", Self.good)
        #expect(mkfifo(hone.home.appendingPathComponent("decks/x.toml").path, 0o644) == 0)
        try Self.expectSkipped(hone, "x.toml", "is a named pipe (FIFO), not a regular file")

        // Given by path it is an error, named, and no wait either.
        let check = try Self.run(hone, ["check", "decks/x.toml"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("decks/x.toml:1:1: error: is a named pipe (FIFO), not a regular file"))
    }

    @Test func aConfigFileThatIsAPipeIsNamedNotWaitedOn() throws {
        let hone = try HoneProcess()
        try hone.write("decks/good.toml", Self.good)
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent(".config/hone"), withIntermediateDirectories: true)
        #expect(mkfifo(hone.home.appendingPathComponent(".config/hone/config.toml").path, 0o644) == 0)
        for arguments in [["status", "--now", Self.now], ["check"]] {
            let result = try Self.run(hone, arguments)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(
                result.stderr.contains("config.toml: is a named pipe (FIFO), not a regular file"), "\(result.stderr)")
        }
    }

    @Test(arguments: ["/dev/zero", "/dev/urandom"])
    func aLinkToADeviceIsSkipped(_ device: String) throws {
        let hone = try HoneProcess()
        try hone.write("decks/good.toml", Self.good)
        try FileManager.default.createSymbolicLink(
            atPath: hone.home.appendingPathComponent("decks/device.toml").path, withDestinationPath: device)
        try Self.expectSkipped(hone, "device.toml", "is a device, not a regular file")
    }

    @Test func aLinkToARegularFileIsADeck() throws {
        let hone = try HoneProcess()
        try hone.write("elsewhere/good.toml", Self.good)
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("decks"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: hone.home.appendingPathComponent("decks/good.toml").path,
            withDestinationPath: hone.home.appendingPathComponent("elsewhere/good.toml").path)
        let status = try Self.run(hone, ["status", "--now", Self.now])
        #expect(status.status == 0 && status.stderr.isEmpty, "\(status.stderr)")
        #expect(status.stdout.contains("good"))
    }

    @Test func aFileOverTheConfiguredLimitIsSkipped() throws {
        let hone = try HoneProcess()
        try hone.write("decks/good.toml", Self.good)
        let large = (0..<20).map { "[[card]]\nid = \"c\($0)\"\nq = \"Question \($0)?\"\na = \"Answer\"\n" }.joined()
        try hone.write("decks/large.toml", large)
        try hone.write(".config/hone/config.toml", "[decks]\nmax_file_size = 500\n")
        try Self.expectSkipped(hone, "large.toml", "is \(large.utf8.count) bytes, over the limit of 500 bytes")

        // Without the setting the default (64 MB) lets it in.
        try hone.write(".config/hone/config.toml", "")
        let status = try Self.run(hone, ["status", "--now", Self.now])
        #expect(status.stderr.isEmpty, "\(status.stderr)")
        #expect(status.stdout.contains("large"))
    }

    @Test func aFolderNamedLikeADeckIsWalked() throws {
        let hone = try HoneProcess()
        try hone.write("decks/good.toml", Self.good)
        try hone.write("decks/d.toml/inner.toml", Self.good.replacingOccurrences(of: "one", with: "two"))
        let status = try Self.run(hone, ["status", "--now", Self.now])
        #expect(status.status == 0 && status.stderr.isEmpty, "\(status.stderr)")
        #expect(status.stdout.contains("inner") && status.stdout.contains("good"), "\(status.stdout)")
        let check = try Self.run(hone, ["check"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("checked 2 files"), "\(check.stdout)")
    }

    @Test func anUnreadableFileIsSkipped() throws {
        let hone = try HoneProcess()
        try hone.write("decks/good.toml", Self.good)
        // A link to itself cannot be opened by anyone, root included.
        try FileManager.default.createSymbolicLink(
            atPath: hone.home.appendingPathComponent("decks/loop.toml").path, withDestinationPath: "loop.toml")
        try Self.expectSkipped(hone, "loop.toml", "cannot open: Too many levels of symbolic links")

        // A file without read permission is unreadable too, but not to root, who reads it
        // anyway (the tests run as root in the CI container): this variant only runs otherwise.
        if geteuid() != 0 {
            try FileManager.default.removeItem(at: hone.home.appendingPathComponent("decks/loop.toml"))
            try hone.write("decks/closed.toml", Self.good.replacingOccurrences(of: "one", with: "two"))
            #expect(chmod(hone.home.appendingPathComponent("decks/closed.toml").path, 0) == 0)
            try Self.expectSkipped(hone, "closed.toml", "cannot open: Permission denied")
        }
    }

    /// No terminal control byte: C0 but the line feed, DEL, and C1 (as UTF-8, 0xC2 0x80-0x9F).
    static func controlBytes(_ bytes: [UInt8]) -> [UInt8] {
        var found: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { found.append(byte) }
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                found.append(bytes[index + 1])
            }
        }
        return found
    }

    @Test func aDeckFileNamedWithEscapesIsAnErrorShownVisibly() throws {
        let hone = try HoneProcess()
        try hone.write("decks/good.toml", Self.good)
        let name = "x\u{1B}]0;title\u{07}.toml"
        try hone.write("decks/" + name, Self.good.replacingOccurrences(of: "What do", with: "Why do"))

        let check = try Self.run(hone, ["check"])
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                ":1:1: error: the deck's id comes from the file's path, \"x\\u{1B}]0;title\\u{7}\", which holds "
                    + "a control character (U+001B)"), "\(check.stdout)")
        let status = try Self.run(hone, ["status", "--now", Self.now])
        #expect(status.status == 0)
        #expect(status.stdout.contains("good"))
        let session = try Self.run(hone, ["--now", Self.now], stdin: "\ngood\n\ngood\n:quit\n")
        #expect(session.stdout.contains("What do acquaintances"))
        #expect(!session.stdout.contains("Why do acquaintances"), "the deck named so is not practised")
        let export = try Self.run(hone, ["log", "export"])
        #expect(export.status == 0)
        #expect(export.stdout.contains("good/one"), "\(export.stdout)")
        for output in [check, status, session, export] {
            #expect(Self.controlBytes(output.stdoutBytes) == [], "\(output.stdout)")
            #expect(Self.controlBytes(Array(output.stderr.utf8)) == [], "\(output.stderr)")
        }
    }

    @Test(arguments: [
        ("\\u001B]0;t\\u0007", "a control character (U+001B)"),
        ("a\\u202Eb", "a bidirectional formatting character (U+202E)"),
    ])
    func aCardIDThatATerminalWouldActOnIsAnError(_ escaped: String, _ named: String) throws {
        let hone = try HoneProcess()
        try hone.write("decks/good.toml", Self.good)
        try hone.write("decks/bad.toml", "[[card]]\nq = \"?\"\nid = \"\(escaped)\"\na = \"!\"\n")
        let check = try Self.run(hone, ["check"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("decks/bad.toml:3:6: error: an id cannot contain \(named)"), "\(check.stdout)")
        let status = try Self.run(hone, ["status", "--now", Self.now])
        #expect(status.stdout.contains("good"))
        #expect(status.stderr.contains("skipped 1 deck with errors (see `hone check`): decks/bad.toml"))
    }
}
