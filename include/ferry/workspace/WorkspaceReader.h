#pragma once
// Thread: the thread that opened it (one reader per thread); interrupt() may be called from any thread.

#include <ferry/Result.h>

#include <QList>
#include <QString>
#include <QVariant>

#include <memory>

namespace ferry {

/// One row of a query result: INTEGER -> qint64, REAL -> double, TEXT -> QString, BLOB -> QByteArray,
/// NULL -> an invalid QVariant.
using SqlRow = QVariantList;

/// A read-only connection to a workspace file (PRAGMA query_only, so it can still tidy the WAL away when it
/// is the last connection to close). In WAL mode each query sees every transaction the writer committed
/// before the query started, never a half-written burst, and it never blocks the writer.
///
/// Error codes: "workspace.io" (cannot open), "workspace.sql" (a statement failed), "workspace.interrupted".
class WorkspaceReader
{
public:
    /// Opens a read-only connection to an existing workspace file. It does not check the schema version:
    /// open the file with Workspace::open first.
    static Result<std::unique_ptr<WorkspaceReader>> open(const QString &path);

    ~WorkspaceReader();
    WorkspaceReader(const WorkspaceReader &) = delete;
    WorkspaceReader &operator=(const WorkspaceReader &) = delete;

    /// Runs one statement with positional binds (?1, ?2...) and returns every row. Callers page with keyset
    /// conditions (WHERE id > ? ORDER BY id LIMIT n); never load a large table whole.
    Result<QList<SqlRow>> query(const QString &sql, const QVariantList &binds = {}) const;
    /// The first column of the first row, or an invalid QVariant when there is no row.
    Result<QVariant> queryValue(const QString &sql, const QVariantList &binds = {}) const;

    /// Makes the running query (if any) fail with "workspace.interrupted". Any thread, while the reader
    /// exists; a no-op when no query is running.
    void interrupt();

    QString path() const;

private:
    struct Private;
    explicit WorkspaceReader(std::unique_ptr<Private> d);
    std::unique_ptr<Private> m_d;
};

} // namespace ferry
