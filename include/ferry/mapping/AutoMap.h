#pragma once
// Any thread: pure functions over plain values.

#include <ferry/catalog/Catalog.h>
#include <ferry/mapping/Mapping.h>
#include <ferry/target/TargetModel.h>

#include <QList>
#include <QString>

namespace ferry::mapping {

/// A proposed field: the analyst accepts or rejects it.
struct ColumnSuggestion
{
    QString sourceColumn;
    QString targetColumn;
    double confidence = 0; ///< 0..1: name similarity × type compatibility (+ key and lookup evidence)
    QString reason; ///< e.g. "name 'artistid' = 'artistid'; lookup to ferry_artist by ferry_artistnumber"
    QList<TransformSpec> transforms; ///< e.g. a lookup step for a foreign key
};

/// A proposed target table for a source table, with its columns.
struct TableSuggestion
{
    QString sourceTable;
    QString targetEntity;
    double confidence = 0;
    QString alternateKey; ///< the key the source primary key lands in, when one fits
    QList<ColumnSuggestion> columns;
};

/// Lower case, without a publisher prefix ("ferry_", "new_", "cr123_"...), separators, an
/// "id"/"number"/"code" key suffix kept, and a plural "s"/"es"/"ies" folded: "ferry_MediaTypes" ->
/// "mediatype".
QString normalizeName(const QString &name);
/// 0..1 similarity of two normalized names (1 = equal; otherwise a bigram Dice coefficient).
double nameSimilarity(const QString &a, const QString &b);
/// 0..1: how well a source type converts to a target column type without explicit steps (1 = natural,
/// 0.5 = needs a conversion step, 0 = incompatible).
double typeCompatibility(ValueType source, target::AttributeType target);

/// For each source table, the best target table (confidence from table names and how many of its columns
/// find a target column), with column suggestions at or above `minConfidence`. Tables without a target over
/// `minConfidence` are left out. Foreign keys become lookups to the table the referenced source table maps
/// to, by that table's alternate key over its primary key.
QList<TableSuggestion> suggestMappings(const Catalog &catalog, const target::TargetModel &model,
                                       double minConfidence = 0.5);
/// The columns of one source table against one chosen target table.
TableSuggestion suggestColumns(const CatalogTable &table, const target::Entity &entity,
                               const target::TargetModel &model, const Catalog *catalog = nullptr,
                               double minConfidence = 0.5);
/// A mapping made of the accepted suggestion (upsert by its alternate key when there is one, else
/// deterministic id), named after the target table.
Mapping mappingFromSuggestion(const TableSuggestion &suggestion, const QString &sourceName);

} // namespace ferry::mapping
