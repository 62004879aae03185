import Foundation
import Testing

/// The database as something other than hone leaves it: damaged bytes, a cut-short file, a lost
/// main file beside its log, a half-made file, a newer hone's file, a dropped table, a kill
/// during the first start, several first starts at once. hone writes to none of them that is
/// not sound, and loses nothing of what it wrote.
@Suite("database guard, end to end", .serialized)
struct DatabaseGuardTests {
    static let deck = "[[card]]\nid = \"a\"\nq = \"?\"\na = \"!\"\n"

    /// A data folder holding 600 answers, its log folded into the file, and nothing else open.
    func populated() throws -> HoneProcess {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", Self.deck)
        try hone.write("log.csv", StoreFaultTests.csv(count: 600))
        let imported = try hone.run(["log", "import", "log.csv", "--data", "data", "--decks", "decks"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return hone
    }

    func path(_ hone: HoneProcess, _ name: String = "hone.sqlite") -> String {
        hone.home.appendingPathComponent("data/\(name)").path
    }

    func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? -1
    }

    /// Runs SQL on the database with Python's sqlite3 (a writer that is not hone).
    func tamper(_ database: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.close()",
            database, sql,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 could not run: \(sql)")
    }

    /// 24 kinds of damage: a few bytes overwritten at places spread over the file, and the file
    /// cut short. Wherever SQLite's check finds the damage, a session and an import are refused
    /// with a message, and the file is left byte for byte as it was.
    @Test func aDamagedDatabaseIsNeverWrittenTo() throws {
        let hone = try populated()
        let database = path(hone)
        let original = try hone.read("data/hone.sqlite")
        #expect(size(database + "-wal") == 0, "the log is folded into the file when a command ends")
        try hone.write("more.csv", StoreFaultTests.csv(count: 5, prefix: "d/more", start: 10_000))
        var refused = 0
        let pages = original.count / 4096
        let variants: [(String, ([UInt8]) -> [UInt8])] =
            (1..<pages).flatMap { page -> [(String, ([UInt8]) -> [UInt8])] in
                [0, 40, 2000].map { offset in
                    (
                        "8 bytes at page \(page) + \(offset)",
                        { bytes in
                            var damaged = bytes
                            for index in 0..<8 { damaged[page * 4096 + offset + index] ^= 0xA5 }
                            return damaged
                        }
                    )
                }
            }.prefix(21) + [
                ("the last byte cut", { Array($0.dropLast()) }),
                ("the last page cut", { Array($0.dropLast(4096)) }),
                ("half the file cut", { Array($0.prefix($0.count / 2)) }),
            ]
        #expect(variants.count == 24)
        for (name, damage) in variants {
            let damaged = damage(original)
            try hone.write("data/hone.sqlite", bytes: damaged)
            let doctor = try hone.run(["doctor", "--data", "data", "--decks", "decks"])
            #expect(try hone.read("data/hone.sqlite") == damaged, "\(name): doctor wrote to the file")
            guard doctor.status != 0 else { continue }
            refused += 1
            let session = try hone.run(
                ["practice", "--data", "data", "--decks", "decks", "--now", "2026-03-20T10:00:00Z"], stdin: "\n3\n")
            #expect(session.status == 1 && session.stderr.contains("damaged"), "\(name): \(session.stderr)")
            let imported = try hone.run(["log", "import", "more.csv", "--data", "data", "--decks", "decks"])
            #expect(imported.status == 1 && imported.stderr.contains("damaged"), "\(name): \(imported.stderr)")
            #expect(try hone.read("data/hone.sqlite") == damaged, "\(name): the damaged file was written to")
        }
        // Bytes changed inside a record's text or number are damage no check can see; the rest
        // is found (11 of these 24 when written).
        #expect(refused >= 8, "SQLite's check found the damage in only \(refused) of 24 variants")
    }

    /// A write-ahead log holding committed transactions (as a killed hone leaves it), with a
    /// byte changed in an early frame: SQLite would drop that frame and every later one, its
    /// own check finding nothing; hone finds it and writes nothing.
    @Test func aDamagedFrameInTheLogBeforeCommittedOnesIsFound() throws {
        let hone = try populated()
        try tamper(path(hone), "CREATE TABLE scratch (n INTEGER);")
        // Python's sqlite3 commits 40 transactions into the log, and the files are copied twice
        // while its connection is open, so the copies keep them in their -wal.
        let script = """
            import shutil, sqlite3, sys
            c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_autocheckpoint = 0')
            for n in range(40):
                c.execute('INSERT INTO scratch VALUES (?)', (n,)); c.commit()
            for copy in sys.argv[2:]:
                for suffix in ('', '-wal'): shutil.copy(sys.argv[1] + suffix, copy + suffix)
            """
        for copy in ["sound", "torn", "damaged"] {
            try FileManager.default.createDirectory(
                at: hone.home.appendingPathComponent(copy), withIntermediateDirectories: true)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", script, path(hone), hone.home.appendingPathComponent("sound/hone.sqlite").path,
            hone.home.appendingPathComponent("torn/hone.sqlite").path,
            hone.home.appendingPathComponent("damaged/hone.sqlite").path,
        ]
        try process.run()
        process.waitUntilExit()
        let sound = try hone.run(["doctor", "--data", "sound", "--decks", "decks"])
        #expect(sound.stdout.contains("integrity check: ok"), "\(sound.stdout)")
        // The last transaction's frame failing is a write the power cut short, never
        // acknowledged: no damage.
        var torn = try hone.read("torn/hone.sqlite-wal")
        torn[torn.count - 100] ^= 0x01
        try hone.write("torn/hone.sqlite-wal", bytes: torn)
        let afterCut = try hone.run(["doctor", "--data", "torn", "--decks", "decks"])
        #expect(afterCut.stdout.contains("integrity check: ok"), "\(afterCut.stdout)")

        var wal = try hone.read("damaged/hone.sqlite-wal")
        #expect(wal.count > 32 + 10 * (24 + 4096), "the log holds the transactions")
        wal[32 + 2 * (24 + 4096) + 24 + 100] ^= 0x01  // a byte of the third frame's page
        try hone.write("damaged/hone.sqlite-wal", bytes: wal)
        let database = try hone.read("damaged/hone.sqlite")
        let doctor = try hone.run(["doctor", "--data", "damaged", "--decks", "decks"])
        #expect(doctor.status == 1 && doctor.stdout.contains("fails its checksum"), "\(doctor.stdout)")
        try hone.write("more.csv", StoreFaultTests.csv(count: 2, prefix: "d/x"))
        let imported = try hone.run(["log", "import", "more.csv", "--data", "damaged", "--decks", "decks"])
        #expect(imported.status == 1 && imported.stderr.contains("damaged"), "\(imported.stderr)")
        #expect(try hone.read("damaged/hone.sqlite-wal") == wal)
        #expect(try hone.read("damaged/hone.sqlite") == database)
    }

    /// A file replaced while a session runs (a restore or a sync overwriting it in place) is
    /// checked again before the session's next answer: a damaged one is not written to.
    @Test func aFileReplacedDuringASessionIsCheckedBeforeTheNextAnswer() throws {
        let hone = try populated()
        try hone.write("decks/d.toml", Self.deck + "[[card]]\nid = \"b\"\nq = \"?\"\na = \"!\"\n")
        let original = try hone.read("data/hone.sqlite")
        let damaged = Array(original.prefix(original.count / 2))
        let session = try hone.start(
            ["practice", "--data", "data", "--decks", "decks", "--now", "2026-03-20T10:00:00Z"], stdin: "\n3\n")
        usleep(1_500_000)
        // Overwritten in place: the same inode, as `cp backup hone.sqlite` does.
        let handle = try FileHandle(forWritingTo: hone.home.appendingPathComponent("data/hone.sqlite"))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(damaged))
        try handle.close()
        session.input.write(Data("\n3\n".utf8))
        let finished = try session.finish()
        #expect(finished.status == 1 && finished.stderr.contains("damaged"), "\(finished.stdout)\(finished.stderr)")
        #expect(try hone.read("data/hone.sqlite") == damaged)
    }

