#pragma once
// Thread: any (internally synchronized). Counters the io threads bump and /_emulator/stats reads.

#include "Faults.h"
#include "Limits.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace ferry::emu {

class EmulatorStats
{
public:
    void requestStarted() { ++m_inFlight; }
    void requestFinished() { --m_inFlight; }
    void unauthorized();
    void apiRequest(const std::string &userId, const std::string &userName);
    void throttled(LimitKind kind);
    void fault(FaultKind kind);
    void slow();

    /// {"requests":{"total","unauthorized","perUser":{id:{name,count}}},"throttled":{...},"faults":{...},"inFlight"}
    nlohmann::json toJson() const;
    void reset();

private:
    mutable std::mutex m_mutex;
    std::atomic<int64_t> m_inFlight{0};
    int64_t m_total = 0;
    int64_t m_unauthorized = 0;
    std::map<std::string, std::pair<std::string, int64_t>> m_perUser;
    std::map<std::string, int64_t> m_throttled;
    std::map<std::string, int64_t> m_faults;
};

} // namespace ferry::emu
