#pragma once
// Any thread: functions over a connection the caller owns.

#include <ferry/Result.h>

#include <QString>

struct sqlite3;

namespace ferry::schema {

/// Reads the application id and the schema version of an open file without changing it. Fails with
/// "workspace.not-a-workspace" or "workspace.newer-version".
Result<int> probe(sqlite3 *db, const QString &path);

/// Runs the steps from+1 .. to, each in its own transaction.
Status upgrade(sqlite3 *db, const QString &path, int from, int to);

/// Creates a new file (exclusively: fails with "workspace.exists") at `version`, in WAL mode. On failure the
/// partial file is removed.
Status createFile(const QString &path, int version);

} // namespace ferry::schema
