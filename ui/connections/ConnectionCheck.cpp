#include "ConnectionCheck.h"

#include <QCoreApplication>

namespace ferry::ui {

namespace {

// Keeps the SecretStore a client-credentials provider reads from alive as long as the provider.
class StoreOwningProvider : public ferry::auth::TokenProvider
{
public:
    StoreOwningProvider(std::shared_ptr<ferry::auth::SecretStore> store, std::unique_ptr<TokenProvider> inner)
        : m_store(std::move(store)), m_inner(std::move(inner))
    {}
    ferry::Result<QString> token(bool forceRenew) override { return m_inner->token(forceRenew); }
    QString clientId() const override { return m_inner->clientId(); }
    QDateTime expiresAt() const override { return m_inner->expiresAt(); }
    int tokenRequests() const override { return m_inner->tokenRequests(); }

private:
    std::shared_ptr<ferry::auth::SecretStore> m_store; // before m_inner: destroyed after it
    std::unique_ptr<TokenProvider> m_inner;
};

} // namespace

using ferry::auth::AppUser;
using ferry::auth::ConnectionProfile;
using ferry::auth::SecretStore;
using ferry::auth::SignInKind;
using ferry::auth::TokenProvider;

bool ConnectionCheck::Outcome::ok() const
{
    if (cancelled || users.isEmpty())
        return false;
    for (const UserOutcome &u : users)
        if (!u.error.code.isEmpty())
            return false;
    return true;
}

ConnectionCheck::Outcome ConnectionCheck::run(const ConnectionProfile &profile,
                                              const SecretStore::Options &secrets,
                                              const ferry::auth::DeviceCodeProvider::PromptCallback &prompt,
                                              const std::atomic_bool *cancel)
{
    Outcome outcome;
    const auto cancelled = [cancel] { return cancel && cancel->load(); };

    if (profile.signInKind == SignInKind::DeviceCode) {
        UserOutcome result;
        result.user.name = QCoreApplication::translate("ferry::ui::ConnectionsDialog", "Signed-in person");
        result.user.clientId = profile.clientId;
        std::shared_ptr<ferry::auth::DeviceCodeProvider> provider =
            ferry::auth::makeDeviceCodeProvider(profile);
        if (const Status signedIn = provider->signIn(prompt, cancel); !signedIn) {
            outcome.cancelled = cancelled() || signedIn.error().code == QLatin1String("auth.cancelled");
            result.error = signedIn.error();
            outcome.users.append(result);
            return outcome;
        }
        ferry::target::DataverseClient client(profile.environmentUrl, provider);
        auto who = client.whoAmI();
        if (who)
            result.whoAmI = *who;
        else
            result.error = who.error();
        outcome.users.append(result);
        if (who)
            outcome.deviceProvider = provider;
        outcome.cancelled = cancelled();
        return outcome;
    }

    const SecretStore store(secrets);
    const QList<AppUser> users = profile.effectiveUsers();
    const bool single = users.size() == 1;
    for (const AppUser &user : users) {
        if (cancelled()) {
            outcome.cancelled = true;
            break;
        }
        UserOutcome result;
        result.user = user;
        // A missing secret is worth its own message before any request goes out.
        if (auto secret = store.clientSecret(profile.tenant, user.clientId, single); !secret) {
            result.error = secret.error();
            outcome.users.append(result);
            continue;
        }
        std::shared_ptr<TokenProvider> tokens =
            ferry::auth::makeClientCredentialsProvider(profile, user, store);
        ferry::target::DataverseClient client(profile.environmentUrl, tokens);
        auto who = client.whoAmI();
        if (who)
            result.whoAmI = *who;
        else
            result.error = who.error();
        outcome.users.append(result);
    }
    if (cancelled())
        outcome.cancelled = true;
    return outcome;
}

ferry::Result<std::shared_ptr<TokenProvider>>
ConnectionCheck::tokenProvider(const ConnectionProfile &profile, const SecretStore::Options &secrets,
                               std::shared_ptr<TokenProvider> signedIn)
{
    if (profile.signInKind == SignInKind::DeviceCode) {
        if (signedIn)
            return signedIn;
        return ferry::Error::make(
            QStringLiteral("auth.not-signed-in"),
            QCoreApplication::translate("ferry::ui::ConnectionsDialog",
                                        "The connection “%1” signs in with a device code: sign in first "
                                        "(Target ▸ Connections…, then “Sign In”).")
                .arg(profile.name));
    }
    const QList<AppUser> users = profile.effectiveUsers();
    if (users.isEmpty())
        return ferry::Error::make(
            QStringLiteral("connection.invalid"),
            QCoreApplication::translate("ferry::ui::ConnectionsDialog",
                                        "The connection “%1” has no enabled application user.")
                .arg(profile.name));
    auto store = std::make_shared<SecretStore>(secrets);
    // The secret is looked up now, so a missing one is reported before the fetch starts.
    if (auto secret = store->clientSecret(profile.tenant, users.first().clientId, users.size() == 1); !secret)
        return secret.error();
    return std::shared_ptr<TokenProvider>(std::make_shared<StoreOwningProvider>(
        store, ferry::auth::makeClientCredentialsProvider(profile, users.first(), *store)));
}

} // namespace ferry::ui
