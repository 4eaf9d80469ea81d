#pragma once
// Thread: one thread at a time (see SourceConnection.h).

#include <ferry/source/SourceConnection.h>

#include "CsvParser.h"

#include <QMap>
#include <QVector>

namespace ferry::source {

/// Reads one CSV file: sniffs encoding, delimiter and header, infers column types over a sample,
/// then streams the rest.
class CsvReader final : public SourceReader
{
public:
    CsvReader(QString path, QMap<QString, QString> options, int sampleRows);

    Result<void> init();
    const QList<ColumnInfo> &columns() const override { return m_columns; }
    Result<bool> nextBatch(RowBatch &batch, int maxRows) override;

    /// Columns, detected dialect and the row count (exact when the sample reached the end).
    TableInfo describe(const QString &tableName) const;

private:
    struct Pending
    {
        qint64 line = 0;
        QStringList fields;
        QVector<bool> quoted;
        QByteArray raw;
        bool invalidUtf8 = false;
        bool malformed = false;
        QString reason;
    };
    Pending toPending(const CsvRecord &rec) const;
    void emitPending(const Pending &p, RowBatch &batch) const;
    void emitRecord(const CsvRecord &rec, RowBatch &batch) const;

    QString m_path;
    QMap<QString, QString> m_options;
    int m_sampleRows;
    CsvDialect m_dialect;
    bool m_hasHeader = false;
    std::unique_ptr<CsvParser> m_parser;
    CsvRecord m_rec;
    QList<Pending> m_pending;
    qsizetype m_pendingPos = 0;
    QList<ColumnInfo> m_columns;
    bool m_typed = true;
    bool m_done = false;
    qint64 m_sampleDataRows = 0;
    bool m_sampleReachedEnd = false;
    qint64 m_sampleBytes = 0;
};

/// csv:///file.csv (one table) or csv:///folder (each *.csv / *.tsv file is a table).
class CsvConnection final : public SourceConnection
{
public:
    explicit CsvConnection(SourceUri uri);
    Result<void> open();

    const SourceUri &uri() const override { return m_uri; }
    Result<QList<TableInfo>> listTables() override;
    Result<std::unique_ptr<SourceReader>> openReader(const QString &table,
                                                     const ReadOptions &options) override;

private:
    Result<std::unique_ptr<CsvReader>> makeReader(const QString &table, const ReadOptions &options);

    SourceUri m_uri;
    QMap<QString, QString> m_files; // table name -> path (sorted by name)
};

} // namespace ferry::source
