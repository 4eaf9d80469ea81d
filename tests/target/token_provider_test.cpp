// Test thread: sign-in (client credentials, device code) and DataverseClient against a real ferry-emulator
// over loopback, plus a server that answers HTML instead of JSON.
#include "EmulatorProcess.h"
#include "TargetTestUtil.h"

#include <ferry/auth/ConnectionStore.h>
#include <ferry/auth/SecretStore.h>
#include <ferry/auth/TokenProvider.h>
#include <ferry/target/DataverseClient.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <sys/stat.h>

using namespace ferry;
using namespace ferry::auth;
using ferry::test::EmulatorProcess;
using ferry::test::EnvGuard;

namespace {

SecretStore envOnlySecrets()
{
    return SecretStore(SecretStore::Options{QString(), false});
}

/// The secret of demo app user 1 from its environment variable, for the lifetime of the guard.
EnvGuard demoSecretInEnv(const QString &secret = ferry::test::kDemoSecret1)
{
    return EnvGuard(SecretStore::environmentVariableFor(ferry::test::kDemoClient1).toLatin1().constData(),
                    secret.toUtf8());
}

/// The error message must never carry the secret, raw or URL-encoded.
void expectNoSecret(const Error &e, const QString &secret)
{
    EXPECT_FALSE(e.message.contains(secret)) << e.message.toStdString();
    EXPECT_FALSE(e.message.contains(QString::fromLatin1(QUrl::toPercentEncoding(secret))))
        << e.message.toStdString();
}

std::shared_ptr<TokenProvider> clientCredentials(const ConnectionProfile &profile,
                                                 TokenProvider::Clock clock = {})
{
    return makeClientCredentialsProvider(profile, profile.effectiveUsers().first(), envOnlySecrets(), {},
                                         std::move(clock));
}

/// A provider below the seam that hands out a token the service never issued.
class BogusTokens : public TokenProvider
{
public:
    Result<QString> token(bool forceRenew) override
    {
        if (forceRenew)
            ++forced;
        return QStringLiteral("not-a-token-%1").arg(forced);
    }
    QString clientId() const override { return QStringLiteral("bogus-client"); }
    QDateTime expiresAt() const override { return {}; }
    int tokenRequests() const override { return forced; }
    int forced = 0;
};

} // namespace

TEST(ClientCredentials, TokenWorksForWhoAmIWithLimitHeaders)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    auto guard = demoSecretInEnv();
    const ConnectionProfile profile = ferry::test::emulatorProfile(emulator->baseUrl());
    ASSERT_TRUE(profile.validate().ok()) << profile.validate().error().message.toStdString();
    EXPECT_EQ(profile.tokenEndpoint().toString(),
              QString::fromStdString(emulator->baseUrl()) + QStringLiteral("ferry-demo/oauth2/v2.0/token"));
    auto tokens = clientCredentials(profile);
    target::DataverseClient client(profile.environmentUrl, tokens);
    EXPECT_EQ(client.webApiUrl().toString(),
              QString::fromStdString(emulator->baseUrl()) + QStringLiteral("api/data/v9.2/"));

    auto who = client.whoAmI();
    ASSERT_TRUE(who.ok()) << who.error().message.toStdString();
    EXPECT_EQ(who->userId, ferry::test::kDemoUser1);
    EXPECT_FALSE(who->businessUnitId.isEmpty());
    EXPECT_FALSE(who->organizationId.isEmpty());
    EXPECT_EQ(who->userName, QStringLiteral("Ferry Migration 1"));
    ASSERT_TRUE(who->dopHint.has_value());
    EXPECT_GT(*who->dopHint, 0);
    ASSERT_TRUE(who->burstRequestsRemaining.has_value());
    EXPECT_GT(*who->burstRequestsRemaining, 0);
    ASSERT_TRUE(who->timeRemainingSeconds.has_value());
    EXPECT_GT(*who->timeRemainingSeconds, 0.0);
    EXPECT_EQ(tokens->tokenRequests(), 1);
    EXPECT_EQ(client.requestsSent(), 2); // WhoAmI + systemusers(<id>)
    EXPECT_EQ(tokens->clientId(), ferry::test::kDemoClient1);
    EXPECT_TRUE(tokens->expiresAt().isValid());

    // Cached: a second call does not ask for a new token.
    auto again = client.getJson(QStringLiteral("WhoAmI"));
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(QString::fromStdString((*again)["UserId"].get<std::string>()), ferry::test::kDemoUser1);
    EXPECT_EQ(tokens->tokenRequests(), 1);
}

