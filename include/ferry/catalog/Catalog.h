#pragma once
// Any thread: plain value types describing a discovered source (its catalog) and column profiles.

#include <ferry/Result.h>
#include <ferry/source/SourceTypes.h>
#include <ferry/source/SourceUri.h>

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace ferry {

/// One value of a column's top-values list with how often it occurs.
struct TopValue
{
    QString value;
    qint64 count = 0;

    friend bool operator==(const TopValue &, const TopValue &) = default;
};

/// Facts about one column's values, read by streaming every row of the table once.
struct ColumnProfile
{
    qint64 rows = 0;     ///< rows read
    qint64 nulls = 0;    ///< null values (empty text counts as null in CSV and sheets)
    qint64 distinct = 0; ///< distinct non-null values: exact when distinctExact, else a HyperLogLog estimate
    bool distinctExact = true; ///< false once more distinct values than the profiler's cap were met
    QString min; ///< smallest non-null value as canonical text (numbers and dates compare as such)
    QString max;
    int longestText = -1;      ///< longest value in characters (text values only; -1: no text value)
    QList<TopValue> topValues; ///< most frequent non-null values, count descending then value ascending
    /// For text columns: the type every (or most) non-empty value reads as (Int, Decimal, Date, DateTime,
    /// Bool); Text when nothing better fits; Null for non-text columns.
    ValueType inferredType = ValueType::Null;
    double inferredShare = 0.0; ///< share of non-null text values that read as inferredType (0..1)

    /// nulls / rows (0 for an empty table).
    double nullShare() const { return rows > 0 ? double(nulls) / double(rows) : 0.0; }

    friend bool operator==(const ColumnProfile &, const ColumnProfile &) = default;
};

/// One column of a catalog table.
struct CatalogColumn
{
    ColumnInfo info;
    QString defaultValue; ///< the declared default expression as the source spells it; empty when none
    std::optional<ColumnProfile> profile;

    friend bool operator==(const CatalogColumn &, const CatalogColumn &) = default;
};

/// One table (or view, sheet, file) of a catalog.
struct CatalogTable
{
    QString name;
    TableKind kind = TableKind::Table;
    QList<CatalogColumn> columns;
    QStringList primaryKey;
    QList<KeyInfo> uniqueKeys;
    QList<ForeignKeyInfo> foreignKeys;
    qint64 rowCount = -1;       ///< -1 when unknown
    bool rowCountExact = false; ///< false: an estimate (e.g. pg_class.reltuples)
    QMap<QString, QString> properties;
    QString errorCode;    ///< set when the table could not be described or profiled; the rest still is
    QString errorMessage; ///< technical reason

    bool hasError() const { return !errorCode.isEmpty(); }
    bool isProfiled() const;
    int columnIndex(const QString &columnName) const; ///< case-insensitive; -1 when absent
    const CatalogColumn *column(const QString &columnName) const;

    /// Copies a source's description; column defaults come from the "default.<column>" properties that
    /// server connectors set (those properties are moved into CatalogColumn::defaultValue).
    static CatalogTable fromTableInfo(const TableInfo &info);

    friend bool operator==(const CatalogTable &, const CatalogTable &) = default;
};

/// A discovered source: its tables in discovery order.
struct Catalog
{
    QString sourceName; ///< the workspace's name for the source (unique per workspace)
    QString sourceUri;  ///< SourceUri::toString() of the source (never holds a password)
    SourceKind kind = SourceKind::Csv;
    QString discoveredAt; ///< ISO 8601 UTC
    QList<CatalogTable> tables;

    const CatalogTable *table(const QString &name) const; ///< case-insensitive
    CatalogTable *table(const QString &name);

    friend bool operator==(const Catalog &, const Catalog &) = default;
};

/// Stable lower-case name of a table kind ("table", "view", "sheet", "file") and back (unknown -> Table).
QString tableKindName(TableKind kind);
TableKind tableKindFromName(const QString &name);
/// Inverse of valueTypeName(); unknown names give Null.
ValueType valueTypeFromName(const QString &name);

} // namespace ferry
