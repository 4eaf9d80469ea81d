// Test thread: ConnectionStore and ConnectionProfile against a real workspace file.
#include <ferry/auth/ConnectionStore.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::auth;

namespace {

ConnectionProfile sampleProfile()
{
    ConnectionProfile p;
    p.name = QStringLiteral("Contoso prod");
    p.kind = QStringLiteral("dataverse");
    p.environmentUrl = QUrl(QStringLiteral("https://contoso.crm4.dynamics.com/"));
    p.tenant = QStringLiteral("contoso.onmicrosoft.com");
    p.authorityUrl = QUrl(QStringLiteral("https://login.microsoftonline.us/"));
    p.appUsers = {
        AppUser{QStringLiteral("Migration 1"), QStringLiteral("aaaaaaaa-0000-0000-0000-000000000001"), true},
        AppUser{QStringLiteral("Migration 2"), QStringLiteral("aaaaaaaa-0000-0000-0000-000000000002"), false},
        AppUser{QStringLiteral("Migration 3"), QStringLiteral("aaaaaaaa-0000-0000-0000-000000000003"), true}};
    return p;
}

qint64 count(const Workspace &ws, const QString &sql)
{
    auto v = ws.reader().queryValue(sql);
    EXPECT_TRUE(v.ok()) << v.error().message.toStdString();
    return v.ok() ? v.value().toLongLong() : -1;
}

class ConnectionStoreTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto ws = Workspace::create(m_dir.filePath(QStringLiteral("ws.ferry")));
        ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
        m_ws = std::move(ws).value();
        ASSERT_NE(m_ws->writer(), nullptr);
    }
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
};

} // namespace

