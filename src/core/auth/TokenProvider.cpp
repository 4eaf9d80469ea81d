#include <ferry/auth/TokenProvider.h>

#include <ferry/auth/SecretStore.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <mutex>
#include <optional>
#include <thread>

namespace ferry::auth {

namespace {

using json = nlohmann::json;

/// What a token endpoint handed out.
struct TokenAnswer
{
    QString accessToken;
    QString refreshToken;
    std::chrono::seconds expiresIn{3600};
};

/// Who is signing in, for messages (and the secret, only to scrub it out of them).
struct SignInContext
{
    QString clientId;
    QString tenant;
    QString secret;
    QString secretHint; ///< where the secret comes from, for "update it there"
};

QString scrub(QString text, const QString &secret)
{
    if (secret.size() >= 3) {
        text.replace(secret, QStringLiteral("***"));
        text.replace(QString::fromLatin1(QUrl::toPercentEncoding(secret)), QStringLiteral("***"));
    }
    return text;
}

/// The first bytes of an unexpected answer, printable and short, so a message can show what came back.
QString snippet(const QByteArray &body, const QString &secret)
{
    // Scrub first, on the raw text, so neither whitespace folding nor truncation can leave part of it.
    const QString text = scrub(QString::fromUtf8(body.left(2000)), secret);
    QString out;
    bool space = false;
    for (const QChar c : text) {
        if (c.isSpace() || !c.isPrint()) {
            space = !out.isEmpty();
            continue;
        }
        if (space)
            out += QLatin1Char(' ');
        space = false;
        out += c;
    }
    if (out.size() > 120)
        out = out.left(117) + QStringLiteral("...");
    return out;
}

std::optional<json> parseJsonBody(const net::HttpResponse &r)
{
    json j = json::parse(r.body.constData(), r.body.constData() + r.body.size(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return std::nullopt;
    return j;
}

QString str(const json &j, const char *key)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

qint64 number(const json &j, const char *key, qint64 fallback)
{
    auto it = j.find(key);
    if (it == j.end())
        return fallback;
    if (it->is_number_integer())
        return it->get<qint64>();
    if (it->is_number())
        return qint64(it->get<double>());
    if (it->is_string()) { // ADFS and older endpoints send numbers as strings
        bool ok = false;
        const qint64 v = QString::fromStdString(it->get<std::string>()).toLongLong(&ok);
        return ok ? v : fallback;
    }
    return fallback;
}

Error notJsonError(const QUrl &url, const net::HttpResponse &r, const QString &secret)
{
    const QByteArray type = r.header("Content-Type");
    return Error::make(
        QStringLiteral("auth.not-json"),
        QStringLiteral("The sign-in service at %1 answered HTTP %2 with %3 instead of JSON: \"%4\". "
                       "Check the authority URL (for Dataverse it is https://login.microsoftonline.com/) "
                       "and the tenant, and whether a proxy answers in its place.")
            .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery))
            .arg(r.status)
            .arg(type.isEmpty() ? QStringLiteral("no content type") : QString::fromLatin1(type))
            .arg(snippet(r.body, secret)));
}

/// Maps an OAuth error answer (Entra ID's {"error","error_description","error_codes"}) to Ferry's codes.
Error tokenError(const json &j, const net::HttpResponse &r, const QUrl &url, const SignInContext &who)
{
    const QString error = str(j, "error");
    QString description = str(j, "error_description");
    if (const qsizetype trace = description.indexOf(QLatin1String(" Trace ID:")); trace > 0)
        description.truncate(trace);
    description = scrub(description, who.secret).trimmed();
    qint64 code = 0;
    if (auto it = j.find("error_codes");
        it != j.end() && it->is_array() && !it->empty() && it->front().is_number_integer())
        code = it->front().get<qint64>();
    const QString aadsts = code ? QStringLiteral("AADSTS%1").arg(code) : error;
    const QString app = QStringLiteral("application %1 in tenant %2").arg(who.clientId, who.tenant);
    auto make = [&](const char *id, const QString &what) {
        return Error::make(QString::fromLatin1(id),
                           QStringLiteral("%1 (%2). The service said: %3")
                               .arg(what, aadsts, description.isEmpty() ? error : description));
    };
    switch (code) {
    case 7000215:
    case 7000222:
        return make(
            "auth.invalid-secret",
            QStringLiteral("The client secret of %1 was rejected: use the secret's Value (not its Secret "
                           "ID), check in the app registration that it has not expired, then update it "
                           "in %2")
                .arg(app, who.secretHint.isEmpty() ? QStringLiteral("the place Ferry reads it from")
                                                   : who.secretHint));
    case 700016:
        return make(
            "auth.unknown-client",
            QStringLiteral("Application %1 was not found in tenant %2: check the client id and the tenant, "
                           "and that the app registration lives in (or is consented to by) that tenant")
                .arg(who.clientId, who.tenant));
    case 90002:
    case 900023:
        return make(
            "auth.unknown-tenant",
            QStringLiteral("Tenant '%1' was not found at %2: check the tenant id (a GUID) or domain (e.g. "
                           "contoso.onmicrosoft.com) and the authority URL")
                .arg(who.tenant, url.adjusted(QUrl::RemovePath).toDisplayString()));
    case 70011:
    case 1002012:
        return make("auth.failed",
                    QStringLiteral("The scope sent for %1 was refused: check the environment URL "
                                   "(it looks like https://yourorg.crm.dynamics.com/)")
                        .arg(app));
    case 7000218:
        return make("auth.failed", QStringLiteral("Device code sign-in with %1 needs a public client: enable "
                                                  "\"Allow public client flows\" in the app registration")
                                       .arg(app));
    case 65001:
        return make(
            "auth.failed",
            QStringLiteral("%1 has no consent for Dataverse: an administrator must grant consent").arg(app));
    default:
        break;
    }
    if (error == QLatin1String("expired_token"))
        return make("auth.expired-code",
                    QStringLiteral("The sign-in code expired before it was used: start the "
                                   "sign-in again and enter the code sooner"));
    if (error == QLatin1String("authorization_declined") || error == QLatin1String("access_denied"))
        return make("auth.declined", QStringLiteral("The sign-in was declined in the browser"));
    return make("auth.failed", QStringLiteral("Sign-in for %1 at %2 failed with HTTP %3")
                                   .arg(app, url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery))
                                   .arg(r.status));
}

/// Parses what a token endpoint answered: a token, or the error it means.
Result<TokenAnswer> readTokenAnswer(const Result<net::HttpResponse> &answer, const QUrl &url,
                                    const SignInContext &who)
{
    if (!answer)
        return answer.error();
    const net::HttpResponse &r = answer.value();
    auto j = parseJsonBody(r);
    if (!r.isJson() || !j)
        return notJsonError(url, r, who.secret);
    if (r.status != 200 || j->contains("error"))
        return tokenError(*j, r, url, who);
    TokenAnswer t;
    t.accessToken = str(*j, "access_token");
    t.refreshToken = str(*j, "refresh_token");
    t.expiresIn = std::chrono::seconds(std::max<qint64>(1, number(*j, "expires_in", 3600)));
    if (t.accessToken.isEmpty())
        return Error::make(QStringLiteral("auth.failed"),
                           QStringLiteral("The sign-in service at %1 answered without an access token.")
                               .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
    return t;
}

/// The cached token and the renewal rule shared by both providers. Renewals are serialized by
/// m_renewal; the fields are guarded by m_state so expiresAt() never waits for a network round trip.
class TokenCache
{
public:
    explicit TokenCache(TokenProvider::Clock clock) : m_clock(std::move(clock)) {}

    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }

    template <typename Renew> Result<QString> get(bool forceRenew, Renew &&renew)
    {
        const auto asked = std::chrono::steady_clock::now();
        std::lock_guard renewalLock(m_renewal);
        {
            std::lock_guard lock(m_state);
            // Several threads that saw the same 401 all ask for a renewal: the first one renews, the others
            // take the token it got while they waited.
            const bool renewedWhileWaiting = m_renewedAt > asked;
            if (!m_token.isEmpty() && (renewedWhileWaiting || (!forceRenew && freshLocked())))
                return m_token;
        }
        Result<TokenAnswer> answer = renew(); // counts itself (countRequest) when it really asks the service
        if (!answer)
            return answer.error();
        store(answer.value());
        return answer->accessToken;
    }

    void store(const TokenAnswer &answer)
    {
        std::lock_guard lock(m_state);
        m_token = answer.accessToken;
        m_lifetime = answer.expiresIn;
        m_expiresAt = now().addSecs(answer.expiresIn.count());
        m_renewedAt = std::chrono::steady_clock::now();
    }
    void countRequest() { ++m_requests; }

    bool hasToken() const
    {
        std::lock_guard lock(m_state);
        return !m_token.isEmpty();
    }
    QDateTime expiresAt() const
    {
        std::lock_guard lock(m_state);
        return m_expiresAt;
    }
    int requests() const { return m_requests.load(); }
    std::mutex &renewalMutex() { return m_renewal; }

private:
    bool freshLocked() const
    {
        // Renew when less than a tenth of the lifetime, at most five minutes, is left.
        const qint64 marginMs = std::min<qint64>(qint64(m_lifetime.count()) * 100, 300000);
        return now().msecsTo(m_expiresAt) > marginMs;
    }

    TokenProvider::Clock m_clock;
    std::mutex m_renewal;
    mutable std::mutex m_state;
    QString m_token;
    QDateTime m_expiresAt;
    std::chrono::seconds m_lifetime{0};
    std::chrono::steady_clock::time_point m_renewedAt{};
    std::atomic<int> m_requests{0};
};

class ClientCredentialsProvider final : public TokenProvider
{
public:
    ClientCredentialsProvider(ConnectionProfile profile, AppUser user, SecretStore secrets,
                              net::TlsPolicy tls, Clock clock)
        : m_profile(std::move(profile)), m_user(std::move(user)), m_secrets(std::move(secrets)),
          m_http(std::move(tls)), m_cache(std::move(clock))
    {}

