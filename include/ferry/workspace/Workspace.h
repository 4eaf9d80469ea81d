#pragma once
// Thread: the owning thread (usually GUI or CLI main). Writes go through the single writer thread;
// see WorkspaceWriter.h. Reads here use the owner's read-only connection (see WorkspaceReader.h).
//
// NOTE: skeleton agreed between the workspace and GUI work; the workspace implementation may add to
// it but keeps these names.

#include <ferry/Result.h>

#include <QList>
#include <QString>

#include <chrono>
#include <memory>

namespace ferry {

class WorkspaceReader;
class WorkspaceWriter;

/// One row of the table plan/state table.
struct PlanEntry
{
    int order = 0;
    QString tableName;
    qint64 recordsToMigrate = 0;
    qint64 recordsDone = 0;
    bool validated = false;
    int workers = 1;

    friend bool operator==(const PlanEntry &, const PlanEntry &) = default;
};

/// A migration workspace: one SQLite file (WAL) holding connections (never secrets), the source catalog,
/// the target metadata cache, mappings, the table plan, run logs, the quarantine, checkpoints and row
/// fingerprints.
///
/// Error codes returned by create()/open(): "workspace.exists", "workspace.not-found",
/// "workspace.not-a-workspace", "workspace.newer-version", "workspace.upgrade-failed", "workspace.io"; after
/// close(): "workspace.closed".
class Workspace
{
public:
    /// The schema version this build writes. Older files are upgraded on open, newer ones refused.
    static int currentSchemaVersion();

    /// Creates a new workspace file; fails if the file exists.
    static Result<std::unique_ptr<Workspace>> create(const QString &path);
    /// Opens an existing workspace, upgrading an older schema; refuses a newer one with a clear error.
    /// A refused file is not modified.
    static Result<std::unique_ptr<Workspace>> open(const QString &path);

    /// Flushes and stops the writer (if it was started), then closes every connection.
    ~Workspace();

    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    /// The absolute path of the workspace file.
    QString path() const;
    /// The schema version of the file (equals currentSchemaVersion() once opened).
    int schemaVersion() const;
    /// The version the file had before open() upgraded it; equals schemaVersion() when no upgrade ran.
    int versionBeforeOpen() const;
    /// The table plan ordered by plan order, read through the owner's read-only connection.
    Result<QList<PlanEntry>> planEntries() const;

    /// The owner's read-only connection. Use it only on the owning thread; other threads open their own
    /// WorkspaceReader with WorkspaceReader::open(path()).
    WorkspaceReader &reader() const;

    /// The single writer for this file, started on first use. Any thread may submit jobs to it.
    /// Returns nullptr only if the write connection cannot be opened (see writerError()).
    WorkspaceWriter *writer();
    /// Why writer() returned nullptr.
    Error writerError() const;

    /// Replaces the whole table plan in one transaction through the writer and waits for the commit.
    Status setPlanEntries(const QList<PlanEntry> &entries,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

    /// Flushes the writer and closes the connections early; the object is unusable afterwards except for
    /// path() and schemaVersion().
    void close();

private:
    struct Private;
    explicit Workspace(std::unique_ptr<Private> d);
    std::unique_ptr<Private> m_d;
};

} // namespace ferry