TEST(ConnectionProfileRules, DefaultsAndDerivedUrls)
{
    ConnectionProfile p = sampleProfile();
    p.authorityUrl = QUrl();
    EXPECT_EQ(p.effectiveAuthority().toString(), QStringLiteral("https://login.microsoftonline.com/"));
    EXPECT_EQ(p.tokenEndpoint().toString(),
              QStringLiteral("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
    EXPECT_EQ(
        p.deviceCodeEndpoint().toString(),
        QStringLiteral("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/devicecode"));
    EXPECT_EQ(p.scope(), QStringLiteral("https://contoso.crm4.dynamics.com/.default"));
    EXPECT_EQ(p.webApiUrl().toString(), QStringLiteral("https://contoso.crm4.dynamics.com/api/data/v9.2/"));
    ASSERT_EQ(p.effectiveUsers().size(), 2); // the disabled one is left out
    EXPECT_EQ(p.effectiveUsers().at(1).name, QStringLiteral("Migration 3"));

    ConnectionProfile device = p;
    device.signInKind = SignInKind::DeviceCode;
    device.environmentUrl = QUrl(QStringLiteral("https://contoso.crm4.dynamics.com")); // no trailing slash
    EXPECT_EQ(device.scope(),
              QStringLiteral("https://contoso.crm4.dynamics.com/user_impersonation offline_access"));
    EXPECT_EQ(device.webApiUrl().toString(),
              QStringLiteral("https://contoso.crm4.dynamics.com/api/data/v9.2/"));

    ConnectionProfile emu;
    emu.name = QStringLiteral("local");
    emu.kind = QStringLiteral("emulator");
    emu.environmentUrl = QUrl(QStringLiteral("http://127.0.0.1:8089/"));
    emu.tenant = QStringLiteral("ferry-demo");
    emu.clientId = QStringLiteral("f3b9778c-d9c0-54cc-b6c6-29cd1265e38d");
    EXPECT_TRUE(emu.validate().ok()) << emu.validate().error().message.toStdString();
    EXPECT_EQ(emu.tokenEndpoint().toString(),
              QStringLiteral("http://127.0.0.1:8089/ferry-demo/oauth2/v2.0/token"));
    ASSERT_EQ(emu.effectiveUsers().size(), 1); // one user made of clientId
    EXPECT_EQ(emu.effectiveUsers().first().clientId, emu.clientId);

    EXPECT_EQ(signInKindName(SignInKind::DeviceCode), QStringLiteral("device-code"));
    EXPECT_EQ(signInKindFromName(QStringLiteral("client-credentials")).value(),
              SignInKind::ClientCredentials);
    EXPECT_FALSE(signInKindFromName(QStringLiteral("password")).ok());
}

TEST(ConnectionProfileRules, ValidateNamesTheField)
{
    auto expectInvalid = [](const ConnectionProfile &p, const char *field) {
        auto s = p.validate();
        ASSERT_FALSE(s.ok()) << field;
        EXPECT_EQ(s.error().code, QStringLiteral("connection.invalid"));
        EXPECT_TRUE(s.error().message.contains(QString::fromLatin1(field)))
            << s.error().message.toStdString();
    };
    EXPECT_TRUE(sampleProfile().validate().ok());
    ConnectionProfile p = sampleProfile();
    p.name = QStringLiteral("  ");
    expectInvalid(p, "name");
    p = sampleProfile();
    p.environmentUrl = QUrl(QStringLiteral("http://contoso.crm.dynamics.com/"));
    expectInvalid(p, "environmentUrl");
    p.environmentUrl = QUrl();
    expectInvalid(p, "environmentUrl");
    p = sampleProfile();
    p.authorityUrl = QUrl(QStringLiteral("http://login.example.com/"));
    expectInvalid(p, "authorityUrl");
    p = sampleProfile();
    p.tenant.clear();
    expectInvalid(p, "tenant");
    p = sampleProfile();
    p.kind = QStringLiteral("csv");
    expectInvalid(p, "kind");
    p = sampleProfile();
    for (AppUser &u : p.appUsers)
        u.enabled = false;
    expectInvalid(p, "appUsers");
    p = sampleProfile();
    p.appUsers[2].clientId = p.appUsers[0].clientId.toUpper();
    expectInvalid(p, "appUsers.clientId");
    p = sampleProfile();
    p.appUsers.clear();
    expectInvalid(p, "clientId");
    p.signInKind = SignInKind::DeviceCode;
    expectInvalid(p, "clientId");
}

TEST_F(ConnectionStoreTest, RoundTripUpdateAndList)
{
    ConnectionProfile p = sampleProfile();
    auto id = ConnectionStore::save(*m_ws->writer(), p);
    ASSERT_TRUE(id.ok()) << id.error().message.toStdString();
    EXPECT_GT(id.value(), 0);
    p.id = id.value();

    auto found = ConnectionStore::find(m_ws->reader(), p.name);
    ASSERT_TRUE(found.ok()) << found.error().message.toStdString();
    EXPECT_EQ(found.value(), p);
    EXPECT_EQ(count(*m_ws, QStringLiteral("SELECT json_extract(settings_json, '$.authority') = "
                                          "'https://login.microsoftonline.us/' FROM connections")),
              1);

    // Update: app users are replaced as a whole, the sign-in kind and URL change.
    p.appUsers = {
        AppUser{QStringLiteral("Only"), QStringLiteral("bbbbbbbb-0000-0000-0000-000000000009"), true}};
    p.signInKind = SignInKind::DeviceCode;
    p.clientId = QStringLiteral("51f81489-12ee-4a9e-aaae-a2591f45987d");
    p.authorityUrl = QUrl();
    auto again = ConnectionStore::save(*m_ws->writer(), p);
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ(again.value(), p.id);
    found = ConnectionStore::find(m_ws->reader(), p.name);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found.value(), p);
    EXPECT_EQ(count(*m_ws, QStringLiteral("SELECT count(*) FROM app_users")), 1);

    // A source connection in the same table is not a target profile.
    ASSERT_TRUE(m_ws->writer()
                    ->submitAndWait([](WriteTransaction &tx) {
                        return tx.exec(
                            QStringLiteral("INSERT INTO connections (name, kind) VALUES ('legacy', 'csv')"));
                    })
                    .ok());
    ConnectionProfile second = sampleProfile();
    second.name = QStringLiteral("A emulator");
    second.kind = QStringLiteral("emulator");
    second.environmentUrl = QUrl(QStringLiteral("http://127.0.0.1:8089/"));
    ASSERT_TRUE(ConnectionStore::save(*m_ws->writer(), second).ok());
    auto all = ConnectionStore::list(m_ws->reader());
    ASSERT_TRUE(all.ok()) << all.error().message.toStdString();
    ASSERT_EQ(all->size(), 2);
    EXPECT_EQ(all->at(0).name, QStringLiteral("A emulator"));
    EXPECT_EQ(all->at(0).appUsers.size(), 3);
    EXPECT_EQ(all->at(1), p);
    auto legacy = ConnectionStore::find(m_ws->reader(), QStringLiteral("legacy"));
    ASSERT_FALSE(legacy.ok());
    EXPECT_EQ(legacy.error().code, QStringLiteral("connection.not-found"));
}

TEST_F(ConnectionStoreTest, InvalidProfileStoresNothing)
{
    ConnectionProfile p = sampleProfile();
    p.tenant.clear();
    auto id = ConnectionStore::save(*m_ws->writer(), p);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.error().code, QStringLiteral("connection.invalid"));
    EXPECT_EQ(count(*m_ws, QStringLiteral("SELECT count(*) FROM connections")), 0);
    EXPECT_EQ(count(*m_ws, QStringLiteral("SELECT count(*) FROM app_users")), 0);

    // A failure half-way through the job (an app user row the schema refuses) rolls the whole profile back.
    // The connection row and two users are written before a trigger the test adds refuses the third user.
    const ConnectionProfile bad = sampleProfile();
    ASSERT_TRUE(
        m_ws->writer()
            ->submitAndWait([](WriteTransaction &tx) {
                return tx.exec(QStringLiteral(
                    "CREATE TEMP TRIGGER refuse_third BEFORE INSERT ON app_users "
                    "WHEN NEW.name = 'Migration 3' BEGIN SELECT RAISE(ABORT, 'refused by test'); END"));
            })
            .ok());
    auto failed = ConnectionStore::save(*m_ws->writer(), bad);
    ASSERT_FALSE(failed.ok());
    EXPECT_TRUE(failed.error().message.contains(QStringLiteral("refused by test")))
        << failed.error().message.toStdString();
    EXPECT_EQ(count(*m_ws, QStringLiteral("SELECT count(*) FROM connections")), 0);
    EXPECT_EQ(count(*m_ws, QStringLiteral("SELECT count(*) FROM app_users")), 0);
}

