// ferry-cli mapping import/export and dry-run over the demo: Chinook discovered into a workspace, the demo
// mapping imported, a dry run against the demo org file. Expected counts come from SQL on the source.

#include "cli_Process.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <sqlite3.h>

using ferry::test::runCli;

namespace {

QString demo(const char *file)
{
    return QDir::cleanPath(QFileInfo(QStringLiteral(__FILE__)).absolutePath() +
                           QStringLiteral("/../../resources/demo/") + QLatin1String(file));
}

std::string text(const QString &s)
{
    return s.toStdString();
}

qint64 count(const QString &db, const char *query)
{
    sqlite3 *h = nullptr;
    sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *st = nullptr;
    qint64 v = -1;
    if (sqlite3_prepare_v2(h, query, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

// A workspace with Chinook discovered under the name "chinook" and the demo mapping imported.
QString prepareWorkspace(const QTemporaryDir &dir)
{
    const QString ws = dir.filePath(QStringLiteral("demo.ferry"));
    auto r = runCli({"workspace", "create", ws});
    EXPECT_EQ(r.exitCode, 0) << text(r.err);
    r = runCli({"discover", "sqlite://" + demo("chinook.sqlite"), "--workspace", ws, "--name", "chinook"},
               60000);
    EXPECT_EQ(r.exitCode, 0) << text(r.err);
    r = runCli(
        {"mapping", "import", demo("chinook-mapping.json"), "--workspace", ws, "--org", demo("org.json")});
    EXPECT_EQ(r.exitCode, 0) << text(r.err);
    EXPECT_TRUE(r.err.contains("Imported 10 mapping(s)")) << text(r.err);
    EXPECT_FALSE(r.err.contains("error:")) << text(r.err);
    return ws;
}

} // namespace

TEST(CliDryRunTest, ImportExportRoundTripsTheDemoMapping)
{
    QTemporaryDir dir;
    const QString ws = prepareWorkspace(dir);
    const QString out = dir.filePath(QStringLiteral("export.json"));
    const auto r = runCli({"mapping", "export", "--workspace", ws, "--out", out});
    ASSERT_EQ(r.exitCode, 0) << text(r.err);
    QFile a(out), b(demo("chinook-mapping.json"));
    ASSERT_TRUE(a.open(QIODevice::ReadOnly));
    ASSERT_TRUE(b.open(QIODevice::ReadOnly));
    EXPECT_EQ(a.readAll(), b.readAll());
    const auto toStdout = runCli({"mapping", "export", "--workspace", ws});
    ASSERT_EQ(toStdout.exitCode, 0);
    EXPECT_TRUE(toStdout.out.startsWith("{\n  \"format\": \"ferry-mapping\","))
        << text(toStdout.out.left(80));
}

TEST(CliDryRunTest, ImportReportsTheBadEntriesAndImportsNothing)
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("w.ferry"));
    ASSERT_EQ(runCli({"workspace", "create", ws}).exitCode, 0);
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(R"({"format":"ferry-mapping","version":1,"mappings":[{"name":"x","target":"ferry_artist",
              "operation":"merge","key":{"strategy":"alternate-key","alternateKey":"ferry_artistnumber"},
              "source":{"source":"chinook","table":"Artist"},
              "fields":[{"target":"ferry_name","sources":["Name"],"transforms":[{"op":"upcase"}]}]}]})");
    f.close();
    const auto r = runCli({"mapping", "import", bad, "--workspace", ws});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains("/mappings/0/operation: 'merge' is not upsert, create or update"))
        << text(r.err);
    EXPECT_TRUE(r.err.contains("/mappings/0/fields/0/transforms/0/op:")) << text(r.err);
    const auto exported = runCli({"mapping", "export", "--workspace", ws});
    EXPECT_TRUE(exported.out.contains("\"mappings\": []")) << text(exported.out);
}

