#include "Faults.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ferry::emu {

namespace {

uint64_t fnv1a(uint64_t hash, const std::string &text)
{
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

uint64_t mix(uint64_t x)
{
    // splitmix64 finalizer: spreads every input bit over the output.
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

double unit(uint64_t x)
{
    return static_cast<double>(x >> 11) * (1.0 / 9007199254740992.0);
}

bool share(const nlohmann::json &json, const char *key, double &out, std::string &error)
{
    if (!json.contains(key))
        return true;
    const auto &v = json.at(key);
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1) {
        error = std::string("\"") + key + "\" must be a share between 0 and 1";
        return false;
    }
    out = v.get<double>();
    return true;
}

} // namespace

bool FaultConfig::load(const std::string &path, FaultConfig &out, std::string &error)
{
    std::ifstream in(path);
    if (!in) {
        error = "cannot read faults file " + path;
        return false;
    }
    std::stringstream text;
    text << in.rdbuf();
    const auto json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        error = "faults file " + path + " is not a JSON object";
        return false;
    }
    const auto fail = [&](const std::string &why) {
        error = "faults file " + path + ": " + why;
        return false;
    };
    static const char *known[] = {"pluginFailures", "pluginTables", "error500", "error503",
                                  "drop",           "slow",         "slowMs",   "$comment"};
    for (const auto &item : json.items())
        if (std::find_if(std::begin(known), std::end(known),
                         [&](const char *k) { return item.key() == k; }) == std::end(known))
            return fail("unknown key \"" + item.key() + "\"");
    FaultConfig c;
    std::string why;
    if (!share(json, "error500", c.error500, why) || !share(json, "error503", c.error503, why) ||
        !share(json, "drop", c.drop, why) || !share(json, "slow", c.slow, why))
        return fail(why);
    if (c.error500 + c.error503 + c.drop > 1)
        return fail("error500 + error503 + drop must not exceed 1");
    if (json.contains("slowMs")) {
        if (!json["slowMs"].is_number() || json["slowMs"].get<double>() < 0)
            return fail("\"slowMs\" must be a number of milliseconds >= 0");
        c.slowMs = json["slowMs"].get<double>();
    }
    if (json.contains("pluginTables")) {
        if (!json["pluginTables"].is_array())
            return fail("\"pluginTables\" must be an array of table logical names");
        for (const auto &t : json["pluginTables"]) {
            if (!t.is_string())
                return fail("\"pluginTables\" must be an array of table logical names");
            c.pluginTables.push_back(t.get<std::string>());
        }
    }
    if (json.contains("pluginFailures")) {
        if (!json["pluginFailures"].is_array())
            return fail("\"pluginFailures\" must be an array of rules");
        for (const auto &r : json["pluginFailures"]) {
            if (!r.is_object())
                return fail("each pluginFailures rule must be an object");
            PluginFailureRule rule;
            for (const auto &item : r.items()) {
                const std::string &k = item.key();
                if (k != "table" && k != "column" && k != "equals" && k != "contains" && k != "message")
                    return fail("unknown key \"" + k + "\" in a pluginFailures rule");
                if (!item.value().is_string())
                    return fail("\"" + k + "\" in a pluginFailures rule must be a string");
            }
            rule.table = r.value("table", "");
            rule.column = r.value("column", "");
            rule.equals = r.value("equals", "");
            rule.contains = r.value("contains", "");
            if (r.contains("message"))
                rule.message = r["message"].get<std::string>();
            if (rule.table.empty() || rule.column.empty())
                return fail("a pluginFailures rule needs \"table\" and \"column\"");
            if (rule.equals.empty() == rule.contains.empty())
                return fail("a pluginFailures rule needs exactly one of \"equals\" and \"contains\"");
            c.pluginFailures.push_back(std::move(rule));
        }
    }
    out = std::move(c);
    return true;
}

Faults::Faults(FaultConfig config, uint64_t seed, double timeScale)
    : m_config(std::move(config)), m_seed(seed), m_timeScale(timeScale > 0 ? timeScale : 1)
{}

FaultDecision Faults::decide(const HttpRequest &request)
{
    FaultDecision d;
    if (!m_config.anyHttpFault())
        return d;
    uint64_t content = 14695981039346656037ULL;
    content = fnv1a(content, request.method);
    content = fnv1a(content ^ 0xff, request.target);
    content = fnv1a(content ^ 0xfe, request.body);
    uint32_t occurrence = 0;
    {
        std::lock_guard lock(m_mutex);
        occurrence = m_seen[content]++;
    }
    const uint64_t h = mix(mix(m_seed ^ content) ^ occurrence);
    const double u = unit(h);
    if (u < m_config.drop)
        d.kind = FaultKind::Drop;
    else if (u < m_config.drop + m_config.error500)
        d.kind = FaultKind::Error500;
    else if (u < m_config.drop + m_config.error500 + m_config.error503)
        d.kind = FaultKind::Error503;
    if (unit(mix(h ^ 0x5157)) < m_config.slow)
        d.extraDelayMs = m_config.slowMs / m_timeScale;
    return d;
}

HttpResponse Faults::errorResponse(FaultKind kind)
{
    HttpResponse r;
    r.setHeader("Content-Type", "application/json; odata.metadata=minimal");
    if (kind == FaultKind::Error503) {
        r.status = 503;
        r.body =
            R"({"error":{"code":"0x80044151","message":"The service is temporarily unavailable. Please try again later."}})";
    } else {
        r.status = 500;
        r.body = R"({"error":{"code":"0x80040216","message":"An unexpected error occurred."}})";
    }
    return r;
}

void Faults::reset()
{
    std::lock_guard lock(m_mutex);
    m_seen.clear();
}

} // namespace ferry::emu
