#include <ferry/target/Metadata.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include "target/TargetTestData.h"

#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::target;
using nlohmann::json;

namespace {

class MetadataCacheTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto ws = Workspace::create(m_dir.filePath("cache.ferry"));
        ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
        m_ws = std::move(ws.value());
        ASSERT_NE(m_ws->writer(), nullptr);
        m_connection = addConnection("demo");
        m_org = json::parse(test::readAll(test::demoOrgPath()).toStdString());
    }

    qint64 addConnection(const QString &name)
    {
        qint64 id = 0;
        Status s = m_ws->writer()->submitAndWait([&](WriteTransaction &tx) -> Status {
            auto row = tx.insert("INSERT INTO connections (name, kind) VALUES (?1, 'dataverse')", {name});
            if (!row)
                return row.error();
            id = *row;
            return {};
        });
        EXPECT_TRUE(s.ok());
        return id;
    }

    TargetModel load(qint64 connection)
    {
        auto m = MetadataCache::load(m_ws->reader(), connection);
        EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message.toStdString());
        return m.ok() ? *m : TargetModel();
    }

    QString scalar(const QString &sql)
    {
        auto v = m_ws->reader().queryValue(sql);
        EXPECT_TRUE(v.ok());
        return v.ok() ? v->toString() : QString();
    }

    /// The org with only the named table in "value" (a per-table refresh).
    json onlyTable(const json &org, const char *table)
    {
        json copy = org;
        json values = json::array();
        for (const json &e : org["value"])
            if (e["LogicalName"] == table)
                values.push_back(e);
        copy["value"] = values;
        copy.erase("RelationshipDefinitions");
        return copy;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    qint64 m_connection = 0;
    json m_org;
};

} // namespace

TEST_F(MetadataCacheTest, StoreThenLoadGivesTheParsedModel)
{
    ASSERT_TRUE(MetadataCache::store(*m_ws->writer(), m_connection, m_org).ok());
    const TargetModel loaded = load(m_connection);
    auto parsed = parseOrg(test::readAll(test::demoOrgPath()));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(loaded, *parsed);
    EXPECT_EQ(loaded.organization(), parsed->organization());
    EXPECT_EQ(scalar("SELECT count(*) FROM target_entities"), "14");
    EXPECT_EQ(scalar("SELECT count(*) FROM target_attributes"), "256");
    EXPECT_EQ(scalar("SELECT count(*) FROM target_documents WHERE kind = 'global-option-set'"), "2");
    EXPECT_EQ(scalar("SELECT count(*) FROM target_documents WHERE kind = 'relationship'"), "47");
    // One row per attribute with the raw JSON; the table row has no Attributes.
    EXPECT_EQ(scalar("SELECT json_extract(a.metadata_json, '$.MaxLength') FROM target_attributes a JOIN "
                     "target_entities e ON e.id = a.entity_id WHERE e.logical_name = 'account' AND "
                     "a.logical_name = 'name'"),
              "160");
    EXPECT_EQ(
        scalar("SELECT json_type(metadata_json, '$.Attributes') FROM target_entities WHERE logical_name = "
               "'account'"),
        "");
    EXPECT_EQ(
        scalar("SELECT entity_set_name FROM target_entities WHERE logical_name = 'ferry_playlist_track'"),
        "ferry_playlist_trackset");

    // Another connection's cache is separate.
    EXPECT_TRUE(load(addConnection("other")).isEmpty());
}

TEST_F(MetadataCacheTest, NeverStoresTheOrgFilesAppUserSecrets)
{
    ASSERT_TRUE(MetadataCache::store(*m_ws->writer(), m_connection, m_org).ok());
    ASSERT_TRUE(m_ws->writer()->flush());
    auto raw = MetadataCache::loadRaw(m_ws->reader(), m_connection);
    ASSERT_TRUE(raw.ok());
    const std::string text = raw->dump();
    EXPECT_EQ(text.find("demo-secret"), std::string::npos);
    EXPECT_EQ(text.find("appUsers"), std::string::npos);
    EXPECT_EQ((*raw)["x-ferry-emulator"]["organization"]["uniqueName"], "ferrydemo");
    m_ws.reset(); // closes the file, so the bytes below are all of it
    for (const QString &f : {QStringLiteral("cache.ferry"), QStringLiteral("cache.ferry-wal")}) {
        QFile file(m_dir.filePath(f));
        if (file.open(QIODevice::ReadOnly)) {
            EXPECT_FALSE(file.readAll().contains("demo-secret")) << f.toStdString();
        }
    }
}

