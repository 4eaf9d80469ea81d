// Export/import of mapping documents (stable JSON, error paths) and the workspace store.

#include "mapping/MappingTestUtil.h"

#include <ferry/mapping/Mapping.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::mapping;
using namespace ferry::mapping::testutil;
using nlohmann::json;

namespace {

MappingSet sample()
{
    Mapping a =
        thingMapping(field("test_name", {"a", "b"}, {step("concat", {{"separator", " "}}), step("trim")}));
    a.fields.append(field("test_parentid", {"p"},
                          {step("lookup", {{"table", "test_parent"}, {"key", "test_parentnumber"}})}));
    a.fields.last().deferred = true;
    a.fields.last().comment = QStringLiteral("patched in pass 2");
    a.source.joins.append({QStringLiteral("Addresses"),
                           QStringLiteral("addr"),
                           {QStringLiteral("Id")},
                           {QStringLiteral("ThingId")},
                           QStringLiteral("Seq")});
    a.source.keyColumns = {QStringLiteral("Id")};
    a.sourceTimeZone = QStringLiteral("Europe/Berlin");
    a.batchSize = 250;
    Mapping b;
    b.name = QStringLiteral("parents");
    b.source.source = QStringLiteral("src");
    b.source.query = QStringLiteral("SELECT * FROM Parent WHERE Active = 1");
    b.targetEntity = QStringLiteral("test_parent");
    b.operation = Operation::Create;
    b.keyStrategy = KeyStrategy::DeterministicId;
    b.source.keyColumns = {QStringLiteral("ParentId")};
    b.deleteMissing = true;
    b.enabled = false;
    b.fields.append(field("test_parentnumber", {"ParentId"}));
    return MappingSet{{a, b}};
}

} // namespace

TEST(MappingJson, RoundTripIsExactAndStable)
{
    const MappingSet set = sample();
    const QByteArray text = exportMappings(set);
    QList<MappingError> errors;
    auto back = importMappings(text, &errors);
    ASSERT_TRUE(back.ok()) << back.error().message.toStdString();
    EXPECT_TRUE(errors.isEmpty());
    EXPECT_EQ(*back, set);
    EXPECT_EQ(exportMappings(*back), text);
    // sorted keys, 2-space indent, one field map per array entry, trailing newline
    EXPECT_TRUE(text.startsWith(
        "{\n  \"format\": \"ferry-mapping\",\n  \"mappings\": [\n    {\n      \"batchSize\": 250,"));
    EXPECT_TRUE(text.endsWith("  \"version\": 1\n}\n"));
    EXPECT_TRUE(
        text.contains("\n          \"comment\": \"patched in pass 2\",\n          \"deferred\": true,\n"));
    EXPECT_TRUE(text.contains("\"op\": \"concat\",\n              \"separator\": \" \"\n"));
}

TEST(MappingJson, TheDemoMappingImportsAndReexportsByteForByte)
{
    const QByteArray text = readFile(QStringLiteral(FERRY_SOURCE_DIR "/resources/demo/chinook-mapping.json"));
    ASSERT_FALSE(text.isEmpty());
    auto set = importMappings(text);
    ASSERT_TRUE(set.ok()) << set.error().message.toStdString();
    EXPECT_EQ(set->mappings.size(), 10);
    EXPECT_EQ(exportMappings(*set), text);
}

TEST(MappingJson, ImportReportsEveryProblemWithItsPath)
{
    json doc = json::parse(exportMappings(sample()).toStdString());
    doc["mappings"][0]["operation"] = "merge";
    doc["mappings"][0]["fields"][0]["transforms"] = json::array({{{"op", "upcase"}}});
    doc["mappings"][0]["fields"][1]["transforms"][0]["separator"] = 5;
    doc["mappings"][0]["fields"][2]["colour"] = "red";
    doc["mappings"][0]["source"]["joins"][0]["relatedColumns"] = json::array();
    doc["mappings"][1]["name"] = doc["mappings"][0]["name"];
    doc["mappings"][1]["batchSize"] = 5000;
    doc["mappings"][1]["sourceTimeZone"] = "Atlantis/Capital";
    doc["mappings"][1].erase("target");
    QList<MappingError> errors;
    auto r = importMappings(QByteArray::fromStdString(doc.dump()), &errors);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("mapping.invalid"));
    QStringList paths;
    for (const MappingError &e : errors)
        paths.append(e.path);
    paths.sort();
    EXPECT_EQ(
        paths,
        (QStringList{QStringLiteral("/mappings/0/fields/0/transforms/0/op"),
                     QStringLiteral("/mappings/0/fields/1/transforms/0/separator"),
                     QStringLiteral("/mappings/0/fields/2/colour"), QStringLiteral("/mappings/0/operation"),
                     QStringLiteral("/mappings/0/source/joins/0/relatedColumns"),
                     QStringLiteral("/mappings/1/batchSize"), QStringLiteral("/mappings/1/sourceTimeZone"),
                     QStringLiteral("/mappings/1/target")}));
    EXPECT_TRUE(r.error().message.contains(
        QStringLiteral("/mappings/0/operation: 'merge' is not upsert, create or update")));
}

