#include <ferry/workspace/WorkspaceWriter.h>

#include "workspace/Sqlite.h"

#include <QFileInfo>

#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace ferry {

namespace {

// Bounds one transaction so a flood of jobs still commits (and becomes visible to readers) regularly.
constexpr size_t kMaxBurst = 2000;
constexpr int kMaxKeptFailures = 1000;

struct QueuedJob
{
    quint64 sequence = 0;
    WriteJob job;
    WriteDone done;
    Status outcome;
};

} // namespace

struct WriteTransaction::Private
{
    sqlite3 *db = nullptr;
    QHash<QString, sqlite3_stmt *> *cache = nullptr;
    QString path;
    qint64 changes = 0;
};

Status WriteTransaction::exec(const QString &sql, const QVariantList &binds)
{
    Status s = sqlite::run(m_d->db, *m_d->cache, m_d->path, sql, binds, nullptr);
    m_d->changes = s ? sqlite3_changes64(m_d->db) : 0;
    return s;
}

Result<qint64> WriteTransaction::insert(const QString &sql, const QVariantList &binds)
{
    if (Status s = exec(sql, binds); !s) {
        return s.error();
    }
    return static_cast<qint64>(sqlite3_last_insert_rowid(m_d->db));
}

Result<QList<SqlRow>> WriteTransaction::query(const QString &sql, const QVariantList &binds)
{
    QList<SqlRow> rows;
    if (Status s = sqlite::run(m_d->db, *m_d->cache, m_d->path, sql, binds, &rows); !s) {
        return s.error();
    }
    return rows;
}

qint64 WriteTransaction::changes() const
{
    return m_d->changes;
}

struct WorkspaceWriter::Private
{
    QString path;
    sqlite3 *db = nullptr; // used only on the writer thread once it runs
    QHash<QString, sqlite3_stmt *> cache;

    mutable std::mutex mutex;
    mutable std::condition_variable wake;      // new jobs or stop
    mutable std::condition_variable committed; // committedThrough moved
    std::deque<QueuedJob> queue;
    quint64 lastSubmitted = 0;
    quint64 committedThrough = 0;
    quint64 transactions = 0;
    bool stopping = false;
    QList<Failure> failures;
    std::thread thread;

    void runLoop();
    void runBurst(std::vector<QueuedJob> &burst);
    Status runJob(QueuedJob &job);
    bool runAlone(QueuedJob &job);
};

Status WorkspaceWriter::Private::runJob(QueuedJob &job)
{
    WriteTransaction::Private txd{db, &cache, path, 0};
    WriteTransaction tx(&txd);
    try {
        return job.job ? job.job(tx) : Status{};
    } catch (const std::exception &e) {
        return Error::make(
            "workspace.job-failed",
            QStringLiteral("Workspace '%1': a write job threw: %2").arg(path, QString::fromUtf8(e.what())));
    } catch (...) {
        return Error::make("workspace.job-failed",
                           QStringLiteral("Workspace '%1': a write job threw.").arg(path));
    }
}

// One job in its own transaction; used when a burst's commit failed. Returns whether it committed.
bool WorkspaceWriter::Private::runAlone(QueuedJob &job)
{
    if (Status s = sqlite::execScript(db, path, "BEGIN IMMEDIATE"); !s) {
        job.outcome = s;
        return false;
    }
    job.outcome = runJob(job);
    if (job.outcome) {
        job.outcome = sqlite::execScript(db, path, "COMMIT");
        if (job.outcome) {
            std::lock_guard lock(mutex);
            ++transactions;
            return true;
        }
    }
    if (!sqlite3_get_autocommit(db)) {
        sqlite::execScript(db, path, "ROLLBACK");
    }
    return false;
}

void WorkspaceWriter::Private::runBurst(std::vector<QueuedJob> &burst)
{
    bool burstLost = false;
    if (Status s = sqlite::execScript(db, path, "BEGIN IMMEDIATE"); !s) {
        burstLost = true;
    } else {
        for (QueuedJob &job : burst) {
            // A savepoint per job: a failing job undoes only its own changes and the rest of the burst
            // commits.
            if (Status sp = sqlite::execScript(db, path, "SAVEPOINT job"); !sp) {
                burstLost = true;
                break;
            }
            job.outcome = runJob(job);
            if (sqlite3_get_autocommit(db)) {
                // SQLite rolled the whole transaction back (e.g. disk full): nothing of the burst survives.
                burstLost = true;
                break;
            }
            if (!job.outcome) {
                sqlite::execScript(db, path, "ROLLBACK TO job");
            }
            sqlite::execScript(db, path, "RELEASE job");
        }
        if (!burstLost) {
            if (Status c = sqlite::execScript(db, path, "COMMIT"); !c) {
                burstLost = true;
            } else {
                std::lock_guard lock(mutex);
                ++transactions;
            }
        }
        if (burstLost && !sqlite3_get_autocommit(db)) {
            sqlite::execScript(db, path, "ROLLBACK");
        }
    }
    if (burstLost) {
        // Retry every job on its own so one bad job (or a transient failure) costs only itself.
        for (QueuedJob &job : burst) {
            runAlone(job);
        }
    }
    for (QueuedJob &job : burst) {
        if (job.done) {
            job.done(job.outcome);
        }
    }
    std::lock_guard lock(mutex);
    for (const QueuedJob &job : burst) {
        if (!job.outcome) {
            failures.append(Failure{job.sequence, job.outcome.error()});
            if (failures.size() > kMaxKeptFailures) {
                failures.removeFirst();
            }
        }
    }
    committedThrough = burst.back().sequence;
    committed.notify_all();
}

