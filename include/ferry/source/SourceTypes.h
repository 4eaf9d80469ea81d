#pragma once
// Any thread: plain value types describing source tables and the rows read from them.

#include <ferry/Result.h>
#include <ferry/source/Value.h>

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

namespace ferry {

/// What a table of a source is.
enum class TableKind
{
    Table, ///< a database table
    View,  ///< a database view
    Sheet, ///< a worksheet of a workbook
    File,  ///< a CSV file
};

/// One column as the source describes it.
struct ColumnInfo
{
    QString name;
    QString declaredType;             ///< as the source spells it ("NVARCHAR(160)"); empty when untyped
    ValueType type = ValueType::Null; ///< normalized type; Null = unknown
    bool nullable = true;
    int length = -1;       ///< maximum length in characters where the source declares one
    int precision = -1;    ///< decimal precision where declared
    int scale = -1;        ///< decimal scale where declared
    bool inferred = false; ///< true when the type was inferred from sampled values

    friend bool operator==(const ColumnInfo &, const ColumnInfo &) = default;
};

/// A primary or unique key.
struct KeyInfo
{
    QString name;        ///< index/constraint name where the source has one
    QStringList columns; ///< in key order

    friend bool operator==(const KeyInfo &, const KeyInfo &) = default;
};

/// A foreign key (composite keys have several columns, in order).
struct ForeignKeyInfo
{
    QString name;
    QStringList columns;
    QString referencedTable;
    QStringList referencedColumns;

    friend bool operator==(const ForeignKeyInfo &, const ForeignKeyInfo &) = default;
};

/// One table of a source, as listTables() describes it.
struct TableInfo
{
    QString name; ///< the name openReader() takes
    TableKind kind = TableKind::Table;
    QList<ColumnInfo> columns;
    QStringList primaryKey;
    QList<KeyInfo> uniqueKeys;
    QList<ForeignKeyInfo> foreignKeys;
    qint64 rowCount = -1;       ///< -1 when unknown
    bool rowCountExact = false; ///< false: an estimate (e.g. from a file size or a sheet's dimension)
    /// What the reader detected or was told, for the user to confirm: CSV "encoding", "delimiter",
    /// "header" (yes/no); sheets "titleRows", "headerRows", "firstDataRow" (1-based), "footnoteRows".
    QMap<QString, QString> properties;
    /// Set when this one table could not be described (e.g. a CSV file of a folder in an unknown
    /// encoding); the other tables are still listed. Empty code = no error.
    Error error;

    int columnIndex(const QString &columnName) const;
};

/// A row that could not be read as it is, or was read with a change. Never dropped silently:
/// every skipped or altered row gives one of these.
struct RowIssue
{
    qint64 line = 0;  ///< 1-based line (CSV, where the record starts) or row number (sheets, tables)
    QString location; ///< more precise place where known, e.g. a cell "C5"; may be empty
    QString raw;      ///< the raw text of the record / row as the source holds it (CSV: the exact line(s))
    QString reason;   ///< technical, complete sentence
    bool rowKept = false; ///< true: the row is in the batch (with the change described); false: it is not

    friend bool operator==(const RowIssue &, const RowIssue &) = default;
};

/// One batch of rows streamed from a reader.
struct RowBatch
{
    QList<QVector<Value>> rows; ///< each row has exactly columns().size() values
    QList<qint64> rowNumbers;   ///< source line / row number of each row (1-based), parallel to rows
    QList<RowIssue> issues;     ///< issues met while reading this batch

    void clear()
    {
        rows.clear();
        rowNumbers.clear();
        issues.clear();
    }
};

/// Options for one reader; values given here win over the source URI's options.
struct ReadOptions
{
    int sampleRows = 1000;          ///< CSV: records read ahead to infer column types and detect a header
    QMap<QString, QString> options; ///< same keys as SourceUri options (e.g. "titleRows", "header")

    /// The source URI's options overridden by these read options.
    QMap<QString, QString> mergedWith(const QMap<QString, QString> &uriOptions) const
    {
        QMap<QString, QString> merged = uriOptions;
        for (auto o = options.cbegin(); o != options.cend(); ++o)
            merged.insert(o.key(), o.value());
        return merged;
    }
};

} // namespace ferry
