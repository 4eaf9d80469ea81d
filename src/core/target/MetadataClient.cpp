// MetadataClient: reads EntityDefinitions the way the real service needs it (one expand per table plus one
// typed cast per kind of choice column, because OptionSet cannot be expanded from the base
// AttributeMetadata).
#include <ferry/target/DataverseClient.h>
#include <ferry/target/Metadata.h>

#include "target/MetadataInternal.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace ferry::target {

using detail::toQString;
using nlohmann::json;

namespace {

const QString kEntityExpand = QStringLiteral(
    "?$expand=Attributes,Keys,ManyToOneRelationships,OneToManyRelationships,ManyToManyRelationships");

/// The typed attribute classes whose OptionSet must be read through a cast, and whether the class has a
/// GlobalOptionSet navigation property worth expanding (choices and multi-select choices can use one).
struct OptionCast
{
    AttributeType type;
    const char *castName;
    bool global;
};
constexpr OptionCast kOptionCasts[] = {
    {AttributeType::Picklist, "PicklistAttributeMetadata", true},
    {AttributeType::MultiSelectPicklist, "MultiSelectPicklistAttributeMetadata", true},
    {AttributeType::State, "StateAttributeMetadata", false},
    {AttributeType::Status, "StatusAttributeMetadata", false},
    {AttributeType::Boolean, "BooleanAttributeMetadata", false},
};

Error cancelled()
{
    return Error::make(QStringLiteral("metadata.cancelled"),
                       QStringLiteral("The metadata fetch was cancelled."));
}

/// A member of an object answer, or null (also when the answer is not an object).
json member(const json &j, const char *key)
{
    return j.is_object() ? j.value(key, json()) : json();
}

bool isCancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load();
}

bool validLogicalName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_]+$"));
    return re.match(name).hasMatch();
}

AttributeType attributeTypeOfJson(const json &a)
{
    QString typeName = toQString(a.value("AttributeTypeName", json()), "Value");
    if (typeName.endsWith(QLatin1String("Type")))
        typeName.chop(4);
    AttributeType t = attributeTypeFromName(typeName);
    if (t == AttributeType::Other)
        t = attributeTypeFromName(toQString(a, "AttributeType"));
    if (t == AttributeType::Other || t == AttributeType::Virtual) {
        const QString odata = toQString(a, "@odata.type");
        for (const OptionCast &c : kOptionCasts)
            if (odata.endsWith(QLatin1Char('.') + QLatin1String(c.castName)))
                return c.type;
    }
    return t;
}

/// One table: the expanded EntityMetadata with the option sets of the typed casts merged into Attributes.
Result<json> fetchTable(DataverseClient &client, const QString &table, const std::atomic_bool *cancel)
{
    const QString base = QStringLiteral("EntityDefinitions(LogicalName='%1')").arg(table);
    auto entity = client.getJson(base + kEntityExpand);
    if (!entity) {
        if (entity.error().code == QLatin1String("target.not-found"))
            return Error::make(
                QStringLiteral("metadata.not-found"),
                QStringLiteral("The table '%1' does not exist in %2 (EntityDefinitions answered "
                               "404).")
                    .arg(table, client.webApiUrl().toString()));
        return entity.error();
    }
    json e = std::move(entity.value());
    if (!e.is_object() || !e.contains("Attributes") || !e["Attributes"].is_array())
        return Error::make(
            QStringLiteral("metadata.invalid"),
            QStringLiteral("The metadata of table '%1' is invalid: the service's answer has no "
                           "Attributes array.")
                .arg(table));
    e.erase("@odata.context");

    QSet<AttributeType> present;
    for (const json &a : e["Attributes"])
        present.insert(attributeTypeOfJson(a));
    for (const OptionCast &c : kOptionCasts) {
        if (!present.contains(c.type))
            continue;
        if (isCancelled(cancel))
            return cancelled();
        auto options = client.getJson(
            QStringLiteral("%1/Attributes/Microsoft.Dynamics.CRM.%2?$select=LogicalName&$expand=%3")
                .arg(base, QLatin1String(c.castName),
                     c.global ? QStringLiteral("OptionSet,GlobalOptionSet") : QStringLiteral("OptionSet")));
        if (!options)
            return options.error();
        const json values = member(*options, "value");
        if (!values.is_array())
            return Error::make(QStringLiteral("metadata.invalid"),
                               QStringLiteral("The metadata of table '%1' is invalid: the %2 cast answered "
                                              "without a value array.")
                                   .arg(table, QLatin1String(c.castName)));
        QHash<QString, const json *> byName;
        for (const json &v : values)
            byName.insert(toQString(v, "LogicalName"), &v);
        for (json &a : e["Attributes"]) {
            const auto it = byName.constFind(toQString(a, "LogicalName"));
            if (it == byName.constEnd())
                continue;
            for (const char *k : {"OptionSet", "GlobalOptionSet"}) {
                const auto v = (*it)->find(k);
                if (v != (*it)->end() && !v->is_null())
                    a[k] = *v;
            }
        }
    }
    return e;
}

