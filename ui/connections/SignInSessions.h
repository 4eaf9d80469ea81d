#pragma once
// GUI thread: the registry is read and written on the GUI thread only; the providers it hands out are
// thread-safe (see TokenProvider.h) and may be used from workers.

#include <ferry/auth/TokenProvider.h>

#include <QString>

#include <memory>

namespace ferry::ui {

/// The device-code sign-ins of this session, so that a person signs in once in the Connections dialog and
/// the Target page reuses the tokens (renewed with the refresh token) until Ferry quits. Nothing here is
/// written to disk: a person signs in again after a restart.
class SignInSessions
{
public:
    /// The key of a connection of a workspace.
    static QString key(const QString &workspacePath, const QString &connectionName);
    static void set(const QString &key, std::shared_ptr<ferry::auth::TokenProvider> provider);
    /// The signed-in provider, or nullptr.
    static std::shared_ptr<ferry::auth::TokenProvider> provider(const QString &key);
    static void remove(const QString &key);
};

} // namespace ferry::ui
