#pragma once
// Thread: create, start(), cancel(), wait() and result() on the owning thread (cancel() from any thread);
// the work runs as one job on a QThreadPool thread, which opens its own source connection (QtSql
// connections belong to the thread that opened them). Signals are emitted from the pool thread: connect
// with the default (queued) connection to receive them on the owner's thread.

#include <ferry/catalog/Catalog.h>
#include <ferry/catalog/LoadOrder.h>
#include <ferry/catalog/Profiler.h>

#include <QMutex>
#include <QObject>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <memory>

class QThreadPool;

namespace ferry {

class WorkspaceWriter;

struct DiscoveryOptions
{
    bool profile = false;      ///< profile every table (or only profileTables when not empty)
    QStringList profileTables; ///< restrict profiling to these tables
    ProfileOptions profileOptions;
    QString sourceName; ///< the catalog's name in the workspace; default: the URI without options
    QString password;   ///< for server sources; empty: FERRY_SOURCE_PASSWORD or the driver's own
    /// When set, the catalog is saved through this writer once discovery finished, also when some tables
    /// failed (they are stored with their errors). A cancelled run saves nothing, so it never replaces a
    /// complete catalog with part of one. The writer must outlive the discovery.
    WorkspaceWriter *writer = nullptr;
};

/// A table that could not be described or profiled.
struct TableError
{
    QString table;
    Error error;
};

struct DiscoveryResult
{
    Catalog catalog;
    LoadPlan loadPlan;
    QList<TableError> tableErrors; ///< per-table failures; the other tables were still discovered
    bool cancelled = false;
    Error error; ///< set when the source could not be opened or listed (or the catalog not saved)

    bool ok() const { return error.code.isEmpty() && !cancelled; }
};

/// Called after each table: tables done, total, the table just handled.
using DiscoveryProgress = std::function<void(int done, int total, const QString &table)>;

/// Discovers a source in the background: lists its tables with columns, keys and row counts, optionally
/// profiles them, plans the load order and stores the catalog in the workspace.
class Discovery : public QObject
{
    Q_OBJECT
public:
    Discovery(SourceUri uri, DiscoveryOptions options, QObject *parent = nullptr);
    /// Cancels and waits for the job.
    ~Discovery() override;

    /// Starts the job on `pool` (the global pool when null). Call once.
    void start(QThreadPool *pool = nullptr);
    /// Asks the job to stop at the next table or batch. Any thread.
    void cancel();
    /// Waits until the job finished; false on timeout.
    bool wait(int timeoutMs = -1);
    bool isFinished() const;
    /// The outcome; valid once finished.
    DiscoveryResult result() const;

    /// The same work synchronously on the calling thread (used by the job and by ferry-cli).
    static DiscoveryResult run(const SourceUri &uri, const DiscoveryOptions &options,
                               const std::atomic<bool> *cancel = nullptr,
                               const DiscoveryProgress &progress = {});

signals:
    /// After each table (from the pool thread).
    void progress(int done, int total, const QString &table);
    /// Once, when the job ended (finished, failed or cancelled), from the pool thread.
    void finished();

private:
    // Shared with the job, which touches it after its last signal: it outlives this object if need be.
    struct State
    {
        QMutex mutex;
        QWaitCondition done;
        std::atomic<bool> cancel{false};
        bool started = false;
        bool finished = false;
        DiscoveryResult result;
    };

    SourceUri m_uri;
    DiscoveryOptions m_options;
    std::shared_ptr<State> m_state;
};

/// Opens any source kind (file kinds through openSource(), postgresql/odbc through QtSql), with an
/// optional password for server kinds.
Result<std::unique_ptr<SourceConnection>> openAnySource(const SourceUri &uri, const QString &password = {});

} // namespace ferry
