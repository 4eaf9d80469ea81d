#include "workspace/WorkspaceTestUtil.h"

#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceSchema.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace ferry;
using ferry::test::fileHash;
using ferry::test::rawSql;

namespace {

// "1,2,...,N" for the current schema version N: every upgrade step leaves one row in schema_version.
QString allVersionsThroughCurrent()
{
    QStringList versions;
    for (int v = 1; v <= Workspace::currentSchemaVersion(); ++v)
        versions << QString::number(v);
    return versions.join(QLatin1Char(','));
}

class WorkspaceTest : public ::testing::Test
{
protected:
    QString file(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

TEST_F(WorkspaceTest, CreateMakesAWalFileAtTheCurrentVersion)
{
    ASSERT_TRUE(m_dir.isValid());
    const QString path = file("new.ferry");
    {
        auto ws = Workspace::create(path);
        ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
        EXPECT_EQ((*ws)->path(), QFileInfo(path).absoluteFilePath());
        EXPECT_EQ((*ws)->schemaVersion(), Workspace::currentSchemaVersion());
        EXPECT_GE(Workspace::currentSchemaVersion(), 2);
        auto plan = (*ws)->planEntries();
        ASSERT_TRUE(plan.ok()) << plan.error().message.toStdString();
        EXPECT_TRUE(plan->isEmpty());
    }
    EXPECT_EQ(rawSql(path, "PRAGMA application_id"), QString::number(WorkspaceSchema::kApplicationId));
    EXPECT_EQ(rawSql(path, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(
        rawSql(path, "SELECT group_concat(version) FROM (SELECT version FROM schema_version ORDER BY 1)"),
        allVersionsThroughCurrent());
    EXPECT_EQ(rawSql(path, "PRAGMA integrity_check"), "ok");
    // Every table the design names exists.
    for (const char *table :
         {"connections", "app_users", "catalog_sources", "catalog_tables", "catalog_columns", "catalog_keys",
          "catalog_key_columns", "catalog_foreign_keys", "catalog_foreign_key_columns", "target_entities",
          "target_attributes", "mappings", "field_maps", "table_plan", "runs", "run_log", "quarantine",
          "checkpoints", "row_fingerprints"}) {
        EXPECT_EQ(
            rawSql(path, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='%1'")
                             .arg(QLatin1String(table))),
            "1")
            << table;
    }
}

TEST_F(WorkspaceTest, CreateRefusesAnExistingFileAndLeavesIt)
{
    const QString path = file("exists.ferry");
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("precious");
    }
    auto ws = Workspace::create(path);
    ASSERT_FALSE(ws.ok());
    EXPECT_EQ(ws.error().code, "workspace.exists");
    EXPECT_TRUE(ws.error().message.contains(path)) << ws.error().message.toStdString();
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), QByteArray("precious"));
}

TEST_F(WorkspaceTest, CreateInAMissingFolderFailsWithoutLeavingFiles)
{
    const QString path = file("no/such/folder/x.ferry");
    auto ws = Workspace::create(path);
    ASSERT_FALSE(ws.ok());
    EXPECT_EQ(ws.error().code, "workspace.io");
    EXPECT_FALSE(QFile::exists(path));
}

TEST_F(WorkspaceTest, OpenMissingFileIsNotFound)
{
    auto ws = Workspace::open(file("missing.ferry"));
    ASSERT_FALSE(ws.ok());
    EXPECT_EQ(ws.error().code, "workspace.not-found");
    EXPECT_FALSE(QFile::exists(file("missing.ferry")));
}

TEST_F(WorkspaceTest, OpenRefusesANonSqliteFileUnchanged)
{
    const QString path = file("garbage.ferry");
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
    }
    const QByteArray before = fileHash(path);
    auto ws = Workspace::open(path);
    ASSERT_FALSE(ws.ok());
    EXPECT_EQ(ws.error().code, "workspace.not-a-workspace");
    EXPECT_TRUE(ws.error().message.contains("not a Ferry workspace")) << ws.error().message.toStdString();
    EXPECT_EQ(fileHash(path), before);
}

TEST_F(WorkspaceTest, OpenRefusesAnEmptyFileUnchanged)
{
    const QString path = file("empty.ferry");
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    }
    auto ws = Workspace::open(path);
    ASSERT_FALSE(ws.ok());
    EXPECT_EQ(ws.error().code, "workspace.not-a-workspace");
    EXPECT_EQ(QFileInfo(path).size(), 0);
}

