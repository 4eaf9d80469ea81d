#include "Router.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <random>

namespace ferry::emu {

namespace {

HttpResponse jsonResponse(int status, const nlohmann::json &body)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type", "application/json; charset=utf-8");
    r.body = body.dump();
    return r;
}

HttpResponse odataError(int status, const std::string &code, const std::string &message)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type", "application/json; odata.metadata=minimal");
    r.body = nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
    return r;
}

bool hasHeader(const HttpResponse &r, const char *lowerName)
{
    for (const auto &h : r.headers) {
        if (h.first.size() != std::char_traits<char>::length(lowerName))
            continue;
        bool same = true;
        for (size_t i = 0; i < h.first.size() && same; ++i)
            same = std::tolower(static_cast<unsigned char>(h.first[i])) == lowerName[i];
        if (same)
            return true;
    }
    return false;
}

// The service skips plug-in work when the caller bypasses custom logic; the cost model does the same.
bool pluginsBypassed(const HttpRequest &request)
{
    std::string bypass = request.header("mscrm.bypasscustompluginexecution");
    for (auto &c : bypass)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (bypass == "true")
        return true;
    return request.header("mscrm.bypassbusinesslogicexecution").find("CustomSync") != std::string::npos;
}

} // namespace

Router::Router(Service &service, Auth &auth, Limits &limits, Faults &faults, EmulatorStats &stats)
    : m_service(service), m_auth(auth), m_limits(limits), m_faults(faults), m_stats(stats),
      m_requestIdPrefix(std::random_device{}())
{}

std::string Router::nextRequestId()
{
    const uint64_t n = ++m_requestCounter;
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%08x-%04x-%04x-%04x-%012llx",
                  static_cast<unsigned>(m_requestIdPrefix),
                  static_cast<unsigned>((m_requestIdPrefix >> 32) & 0xffff),
                  0x4000u | static_cast<unsigned>((n >> 48) & 0xfff),
                  0x8000u | static_cast<unsigned>((m_requestIdPrefix >> 48) & 0x3fff),
                  static_cast<unsigned long long>(n & 0xffffffffffffULL));
    return buffer;
}

Router::Reply Router::handle(HttpRequest &&request, bool peerIsLoopback, const std::string &fallbackBaseUrl)
{
    const std::string host = request.header("host");
    const std::string baseUrl = host.empty() ? fallbackBaseUrl : "http://" + host + "/";
    const auto query = request.target.find('?');
    const std::string path = request.target.substr(0, query);

    if (path.rfind("/api/data/", 0) == 0)
        return api(std::move(request), baseUrl);

    Reply reply;
    if (path.rfind("/_emulator/", 0) == 0) {
        if (!peerIsLoopback) {
            reply.response =
                jsonResponse(403, {{"error", "the /_emulator endpoints answer loopback clients only"}});
            return reply;
        }
        return introspection(request, path);
    }
    if (path == "/devicelogin") {
        if (request.method == "GET")
            reply.response = m_auth.deviceLoginPage();
        else if (request.method == "POST")
            reply.response = m_auth.deviceLoginSubmit(request);
        else
            reply.response = jsonResponse(405, {{"error", "method not allowed"}});
        return reply;
    }
    // /{tenant}/oauth2/v2.0/{token|devicecode}
    const auto slash = path.find('/', 1);
    if (slash != std::string::npos) {
        const std::string tenant = Auth::urlDecode(path.substr(1, slash - 1));
        const std::string rest = path.substr(slash);
        if (rest == "/oauth2/v2.0/token" || rest == "/oauth2/v2.0/devicecode") {
            if (request.method != "POST") {
                reply.response =
                    jsonResponse(405, {{"error", "invalid_request"},
                                       {"error_description", "AADSTS900561: The endpoint only accepts "
                                                             "POST requests."}});
                return reply;
            }
            reply.response = rest == "/oauth2/v2.0/token" ? m_auth.token(tenant, request, baseUrl)
                                                          : m_auth.deviceCode(tenant, request, baseUrl);
            return reply;
        }
    }
    if (path == "/" && request.method == "GET") {
        reply.response.setHeader("Content-Type", "text/plain; charset=utf-8");
        reply.response.body = "ferry-emulator: Dataverse Web API at " + baseUrl + "api/data/v9.2/\n";
        return reply;
    }
    reply.response = odataError(404, "0x80060888", "Resource not found for the segment '" + path + "'.");
    return reply;
}

