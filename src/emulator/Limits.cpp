#include "Limits.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace ferry::emu {

namespace {

std::string withThousands(int64_t value)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out.push_back(',');
        out.push_back(digits[i]);
    }
    return value < 0 ? "-" + out : out;
}

std::string formatNumber(double value)
{
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return std::to_string(static_cast<int64_t>(value));
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    return buffer;
}

bool readNumber(const nlohmann::json &object, const char *key, double &out, std::string &error,
                double min = 0)
{
    if (!object.contains(key))
        return true;
    const auto &v = object.at(key);
    if (!v.is_number() || v.get<double>() < min) {
        error = std::string("\"") + key + "\" must be a number >= " + formatNumber(min);
        return false;
    }
    out = v.get<double>();
    return true;
}

} // namespace

const char *limitKindName(LimitKind kind)
{
    switch (kind) {
    case LimitKind::Requests:
        return "requests";
    case LimitKind::ExecutionTime:
        return "executionTime";
    case LimitKind::Concurrency:
        return "concurrency";
    case LimitKind::None:
        break;
    }
    return "none";
}

LimitsConfig LimitsConfig::dataverse()
{
    LimitsConfig c;
    // A realistic bulk-write profile: ~10 ms fixed per request, ~8 ms per record, 0.1 ms per column,
    // a sync plug-in adds ~30 ms per record; reads are cheap.
    c.cost.perRequestMs = 10;
    c.cost.perOperationMs = 5;
    c.cost.perRecordWrittenMs = 8;
    c.cost.perColumnMs = 0.1;
    c.cost.perPluginRecordMs = 30;
    c.cost.perRecordReadMs = 0.05;
    return c;
}

LimitsConfig LimitsConfig::off()
{
    LimitsConfig c;
    c.enabled = false;
    c.cost = CostModel{};
    return c;
}

bool LimitsConfig::fromJson(const nlohmann::json &json, LimitsConfig &out, std::string &error)
{
    if (!json.is_object()) {
        error = "the limits file must hold a JSON object";
        return false;
    }
    static const char *known[] = {"base",           "enabled",       "windowSeconds", "maxRequests",
                                  "maxExecutionMs", "maxConcurrent", "dopHint",       "cost",
                                  "pluginTables",   "$comment"};
    for (const auto &item : json.items()) {
        if (std::find_if(std::begin(known), std::end(known),
                         [&](const char *k) { return item.key() == k; }) == std::end(known)) {
            error = "unknown key \"" + item.key() + "\"";
            return false;
        }
    }
    if (json.contains("enabled")) {
        if (!json["enabled"].is_boolean()) {
            error = "\"enabled\" must be true or false";
            return false;
        }
        out.enabled = json["enabled"].get<bool>();
    }
    double window = out.windowSeconds, maxRequests = static_cast<double>(out.maxRequests),
           maxConcurrent = out.maxConcurrent, dop = out.dopHint;
    if (!readNumber(json, "windowSeconds", window, error, 0.001) ||
        !readNumber(json, "maxRequests", maxRequests, error, 1) ||
        !readNumber(json, "maxExecutionMs", out.maxExecutionMs, error, 1) ||
        !readNumber(json, "maxConcurrent", maxConcurrent, error, 1) ||
        !readNumber(json, "dopHint", dop, error, 1))
        return false;
    out.windowSeconds = window;
    out.maxRequests = static_cast<int64_t>(maxRequests);
    out.maxConcurrent = static_cast<int>(maxConcurrent);
    out.dopHint = static_cast<int>(dop);
    if (json.contains("cost")) {
        const auto &c = json["cost"];
        if (!c.is_object()) {
            error = "\"cost\" must be an object";
            return false;
        }
        static const char *costKeys[] = {"perRequestMs", "perOperationMs",    "perRecordWrittenMs",
                                         "perColumnMs",  "perPluginRecordMs", "perRecordReadMs"};
        for (const auto &item : c.items()) {
            if (std::find_if(std::begin(costKeys), std::end(costKeys),
                             [&](const char *k) { return item.key() == k; }) == std::end(costKeys)) {
                error = "unknown key \"cost." + item.key() + "\"";
                return false;
            }
        }
        if (!readNumber(c, "perRequestMs", out.cost.perRequestMs, error) ||
            !readNumber(c, "perOperationMs", out.cost.perOperationMs, error) ||
            !readNumber(c, "perRecordWrittenMs", out.cost.perRecordWrittenMs, error) ||
            !readNumber(c, "perColumnMs", out.cost.perColumnMs, error) ||
            !readNumber(c, "perPluginRecordMs", out.cost.perPluginRecordMs, error) ||
            !readNumber(c, "perRecordReadMs", out.cost.perRecordReadMs, error))
            return false;
    }
    if (json.contains("pluginTables")) {
        const auto &p = json["pluginTables"];
        if (!p.is_array()) {
            error = "\"pluginTables\" must be an array of table logical names";
            return false;
        }
        for (const auto &t : p) {
            if (!t.is_string()) {
                error = "\"pluginTables\" must be an array of table logical names";
                return false;
            }
            out.pluginTables.push_back(t.get<std::string>());
        }
    }
    return true;
}