TEST_F(ConnectionStoreTest, DuplicateNameRefused)
{
    ASSERT_TRUE(ConnectionStore::save(*m_ws->writer(), sampleProfile()).ok());
    auto dup = ConnectionStore::save(*m_ws->writer(), sampleProfile());
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, QStringLiteral("connection.exists"));
    EXPECT_TRUE(dup.error().message.contains(QStringLiteral("Contoso prod")));
    // A source connection's name is taken too (names are unique in the workspace).
    ASSERT_TRUE(m_ws->writer()
                    ->submitAndWait([](WriteTransaction &tx) {
                        return tx.exec(
                            QStringLiteral("INSERT INTO connections (name, kind) VALUES ('legacy', 'csv')"));
                    })
                    .ok());
    ConnectionProfile clash = sampleProfile();
    clash.name = QStringLiteral("legacy");
    auto taken = ConnectionStore::save(*m_ws->writer(), clash);
    ASSERT_FALSE(taken.ok());
    EXPECT_EQ(taken.error().code, QStringLiteral("connection.exists"));
    EXPECT_EQ(count(*m_ws, QStringLiteral("SELECT count(*) FROM connections")), 2);
    EXPECT_EQ(count(*m_ws, QStringLiteral("SELECT count(*) FROM app_users")), 3);
}

TEST_F(ConnectionStoreTest, RemoveCascadesToUsersAndCachedMetadata)
{
    auto id = ConnectionStore::save(*m_ws->writer(), sampleProfile());
    ASSERT_TRUE(id.ok());
    ConnectionProfile other = sampleProfile();
    other.name = QStringLiteral("Other");
    auto otherId = ConnectionStore::save(*m_ws->writer(), other);
    ASSERT_TRUE(otherId.ok());
    const qint64 cid = id.value(), oid = otherId.value();
    ASSERT_TRUE(m_ws->writer()
                    ->submitAndWait([cid, oid](WriteTransaction &tx) -> Status {
                        for (qint64 c : {cid, oid}) {
                            auto e = tx.insert(
                                QStringLiteral("INSERT INTO target_entities (connection_id, logical_name, "
                                               "metadata_json, fetched_at) VALUES (?1, 'account', '{}', "
                                               "'2026-01-01')"),
                                {c});
                            if (!e)
                                return e.error();
                            if (auto s = tx.exec(
                                    QStringLiteral("INSERT INTO target_attributes (entity_id, logical_name, "
                                                   "metadata_json, fetched_at) VALUES (?1, 'name', '{}', "
                                                   "'2026-01-01')"),
                                    {e.value()});
                                !s)
                                return s;
                        }
                        return {};
                    })
                    .ok());
    ASSERT_TRUE(ConnectionStore::remove(*m_ws->writer(), QStringLiteral("Contoso prod")).ok());
    EXPECT_EQ(count(*m_ws, QStringLiteral("SELECT count(*) FROM connections")), 1);
    EXPECT_EQ(
        count(*m_ws, QStringLiteral("SELECT count(*) FROM app_users WHERE connection_id = %1").arg(cid)), 0);
    EXPECT_EQ(count(*m_ws,
                    QStringLiteral("SELECT count(*) FROM target_entities WHERE connection_id = %1").arg(cid)),
              0);
    EXPECT_EQ(count(*m_ws, QStringLiteral("SELECT count(*) FROM target_attributes")), 1)
        << "cascaded via the entity";
    EXPECT_EQ(
        count(*m_ws, QStringLiteral("SELECT count(*) FROM app_users WHERE connection_id = %1").arg(oid)), 3);

    auto missing = ConnectionStore::remove(*m_ws->writer(), QStringLiteral("Contoso prod"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, QStringLiteral("connection.not-found"));
}

TEST_F(ConnectionStoreTest, NothingSecretLikeInTheWorkspace)
{
    ASSERT_TRUE(ConnectionStore::save(*m_ws->writer(), sampleProfile()).ok());
    // The triggers refuse secret-like keys in settings_json; the store never writes one.
    auto refused = m_ws->writer()->submitAndWait([](WriteTransaction &tx) {
        return tx.exec(QStringLiteral("UPDATE connections SET settings_json = '{\"clientSecret\":\"x\"}'"));
    });
    EXPECT_FALSE(refused.ok());
    EXPECT_EQ(
        count(*m_ws, QStringLiteral("SELECT count(*) FROM connections WHERE settings_json LIKE '%secret%'")),
        0);
}
