#pragma once
// Thread: save() from any thread (it submits one job to the workspace's writer thread and waits);
// load() and sources() on the thread that owns the WorkspaceReader.

#include <ferry/catalog/Catalog.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <chrono>

namespace ferry {

/// Keeps catalogs in a workspace's catalog_* tables, one catalog per source name.
class CatalogStore
{
public:
    /// Replaces the stored catalog of `catalog.sourceName` (tables, columns with profiles, keys, foreign
    /// keys) in one writer job and waits for its commit. Error codes: the writer's ("workspace.sql",
    /// "workspace.timeout", "workspace.writer-stopped"), "catalog.invalid" (no source name).
    static Status save(WorkspaceWriter &writer, const Catalog &catalog,
                       std::chrono::milliseconds timeout = std::chrono::seconds(60));

    /// Reads back the catalog saved under `sourceName`. Error codes: "catalog.not-found", the reader's.
    static Result<Catalog> load(const WorkspaceReader &reader, const QString &sourceName);

    /// The names of the stored catalogs, sorted.
    static Result<QStringList> sources(const WorkspaceReader &reader);
};

} // namespace ferry
