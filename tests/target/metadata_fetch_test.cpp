// Test thread: MetadataClient, MetadataCache and writeOrgSnapshot against real ferry-emulator processes over
// loopback (client credentials for the demo org's first application user), and a real workspace file.
#include "EmulatorProcess.h"
#include "TargetTestUtil.h"

#include <ferry/auth/SecretStore.h>
#include <ferry/auth/TokenProvider.h>
#include <ferry/target/Metadata.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QFile>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

using namespace ferry;
using namespace ferry::target;
using ferry::test::EmulatorProcess;
using ferry::test::EnvGuard;
using nlohmann::json;

namespace {

QString demoOrgPath()
{
    return QString::fromStdString(ferry::test::sourceDir()) + QStringLiteral("/resources/demo/org.json");
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return f.readAll();
}

TargetModel demoModel()
{
    auto m = parseOrg(readFile(demoOrgPath()));
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message.toStdString());
    return m.ok() ? *m : TargetModel();
}

/// Equal models, and when not, the first table and column that differ (operator== alone says nothing).
void expectSameModel(const TargetModel &actual, const TargetModel &expected)
{
    ASSERT_EQ(actual.entities().size(), expected.entities().size());
    for (const Entity &e : expected.entities()) {
        const Entity *a = actual.entity(e.logicalName);
        ASSERT_NE(a, nullptr) << e.logicalName.toStdString();
        if (*a == e)
            continue;
        ASSERT_EQ(a->attributes.size(), e.attributes.size()) << e.logicalName.toStdString();
        for (qsizetype i = 0; i < e.attributes.size(); ++i)
            EXPECT_TRUE(a->attributes[i] == e.attributes[i])
                << e.logicalName.toStdString() << "." << e.attributes[i].logicalName.toStdString();
        EXPECT_TRUE(a->keys == e.keys) << e.logicalName.toStdString() << " keys";
        EXPECT_TRUE(a->manyToOne == e.manyToOne) << e.logicalName.toStdString() << " N:1";
        EXPECT_TRUE(a->oneToMany == e.oneToMany) << e.logicalName.toStdString() << " 1:N";
        EXPECT_TRUE(a->manyToMany == e.manyToMany) << e.logicalName.toStdString() << " N:N";
        ADD_FAILURE() << "table " << e.logicalName.toStdString() << " differs";
    }
    EXPECT_TRUE(actual.globalOptionSets() == expected.globalOptionSets()) << "global option sets differ";
    EXPECT_TRUE(actual == expected);
}

/// One emulator with the demo app user's secret in its environment variable and a MetadataClient for it.
struct Session
{
    std::unique_ptr<EmulatorProcess> emulator;
    auth::ConnectionProfile profile;
    std::unique_ptr<EnvGuard> secret;
    std::unique_ptr<MetadataClient> client;

    static Session start(const std::string &org = {}, const QString &secretValue = ferry::test::kDemoSecret1)
    {
        Session s;
        s.emulator = EmulatorProcess::start({}, org);
        if (!s.emulator)
            return s;
        s.profile = ferry::test::emulatorProfile(s.emulator->baseUrl());
        s.secret = std::make_unique<EnvGuard>(
            auth::SecretStore::environmentVariableFor(ferry::test::kDemoClient1).toLatin1().constData(),
            secretValue.toUtf8());
        std::shared_ptr<auth::TokenProvider> tokens = auth::makeClientCredentialsProvider(
            s.profile, s.profile.effectiveUsers().first(),
            auth::SecretStore(auth::SecretStore::Options{QString(), false}));
        s.client = std::make_unique<MetadataClient>(s.profile.environmentUrl, tokens, net::TlsPolicy{}, 4);
        return s;
    }
};

class MetadataFetch : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_session = new Session(Session::start());
        ASSERT_TRUE(s_session->emulator);
        auto raw = s_session->client->fetchRaw();
        ASSERT_TRUE(raw.ok()) << raw.error().code.toStdString() << ": " << raw.error().message.toStdString();
        s_raw = new json(std::move(raw.value()));
    }
    static void TearDownTestSuite()
    {
        delete s_raw;
        s_raw = nullptr;
        delete s_session;
        s_session = nullptr;
    }
    void SetUp() override
    {
        ASSERT_NE(s_session, nullptr);
        ASSERT_NE(s_raw, nullptr);
    }

    static Session *s_session;
    static json *s_raw;
};

