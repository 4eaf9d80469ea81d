// Test thread: SecretStore's environment and secrets-file sources, and its answer when no keyring is there.
// (The real keyring round trip runs in target_keyring_tests under keyring-session.sh.)
#include "TargetTestUtil.h"

#include <ferry/auth/SecretStore.h>

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>

#include <sys/stat.h>

using namespace ferry;
using namespace ferry::auth;
using ferry::test::EnvGuard;

namespace {

const QString kClient = QStringLiteral("0eeebb84-c8ec-5215-b712-1182edeac1f4");
const QString kTenant = QStringLiteral("ferry-demo");

QString writeFile(const QTemporaryDir &dir, const QByteArray &text, mode_t mode)
{
    const QString path = dir.filePath(QStringLiteral("secrets.txt"));
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
    f.close();
    EXPECT_EQ(::chmod(QFile::encodeName(path).constData(), mode), 0);
    return path;
}

/// Clears every variable SecretStore reads for kClient, for the test's lifetime.
struct CleanEnvironment
{
    EnvGuard perClient{SecretStore::environmentVariableFor(kClient).toLatin1().constData(), std::nullopt};
    EnvGuard single{"FERRY_CLIENT_SECRET", std::nullopt};
    EnvGuard file{"FERRY_SECRETS_FILE", std::nullopt};
};

SecretStore noKeyring(const QString &file = {})
{
    return SecretStore(SecretStore::Options{file, false});
}

} // namespace

TEST(SecretStoreEnv, VariableNameAndLookup)
{
    EXPECT_EQ(SecretStore::environmentVariableFor(kClient),
              QStringLiteral("FERRY_SECRET_0EEEBB84_C8EC_5215_B712_1182EDEAC1F4"));
    EXPECT_EQ(SecretStore::environmentVariableFor(QStringLiteral("my.app id")),
              QStringLiteral("FERRY_SECRET_MY_APP_ID"));
    CleanEnvironment clean;
    EnvGuard secret(SecretStore::environmentVariableFor(kClient).toLatin1().constData(),
                    QByteArray("env-secret-1"));
    auto s = noKeyring().clientSecret(kTenant, kClient);
    ASSERT_TRUE(s.ok()) << s.error().message.toStdString();
    EXPECT_EQ(s.value(), QStringLiteral("env-secret-1"));
}

TEST(SecretStoreEnv, ClientSecretVariableOnlyForASingleUser)
{
    CleanEnvironment clean;
    EnvGuard single("FERRY_CLIENT_SECRET", QByteArray("single-secret-2"));
    auto one = noKeyring().clientSecret(kTenant, kClient, true);
    ASSERT_TRUE(one.ok()) << one.error().message.toStdString();
    EXPECT_EQ(one.value(), QStringLiteral("single-secret-2"));

    auto several = noKeyring().clientSecret(kTenant, kClient, false);
    ASSERT_FALSE(several.ok());
    EXPECT_EQ(several.error().code, QStringLiteral("secret.not-found"));
    EXPECT_TRUE(several.error().message.contains(QStringLiteral("FERRY_CLIENT_SECRET is set but ignored")))
        << several.error().message.toStdString();
    EXPECT_FALSE(several.error().message.contains(QStringLiteral("single-secret-2")));

    // The per-client variable wins over the shared one.
    EnvGuard perClient(SecretStore::environmentVariableFor(kClient).toLatin1().constData(),
                       QByteArray("per-client-3"));
    EXPECT_EQ(noKeyring().clientSecret(kTenant, kClient, true).value(), QStringLiteral("per-client-3"));
}

TEST(SecretStoreFile, GoodFile)
{
    CleanEnvironment clean;
    QTemporaryDir dir;
    const QString path = writeFile(dir,
                                   "# Ferry secrets\n\n"
                                   "f3b9778c-d9c0-54cc-b6c6-29cd1265e38d   other-secret\n"
                                   "0EEEBB84-C8EC-5215-B712-1182EDEAC1F4\tfile secret with spaces  \n",
                                   0600);
    auto s = noKeyring(path).clientSecret(kTenant, kClient);
    ASSERT_TRUE(s.ok()) << s.error().message.toStdString();
    EXPECT_EQ(s.value(), QStringLiteral("file secret with spaces"));

    // FERRY_SECRETS_FILE when no option is given; 0400 is fine too.
    ASSERT_EQ(::chmod(QFile::encodeName(path).constData(), 0400), 0);
    EnvGuard file("FERRY_SECRETS_FILE", path.toUtf8());
    EXPECT_EQ(
        noKeyring().clientSecret(kTenant, QStringLiteral("f3b9778c-d9c0-54cc-b6c6-29cd1265e38d")).value(),
        QStringLiteral("other-secret"));

    // The environment comes first.
    EnvGuard env(SecretStore::environmentVariableFor(kClient).toLatin1().constData(), QByteArray("from-env"));
    EXPECT_EQ(noKeyring(path).clientSecret(kTenant, kClient).value(), QStringLiteral("from-env"));
}

