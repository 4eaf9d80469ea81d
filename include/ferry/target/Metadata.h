#pragma once
// Thread: parse/serialize functions are pure (any thread). MetadataClient runs on the calling thread and
// fans the per-table requests out over its own short-lived worker threads. MetadataCache reads on the
// reader's thread and writes through the workspace writer.

#include <ferry/Result.h>
#include <ferry/auth/ConnectionProfile.h>
#include <ferry/auth/TokenProvider.h>
#include <ferry/target/TargetModel.h>

#include <QByteArray>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

#include <atomic>
#include <functional>
#include <memory>

namespace ferry {
class WorkspaceReader;
class WorkspaceWriter;
} // namespace ferry

namespace ferry::target {

/// One table's EntityMetadata JSON as the service returns it with Attributes (option sets included through
/// the typed casts), Keys and the three relationship collections expanded. Error "metadata.invalid".
Result<Entity> parseEntity(const nlohmann::json &entityMetadata);
/// A whole org file in the emulator's format (EntityDefinitions "value" + RelationshipDefinitions +
/// GlobalOptionSetDefinitions). Error "metadata.invalid".
Result<TargetModel> parseOrg(const QByteArray &orgJson);

/// Fetches metadata from the service: the list of tables, then each table with its columns, option sets,
/// keys and relationships, several tables in parallel.
/// Error codes: "metadata.cancelled", "metadata.not-found" (a named table does not exist), and the
/// target.*, auth.*, http.* errors of the requests.
class MetadataClient
{
public:
    struct Progress
    {
        int tablesDone = 0;
        int tablesTotal = 0;
        QString lastTable;
    };
    using ProgressCallback = std::function<void(const Progress &)>; ///< called on worker threads

    MetadataClient(QUrl environmentUrl, std::shared_ptr<auth::TokenProvider> tokens, net::TlsPolicy tls = {},
                   int parallelRequests = 4);

    /// Logical names of every table the service lists (sorted).
    Result<QStringList> listTables();
    /// The named tables (all tables when `tables` is empty), in full, plus the global option sets and
    /// the organization info. The raw JSON of each table is kept by fetchRaw() for snapshots.
    Result<TargetModel> fetch(const QStringList &tables = {}, const ProgressCallback &progress = {},
                              const std::atomic_bool *cancel = nullptr);
    /// The same fetch, returning the org file (emulator format, see writeOrgSnapshot) instead of the model:
    /// "value" (each EntityMetadata with the option sets of the typed casts merged into its Attributes),
    /// "RelationshipDefinitions" (those of the fetched tables), "GlobalOptionSetDefinitions",
    /// "x-ferry-emulator": {"organization": {id, name, uniqueName, businessUnitId, environmentUrl}} and
    /// "x-ferry-fetched": {"<table>": "<ISO 8601 UTC>"} (when each table was read; ferry-emulator ignores
    /// it).
    Result<nlohmann::json> fetchRaw(const QStringList &tables = {}, const ProgressCallback &progress = {},
                                    const std::atomic_bool *cancel = nullptr);

private:
    QUrl m_url;
    std::shared_ptr<auth::TokenProvider> m_tokens;
    net::TlsPolicy m_tls;
    int m_parallel;
};

/// The metadata cache in the workspace (target_entities / target_attributes), per connection. The raw
/// EntityMetadata JSON is stored, so nothing the service said is lost.
class MetadataCache
{
public:
    /// Replaces the cached tables named in `orgJson` (others stay), the cached relationships of those tables,
    /// the global option sets (when `orgJson` has GlobalOptionSetDefinitions) and the organization; with
    /// `replaceAll` the connection's whole cache is replaced (a full refresh that drops deleted tables). One
    /// transaction; metadata that parseOrg refuses ("metadata.invalid") is not stored at all. The app users
    /// of an org file's x-ferry-emulator section are never stored.
    static Status store(WorkspaceWriter &writer, qint64 connectionId, const nlohmann::json &orgJson,
                        bool replaceAll = false);
    /// The cached model of a connection (empty when nothing is cached).
    static Result<TargetModel> load(const WorkspaceReader &reader, qint64 connectionId);
    /// The cached org file of a connection (emulator format), for snapshots made from the cache.
    static Result<nlohmann::json> loadRaw(const WorkspaceReader &reader, qint64 connectionId);
};

/// Writes an org file in the format ferry-emulator loads (see docs/emulator.md): the fetched EntityMetadata,
/// RelationshipDefinitions, GlobalOptionSetDefinitions and an "x-ferry-emulator" section with the
/// organization and one rehearsal application user per profile user (same client ids; secrets are
/// generated "rehearsal-<n>", never the real ones). Error "snapshot.io".
Status writeOrgSnapshot(const nlohmann::json &orgJson, const auth::ConnectionProfile &profile,
                        const QString &path);

} // namespace ferry::target
