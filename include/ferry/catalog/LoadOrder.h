#pragma once
// Any thread: a pure function over catalog tables.

#include <ferry/catalog/Catalog.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace ferry {

/// A foreign key that the first pass leaves empty and a later pass patches, because it points at its own
/// table or closes a cycle.
struct DeferredLookup
{
    QString table;           ///< the table holding the foreign key
    QString foreignKey;      ///< its name ("" when the source has none)
    QStringList columns;     ///< the foreign key's columns, loaded as null in pass 1
    QString referencedTable; ///< the lookup's target
    bool selfReference = false;
    bool nullable = true; ///< every column of the key is nullable (otherwise pass 1 needs a placeholder)
    int pass = 2;         ///< the pass that patches the lookup

    friend bool operator==(const DeferredLookup &, const DeferredLookup &) = default;
};

/// One table in load order.
struct LoadStep
{
    QString table;
    int level = 0;         ///< 0 = references nothing in the plan; tables of one level may load in parallel
    QStringList dependsOn; ///< referenced tables in the plan (deferred lookups excluded), sorted

    friend bool operator==(const LoadStep &, const LoadStep &) = default;
};

/// The order in which to load a set of tables so that every lookup's target is loaded first.
struct LoadPlan
{
    QList<LoadStep> steps;          ///< pass 1: every table, parents before children; ties by name
    QList<DeferredLookup> deferred; ///< lookups patched after pass 1 (self references and broken cycles)
    QList<QStringList> cycles;      ///< each cycle found among different tables, its tables sorted
    QStringList externalReferences; ///< "Table.fk -> Other" for references to tables not in the plan

    /// Number of passes: 1, or 2 when some lookups are deferred.
    int passes() const { return deferred.isEmpty() ? 1 : 2; }
    /// Position of `table` in steps (case-insensitive), or -1.
    int indexOf(const QString &table) const;
};

/// Builds the plan from the tables' foreign keys (views and tables with errors take part like the others).
/// Self references are deferred; every cycle (a strongly connected component, found with Tarjan's
/// algorithm) is broken one edge at a time, preferring a foreign key whose columns are all nullable, then
/// the edge whose table name sorts first. Deterministic for a given set of tables.
LoadPlan planLoadOrder(const QList<CatalogTable> &tables);

} // namespace ferry