TEST(ClientCredentials, WrongSecretUnknownClientUnknownTenant)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    const ConnectionProfile good = ferry::test::emulatorProfile(emulator->baseUrl());
    {
        const QString wrong = QStringLiteral("wrong s3cret+/=&value");
        auto guard = demoSecretInEnv(wrong);
        auto tokens = clientCredentials(good);
        auto t = tokens->token();
        ASSERT_FALSE(t.ok());
        EXPECT_EQ(t.error().code, QStringLiteral("auth.invalid-secret")) << t.error().message.toStdString();
        EXPECT_TRUE(t.error().message.contains(QStringLiteral("AADSTS7000215")))
            << t.error().message.toStdString();
        EXPECT_TRUE(t.error().message.contains(ferry::test::kDemoClient1));
        EXPECT_TRUE(
            t.error().message.contains(SecretStore::environmentVariableFor(ferry::test::kDemoClient1)));
        expectNoSecret(t.error(), wrong);
        EXPECT_EQ(tokens->tokenRequests(), 1);
    }
    {
        ConnectionProfile p = good;
        const QString unknown = QStringLiteral("11111111-2222-3333-4444-555555555555");
        p.appUsers = {AppUser{QStringLiteral("nobody"), unknown, true}};
        EnvGuard secret(SecretStore::environmentVariableFor(unknown).toLatin1().constData(),
                        QByteArray("whatever-1"));
        auto t = clientCredentials(p)->token();
        ASSERT_FALSE(t.ok());
        EXPECT_EQ(t.error().code, QStringLiteral("auth.unknown-client")) << t.error().message.toStdString();
        EXPECT_TRUE(t.error().message.contains(unknown));
        EXPECT_TRUE(t.error().message.contains(QStringLiteral("AADSTS700016")));
        expectNoSecret(t.error(), QStringLiteral("whatever-1"));
    }
    {
        ConnectionProfile p = good;
        p.tenant = QStringLiteral("no-such-tenant.onmicrosoft.com");
        auto guard = demoSecretInEnv();
        auto t = clientCredentials(p)->token();
        ASSERT_FALSE(t.ok());
        EXPECT_EQ(t.error().code, QStringLiteral("auth.unknown-tenant")) << t.error().message.toStdString();
        EXPECT_TRUE(t.error().message.contains(QStringLiteral("no-such-tenant.onmicrosoft.com")));
        expectNoSecret(t.error(), ferry::test::kDemoSecret1);
    }
}

TEST(ClientCredentials, MissingSecretNamesWhereItLooked)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    EnvGuard clear(SecretStore::environmentVariableFor(ferry::test::kDemoClient1).toLatin1().constData(),
                   std::nullopt);
    EnvGuard single("FERRY_CLIENT_SECRET", std::nullopt);
    EnvGuard file("FERRY_SECRETS_FILE", std::nullopt);
    auto tokens = clientCredentials(ferry::test::emulatorProfile(emulator->baseUrl()));
    auto t = tokens->token();
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, QStringLiteral("secret.not-found"));
    EXPECT_TRUE(t.error().message.contains(SecretStore::environmentVariableFor(ferry::test::kDemoClient1)));
    EXPECT_EQ(tokens->tokenRequests(), 0) << "nothing was sent without a secret";
}