    Result<QString> token(bool forceRenew) override
    {
        return m_cache.get(forceRenew, [this] { return requestToken(); });
    }
    QString clientId() const override { return m_user.clientId; }
    QDateTime expiresAt() const override { return m_cache.expiresAt(); }
    int tokenRequests() const override { return m_cache.requests(); }

private:
    // Runs under the cache's renewal lock, so m_http and m_secret are used by one thread at a time.
    Result<TokenAnswer> requestToken()
    {
        const bool singleUser = m_profile.effectiveUsers().size() <= 1;
        if (m_secret.isEmpty()) {
            auto secret = m_secrets.clientSecret(m_profile.tenant, m_user.clientId, singleUser);
            if (!secret)
                return secret.error();
            m_secret = secret.value();
        }
        SignInContext who{m_user.clientId, m_profile.tenant, m_secret,
                          QStringLiteral("%1%2, the secrets file or the keyring")
                              .arg(SecretStore::environmentVariableFor(m_user.clientId),
                                   singleUser ? QStringLiteral(" (or FERRY_CLIENT_SECRET)") : QString())};
        const QUrl url = m_profile.tokenEndpoint();
        m_cache.countRequest();
        auto answer = readTokenAnswer(
            m_http.postForm(url, {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                  {QStringLiteral("client_id"), m_user.clientId},
                                  {QStringLiteral("client_secret"), m_secret},
                                  {QStringLiteral("scope"), m_profile.scope()}}),
            url, who);
        if (!answer && answer.error().code == QLatin1String("auth.invalid-secret"))
            m_secret.clear(); // read it again next time: the person may fix it meanwhile
        return answer;
    }