Router::Reply Router::introspection(const HttpRequest &request, const std::string &path)
{
    Reply reply;
    if (path == "/_emulator/stats" && request.method == "GET") {
        nlohmann::json out = m_stats.toJson();
        nlohmann::json execution = nlohmann::json::object();
        for (const auto &[id, u] : m_limits.usage())
            execution[id] = {{"windowMs", u.executionMsInWindow},
                             {"totalMs", u.executionMsTotal},
                             {"requestsInWindow", u.requestsInWindow},
                             {"inFlight", u.inFlight}};
        out["executionTime"] = execution;
        out["service"] = m_service.stats();
        out["records"] =
            out["service"].contains("records") ? out["service"]["records"] : nlohmann::json::object();
        out["limits"] = {{"enabled", m_limits.config().enabled},
                         {"windowMs", m_limits.windowMs()},
                         {"timeScale", m_limits.timeScale()},
                         {"maxRequests", m_limits.config().maxRequests},
                         {"maxExecutionMs", m_limits.config().maxExecutionMs},
                         {"maxConcurrent", m_limits.config().maxConcurrent}};
        reply.response = jsonResponse(200, out);
    } else if (path == "/_emulator/reset" && request.method == "POST") {
        m_service.reset();
        m_stats.reset();
        m_limits.reset();
        m_faults.reset();
        reply.response.status = 204;
    } else if (path == "/_emulator/appusers" && request.method == "GET") {
        nlohmann::json users = nlohmann::json::array();
        for (const auto &u : m_auth.users())
            users.push_back({{"tenant", u.tenant},
                             {"clientId", u.clientId},
                             {"clientSecret", u.clientSecret},
                             {"userId", u.userId},
                             {"name", u.name}});
        reply.response = jsonResponse(200, users);
    } else if (path == "/_emulator/devicecode/approve" && request.method == "POST") {
        const auto body = nlohmann::json::parse(request.body, nullptr, false);
        if (!body.is_object() || !body.contains("user_code") || !body["user_code"].is_string()) {
            reply.response =
                jsonResponse(400, {{"error", "expected {\"user_code\": \"...\", \"user\": \"...\"}"}});
            return reply;
        }
        std::string error;
        const std::string user = body.contains("user") && body["user"].is_string()
                                     ? body["user"].get<std::string>()
                                     : std::string();
        const bool decline = body.contains("decline") && body["decline"] == true;
        if (m_auth.approve(body["user_code"].get<std::string>(), user, decline, error))
            reply.response.status = 204;
        else
            reply.response = jsonResponse(400, {{"error", error}});
    } else {
        reply.response = jsonResponse(404, {{"error", "unknown emulator endpoint " + path}});
    }
    return reply;
}

Router::Reply Router::api(HttpRequest &&request, const std::string &baseUrl)
{
    Reply reply;
    RequestContext context;
    if (!m_auth.authenticate(request, baseUrl, context, reply.response)) {
        m_stats.unauthorized();
        return reply;
    }
    m_stats.apiRequest(context.userId, context.userName);
    const std::string requestId = nextRequestId();
    const auto addCommonHeaders = [&](HttpResponse &r) {
        m_limits.addMonitoringHeaders(context.userId, r);
        r.setHeader("x-ms-service-request-id", requestId);
        r.setHeader("REQ_ID", requestId);
        if (!hasHeader(r, "odata-version"))
            r.setHeader("OData-Version", "4.0");
    };

    const Limits::Admission admission = m_limits.admit(context.userId);
    if (admission.rejected != LimitKind::None) {
        m_stats.throttled(admission.rejected);
        reply.response = m_limits.rejection(admission);
        addCommonHeaders(reply.response);
        return reply;
    }
    m_stats.requestStarted();
    const FaultDecision fault = m_faults.decide(request);
    double costMs = 0;
    if (fault.kind != FaultKind::None) {
        // The service never sees a faulted request, so a retry is always safe.
        m_stats.fault(fault.kind);
        costMs = m_limits.costMs(CostInfo{}, true);
        if (fault.kind == FaultKind::Drop)
            reply.drop = true;
        else
            reply.response = Faults::errorResponse(fault.kind);
    } else {
        CostInfo cost;
        reply.response = m_service.handle(request, context, cost);
        costMs = m_limits.costMs(cost, pluginsBypassed(request));
    }
    if (fault.extraDelayMs > 0)
        m_stats.slow();
    reply.delayMs = costMs + fault.extraDelayMs;
    if (!reply.drop)
        addCommonHeaders(reply.response);
    reply.done = [this, userId = context.userId, costMs] {
        m_limits.release(userId, costMs);
        m_stats.requestFinished();
    };
    return reply;
}

} // namespace ferry::emu