TEST(ClientCredentials, ExpiredTokenIsRenewedOnceAfterA401)
{
    auto emulator = EmulatorProcess::start({"--token-lifetime", "1"});
    ASSERT_TRUE(emulator);
    auto guard = demoSecretInEnv();
    const ConnectionProfile profile = ferry::test::emulatorProfile(emulator->baseUrl());
    // A frozen clock: the provider believes its token is still valid after the server let it expire.
    const QDateTime frozen = QDateTime::currentDateTimeUtc();
    auto tokens = clientCredentials(profile, [frozen] { return frozen; });
    auto first = tokens->token();
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_EQ(tokens->tokenRequests(), 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(1300));
    EXPECT_EQ(tokens->token().value(), first.value()); // still "valid" by the frozen clock

    target::DataverseClient client(profile.environmentUrl, tokens);
    auto who = client.getJson(QStringLiteral("WhoAmI"));
    ASSERT_TRUE(who.ok()) << who.error().message.toStdString();
    EXPECT_EQ(tokens->tokenRequests(), 2) << "exactly one renewal";
    EXPECT_EQ(client.requestsSent(), 2) << "the 401, then the retry";
    EXPECT_NE(tokens->token().value(), first.value());
}

TEST(ClientCredentials, TokenIsRenewedBeforeItExpiresWithoutA401)
{
    auto emulator = EmulatorProcess::start(); // tokens live 3600 s
    ASSERT_TRUE(emulator);
    auto guard = demoSecretInEnv();
    const ConnectionProfile profile = ferry::test::emulatorProfile(emulator->baseUrl());
    const QDateTime start = QDateTime::currentDateTimeUtc();
    auto offset = std::make_shared<std::atomic<qint64>>(0);
    auto tokens = clientCredentials(profile, [start, offset] { return start.addSecs(offset->load()); });
    target::DataverseClient client(profile.environmentUrl, tokens);

    auto first = tokens->token();
    ASSERT_TRUE(first.ok()) << first.error().message.toStdString();
    EXPECT_EQ(tokens->expiresAt(), start.addSecs(3600));
    // The margin is min(lifetime / 10, 300 s) = 300 s.
    offset->store(3600 - 301);
    EXPECT_EQ(tokens->token().value(), first.value());
    EXPECT_EQ(tokens->tokenRequests(), 1);
    offset->store(3600 - 299);
    auto renewed = client.getJson(QStringLiteral("WhoAmI"));
    ASSERT_TRUE(renewed.ok()) << renewed.error().message.toStdString();
    EXPECT_EQ(tokens->tokenRequests(), 2);
    EXPECT_EQ(client.requestsSent(), 1) << "renewed before use: no 401 and no retry";
    EXPECT_NE(tokens->token().value(), first.value());
}

TEST(DataverseClientAuth, SecondUnauthorizedIsAnError)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    auto bogus = std::make_shared<BogusTokens>();
    target::DataverseClient client(QUrl(QString::fromStdString(emulator->baseUrl())), bogus);
    auto r = client.getJson(QStringLiteral("WhoAmI"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("target.unauthorized")) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("bogus-client")));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("0x8005F101"))) << r.error().message.toStdString();
    EXPECT_EQ(bogus->forced, 1) << "one renewal";
    EXPECT_EQ(client.requestsSent(), 2) << "one retry";
}

TEST(DataverseClientErrors, ServiceErrorBodiesAreInTheMessage)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    auto guard = demoSecretInEnv();
    const ConnectionProfile profile = ferry::test::emulatorProfile(emulator->baseUrl());
    target::DataverseClient client(profile.environmentUrl, clientCredentials(profile));
    auto r = client.getJson(QStringLiteral("accounts(00000000-0000-0000-0000-00000000dead)"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("target.not-found")) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("0x"))) << r.error().message.toStdString();
    auto unknown = client.getJson(QStringLiteral("nosuchtables"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.error().message.contains(QStringLiteral("nosuchtables")))
        << unknown.error().message.toStdString();
}

