#pragma once
// Any thread: helpers over one sqlite3 connection; the caller guarantees one thread per connection.

#include <ferry/Result.h>
#include <ferry/workspace/WorkspaceReader.h>

#include <QHash>
#include <QString>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace ferry::sqlite {

/// Opens a connection with the workspace pragmas (busy timeout; WAL settings are per file and set at
/// creation). `flags` are SQLITE_OPEN_* flags.
Result<sqlite3 *> openConnection(const QString &path, int flags);
/// Closes a connection, finalizing any statement left in the cache first.
void closeConnection(sqlite3 *db, QHash<QString, sqlite3_stmt *> *cache = nullptr);

/// An Error naming the file, what was attempted and SQLite's own message.
Error makeError(sqlite3 *db, const QString &path, const QString &what, const QString &code = "workspace.sql");

/// Runs one or more statements without binds (scripts, pragmas, BEGIN/COMMIT).
Status execScript(sqlite3 *db, const QString &path, const QString &sql);

/// Prepares (or takes from the cache) a statement, binds, steps through every row and resets it.
/// `rows` may be null when the caller does not want rows.
Status run(sqlite3 *db, QHash<QString, sqlite3_stmt *> &cache, const QString &path, const QString &sql,
           const QVariantList &binds, QList<SqlRow> *rows);

/// The first column of the first row of a statement run without a cache.
Result<QVariant> scalar(sqlite3 *db, const QString &path, const QString &sql, const QVariantList &binds = {});

/// ISO 8601 UTC with milliseconds, e.g. "2026-11-21T23:45:01.123Z".
QString nowUtc();

} // namespace ferry::sqlite
