import Foundation
import GRDB

/// The progress database: one SQLite file in the data folder, in WAL mode, whose schema is
/// created and upgraded by migrations. It never erases a database it did not just create.
public final class Store: Sendable {
    public let database: DatabasePool

    /// Opens (or creates) the database at `path`, running pending migrations.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        database = try DatabasePool(path: path, configuration: configuration)
        try Store.migrator.migrate(database)
    }

    /// Every schema version, in order. Add new versions at the end; never edit a shipped one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: review log") { db in
            try db.create(table: "review_log") { t in
                t.column("id", .text).primaryKey()
                t.column("card", .text).notNull().indexed()
                t.column("reviewed_at", .text).notNull()
                t.column("rating", .text).notNull()
                t.column("duration_ms", .integer).notNull().defaults(to: 0)
                t.column("kind", .text).notNull()
            }
        }
        return migrator
    }

    /// The number of answers in the review log.
    public func answerCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM review_log") ?? 0 }
    }
}