TEST(NotJson, AuthorityAnsweringHtml)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    int port = 0;
    QString error;
    auto html = ferry::test::startHtmlServer(&port, &error);
    ASSERT_TRUE(html) << error.toStdString();
    ConnectionProfile profile = ferry::test::emulatorProfile(emulator->baseUrl());
    profile.authorityUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
    // The HTML server echoes the form it received: the secret must still not show up in the message.
    const QString secret = QStringLiteral("html-s3cret/+=");
    auto guard = demoSecretInEnv(secret);
    auto t = clientCredentials(profile)->token();
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, QStringLiteral("auth.not-json")) << t.error().message.toStdString();
    EXPECT_TRUE(t.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(port)))
        << t.error().message.toStdString();
    EXPECT_TRUE(t.error().message.contains(QStringLiteral("text/html"))) << t.error().message.toStdString();
    // What came back is shown (short and sanitized): the echoed form, with the secret starred out.
    EXPECT_TRUE(t.error().message.contains(QStringLiteral("Received grant_type=client_credentials")))
        << t.error().message.toStdString();
    EXPECT_TRUE(t.error().message.contains(QStringLiteral("client_secret=***")))
        << t.error().message.toStdString();
    EXPECT_LT(t.error().message.size(), 700);
    expectNoSecret(t.error(), secret);

    // Device code against the same page.
    ConnectionProfile device = profile;
    device.signInKind = SignInKind::DeviceCode;
    device.clientId = ferry::test::kDemoClient1;
    auto provider = makeDeviceCodeProvider(device);
    auto s = provider->signIn([](const DeviceCodePrompt &) { ADD_FAILURE() << "no prompt expected"; });
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, QStringLiteral("auth.not-json")) << s.error().message.toStdString();
}

TEST(NotJson, EnvironmentAnsweringHtml)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    int port = 0;
    QString error;
    auto html = ferry::test::startHtmlServer(&port, &error);
    ASSERT_TRUE(html) << error.toStdString();
    // Tokens come from the emulator (it accepts any resource), the "environment" is the HTML server.
    ConnectionProfile profile = ferry::test::emulatorProfile(emulator->baseUrl());
    profile.authorityUrl = QUrl(QString::fromStdString(emulator->baseUrl()));
    profile.environmentUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
    auto guard = demoSecretInEnv();
    target::DataverseClient client(profile.environmentUrl, clientCredentials(profile));
    auto who = client.whoAmI();
    ASSERT_FALSE(who.ok());
    EXPECT_EQ(who.error().code, QStringLiteral("target.not-json")) << who.error().message.toStdString();
    EXPECT_TRUE(who.error().message.contains(QStringLiteral("127.0.0.1:%1/api/data/v9.2/WhoAmI").arg(port)))
        << who.error().message.toStdString();
    EXPECT_TRUE(who.error().message.contains(QStringLiteral("environment URL is probably wrong")));
    EXPECT_TRUE(who.error().message.contains(QStringLiteral("https://yourorg.crm.dynamics.com")));
    EXPECT_TRUE(who.error().message.contains(QStringLiteral("text/html")));
    EXPECT_TRUE(who.error().message.contains(QStringLiteral("<!DOCTYPE html>")))
        << who.error().message.toStdString();
    auto json = client.getJson(QStringLiteral("EntityDefinitions"));
    ASSERT_FALSE(json.ok());
    EXPECT_EQ(json.error().code, QStringLiteral("target.not-json"));
}

// ---- device code ----

