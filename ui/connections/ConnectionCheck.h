#pragma once
// Worker threads: run() and tokenProvider() block on the network (and on the keyring); the GUI calls them
// from a pool thread, never from the GUI thread. The value types cross threads.

#include <ferry/Result.h>
#include <ferry/auth/ConnectionProfile.h>
#include <ferry/auth/SecretStore.h>
#include <ferry/auth/TokenProvider.h>
#include <ferry/target/DataverseClient.h>

#include <QList>

#include <atomic>
#include <memory>
#include <optional>

namespace ferry::ui {

/// "Test connection" / "Sign in": signs in as each user of a profile and asks WhoAmI.
class ConnectionCheck
{
public:
    /// What one user's sign-in and WhoAmI gave.
    struct UserOutcome
    {
        ferry::auth::AppUser user;
        std::optional<ferry::target::WhoAmI> whoAmI;
        ferry::Error error; ///< empty code when it worked
    };
    struct Outcome
    {
        QList<UserOutcome> users;
        bool cancelled = false;
        /// Device code: the signed-in provider, kept for the session (SignInSessions).
        std::shared_ptr<ferry::auth::TokenProvider> deviceProvider;
        bool ok() const;
    };

    /// Client credentials: every enabled user in turn (the secret from SecretStore with `secrets`).
    /// Device code: asks for a code, calls `prompt` (on this worker thread), polls until the person
    /// approves or `cancel` turns true, then WhoAmI.
    static Outcome run(const ferry::auth::ConnectionProfile &profile,
                       const ferry::auth::SecretStore::Options &secrets,
                       const ferry::auth::DeviceCodeProvider::PromptCallback &prompt,
                       const std::atomic_bool *cancel);

    /// The token provider the Target page fetches metadata with: the first enabled application user
    /// (client credentials) or the session's device-code sign-in (`signedIn`, which may be nullptr; then
    /// the error "auth.not-signed-in" says to sign in first).
    static ferry::Result<std::shared_ptr<ferry::auth::TokenProvider>>
    tokenProvider(const ferry::auth::ConnectionProfile &profile,
                  const ferry::auth::SecretStore::Options &secrets,
                  std::shared_ptr<ferry::auth::TokenProvider> signedIn);
};

} // namespace ferry::ui
