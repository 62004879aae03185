import Foundation
import Testing

/// Output that cannot be written, end to end: standard output on a full disk, closed, or a pipe
/// whose reader has gone, and `--out` / `--html` onto links, FIFOs, folders and a full disk.
/// Each ends with one line naming what failed and status 1, never a crash, and a file hone
/// writes is whole or left as it was.
@Suite("output faults, end to end")
struct OutputFaultTests {
    static let now = "2026-03-20T09:00:00Z"

    /// A hone with a deck and `count` answers in its log (`data`), one a minute, each to its
    /// own card.
    static func withHistory(answers count: Int) throws -> HoneProcess {
        let hone = try HoneProcess()
        try hone.write(
            "decks/d.toml",
            "[[card]]\nid = \"c0\"\nq = \"?\"\na = \"!\"\n\n[[card]]\nid = \"new\"\nq = \"¿\"\na = \"¡\"\n")
        try hone.write("log.csv", StoreFaultTests.csv(count: count))
        let imported = try hone.run(["log", "import", "log.csv", "--data", "data"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return hone
    }

    /// Runs hone with standard output redirected by the shell (`redirect`: `>/dev/full`, `>&-`),
    /// and returns its status, its standard error, and whether a signal ended it.
    static func run(_ hone: HoneProcess, _ arguments: [String], stdout redirect: String) throws -> (
        status: Int32, stderr: String, signalled: Bool
    ) {
        let running = try hone.start(arguments, launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\" \(redirect)"])
        let result = try running.finish()
        return (result.status, result.stderr, running.process.terminationReason == .uncaughtSignal)
    }

    static let commands: [[String]] = [
        ["log", "export"], ["stats"], ["stats", "--json"], ["cards", "--json"], ["status"], ["check", "--json"],
        ["--help"],
    ]

    @Test(arguments: commands)
    func aFullDiskOnStandardOutputIsOneLineAndStatusOne(command: [String]) throws {
        let hone = try Self.withHistory(answers: 3)
        let arguments = command + ["--decks", "decks", "--data", "data", "--now", Self.now]
        let result = try Self.run(hone, arguments, stdout: ">/dev/full")
        #expect(!result.signalled, "\(result.stderr)")
        #expect(result.status == 1)
        #expect(result.stderr == "hone: error: cannot write to standard output: No space left on device\n")
    }

    /// `hone status >&-`: the closed stream is reported, and the status line lands nowhere else
    /// (not in the database, which hone opens after the stream was found closed).
    @Test(arguments: [["status"], ["log", "export"], ["suspend", "d/c0"]])
    func aClosedStandardOutputIsReportedAndWritesNowhereElse(command: [String]) throws {
        let hone = try Self.withHistory(answers: 3)
        let arguments = command + ["--decks", "decks", "--data", "data", "--now", Self.now]
        let result = try Self.run(hone, arguments, stdout: ">&-")
        #expect(!result.signalled, "\(result.stderr)")
        #expect(result.status == 1)
        #expect(result.stderr == "hone: error: cannot write to standard output: Bad file descriptor\n")
        let doctor = try hone.run(["doctor", "--decks", "decks", "--data", "data", "--now", Self.now])
        #expect(doctor.status == 0 && doctor.stdout.contains("integrity check: ok"), "\(doctor.stdout)")
    }

    /// A session whose output cannot be written ends at once, as at the end of its input: no
    /// answer is taken from input nobody saw the cards for, and the failure is the error.
    @Test func aSessionWhoseOutputFailsEndsWithoutTakingAnAnswer() throws {
        let hone = try Self.withHistory(answers: 3)
        let running = try hone.start(
            ["practice", "--decks", "decks", "--data", "data", "--now", Self.now],
            stdin: "\ngood\n\ngood\n", launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\" >/dev/full"])
        let result = try running.finish()
        #expect(running.process.terminationReason == .exit, "\(result.stderr)")
        #expect(result.status == 1)
        #expect(result.stderr == "hone: error: cannot write to standard output: No space left on device\n")
        let export = try hone.run(["log", "export", "--data", "data"])
        #expect(export.stdout.split(separator: "\n").count == 4, "the header and the 3 answers imported")
    }

    /// `hone log export | head -1`: the reader stops after a line, hone ends quietly with 141,
    /// the status a shell shows for a program SIGPIPE ended, but by exiting, not by the signal.
    @Test func aPipeWhoseReaderLeavesEndsQuietlyWith141() throws {
        // About 550 KB of CSV: far more than a pipe holds, so hone is still writing.
        let hone = try Self.withHistory(answers: 5000)
        let running = try hone.start(["log", "export", "--data", "data", "--decks", "decks"])
        let reader = running.output.fileHandleForReading
        var first = Data()
        while !first.contains(UInt8(ascii: "\n")) {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            first.append(chunk)
        }
        try reader.close()
        #expect(String(decoding: first, as: UTF8.self).hasPrefix("id,card,reviewed_at"))
        try running.input.close()
        let errors = running.error.fileHandleForReading.readDataToEndOfFile()
        running.process.waitUntilExit()
        #expect(running.process.terminationReason == .exit, "ended by signal \(running.process.terminationStatus)")
        #expect(running.process.terminationStatus == 141)
        #expect(errors.isEmpty, "\(String(decoding: errors, as: UTF8.self))")
    }