TEST_F(MetadataCacheTest, PerTableRefreshReplacesOnlyThatTable)
{
    ASSERT_TRUE(MetadataCache::store(*m_ws->writer(), m_connection, m_org).ok());
    const TargetModel before = load(m_connection);

    json refresh = onlyTable(m_org, "account");
    for (json &a : refresh["value"][0]["Attributes"])
        if (a["LogicalName"] == "name")
            a["MaxLength"] = 250;
    // A column removed from the service is removed from the cache too.
    json &attrs = refresh["value"][0]["Attributes"];
    for (auto it = attrs.begin(); it != attrs.end(); ++it)
        if ((*it)["LogicalName"] == "description") {
            attrs.erase(it);
            break;
        }
    refresh["x-ferry-fetched"] = {{"account", "2030-01-02T03:04:05.000Z"}};
    ASSERT_TRUE(MetadataCache::store(*m_ws->writer(), m_connection, refresh).ok());

    const TargetModel after = load(m_connection);
    ASSERT_EQ(after.entities().size(), 14);
    EXPECT_EQ(after.entity("account")->attribute("name")->maxLength, 250);
    EXPECT_EQ(after.entity("account")->attribute("description"), nullptr);
    EXPECT_EQ(after.entity("account")->attributes.size(), 36);
    EXPECT_EQ(after.entity("account")->fetchedAt, QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC));
    EXPECT_NE(after.entity("contact")->fetchedAt, after.entity("account")->fetchedAt);
    // The account's relationships still come from its own collections.
    EXPECT_EQ(after.entity("account")->oneToMany, before.entity("account")->oneToMany);
    for (const Entity &e : before.entities())
        if (e.logicalName != "account") {
            EXPECT_EQ(*after.entity(e.logicalName), e) << e.logicalName.toStdString();
        }
    EXPECT_EQ(after.globalOptionSets(), before.globalOptionSets());
}

TEST_F(MetadataCacheTest, ReplaceAllDropsTablesTheServiceNoLongerHas)
{
    ASSERT_TRUE(MetadataCache::store(*m_ws->writer(), m_connection, m_org).ok());
    ASSERT_TRUE(MetadataCache::store(*m_ws->writer(), m_connection, onlyTable(m_org, "team"), true).ok());
    const TargetModel after = load(m_connection);
    ASSERT_EQ(after.entities().size(), 1);
    EXPECT_EQ(after.entities()[0].logicalName, "team");
    EXPECT_EQ(scalar("SELECT count(*) FROM target_attributes"), "9");
}

TEST_F(MetadataCacheTest, InvalidMetadataIsNotStoredAtAll)
{
    ASSERT_TRUE(MetadataCache::store(*m_ws->writer(), m_connection, m_org).ok());
    json bad = onlyTable(m_org, "account");
    bad["value"][0]["Attributes"][1]["MaxLength"] = "long";
    bad["value"].push_back(onlyTable(m_org, "team")["value"][0]);
    auto s = MetadataCache::store(*m_ws->writer(), m_connection, bad, true);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "metadata.invalid");
    EXPECT_TRUE(s.error().message.contains("table 'account'")) << s.error().message.toStdString();
    EXPECT_EQ(scalar("SELECT count(*) FROM target_entities"), "14");
    EXPECT_EQ(load(m_connection).entity("account")->attribute("name")->maxLength, 160);
}

TEST_F(MetadataCacheTest, RelationshipsOnlyAtTopLevelSurviveTheCache)
{
    const json org = json::parse(test::readAll(test::testDataPath("test-org.json")).toStdString());
    ASSERT_TRUE(MetadataCache::store(*m_ws->writer(), m_connection, org).ok());
    auto parsed = parseOrg(test::readAll(test::testDataPath("test-org.json")));
    ASSERT_TRUE(parsed.ok());
    const TargetModel loaded = load(m_connection);
    EXPECT_EQ(loaded, *parsed);
    ASSERT_EQ(loaded.entity("account")->manyToMany.size(), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM target_documents WHERE json LIKE '%test-secret%'"), "0");
}
