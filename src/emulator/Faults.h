#pragma once
// Thread: any (internally synchronized). Decides HTTP-level faults for /api/data requests on the io threads.
//
// Faults are deterministic under --seed regardless of how concurrent requests interleave: the verdict for a
// request is a hash of (seed, method, target, body, how many times this same content was seen before), so
// the same run yields the same faults, and a retried request draws again (and usually succeeds).

#include "HttpTypes.h"
#include "Service.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace ferry::emu {

struct FaultConfig
{
    std::vector<PluginFailureRule> pluginFailures; ///< passed to ServiceOptions
    std::vector<std::string> pluginTables;         ///< extra tables with sync plug-ins (cost model)
    double error500 = 0;                           ///< share of requests answered 500
    double error503 = 0;                           ///< share answered 503
    double drop = 0;   ///< share whose connection is closed after the request was read, without an answer
    double slow = 0;   ///< share answered late (independent of the above)
    double slowMs = 0; ///< extra delay of a slow answer (divided by --time-scale)

    bool anyHttpFault() const { return error500 > 0 || error503 > 0 || drop > 0 || slow > 0; }
    /// Reads a --faults JSON file (see docs/emulator-limits.md). False + error on failure.
    static bool load(const std::string &path, FaultConfig &out, std::string &error);
};

enum class FaultKind
{
    None,
    Error500,
    Error503,
    Drop,
};

struct FaultDecision
{
    FaultKind kind = FaultKind::None;
    double extraDelayMs = 0; ///< scaled; > 0 for a slow answer
};

class Faults
{
public:
    Faults(FaultConfig config, uint64_t seed, double timeScale);

    FaultDecision decide(const HttpRequest &request);
    /// The realistic error answer for Error500/Error503.
    static HttpResponse errorResponse(FaultKind kind);
    void reset();
    const FaultConfig &config() const { return m_config; }

private:
    FaultConfig m_config;
    uint64_t m_seed = 0;
    double m_timeScale = 1;
    std::mutex m_mutex;
    std::unordered_map<uint64_t, uint32_t> m_seen;
};

} // namespace ferry::emu
