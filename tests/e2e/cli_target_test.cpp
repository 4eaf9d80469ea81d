// ferry-cli target refresh/show/snapshot against real ferry-emulator processes, including the round trip
// snapshot -> a second emulator that loads it -> the same metadata read back.

#include "cli_TargetFixture.h"

#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace ferry::test;

namespace {

const QStringList kDemoTables = {
    "account",       "contact",          "systemuser",           "team",
    "ferry_artist",  "ferry_album",      "ferry_genre",          "ferry_mediatype",
    "ferry_track",   "ferry_playlist",   "ferry_playlist_track", "ferry_employee",
    "ferry_invoice", "ferry_invoiceline"};

class CliTargetTest : public EmulatorCliTest
{
protected:
    void SetUp() override
    {
        EmulatorCliTest::SetUp();
        const auto added = addEmulatorConnection("demo", {QStringLiteral("Ferry Migration 1=") + kUser1});
        ASSERT_EQ(added.exitCode, 0) << describe(added);
    }
    static Env secret() { return {{secretVariable(kUser1), kSecret1}}; }

    CliOutcome refresh(const QString &ws, const QStringList &extra = {}, const Env &env = secret()) const
    {
        return runCliEnv(
            QStringList{"target", "refresh", "--workspace", ws, "--connection", "demo", "--no-keyring"} +
                extra,
            env, 60000);
    }
    CliOutcome show(const QString &ws, const QString &table = {}) const
    {
        QStringList args = {"target", "show", "--workspace", ws, "--connection", "demo"};
        if (!table.isEmpty())
            args << "--table" << table;
        return runCliEnv(args);
    }
};

TEST_F(CliTargetTest, ShowBeforeRefreshSaysHowToFillTheCache)
{
    const auto r = show(workspace());
    EXPECT_EQ(r.exitCode, 1) << describe(r);
    EXPECT_TRUE(r.err.contains("target refresh")) << str(r.err);
}

TEST_F(CliTargetTest, RefreshThenShowListsTheDemoTablesAndTheirColumns)
{
    const auto r = refresh(workspace());
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    EXPECT_TRUE(r.out.contains("14 tables")) << str(r.out);
    EXPECT_TRUE(r.err.contains(QRegularExpression("\\[\\d+/14\\] "))) << "no progress on stderr\n"
                                                                      << str(r.err);

    const auto list = show(workspace());
    ASSERT_EQ(list.exitCode, 0) << describe(list);
    for (const QString &t : kDemoTables)
        EXPECT_TRUE(list.out.contains(QRegularExpression("\\n" + t + " "))) << str(t) << "\n"
                                                                            << str(list.out);

    const auto track = show(workspace(), "ferry_track");
    ASSERT_EQ(track.exitCode, 0) << describe(track);
    EXPECT_TRUE(track.out.contains(QRegularExpression("ferry_mediatypeid +Lookup +ApplicationRequired .*-> "
                                                      "ferry_mediatype")))
        << str(track.out);
    EXPECT_TRUE(
        track.out.contains(QRegularExpression("ferry_name +String +ApplicationRequired .*max length \\d+")))
        << str(track.out);
    EXPECT_TRUE(track.out.contains(QRegularExpression("ownerid +Owner +SystemRequired"))) << str(track.out);
    EXPECT_TRUE(track.out.contains(QRegularExpression("statecode +State .*options: 0=Active")))
        << str(track.out);
    EXPECT_TRUE(track.out.contains(QRegularExpression("ferry_tracknumber \\(ferry_tracknumber\\)")))
        << str(track.out);

    // The entity set name finds the table too; an unknown table is a clear failure.
    EXPECT_EQ(show(workspace(), "ferry_tracks").out, track.out);
    const auto unknown = show(workspace(), "ferry_nothing");
    EXPECT_EQ(unknown.exitCode, 1) << describe(unknown);
    EXPECT_TRUE(unknown.err.contains("ferry_nothing")) << str(unknown.err);
}

TEST_F(CliTargetTest, RefreshOfNamedTablesAddsToTheCache)
{
    const auto some = refresh(workspace(), {"--tables", "account,ferry_track"});
    ASSERT_EQ(some.exitCode, 0) << describe(some);
    EXPECT_TRUE(some.out.contains("2 tables")) << str(some.out);
    const auto two = show(workspace());
    EXPECT_TRUE(two.out.startsWith("2 tables")) << str(two.out);
    EXPECT_TRUE(two.out.contains("ferry_track")) << str(two.out);
    EXPECT_FALSE(two.out.contains("ferry_album")) << str(two.out);

    ASSERT_EQ(refresh(workspace(), {"--tables", "ferry_album"}).exitCode, 0);
    const auto three = show(workspace());
    EXPECT_TRUE(three.out.startsWith("3 tables")) << str(three.out);

    const auto unknown = refresh(workspace(), {"--tables", "ferry_nothing"});
    EXPECT_NE(unknown.exitCode, 0) << describe(unknown);
    EXPECT_TRUE(unknown.err.contains("ferry_nothing")) << str(unknown.err);
    EXPECT_TRUE(show(workspace()).out.startsWith("3 tables")) << "a failed refresh changed the cache";

    const auto noSecret = refresh(workspace(), {}, {});
    EXPECT_EQ(noSecret.exitCode, 5) << describe(noSecret);
}

TEST_F(CliTargetTest, SnapshotLoadsIntoASecondEmulatorAndReadsBackTheSameMetadata)
{
    ASSERT_EQ(refresh(workspace()).exitCode, 0);
    const QString org = m_dir.filePath("org-snapshot.json");
    const auto snap = runCliEnv({"target", "snapshot", "--workspace", workspace(), "--connection", "demo",
                                 "--out", org, "--no-keyring"},
                                secret(), 60000);
    ASSERT_EQ(snap.exitCode, 0) << describe(snap);
    EXPECT_TRUE(snap.out.contains(QFileInfo(org).absoluteFilePath())) << str(snap.out);
    EXPECT_TRUE(snap.out.contains("not the real ones")) << str(snap.out);

    std::ifstream in(org.toStdString());
    const auto json = nlohmann::json::parse(in, nullptr, false);
    ASSERT_TRUE(json.is_object()) << "the snapshot is not JSON";
    ASSERT_EQ(json.at("value").size(), 14u);
    const auto &users = json.at("x-ferry-emulator").at("appUsers");
    ASSERT_EQ(users.size(), 1u);
    EXPECT_EQ(users[0].value("clientId", ""), kUser1);
    const std::string rehearsalSecret = users[0].value("clientSecret", "");
    const std::string tenant = users[0].value("tenant", "");
    EXPECT_FALSE(rehearsalSecret.empty());
    EXPECT_NE(rehearsalSecret, kSecret1);

    auto second = EmulatorProcess::start({}, org.toStdString());
    ASSERT_TRUE(second) << "ferry-emulator did not load the snapshot";
    const QString ws2 = m_dir.filePath("rehearsal.ferry");
    const auto added =
        addEmulatorConnection("demo", {QStringLiteral("Rehearsal=") + kUser1}, ws2,
                              QString::fromStdString(second->baseUrl()), QString::fromStdString(tenant));
    ASSERT_EQ(added.exitCode, 0) << describe(added);
    const auto again = refresh(ws2, {}, {{secretVariable(kUser1), QString::fromStdString(rehearsalSecret)}});
    ASSERT_EQ(again.exitCode, 0) << describe(again);

    // Every table in full, in one process per side (the list, the global option sets, then each table).
    const auto all1 =
        runCliEnv({"target", "show", "--workspace", workspace(), "--connection", "demo", "--all"});
    const auto all2 = runCliEnv({"target", "show", "--workspace", ws2, "--connection", "demo", "--all"});
    ASSERT_EQ(all1.exitCode, 0) << describe(all1);
    ASSERT_EQ(all2.exitCode, 0) << describe(all2);
    for (const QString &t : kDemoTables)
        EXPECT_TRUE(all1.out.contains(QRegularExpression("\nTable: +" + t + "\n")))
            << str(t) << " not shown in full";
    EXPECT_TRUE(all1.out.contains("Global option set ")) << str(all1.out);
    const QStringList lines1 = all1.out.split('\n');
    const QStringList lines2 = all2.out.split('\n');
    for (qsizetype i = 0; i < std::min(lines1.size(), lines2.size()); ++i)
        ASSERT_EQ(str(lines2[i]), str(lines1[i]))
            << "the round trip changed line " << i + 1 << " of 'target show --all'";
    EXPECT_EQ(lines2.size(), lines1.size());
    // --all shows each table as --table does.
    const auto track = show(workspace(), "ferry_track");
    EXPECT_TRUE(all1.out.contains(track.out)) << str(track.out);

    // From the cache, without signing in: the same tables.
    const QString cached = m_dir.filePath("from-cache.json");
    const auto fromCache = runCliEnv({"target", "snapshot", "--workspace", workspace(), "--connection",
                                      "demo", "--out", cached, "--from-cache", "--no-keyring"});
    ASSERT_EQ(fromCache.exitCode, 0) << describe(fromCache);
    std::ifstream in2(cached.toStdString());
    const auto json2 = nlohmann::json::parse(in2, nullptr, false);
    ASSERT_TRUE(json2.is_object());
    EXPECT_EQ(json2.at("value").size(), 14u);
}

TEST_F(CliTargetTest, SnapshotNeedsAnOutputAndRemovingAConnectionDropsItsCache)
{
    const auto noOut = runCliEnv({"target", "snapshot", "--workspace", workspace(), "--connection", "demo"});
    EXPECT_EQ(noOut.exitCode, 2) << describe(noOut);
    EXPECT_TRUE(noOut.err.contains("--out")) << str(noOut.err);
    const auto empty = runCliEnv({"target", "snapshot", "--workspace", workspace(), "--connection", "demo",
                                  "--out", m_dir.filePath("x.json"), "--from-cache"});
    EXPECT_EQ(empty.exitCode, 1) << describe(empty);
    EXPECT_FALSE(QFileInfo::exists(m_dir.filePath("x.json")));

    ASSERT_EQ(refresh(workspace(), {"--tables", "account"}).exitCode, 0);
    ASSERT_EQ(runCliEnv({"connection", "remove", "--workspace", workspace(), "--name", "demo"}).exitCode, 0);
    ASSERT_EQ(addEmulatorConnection("demo", {QStringLiteral("Ferry Migration 1=") + kUser1}).exitCode, 0);
    const auto r = show(workspace());
    EXPECT_EQ(r.exitCode, 1) << "the removed connection's metadata is still cached\n" << describe(r);
}

} // namespace
