#pragma once
// Thread: submit(), waitForCommitted(), flush() and the getters from any thread; jobs run on the writer's
// own thread, which owns the only write connection to the workspace file.

#include <ferry/Result.h>
#include <ferry/workspace/WorkspaceReader.h>

#include <QList>
#include <QString>
#include <QVariant>

#include <chrono>
#include <functional>
#include <memory>

namespace ferry {

/// What a job sees: the write connection inside the burst's transaction. Valid only during the job call.
/// Error code of failed statements: "workspace.sql".
class WriteTransaction
{
public:
    /// Runs one statement with positional binds (?1, ?2...). Prepared statements are cached per SQL text,
    /// so reuse the same text with different binds for bulk inserts.
    Status exec(const QString &sql, const QVariantList &binds = {});
    /// Runs an INSERT and returns the rowid of the inserted row.
    Result<qint64> insert(const QString &sql, const QVariantList &binds = {});
    /// Runs a query and returns every row (reads see this transaction's own writes).
    Result<QList<SqlRow>> query(const QString &sql, const QVariantList &binds = {});
    /// Rows changed by the last exec().
    qint64 changes() const;

private:
    friend class WorkspaceWriter;
    struct Private;
    explicit WriteTransaction(Private *d) : m_d(d) {}
    Private *m_d;
};

/// A unit of work. It returns a failed Status to have its own changes rolled back; the other jobs of the
/// burst still commit. A job must only touch the database: if a COMMIT fails, the writer rolls the burst
/// back and runs its jobs again one by one, so a job can run more than once.
using WriteJob = std::function<Status(WriteTransaction &)>;
/// Called on the writer thread once the job's transaction committed (ok) or the job failed (error).
using WriteDone = std::function<void(const Status &)>;

/// The single writer of a workspace file. It drains its job queue in bursts and commits each burst in one
/// transaction (each job inside its own savepoint), so thousands of small outcome writes cost one fsync-free
/// WAL commit. Jobs run in submission order; sequence numbers start at 1.
///
/// Error codes: "workspace.io" (cannot open), "workspace.writer-stopped", "workspace.timeout".
class WorkspaceWriter
{
public:
    /// A job that failed, with its sequence number.
    struct Failure
    {
        quint64 sequence = 0;
        Error error;
    };

    /// Opens the write connection and starts the writer thread.
    static Result<std::unique_ptr<WorkspaceWriter>> start(const QString &path);

    /// Drains the queue (every submitted job still runs), then stops the thread and closes the connection.
    ~WorkspaceWriter();
    WorkspaceWriter(const WorkspaceWriter &) = delete;
    WorkspaceWriter &operator=(const WorkspaceWriter &) = delete;

    /// Queues a job and returns its sequence number, or 0 when the writer is stopped (the job is dropped and
    /// `done` is called with "workspace.writer-stopped"). `done` runs on the writer thread: keep it short.
    quint64 submit(WriteJob job, WriteDone done = {});
    /// Submits and waits for the job's own outcome: its Status, or "workspace.timeout".
    Status submitAndWait(WriteJob job, std::chrono::milliseconds timeout = std::chrono::seconds(30));

    /// The highest N such that every job with sequence <= N has finished: committed, or failed and reported.
    quint64 committedThrough() const;
    /// The sequence number of the last submitted job.
    quint64 lastSubmitted() const;
    /// Waits until committedThrough() >= sequence; false on timeout.
    bool waitForCommitted(quint64 sequence, std::chrono::milliseconds timeout) const;
    /// Waits until every job submitted so far has finished; false on timeout.
    bool flush(std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

    /// Failed jobs since the last call (bounded to the last 1000).
    QList<Failure> takeFailures();
    /// Number of transactions committed so far (a burst with a failed commit counts its retries).
    quint64 transactionsCommitted() const;

    /// Finishes the queued jobs and stops the thread; later submit() calls are refused. Idempotent.
    void stop();

    QString path() const;

private:
    struct Private;
    explicit WorkspaceWriter(std::unique_ptr<Private> d);
    std::unique_ptr<Private> m_d;
};

} // namespace ferry
