#pragma once
// Thread: runDryRun() runs on the calling thread (a run-controller or CLI thread, never the GUI thread): it
// opens its own source connections and reads on that thread, maps each batch on a pool thread (QtConcurrent;
// RowMapper is pure) while the next batch is read, and writes the quarantine through the workspace's writer
// thread. The callbacks are called on the calling thread.

#include <ferry/Result.h>
#include <ferry/mapping/Mapping.h>
#include <ferry/mapping/RowMapper.h>
#include <ferry/mapping/Validation.h>
#include <ferry/source/SourceConnection.h>
#include <ferry/target/TargetModel.h>

#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace ferry {
class WorkspaceReader;
class WorkspaceWriter;
} // namespace ferry

namespace ferry::mapping {

/// The emulator's documented cost model (docs/emulator-limits.md, `--limits dataverse`) and the service
/// protection limits per user (reference §1.1 [MS S1]), for the time estimate.
struct CostModel
{
    double perRequestMs = 10;
    double perRecordWrittenMs = 8;
    double perColumnMs = 0.1;
    double perPluginRecordMs = 30;
    double maxExecutionMs = 1'200'000; ///< per user per window
    double windowSeconds = 300;
    double maxRequests = 6000; ///< per user per window
};

/// Estimated wall time of sending `requests` whose summed execution cost is `costMs`, with `users`
/// application users each filling its own budget (reference §1.1; docs/emulator-limits.md):
///   seconds = max( costMs / (users × maxExecutionMs / windowSeconds),     -- execution-time limit
///                  requests / (users × maxRequests / windowSeconds) )     -- request-count limit
/// The concurrency limit (52) does not bind at the budget's ~4 requests in flight per user. One simulated
/// web server; a real environment with several servers (affinity off) is faster.
double estimateSeconds(double costMs, qint64 requests, int users, const CostModel &model = {});
/// Execution cost of one bulk request of `records` records with `columns` columns each:
///   perRequestMs + records × (perRecordWrittenMs + columns × perColumnMs [+ perPluginRecordMs])
double requestCostMs(int records, int columns, bool plugin, const CostModel &model = {});

struct DryRunOptions
{
    int applicationUsers = 1;
    CostModel cost;
    QSet<QString> pluginTables; ///< target tables with synchronous plug-ins (cost perPluginRecordMs)
    bool bypassPlugins = false; ///< the run sends the bypass headers, so plug-ins cost nothing
    /// Keys that already exist in the target, per target table: key predicates as LookupUse::keyText gives
    /// them ("ferry_artistnumber=1"). Lookups to a table neither mapped in this run nor listed here are
    /// "unverified" (a warning), not errors.
    QHash<QString, QSet<QString>> existingTargetKeys;
    QList<SystemUser> systemUsers; ///< for "owner" steps
    int lookupSamples = 5;         ///< samples kept per lookup bucket
    int rowSamples = 20;           ///< problem rows kept per table in the report
    bool writeQuarantine = true;   ///< needs a writer; refused rows go to the quarantine, run kind 'dry-run'
    int quarantineBatch = 500;     ///< rows per writer job
    int readBatch = 2000;          ///< rows per SourceReader::nextBatch
    QStringList only;              ///< mapping names to run (empty: every enabled mapping)
    const std::atomic_bool *cancel = nullptr;
};

/// One row with a finding, as the report keeps a sample of them.
struct RowOutcome
{
    QString mapping;
    qint64 sourceRow = 0; ///< the reader's row number (1-based)
    QString rowKey;
    Verdict verdict = Verdict::Ok;
    QList<ValueIssue> issues;
};

/// Per lookup column: how the distinct values the rows bind to resolve against the tables loaded earlier in
/// the run (and the existing keys). Counts are of rows; samples are distinct key predicates.
struct LookupReport
{
    QString mapping;
    QString column;        ///< the lookup column (target)
    QStringList targets;   ///< target tables the binds point at
    qint64 rows = 0;       ///< rows with a non-null bind
    qint64 resolved = 0;   ///< the key names exactly one row
    qint64 ambiguous = 0;  ///< the key names several rows of the target (duplicate source keys)
    qint64 unresolved = 0; ///< no row has the key
    qint64 unverified = 0; ///< the target table is not known to the dry run
    qint64 distinctKeys = 0;
    QStringList ambiguousSamples;
    QStringList unresolvedSamples;
};

/// Per mapping.
struct TableDryRun
{
    QString mapping;
    QString sourceTable;
    QString targetEntity;
    int loadStep = 0; ///< position in the load order
    qint64 rows = 0;
    qint64 ok = 0;
    qint64 warnings = 0;
    qint64 errors = 0;
    qint64 wouldInsert = 0;   ///< no fingerprint stored for the row key
    qint64 wouldUpdate = 0;   ///< a different fingerprint is stored
    qint64 unchanged = 0;     ///< the same fingerprint is stored: not sent
    qint64 refused = 0;       ///< = errors: quarantined, not sent
    qint64 requests = 0;      ///< pass 1: ceil((wouldInsert + wouldUpdate) / batchSize)
    qint64 patchRequests = 0; ///< pass 2: ceil(rows with deferred lookups / batchSize)
    double costMs = 0;        ///< summed requestCostMs of those requests
    double estimatedSeconds = 0;
    QMap<QString, qint64> issueCounts; ///< by ValueIssue::code
    QList<RowOutcome> samples;         ///< the first rowSamples rows with a finding
};

struct DryRunReport
{
    qint64 runId = 0; ///< the runs row (kind 'dry-run'), 0 when nothing was written
    QList<MappingIssue> mappingIssues;
    QList<TableDryRun> tables; ///< in load order
    QList<LookupReport> lookups;
    qint64 totalRows = 0;
    qint64 totalRefused = 0;
    qint64 totalRequests = 0;
    double estimatedSeconds = 0;
    bool cancelled = false;
    /// A stable JSON rendering (sorted keys) for the CLI and for runs.summary_json.
    QByteArray toJson() const;
};

/// Opens a source by its workspace name.
using SourceOpener = std::function<Result<std::unique_ptr<SourceConnection>>(const QString &sourceName)>;
/// Called for every row with a finding (and every `progressEvery` rows with a null row for progress).
using RowCallback = std::function<void(const RowOutcome &row)>;

/// Runs every enabled mapping over every row of its source, with nothing sent to the target: maps, validates,
/// encodes and fingerprints each row; refuses rows with errors and rows repeating an earlier row's key in
/// the same table (they would fail a bulk request); compares fingerprints with row_fingerprints (when a
/// reader is given; table_name = mapping name); resolves lookups against the keys of the tables loaded
/// earlier (load order from the lookups between mappings, LoadOrder.h; deferred and self lookups at the end
/// of their table); counts requests and estimates the time. With a writer, a runs row (kind 'dry-run') is
/// written and refused rows go to the quarantine (table_name = mapping name, payload_json = {"payload": <the
/// row's payload or null>, "source": {column: value}}, error_code = the first error's code, column_name its
/// column).
///
/// A mapping that does not compile against the model and its source columns is reported in mappingIssues
/// (code "compile", the message lists why) and its table is skipped (rows = 0). A cancel is not an error
/// (report.cancelled). Errors: the source's (cannot open, cannot read) and the workspace's.
Result<DryRunReport> runDryRun(const MappingSet &set, const target::TargetModel &model,
                               const SourceOpener &open, const DryRunOptions &options = {},
                               const WorkspaceReader *fingerprints = nullptr,
                               WorkspaceWriter *writer = nullptr, const RowCallback &onRow = {});

/// The load order of a set's mappings: a mapping comes after the mappings feeding the tables its lookups
/// point at; self references and cycle-closing lookups are returned as deferred (mapping name, field target).
struct MappingOrder
{
    QStringList mappings;
    QList<QPair<QString, QString>> deferred;
};
MappingOrder orderMappings(const MappingSet &set);

} // namespace ferry::mapping