bool LimitsConfig::load(const std::string &spec, LimitsConfig &out, std::string &error)
{
    if (spec == "dataverse") {
        out = dataverse();
        return true;
    }
    if (spec == "off") {
        out = off();
        return true;
    }
    std::ifstream in(spec);
    if (!in) {
        error = "cannot read limits file " + spec;
        return false;
    }
    std::stringstream text;
    text << in.rdbuf();
    const auto json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_discarded()) {
        error = "limits file " + spec + " is not valid JSON";
        return false;
    }
    // "base" picks the starting point the file's keys override: "dataverse" (default) or "off".
    out = dataverse();
    if (json.is_object() && json.contains("base")) {
        if (json["base"] == "off")
            out = off();
        else if (json["base"] != "dataverse") {
            error = "limits file " + spec + ": \"base\" must be \"dataverse\" or \"off\"";
            return false;
        }
    }
    std::string why;
    if (!fromJson(json, out, why)) {
        error = "limits file " + spec + ": " + why;
        return false;
    }
    return true;
}

Limits::Limits(LimitsConfig config, double timeScale)
    : m_config(std::move(config)), m_timeScale(timeScale > 0 ? timeScale : 1)
{
    m_windowMs = m_config.windowSeconds * 1000.0 / m_timeScale;
    m_maxExecutionMs = m_config.maxExecutionMs / m_timeScale;
}

std::string Limits::message(LimitKind kind) const
{
    const std::string window = formatNumber(m_config.windowSeconds);
    switch (kind) {
    case LimitKind::Requests:
        return "Number of requests exceeded the limit of " + std::to_string(m_config.maxRequests) +
               " over time window of " + window + " seconds.";
    case LimitKind::ExecutionTime:
        return "Combined execution time of incoming requests exceeded limit of " +
               withThousands(static_cast<int64_t>(m_config.maxExecutionMs)) +
               "  milliseconds over time window of " + window +
               " seconds. Decrease number of concurrent requests or reduce the duration of requests and try "
               "again later.";
    case LimitKind::Concurrency:
        return "Number of concurrent requests exceeded the limit of " +
               std::to_string(m_config.maxConcurrent) + ".";
    case LimitKind::None:
        break;
    }
    return {};
}

void Limits::expire(User &user, Clock::time_point now)
{
    const auto window = std::chrono::duration<double, std::milli>(m_windowMs);
    const auto horizon = now - std::chrono::duration_cast<Clock::duration>(window);
    while (!user.requests.empty() && user.requests.front() <= horizon)
        user.requests.pop_front();
    while (!user.executions.empty() && user.executions.front().at <= horizon) {
        user.executionInWindow -= user.executions.front().executionMs;
        user.executions.pop_front();
    }
    if (user.executions.empty())
        user.executionInWindow = 0; // no drift from floating-point subtraction
}

Limits::Admission Limits::admit(const std::string &userId)
{
    Admission a;
    const auto now = Clock::now();
    std::lock_guard lock(m_mutex);
    User &user = m_users[userId];
    if (m_config.enabled) {
        expire(user, now);
        const auto msUntil = [&](Clock::time_point entered) {
            const double ms = std::chrono::duration<double, std::milli>(entered - now).count() + m_windowMs;
            return std::max(1.0, ms);
        };
        if (user.inFlight >= m_config.maxConcurrent) {
            // Rejected at once; the slot frees when any in-flight request ends, so suggest one request's
            // cost.
            a.rejected = LimitKind::Concurrency;
            a.retryAfterMs = std::max(1.0, m_config.cost.perRequestMs / m_timeScale);
            return a;
        }
        const auto count = static_cast<int64_t>(user.requests.size());
        if (count >= m_config.maxRequests) {
            // Admitted again once enough of the oldest requests left the window to go below the limit.
            a.rejected = LimitKind::Requests;
            a.retryAfterMs = msUntil(user.requests[static_cast<size_t>(count - m_config.maxRequests)]);
            return a;
        }
        if (user.executionInWindow >= m_maxExecutionMs) {
            double left = user.executionInWindow;
            for (const auto &e : user.executions) {
                left -= e.executionMs;
                if (left < m_maxExecutionMs) {
                    a.rejected = LimitKind::ExecutionTime;
                    a.retryAfterMs = msUntil(e.at);
                    return a;
                }
            }
            a.rejected = LimitKind::ExecutionTime;
            a.retryAfterMs = m_windowMs;
            return a;
        }
        user.requests.push_back(now);
    }
    ++user.inFlight;
    return a;
}