TEST(SecretStoreFile, GroupReadableFileIsRefused)
{
    CleanEnvironment clean;
    QTemporaryDir dir;
    for (mode_t mode : {mode_t(0640), mode_t(0604), mode_t(0620)}) {
        const QString path = writeFile(dir, "0eeebb84-c8ec-5215-b712-1182edeac1f4 leaky-secret\n", mode);
        auto s = noKeyring(path).clientSecret(kTenant, kClient);
        ASSERT_FALSE(s.ok()) << mode;
        EXPECT_EQ(s.error().code, QStringLiteral("secret.file-permissions"));
        EXPECT_TRUE(s.error().message.contains(QStringLiteral("chmod 600 ") + path))
            << s.error().message.toStdString();
        EXPECT_FALSE(s.error().message.contains(QStringLiteral("leaky-secret")));
    }
}

TEST(SecretStoreFile, MissingEntryListsThePlacesLooked)
{
    CleanEnvironment clean;
    QTemporaryDir dir;
    const QString path = writeFile(dir, "f3b9778c-d9c0-54cc-b6c6-29cd1265e38d other-secret\n", 0600);
    auto s = noKeyring(path).clientSecret(kTenant, kClient);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, QStringLiteral("secret.not-found"));
    const QString m = s.error().message;
    EXPECT_TRUE(m.contains(SecretStore::environmentVariableFor(kClient))) << m.toStdString();
    EXPECT_TRUE(m.contains(path)) << m.toStdString();
    EXPECT_TRUE(m.contains(QStringLiteral("keyring"))) << m.toStdString();
    EXPECT_TRUE(m.contains(kClient)) << m.toStdString();
    EXPECT_FALSE(m.contains(QStringLiteral("other-secret")));

    auto none = noKeyring().clientSecret(kTenant, kClient);
    ASSERT_FALSE(none.ok());
    EXPECT_TRUE(none.error().message.contains(QStringLiteral("--secrets-file or FERRY_SECRETS_FILE")))
        << none.error().message.toStdString();

    auto missingFile = noKeyring(dir.filePath(QStringLiteral("nope.txt"))).clientSecret(kTenant, kClient);
    ASSERT_FALSE(missingFile.ok());
    EXPECT_EQ(missingFile.error().code, QStringLiteral("secret.file"));

    const QString noSecret = writeFile(dir, "0eeebb84-c8ec-5215-b712-1182edeac1f4\n", 0600);
    auto malformed = noKeyring(noSecret).clientSecret(kTenant, kClient);
    ASSERT_FALSE(malformed.ok());
    EXPECT_EQ(malformed.error().code, QStringLiteral("secret.file"));
    EXPECT_TRUE(malformed.error().message.contains(QStringLiteral("Line 1")))
        << malformed.error().message.toStdString();
}

TEST(SecretStoreKeyring, UnavailableKeyringIsReportedQuickly)
{
    CleanEnvironment clean;
    // No session bus at all: the answer must come at once, and the lookup must say the keyring is
    // unavailable.
    EnvGuard bus("DBUS_SESSION_BUS_ADDRESS", std::nullopt);
    EnvGuard runtime("XDG_RUNTIME_DIR", QByteArray("/nonexistent-ferry-runtime"));
    const auto started = std::chrono::steady_clock::now();
    EXPECT_FALSE(SecretStore::keyringAvailable());
    auto s = SecretStore().clientSecret(kTenant, kClient);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, QStringLiteral("secret.not-found"));
    EXPECT_TRUE(s.error().message.contains(QStringLiteral("unavailable"))) << s.error().message.toStdString();
    auto stored = SecretStore().storeInKeyring(kTenant, kClient, QStringLiteral("never-stored"));
    ASSERT_FALSE(stored.ok());
    EXPECT_EQ(stored.error().code, QStringLiteral("secret.keyring"));
    EXPECT_FALSE(stored.error().message.contains(QStringLiteral("never-stored")));
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}
