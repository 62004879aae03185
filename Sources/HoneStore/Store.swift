internal import CSQLiteClose
import Foundation
internal import GRDB
internal import GRDBSQLite
import HoneCore

/// The progress database: one SQLite file (`hone.sqlite`) in the data folder, in WAL mode,
/// its schema created and upgraded by migrations. The review log is the truth, one row per
/// answer; card states are derived from it and stored only to start fast. A database that
/// hone did not create, or that is damaged, is never written to.
public final class Store: Sendable {
    public static let fileName = "hone.sqlite"
    /// SQLite's application id for hone's files ("hone" in ASCII), set when hone creates one.
    static let applicationID: Int32 = 0x686F_6E65

    public let path: String
    let folder: String
    let database: DatabaseQueue
    /// Shut for good once the database is found damaged or newer than this hone.
    let gate: WriteGate

    /// Closing a connection leaves the write-ahead log as it is: SQLite's own checkpoint on
    /// close waits for every other connection, and a process's last store copies the log into
    /// the database file itself, deliberately, as it goes (`deinit`).
    static func keepLogOnClose(_ db: Database) {
        _ = hone_sqlite_no_checkpoint_on_close(UnsafeMutableRawPointer(db.sqliteConnection))
    }

    /// Copies the write-ahead log into the database file and empties it: after a large write
    /// (an import, a rebuild), so that the log does not keep its size on disk, and as a store
    /// closes, so that `hone.sqlite` alone holds every answer once a command has exited.
    func checkpoint(_ db: Database) throws {
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// The version of the SQLite library linked in, for `hone doctor`.
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }

