#include "cli_Process.h"

#include <ferry/catalog/CatalogStore.h>
#include <ferry/workspace/Workspace.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace ferry;
using ferry::test::runCli;

namespace {

QString chinookPath()
{
    return QDir::cleanPath(QFileInfo(QStringLiteral(__FILE__)).absolutePath() +
                           QStringLiteral("/../../resources/demo/chinook.sqlite"));
}

std::string text(const QString &s)
{
    return s.toStdString();
}

TEST(CliDiscoverTest, TextListsTablesKeysAndLoadOrder)
{
    const auto r = runCli({"discover", "sqlite://" + chinookPath()});
    ASSERT_EQ(r.exitCode, 0) << text(r.err);
    EXPECT_TRUE(r.out.contains("Tables: 11\n")) << text(r.out);
    EXPECT_TRUE(r.out.contains("Track (table, 3503 rows)")) << text(r.out);
    EXPECT_TRUE(r.out.contains("primary key: PlaylistId, TrackId")) << text(r.out);
    EXPECT_TRUE(r.out.contains("(ReportsTo) -> Employee (EmployeeId)")) << text(r.out);
    EXPECT_TRUE(r.out.contains("Load order (2 passes):")) << text(r.out);
    EXPECT_TRUE(r.out.contains("Employee.ReportsTo -> Employee (self reference)")) << text(r.out);
    const qsizetype order = r.out.indexOf("Load order");
    EXPECT_LT(r.out.indexOf(". Artist", order), r.out.indexOf(". Album", order));
    EXPECT_LT(r.out.indexOf(". Album", order), r.out.indexOf(". Track", order));
    EXPECT_TRUE(r.err.isEmpty()) << text(r.err);
}

TEST(CliDiscoverTest, JsonWithProfilesParses)
{
    const auto r = runCli({"discover", chinookPath(), "--json", "--profile"});
    ASSERT_EQ(r.exitCode, 0) << text(r.err);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    ASSERT_EQ(error.error, QJsonParseError::NoError) << text(error.errorString());
    const QJsonObject root = doc.object();
    EXPECT_EQ(root["kind"].toString(), "sqlite");
    const QJsonArray tables = root["tables"].toArray();
    ASSERT_EQ(tables.size(), 11);
    QJsonObject customer;
    for (const QJsonValue &t : tables)
        if (t["name"].toString() == "Customer")
            customer = t.toObject();
    EXPECT_EQ(customer["rowCount"].toInt(), 59);
    EXPECT_TRUE(customer["rowCountExact"].toBool());
    QJsonObject email;
    for (const QJsonValue &c : customer["columns"].toArray())
        if (c["name"].toString() == "Email")
            email = c.toObject();
    EXPECT_EQ(email["type"].toString(), "text");
    EXPECT_EQ(email["length"].toInt(), 60);
    EXPECT_FALSE(email["nullable"].toBool());
    EXPECT_EQ(email["profile"].toObject()["longestText"].toInt(), 29);
    EXPECT_EQ(email["profile"].toObject()["distinct"].toInt(), 59);
    const QJsonObject order = root["loadOrder"].toObject();
    EXPECT_EQ(order["passes"].toInt(), 2);
    QStringList steps;
    for (const QJsonValue &s : order["steps"].toArray())
        steps << s["table"].toString();
    EXPECT_LT(steps.indexOf("Playlist"), steps.indexOf("PlaylistTrack"));
    EXPECT_LT(steps.indexOf("Track"), steps.indexOf("PlaylistTrack"));
    const QJsonArray deferred = order["deferred"].toArray();
    ASSERT_EQ(deferred.size(), 1);
    EXPECT_EQ(deferred[0]["table"].toString(), "Employee");
    EXPECT_TRUE(deferred[0]["selfReference"].toBool());
}

TEST(CliDiscoverTest, WorkspaceOptionStoresTheCatalog)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("m.ferry");
    const auto r = runCli({"discover", chinookPath(), "--workspace", path, "--name", "chinook"});
    ASSERT_EQ(r.exitCode, 0) << text(r.err);
    EXPECT_TRUE(r.err.contains("Saved the catalog \"chinook\"")) << text(r.err);
    auto ws = Workspace::open(path);
    ASSERT_TRUE(ws.ok()) << text(ws.error().message);
    auto catalog = CatalogStore::load((*ws)->reader(), "chinook");
    ASSERT_TRUE(catalog.ok()) << text(catalog.error().message);
    EXPECT_EQ(catalog->tables.size(), 11);
    EXPECT_EQ(catalog->table("Invoice")->rowCount, 412);
}

TEST(CliDiscoverTest, BadInputGivesTheDocumentedExitCodes)
{
    const auto missing = runCli({"discover", "sqlite:///nonexistent/legacy.sqlite"});
    EXPECT_EQ(missing.exitCode, 4);
    EXPECT_TRUE(missing.err.contains("/nonexistent/legacy.sqlite")) << text(missing.err);
    EXPECT_EQ(runCli({"discover"}).exitCode, 2);
    EXPECT_EQ(runCli({"discover", chinookPath(), "--frobnicate"}).exitCode, 2);
    EXPECT_EQ(runCli({"discover", chinookPath(), "--workspace"}).exitCode, 2);
    const auto password = runCli({"discover", "postgresql://me:hunter2@localhost/db"});
    EXPECT_EQ(password.exitCode, 2);
    EXPECT_FALSE(password.err.contains("hunter2")) << text(password.err);
    const auto help = runCli({"--help"});
    EXPECT_TRUE(help.out.contains("discover URI [--profile] [--json]")) << text(help.out);
    EXPECT_TRUE(help.out.contains("4  the source cannot be opened or read")) << text(help.out);
}

} // namespace
