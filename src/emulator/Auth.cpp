#include "Auth.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <ctime>

namespace ferry::emu {

namespace {

// The public client id Microsoft's samples use; accepted for the device code flow like on the real platform.
const char *kSamplePublicClient = "51f81489-12ee-4a9e-aaae-a2591f45987d";

std::string base64Url(const std::string &in)
{
    static const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                           (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    if (i + 1 == in.size()) {
        const unsigned v = static_cast<unsigned char>(in[i]) << 16;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
    } else if (i + 2 == in.size()) {
        const unsigned v =
            (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
    }
    return out;
}

std::string isoNow()
{
    char buffer[32];
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%SZ", &tm);
    return buffer;
}

std::string htmlEscape(const std::string &s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

Auth::Auth(std::vector<AppUser> users, int tokenLifetimeSeconds, int deviceCodeLifetimeSeconds)
    : m_users(std::move(users)), m_tokenLifetime(tokenLifetimeSeconds),
      m_deviceCodeLifetime(deviceCodeLifetimeSeconds), m_random(std::random_device{}())
{}

std::string Auth::urlDecode(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() &&
                   std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                   std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::map<std::string, std::string> Auth::parseForm(const std::string &body)
{
    std::map<std::string, std::string> out;
    size_t pos = 0;
    while (pos <= body.size()) {
        size_t end = body.find('&', pos);
        if (end == std::string::npos)
            end = body.size();
        const std::string pair = body.substr(pos, end - pos);
        if (!pair.empty()) {
            const auto eq = pair.find('=');
            if (eq == std::string::npos)
                out.emplace(urlDecode(pair), std::string());
            else
                out.emplace(urlDecode(pair.substr(0, eq)), urlDecode(pair.substr(eq + 1)));
        }
        pos = end + 1;
    }
    return out;
}

std::string Auth::randomToken(size_t bytes)
{
    static const char *hex = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < bytes; ++i) {
        const auto v = static_cast<unsigned>(m_random() & 0xff);
        out += hex[v >> 4];
        out += hex[v & 15];
    }
    return out;
}

HttpResponse Auth::entraError(int status, const std::string &error, int code, const std::string &description)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type", "application/json; charset=utf-8");
    r.setHeader("Cache-Control", "no-store, no-cache");
    std::string trace, correlation;
    {
        auto guid = [this] {
            std::string h = randomToken(16);
            return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
                   "-" + h.substr(20);
        };
        trace = guid();
        correlation = guid();
    }
    const std::string timestamp = isoNow();
    r.body = nlohmann::json{{"error", error},
                            {"error_description",
                             "AADSTS" + std::to_string(code) + ": " + description + " Trace ID: " + trace +
                                 " Correlation ID: " + correlation + " Timestamp: " + timestamp},
                            {"error_codes", {code}},
                            {"timestamp", timestamp},
                            {"trace_id", trace},
                            {"correlation_id", correlation}}
                 .dump();
    return r;
}

const AppUser *Auth::findUser(const std::string &key) const
{
    for (const auto &u : m_users)
        if (u.clientId == key || u.userId == key || u.name == key)
            return &u;
    return nullptr;
}

bool Auth::knownTenant(const std::string &tenant) const
{
    if (tenant == "common" || tenant == "organizations")
        return true;
    return std::any_of(m_users.begin(), m_users.end(), [&](const AppUser &u) { return u.tenant == tenant; });
}

HttpResponse Auth::issue(const AppUser &user, const std::string &scope, bool withRefresh)
{
    // Caller holds m_mutex.
    const auto now = Clock::now();
    if (m_tokens.size() > 10000) {
        for (auto it = m_tokens.begin(); it != m_tokens.end();)
            it = it->second.expires + std::chrono::hours(24) < now ? m_tokens.erase(it) : std::next(it);
    }
    const std::time_t exp = std::time(nullptr) + m_tokenLifetime;
    const nlohmann::json claims{{"aud", scope},           {"iss", "ferry-emulator/" + user.tenant},
                                {"appid", user.clientId}, {"oid", user.userId},
                                {"name", user.name},      {"exp", static_cast<int64_t>(exp)}};
    const std::string access =
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0." + base64Url(claims.dump()) + "." + randomToken(24);
    m_tokens[access] = Issued{&user, now + std::chrono::seconds(m_tokenLifetime)};
    nlohmann::json body{{"token_type", "Bearer"},
                        {"expires_in", m_tokenLifetime},
                        {"ext_expires_in", m_tokenLifetime},
                        {"access_token", access}};
    if (withRefresh) {
        const std::string refresh = "0.AR" + randomToken(32);
        m_refreshTokens[refresh] = &user;
        body["refresh_token"] = refresh;
        body["scope"] = scope;
    }
    HttpResponse r;
    r.setHeader("Content-Type", "application/json; charset=utf-8");
    r.setHeader("Cache-Control", "no-store, no-cache");
    r.body = body.dump();
    return r;
}

HttpResponse Auth::token(const std::string &tenant, const HttpRequest &request, const std::string &baseUrl)
{
    (void)baseUrl;
    auto form = parseForm(request.body);
    std::lock_guard lock(m_mutex);
    if (!knownTenant(tenant))
        return entraError(
            400, "invalid_request", 90002,
            "Tenant '" + tenant +
                "' not found. Check to make sure you have the correct tenant ID and are signing into "
                "the correct cloud. Check with your subscription administrator, this may happen if "
                "there are no active subscriptions for the tenant.");
    const std::string grant = form["grant_type"];
    if (grant.empty())
        return entraError(400, "invalid_request", 900144,
                          "The request body must contain the following parameter: 'grant_type'.");
    const std::string clientId = form["client_id"];
    if (grant == "client_credentials") {
        if (clientId.empty())
            return entraError(400, "invalid_request", 900144,
                              "The request body must contain the following parameter: 'client_id'.");
        const AppUser *user = nullptr;
        for (const auto &u : m_users)
            if (u.clientId == clientId)
                user = &u;
        if (!user)
            return entraError(
                400, "unauthorized_client", 700016,
                "Application with identifier '" + clientId + "' was not found in the directory '" + tenant +
                    "'. This can happen if the application has not been installed by the "
                    "administrator of the tenant or consented to by any user in the tenant. You "
                    "may have sent your authentication request to the wrong tenant.");
        const std::string scope = form["scope"];
        if (scope.empty() || !endsWith(scope, "/.default"))
            return entraError(
                400, "invalid_scope", 1002012,
                "The provided value for scope " + scope +
                    " is not valid. Client credential flows must have a scope value with /.default "
                    "suffixed to the resource identifier (application ID URI).");
        if (!form.count("client_secret") || form["client_secret"] != user->clientSecret)
            return entraError(
                401, "invalid_client", 7000215,
                "Invalid client secret provided. Ensure the secret being sent in the request is the "
                "client secret value, not the client secret ID, for a secret added to app '" +
                    clientId + "'.");
        return issue(*user, scope, false);
    }
    if (grant == "urn:ietf:params:oauth:grant-type:device_code") {
        auto it = m_deviceCodes.find(form["device_code"]);
        if (it == m_deviceCodes.end() || it->second.redeemed)
            return entraError(400, "bad_verification_code", 70019,
                              "Verification code expired or not recognized.");
        Pending &p = it->second;
        if (!clientId.empty() && clientId != p.clientId)
            return entraError(400, "bad_verification_code", 70019,
                              "The device code was issued to another client.");
        if (p.declined)
            return entraError(400, "authorization_declined", 70000,
                              "The user declined to authorize the request.");
        if (Clock::now() > p.expires)
            return entraError(400, "expired_token", 70020,
                              "The provided value for the input parameter 'device_code' "
                              "is not valid. This device code has expired.");
        if (!p.approvedAs)
            return entraError(400, "authorization_pending", 70016,
                              "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
        p.redeemed = true;
        return issue(*p.approvedAs, p.scope, true);
    }
    if (grant == "refresh_token") {
        auto it = m_refreshTokens.find(form["refresh_token"]);
        if (it == m_refreshTokens.end())
            return entraError(400, "invalid_grant", 9002313,
                              "Invalid request. Request is malformed or invalid.");
        const AppUser *user = it->second;
        m_refreshTokens.erase(it); // each use hands out a new refresh token
        std::string scope = form["scope"];
        if (scope.empty())
            scope = "user_impersonation";
        return issue(*user, scope, true);
    }
    return entraError(400, "unsupported_grant_type", 70003,
                      "The app requested an unsupported grant type '" + grant + "'.");
}

HttpResponse Auth::deviceCode(const std::string &tenant, const HttpRequest &request,
                              const std::string &baseUrl)
{
    auto form = parseForm(request.body);
    std::lock_guard lock(m_mutex);
    if (!knownTenant(tenant))
        return entraError(
            400, "invalid_request", 90002,
            "Tenant '" + tenant +
                "' not found. Check to make sure you have the correct tenant ID and are signing into "
                "the correct cloud.");
    const std::string clientId = form["client_id"];
    const bool known =
        clientId == kSamplePublicClient ||
        std::any_of(m_users.begin(), m_users.end(), [&](const AppUser &u) { return u.clientId == clientId; });
    if (!known)
        return entraError(400, "unauthorized_client", 700016,
                          "Application with identifier '" + clientId + "' was not found in the directory '" +
                              tenant + "'.");
    if (form["scope"].empty())
        return entraError(400, "invalid_request", 900144,
                          "The request body must contain the following parameter: 'scope'.");
    static const char *letters = "BCDFGHJKLMNPQRSTVWXZ23456789";
    std::string userCode;
    for (int i = 0; i < 9; ++i)
        userCode += letters[m_random() % 28];
    const std::string device = "DAQABAAEAAA" + randomToken(48);
    m_deviceCodes[device] =
        Pending{clientId, userCode, form["scope"], Clock::now() + std::chrono::seconds(m_deviceCodeLifetime)};
    const std::string uri = baseUrl + "devicelogin";
    HttpResponse r;
    r.setHeader("Content-Type", "application/json; charset=utf-8");
    r.body = nlohmann::json{{"user_code", userCode},
                            {"device_code", device},
                            {"verification_uri", uri},
                            {"expires_in", m_deviceCodeLifetime},
                            {"interval", 5},
                            {"message", "To sign in, use a web browser to open the page " + uri +
                                            " and enter the code " + userCode + " to authenticate."}}
                 .dump();
    return r;
}

bool Auth::approve(const std::string &userCode, const std::string &user, bool decline, std::string &error)
{
    std::lock_guard lock(m_mutex);
    const AppUser *who = user.empty() ? (m_users.empty() ? nullptr : &m_users.front()) : findUser(user);
    if (!who && !decline) {
        error = "unknown user '" + user + "'";
        return false;
    }
    for (auto &[device, p] : m_deviceCodes) {
        if (p.userCode != userCode || p.redeemed)
            continue;
        if (Clock::now() > p.expires) {
            error = "the code " + userCode + " has expired";
            return false;
        }
        if (decline)
            p.declined = true;
        else
            p.approvedAs = who;
        return true;
    }
    error = "unknown code '" + userCode + "'";
    return false;
}

HttpResponse Auth::deviceLoginPage(const std::string &notice) const
{
    std::string options;
    for (const auto &u : m_users)
        options += "<option value=\"" + htmlEscape(u.userId) + "\">" + htmlEscape(u.name) + " (" +
                   htmlEscape(u.clientId) + ")</option>";
    HttpResponse r;
    r.setHeader("Content-Type", "text/html; charset=utf-8");
    r.body = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ferry-emulator "
             "sign-in</title></head><body>"
             "<h1>Enter code</h1>" +
             (notice.empty() ? std::string() : "<p><strong>" + htmlEscape(notice) + "</strong></p>") +
             "<form method=\"post\" action=\"/devicelogin\">"
             "<p><label>Code <input name=\"user_code\" autofocus></label></p>"
             "<p><label>Sign in as <select name=\"user\">" +
             options +
             "</select></label></p>"
             "<p><button name=\"action\" value=\"approve\">Sign in</button> "
             "<button name=\"action\" value=\"decline\">Cancel</button></p></form></body></html>";
    return r;
}

HttpResponse Auth::deviceLoginSubmit(const HttpRequest &request)
{
    auto form = parseForm(request.body);
    std::string error;
    const bool decline = form["action"] == "decline";
    std::string code = form["user_code"];
    code.erase(
        std::remove_if(code.begin(), code.end(), [](unsigned char c) { return std::isspace(c) || c == '-'; }),
        code.end());
    std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::toupper(c); });
    if (!approve(code, form["user"], decline, error)) {
        HttpResponse r = deviceLoginPage(error);
        r.status = 400;
        return r;
    }
    HttpResponse r;
    r.setHeader("Content-Type", "text/html; charset=utf-8");
    r.body = std::string("<!DOCTYPE html><html><body><p>") +
             (decline ? "Sign-in declined." : "You have signed in. You can close this window.") +
             "</p></body></html>";
    return r;
}

bool Auth::authenticate(const HttpRequest &request, const std::string &baseUrl, RequestContext &context,
                        HttpResponse &unauthorized)
{
    const std::string &header = request.header("authorization");
    std::string message;
    if (header.size() > 7 && (header.compare(0, 7, "Bearer ") == 0 || header.compare(0, 7, "bearer ") == 0)) {
        const std::string token = header.substr(7);
        std::lock_guard lock(m_mutex);
        auto it = m_tokens.find(token);
        if (it == m_tokens.end()) {
            message = "Bearer token is invalid: it was not issued by this environment's identity provider.";
        } else if (Clock::now() >= it->second.expires) {
            message = "Bearer token has expired. The access token expired; request a new one.";
        } else {
            context.userId = it->second.user->userId;
            context.clientId = it->second.user->clientId;
            context.userName = it->second.user->name;
            context.baseUrl = baseUrl;
            return true;
        }
    } else {
        message = "The requested resource requires authentication.";
    }
    const std::string tenant = m_users.empty() ? std::string("common") : m_users.front().tenant;
    unauthorized = HttpResponse{};
    unauthorized.status = 401;
    unauthorized.setHeader("WWW-Authenticate", "Bearer authorization_uri=" + baseUrl + tenant +
                                                   "/oauth2/authorize, resource_id=" + baseUrl);
    unauthorized.setHeader("Content-Type", "application/json; odata.metadata=minimal");
    unauthorized.body = nlohmann::json{{"error", {{"code", "0x8005F101"}, {"message", message}}}}.dump();
    return false;
}

void Auth::reset()
{
    // Tokens survive a reset on purpose: a reset wipes data and counters, not the sessions of clients.
}

} // namespace ferry::emu
