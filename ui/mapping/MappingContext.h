#pragma once
// Loaded on a worker thread (its own WorkspaceReader), then handed to the GUI thread as a plain value.

#include <ferry/Result.h>
#include <ferry/auth/ConnectionProfile.h>
#include <ferry/catalog/Catalog.h>
#include <ferry/mapping/Mapping.h>
#include <ferry/source/SourceConnection.h>
#include <ferry/target/TargetModel.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace ferry::ui {

/// What the Mapping and Dry run pages read from a workspace: the target connections, the cached target
/// model of one of them, the source catalogs (with their profiles) and, when asked, the mappings.
struct MappingContext
{
    QList<ferry::auth::ConnectionProfile> connections;
    QString connectionName; ///< whose model is loaded; empty when the workspace has no connection
    ferry::target::TargetModel model;
    QList<ferry::Catalog> catalogs;
    std::optional<ferry::mapping::MappingSet> mappings;
    QStringList errors; ///< technical messages of what could not be read; the rest is still there

    /// Reads a workspace through a reader of its own, so it may run on any thread. `connection` empty (or
    /// unknown) picks the first connection whose cache holds tables.
    static MappingContext load(const QString &workspacePath, const QString &connection, bool withMappings);

    const ferry::Catalog *catalog(const QString &sourceName) const;
    const ferry::CatalogTable *table(const QString &sourceName, const QString &table) const;
    const ferry::auth::ConnectionProfile *connection(const QString &name) const;
};

/// Opens a source by its workspace name through the URI its catalog was discovered from (server sources
/// take their password from FERRY_SOURCE_PASSWORD or the driver). Any thread.
ferry::Result<std::unique_ptr<ferry::SourceConnection>>
openCatalogSource(const QList<ferry::Catalog> &catalogs, const QString &sourceName);

} // namespace ferry::ui
