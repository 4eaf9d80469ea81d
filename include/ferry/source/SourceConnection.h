#pragma once
// Thread: one thread at a time (a discovery job or a run's reader thread); a connection and its readers
// are never shared between threads. Open one connection per thread instead.

#include <ferry/Result.h>
#include <ferry/source/SourceTypes.h>
#include <ferry/source/SourceUri.h>

#include <memory>

namespace ferry {

/// Streams the rows of one table in batches. A reader may borrow its connection's handle (SQLite,
/// .xls): destroy readers before their connection.
class SourceReader
{
public:
    virtual ~SourceReader() = default;

    /// The columns of every row this reader returns (names, normalized types).
    virtual const QList<ColumnInfo> &columns() const = 0;

    /// Appends up to `maxRows` rows (and any issues met) to `batch`. Returns true while more may come,
    /// false once the table is exhausted (the batch may still hold the last rows and issues). An error
    /// means the reader cannot go on (e.g. an I/O or decompression error); the rows read so far stay
    /// valid. Malformed rows are not errors: they come back as RowIssues in the batch.
    virtual Result<bool> nextBatch(RowBatch &batch, int maxRows) = 0;
};

/// One open source (a file, a folder of CSV files, a workbook, a database).
class SourceConnection
{
public:
    virtual ~SourceConnection() = default;

    virtual const SourceUri &uri() const = 0;

    /// The tables, views, sheets or files of the source with columns, keys and row counts.
    virtual Result<QList<TableInfo>> listTables() = 0;

    /// A reader over one table, by the name listTables() gives. Error code "source.no-such-table" when
    /// the name is unknown.
    virtual Result<std::unique_ptr<SourceReader>> openReader(const QString &table,
                                                             const ReadOptions &options = {}) = 0;
};

/// Opens the source a URI names. File kinds are opened read-only and checked at once (a missing,
/// truncated, encrypted or unreadable file fails here with a message naming the file). postgresql:// and
/// odbc:// go through QtSql (see src/core/source/QtSqlSource.h; the password comes from
/// FERRY_SOURCE_PASSWORD or the driver's own means, never from the URI).
/// Error codes: "source.not-found", "source.unreadable", "source.encrypted", "source.corrupt",
/// "source.unsupported" (e.g. a QtSql driver that is not installed), "source.encoding", and the QtSql
/// connector's "source.login-refused", "source.unreachable".
Result<std::unique_ptr<SourceConnection>> openSource(const SourceUri &uri);

/// Convenience: parses `uri` and opens it.
Result<std::unique_ptr<SourceConnection>> openSource(const QString &uri);

} // namespace ferry
