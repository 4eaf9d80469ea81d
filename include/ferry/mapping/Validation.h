#pragma once
// Any thread: pure functions over plain values.

#include <ferry/catalog/Catalog.h>
#include <ferry/mapping/Mapping.h>
#include <ferry/mapping/RowMapper.h>
#include <ferry/target/TargetModel.h>

#include <QList>
#include <QString>

namespace ferry::mapping {

/// A finding on a mapping itself (before any row is read): shown inline on the Mapping page and at the top
/// of a dry run report.
///
/// Codes: "unknown-table", "unknown-column" (target), "unknown-source-column", "required-unmapped" (a
/// SystemRequired column no field feeds and the service does not fill: not the primary id, statecode,
/// ownerid, which the service defaults), "application-required-unmapped" (warning: only the UI enforces it),
/// "type-mismatch" (the source type cannot become the target type without a conversion step),
/// "too-long" (warning: the catalog profile's longest text is over MaxLength, or the declared length is),
/// "not-valid-for-create" / "not-valid-for-update" (the service ignores the column for this operation),
/// "no-key" / "unknown-key" / "key-unmapped" (the key's columns are not all mapped), "key-type" (a key column
/// type the service does not allow in keys), "duplicate-target" (two fields feed one column), "option"
/// (warning: profile top values with no option), "lookup-target" (the lookup's table is not a target of the
/// column), "operation" (e.g. Update with an alternate key: UpdateMultiple takes no alternate key, §3.1).
struct MappingIssue
{
    QString mapping; ///< Mapping::name
    QString path;    ///< JSON pointer into the exported document, e.g. "/mappings/1/fields/4"
    QString column;  ///< target column, when the finding is about one
    QString code;
    QString message;
    Severity severity = Severity::Error;
    friend bool operator==(const MappingIssue &, const MappingIssue &) = default;
};

/// Checks one mapping against the target model and, when given, the source table's catalog entry (column
/// types, declared lengths and profiles). `index` is the mapping's position in its set (for paths).
QList<MappingIssue> validateMapping(const Mapping &mapping, const target::TargetModel &model,
                                    const CatalogTable *sourceTable = nullptr, int index = 0);

/// Every mapping of a set; `catalogs` supplies each mapping's source table by source and table name.
QList<MappingIssue> validateMappingSet(const MappingSet &set, const target::TargetModel &model,
                                       const QList<Catalog> &catalogs = {});

/// DateTime columns accept values from 1753-01-01 (reference §9.2 [MS S20]) to 9999-12-31.
QDate minimumDateTime();
QDate maximumDateTime();

} // namespace ferry::mapping
