#pragma once
// Any thread: plain value types.

#include <ferry/Result.h>

#include <QList>
#include <QString>
#include <QUrl>

namespace ferry::auth {

/// How Ferry signs in to a target.
enum class SignInKind
{
    ClientCredentials, ///< application users (client id + client secret), the normal case for migrations
    DeviceCode,        ///< a person signs in in a browser with a code (no secret stored anywhere)
};

/// "client-credentials" / "device-code" (the spelling stored in the workspace and used by the CLI).
QString signInKindName(SignInKind kind);
Result<SignInKind> signInKindFromName(const QString &name);

/// One application user: the engine spreads its requests over the enabled ones, because the service
/// protection limits are per user.
struct AppUser
{
    QString name;     ///< a label the analyst chooses, e.g. "Migration 1"
    QString clientId; ///< the app registration's application (client) id
    bool enabled = true;
    friend bool operator==(const AppUser &, const AppUser &) = default;
};

/// A connection to a Dataverse environment (or to ferry-emulator), as stored in the workspace. It never holds
/// a secret: secrets come from SecretStore.
struct ConnectionProfile
{
    qint64 id = 0;                              ///< workspace row id; 0 until saved
    QString name;                               ///< unique in the workspace
    QString kind = QStringLiteral("dataverse"); ///< "dataverse" or "emulator"
    QUrl environmentUrl; ///< e.g. https://contoso.crm.dynamics.com/ or http://127.0.0.1:8089/
    QString tenant;      ///< directory (tenant) id or domain, e.g. contoso.onmicrosoft.com
    /// Where tokens come from: https://login.microsoftonline.com/ for Dataverse; the emulator's own URL for
    /// the emulator. Empty means the default for the kind.
    QUrl authorityUrl;
    SignInKind signInKind = SignInKind::ClientCredentials;
    /// Device code: the public client id the person signs in with. Client credentials: the first application
    /// user when appUsers is empty.
    QString clientId;
    QList<AppUser> appUsers; ///< client credentials: one or more application users

    /// authorityUrl, or the default for the kind.
    QUrl effectiveAuthority() const;
    /// The token endpoint: <authority>/<tenant>/oauth2/v2.0/token.
    QUrl tokenEndpoint() const;
    /// The device code endpoint: <authority>/<tenant>/oauth2/v2.0/devicecode.
    QUrl deviceCodeEndpoint() const;
    /// The OAuth scope for this environment: <environment URL>/.default (client credentials) or
    /// <environment URL>/user_impersonation offline_access (device code).
    QString scope() const;
    /// The Web API root: <environment URL>/api/data/v9.2/.
    QUrl webApiUrl() const;
    /// The users requests are spread over: the enabled appUsers, or one user made of clientId.
    QList<AppUser> effectiveUsers() const;

    /// Checks the profile before it is saved or used: a name, an https URL (http only on loopback),
    /// a tenant, a client id, at least one enabled user. Error "connection.invalid" naming the field.
    Status validate() const;

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

} // namespace ferry::auth