TEST_F(WorkspaceTest, OpenRefusesAForeignSqliteDatabaseUnchanged)
{
    const QString path = file("other.sqlite");
    rawSql(
        path,
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'a')");
    const QByteArray before = fileHash(path);
    auto ws = Workspace::open(path);
    ASSERT_FALSE(ws.ok());
    EXPECT_EQ(ws.error().code, "workspace.not-a-workspace");
    EXPECT_TRUE(ws.error().message.contains("SQLite database but not a Ferry workspace"))
        << ws.error().message.toStdString();
    EXPECT_EQ(fileHash(path), before);
    EXPECT_EQ(rawSql(path, "SELECT count(*) FROM sqlite_master"), "1");
}

TEST_F(WorkspaceTest, OpenRefusesANewerVersionWithoutModifyingIt)
{
    const QString path = file("newer.ferry");
    ASSERT_TRUE(Workspace::create(path).ok());
    const int newer = Workspace::currentSchemaVersion() + 1;
    ASSERT_TRUE(WorkspaceSchema::stampVersionForTesting(path, newer).ok());
    const QByteArray before = fileHash(path);

    auto ws = Workspace::open(path);
    ASSERT_FALSE(ws.ok());
    EXPECT_EQ(ws.error().code, "workspace.newer-version");
    const std::string message = ws.error().message.toStdString();
    EXPECT_TRUE(ws.error().message.contains(QFileInfo(path).absoluteFilePath())) << message;
    EXPECT_TRUE(ws.error().message.contains(
        QStringLiteral("written by a newer Ferry (schema version %1)").arg(newer)))
        << message;
    EXPECT_TRUE(ws.error().message.contains(
        QStringLiteral("reads up to %1. Upgrade Ferry to open it.").arg(Workspace::currentSchemaVersion())))
        << message;
    EXPECT_EQ(fileHash(path), before);
    EXPECT_EQ(rawSql(path, "SELECT max(version) FROM schema_version"), QString::number(newer));
}

TEST_F(WorkspaceTest, OpenUpgradesAnOlderFileAndKeepsItsData)
{
    const QString path = file("old.ferry");
    ASSERT_TRUE(WorkspaceSchema::createAtVersion(path, 1).ok());
    EXPECT_EQ(rawSql(path, "SELECT max(version) FROM schema_version"), "1");
    EXPECT_EQ(rawSql(path, "SELECT count(*) FROM sqlite_master WHERE name = 'row_fingerprints'"), "0");
    rawSql(path, "INSERT INTO table_plan (plan_order, table_name, records_to_migrate, records_done, "
                 "validated, workers)"
                 " VALUES (2, 'contact', 50, 10, 1, 3), (1, 'account', 100, 0, 0, 2);"
                 "INSERT INTO runs (id, started_at) VALUES (7, '2026-01-01T00:00:00Z');"
                 "INSERT INTO quarantine (run_id, table_name, row_key, payload_json, error_code) "
                 "VALUES (7, 'account', 'A-1', '{}', '0x80040237')");

    auto ws = Workspace::open(path);
    ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
    EXPECT_EQ((*ws)->schemaVersion(), Workspace::currentSchemaVersion());
    EXPECT_EQ((*ws)->versionBeforeOpen(), 1);
    auto plan = (*ws)->planEntries();
    ASSERT_TRUE(plan.ok());
    ASSERT_EQ(plan->size(), 2);
    EXPECT_EQ(plan->at(0), (PlanEntry{1, "account", 100, 0, false, 2}));
    EXPECT_EQ(plan->at(1), (PlanEntry{2, "contact", 50, 10, true, 3}));
    auto quarantined = (*ws)->reader().queryValue("SELECT error_code FROM quarantine WHERE row_key = 'A-1'");
    ASSERT_TRUE(quarantined.ok());
    EXPECT_EQ(quarantined->toString(), "0x80040237");
    // Step 2's objects exist now, and both steps are recorded.
    auto fp = (*ws)->reader().queryValue("SELECT count(*) FROM sqlite_master WHERE name IN "
                                         "('row_fingerprints', 'checkpoints', 'quarantine_by_error')");
    ASSERT_TRUE(fp.ok());
    EXPECT_EQ(fp->toLongLong(), 3);
    auto versions = (*ws)->reader().queryValue("SELECT group_concat(version) FROM schema_version");
    ASSERT_TRUE(versions.ok());
    EXPECT_EQ(versions->toString(), allVersionsThroughCurrent());
    ws->reset();
    // Opening again is a no-op.
    auto again = Workspace::open(path);
    ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
    EXPECT_EQ((*again)->versionBeforeOpen(), Workspace::currentSchemaVersion());
    EXPECT_EQ(rawSql(path, "SELECT count(*) FROM schema_version"),
              QString::number(Workspace::currentSchemaVersion()));
}

