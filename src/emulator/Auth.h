#pragma once
// Thread: any (internally synchronized). Used by the io threads for token endpoints and bearer checks.
//
// A small Microsoft identity platform: client credentials, device code (approved on a local page),
// refresh tokens, and the bearer check every /api/data request goes through.

#include "HttpTypes.h"
#include "Service.h"

#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <vector>

namespace ferry::emu {

class Auth
{
public:
    using Clock = std::chrono::steady_clock;

    /// `tokenLifetimeSeconds` and `deviceCodeLifetimeSeconds` are wall-clock (not time-scaled).
    Auth(std::vector<AppUser> users, int tokenLifetimeSeconds, int deviceCodeLifetimeSeconds = 900);

    /// POST /{tenant}/oauth2/v2.0/token (form body).
    HttpResponse token(const std::string &tenant, const HttpRequest &request, const std::string &baseUrl);
    /// POST /{tenant}/oauth2/v2.0/devicecode (form body).
    HttpResponse deviceCode(const std::string &tenant, const HttpRequest &request,
                            const std::string &baseUrl);
    /// Approves (or declines) a pending device code by its user code; `user` is a userId, clientId or name of
    /// an app user (empty: the first one). False + error when the code or the user is unknown.
    bool approve(const std::string &userCode, const std::string &user, bool decline, std::string &error);
    /// GET /devicelogin: the sign-in page.
    HttpResponse deviceLoginPage(const std::string &notice = {}) const;
    /// POST /devicelogin (form: user_code, user, action=approve|decline).
    HttpResponse deviceLoginSubmit(const HttpRequest &request);

    /// Checks the Authorization header; fills context (except baseUrl) or returns false with a 401 answer.
    bool authenticate(const HttpRequest &request, const std::string &baseUrl, RequestContext &context,
                      HttpResponse &unauthorized);

    const std::vector<AppUser> &users() const { return m_users; }
    void reset();

    /// Parses application/x-www-form-urlencoded text (also used for query strings).
    static std::map<std::string, std::string> parseForm(const std::string &body);
    static std::string urlDecode(const std::string &text);

private:
    struct Issued
    {
        const AppUser *user = nullptr;
        Clock::time_point expires;
    };
    struct Pending
    {
        std::string clientId; ///< the app the device code was requested for
        std::string userCode;
        std::string scope;
        Clock::time_point expires;
        const AppUser *approvedAs = nullptr;
        bool declined = false;
        bool redeemed = false;
    };

    HttpResponse entraError(int status, const std::string &error, int code, const std::string &description);
    HttpResponse issue(const AppUser &user, const std::string &scope, bool withRefresh);
    const AppUser *findUser(const std::string &key) const;
    bool knownTenant(const std::string &tenant) const;
    std::string randomToken(size_t bytes);

    std::vector<AppUser> m_users;
    int m_tokenLifetime = 3600;
    int m_deviceCodeLifetime = 900;
    std::mutex m_mutex;
    std::mt19937_64 m_random;
    std::map<std::string, Issued> m_tokens;
    std::map<std::string, const AppUser *> m_refreshTokens;
    std::map<std::string, Pending> m_deviceCodes; ///< by device_code
};

} // namespace ferry::emu
