#include "EmulatorStats.h"

namespace ferry::emu {

void EmulatorStats::unauthorized()
{
    std::lock_guard lock(m_mutex);
    ++m_unauthorized;
}

void EmulatorStats::apiRequest(const std::string &userId, const std::string &userName)
{
    std::lock_guard lock(m_mutex);
    ++m_total;
    auto &entry = m_perUser[userId];
    entry.first = userName;
    ++entry.second;
}

void EmulatorStats::throttled(LimitKind kind)
{
    std::lock_guard lock(m_mutex);
    ++m_throttled[limitKindName(kind)];
}

void EmulatorStats::fault(FaultKind kind)
{
    const char *name = kind == FaultKind::Error500   ? "error500"
                       : kind == FaultKind::Error503 ? "error503"
                                                     : "drop";
    std::lock_guard lock(m_mutex);
    ++m_faults[name];
}

void EmulatorStats::slow()
{
    std::lock_guard lock(m_mutex);
    ++m_faults["slow"];
}

nlohmann::json EmulatorStats::toJson() const
{
    std::lock_guard lock(m_mutex);
    nlohmann::json perUser = nlohmann::json::object();
    for (const auto &[id, entry] : m_perUser)
        perUser[id] = {{"name", entry.first}, {"count", entry.second}};
    nlohmann::json throttled{{"requests", 0}, {"executionTime", 0}, {"concurrency", 0}};
    for (const auto &[k, v] : m_throttled)
        throttled[k] = v;
    nlohmann::json faults{{"error500", 0}, {"error503", 0}, {"drop", 0}, {"slow", 0}};
    for (const auto &[k, v] : m_faults)
        faults[k] = v;
    return {{"requests", {{"total", m_total}, {"unauthorized", m_unauthorized}, {"perUser", perUser}}},
            {"throttled", throttled},
            {"faults", faults},
            {"inFlight", m_inFlight.load()}};
}

void EmulatorStats::reset()
{
    std::lock_guard lock(m_mutex);
    m_total = 0;
    m_unauthorized = 0;
    m_perUser.clear();
    m_throttled.clear();
    m_faults.clear();
}

} // namespace ferry::emu