TEST_F(WorkspaceTest, AFailedUpgradeLeavesTheFileAtItsOldVersion)
{
    const QString path = file("blocked.ferry");
    ASSERT_TRUE(WorkspaceSchema::createAtVersion(path, 1).ok());
    // A table step 2 wants to create already exists, so step 2 fails half way.
    rawSql(
        path,
        "CREATE TABLE row_fingerprints (x); INSERT INTO table_plan (plan_order, table_name) VALUES (1, 'a')");
    auto ws = Workspace::open(path);
    ASSERT_FALSE(ws.ok());
    EXPECT_EQ(ws.error().code, "workspace.upgrade-failed");
    EXPECT_TRUE(ws.error().message.contains("from schema version 1 to 2"))
        << ws.error().message.toStdString();
    EXPECT_EQ(rawSql(path, "SELECT max(version) FROM schema_version"), "1");
    EXPECT_EQ(
        rawSql(path,
               "SELECT count(*) FROM sqlite_master WHERE name IN ('checkpoints', 'table_plan_by_order')"),
        "0");
    EXPECT_EQ(rawSql(path, "SELECT table_name FROM table_plan"), "a");
}

TEST_F(WorkspaceTest, CreateAtVersionRejectsUnknownVersions)
{
    EXPECT_FALSE(WorkspaceSchema::createAtVersion(file("v0.ferry"), 0).ok());
    EXPECT_FALSE(
        WorkspaceSchema::createAtVersion(file("v9.ferry"), Workspace::currentSchemaVersion() + 1).ok());
    EXPECT_FALSE(QFile::exists(file("v0.ferry")));
    EXPECT_FALSE(QFile::exists(file("v9.ferry")));
}

TEST_F(WorkspaceTest, PlanEntriesRoundTripInPlanOrder)
{
    const QString path = file("plan.ferry");
    const QList<PlanEntry> entries = {{3, "opportunity", 7, 7, true, 1},
                                      {1, "account", 1200, 300, true, 4},
                                      {2, "contact", 5000, 0, false, 8}};
    {
        auto ws = Workspace::create(path);
        ASSERT_TRUE(ws.ok());
        Status s = (*ws)->setPlanEntries(entries);
        ASSERT_TRUE(s.ok()) << s.error().message.toStdString();
        auto plan = (*ws)->planEntries();
        ASSERT_TRUE(plan.ok());
        ASSERT_EQ(plan->size(), 3);
        EXPECT_EQ(plan->at(0).tableName, "account");
        EXPECT_EQ(plan->at(2), entries.at(0));
    }
    // Closing checkpoints the WAL: the copy-the-file-to-copy-the-project promise holds with one file.
    EXPECT_FALSE(QFile::exists(path + "-wal"));
    auto ws = Workspace::open(path);
    ASSERT_TRUE(ws.ok());
    auto plan = (*ws)->planEntries();
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(*plan, (QList<PlanEntry>{entries.at(1), entries.at(2), entries.at(0)}));
    // Replacing the plan replaces it whole.
    ASSERT_TRUE((*ws)->setPlanEntries({{1, "lead", 1, 0, false, 1}}).ok());
    EXPECT_EQ((*ws)->planEntries()->size(), 1);
    // The schema refuses nonsense, and the error reaches the caller.
    Status bad = (*ws)->setPlanEntries({{1, "x", 1, 0, false, 0}});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "workspace.sql");
    EXPECT_EQ((*ws)->planEntries()->size(), 1);
}

