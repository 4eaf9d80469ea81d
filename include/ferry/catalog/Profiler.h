#pragma once
// Thread: the calling thread (a discovery job); it uses the connection it is given on that thread.

#include <ferry/catalog/Catalog.h>
#include <ferry/source/SourceConnection.h>

#include <atomic>
#include <functional>

namespace ferry {

struct ProfileOptions
{
    int topValues = 10;           ///< values kept in ColumnProfile::topValues
    int exactDistinctCap = 10000; ///< distinct values counted exactly per column; above: HyperLogLog
    qint64 maxRows = -1;          ///< stop after this many rows (-1: the whole table)
    int batchRows = 2000;
};

/// Reads one table through a SourceReader and profiles every column. Works for every source kind.
/// `cancel`, when given, is polled between batches: a cancelled profile fails with "catalog.cancelled".
/// Errors: the reader's own ("source.no-such-table", "source.query-failed"...), "catalog.cancelled".
Result<QList<ColumnProfile>> profileTable(SourceConnection &connection, const QString &table,
                                          const ProfileOptions &options = {},
                                          const std::atomic<bool> *cancel = nullptr);

/// Profiles a stream of values of one column (exposed for tests and for other readers).
class ColumnProfiler
{
public:
    explicit ColumnProfiler(const ProfileOptions &options = {});
    ~ColumnProfiler();
    ColumnProfiler(ColumnProfiler &&) noexcept;
    ColumnProfiler &operator=(ColumnProfiler &&) noexcept;

    void add(const Value &value);
    ColumnProfile result() const;

private:
    struct Private;
    std::unique_ptr<Private> m_d;
};

} // namespace ferry
