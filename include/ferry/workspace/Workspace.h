#pragma once
// Thread: the owning thread (usually GUI or CLI main). Writes go through the single writer thread;
// see WorkspaceWriter.h. Reads here use the owner's read-only connection.
//
// NOTE: skeleton agreed between the workspace and GUI work; the workspace implementation may add to
// it but keeps these names.

#include <ferry/Result.h>

#include <QList>
#include <QString>

#include <memory>

namespace ferry {

/// One row of the table plan/state table.
struct PlanEntry
{
    int order = 0;
    QString tableName;
    qint64 recordsToMigrate = 0;
    qint64 recordsDone = 0;
    bool validated = false;
    int workers = 1;
};

class Workspace
{
public:
    /// The schema version this build writes. Older files are upgraded on open, newer ones refused.
    static int currentSchemaVersion();

    /// Creates a new workspace file; fails if the file exists.
    static Result<std::unique_ptr<Workspace>> create(const QString &path);
    /// Opens an existing workspace, upgrading an older schema; refuses a newer one with a clear error.
    static Result<std::unique_ptr<Workspace>> open(const QString &path);

    ~Workspace();

    QString path() const;
    int schemaVersion() const;
    Result<QList<PlanEntry>> planEntries() const;
};

} // namespace ferry