    ConnectionProfile m_profile;
    AppUser m_user;
    SecretStore m_secrets;
    net::HttpClient m_http;
    QString m_secret;
    TokenCache m_cache;
};

class DeviceCodeProviderImpl final : public DeviceCodeProvider
{
public:
    DeviceCodeProviderImpl(ConnectionProfile profile, net::TlsPolicy tls, Clock clock)
        : m_profile(std::move(profile)), m_tls(tls), m_http(std::move(tls)), m_cache(std::move(clock))
    {
        m_profile.signInKind = SignInKind::DeviceCode; // the scope must ask for a refresh token
    }

    Status signIn(const PromptCallback &showPrompt, const std::atomic_bool *cancel) override
    {
        net::HttpClient http(m_tls); // a sign-in takes minutes: token() renewals keep their own client
        const SignInContext who{m_profile.clientId, m_profile.tenant, {}, {}};
        const QUrl codeUrl = m_profile.deviceCodeEndpoint();
        auto started = http.postForm(codeUrl, {{QStringLiteral("client_id"), m_profile.clientId},
                                               {QStringLiteral("scope"), m_profile.scope()}});
        if (!started)
            return started.error();
        auto j = parseJsonBody(started.value());
        if (!started->isJson() || !j)
            return notJsonError(codeUrl, started.value(), {});
        if (started->status != 200 || j->contains("error"))
            return tokenError(*j, started.value(), codeUrl, who);

        const QString deviceCode = str(*j, "device_code");
        DeviceCodePrompt prompt;
        prompt.userCode = str(*j, "user_code");
        prompt.verificationUri = QUrl(str(*j, "verification_uri"));
        if (prompt.verificationUri.isEmpty())
            prompt.verificationUri = QUrl(str(*j, "verification_url")); // the v1 endpoint's spelling
        prompt.message = str(*j, "message");
        prompt.expiresIn = std::chrono::seconds(std::max<qint64>(1, number(*j, "expires_in", 900)));
        prompt.interval = std::chrono::seconds(std::max<qint64>(1, number(*j, "interval", 5)));
        if (deviceCode.isEmpty() || prompt.userCode.isEmpty())
            return Error::make(QStringLiteral("auth.failed"),
                               QStringLiteral("The sign-in service at %1 answered without a device code.")
                                   .arg(codeUrl.toDisplayString()));
        if (showPrompt)
            showPrompt(prompt);

        const auto deadline = std::chrono::steady_clock::now() + prompt.expiresIn;
        auto interval = prompt.interval;
        const QUrl tokenUrl = m_profile.tokenEndpoint();
        auto cancelled = [&] { return cancel && cancel->load(); };
        auto cancelledError = [] {
            return Error::make(QStringLiteral("auth.cancelled"),
                               QStringLiteral("The sign-in was cancelled."));
        };
        // The first poll comes right after the prompt (the person may already have approved while a dialog
        // was up); after that, the service's interval.
        for (bool first = true;; first = false) {
            if (!first) {
                const auto wakeUp = std::chrono::steady_clock::now() + interval;
                while (std::chrono::steady_clock::now() < wakeUp) {
                    if (cancelled())
                        return cancelledError();
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                }
            }
            if (cancelled())
                return cancelledError();
            if (std::chrono::steady_clock::now() > deadline)
                return Error::make(
                    QStringLiteral("auth.expired-code"),
                    QStringLiteral("The sign-in code %1 expired after %2 minutes without being used: "
                                   "start the sign-in again and enter the code at %3 sooner.")
                        .arg(prompt.userCode)
                        .arg(double(prompt.expiresIn.count()) / 60.0, 0, 'f', 1)
                        .arg(prompt.verificationUri.toDisplayString()));
            auto polled =
                http.postForm(tokenUrl, {{QStringLiteral("grant_type"),
                                          QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
                                         {QStringLiteral("client_id"), m_profile.clientId},
                                         {QStringLiteral("device_code"), deviceCode}});
            if (!polled)
                return polled.error();
            auto pj = parseJsonBody(polled.value());
            if (polled->isJson() && pj && pj->contains("error")) {
                const QString error = str(*pj, "error");
                if (error == QLatin1String("authorization_pending"))
                    continue;
                if (error == QLatin1String("slow_down")) {
                    interval += std::chrono::seconds(5); // RFC 8628 §3.5
                    continue;
                }
            }
            m_cache.countRequest();
            auto answer = readTokenAnswer(polled, tokenUrl, who);
            if (!answer)
                return answer.error();
            std::lock_guard renewal(m_cache.renewalMutex());
            m_refreshToken = answer->refreshToken;
            m_cache.store(answer.value());
            return {};
        }
    }

    Result<QString> token(bool forceRenew) override
    {
        return m_cache.get(forceRenew, [this]() -> Result<TokenAnswer> {
            if (m_refreshToken.isEmpty())
                return Error::make(
                    QStringLiteral("auth.not-signed-in"),
                    m_cache.hasToken()
                        ? QStringLiteral("The sign-in of %1 has expired and the service gave no "
                                         "refresh token: sign in again.")
                              .arg(m_profile.clientId)
                        : QStringLiteral("Not signed in to %1 yet: sign in with the device code first.")
                              .arg(m_profile.environmentUrl.toDisplayString()));
            const QUrl url = m_profile.tokenEndpoint();
            m_cache.countRequest();
            auto answer = readTokenAnswer(
                m_http.postForm(url, {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                      {QStringLiteral("client_id"), m_profile.clientId},
                                      {QStringLiteral("refresh_token"), m_refreshToken},
                                      {QStringLiteral("scope"), m_profile.scope()}}),
                url, SignInContext{m_profile.clientId, m_profile.tenant, m_refreshToken, {}});
            if (!answer) {
                if (answer.error().code == QLatin1String("auth.failed"))
                    return Error::make(answer.error().code,
                                       answer.error().message +
                                           QStringLiteral(" Sign in again with a new code."));
                return answer.error();
            }
            if (!answer->refreshToken.isEmpty())
                m_refreshToken = answer->refreshToken; // each use hands out a new one
            return answer;
        });
    }

    QString clientId() const override { return m_profile.clientId; }
    QDateTime expiresAt() const override { return m_cache.expiresAt(); }
    int tokenRequests() const override { return m_cache.requests(); }

private:
    ConnectionProfile m_profile;
    net::TlsPolicy m_tls;
    net::HttpClient m_http;
    QString m_refreshToken; ///< guarded by the cache's renewal mutex
    TokenCache m_cache;
};

} // namespace

std::unique_ptr<TokenProvider> makeClientCredentialsProvider(const ConnectionProfile &profile,
                                                             const AppUser &user, const SecretStore &secrets,
                                                             net::TlsPolicy tls, TokenProvider::Clock clock)
{
    return std::make_unique<ClientCredentialsProvider>(profile, user, secrets, std::move(tls),
                                                       std::move(clock));
}

std::unique_ptr<DeviceCodeProvider> makeDeviceCodeProvider(const ConnectionProfile &profile,
                                                           net::TlsPolicy tls, TokenProvider::Clock clock)
{
    return std::make_unique<DeviceCodeProviderImpl>(profile, std::move(tls), std::move(clock));
}

} // namespace ferry::auth
