import Foundation
import Testing

/// The progress store under the faults a learner's machine meets: a killed process, two
/// hones at once, files that are not hone's, a read-only folder, a full disk.
@Suite("store faults, end to end", .serialized)
struct StoreFaultTests {
    static let deck = "[[card]]\nid = \"a\"\nq = \"?\"\na = \"!\"\n"

    /// A CSV of `count` answers to distinct cards, one a minute from `start`.
    static func csv(count: Int, prefix: String = "d/c", start: Int = 0) -> String {
        var text = "card,reviewed_at,rating\n"
        let base = 1_772_528_400 + start * 60
        for index in 0..<count {
            let date = Date(timeIntervalSince1970: TimeInterval(base + index * 60))
            text += "\(prefix)\(index),\(ISO8601DateFormatter().string(from: date)),good\n"
        }
        return text
    }

    func answers(_ hone: HoneProcess, data: String = "data", launcher: [String] = []) throws -> Int {
        let export = try hone.run(["log", "export", "--data", data, "--decks", "decks"], launcher: launcher)
        #expect(export.status == 0, "\(export.stderr)")
        return export.stdout.split(separator: "\n").count - 1
    }

    @Test func importedHistoryExportsAndReimportsToTheSameStates() throws {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", "[[card]]\nid = \"c\"\nq = \"?\"\na = \"!\"\n")
        try hone.write(
            "log.csv",
            "card,reviewed_at,rating\nd/c,2026-03-03T09:00:00+01:00,good\nd/c,2026-03-03T09:10:00+01:00,good\n"
                + "d/c,2026-03-04T09:00:00+01:00,3\n"
        )
        #expect(try hone.run(["log", "import", "log.csv", "--data", "one"]).status == 0)
        let exported = try hone.run(["log", "export", "--data", "one", "--out", "backup.csv"])
        #expect(exported.status == 0)
        #expect(try hone.run(["log", "import", "backup.csv", "--data", "two"]).status == 0)
        let first = try hone.run(["cards", "--json", "--data", "one", "--now", "2026-03-05T09:00:00Z"])
        let second = try hone.run(["cards", "--json", "--data", "two", "--now", "2026-03-05T09:00:00Z"])
        #expect(first.status == 0 && first.stdout == second.stdout)
        #expect(first.stdout.contains("\"state\":\"review\""))
        let again = try hone.run(["log", "import", "backup.csv", "--data", "two"])
        #expect(again.stdout.contains("imported 0 answers") && again.stdout.contains("skipped 3"))
    }

    @Test func aBadRowImportsNothing() throws {
        let hone = try HoneProcess()
        try hone.write(
            "bad.csv", "card,reviewed_at,rating\nd/a,2026-03-03T09:00:00Z,good\nd/b,2026-03-03T09:01:00Z,splendid\n")
        let result = try hone.run(["log", "import", "bad.csv", "--data", "data"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.csv:3:26:") && result.stderr.contains("nothing was imported"))
        #expect(try answers(hone) == 0)
    }

    @Test func aKilledImportLosesNothingCommittedAndLeavesASoundDatabase() throws {
        let hone = try HoneProcess()
        try hone.write("first.csv", Self.csv(count: 50, prefix: "d/kept"))
        #expect(try hone.run(["log", "import", "first.csv", "--data", "data"]).status == 0)
        try hone.write("big.csv", Self.csv(count: 200_000, prefix: "d/big", start: 100))
        for delay in [0.15, 0.4, 0.8] {
            let process = Process()
            process.executableURL = HoneProcess.binary
            process.arguments = ["log", "import", "big.csv", "--data", "data"]
            process.currentDirectoryURL = hone.home
            process.environment = ["HOME": hone.home.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let count = try answers(hone)
            #expect(count == 50 || count == 200_050, "a transaction is all or nothing: \(count)")
            let doctor = try hone.run(["doctor", "--data", "data"])
            #expect(
                doctor.status == 0 && doctor.stdout.contains("integrity check: ok"), "\(doctor.stdout)\(doctor.stderr)")
            if count == 200_050 { break }
        }
    }

    @Test func twoHonesAnsweringAtOnceLoseNothing() throws {
        let hone = try HoneProcess()
        for index in 0..<30 {
            try hone.write("a\(index).csv", "card,reviewed_at,rating\nd/a\(index),2026-03-03T09:00:00Z,good\n")
            try hone.write("b\(index).csv", "card,reviewed_at,rating\nd/b\(index),2026-03-03T09:00:00Z,good\n")
        }
        #expect(try hone.run(["log", "export", "--data", "data"]).status == 0)
        let script = { (side: String) in
            "for i in $(seq 0 29); do \(HoneProcess.binary.path) log import \(side)$i.csv --data data >/dev/null "
                + "|| echo FAILED $?; done"
        }
        let processes = try ["a", "b"].map { side -> (Process, Pipe) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script(side)]
            process.currentDirectoryURL = hone.home
            process.environment = ["HOME": hone.home.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            return (process, pipe)
        }
        for (process, pipe) in processes {
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(!output.contains("FAILED") && !output.contains("locked"), "\(output)")
        }
        #expect(try answers(hone) == 60)
    }

    @Test func aDamagedDatabaseGetsAClearErrorAndIsLeftUntouched() throws {
        let hone = try HoneProcess()
        try hone.write("log.csv", Self.csv(count: 2000))
        #expect(try hone.run(["log", "import", "log.csv", "--data", "data"]).status == 0)
        let path = hone.home.appendingPathComponent("data/hone.sqlite").path
        // Fold the write-ahead log in, then scribble over the middle of the file.
        _ = try hone.run(["doctor", "--data", "data"])
        var bytes = try hone.read("data/hone.sqlite")
        for index in 8192..<min(bytes.count, 40_960) { bytes[index] = 0x5A }
        try hone.write("data/hone.sqlite", bytes: bytes)
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        let doctor = try hone.run(["doctor", "--data", "data"])
        #expect(doctor.status == 1)
        #expect((doctor.stdout + doctor.stderr).contains("damaged"), "\(doctor.stdout)\(doctor.stderr)")
        let export = try hone.run(["cards", "--data", "data"])
        #expect(export.status == 1 && export.stderr.contains("damaged"), "\(export.stderr)")
        #expect(try hone.read("data/hone.sqlite") == bytes, "the damaged file is left as it was")
    }

    /// A disk of 1 MiB fills up, then turns read-only: a clear error each time, and the answers
    /// saved before it filled are all there. The disk is a tmpfs in a user namespace of the
    /// test's own, so this runs without root; where user namespaces are barred it shows as skipped.
    @Test(
        .enabled(
            if: SmallDisk.shouldRun,
            "no small disk: unshare and nsenter missing, or user namespaces barred (fails instead as root or in CI)"))
    func aReadOnlyFolderAndAFullDiskGetAClearErrorWithTheEarlierDataIntact() throws {
        let hone = try HoneProcess()
        let mountPoint = hone.home.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let disk = try SmallDisk(at: mountPoint, size: "1m")
        defer { disk.unmount() }
        let onDisk = disk.launcher(in: hone.home)
        try hone.write("few.csv", Self.csv(count: 20))
        #expect(try hone.run(["log", "import", "few.csv", "--data", "small/data"], launcher: onDisk).status == 0)
        try hone.write("many.csv", Self.csv(count: 60_000, prefix: "d/many", start: 100))
        let full = try hone.run(["log", "import", "many.csv", "--data", "small/data"], launcher: onDisk)
        #expect(full.status == 1)
        #expect(full.stderr.contains("full"), "\(full.stderr)")
        // The failed transaction's frames do not stay behind in a full-size write-ahead log.
        let walSize = "test \"$(stat -c %s small/data/hone.sqlite-wal)\" -lt 65536"
        #expect(try disk.run(["/bin/sh", "-c", walSize], in: hone.home) == 0, "a large -wal is left behind")
        #expect(try answers(hone, data: "small/data", launcher: onDisk) == 20)

        try disk.makeReadOnly()
        let readOnly = try hone.run(["log", "import", "few.csv", "--data", "small/data"], launcher: onDisk)
        #expect(readOnly.status == 1)
        #expect(readOnly.stderr.contains("read-only"), "\(readOnly.stderr)")
    }

    @Test func aChangeOfPresetRebuildsTheStates() throws {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", "[[card]]\nid = \"c\"\nq = \"?\"\na = \"!\"\n")
        try hone.write("log.csv", "card,reviewed_at,rating\nd/c,2026-03-03T09:00:00Z,4\nd/c,2026-03-04T09:00:00Z,4\n")
        #expect(try hone.run(["log", "import", "log.csv", "--data", "data"]).status == 0)
        let anki = try hone.run(["cards", "--json", "--data", "data"])
        #expect(
            anki.stdout.contains("\"state\":\"review\"") && anki.stdout.contains("\"interval\":1,"), "\(anki.stdout)")
        try hone.write(".config/hone/config.toml", "[scheduler]\npreset = \"classic\"\n")
        let classic = try hone.run(["cards", "--json", "--data", "data"])
        #expect(
            classic.stdout.contains("\"state\":\"review\"") && classic.stdout.contains("\"interval\":6"),
            "\(classic.stdout)")
    }
}