QString nameFromHost(const QUrl &url)
{
    const QString host = url.host();
    static const QRegularExpression ipv4(QStringLiteral("^[0-9.]+$"));
    if (host.isEmpty() || host.contains(QLatin1Char(':')) || ipv4.match(host).hasMatch() ||
        host == QLatin1String("localhost"))
        return QStringLiteral("emulator");
    return host.section(QLatin1Char('.'), 0, 0);
}

} // namespace

MetadataClient::MetadataClient(QUrl environmentUrl, std::shared_ptr<auth::TokenProvider> tokens,
                               net::TlsPolicy tls, int parallelRequests)
    : m_url(std::move(environmentUrl)), m_tokens(std::move(tokens)), m_tls(std::move(tls)),
      m_parallel(std::max(1, parallelRequests))
{}

Result<QStringList> MetadataClient::listTables()
{
    DataverseClient client(m_url, m_tokens, m_tls);
    auto list = client.getJson(QStringLiteral("EntityDefinitions?$select=LogicalName"));
    if (!list)
        return list.error();
    const json values = member(*list, "value");
    if (!values.is_array())
        return Error::make(QStringLiteral("metadata.invalid"),
                           QStringLiteral("The table list of %1 is invalid: the answer has no value array.")
                               .arg(client.webApiUrl().toString()));
    QStringList names;
    for (const json &v : values) {
        const QString name = toQString(v, "LogicalName");
        if (!name.isEmpty())
            names.append(name);
    }
    names.sort();
    return names;
}