    /// Opens the database in `folder`, creating the folder and the file when they do not exist.
    /// `mapped` reads the file through a memory map: it spares a copy of every page read, which
    /// a command reading the whole log wants (`stats`), but every page touched then counts in
    /// the process's memory, which a session start reading only the states does not want.
    public init(folder: String, mapped: Bool = false) throws(StoreError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if !manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreateFolder(folder, (error as NSError).localizedDescription)
            }
        } else if !isDirectory.boolValue {
            throw .cannotCreateFolder(folder, "it is a file, not a folder")
        }
        let path = (folder as NSString).appendingPathComponent(Store.fileName)
        self.path = path
        self.folder = folder
        // Two hones starting at once on a new or older file would both find it unfinished: the
        // second could read it half made, or run the migrations again on the schema the first
        // left. One opens at a time (a lock of microseconds when nothing needs doing). A folder
        // that cannot hold the lock file is read-only, and that is reported below.
        let lock = try? FolderLock(folder: folder)
        defer { lock?.release() }
        try DatabaseFiles.checkCompanions(of: path)
        var exists = manager.fileExists(atPath: path)
        if exists, try DatabaseFiles.inspect(path) == .halfMade {
            guard access(folder, W_OK) == 0 else { throw .readOnly(folder) }
            // An older hone killed while it made the file: nothing of the learner's is in it.
            DatabaseFiles.remove(path)
            exists = false
        }
        guard access(folder, W_OK) == 0 else { throw .readOnly(folder) }
        if exists, access(path, W_OK) != 0 { throw .readOnly(path) }
        if !exists { try DatabaseFiles.create(at: path, schema: Store.migrator) }

        var configuration = Configuration()
        // Another hone may be answering at the same moment: wait for it rather than fail.
        configuration.busyMode = .timeout(30)
        // GRDB begins write transactions IMMEDIATE on a writable connection: the write lock is
        // taken (or waited for) before anything is read, so an answer never reads a state that
        // another session changes before it commits (SQLITE_BUSY_SNAPSHOT cannot happen).
        // The file is in WAL mode from its creation. Opening sets no journal mode (GRDB's pool
        // set-up commits a throwaway table, and the pragma rewrites the header of a file in
        // another mode): a file someone put in another mode is set back only once it is known
        // sound, before the first write (`passGate`).
        // FULL makes every committed answer survive a power cut, not only a crash.
        configuration.prepareDatabase { db in
            Store.keepLogOnClose(db)
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // A write-ahead log emptied by a checkpoint is cut back to this size (4 MB).
            try db.execute(sql: "PRAGMA journal_size_limit = 4194304")
            if mapped { try db.execute(sql: "PRAGMA mmap_size = 268435456") }
        }
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            let id = try database.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
            guard id == Store.applicationID else { throw StoreError.notHoneDatabase(path) }
            if try database.read({ db in try Store.migrator.hasBeenSuperseded(db) }) {
                // Made by a newer hone: read, never migrated down or written (SQLite itself
                // refuses writes on this connection too).
                gate = WriteGate(refusal: .newerVersion(path))
                try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = 1") }
                return
            }
            gate = WriteGate()
            if !exists { stamp() }
            // Write nothing to a database that is up to date: a damaged one must stay as it is.
            let upToDate = try database.read { db in try Store.migrator.hasCompletedMigrations(db) }
            if !upToDate {
                try passGate()
                try Store.migrator.migrate(database)
                stamp()
            }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// Copies the write-ahead log into the database file as the store closes (a few milliseconds
    /// of disk work after a session, none after a command that wrote nothing), so that a copy of
    /// `hone.sqlite` alone is a complete backup, and a sync tool that drops the `-wal` loses
    /// nothing. Another process still reading keeps its frames; its own close copies them.
    deinit {
        guard DatabaseFiles.size(of: path + "-wal") > 0, (try? passGate()) != nil else { return }
        try? database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = 200")
            try checkpoint(db)
        }
        stamp()
    }

    /// Records what the files look like after this process's own write, so the next write,
    /// here or in another process, knows that nothing else has changed them since.
    func stamp() {
        DatabaseStamp.of(database: path)?.record(in: folder)
    }

    /// Returns when this process may write: when something other than hone may have changed
    /// the files since hone last wrote them (at a command's first write, or a replaced file
    /// during a session), SQLite's integrity check and the log's frames are checked first, and
    /// any finding refuses this and every later write. A file found sound is put back in WAL
    /// mode if something took it out.
    func passGate() throws(StoreError) {
        try gate.pass(
            isUnchanged: {
                guard let recorded = DatabaseStamp.recorded(in: folder) else { return false }
                return recorded == DatabaseStamp.of(database: path)
            },
            check: { () -> StoreError? in
                let findings: [String]
                do {
                    findings = try integrityCheck()
                } catch let error as StoreError {
                    return error
                } catch {
                    return .other(path, "\(error)")
                }
                guard findings == ["ok"] else {
                    try? database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = 1") }
                    return .corrupt(path, Store.firstFinding(findings))
                }
                do {
                    try database.writeWithoutTransaction { db in
                        if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                            try db.execute(sql: "PRAGMA journal_mode = WAL")
                        }
                    }
                } catch {
                    return Store.describe(error, path: path)
                }
                stamp()
                return nil
            })
    }

    /// Throws what would refuse this process's writes: for a command that is about to ask the
    /// learner for answers, so that a damaged file is named before the first card, not after.
    public func checkWritable() throws(StoreError) {
        try passGate()
    }

    /// SQLite's first complaint in an integrity check's findings, on one line.
    static func firstFinding(_ findings: [String]) -> String {
        let lines = findings.flatMap { $0.split(separator: "\n") }.filter { !$0.hasPrefix("*** in database") }
        return lines.first.map(String.init) ?? "integrity check failed"
    }

    static func describe(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError {
            if case .unreadableStates = error { return .unreadableStates(path) }
            return error
        }
        guard let error = error as? DatabaseError else { return .other(path, "\(error)") }
        switch error.resultCode {
        case .SQLITE_FULL: return .diskFull(path)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return .readOnly(path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path, error.message ?? "\(error.resultCode)")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path)
        case .SQLITE_ERROR where error.message?.hasPrefix("no such table: ") == true:
            return .missingTable(path, String(error.message?.dropFirst("no such table: ".count) ?? ""))
        default: return .other(path, error.message ?? "\(error)")
        }
    }

    /// Every schema version, in order. Add new versions at the end; never edit a shipped one:
    /// people's history lives in these files.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(
                sql: """
                    -- Kept in (card, time) order: the order replay reads, and the order a
                    -- sorted import appends in.
                    CREATE TABLE review_log (
                        card TEXT NOT NULL,
                        reviewed_ms INTEGER NOT NULL,
                        id TEXT,  -- NULL when it is "card@reviewed_ms", the default
                        utc_offset INTEGER NOT NULL,
                        rating TEXT NOT NULL,
                        duration_ms INTEGER NOT NULL DEFAULT 0,
                        kind TEXT NOT NULL,
                        PRIMARY KEY (card, reviewed_ms)
                    ) WITHOUT ROWID;
                    -- Only ids other than the default are stored, and only they need an index.
                    CREATE UNIQUE INDEX review_log_id ON review_log (id) WHERE id IS NOT NULL;
                    -- Derived from the log, kept only to start fast: see StateRecord.
                    -- A rowid table: a session start scans it whole, and a rowid scan is
                    -- cheaper than one of a table keyed by text.
                    CREATE TABLE card_state (
                        card TEXT NOT NULL UNIQUE,
                        state BLOB NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2: flags and settings") { db in
            try db.execute(
                sql: """
                    CREATE TABLE card_flags (
                        card TEXT PRIMARY KEY NOT NULL,
                        suspended INTEGER NOT NULL DEFAULT 0,
                        buried_day INTEGER
                    ) WITHOUT ROWID;
                    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v3: answers by time") { db in
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS review_log_time ON review_log (reviewed_ms)")
        }
        migrator.registerMigration("v4: every event in the log") { db in try Store.migrateToEventLog(db) }
        // The notes typed during a practice drill, kept with its answer. A column added is no
        // row changed: the log's append-only triggers stand.
        migrator.registerMigration("v5: notes") { db in
            try db.execute(sql: "ALTER TABLE event_log ADD COLUMN note TEXT")
        }
        // A set-state's whole state, one text column NULL for every other event
        // (`ImportedStateRecord`), so answers gain no column a field. The index finds the
        // set-states (few beside the answers) for the stats' pass, which reads no column more
        // a row (`histories`). Only columns and an index are added: the triggers stand.
        migrator.registerMigration("v6: set-state") { db in
            try db.execute(
                sql: """
                    ALTER TABLE event_log ADD COLUMN state TEXT;
                    \(setStateIndexSQL);
                    """)
        }
        // Sync: which events arrived here by sync and which were made or imported here
        // (`Arrivals`; older rows read as 0, made here, without being rewritten), and the
        // segments of the sync folder already read or written (`SyncSegment`). The index finds
        // the events not yet published without a scan of the log.
        migrator.registerMigration("v7: sync") { db in
            try db.execute(
                sql: """
                    ALTER TABLE event_log ADD COLUMN arrival INTEGER DEFAULT 0;
                    \(arrivalIndexSQL);
                    \(syncSegmentSQL);
                    """)
        }
        return migrator
    }

    /// The answers log becomes the event log: every answer is carried over as it was, and the
    /// suspensions and buries the learner made, which lived only in `card_flags`, become events
    /// of the log, so that a replay derives them like everything else. The card states are
    /// rebuilt from the log at the next start (their fingerprint is dropped), since each now
    /// records how many of its card's events it has replayed.
    static func migrateToEventLog(_ db: Database) throws {
        try db.execute(
            sql: """
                -- One row per event, appended, never updated or deleted (the triggers refuse it).
                -- Kept in (card, time, id) order: the order replay reads a card's events in.
                CREATE TABLE event_log (
                    card TEXT NOT NULL,
                    at_ms INTEGER NOT NULL,
                    id TEXT NOT NULL,  -- '' when it is "card@at_ms", the default
                    utc_offset INTEGER NOT NULL,
                    event TEXT NOT NULL,  -- answer, suspend, unsuspend, bury, forget, undo
                    rating TEXT,  -- answers: again, hard, good, easy, or a quality 0-5
                    duration_ms INTEGER NOT NULL DEFAULT 0,
                    target TEXT,  -- undo: the id of the event taken back
                    device TEXT,  -- the device that made the event, when known
                    PRIMARY KEY (card, at_ms, id)
                ) WITHOUT ROWID;
                \(idIndexSQL);
                INSERT INTO event_log (card, at_ms, id, utc_offset, event, rating, duration_ms)
                    SELECT card, reviewed_ms, COALESCE(id, ''), utc_offset, 'answer', rating, duration_ms
                    FROM review_log;
                -- A suspension by hand: just after the card's last answer, so it holds now.
                INSERT INTO event_log (card, at_ms, id, utc_offset, event)
                    SELECT f.card, COALESCE((SELECT MAX(at_ms) FROM event_log e WHERE e.card = f.card), 0) + 1,
                        'migrated-suspend:' || f.card, 0, 'suspend'
                    FROM card_flags f WHERE f.suspended;
                -- A bury holds through its learning day; the day's noon (UTC) stands for when it
                -- was made, which the old table did not keep. It matters only on that day.
                INSERT INTO event_log (card, at_ms, id, utc_offset, event)
                    SELECT card, buried_day * 86400000 + 43200000, 'migrated-bury:' || card, 0, 'bury'
                    FROM card_flags WHERE buried_day IS NOT NULL;
                DROP TABLE review_log;
                DROP TABLE card_flags;
                -- Answers by time, for today's counts and the streak (other events are few).
                CREATE INDEX event_log_time ON event_log (at_ms) WHERE event = 'answer';
                -- Undos are few: found through this index instead of a scan of the log.
                CREATE INDEX event_log_undo ON event_log (card) WHERE event = 'undo';
                CREATE TRIGGER event_log_append_only_update BEFORE UPDATE ON event_log
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                CREATE TRIGGER event_log_append_only_delete BEFORE DELETE ON event_log
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                -- How many of its card's events each cached state has replayed: a writer that
                -- finds another count knows another process appended since, and replays.
                ALTER TABLE card_state ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
                DELETE FROM meta WHERE key = 'states';
                """)
    }

    /// Today's answers and the streak are found by time: without this index each was a scan of
    /// the whole log (22 ms and 26 MB of pages touched at a million answers, twice a session).
    static let timeIndexSQL = "CREATE INDEX IF NOT EXISTS event_log_time ON event_log (at_ms) WHERE event = 'answer'"

    /// One event an id (an id of its own: '' stands for the default, `card@ms`).
    static let idIndexSQL = "CREATE UNIQUE INDEX event_log_id ON event_log (id) WHERE id <> ''"

    /// The events made or imported here since the last publish, found without a scan.
    static let arrivalIndexSQL = "CREATE INDEX event_log_arrival ON event_log (arrival) WHERE arrival > 0"

    /// The segments of the sync folder read or written here (`SyncSegment`).
    static let syncSegmentSQL = """
        CREATE TABLE sync_segment (
            device TEXT NOT NULL,
            name TEXT NOT NULL,
            events INTEGER NOT NULL,
            written INTEGER NOT NULL,  -- 1: this device wrote it, 0: read from the folder
            PRIMARY KEY (device, name)
        ) WITHOUT ROWID
        """

    /// The set-states with their states, for the stats' pass (see `histories`): without it, a
    /// scan of the log, and without their states in it, a seek into the log for each.
    static let setStateIndexSQL =
        "CREATE INDEX event_log_set_state ON event_log (card, at_ms, id, state) WHERE event = 'set-state'"
}