Session *MetadataFetch::s_session = nullptr;
json *MetadataFetch::s_raw = nullptr;

} // namespace

TEST_F(MetadataFetch, ListsEveryTable)
{
    auto tables = s_session->client->listTables();
    ASSERT_TRUE(tables.ok()) << tables.error().message.toStdString();
    ASSERT_EQ(tables->size(), 14);
    EXPECT_EQ(tables->first(), "account");
    EXPECT_TRUE(tables->contains("ferry_playlist_track"));
    QStringList sorted = *tables;
    sorted.sort();
    EXPECT_EQ(*tables, sorted);
}

TEST_F(MetadataFetch, AllTablesOverHttpEqualTheOrgFile)
{
    std::mutex mutex;
    QList<MetadataClient::Progress> seen;
    auto model = s_session->client->fetch({}, [&](const MetadataClient::Progress &p) {
        std::lock_guard lock(mutex);
        seen.append(p);
    });
    ASSERT_TRUE(model.ok()) << model.error().message.toStdString();
    // The base expand strips OptionSet (as the real service does), so equal option sets prove the typed
    // casts.
    expectSameModel(*model, demoModel());
    ASSERT_TRUE(model->entity("account")->attribute("statecode")->optionSet.has_value());
    EXPECT_EQ(model->entity("account")->attribute("ferry_tier")->optionSet->options.size(), 4);
    for (const Entity &e : model->entities())
        EXPECT_TRUE(e.fetchedAt.isValid()) << e.logicalName.toStdString();
    EXPECT_EQ(model->organization().organizationId, "c522335b-f68c-524a-948f-414206053a3c");
    EXPECT_EQ(model->organization().businessUnitId, "94eba68e-e4d3-551f-a7cb-4fbf0d535c6f");
    EXPECT_EQ(model->organization().environmentUrl.toStdString(), s_session->emulator->baseUrl());

    ASSERT_EQ(seen.size(), 14);
    int maxDone = 0;
    for (const auto &p : seen) {
        EXPECT_EQ(p.tablesTotal, 14);
        maxDone = std::max(maxDone, p.tablesDone);
    }
    EXPECT_EQ(maxDone, 14);
}

TEST_F(MetadataFetch, RawOrgFileHasTheEmulatorsShape)
{
    const json &raw = *s_raw;
    ASSERT_TRUE(raw["value"].is_array());
    EXPECT_EQ(raw["value"].size(), 14u);
    EXPECT_EQ(raw["GlobalOptionSetDefinitions"].size(), 2u);
    // Every relationship of the demo org touches a demo table, so all 47 come back.
    EXPECT_EQ(raw["RelationshipDefinitions"].size(), 47u);
    EXPECT_TRUE(raw["@odata.context"].get<std::string>().find("$metadata#EntityDefinitions") !=
                std::string::npos);
    EXPECT_EQ(raw["x-ferry-emulator"]["organization"]["id"], "c522335b-f68c-524a-948f-414206053a3c");
    EXPECT_FALSE(raw["x-ferry-emulator"].contains("appUsers"));
    EXPECT_EQ(raw["x-ferry-fetched"].size(), 14u);
    for (const json &e : raw["value"])
        EXPECT_FALSE(e.contains("@odata.context"));
}

TEST_F(MetadataFetch, NamedTablesOnly)
{
    auto model = s_session->client->fetch({"contact", "account"});
    ASSERT_TRUE(model.ok()) << model.error().message.toStdString();
    ASSERT_EQ(model->entities().size(), 2);
    const TargetModel all = demoModel();
    EXPECT_EQ(*model->entity("account"), *all.entity("account"));
    EXPECT_EQ(*model->entity("contact"), *all.entity("contact"));
    EXPECT_EQ(model->globalOptionSets(), all.globalOptionSets());
}

