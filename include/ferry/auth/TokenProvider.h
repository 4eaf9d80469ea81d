#pragma once
// Thread: any. token() may be called from several threads at once (the engine's HTTP thread and a metadata
// fetch pool); renewals are serialized inside.

#include <ferry/Result.h>
#include <ferry/auth/ConnectionProfile.h>
#include <ferry/net/HttpClient.h>

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace ferry::auth {

class SecretStore;

/// Supplies bearer tokens for one user of a connection, cached and renewed before they expire: a token is
/// renewed when less than a tenth of its lifetime (at most 5 minutes) is left.
///
/// Error codes (messages say what to fix and never contain a secret): "auth.invalid-secret" (AADSTS7000215),
/// "auth.unknown-client" (AADSTS700016), "auth.unknown-tenant" (AADSTS90002), "auth.expired-code",
/// "auth.declined", "auth.cancelled", "auth.not-json" (the authority answered HTML or something else),
/// "auth.failed" (any other token error, with the service's code and description), "auth.not-signed-in"
/// (DeviceCodeProvider::token() before signIn() succeeded, or after a sign-in without a refresh token
/// expired), plus the http.* and secret.* errors.
class TokenProvider
{
public:
    using Clock = std::function<QDateTime()>; ///< UTC now; a seam for tests

    virtual ~TokenProvider() = default;
    /// A valid access token, renewed first when it is about to expire or when `forceRenew` is set (after a
    /// 401, which means the service no longer accepts the cached one).
    virtual Result<QString> token(bool forceRenew = false) = 0;
    /// The client id this provider signs in as.
    virtual QString clientId() const = 0;
    /// When the cached token expires (invalid when there is none).
    virtual QDateTime expiresAt() const = 0;
    /// Token requests made so far (each sign-in or renewal sent to the token endpoint counts one; a renewal
    /// that failed before anything was sent, e.g. for a missing secret, does not).
    virtual int tokenRequests() const = 0;
};

/// OAuth 2.0 client credentials for one application user.
std::unique_ptr<TokenProvider> makeClientCredentialsProvider(const ConnectionProfile &profile,
                                                             const AppUser &user, const SecretStore &secrets,
                                                             net::TlsPolicy tls = {},
                                                             TokenProvider::Clock clock = {});

/// What a person must do to finish a device code sign-in.
struct DeviceCodePrompt
{
    QString userCode;
    QUrl verificationUri;
    QString message; ///< the service's own sentence ("To sign in, use a web browser to open ...")
    std::chrono::seconds expiresIn{0};
    std::chrono::seconds interval{5};
};

/// The device code flow for a person. signIn() asks for a code, hands it to `showPrompt` (GUI: a dialog;
/// CLI: stderr), then polls until the person approves, declines, the code expires or `cancel` becomes true
/// (checked every 50 ms). The first poll follows `showPrompt` at once (a GUI may return from it only after
/// the person acted); later ones come at the service's interval, 5 s more after each "slow_down". Afterwards
/// the provider renews with the refresh token it received.
class DeviceCodeProvider : public TokenProvider
{
public:
    using PromptCallback = std::function<void(const DeviceCodePrompt &)>;
    virtual Status signIn(const PromptCallback &showPrompt, const std::atomic_bool *cancel = nullptr) = 0;
};

std::unique_ptr<DeviceCodeProvider> makeDeviceCodeProvider(const ConnectionProfile &profile,
                                                           net::TlsPolicy tls = {},
                                                           TokenProvider::Clock clock = {});

} // namespace ferry::auth