void Limits::release(const std::string &userId, double executionMs)
{
    const auto now = Clock::now();
    std::lock_guard lock(m_mutex);
    User &user = m_users[userId];
    if (user.inFlight > 0)
        --user.inFlight;
    user.executionTotal += executionMs;
    if (m_config.enabled && executionMs > 0) {
        expire(user, now);
        user.executions.push_back({now, executionMs});
        user.executionInWindow += executionMs;
    }
}

double Limits::costMs(const CostInfo &cost, bool pluginsBypassed) const
{
    const CostModel &m = m_config.cost;
    double ms = m.perRequestMs + m.perOperationMs * std::max(0, cost.operations - 1) +
                m.perRecordWrittenMs * cost.recordsWritten + m.perColumnMs * cost.columnsWritten +
                m.perRecordReadMs * cost.recordsRead;
    if (!pluginsBypassed)
        ms += m.perPluginRecordMs * cost.pluginRecords;
    return ms / m_timeScale;
}

HttpResponse Limits::rejection(const Admission &admission) const
{
    HttpResponse r;
    r.status = 429;
    const char *code = admission.rejected == LimitKind::Requests        ? "0x80072322"
                       : admission.rejected == LimitKind::ExecutionTime ? "0x80072321"
                                                                        : "0x80072326";
    const double seconds = std::max(1.0, std::ceil(admission.retryAfterMs / 1000.0));
    r.setHeader("Retry-After", std::to_string(static_cast<int64_t>(seconds)));
    r.setHeader("x-ferry-retry-after-ms",
                std::to_string(static_cast<int64_t>(std::ceil(admission.retryAfterMs))));
    r.setHeader("Content-Type", "application/json; odata.metadata=minimal");
    r.body = nlohmann::json{{"error", {{"code", code}, {"message", message(admission.rejected)}}}}.dump();
    return r;
}

void Limits::addMonitoringHeaders(const std::string &userId, HttpResponse &response)
{
    int64_t burst = m_config.maxRequests;
    double timeLeftMs = m_maxExecutionMs;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_users.find(userId);
        if (it != m_users.end() && m_config.enabled) {
            expire(it->second, Clock::now());
            burst =
                std::max<int64_t>(0, m_config.maxRequests - static_cast<int64_t>(it->second.requests.size()));
            timeLeftMs = std::max(0.0, m_maxExecutionMs - it->second.executionInWindow);
        }
    }
    // Seconds of the configured (unscaled) execution-time budget left, like the real header's magnitude.
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", timeLeftMs * m_timeScale / 1000.0);
    response.setHeader("x-ms-ratelimit-burst-remaining-xrm-requests", std::to_string(burst));
    response.setHeader("x-ms-ratelimit-time-remaining-xrm-requests", buffer);
    response.setHeader("x-ms-dop-hint", std::to_string(m_config.dopHint));
}

std::map<std::string, Limits::UserUsage> Limits::usage()
{
    std::map<std::string, UserUsage> out;
    const auto now = Clock::now();
    std::lock_guard lock(m_mutex);
    for (auto &[id, user] : m_users) {
        expire(user, now);
        out[id] = UserUsage{static_cast<int64_t>(user.requests.size()), user.executionInWindow,
                            user.executionTotal, user.inFlight};
    }
    return out;
}

void Limits::reset()
{
    std::lock_guard lock(m_mutex);
    // In-flight requests still release their slot later, so keep the gate counts.
    for (auto &[id, user] : m_users) {
        user.requests.clear();
        user.executions.clear();
        user.executionInWindow = 0;
        user.executionTotal = 0;
    }
}

} // namespace ferry::emu