TEST_F(MetadataFetch, UnknownTableIsNotFound)
{
    auto model = s_session->client->fetch({"account", "ferry_nosuchtable"});
    ASSERT_FALSE(model.ok());
    EXPECT_EQ(model.error().code, "metadata.not-found");
    EXPECT_TRUE(model.error().message.contains("ferry_nosuchtable")) << model.error().message.toStdString();
    auto bad = s_session->client->fetch({"account') or true or ('"});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "metadata.not-found");
}

TEST_F(MetadataFetch, CancelStopsBetweenRequests)
{
    std::atomic_bool cancel{true};
    auto before = s_session->client->fetch({}, {}, &cancel);
    ASSERT_FALSE(before.ok());
    EXPECT_EQ(before.error().code, "metadata.cancelled");

    // Cancelled after the first table: the workers stop before the next request, so not all tables finish.
    cancel = false;
    std::atomic_int done{0};
    auto during = s_session->client->fetch(
        {},
        [&](const MetadataClient::Progress &) {
            ++done;
            cancel = true;
        },
        &cancel);
    ASSERT_FALSE(during.ok());
    EXPECT_EQ(during.error().code, "metadata.cancelled");
    EXPECT_GE(done.load(), 1);
    EXPECT_LT(done.load(), 14);
}

TEST_F(MetadataFetch, WrongSecretFailsWithTheAuthError)
{
    Session wrong;
    wrong.profile = s_session->profile;
    EnvGuard secret(
        auth::SecretStore::environmentVariableFor(ferry::test::kDemoClient1).toLatin1().constData(),
        QByteArray("not-the-secret"));
    std::shared_ptr<auth::TokenProvider> tokens =
        auth::makeClientCredentialsProvider(wrong.profile, wrong.profile.effectiveUsers().first(),
                                            auth::SecretStore(auth::SecretStore::Options{QString(), false}));
    MetadataClient client(wrong.profile.environmentUrl, tokens);
    auto model = client.fetch({"account"});
    ASSERT_FALSE(model.ok());
    EXPECT_EQ(model.error().code, "auth.invalid-secret") << model.error().message.toStdString();
    EXPECT_FALSE(model.error().message.contains("not-the-secret"));
}

// The round trip: snapshot -> a second emulator started with the snapshot -> metadata read back
// equal.
TEST_F(MetadataFetch, SnapshotLoadsInTheEmulatorAndReadsBackEqual)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath("org-snapshot.json");
    ASSERT_TRUE(writeOrgSnapshot(*s_raw, s_session->profile, path).ok());

    const QByteArray text = readFile(path);
    EXPECT_FALSE(text.contains("demo-secret")); // never the real secrets
    const json snapshot = json::parse(text.toStdString());
    const json &users = snapshot["x-ferry-emulator"]["appUsers"];
    ASSERT_EQ(users.size(), 1u);
    EXPECT_EQ(users[0]["clientId"], ferry::test::kDemoClient1.toStdString());
    EXPECT_EQ(users[0]["tenant"], "ferry-demo");
    EXPECT_EQ(users[0]["clientSecret"], "rehearsal-1");
    EXPECT_EQ(snapshot["x-ferry-emulator"]["organization"]["id"], "c522335b-f68c-524a-948f-414206053a3c");
    EXPECT_TRUE(snapshot["x-ferry-emulator"]["systemUsers"].empty());
    EXPECT_FALSE(snapshot.contains("x-ferry-fetched"));

    // Same client id, the rehearsal secret: the profile signs in to the rehearsal emulator unchanged.
    Session rehearsal = Session::start(path.toStdString(), QStringLiteral("rehearsal-1"));
    ASSERT_TRUE(rehearsal.emulator) << "ferry-emulator refused the snapshot";
    auto again = rehearsal.client->fetch();
    ASSERT_TRUE(again.ok()) << again.error().code.toStdString() << ": "
                            << again.error().message.toStdString();
    auto first = parseOrg(QByteArray::fromStdString(s_raw->dump()));
    ASSERT_TRUE(first.ok());
    expectSameModel(*again, *first);
    expectSameModel(*again, demoModel());
    EXPECT_EQ(again->organization().organizationId, first->organization().organizationId);

    // A second snapshot of the rehearsal org equals the first (a fixed point).
    auto rawAgain = rehearsal.client->fetchRaw();
    ASSERT_TRUE(rawAgain.ok());
    const QString path2 = dir.filePath("org-snapshot-2.json");
    ASSERT_TRUE(writeOrgSnapshot(*rawAgain, rehearsal.profile, path2).ok());
    auto fromFile = parseOrg(readFile(path2));
    ASSERT_TRUE(fromFile.ok());
    expectSameModel(*fromFile, *first);
}

