#include "MappingContext.h"

#include <ferry/auth/ConnectionStore.h>
#include <ferry/catalog/CatalogStore.h>
#include <ferry/catalog/Discovery.h>
#include <ferry/target/Metadata.h>
#include <ferry/workspace/WorkspaceReader.h>

namespace ferry::ui {

MappingContext MappingContext::load(const QString &workspacePath, const QString &connection,
                                    bool withMappings)
{
    MappingContext context;
    auto reader = WorkspaceReader::open(workspacePath);
    if (!reader) {
        context.errors.append(reader.error().message);
        return context;
    }
    const WorkspaceReader &r = **reader;

    if (auto profiles = auth::ConnectionStore::list(r))
        context.connections = *profiles;
    else
        context.errors.append(profiles.error().message);

    // The named connection, else the first one with something cached: a fresh workspace often has one
    // connection whose metadata was never read, next to the one the analyst works with.
    auto tryLoad = [&](const auth::ConnectionProfile &profile) {
        auto model = target::MetadataCache::load(r, profile.id);
        if (!model) {
            context.errors.append(model.error().message);
            return false;
        }
        context.connectionName = profile.name;
        context.model = std::move(model).value();
        return true;
    };
    const auth::ConnectionProfile *chosen = context.connection(connection);
    if (chosen) {
        tryLoad(*chosen);
        context.connectionName = chosen->name;
    } else {
        for (const auth::ConnectionProfile &p : std::as_const(context.connections))
            if (tryLoad(p) && !context.model.isEmpty())
                break;
        if (context.model.isEmpty() && !context.connections.isEmpty())
            context.connectionName = context.connections.first().name;
    }

    if (auto names = CatalogStore::sources(r)) {
        for (const QString &name : *names) {
            auto catalog = CatalogStore::load(r, name);
            if (catalog)
                context.catalogs.append(std::move(catalog).value());
            else
                context.errors.append(catalog.error().message);
        }
    } else {
        context.errors.append(names.error().message);
    }

    if (withMappings) {
        auto set = mapping::MappingStore::load(r);
        if (set)
            context.mappings = std::move(set).value();
        else
            context.errors.append(set.error().message);
    }
    return context;
}

const Catalog *MappingContext::catalog(const QString &sourceName) const
{
    for (const Catalog &c : catalogs)
        if (c.sourceName == sourceName)
            return &c;
    return nullptr;
}

const CatalogTable *MappingContext::table(const QString &sourceName, const QString &tableName) const
{
    const Catalog *c = catalog(sourceName);
    return c ? c->table(tableName) : nullptr;
}

const auth::ConnectionProfile *MappingContext::connection(const QString &name) const
{
    for (const auth::ConnectionProfile &p : connections)
        if (p.name == name)
            return &p;
    return nullptr;
}

Result<std::unique_ptr<SourceConnection>> openCatalogSource(const QList<Catalog> &catalogs,
                                                            const QString &sourceName)
{
    for (const Catalog &c : catalogs) {
        if (c.sourceName != sourceName)
            continue;
        auto uri = SourceUri::parse(c.sourceUri);
        if (!uri)
            return uri.error();
        return openAnySource(*uri);
    }
    return Error::make(QStringLiteral("source.not-found"),
                       QStringLiteral("The workspace has no discovered source named '%1'.").arg(sourceName));
}

} // namespace ferry::ui