TEST(CliDryRunTest, DryRunOfTheDemoCountsEveryRowAndQuarantinesNothing)
{
    QTemporaryDir dir;
    const QString ws = prepareWorkspace(dir);
    const auto r =
        runCli({"dry-run", "--workspace", ws, "--org", demo("org.json"), "--json", "--users", "3"}, 120000);
    ASSERT_EQ(r.exitCode, 0) << text(r.err);
    QJsonParseError error;
    const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
    ASSERT_EQ(error.error, QJsonParseError::NoError) << text(r.out.left(400));
    const QString db = demo("chinook.sqlite");
    const qint64 rows = count(db, "SELECT (SELECT count(*) FROM Artist) + (SELECT count(*) FROM Album) + "
                                  "(SELECT count(*) FROM Genre) + (SELECT count(*) FROM MediaType) + "
                                  "(SELECT count(*) FROM Track) + (SELECT count(*) FROM Playlist) + "
                                  "(SELECT count(*) FROM Employee) + (SELECT count(*) FROM Customer) + "
                                  "(SELECT count(*) FROM Invoice) + (SELECT count(*) FROM InvoiceLine)");
    EXPECT_EQ(report["totalRows"].toInteger(), rows);
    EXPECT_EQ(report["totalRefused"].toInteger(), 0);
    const QJsonArray tables = report["tables"].toArray();
    ASSERT_EQ(tables.size(), 10);
    for (const QJsonValue &t : tables) {
        if (t["mapping"].toString() == "ferry_track") {
            EXPECT_EQ(t["rows"].toInteger(), count(db, "SELECT count(*) FROM Track"));
            EXPECT_EQ(t["wouldInsert"].toInteger(), count(db, "SELECT count(*) FROM Track"));
            EXPECT_EQ(t["requests"].toInteger(), (count(db, "SELECT count(*) FROM Track") + 99) / 100);
        }
    }
    for (const QJsonValue &l : report["lookups"].toArray()) {
        if (l["column"].toString() == "ferry_artistid") {
            EXPECT_EQ(l["resolved"].toInteger(), count(db, "SELECT count(*) FROM Album"));
            EXPECT_EQ(l["unresolved"].toInteger(), 0);
        }
    }
    // the run is recorded as a dry run; the text form names the totals
    EXPECT_GT(report["runId"].toInteger(), 0);
    const auto textRun = runCli(
        {"dry-run", "--workspace", ws, "--org", demo("org.json"), "--only", "ferry_artist,ferry_album"});
    ASSERT_EQ(textRun.exitCode, 0) << text(textRun.err);
    EXPECT_TRUE(textRun.out.contains(
        QStringLiteral("Total: %1 rows, 0 refused")
            .arg(count(db, "SELECT (SELECT count(*) FROM Artist) + (SELECT count(*) FROM Album)"))))
        << text(textRun.out);
    EXPECT_TRUE(textRun.out.contains("ferry_album.ferry_artistid -> ferry_artist: 347 rows, 347 resolved"))
        << text(textRun.out);
}

TEST(CliDryRunTest, UsageAndMissingInputs)
{
    QTemporaryDir dir;
    EXPECT_EQ(runCli({"dry-run"}).exitCode, 2);
    EXPECT_EQ(runCli({"dry-run", "--workspace", dir.filePath("none.ferry")}).exitCode, 3);
    EXPECT_EQ(runCli({"dry-run", "--workspace", dir.filePath("none.ferry"), "--bogus"}).exitCode, 2);
    const QString ws = dir.filePath(QStringLiteral("w.ferry"));
    ASSERT_EQ(runCli({"workspace", "create", ws}).exitCode, 0);
    const auto empty = runCli({"dry-run", "--workspace", ws, "--org", demo("org.json")});
    EXPECT_EQ(empty.exitCode, 1);
    EXPECT_TRUE(empty.err.contains("no mappings")) << text(empty.err);
    // mappings whose source the workspace does not know
    ASSERT_EQ(runCli({"mapping", "import", demo("chinook-mapping.json"), "--workspace", ws}).exitCode, 0);
    const auto noSource = runCli({"dry-run", "--workspace", ws, "--org", demo("org.json")});
    EXPECT_EQ(noSource.exitCode, 4) << text(noSource.err);
    EXPECT_TRUE(noSource.err.contains("no source named 'chinook'")) << text(noSource.err);
    const auto noTarget = runCli({"dry-run", "--workspace", ws});
    EXPECT_EQ(noTarget.exitCode, 5) << text(noTarget.err);
}