namespace {

ConnectionProfile deviceProfile(const EmulatorProcess &emulator)
{
    ConnectionProfile p = ferry::test::emulatorProfile(emulator.baseUrl());
    p.signInKind = SignInKind::DeviceCode;
    p.appUsers.clear();
    p.clientId = ferry::test::kDemoClient1;
    return p;
}

bool approve(EmulatorProcess &emulator, const QString &userCode, const std::string &user,
             bool decline = false)
{
    nlohmann::json body{{"user_code", userCode.toStdString()}, {"user", user}};
    if (decline)
        body["decline"] = true;
    auto r = ferry::test::httpRequest("POST", emulator.baseUrl() + "_emulator/devicecode/approve",
                                      {"Content-Type: application/json"}, body.dump(), 10000);
    return r.status == 204;
}

} // namespace

TEST(DeviceCode, ApproveThenRenewWithTheRefreshToken)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    const ConnectionProfile profile = deviceProfile(*emulator);
    ASSERT_TRUE(profile.validate().ok()) << profile.validate().error().message.toStdString();
    EXPECT_TRUE(profile.scope().endsWith(QStringLiteral("/user_impersonation offline_access")));
    std::shared_ptr<DeviceCodeProvider> provider = makeDeviceCodeProvider(profile);

    auto before = provider->token();
    ASSERT_FALSE(before.ok());
    EXPECT_EQ(before.error().code, QStringLiteral("auth.not-signed-in"));

    DeviceCodePrompt shown;
    const auto started = std::chrono::steady_clock::now();
    auto s = provider->signIn([&](const DeviceCodePrompt &prompt) {
        shown = prompt;
        EXPECT_TRUE(approve(*emulator, prompt.userCode, "Ferry Migration 2"));
    });
    ASSERT_TRUE(s.ok()) << s.error().message.toStdString();
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
    EXPECT_FALSE(shown.userCode.isEmpty());
    EXPECT_EQ(shown.verificationUri.toString(),
              QString::fromStdString(emulator->baseUrl()) + QStringLiteral("devicelogin"));
    EXPECT_TRUE(shown.message.contains(shown.userCode));
    EXPECT_EQ(shown.interval, std::chrono::seconds(5));
    EXPECT_EQ(shown.expiresIn, std::chrono::seconds(900));
    EXPECT_EQ(provider->tokenRequests(), 1);

    target::DataverseClient client(profile.environmentUrl, provider);
    auto who = client.whoAmI();
    ASSERT_TRUE(who.ok()) << who.error().message.toStdString();
    EXPECT_EQ(who->userId, ferry::test::kDemoUser2) << "signed in as the person who approved";

    // Renewals use the refresh token; each use hands out a new one, which the provider keeps.
    const QString first = provider->token().value();
    auto second = provider->token(true);
    ASSERT_TRUE(second.ok()) << second.error().message.toStdString();
    EXPECT_NE(second.value(), first);
    auto third = provider->token(true);
    ASSERT_TRUE(third.ok()) << third.error().message.toStdString();
    EXPECT_EQ(provider->tokenRequests(), 3);
    auto again = client.whoAmI();
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(again->userId, ferry::test::kDemoUser2);
}

TEST(DeviceCode, Declined)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    auto provider = makeDeviceCodeProvider(deviceProfile(*emulator));
    auto s = provider->signIn(
        [&](const DeviceCodePrompt &prompt) { EXPECT_TRUE(approve(*emulator, prompt.userCode, "", true)); });
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, QStringLiteral("auth.declined")) << s.error().message.toStdString();
    EXPECT_FALSE(provider->token().ok());
}

TEST(DeviceCode, CodeExpires)
{
    auto emulator = EmulatorProcess::start({"--device-code-lifetime", "1"});
    ASSERT_TRUE(emulator);
    auto provider = makeDeviceCodeProvider(deviceProfile(*emulator));
    auto s = provider->signIn([](const DeviceCodePrompt &prompt) {
        EXPECT_EQ(prompt.expiresIn, std::chrono::seconds(1));
        std::this_thread::sleep_for(std::chrono::milliseconds(1300)); // the person is too slow
    });
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, QStringLiteral("auth.expired-code")) << s.error().message.toStdString();
}