TEST_F(MetadataFetch, CacheStoresAndRefreshesPerTable)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    auto ws = Workspace::create(dir.filePath("metadata.ferry"));
    ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
    WorkspaceWriter &writer = *(*ws)->writer();
    qint64 connection = 0;
    ASSERT_TRUE(writer
                    .submitAndWait([&](WriteTransaction &tx) -> Status {
                        auto id = tx.insert("INSERT INTO connections (name, kind, environment_url) VALUES "
                                            "('emulator', 'emulator', ?1)",
                                            {QString::fromStdString(s_session->emulator->baseUrl())});
                        if (!id)
                            return id.error();
                        connection = *id;
                        return {};
                    })
                    .ok());

    ASSERT_TRUE(MetadataCache::store(writer, connection, *s_raw).ok());
    auto loaded = MetadataCache::load((*ws)->reader(), connection);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    auto fetched = parseOrg(QByteArray::fromStdString(s_raw->dump()));
    ASSERT_TRUE(fetched.ok());
    expectSameModel(*loaded, *fetched);
    EXPECT_EQ(loaded->organization(), fetched->organization());
    for (const Entity &e : loaded->entities())
        EXPECT_EQ(e.fetchedAt, fetched->entity(e.logicalName)->fetchedAt) << e.logicalName.toStdString();

    // The org changes on the service side (a rehearsal emulator with longer account and contact names); a
    // refresh of account alone brings in account's change and leaves contact as cached.
    json changed = json::parse(readFile(demoOrgPath()).toStdString());
    for (json &e : changed["value"])
        for (json &a : e["Attributes"])
            if ((e["LogicalName"] == "account" && a["LogicalName"] == "name") ||
                (e["LogicalName"] == "contact" && a["LogicalName"] == "lastname"))
                a["MaxLength"] = 300;
    const QString changedPath = dir.filePath("changed-org.json");
    {
        QFile f(changedPath);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(changed.dump()));
    }
    Session other = Session::start(changedPath.toStdString());
    ASSERT_TRUE(other.emulator);
    auto account = other.client->fetchRaw({"account"});
    ASSERT_TRUE(account.ok()) << account.error().message.toStdString();
    ASSERT_TRUE(MetadataCache::store(writer, connection, *account).ok());
    auto refreshed = MetadataCache::load((*ws)->reader(), connection);
    ASSERT_TRUE(refreshed.ok());
    EXPECT_EQ(refreshed->entity("account")->attribute("name")->maxLength, 300);
    EXPECT_EQ(refreshed->entity("contact")->attribute("lastname")->maxLength,
              loaded->entity("contact")->attribute("lastname")->maxLength);
    EXPECT_GT(refreshed->entity("account")->fetchedAt, loaded->entity("account")->fetchedAt);
    for (const Entity &e : loaded->entities()) {
        if (e.logicalName == "account")
            continue;
        EXPECT_EQ(*refreshed->entity(e.logicalName), e) << e.logicalName.toStdString();
        EXPECT_EQ(refreshed->entity(e.logicalName)->fetchedAt, e.fetchedAt) << e.logicalName.toStdString();
    }
    EXPECT_EQ(refreshed->globalOptionSets(), loaded->globalOptionSets());

    // A snapshot made from the cache (no service needed) equals one made from the fetch.
    auto cachedRaw = MetadataCache::loadRaw((*ws)->reader(), connection);
    ASSERT_TRUE(cachedRaw.ok());
    const QString fromCache = dir.filePath("from-cache.json");
    ASSERT_TRUE(writeOrgSnapshot(*cachedRaw, s_session->profile, fromCache).ok());
    auto cachedModel = parseOrg(readFile(fromCache));
    ASSERT_TRUE(cachedModel.ok()) << cachedModel.error().message.toStdString();
    expectSameModel(*cachedModel, *refreshed);
}
