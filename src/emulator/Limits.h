#pragma once
// Thread: any (internally synchronized). Called by the HTTP server's io threads for every /api/data request.
//
// Service protection limits per application user (sliding window of requests and execution time,
// concurrency gate) and the execution-time cost model that decides how long a request "runs".

#include "HttpTypes.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace ferry::emu {

/// Milliseconds of server time per unit of work (before the time scale is applied).
struct CostModel
{
    double perRequestMs = 0;       ///< every request
    double perOperationMs = 0;     ///< every inner operation beyond the first ($batch parts)
    double perRecordWrittenMs = 0; ///< every record created/updated/upserted/deleted
    double perColumnMs = 0;        ///< every column value written
    double perPluginRecordMs = 0;  ///< extra per written record of a table with a sync plug-in
    double perRecordReadMs = 0;    ///< every record returned by a query
};

struct LimitsConfig
{
    bool enabled = true; ///< false: no limit ever trips (costs still apply)
    double windowSeconds = 300;
    int64_t maxRequests = 6000;
    double maxExecutionMs = 1200000;
    int maxConcurrent = 52;
    int dopHint = 4;
    CostModel cost;
    std::vector<std::string> pluginTables;

    /// Real Dataverse defaults and a realistic cost model.
    static LimitsConfig dataverse();
    /// No limits and zero cost.
    static LimitsConfig off();
    /// "dataverse", "off" or a path to a JSON file (see docs/emulator-limits.md). False + error on failure.
    static bool load(const std::string &spec, LimitsConfig &out, std::string &error);
    /// Overlays the keys present in `json` onto `out`; false + error on a bad key or value.
    static bool fromJson(const nlohmann::json &json, LimitsConfig &out, std::string &error);
};

enum class LimitKind
{
    None,
    Requests,      ///< 0x80072322
    ExecutionTime, ///< 0x80072321
    Concurrency,   ///< 0x80072326
};

const char *limitKindName(LimitKind kind);

class Limits
{
public:
    using Clock = std::chrono::steady_clock;

    Limits(LimitsConfig config, double timeScale);

    struct Admission
    {
        LimitKind rejected = LimitKind::None;
        double retryAfterMs = 0; ///< real (scaled) milliseconds until the request would be admitted
    };

    /// Checks the limits for `userId` and, when admitted, counts the request and takes a concurrency slot
    /// (give it back with release()).
    Admission admit(const std::string &userId);
    /// Charges `executionMs` (already scaled) to the user's window and gives back the concurrency slot.
    void release(const std::string &userId, double executionMs);
    /// Scaled execution time (ms) of a request from what the service reported.
    double costMs(const CostInfo &cost, bool pluginsBypassed) const;

    /// The 429 answer for a rejection (status, Retry-After, x-ferry-retry-after-ms, body).
    HttpResponse rejection(const Admission &admission) const;
    /// x-ms-ratelimit-* and x-ms-dop-hint for this user's current state.
    void addMonitoringHeaders(const std::string &userId, HttpResponse &response);

    struct UserUsage
    {
        int64_t requestsInWindow = 0;
        double executionMsInWindow = 0;
        double executionMsTotal = 0;
        int inFlight = 0;
    };
    std::map<std::string, UserUsage> usage();
    void reset();

    const LimitsConfig &config() const { return m_config; }
    double timeScale() const { return m_timeScale; }
    double windowMs() const { return m_windowMs; }
    /// The message texts of the real service for the configured limits.
    std::string message(LimitKind kind) const;

private:
    struct Event
    {
        Clock::time_point at;
        double executionMs = 0; ///< 0 for the request-count entries
    };
    struct User
    {
        std::deque<Clock::time_point> requests;
        std::deque<Event> executions;
        double executionInWindow = 0;
        double executionTotal = 0;
        int inFlight = 0;
    };
    void expire(User &user, Clock::time_point now);

    LimitsConfig m_config;
    double m_timeScale = 1;
    double m_windowMs = 300000;
    double m_maxExecutionMs = 1200000;
    std::mutex m_mutex;
    std::map<std::string, User> m_users;
};

} // namespace ferry::emu
