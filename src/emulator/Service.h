#pragma once
// Thread: any. handle() is called concurrently from the HTTP server's threads; the service
// synchronizes internally. Owned by the emulator's HTTP layer (HttpServer).
//
// The service layer of ferry-emulator: routes /api/data/v9.{0,1,2}/... (metadata, data, bulk
// messages, $batch, WhoAmI), validates like the real service and keeps the org's data.
// It knows nothing of tokens, limits or delays: the HTTP layer handles those.

#include "HttpTypes.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace ferry::emu {

/// A simulated synchronous plug-in that throws (0x80040265) for rows matching the rule.
/// The row matches when column `column` (of table `table`) equals `equals` (if set) or
/// contains `contains` (if set). The whole request (or change set) is rolled back.
struct PluginFailureRule
{
    std::string table;
    std::string column;
    std::string equals;
    std::string contains;
    std::string message = "The plug-in refused this record.";
};

/// An application user (service principal) that may obtain tokens.
struct AppUser
{
    std::string tenant;       ///< tenant id or domain accepted in /{tenant}/oauth2/v2.0/token
    std::string clientId;     ///< app registration id
    std::string clientSecret; ///< accepted client secret
    std::string userId;       ///< systemuserid of the application user (WhoAmI UserId)
    std::string name;         ///< display name
};

struct ServiceOptions
{
    std::string dataFile;                          ///< --data: SQLite persistence file; empty = memory only
    std::vector<PluginFailureRule> pluginFailures; ///< from the --faults file
    std::vector<std::string> pluginTables;         ///< tables with simulated sync plug-ins (cost model)
};

class Service
{
public:
    /// Loads ORG.json (the EntityDefinitions?$expand=Attributes,Keys shape plus relationships,
    /// option sets and the optional "x-ferry-emulator" section). On failure returns nullptr and
    /// sets `error` to a message naming the file and the problem.
    static std::unique_ptr<Service> create(const std::string &orgJsonPath, const ServiceOptions &options,
                                           std::string &error);
    ~Service();

    /// Handles one request whose target starts with /api/data/. Fills `cost` for the cost model.
    HttpResponse handle(const HttpRequest &request, const RequestContext &context, CostInfo &cost);

    /// {"records": {"<table>": <count>, ...}, "created": n, "updated": n, "deleted": n, ...}
    nlohmann::json stats() const;

    /// Wipes all data back to an empty org (and the data file, if any) and zeroes the counters.
    void reset();

    /// Application users from the org file's "x-ferry-emulator"."appUsers" (a default one when absent).
    std::vector<AppUser> appUsers() const;

private:
    Service();
    /// Upserts the org file's people and application users as systemuser rows (after start and reset).
    std::string seedSystemUsers();
    void resetLocked();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace ferry::emu
