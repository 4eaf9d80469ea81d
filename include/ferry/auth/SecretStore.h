#pragma once
// Thread: any thread while a QCoreApplication exists. Keyring calls block the calling thread until the
// desktop keyring answers (the jobs run on one private keyring thread), so the GUI calls them from a worker.

#include <ferry/Result.h>

#include <QString>

namespace ferry::auth {

/// Where client secrets come from. Secrets never go into the workspace, a log or an error message.
/// They are looked up, in this order:
///  1. the environment variable FERRY_SECRET_<CLIENT_ID> (client id upper-cased, '-' as '_'), and, for a
///     profile with a single application user, FERRY_CLIENT_SECRET;
///  2. a secrets file (the --secrets-file option or FERRY_SECRETS_FILE): lines "<client-id> <secret>",
///     '#' comments; refused unless only its owner can read it (mode 0600 or 0400);
///  3. the desktop keyring (Secret Service via QtKeychain), service "ferry", key "<tenant>/<client-id>".
///
/// Error codes: "secret.not-found" (says each place it looked), "secret.file-permissions", "secret.file",
/// "secret.keyring" (the keyring is unavailable or refused).
class SecretStore
{
public:
    struct Options
    {
        QString secretsFile;    ///< empty: FERRY_SECRETS_FILE, if set
        bool useKeyring = true; ///< false for headless runs that must not touch a desktop session
    };

    SecretStore();
    explicit SecretStore(Options options);

    /// The environment variable that carries the secret of this client id.
    static QString environmentVariableFor(const QString &clientId);

    /// The client secret of an application user. `singleUser` allows FERRY_CLIENT_SECRET.
    Result<QString> clientSecret(const QString &tenant, const QString &clientId,
                                 bool singleUser = false) const;

    /// Stores a secret in the desktop keyring (GUI: the Connections dialog).
    Status storeInKeyring(const QString &tenant, const QString &clientId, const QString &secret) const;
    /// Removes it; succeeds when there was nothing to remove.
    Status removeFromKeyring(const QString &tenant, const QString &clientId) const;
    /// Whether a keyring (Secret Service) answers on this session.
    static bool keyringAvailable();

private:
    Options m_options;
};

} // namespace ferry::auth
