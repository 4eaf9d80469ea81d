#include "cli_Process.h"

#include <ferry/Version.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceSchema.h>

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace ferry;
using ferry::test::runCli;

namespace {

std::string text(const QString &s)
{
    return s.toStdString();
}

TEST(CliTest, VersionPrintsTheBuildVersion)
{
    const auto r = runCli({"--version"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_EQ(r.out.trimmed(), QStringLiteral("ferry-cli %1").arg(QLatin1String(kVersion)));
    EXPECT_TRUE(r.err.isEmpty()) << text(r.err);
}

TEST(CliTest, HelpListsCommandsAndEveryExitCode)
{
    const auto r = runCli({"--help"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.contains("workspace create PATH")) << text(r.out);
    EXPECT_TRUE(r.out.contains("workspace info PATH")) << text(r.out);
    EXPECT_TRUE(r.out.contains("Exit codes:")) << text(r.out);
    for (const char *line :
         {"0  success", "1  runtime failure", "2  usage error", "3  the workspace cannot be opened"}) {
        EXPECT_TRUE(r.out.contains(QLatin1String(line))) << line << "\n" << text(r.out);
    }
    EXPECT_EQ(runCli({"-h"}).out, r.out);
    // Readable in a terminal: every line fits 100 columns (long usage lines alone may not, they are not
    // wrapped).
    for (const QString &line : r.out.split('\n')) {
        const bool usage = line.startsWith(QLatin1String("  ")) &&
                           !line.startsWith(QLatin1String("      ")) && !line.trimmed().front().isDigit();
        if (!usage) {
            EXPECT_LE(line.size(), 100) << text(line);
        }
    }
    // Each command's summary sits under its usage line.
    EXPECT_TRUE(r.out.contains("  workspace create PATH\n      Create a new, empty workspace file"))
        << text(r.out);
}

TEST(CliTest, CommandHelpShowsItsUsage)
{
    const auto r = runCli({"workspace", "info", "--help"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.contains("Usage: ferry-cli workspace info PATH")) << text(r.out);
}

TEST(CliTest, UnknownCommandIsAUsageError)
{
    const auto r = runCli({"teleport", "everything"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.startsWith("ferry-cli: error: unknown command 'teleport everything'")) << text(r.err);
    EXPECT_TRUE(r.out.isEmpty());
}

TEST(CliTest, NoCommandMissingOrExtraArgumentsAndUnknownOptionsAreUsageErrors)
{
    EXPECT_EQ(runCli({}).exitCode, 2);
    const auto group = runCli({"workspace"});
    EXPECT_EQ(group.exitCode, 2);
    EXPECT_TRUE(group.err.contains("'workspace' needs a subcommand: create, info")) << text(group.err);
    const auto missing = runCli({"workspace", "info"});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains("Usage: ferry-cli workspace info PATH")) << text(missing.err);
    EXPECT_EQ(runCli({"workspace", "info", "a", "b"}).exitCode, 2);
    const auto option = runCli({"workspace", "info", "--frobnicate", "a"});
    EXPECT_EQ(option.exitCode, 2);
    EXPECT_TRUE(option.err.contains("unknown option '--frobnicate'")) << text(option.err);
}

TEST(CliTest, CreateThenInfoShowsAnEmptyPlan)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath("migration.ferry");
    const auto created = runCli({"workspace", "create", path});
    EXPECT_EQ(created.exitCode, 0) << text(created.err);
    EXPECT_TRUE(created.out.contains(path)) << text(created.out);
    EXPECT_TRUE(QFileInfo::exists(path));

    const auto info = runCli({"workspace", "info", path});
    EXPECT_EQ(info.exitCode, 0) << text(info.err);
    EXPECT_TRUE(info.out.contains("Workspace:      " + path)) << text(info.out);
    EXPECT_TRUE(info.out.contains(
        QStringLiteral("Schema version: %1 (this Ferry writes %1)").arg(Workspace::currentSchemaVersion())))
        << text(info.out);
    EXPECT_TRUE(info.out.contains("(the plan is empty)")) << text(info.out);
    EXPECT_TRUE(info.err.isEmpty()) << text(info.err);
}

TEST(CliTest, CreatingTwiceFailsWithCodeThreeAndKeepsTheFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("twice.ferry");
    ASSERT_EQ(runCli({"workspace", "create", path}).exitCode, 0);
    const QByteArray before = [&] {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    const auto again = runCli({"workspace", "create", path});
    EXPECT_EQ(again.exitCode, 3);
    EXPECT_TRUE(again.err.startsWith("ferry-cli: error: ")) << text(again.err);
    EXPECT_TRUE(again.err.contains("already exists")) << text(again.err);
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), before);
}

TEST(CliTest, InfoOnAMissingFileFailsWithCodeThree)
{
    QTemporaryDir dir;
    const auto r = runCli({"workspace", "info", dir.filePath("nope.ferry")});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(r.err.contains("does not exist")) << text(r.err);
    EXPECT_FALSE(QFileInfo::exists(dir.filePath("nope.ferry")));
}

TEST(CliTest, InfoOnANewerVersionFileFailsWithCodeThreeAndSaysWhy)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("future.ferry");
    ASSERT_TRUE(Workspace::create(path).ok());
    const int newer = Workspace::currentSchemaVersion() + 5;
    ASSERT_TRUE(WorkspaceSchema::stampVersionForTesting(path, newer).ok());
    const auto r = runCli({"workspace", "info", path});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(r.err.startsWith("ferry-cli: error: ")) << text(r.err);
    EXPECT_TRUE(r.err.contains(QStringLiteral("written by a newer Ferry (schema version %1)").arg(newer)))
        << text(r.err);
    EXPECT_TRUE(r.err.contains("Upgrade Ferry to open it.")) << text(r.err);
    EXPECT_TRUE(r.out.isEmpty()) << text(r.out);
}

TEST(CliTest, InfoOnAGarbageFileFailsWithCodeThree)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("garbage.ferry");
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("this is not a database, it is a shopping list\n");
    }
    const auto r = runCli({"workspace", "info", path});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(r.err.contains("not a Ferry workspace")) << text(r.err);
}

