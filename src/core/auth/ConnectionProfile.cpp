#include <ferry/auth/ConnectionProfile.h>

#include <ferry/net/HttpClient.h>

#include <QSet>

namespace ferry::auth {

namespace {

Error invalid(const ConnectionProfile &p, const QString &field, const QString &what)
{
    const QString who = p.name.trimmed().isEmpty() ? QStringLiteral("The connection")
                                                   : QStringLiteral("Connection '%1'").arg(p.name);
    return Error::make(QStringLiteral("connection.invalid"),
                       QStringLiteral("%1: %2 (field %3).").arg(who, what, field));
}

QUrl withTrailingSlash(QUrl url)
{
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        url.setPath(path + QLatin1Char('/'));
    return url;
}

/// scheme://host[:port], the resource identifier Entra ID expects in a scope.
QString origin(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString(QUrl::StripTrailingSlash);
}

} // namespace

QString signInKindName(SignInKind kind)
{
    switch (kind) {
    case SignInKind::ClientCredentials:
        return QStringLiteral("client-credentials");
    case SignInKind::DeviceCode:
        return QStringLiteral("device-code");
    }
    return QStringLiteral("client-credentials");
}

Result<SignInKind> signInKindFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("client-credentials"))
        return SignInKind::ClientCredentials;
    if (n == QLatin1String("device-code"))
        return SignInKind::DeviceCode;
    return Error::make(
        QStringLiteral("connection.invalid"),
        QStringLiteral("Unknown sign-in kind '%1': use client-credentials or device-code.").arg(name));
}

QUrl ConnectionProfile::effectiveAuthority() const
{
    if (authorityUrl.isValid() && !authorityUrl.isEmpty())
        return withTrailingSlash(authorityUrl);
    if (kind == QLatin1String("emulator"))
        return withTrailingSlash(environmentUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment));
    return QUrl(QStringLiteral("https://login.microsoftonline.com/"));
}

QUrl ConnectionProfile::tokenEndpoint() const
{
    return effectiveAuthority().resolved(QUrl(tenant.trimmed() + QStringLiteral("/oauth2/v2.0/token")));
}

QUrl ConnectionProfile::deviceCodeEndpoint() const
{
    return effectiveAuthority().resolved(QUrl(tenant.trimmed() + QStringLiteral("/oauth2/v2.0/devicecode")));
}

QString ConnectionProfile::scope() const
{
    const QString resource = origin(environmentUrl);
    if (signInKind == SignInKind::DeviceCode)
        return resource + QStringLiteral("/user_impersonation offline_access");
    return resource + QStringLiteral("/.default");
}

QUrl ConnectionProfile::webApiUrl() const
{
    QUrl base = withTrailingSlash(environmentUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment));
    base.setPath(base.path() + QStringLiteral("api/data/v9.2/"));
    return base;
}

QList<AppUser> ConnectionProfile::effectiveUsers() const
{
    QList<AppUser> users;
    for (const AppUser &u : appUsers)
        if (u.enabled)
            users.append(u);
    if (appUsers.isEmpty() && !clientId.trimmed().isEmpty())
        users.append(AppUser{name, clientId.trimmed(), true});
    return users;
}

Status ConnectionProfile::validate() const
{
    if (name.trimmed().isEmpty())
        return invalid(*this, QStringLiteral("name"), QStringLiteral("the name is empty"));
    if (kind != QLatin1String("dataverse") && kind != QLatin1String("emulator"))
        return invalid(
            *this, QStringLiteral("kind"),
            QStringLiteral("the kind '%1' is not a target kind: use dataverse or emulator").arg(kind));
    if (environmentUrl.isEmpty())
        return invalid(
            *this, QStringLiteral("environmentUrl"),
            QStringLiteral("the environment URL is empty: it looks like https://yourorg.crm.dynamics.com/"));
    if (auto s = net::checkUrlAllowed(environmentUrl); !s)
        return invalid(*this, QStringLiteral("environmentUrl"), s.error().message);
    if (!authorityUrl.isEmpty()) {
        if (auto s = net::checkUrlAllowed(authorityUrl); !s)
            return invalid(*this, QStringLiteral("authorityUrl"), s.error().message);
    }
    if (tenant.trimmed().isEmpty())
        return invalid(
            *this, QStringLiteral("tenant"),
            QStringLiteral("the tenant is empty: give the directory (tenant) id or its domain, e.g. "
                           "contoso.onmicrosoft.com"));
    if (tenant.trimmed().contains(QLatin1Char('/')) || tenant.trimmed().contains(QLatin1Char(' ')))
        return invalid(*this, QStringLiteral("tenant"),
                       QStringLiteral("the tenant '%1' contains a '/' or a space: give only the tenant id or "
                                      "domain")
                           .arg(tenant));
    if (signInKind == SignInKind::DeviceCode) {
        if (clientId.trimmed().isEmpty())
            return invalid(
                *this, QStringLiteral("clientId"),
                QStringLiteral("device code sign-in needs the public client id people sign in with"));
        return {};
    }
    QSet<QString> seen;
    for (const AppUser &u : appUsers) {
        if (u.clientId.trimmed().isEmpty())
            return invalid(*this, QStringLiteral("appUsers.clientId"),
                           QStringLiteral("the application user '%1' has no client id").arg(u.name));
        const QString key = u.clientId.trimmed().toLower();
        if (seen.contains(key))
            return invalid(*this, QStringLiteral("appUsers.clientId"),
                           QStringLiteral("the client id %1 is listed twice").arg(u.clientId));
        seen.insert(key);
    }
    if (effectiveUsers().isEmpty())
        return invalid(*this, appUsers.isEmpty() ? QStringLiteral("clientId") : QStringLiteral("appUsers"),
                       appUsers.isEmpty()
                           ? QStringLiteral("client credentials need a client id (an application user)")
                           : QStringLiteral("every application user is disabled: enable at least one"));
    return {};
}

} // namespace ferry::auth