    /// `--out` onto a link to a file replaces the file's content and keeps the link a link.
    @Test func outOntoALinkReplacesTheFileItPointsTo() throws {
        let hone = try Self.withHistory(answers: 3)
        try hone.write("exports/real.csv", "old\n")
        let link = hone.home.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "exports/real.csv")
        let written = try hone.run(["log", "export", "--data", "data", "--out", "link.csv"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "exports/real.csv")
        let export = try hone.run(["log", "export", "--data", "data"])
        #expect(try hone.read("exports/real.csv") == export.stdoutBytes)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: hone.home.path).filter { $0.hasPrefix(".") }
                .isEmpty)
    }

    /// `--out` onto what is not a regular file (a FIFO, a link to one, a folder): refused with
    /// one line naming it, and the thing left as it was.
    @Test(arguments: [
        ("fifo", "it is a FIFO"), ("fifo-link", "it links to fifo, a FIFO"), ("folder", "it is a folder"),
    ])
    func outOntoWhatIsNotAFileIsRefused(name: String, reason: String) throws {
        let hone = try Self.withHistory(answers: 3)
        let fifo = hone.home.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: hone.home.appendingPathComponent("fifo-link").path, withDestinationPath: "fifo")
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("folder"), withIntermediateDirectories: false)
        let before = try Self.listing(hone.home)
        let result = try hone.run(["log", "export", "--data", "data", "--out", name])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("hone: error: cannot write \(name): \(reason)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try Self.listing(hone.home) == before)
    }

    /// `--html` onto a link to a file, and onto a FIFO: the same rules as `--out`.
    @Test func htmlFollowsALinkAndRefusesAFIFO() throws {
        let hone = try Self.withHistory(answers: 3)
        try hone.write("pages/real.html", "old\n")
        let link = hone.home.appendingPathComponent("report.html").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "pages/real.html")
        let arguments = ["stats", "--decks", "decks", "--data", "data", "--now", Self.now, "--html"]
        let written = try hone.run(arguments + ["report.html"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "pages/real.html")
        #expect(String(decoding: try hone.read("pages/real.html"), as: UTF8.self).hasPrefix("<!doctype html>"))

        let fifo = hone.home.appendingPathComponent("page.fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let refused = try hone.run(arguments + ["page.fifo"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("hone: error: cannot write page.fifo: it is a FIFO"), "\(refused.stderr)")
        #expect(try Self.listing(hone.home).contains("page.fifo fifo"))
    }

    /// `--out` into a disk that fills up: one line naming the file and the reason, the file
    /// that was there before left whole, and no temporary file behind.
    @Test(
        .enabled(
            if: SmallDisk.shouldRun,
            "no small disk: unshare and nsenter missing, or user namespaces barred (fails instead as root or in CI)"))
    func outOntoAFullDiskLeavesThePreviousFileAndNoTemporary() throws {
        let hone = try Self.withHistory(answers: 5000)
        let mountPoint = hone.home.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let disk = try SmallDisk(at: mountPoint, size: "256k")
        defer { disk.unmount() }
        let onDisk = disk.launcher(in: hone.home)
        let old = "id,card\nkept,as it was\n"
        #expect(
            try Self.shell("printf '\(old)' > small/backup.csv && ls -A small", on: disk, in: hone) == "backup.csv\n")
        let full = try hone.run(["log", "export", "--data", "data", "--out", "small/backup.csv"], launcher: onDisk)
        #expect(full.status == 1)
        #expect(full.stderr == "hone: error: cannot write small/backup.csv: No space left on device\n")
        #expect(try Self.shell("cat small/backup.csv && ls -A small", on: disk, in: hone) == old + "backup.csv\n")
    }

    /// What `script` prints, run by sh from `hone`'s home inside `disk`'s namespaces (where
    /// the small disk is mounted).
    static func shell(_ script: String, on disk: SmallDisk, in hone: HoneProcess) throws -> String {
        let launcher = disk.launcher(in: hone.home)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher[0])
        process.arguments = Array(launcher.dropFirst()) + ["/bin/sh", "-c", script]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: printed, as: UTF8.self)
    }

    /// Every entry of `folder` with its kind, sorted: what a refused write must leave alone.
    static func listing(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
            var info = stat()
            lstat(folder.appendingPathComponent(name).path, &info)
            let kinds: [mode_t: String] = [S_IFREG: "file", S_IFDIR: "folder", S_IFIFO: "fifo", S_IFLNK: "link"]
            return "\(name) \(kinds[info.st_mode & S_IFMT] ?? "other")"
        }
    }
}
