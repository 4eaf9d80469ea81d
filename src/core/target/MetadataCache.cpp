// MetadataCache: the raw metadata JSON in the workspace (target_entities, target_attributes,
// target_documents).
#include <ferry/target/Metadata.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include "target/MetadataInternal.h"

#include <QSet>

#include <optional>
#include <vector>

namespace ferry::target {

using detail::toQString;
using nlohmann::json;

namespace {

const QString kGlobalOptionSet = QStringLiteral("global-option-set");
const QString kRelationship = QStringLiteral("relationship");
const QString kOrganization = QStringLiteral("organization");

QString dumpJson(const json &j)
{
    return QString::fromStdString(j.dump(-1, ' ', false, json::error_handler_t::replace));
}

struct AttributeRow
{
    QString logicalName;
    QString type;
    QString json;
};

struct EntityRow
{
    QString logicalName;
    QString setName;
    QString json;
    QString fetchedAt;
    std::vector<AttributeRow> attributes;
};

struct DocumentRow
{
    QString kind;
    QString name;
    QString json;
};

/// The tables a relationship joins.
QStringList sidesOf(const json &r)
{
    QStringList sides;
    for (const char *k :
         {"ReferencedEntity", "ReferencingEntity", "Entity1LogicalName", "Entity2LogicalName"}) {
        const QString s = toQString(r, k);
        if (!s.isEmpty())
            sides.append(s);
    }
    return sides;
}

} // namespace

Status MetadataCache::store(WorkspaceWriter &writer, qint64 connectionId, const json &orgJson,
                            bool replaceAll)
{
    // Parse first: metadata the model cannot read is refused before anything is written.
    try {
        if (auto model = detail::parseOrgJson(orgJson); !model)
            return model.error();
    } catch (const json::exception &ex) {
        return Error::make(
            QStringLiteral("metadata.invalid"),
            QStringLiteral("The org metadata is invalid: %1.").arg(QString::fromUtf8(ex.what())));
    }

    const QString now = detail::isoUtc(QDateTime::currentDateTimeUtc());
    const json fetched = orgJson.value(detail::kFetchedKey, json::object());
    std::vector<EntityRow> entities;
    for (const json &e : orgJson.at("value")) {
        EntityRow row;
        row.logicalName = toQString(e, "LogicalName");
        row.setName = toQString(e, "EntitySetName");
        row.fetchedAt = toQString(fetched, row.logicalName.toStdString().c_str());
        if (row.fetchedAt.isEmpty())
            row.fetchedAt = now;
        json withoutAttributes = e;
        withoutAttributes.erase("Attributes");
        row.json = dumpJson(withoutAttributes);
        if (const auto attrs = e.find("Attributes"); attrs != e.end() && attrs->is_array())
            for (const json &a : *attrs)
                row.attributes.push_back(
                    AttributeRow{toQString(a, "LogicalName"), toQString(a, "AttributeType"), dumpJson(a)});
        entities.push_back(std::move(row));
    }

    QStringList refreshed;
    for (const EntityRow &e : entities)
        refreshed.append(e.logicalName);

    // Relationships: those of the refreshed tables are replaced by what the org file says now.
    std::vector<DocumentRow> relationships;
    QString error;
    if (const json *rels = detail::collection(orgJson, "RelationshipDefinitions", error))
        for (const json &r : *rels)
            relationships.push_back(DocumentRow{kRelationship, toQString(r, "SchemaName"), dumpJson(r)});
    const bool hasGlobals = orgJson.contains("GlobalOptionSetDefinitions");
    std::vector<DocumentRow> globals;
    if (const json *sets = detail::collection(orgJson, "GlobalOptionSetDefinitions", error))
        for (const json &o : *sets)
            globals.push_back(DocumentRow{kGlobalOptionSet, toQString(o, "Name"), dumpJson(o)});
    // Only the organization: the rest of x-ferry-emulator can hold app user secrets of a hand-made org file.
    std::optional<DocumentRow> organization;
    if (const auto emu = orgJson.find(detail::kEmulatorKey); emu != orgJson.end() && emu->is_object()) {
        if (const auto o = emu->find("organization"); o != emu->end() && o->is_object()) {
            json org = json::object();
            for (const char *k : {"id", "name", "uniqueName", "businessUnitId", "environmentUrl"})
                if (o->contains(k) && (*o)[k].is_string())
                    org[k] = (*o)[k];
            if (!org.contains("environmentUrl")) {
                const QString context = toQString(orgJson, "@odata.context");
                const int api = context.indexOf(QLatin1String("/api/data/"));
                if (api > 0)
                    org["environmentUrl"] = context.left(api + 1).toStdString();
            }
            organization = DocumentRow{kOrganization, QString(), dumpJson(org)};
        }
    }

    return writer.submitAndWait([=](WriteTransaction &tx) -> Status {
        const QVariant conn(connectionId);
        if (replaceAll) {
            if (auto s = tx.exec(QStringLiteral("DELETE FROM target_attributes WHERE entity_id IN "
                                                "(SELECT id FROM target_entities WHERE connection_id = ?1)"),
                                 {conn});
                !s)
                return s;
            if (auto s =
                    tx.exec(QStringLiteral("DELETE FROM target_entities WHERE connection_id = ?1"), {conn});
                !s)
                return s;
            if (auto s =
                    tx.exec(QStringLiteral("DELETE FROM target_documents WHERE connection_id = ?1"), {conn});
                !s)
                return s;
        }
        for (const EntityRow &e : entities) {
            if (auto s =
                    tx.exec(QStringLiteral("DELETE FROM target_attributes WHERE entity_id IN (SELECT id FROM "
                                           "target_entities WHERE connection_id = ?1 AND logical_name = ?2)"),
                            {conn, e.logicalName});
                !s)
                return s;
            if (auto s = tx.exec(QStringLiteral("DELETE FROM target_entities WHERE connection_id = ?1 AND "
                                                "logical_name = ?2"),
                                 {conn, e.logicalName});
                !s)
                return s;
            auto id = tx.insert(QStringLiteral("INSERT INTO target_entities (connection_id, logical_name, "
                                               "entity_set_name, metadata_json, fetched_at) "
                                               "VALUES (?1, ?2, ?3, ?4, ?5)"),
                                {conn, e.logicalName, e.setName, e.json, e.fetchedAt});
            if (!id)
                return id.error();
            for (const AttributeRow &a : e.attributes) {
                // A hand-made file may repeat a column: the first one counts, as in the parser.
                if (auto s =
                        tx.exec(QStringLiteral("INSERT OR IGNORE INTO target_attributes (entity_id, "
                                               "logical_name, attribute_type, metadata_json, fetched_at) "
                                               "VALUES (?1, ?2, ?3, ?4, ?5)"),
                                {*id, a.logicalName, a.type.isEmpty() ? QVariant() : QVariant(a.type), a.json,
                                 e.fetchedAt});
                    !s)
                    return s;
            }
        }
        if (!refreshed.isEmpty()) {
            auto existing =
                tx.query(QStringLiteral("SELECT id, json FROM target_documents WHERE connection_id = "
                                        "?1 AND kind = ?2"),
                         {conn, kRelationship});
            if (!existing)
                return existing.error();
            for (const SqlRow &row : *existing) {
                const json r = json::parse(row.value(1).toString().toStdString(), nullptr, false);
                bool touches = false;
                for (const QString &side : sidesOf(r))
                    touches = touches || refreshed.contains(side);
                if (touches)
                    if (auto s = tx.exec(QStringLiteral("DELETE FROM target_documents WHERE id = ?1"),
                                         {row.value(0)});
                        !s)
                        return s;
            }
        }
        for (const DocumentRow &r : relationships)
            if (auto s = tx.exec(
                    QStringLiteral("INSERT OR REPLACE INTO target_documents (connection_id, kind, name, "
                                   "json, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5)"),
                    {conn, r.kind, r.name, r.json, now});
                !s)
                return s;
        if (hasGlobals) {
            // GlobalOptionSetDefinitions is always read whole, so it replaces the cached list.
            if (auto s = tx.exec(
                    QStringLiteral("DELETE FROM target_documents WHERE connection_id = ?1 AND kind = ?2"),
                    {conn, kGlobalOptionSet});
                !s)
                return s;
            for (const DocumentRow &g : globals)
                if (auto s = tx.exec(
                        QStringLiteral("INSERT OR REPLACE INTO target_documents (connection_id, kind, "
                                       "name, json, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5)"),
                        {conn, g.kind, g.name, g.json, now});
                    !s)
                    return s;
        }
        if (organization)
            if (auto s = tx.exec(
                    QStringLiteral("INSERT OR REPLACE INTO target_documents (connection_id, kind, name, "
                                   "json, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5)"),
                    {conn, organization->kind, organization->name, organization->json, now});
                !s)
                return s;
        return {};
    });
}

Result<json> MetadataCache::loadRaw(const WorkspaceReader &reader, qint64 connectionId)
{
    auto entities =
        reader.query(QStringLiteral("SELECT id, logical_name, metadata_json, fetched_at FROM "
                                    "target_entities WHERE connection_id = ?1 ORDER BY logical_name"),
                     {connectionId});
    if (!entities)
        return entities.error();
    auto attributes =
        reader.query(QStringLiteral("SELECT a.entity_id, a.metadata_json FROM target_attributes a "
                                    "JOIN target_entities e ON e.id = a.entity_id "
                                    "WHERE e.connection_id = ?1 ORDER BY a.entity_id, a.id"),
                     {connectionId});
    if (!attributes)
        return attributes.error();
    auto documents = reader.query(QStringLiteral("SELECT kind, name, json FROM target_documents WHERE "
                                                 "connection_id = ?1 ORDER BY kind, id"),
                                  {connectionId});
    if (!documents)
        return documents.error();

    auto parse = [](const QVariant &text, const QString &what) -> Result<json> {
        json j = json::parse(text.toString().toStdString(), nullptr, false);
        if (j.is_discarded())
            return Error::make(QStringLiteral("metadata.invalid"),
                               QStringLiteral("The cached metadata of %1 is not JSON.").arg(what));
        return j;
    };

    QHash<qint64, json> attributesOf;
    for (const SqlRow &row : *attributes) {
        auto a = parse(row.value(1), QStringLiteral("an attribute"));
        if (!a)
            return a.error();
        json &list = attributesOf[row.value(0).toLongLong()];
        if (list.is_null())
            list = json::array();
        list.push_back(std::move(a.value()));
    }
    json doc = json::object();
    json values = json::array();
    json fetched = json::object();
    for (const SqlRow &row : *entities) {
        const QString name = row.value(1).toString();
        auto e = parse(row.value(2), QStringLiteral("table '%1'").arg(name));
        if (!e)
            return e.error();
        json attrs = attributesOf.value(row.value(0).toLongLong(), json::array());
        e.value()["Attributes"] = attrs.is_null() ? json::array() : std::move(attrs);
        values.push_back(std::move(e.value()));
        fetched[name.toStdString()] = row.value(3).toString().toStdString();
    }
    json relationships = json::array();
    json globals = json::array();
    for (const SqlRow &row : *documents) {
        const QString kind = row.value(0).toString();
        auto j = parse(row.value(2), QStringLiteral("%1 '%2'").arg(kind, row.value(1).toString()));
        if (!j)
            return j.error();
        if (kind == kRelationship) {
            relationships.push_back(std::move(j.value()));
        } else if (kind == kGlobalOptionSet) {
            globals.push_back(std::move(j.value()));
        } else if (kind == kOrganization) {
            const QString url = toQString(*j, "environmentUrl");
            if (!url.isEmpty())
                doc["@odata.context"] =
                    (url + QStringLiteral("api/data/v9.2/$metadata#EntityDefinitions(Attributes(),Keys(),"
                                          "ManyToOneRelationships(),OneToManyRelationships(),"
                                          "ManyToManyRelationships())"))
                        .toStdString();
            doc[detail::kEmulatorKey] = json{{"organization", std::move(j.value())}};
        }
    }
    doc["value"] = std::move(values);
    doc["RelationshipDefinitions"] = std::move(relationships);
    doc["GlobalOptionSetDefinitions"] = std::move(globals);
    doc[detail::kFetchedKey] = std::move(fetched);
    return doc;
}

Result<TargetModel> MetadataCache::load(const WorkspaceReader &reader, qint64 connectionId)
{
    auto raw = loadRaw(reader, connectionId);
    if (!raw)
        return raw.error();
    try {
        return detail::parseOrgJson(*raw);
    } catch (const json::exception &ex) {
        return Error::make(
            QStringLiteral("metadata.invalid"),
            QStringLiteral("The cached metadata is invalid: %1.").arg(QString::fromUtf8(ex.what())));
    }
}

} // namespace ferry::target
