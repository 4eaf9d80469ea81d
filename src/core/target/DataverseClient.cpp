#include <ferry/target/DataverseClient.h>

#include <nlohmann/json.hpp>

#include <atomic>

namespace ferry::target {

namespace {

using json = nlohmann::json;

QUrl webApiRoot(const QUrl &environmentUrl)
{
    QUrl base = environmentUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString path = base.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    base.setPath(path + QStringLiteral("api/data/v9.2/"));
    return base;
}

QString shortUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString snippet(const QByteArray &body)
{
    QString out;
    bool space = false;
    for (const QChar c : QString::fromUtf8(body.left(400))) {
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

Error notJson(const QUrl &url, const net::HttpResponse &r)
{
    const QByteArray type = r.header("Content-Type");
    return Error::make(
        QStringLiteral("target.not-json"),
        QStringLiteral("%1 answered HTTP %2 with %3 instead of JSON (\"%4\"): the environment URL is "
                       "probably wrong: it should look like https://yourorg.crm.dynamics.com")
            .arg(shortUrl(url))
            .arg(r.status)
            .arg(type.isEmpty() ? QStringLiteral("no content type") : QString::fromLatin1(type))
            .arg(snippet(r.body)));
}

/// "code: message" from a Dataverse error body {"error":{"code","message"}}, or empty.
QString serviceError(const net::HttpResponse &r)
{
    const json j = json::parse(r.body.constData(), r.body.constData() + r.body.size(), nullptr, false);
    if (!j.is_object())
        return {};
    auto e = j.find("error");
    if (e == j.end() || !e->is_object())
        return {};
    const QString code = e->contains("code") && (*e)["code"].is_string()
                             ? QString::fromStdString((*e)["code"].get<std::string>())
                             : QString();
    const QString message = e->contains("message") && (*e)["message"].is_string()
                                ? QString::fromStdString((*e)["message"].get<std::string>())
                                : QString();
    if (code.isEmpty())
        return message;
    return message.isEmpty() ? code : code + QStringLiteral(": ") + message;
}

std::optional<int> intHeader(const net::HttpResponse &r, const QByteArray &name)
{
    bool ok = false;
    const int v = r.header(name).trimmed().toInt(&ok);
    return ok ? std::optional<int>(v) : std::nullopt;
}

std::optional<double> doubleHeader(const net::HttpResponse &r, const QByteArray &name)
{
    bool ok = false;
    const double v = r.header(name).trimmed().toDouble(&ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

} // namespace

struct DataverseClient::Private
{
    QUrl environmentUrl;
    QUrl webApi;
    std::shared_ptr<auth::TokenProvider> tokens;
    net::HttpClient http;
    std::atomic<int> sent{0};

    Private(QUrl env, std::shared_ptr<auth::TokenProvider> t, net::TlsPolicy tls)
        : environmentUrl(std::move(env)), webApi(webApiRoot(environmentUrl)), tokens(std::move(t)),
          http(std::move(tls))
    {}

    Result<net::HttpResponse> sendWithToken(net::HttpRequest request, const QString &token)
    {
        request.headers.append(
            qMakePair(QByteArray("Authorization"), QByteArray("Bearer " + token.toUtf8())));
        ++sent;
        return http.send(request);
    }
};

DataverseClient::DataverseClient(QUrl environmentUrl, std::shared_ptr<auth::TokenProvider> tokens,
                                 net::TlsPolicy tls)
    : m_d(std::make_unique<Private>(std::move(environmentUrl), std::move(tokens), std::move(tls)))
{}

DataverseClient::~DataverseClient() = default;

QUrl DataverseClient::webApiUrl() const
{
    return m_d->webApi;
}

int DataverseClient::requestsSent() const
{
    return m_d->sent.load();
}

Result<net::HttpResponse> DataverseClient::send(net::HttpRequest request)
{
    if (request.url.isRelative())
        request.url = QUrl(m_d->webApi.toString() + request.url.toString(), QUrl::TolerantMode);
    auto has = [&](const QByteArray &name) {
        for (const auto &h : request.headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    };
    // The headers every Web API request carries (reference §8; a real client sends the same).
    if (!has("Accept"))
        request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
    if (!has("OData-MaxVersion"))
        request.headers.append(qMakePair(QByteArray("OData-MaxVersion"), QByteArray("4.0")));
    if (!has("OData-Version"))
        request.headers.append(qMakePair(QByteArray("OData-Version"), QByteArray("4.0")));
    if (!request.body.isEmpty() && !has("Content-Type"))
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")));
    if (!m_d->tokens)
        return Error::make(QStringLiteral("auth.failed"),
                           QStringLiteral("No token provider for %1.").arg(shortUrl(m_d->environmentUrl)));

    auto token = m_d->tokens->token(false);
    if (!token)
        return token.error();
    auto answer = m_d->sendWithToken(request, token.value());
    if (!answer || answer->status != 401)
        return answer;
    // The service no longer takes the cached token (revoked, or expired earlier than it said): renew once.
    token = m_d->tokens->token(true);
    if (!token)
        return token.error();
    answer = m_d->sendWithToken(request, token.value());
    if (!answer || answer->status != 401)
        return answer;
    const QString said = serviceError(answer.value());
    return Error::make(
        QStringLiteral("target.unauthorized"),
        QStringLiteral("%1 refused a freshly issued token for application %2 (HTTP 401%3). Check that "
                       "the app is an application user in this environment with a security role, "
                       "and that the environment URL matches the one the token was asked for.")
            .arg(shortUrl(request.url), m_d->tokens->clientId(),
                 said.isEmpty() ? QString() : QStringLiteral(": ") + said));
}

Result<nlohmann::json> DataverseClient::getJson(const QString &pathAndQuery)
{
    net::HttpRequest request;
    request.url = QUrl(m_d->webApi.toString() + pathAndQuery, QUrl::TolerantMode);
    auto answer = send(request);
    if (!answer)
        return answer.error();
    const net::HttpResponse &r = answer.value();
    json body = json::parse(r.body.constData(), r.body.constData() + r.body.size(), nullptr, false);
    if (!r.isJson() || body.is_discarded())
        return notJson(request.url, r);
    if (r.status >= 200 && r.status < 300)
        return body;
    const QString said = serviceError(r);
    const QString where = shortUrl(request.url);
    const QString detail = said.isEmpty() ? QString() : QStringLiteral(": ") + said;
    switch (r.status) {
    case 403:
        return Error::make(
            QStringLiteral("target.forbidden"),
            QStringLiteral("%1 refused access (HTTP 403%2). Give the application user a security role "
                           "that can read this.")
                .arg(where, detail));
    case 404:
        return Error::make(QStringLiteral("target.not-found"),
                           QStringLiteral("%1 does not exist (HTTP 404%2).").arg(where, detail));
    case 429:
        return Error::make(
            QStringLiteral("target.throttled"),
            QStringLiteral("%1 is throttled by the service protection limits (HTTP 429, Retry-After "
                           "%2 s%3).")
                .arg(where,
                     r.header("Retry-After").isEmpty() ? QStringLiteral("?")
                                                       : QString::fromLatin1(r.header("Retry-After")),
                     detail));
    default:
        return Error::make(QStringLiteral("target.http"),
                           QStringLiteral("%1 answered HTTP %2%3.").arg(where).arg(r.status).arg(detail));
    }
}

Result<WhoAmI> DataverseClient::whoAmI()
{
    net::HttpRequest request;
    request.url = QUrl(m_d->webApi.toString() + QStringLiteral("WhoAmI"));
    auto answer = send(request);
    if (!answer)
        return answer.error();
    const net::HttpResponse &r = answer.value();
    const json body = json::parse(r.body.constData(), r.body.constData() + r.body.size(), nullptr, false);
    if (!r.isJson() || body.is_discarded() || !body.is_object())
        return notJson(request.url, r);
    if (r.status != 200) {
        const QString said = serviceError(r);
        return Error::make(r.status == 403 ? QStringLiteral("target.forbidden")
                                           : QStringLiteral("target.http"),
                           QStringLiteral("WhoAmI at %1 answered HTTP %2%3.")
                               .arg(shortUrl(request.url))
                               .arg(r.status)
                               .arg(said.isEmpty() ? QString() : QStringLiteral(": ") + said));
    }
    auto text = [&](const char *key) {
        auto it = body.find(key);
        return it != body.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                                   : QString();
    };
    WhoAmI who;
    who.userId = text("UserId");
    who.businessUnitId = text("BusinessUnitId");
    who.organizationId = text("OrganizationId");
    who.dopHint = intHeader(r, "x-ms-dop-hint");
    who.burstRequestsRemaining = intHeader(r, "x-ms-ratelimit-burst-remaining-xrm-requests");
    who.timeRemainingSeconds = doubleHeader(r, "x-ms-ratelimit-time-remaining-xrm-requests");
    if (who.userId.isEmpty())
        return Error::make(
            QStringLiteral("target.http"),
            QStringLiteral("WhoAmI at %1 answered without a UserId.").arg(shortUrl(request.url)));
    // The name is a courtesy: a role without read access to systemusers must not fail the connection test.
    if (auto user = getJson(QStringLiteral("systemusers(%1)?$select=fullname").arg(who.userId)); user) {
        if (auto it = user->find("fullname"); it != user->end() && it->is_string())
            who.userName = QString::fromStdString(it->get<std::string>());
    }
    return who;
}

} // namespace ferry::target