TEST_F(WorkspaceTest, NoColumnIsNamedLikeASecret)
{
    const QString path = file("secrets.ferry");
    ASSERT_TRUE(Workspace::create(path).ok());
    auto columns = WorkspaceSchema::columnNames(path);
    ASSERT_TRUE(columns.ok());
    EXPECT_TRUE(columns->contains("connections.client_id"));
    EXPECT_TRUE(columns->contains("quarantine.payload_json"));
    const QRegularExpression secretLike("secret|password|passwd|pwd|token|credential|api_?key|private",
                                        QRegularExpression::CaseInsensitiveOption);
    for (const QString &column : *columns) {
        EXPECT_FALSE(secretLike.match(column).hasMatch()) << column.toStdString();
    }
}

TEST_F(WorkspaceTest, ConnectionSettingsRefuseSecretKeys)
{
    auto ws = Workspace::create(file("conn.ferry"));
    ASSERT_TRUE(ws.ok());
    WorkspaceWriter *writer = (*ws)->writer();
    ASSERT_NE(writer, nullptr);
    const QString insert =
        "INSERT INTO connections (name, kind, environment_url, tenant, client_id, sign_in_kind, "
        "settings_json) VALUES (?, 'dataverse', 'https://org.crm.dynamics.com', 't', 'c', "
        "'client-credentials', ?)";
    Status good = writer->submitAndWait([&](WriteTransaction &tx) {
        return tx.exec(insert, {"prod", R"({"scope":"x","retries":3})"});
    });
    EXPECT_TRUE(good.ok()) << good.error().message.toStdString();
    Status bad = writer->submitAndWait([&](WriteTransaction &tx) {
        return tx.exec(insert, {"leaky", R"({"auth":{"clientSecret":"hunter2"}})"});
    });
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.error().message.contains("must not hold secrets")) << bad.error().message.toStdString();
    auto count = (*ws)->reader().queryValue("SELECT count(*) FROM connections");
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(count->toLongLong(), 1);
}

TEST_F(WorkspaceTest, ReaderInterruptStopsALongQuery)
{
    auto ws = Workspace::create(file("interrupt.ferry"));
    ASSERT_TRUE(ws.ok());
    auto reader = WorkspaceReader::open((*ws)->path());
    ASSERT_TRUE(reader.ok());
    std::atomic<bool> finished{false};
    // Repeated, because an interrupt that lands before the query starts is a no-op.
    std::thread stopper([&] {
        while (!finished) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            (*reader)->interrupt();
        }
    });
    // Effectively endless without the interrupt.
    auto r = (*reader)->queryValue("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                                   "SELECT count(*) FROM n");
    finished = true;
    stopper.join();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "workspace.interrupted");
    // The connection stays usable.
    auto after = (*reader)->queryValue("SELECT 42");
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->toInt(), 42);
}

} // namespace

namespace {

TEST(WorkspaceLifetimeTest, CloseFlushesTheWriterAndLaterCallsFailCleanly)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("close.ferry");
    auto ws = Workspace::create(path);
    ASSERT_TRUE(ws.ok());
    WorkspaceWriter *writer = (*ws)->writer();
    ASSERT_NE(writer, nullptr);
    EXPECT_EQ((*ws)->writer(), writer); // one writer per workspace
    for (int i = 1; i <= 50; ++i) {
        writer->submit([i](WriteTransaction &tx) {
            return tx.exec("INSERT INTO table_plan (plan_order, table_name) VALUES (?, ?)",
                           {i, QStringLiteral("t%1").arg(i)});
        });
    }
    (*ws)->close(); // must not lose queued writes
    EXPECT_FALSE(QFile::exists(path + "-wal"));
    EXPECT_EQ(rawSql(path, "SELECT count(*) FROM table_plan"), "50");
    auto plan = (*ws)->planEntries();
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.error().code, "workspace.closed");
    EXPECT_EQ((*ws)->writer(), nullptr);
    EXPECT_EQ((*ws)->writerError().code, "workspace.closed");
    EXPECT_FALSE((*ws)->setPlanEntries({}).ok());
    EXPECT_EQ((*ws)->path(), QFileInfo(path).absoluteFilePath());
}

} // namespace