Result<json> MetadataClient::fetchRaw(const QStringList &requested, const ProgressCallback &progress,
                                      const std::atomic_bool *cancel)
{
    if (isCancelled(cancel))
        return cancelled();
    DataverseClient main(m_url, m_tokens, m_tls);

    QStringList tables;
    if (requested.isEmpty()) {
        auto all = listTables();
        if (!all)
            return all.error();
        tables = *all;
    } else {
        for (const QString &t : requested) {
            if (!validLogicalName(t))
                return Error::make(
                    QStringLiteral("metadata.not-found"),
                    QStringLiteral("'%1' is not a table logical name (letters, digits and '_').").arg(t));
            if (!tables.contains(t))
                tables.append(t);
        }
    }

    // Who and where: WhoAmI for the ids, the organization row for its name when the service serves it.
    if (isCancelled(cancel))
        return cancelled();
    auto who = main.whoAmI();
    if (!who)
        return who.error();
    json organization = {{"id", who->organizationId.toStdString()},
                         {"businessUnitId", who->businessUnitId.toStdString()},
                         {"environmentUrl", m_url.toString().toStdString()}};
    QString orgName;
    if (!who->organizationId.isEmpty()) {
        if (isCancelled(cancel))
            return cancelled();
        auto row = main.getJson(QStringLiteral("organizations(%1)?$select=name").arg(who->organizationId));
        if (row)
            orgName = toQString(*row, "name");
        // A missing organizations set (ferry-emulator) is not an error: the host names the org instead.
    }
    if (orgName.isEmpty())
        orgName = nameFromHost(m_url);
    organization["name"] = orgName.toStdString();
    organization["uniqueName"] = orgName.toStdString();

    if (isCancelled(cancel))
        return cancelled();
    auto globals = main.getJson(QStringLiteral("GlobalOptionSetDefinitions"));
    if (!globals)
        return globals.error();
    json globalSets = member(*globals, "value");
    if (!globalSets.is_array())
        return Error::make(QStringLiteral("metadata.invalid"),
                           QStringLiteral("GlobalOptionSetDefinitions of %1 answered without a value array.")
                               .arg(main.webApiUrl().toString()));

    // The tables, several at a time: one DataverseClient (one connection) per worker, one shared token.
    std::vector<json> results(static_cast<size_t>(tables.size()));
    std::vector<QDateTime> fetchedAt(static_cast<size_t>(tables.size()));
    std::atomic<qsizetype> next{0};
    std::atomic_bool failed{false};
    std::mutex mutex;
    std::optional<Error> firstError;
    int done = 0;
    auto worker = [&]() {
        DataverseClient client(m_url, m_tokens, m_tls);
        while (true) {
            const qsizetype i = next.fetch_add(1);
            if (i >= tables.size() || failed.load())
                return;
            auto table =
                isCancelled(cancel) ? Result<json>(cancelled()) : fetchTable(client, tables[i], cancel);
            std::lock_guard lock(mutex);
            if (!table) {
                if (!firstError)
                    firstError = table.error();
                failed = true;
                return;
            }
            results[static_cast<size_t>(i)] = std::move(table.value());
            fetchedAt[static_cast<size_t>(i)] = QDateTime::currentDateTimeUtc();
            ++done;
            if (progress)
                progress(Progress{done, int(tables.size()), tables[i]});
        }
    };
    const int threads = int(std::min<qsizetype>(m_parallel, tables.size()));
    std::vector<std::thread> pool;
    pool.reserve(static_cast<size_t>(threads));
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(worker);
    for (std::thread &t : pool)
        t.join();
    if (firstError)
        return *firstError;
    if (isCancelled(cancel))
        return cancelled();

    json doc = json::object();
    doc["@odata.context"] =
        (main.webApiUrl().toString() +
         QStringLiteral("$metadata#EntityDefinitions(Attributes(),Keys(),ManyToOneRelationships(),"
                        "OneToManyRelationships(),ManyToManyRelationships())"))
            .toStdString();
    json values = json::array();
    json fetched = json::object();
    for (size_t i = 0; i < results.size(); ++i) {
        fetched[tables[qsizetype(i)].toStdString()] = detail::isoUtc(fetchedAt[i]).toStdString();
        values.push_back(std::move(results[i]));
    }
    doc["value"] = std::move(values);

    // RelationshipDefinitions of the fetched tables: every relationship their collections name, once, typed
    // the way the top-level collection is (the per-table collections leave the type implicit).
    json relationships = json::array();
    QSet<QString> seen;
    for (const json &e : doc["value"]) {
        for (const char *k : detail::kRelationshipCollections) {
            const auto it = e.find(k);
            if (it == e.end() || !it->is_array())
                continue;
            for (json r : *it) {
                const QString schema = toQString(r, "SchemaName");
                if (schema.isEmpty() || seen.contains(schema))
                    continue;
                seen.insert(schema);
                if (!r.contains("@odata.type"))
                    r["@odata.type"] = std::string(k) == "ManyToManyRelationships"
                                           ? "#Microsoft.Dynamics.CRM.ManyToManyRelationshipMetadata"
                                           : "#Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata";
                relationships.push_back(std::move(r));
            }
        }
    }
    doc["RelationshipDefinitions"] = std::move(relationships);
    doc["GlobalOptionSetDefinitions"] = std::move(globalSets);
    doc[detail::kEmulatorKey] = json{{"organization", std::move(organization)}};
    doc[detail::kFetchedKey] = std::move(fetched);
    return doc;
}

Result<TargetModel> MetadataClient::fetch(const QStringList &tables, const ProgressCallback &progress,
                                          const std::atomic_bool *cancel)
{
    auto raw = fetchRaw(tables, progress, cancel);
    if (!raw)
        return raw.error();
    try {
        return detail::parseOrgJson(*raw);
    } catch (const json::exception &ex) {
        return Error::make(
            QStringLiteral("metadata.invalid"),
            QStringLiteral("The org metadata is invalid: %1.").arg(QString::fromUtf8(ex.what())));
    }
}

} // namespace ferry::target