TEST(MappingJson, ImportRefusesBrokenDocuments)
{
    QList<MappingError> errors;
    EXPECT_FALSE(importMappings("{ not json", &errors).ok());
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().message, QStringLiteral("the document is not valid JSON"));
    EXPECT_FALSE(importMappings(R"j({"format":"other","version":1,"mappings":[]})j", &errors).ok());
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().path, QStringLiteral("/format"));
    EXPECT_FALSE(importMappings(R"j({"format":"ferry-mapping","version":9,"mappings":[]})j", &errors).ok());
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors.first().message.contains(QStringLiteral("newer Ferry")));
    // a duplicate mapping name and a duplicate target column
    json doc = json::parse(exportMappings(sample()).toStdString());
    doc["mappings"][0]["fields"][1]["target"] = "test_code";
    EXPECT_FALSE(importMappings(QByteArray::fromStdString(doc.dump()), &errors).ok());
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().path, QStringLiteral("/mappings/0/fields/1/target"));
    EXPECT_TRUE(importMappings(R"j({"format":"ferry-mapping","version":1,"mappings":[]})j", &errors).ok());
}

TEST(MappingStore, SaveLoadKeepsIdsAndReplacesTheSet)
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("m.ferry")));
    ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
    WorkspaceWriter *writer = (*ws)->writer();
    ASSERT_NE(writer, nullptr);
    const MappingSet set = sample();
    ASSERT_TRUE(MappingStore::save(*writer, set).ok());
    auto loaded = MappingStore::load((*ws)->reader());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(*loaded, set);
    auto idBefore =
        (*ws)->reader().queryValue(QStringLiteral("SELECT id FROM mappings WHERE name = 'things'"));
    ASSERT_TRUE(idBefore.ok());

    // change one mapping, drop the other: the kept one keeps its id, the field rows are replaced
    MappingSet changed;
    changed.mappings.append(set.mappings.first());
    changed.mappings.first().fields.removeLast();
    changed.mappings.first().operation = Operation::Create;
    ASSERT_TRUE(MappingStore::save(*writer, changed).ok());
    auto again = MappingStore::load((*ws)->reader());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, changed);
    EXPECT_EQ((*ws)
                  ->reader()
                  .queryValue(QStringLiteral("SELECT id FROM mappings WHERE name = 'things'"))
                  ->toLongLong(),
              idBefore->toLongLong());
    EXPECT_EQ((*ws)->reader().queryValue(QStringLiteral("SELECT count(*) FROM field_maps"))->toLongLong(),
              changed.mappings.first().fields.size());
    EXPECT_EQ((*ws)->reader().queryValue(QStringLiteral("SELECT operation FROM mappings"))->toString(),
              QStringLiteral("create"));
}

TEST(MappingStore, ARowThatDoesNotParseIsReportedByItsId)
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("m.ferry")));
    ASSERT_TRUE(ws.ok());
    ASSERT_TRUE(MappingStore::save(*(*ws)->writer(), sample()).ok());
    ASSERT_TRUE((*ws)
                    ->writer()
                    ->submitAndWait([](WriteTransaction &tx) {
                        return tx.exec(
                            QStringLiteral("UPDATE mappings SET operation = 'merge' WHERE name = 'parents'"));
                    })
                    .ok());
    auto loaded = MappingStore::load((*ws)->reader());
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, QStringLiteral("mapping.invalid"));
    EXPECT_TRUE(loaded.error().message.contains(QStringLiteral("mappings[id=2]/operation")))
        << loaded.error().message.toStdString();
}