    /// A file someone took out of WAL mode is read as it is (a command that only reads writes
    /// nothing, not even the journal mode) and set back by the first write.
    @Test func aFileTakenOutOfWALModeIsOnlyReadUntilAWrite() throws {
        let hone = try populated()
        try tamper(path(hone), "PRAGMA journal_mode = DELETE;")
        let before = try hone.read("data/hone.sqlite")
        #expect(before[18] == 1 && before[19] == 1, "the header says rollback mode")
        let status = try hone.run(["status", "--data", "data", "--decks", "decks"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(try hone.read("data/hone.sqlite") == before, "a status wrote to the file")
        try hone.write("more.csv", StoreFaultTests.csv(count: 2, prefix: "d/x"))
        let imported = try hone.run(["log", "import", "more.csv", "--data", "data", "--decks", "decks"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let after = try hone.read("data/hone.sqlite")
        #expect(after[18] == 2 && after[19] == 2, "back in WAL mode")
    }

    /// An older hone's file whose schema is only in its write-ahead log, the log's header
    /// damaged: SQLite would see an empty file, but it is not taken for a half-made one and
    /// deleted; it is refused and kept. A FIFO where the database should be is named, not
    /// waited on.
    @Test func anOldFileWithAnUnreadableLogIsKeptAndAFIFOIsNamed() throws {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", Self.deck)
        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("old"), withIntermediateDirectories: true)
        let script = """
            import shutil, sqlite3, sys
            c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA journal_mode = WAL')
            c.execute('PRAGMA wal_autocheckpoint = 0'); c.execute('PRAGMA application_id = 1752133221')
            c.execute('CREATE TABLE event_log (card TEXT)'); c.commit()
            for suffix in ('', '-wal'): shutil.copy(sys.argv[1] + suffix, sys.argv[2] + suffix)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", script, hone.home.appendingPathComponent("made.sqlite").path,
            hone.home.appendingPathComponent("old/hone.sqlite").path,
        ]
        try process.run()
        process.waitUntilExit()
        var wal = try hone.read("old/hone.sqlite-wal")
        #expect(wal.count > 32)
        wal[24] ^= 0xFF  // the header's checksum
        try hone.write("old/hone.sqlite-wal", bytes: wal)
        let database = try hone.read("old/hone.sqlite")
        let status = try hone.run(["status", "--data", "old", "--decks", "decks"])
        #expect(status.status == 1, "\(status.stdout)\(status.stderr)")
        #expect(try hone.read("old/hone.sqlite") == database && hone.read("old/hone.sqlite-wal") == wal)

        try FileManager.default.createDirectory(
            at: hone.home.appendingPathComponent("fifo"), withIntermediateDirectories: true)
        #expect(mkfifo(hone.home.appendingPathComponent("fifo/hone.sqlite").path, 0o644) == 0)
        let running = try hone.start(["status", "--data", "fifo", "--decks", "decks"])
        var waited = 0
        while running.process.isRunning, waited < 100 {
            usleep(100_000)
            waited += 1
        }
        if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) }
        let fifo = try running.finish()
        #expect(waited < 100, "hone waited on a FIFO")
        #expect(fifo.status == 1 && fifo.stderr.contains("is not a file"), "\(fifo.stderr)")
    }

    @Test func anEmptyFileBesideAFullLogIsRefusedAndLeftAlone() throws {
        let hone = try populated()
        let wal = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try hone.write("data/hone.sqlite", bytes: [])
        try hone.write("data/hone.sqlite-wal", bytes: wal)
        let status = try hone.run(["status", "--data", "data", "--decks", "decks"])
        #expect(status.status == 1 && status.stderr.contains("is empty, but its write-ahead log"), "\(status.stderr)")
        #expect(try hone.read("data/hone.sqlite").isEmpty)
        #expect(try hone.read("data/hone.sqlite-wal") == wal)
    }

    @Test func aFolderWhereTheLogShouldBeIsNamed() throws {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", Self.deck)
        try FileManager.default.createDirectory(
            atPath: path(hone, "hone.sqlite-wal"), withIntermediateDirectories: true)
        let status = try hone.run(["status", "--data", "data", "--decks", "decks"])
        #expect(status.status == 1, "\(status.stderr)")
        #expect(status.stderr.contains("hone.sqlite-wal: is not a file"), "\(status.stderr)")
        #expect(!status.stderr.contains("read-only"), "\(status.stderr)")
    }

    /// What an older hone killed during its first start left: a SQLite file in WAL mode with no
    /// table, or an empty file. It is made anew, not refused forever.
    @Test func aHalfMadeFileIsReplaced() throws {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", Self.deck)
        try FileManager.default.createDirectory(atPath: path(hone, ""), withIntermediateDirectories: true)
        try tamper(path(hone), "PRAGMA journal_mode=WAL;")
        #expect(size(path(hone)) > 0)
        let status = try hone.run(["status", "--data", "data", "--decks", "decks"])
        #expect(status.status == 0, "\(status.stderr)")
        try hone.write("log.csv", StoreFaultTests.csv(count: 3, prefix: "d/a"))
        #expect(try hone.run(["log", "import", "log.csv", "--data", "data", "--decks", "decks"]).status == 0)

        let other = try HoneProcess()
        try other.write("decks/d.toml", Self.deck)
        try other.write("data/hone.sqlite", bytes: [])
        let empty = try other.run(["status", "--data", "data", "--decks", "decks"])
        #expect(empty.status == 0, "\(empty.stderr)")

        // A SQLite file that is someone else's (it has a table) stays refused and untouched.
        let foreign = try HoneProcess()
        try foreign.write("decks/d.toml", Self.deck)
        try FileManager.default.createDirectory(atPath: path(foreign, ""), withIntermediateDirectories: true)
        try tamper(path(foreign), "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');")
        let before = try foreign.read("data/hone.sqlite")
        let refused = try foreign.run(["status", "--data", "data", "--decks", "decks"])
        #expect(
            refused.status == 1 && refused.stderr.contains("not a hone database"),
            "\(refused.stderr)")
        #expect(try foreign.read("data/hone.sqlite") == before)
    }

    @Test func aNewerHonesDatabaseIsReadNotWritten() throws {
        let hone = try populated()
        try tamper(path(hone), "INSERT INTO grdb_migrations VALUES ('v99: from the future');")
        let before = try hone.read("data/hone.sqlite")
        let status = try hone.run(["status", "--data", "data", "--decks", "decks", "--now", "2026-03-20T10:00:00Z"])
        #expect(status.status == 0, "\(status.stderr)")
        let session = try hone.run(
            ["practice", "--data", "data", "--decks", "decks", "--now", "2026-03-20T10:00:00Z"], stdin: "\n3\n")
        #expect(session.status == 1 && session.stderr.contains("newer hone"), "\(session.stderr)")
        try hone.write("more.csv", StoreFaultTests.csv(count: 2, prefix: "d/x"))
        let imported = try hone.run(["log", "import", "more.csv", "--data", "data", "--decks", "decks"])
        #expect(imported.status == 1 && imported.stderr.contains("newer hone"), "\(imported.stderr)")
        #expect(try hone.read("data/hone.sqlite") == before)
    }

    /// What the log derives, damaged in ways SQLite's check cannot see: a dropped state table
    /// and index, a stored state no layout reads. Every command names the repair, `hone doctor`
    /// finds it, and `hone doctor --repair` rebuilds it from the log, as it was.
    @Test(arguments: [
        ("DROP TABLE card_state; DROP INDEX event_log_time;", "derived tables missing: card_state"),
        ("UPDATE card_state SET state = x'FFFFFFFF' WHERE card = 'd/c7';", "differ from a replay"),
    ])
    func doctorRepairRebuildsWhatTheLogDerives(damage: String, finding: String) throws {
        let hone = try populated()
        let cards = try hone.run(["cards", "--json", "--data", "data", "--decks", "decks"])
        try tamper(path(hone), damage)
        let broken = try hone.run(["status", "--data", "data", "--decks", "decks"])
        #expect(broken.status == 1 && broken.stderr.contains("doctor --repair"), "\(broken.stderr)")
        let doctor = try hone.run(["doctor", "--data", "data", "--decks", "decks"])
        #expect(doctor.status == 1 && doctor.stdout.contains(finding), "\(doctor.stdout)\(doctor.stderr)")
        let repaired = try hone.run(["doctor", "--repair", "--data", "data", "--decks", "decks"])
        #expect(repaired.status == 0 && repaired.stdout.contains("repaired"), "\(repaired.stdout)\(repaired.stderr)")
        let after = try hone.run(["cards", "--json", "--data", "data", "--decks", "decks"])
        #expect(after.status == 0 && after.stdout == cards.stdout)
        #expect(try hone.run(["doctor", "--data", "data", "--decks", "decks"]).status == 0)
    }

    /// Once a command has exited, `hone.sqlite` alone holds every answer: a copy of it without
    /// its `-wal` is a whole backup.
    @Test func theMainFileAloneHoldsEveryAnswerAfterExit() throws {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", Self.deck + "[[card]]\nid = \"b\"\nq = \"?\"\na = \"!\"\n")
        for day in 1...5 {
            let session = try hone.run(
                ["practice", "--data", "data", "--decks", "decks", "--now", "2026-03-0\(day)T10:00:00Z"],
                stdin: String(repeating: "\n3\n", count: 8))
            #expect(session.status == 0, "\(session.stderr)")
        }
        let export = try hone.run(["log", "export", "--data", "data", "--decks", "decks"])
        #expect(export.stdout.split(separator: "\n").count > 6)
        try hone.write("backup/hone.sqlite", bytes: try hone.read("data/hone.sqlite"))
        let restored = try hone.run(["log", "export", "--data", "backup", "--decks", "decks"])
        #expect(restored.status == 0 && restored.stdout == export.stdout, "\(restored.stderr)")
    }

    /// Four hones starting at once on an empty folder all succeed; a hone killed at any instant
    /// of its first start leaves a folder the next one opens.
    @Test func firstStartsAtOnceAndKilledFirstStartsLeaveAWorkingFolder() throws {
        let hone = try HoneProcess()
        try hone.write("decks/d.toml", Self.deck)
        for round in 0..<10 {
            let started = try (0..<4).map { _ in
                try hone.start(["status", "--data", "race\(round)", "--decks", "decks"])
            }
            for running in started {
                let finished = try running.finish()
                #expect(finished.status == 0, "round \(round): \(finished.stderr)")
            }
        }
        var generator = SystemRandomNumberGenerator()
        for round in 0..<30 {
            let running = try hone.start(["status", "--data", "killed\(round)", "--decks", "decks"])
            usleep(UInt32.random(in: 0..<25_000, using: &generator))
            kill(running.process.processIdentifier, SIGKILL)
            _ = try running.finish()
            let next = try hone.run(["status", "--data", "killed\(round)", "--decks", "decks"])
            #expect(next.status == 0, "round \(round): \(next.stderr)")
        }
    }
}
