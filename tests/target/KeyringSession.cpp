// Test thread: the keyring round trip against a real Secret Service (gnome-keyring). Runs only inside
// keyring-session.sh, which provides a private D-Bus session with an unlocked keyring in a temporary HOME.
#include "TargetTestUtil.h"

#include <ferry/auth/SecretStore.h>

#include <QProcess>

#include <gtest/gtest.h>

#include <thread>

using namespace ferry;
using namespace ferry::auth;

namespace {

const QString kTenant = QStringLiteral("ferry-demo");
const QString kClient = QStringLiteral("b203c493-d76c-574b-919c-9f4bb36fb360");

/// What secret-tool (libsecret's own CLI) finds for the attributes QtKeychain stores under.
QString secretToolLookup(const QString &key)
{
    QByteArray out;
    ferry::test::runProgram(QStringLiteral("secret-tool"),
                            {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("ferry"),
                             QStringLiteral("user"), key},
                            &out, 20000);
    return QString::fromUtf8(out).trimmed();
}

} // namespace

TEST(Keyring, RoundTripThroughTheSecretService)
{
    ASSERT_FALSE(qEnvironmentVariable("FERRY_KEYRING_SESSION").isEmpty())
        << "run this binary through tests/target/keyring-session.sh";
    ferry::test::EnvGuard env(SecretStore::environmentVariableFor(kClient).toLatin1().constData(),
                              std::nullopt);
    ferry::test::EnvGuard file("FERRY_SECRETS_FILE", std::nullopt);
    ASSERT_TRUE(SecretStore::keyringAvailable());
    const SecretStore store;

    auto before = store.clientSecret(kTenant, kClient);
    ASSERT_FALSE(before.ok());
    EXPECT_EQ(before.error().code, QStringLiteral("secret.not-found"));
    EXPECT_TRUE(before.error().message.contains(QStringLiteral("key \"ferry-demo/") + kClient +
                                                QStringLiteral("\" (no entry)")))
        << before.error().message.toStdString();

    const QString secret = QStringLiteral("keyring-s3cret-\u00e9+/=");
    auto stored = store.storeInKeyring(kTenant, kClient, secret);
    ASSERT_TRUE(stored.ok()) << stored.error().message.toStdString();
    auto read = store.clientSecret(kTenant, kClient);
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    EXPECT_TRUE(read.value() == secret) << "the keyring returned a different secret";
    // It really is in the Secret Service, where other tools see it.
    EXPECT_TRUE(secretToolLookup(kTenant + QLatin1Char('/') + kClient) == secret)
        << "secret-tool does not see it";

    // Overwrite, then remove (twice: removing nothing succeeds).
    ASSERT_TRUE(store.storeInKeyring(kTenant, kClient, QStringLiteral("second-value")).ok());
    EXPECT_TRUE(store.clientSecret(kTenant, kClient).value() == QStringLiteral("second-value"));
    ASSERT_TRUE(store.removeFromKeyring(kTenant, kClient).ok());
    ASSERT_TRUE(store.removeFromKeyring(kTenant, kClient).ok());
    auto after = store.clientSecret(kTenant, kClient);
    ASSERT_FALSE(after.ok());
    EXPECT_EQ(after.error().code, QStringLiteral("secret.not-found"));
    EXPECT_TRUE(secretToolLookup(kTenant + QLatin1Char('/') + kClient).isEmpty());

    // The keyring is skipped when the options say so (headless runs).
    ASSERT_TRUE(store.storeInKeyring(kTenant, kClient, QStringLiteral("third-value")).ok());
    auto skipped = SecretStore(SecretStore::Options{QString(), false}).clientSecret(kTenant, kClient);
    ASSERT_FALSE(skipped.ok());
    EXPECT_TRUE(skipped.error().message.contains(QStringLiteral("not used")))
        << skipped.error().message.toStdString();
    ASSERT_TRUE(store.removeFromKeyring(kTenant, kClient).ok());
}

TEST(Keyring, WorksFromWorkerThreadsOneAfterAnother)
{
    // The GUI calls the keyring from short-lived workers: a thread that has ended must not leave the keyring
    // unusable for the next one.
    ASSERT_FALSE(qEnvironmentVariable("FERRY_KEYRING_SESSION").isEmpty())
        << "run this binary through tests/target/keyring-session.sh";
    ferry::test::EnvGuard env(SecretStore::environmentVariableFor(kClient).toLatin1().constData(),
                              std::nullopt);
    ferry::test::EnvGuard file("FERRY_SECRETS_FILE", std::nullopt);
    for (int round = 0; round < 3; ++round) {
        const QString value = QStringLiteral("worker-secret-%1").arg(round);
        Status stored = Error{};
        Result<QString> read = Error{};
        std::thread worker([&] {
            const SecretStore store;
            stored = store.storeInKeyring(kTenant, kClient, value);
            read = store.clientSecret(kTenant, kClient);
        });
        worker.join();
        ASSERT_TRUE(stored.ok()) << stored.error().message.toStdString();
        ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
        EXPECT_TRUE(read.value() == value) << "round " << round;
    }
    // And from this thread again.
    EXPECT_TRUE(SecretStore().clientSecret(kTenant, kClient).value() == QStringLiteral("worker-secret-2"));
    ASSERT_TRUE(SecretStore().removeFromKeyring(kTenant, kClient).ok());
}
