#pragma once
// Any thread: pure helpers shared by the metadata parser, client, cache and snapshot writer.

#include <ferry/Result.h>
#include <ferry/target/TargetModel.h>

#include <QDateTime>
#include <QHash>
#include <QString>

#include <nlohmann/json.hpp>

namespace ferry::target::detail {

/// Top-level key of an org file (ours, ignored by ferry-emulator) with the time each table was fetched:
/// {"<logical name>": "<ISO 8601 UTC>"}.
inline constexpr const char *kFetchedKey = "x-ferry-fetched";
/// The emulator's section of an org file.
inline constexpr const char *kEmulatorKey = "x-ferry-emulator";

/// The relationship collections of EntityMetadata, in the order the service documents them.
inline constexpr const char *kRelationshipCollections[] = {"ManyToOneRelationships", "OneToManyRelationships",
                                                           "ManyToManyRelationships"};

QString toQString(const nlohmann::json &j, const char *key);

/// parseOrg on an already parsed document.
Result<TargetModel> parseOrgJson(const nlohmann::json &doc);

/// The array of a collection that may come bare or as an OData response ({"value": [...]}); nullptr when
/// absent; sets `error` when present but not an array.
const nlohmann::json *collection(const nlohmann::json &doc, const char *key, QString &error);

/// Whether a relationship JSON is N:N.
bool isManyToMany(const nlohmann::json &relationship);

/// Every relationship of the org file (top-level RelationshipDefinitions first, then each table's
/// collections), de-duplicated by SchemaName: what ferry-emulator serves.
Result<QList<nlohmann::json>> allRelationships(const nlohmann::json &doc);

/// ISO 8601 UTC with milliseconds (the workspace's timestamp format).
QString isoUtc(const QDateTime &t);

} // namespace ferry::target::detail
