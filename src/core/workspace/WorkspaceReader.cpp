#include <ferry/workspace/WorkspaceReader.h>

#include "workspace/Sqlite.h"

#include <QFileInfo>

#include <sqlite3.h>

namespace ferry {

struct WorkspaceReader::Private
{
    QString path;
    sqlite3 *db = nullptr;
    mutable QHash<QString, sqlite3_stmt *> cache;
};

Result<std::unique_ptr<WorkspaceReader>> WorkspaceReader::open(const QString &givenPath)
{
    const QString path = QFileInfo(givenPath).absoluteFilePath();
    if (!QFileInfo::exists(path)) {
        return Error::make("workspace.not-found",
                           QStringLiteral("Cannot open workspace '%1': the file does not exist.").arg(path));
    }
    // Read-write but query_only: reads behave as on a read-only connection, and when this happens to be the
    // last connection to close, SQLite can still checkpoint and remove the -wal/-shm files, leaving one tidy
    // file.
    auto db = sqlite::openConnection(path, SQLITE_OPEN_READWRITE);
    if (db) {
        if (Status s = sqlite::execScript(*db, path, "PRAGMA query_only = ON"); !s) {
            sqlite::closeConnection(*db);
            return s.error();
        }
    } else {
        db = sqlite::openConnection(path, SQLITE_OPEN_READONLY); // e.g. a file on read-only media
        if (!db) {
            return db.error();
        }
    }
    auto priv = std::make_unique<Private>();
    priv->path = path;
    priv->db = *db;
    return std::unique_ptr<WorkspaceReader>(new WorkspaceReader(std::move(priv)));
}

WorkspaceReader::WorkspaceReader(std::unique_ptr<Private> dd) : m_d(std::move(dd)) {}

WorkspaceReader::~WorkspaceReader()
{
    sqlite::closeConnection(m_d->db, &m_d->cache);
}

Result<QList<SqlRow>> WorkspaceReader::query(const QString &sql, const QVariantList &binds) const
{
    QList<SqlRow> rows;
    if (Status s = sqlite::run(m_d->db, m_d->cache, m_d->path, sql, binds, &rows); !s) {
        return s.error();
    }
    return rows;
}

Result<QVariant> WorkspaceReader::queryValue(const QString &sql, const QVariantList &binds) const
{
    auto rows = query(sql, binds);
    if (!rows) {
        return rows.error();
    }
    if (rows->isEmpty() || rows->first().isEmpty()) {
        return QVariant();
    }
    return rows->first().first();
}

void WorkspaceReader::interrupt()
{
    sqlite3_interrupt(m_d->db);
}

QString WorkspaceReader::path() const
{
    return m_d->path;
}

} // namespace ferry
