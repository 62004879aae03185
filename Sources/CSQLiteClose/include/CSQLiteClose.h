#ifndef CSQLITECLOSE_H
#define CSQLITECLOSE_H

/// Tells SQLite not to copy the write-ahead log into the database file when the connection
/// `db` (a `sqlite3 *`) closes: sqlite3_db_config is variadic, which Swift cannot call.
/// Returns SQLite's result code.
int hone_sqlite_no_checkpoint_on_close(void *db);

#endif