TEST(DeviceCode, CancelStopsPollingPromptly)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    auto provider = makeDeviceCodeProvider(deviceProfile(*emulator));
    std::atomic_bool cancel{false};
    std::thread canceller;
    const auto started = std::chrono::steady_clock::now();
    auto s = provider->signIn(
        [&](const DeviceCodePrompt &) {
            canceller = std::thread([&] {
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                cancel = true;
            });
        },
        &cancel);
    canceller.join();
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, QStringLiteral("auth.cancelled"));
    // The service's interval is 5 s: cancelling must not wait for it.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST(DeviceCode, UnknownClient)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    ConnectionProfile p = deviceProfile(*emulator);
    p.clientId = QStringLiteral("99999999-0000-0000-0000-000000000000");
    auto s = makeDeviceCodeProvider(p)->signIn([](const DeviceCodePrompt &) { ADD_FAILURE(); });
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, QStringLiteral("auth.unknown-client")) << s.error().message.toStdString();
}

TEST(SecretHygiene, SecretNeverReachesTheWorkspaceOrAMessage)
{
    auto emulator = EmulatorProcess::start();
    ASSERT_TRUE(emulator);
    EnvGuard clear(SecretStore::environmentVariableFor(ferry::test::kDemoClient1).toLatin1().constData(),
                   std::nullopt);
    EnvGuard single("FERRY_CLIENT_SECRET", std::nullopt);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString secretsPath = dir.filePath(QStringLiteral("secrets"));
    {
        QFile f(secretsPath);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write((ferry::test::kDemoClient1 + QLatin1Char(' ') + ferry::test::kDemoSecret1 + QLatin1Char('\n'))
                    .toUtf8());
    }
    ASSERT_EQ(::chmod(QFile::encodeName(secretsPath).constData(), 0600), 0);

    const QString wsPath = dir.filePath(QStringLiteral("ws.ferry"));
    {
        auto ws = Workspace::create(wsPath);
        ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
        ConnectionProfile profile = ferry::test::emulatorProfile(emulator->baseUrl());
        auto id = ConnectionStore::save(*ws.value()->writer(), profile);
        ASSERT_TRUE(id.ok()) << id.error().message.toStdString();
        auto stored = ConnectionStore::find(ws.value()->reader(), profile.name);
        ASSERT_TRUE(stored.ok());

        const SecretStore secrets(SecretStore::Options{secretsPath, false});
        std::shared_ptr<TokenProvider> tokens =
            makeClientCredentialsProvider(stored.value(), stored->effectiveUsers().first(), secrets);
        target::DataverseClient client(stored->environmentUrl, tokens);
        auto who = client.whoAmI();
        ASSERT_TRUE(who.ok()) << who.error().message.toStdString();
        EXPECT_EQ(who->userId, ferry::test::kDemoUser1);

        // A failing sign-in with a secret that is almost right: still nothing of it in the message.
        EnvGuard wrong(SecretStore::environmentVariableFor(ferry::test::kDemoClient1).toLatin1().constData(),
                       QByteArray("demo-secret-1-old"));
        auto failed =
            makeClientCredentialsProvider(stored.value(), stored->effectiveUsers().first(), secrets)->token();
        ASSERT_FALSE(failed.ok());
        EXPECT_EQ(failed.error().code, QStringLiteral("auth.invalid-secret"));
        EXPECT_FALSE(failed.error().message.contains(QStringLiteral("demo-secret-1")))
            << failed.error().message.toStdString();
    }
    // Every file the workspace left (main file, WAL, shared memory) is free of the secret.
    const QStringList files = QDir(dir.path()).entryList({QStringLiteral("ws.ferry*")}, QDir::Files);
    ASSERT_FALSE(files.isEmpty());
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        EXPECT_FALSE(bytes.contains("demo-secret-1")) << name.toStdString();
        EXPECT_FALSE(bytes.contains(ferry::test::kDemoSecret1.toUtf8().toBase64())) << name.toStdString();
    }
}