void WorkspaceWriter::Private::runLoop()
{
    for (;;) {
        std::vector<QueuedJob> burst;
        {
            std::unique_lock lock(mutex);
            wake.wait(lock, [this] { return stopping || !queue.empty(); });
            if (queue.empty()) {
                return; // stopping and drained
            }
            const size_t n = std::min(queue.size(), kMaxBurst);
            burst.reserve(n);
            for (size_t i = 0; i < n; ++i) {
                burst.push_back(std::move(queue.front()));
                queue.pop_front();
            }
        }
        runBurst(burst);
    }
}

Result<std::unique_ptr<WorkspaceWriter>> WorkspaceWriter::start(const QString &givenPath)
{
    const QString path = QFileInfo(givenPath).absoluteFilePath();
    if (!QFileInfo::exists(path)) {
        return Error::make(
            "workspace.not-found",
            QStringLiteral("Cannot open workspace '%1' for writing: the file does not exist.").arg(path));
    }
    auto db = sqlite::openConnection(path, SQLITE_OPEN_READWRITE);
    if (!db) {
        return db.error();
    }
    // NORMAL in WAL mode: a commit survives a killed process (it is in the WAL); only power loss can drop the
    // last commits, never corrupt the file.
    Status s = sqlite::execScript(
        *db, path, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON");
    if (!s) {
        sqlite::closeConnection(*db);
        return s.error();
    }
    auto priv = std::make_unique<Private>();
    priv->path = path;
    priv->db = *db;
    Private *raw = priv.get();
    priv->thread = std::thread([raw] { raw->runLoop(); });
    return std::unique_ptr<WorkspaceWriter>(new WorkspaceWriter(std::move(priv)));
}

WorkspaceWriter::WorkspaceWriter(std::unique_ptr<Private> dd) : m_d(std::move(dd)) {}

WorkspaceWriter::~WorkspaceWriter()
{
    stop();
    sqlite::closeConnection(m_d->db, &m_d->cache);
}

quint64 WorkspaceWriter::submit(WriteJob job, WriteDone done)
{
    {
        std::lock_guard lock(m_d->mutex);
        if (!m_d->stopping) {
            const quint64 sequence = ++m_d->lastSubmitted;
            m_d->queue.push_back(QueuedJob{sequence, std::move(job), std::move(done), Status{}});
            m_d->wake.notify_one();
            return sequence;
        }
    }
    if (done) {
        done(Error::make(
            "workspace.writer-stopped",
            QStringLiteral("Workspace '%1': the writer is stopped; the write was dropped.").arg(m_d->path)));
    }
    return 0;
}

Status WorkspaceWriter::submitAndWait(WriteJob job, std::chrono::milliseconds timeout)
{
    auto promise = std::make_shared<std::promise<Status>>();
    std::future<Status> future = promise->get_future();
    submit(std::move(job), [promise](const Status &s) { promise->set_value(s); });
    if (future.wait_for(timeout) != std::future_status::ready) {
        return Error::make(
            "workspace.timeout",
            QStringLiteral("Workspace '%1': a write did not finish within %2 ms; it is still queued.")
                .arg(m_d->path)
                .arg(timeout.count()));
    }
    return future.get();
}

quint64 WorkspaceWriter::committedThrough() const
{
    std::lock_guard lock(m_d->mutex);
    return m_d->committedThrough;
}

quint64 WorkspaceWriter::lastSubmitted() const
{
    std::lock_guard lock(m_d->mutex);
    return m_d->lastSubmitted;
}

bool WorkspaceWriter::waitForCommitted(quint64 sequence, std::chrono::milliseconds timeout) const
{
    std::unique_lock lock(m_d->mutex);
    return m_d->committed.wait_for(lock, timeout, [&] { return m_d->committedThrough >= sequence; });
}

bool WorkspaceWriter::flush(std::chrono::milliseconds timeout) const
{
    return waitForCommitted(lastSubmitted(), timeout);
}

QList<WorkspaceWriter::Failure> WorkspaceWriter::takeFailures()
{
    std::lock_guard lock(m_d->mutex);
    return std::exchange(m_d->failures, {});
}

quint64 WorkspaceWriter::transactionsCommitted() const
{
    std::lock_guard lock(m_d->mutex);
    return m_d->transactions;
}

void WorkspaceWriter::stop()
{
    {
        std::lock_guard lock(m_d->mutex);
        m_d->stopping = true;
        m_d->wake.notify_all();
    }
    if (m_d->thread.joinable() && m_d->thread.get_id() != std::this_thread::get_id()) {
        m_d->thread.join();
    }
}

QString WorkspaceWriter::path() const
{
    return m_d->path;
}

} // namespace ferry
