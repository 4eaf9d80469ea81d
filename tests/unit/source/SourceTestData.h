#pragma once
// Test helpers (test thread): fixture paths and a reader that drains a table.

#include <ferry/source/SourceConnection.h>

#include <QDir>
#include <QFileInfo>

#include <gtest/gtest.h>

namespace ferry::testing {

/// tests/data/sources, found from this file's path so no compile definition is needed.
inline QString sourceData(const QString &rel)
{
    return QDir::cleanPath(QFileInfo(QStringLiteral(__FILE__)).absolutePath() +
                           QStringLiteral("/../../data/sources/") + rel);
}

/// ../shared/fixtures next to the project root (real third-party files; may be absent outside the lab).
inline QString sharedFixture(const QString &name)
{
    return QDir::cleanPath(QFileInfo(QStringLiteral(__FILE__)).absolutePath() +
                           QStringLiteral("/../../../../shared/fixtures/") + name);
}

inline QString fileUri(const QString &scheme, const QString &path, const QString &query = {})
{
    SourceUri u;
    u.kind = SourceUri::parse(scheme + QStringLiteral(":///x")).value().kind;
    u.path = path;
    QString s = u.toString();
    if (!query.isEmpty())
        s += QLatin1Char('?') + query;
    return s;
}

struct Drained
{
    QList<ColumnInfo> columns;
    QList<QVector<Value>> rows;
    QList<qint64> rowNumbers;
    QList<RowIssue> issues;
    int batches = 0;
};

/// Reads a whole table in small batches (to exercise batching); fails the test on an error.
inline Drained drain(SourceConnection &conn, const QString &table, QMap<QString, QString> options = {},
                     int batchSize = 3)
{
    Drained d;
    ReadOptions ro;
    ro.options = std::move(options);
    auto reader = conn.openReader(table, ro);
    if (!reader) {
        ADD_FAILURE() << reader.error().message.toStdString();
        return d;
    }
    d.columns = (*reader)->columns();
    for (int guard = 0; guard < 100000; ++guard) {
        RowBatch batch;
        auto more = (*reader)->nextBatch(batch, batchSize);
        if (!more) {
            ADD_FAILURE() << more.error().message.toStdString();
            return d;
        }
        EXPECT_LE(batch.rows.size(), batchSize + 8); // held rows may be flushed together
        EXPECT_EQ(batch.rows.size(), batch.rowNumbers.size());
        for (const auto &r : std::as_const(batch.rows))
            EXPECT_EQ(r.size(), d.columns.size());
        d.rows << batch.rows;
        d.rowNumbers << batch.rowNumbers;
        d.issues << batch.issues;
        ++d.batches;
        if (!*more)
            break;
    }
    return d;
}

inline std::unique_ptr<SourceConnection> openOrFail(const QString &uri)
{
    auto c = openSource(uri);
    if (!c) {
        ADD_FAILURE() << "openSource(" << uri.toStdString() << "): " << c.error().message.toStdString();
        return nullptr;
    }
    return std::move(c).value();
}

inline const TableInfo *findTable(const QList<TableInfo> &tables, const QString &name)
{
    for (const TableInfo &t : tables)
        if (t.name == name)
            return &t;
    return nullptr;
}

inline QStringList columnNames(const QList<ColumnInfo> &cols)
{
    QStringList out;
    for (const ColumnInfo &c : cols)
        out << c.name;
    return out;
}

} // namespace ferry::testing

inline void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}