TEST(CliTest, InfoUpgradesAnOlderFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("old.ferry");
    ASSERT_TRUE(WorkspaceSchema::createAtVersion(path, 1).ok());
    const auto r = runCli({"workspace", "info", path});
    EXPECT_EQ(r.exitCode, 0) << text(r.err);
    EXPECT_TRUE(r.out.contains(
        QStringLiteral("Schema version: %1 (this Ferry writes %1; upgraded now from version 1)")
            .arg(Workspace::currentSchemaVersion())))
        << text(r.out);
    const auto again = runCli({"workspace", "info", path});
    EXPECT_EQ(again.exitCode, 0);
    EXPECT_FALSE(again.out.contains("upgraded")) << text(again.out);
}

TEST(CliTest, InfoShowsThePlanAsAnAlignedTable)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("planned.ferry");
    {
        auto ws = Workspace::create(path);
        ASSERT_TRUE(ws.ok());
        ASSERT_TRUE((*ws)
                        ->setPlanEntries({{2, "contact", 125000, 4000, false, 8},
                                          {1, "account", 1200, 1200, true, 4},
                                          {3, "opportunity", 7, 0, false, 1}})
                        .ok());
    }
    const auto r = runCli({"workspace", "info", path});
    ASSERT_EQ(r.exitCode, 0) << text(r.err);
    const QStringList lines = r.out.split('\n');
    const qsizetype header =
        lines.indexOf(QRegularExpression("^Order\\s+Table\\s+To migrate\\s+Done\\s+Validated\\s+"
                                         "Workers$"));
    ASSERT_GE(header, 0) << text(r.out);
    ASSERT_GE(lines.size(), header + 4);
    const QStringList rows = lines.mid(header + 1, 3);
    EXPECT_TRUE(
        QRegularExpression("^\\s*1\\s+account\\s+1200\\s+1200\\s+yes\\s+4$").match(rows[0]).hasMatch())
        << text(rows[0]);
    EXPECT_TRUE(
        QRegularExpression("^\\s*2\\s+contact\\s+125000\\s+4000\\s+no\\s+8$").match(rows[1]).hasMatch())
        << text(rows[1]);
    EXPECT_TRUE(QRegularExpression("^\\s*3\\s+opportunity\\s+7\\s+0\\s+no\\s+1$").match(rows[2]).hasMatch())
        << text(rows[2]);
    // Aligned: each column starts at the same offset on every line (the "Table" column here).
    const qsizetype tableColumn = lines[header].indexOf("Table");
    for (const QString &row : rows) {
        EXPECT_EQ(row.indexOf(QRegularExpression("[a-z]")), tableColumn) << text(row);
    }
    // Right-aligned numbers end where their header ends.
    const qsizetype toMigrateEnd = lines[header].indexOf("To migrate") + QString("To migrate").size();
    EXPECT_EQ(rows[1].indexOf("125000") + 6, toMigrateEnd) << text(r.out);
    EXPECT_FALSE(r.out.contains("(the plan is empty)"));
    EXPECT_TRUE(r.out.contains("Tables in the plan: 3")) << text(r.out);
}

} // namespace
