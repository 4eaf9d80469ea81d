// ferry-cli connection add/list/show/remove/test and signin, as real processes against a real ferry-emulator.

#include "cli_TargetFixture.h"

#include <QFileInfo>

#include <csignal>

using namespace ferry::test;

namespace {

const QString kApp1 = QStringLiteral("Ferry Migration 1=") + QLatin1String(kUser1);
const QString kApp2 = QStringLiteral("Ferry Migration 2=") + QLatin1String(kUser2);

class CliConnectionTest : public EmulatorCliTest
{
protected:
    CliOutcome list() const { return runCliEnv({"connection", "list", "--workspace", workspace()}); }
    CliOutcome test(const QString &name, const Env &env, const QStringList &extra = {}) const
    {
        return runCliEnv(
            QStringList{"connection", "test", "--workspace", workspace(), "--name", name} + extra, env);
    }
};

TEST_F(CliConnectionTest, EveryCommandHasHelpAndTheSignInOnesSayWhereSecretsComeFrom)
{
    const QList<QStringList> signingIn = {{"connection", "add"},
                                          {"connection", "test"},
                                          {"signin"},
                                          {"target", "refresh"},
                                          {"target", "snapshot"}};
    for (const QStringList &words : signingIn) {
        for (const QString &help : {QStringLiteral("--help"), QStringLiteral("-h")}) {
            const auto r = runCliEnv(words + QStringList{help});
            const std::string what = words.join(' ').toStdString();
            ASSERT_EQ(r.exitCode, 0) << what << "\n" << describe(r);
            EXPECT_TRUE(r.out.startsWith("Usage: ferry-cli " + words.join(' '))) << what << "\n"
                                                                                 << str(r.out);
            for (const char *needle :
                 {"FERRY_SECRET_<CLIENT_ID>", "FERRY_CLIENT_SECRET", "--secrets-file", "FERRY_SECRETS_FILE",
                  "chmod 600", "keyring", "--no-keyring", "--secret"}) {
                EXPECT_TRUE(r.out.contains(QLatin1String(needle))) << what << " --help lacks " << needle;
            }
        }
    }
    // --help after other options also shows the help, without running the command.
    const auto late = runCliEnv({"connection", "test", "--name", "x", "--help"});
    EXPECT_EQ(late.exitCode, 0) << describe(late);
    EXPECT_TRUE(late.out.contains("FERRY_SECRETS_FILE"));
    for (const QStringList &words : QList<QStringList>{
             {"connection", "list"}, {"connection", "show"}, {"connection", "remove"}, {"target", "show"}}) {
        const auto r = runCliEnv(words + QStringList{"--help"});
        EXPECT_EQ(r.exitCode, 0) << describe(r);
        EXPECT_TRUE(r.out.contains("--workspace")) << str(r.out);
    }
    const auto top = runCliEnv({"--help"});
    EXPECT_TRUE(top.out.contains("connection add")) << str(top.out);
    EXPECT_TRUE(top.out.contains("target snapshot")) << str(top.out);
    EXPECT_TRUE(top.out.contains("  5  cannot sign in to or reach the target")) << str(top.out);
    EXPECT_TRUE(top.out.contains("  130  interrupted")) << str(top.out);
}

TEST_F(CliConnectionTest, AddListShowRemove)
{
    const auto added = addEmulatorConnection("rehearsal", {kApp1, kApp2});
    ASSERT_EQ(added.exitCode, 0) << describe(added);
    EXPECT_TRUE(QFileInfo::exists(workspace()));
    EXPECT_TRUE(added.out.contains(secretVariable(kUser1))) << str(added.out);
    EXPECT_TRUE(added.out.contains(secretVariable(kUser2))) << str(added.out);
    const auto other = runCliEnv({"connection", "add", "--workspace", workspace(), "--name", "production",
                                  "--url", "https://contoso.crm4.dynamics.com/", "--tenant",
                                  "contoso.onmicrosoft.com", "--client-id", kUser2});
    ASSERT_EQ(other.exitCode, 0) << describe(other);

    const auto l = list();
    ASSERT_EQ(l.exitCode, 0) << describe(l);
    const QStringList lines = l.out.split('\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 3) << str(l.out);
    EXPECT_TRUE(lines[0].startsWith("Name")) << str(l.out);
    EXPECT_TRUE(l.out.contains(
        QRegularExpression("production +dataverse +client-credentials +contoso.onmicrosoft.com +1 "
                           "+https://contoso.crm4.dynamics.com/")))
        << str(l.out);
    EXPECT_TRUE(l.out.contains(QRegularExpression("rehearsal +emulator +client-credentials +ferry-demo +2 +" +
                                                  QRegularExpression::escape(emulatorUrl()))))
        << str(l.out);

    const auto shown = runCliEnv({"connection", "show", "--workspace", workspace(), "--name", "rehearsal"});
    ASSERT_EQ(shown.exitCode, 0) << describe(shown);
    for (const QString &needle :
         {QStringLiteral("ferry-demo"), emulatorUrl(), QStringLiteral("Ferry Migration 1"),
          QStringLiteral("Ferry Migration 2"), QString(kUser1), QString(kUser2), secretVariable(kUser1),
          secretVariable(kUser2)})
        EXPECT_TRUE(shown.out.contains(needle)) << str(needle) << "\n" << str(shown.out);

    const auto removed =
        runCliEnv({"connection", "remove", "--workspace", workspace(), "--name", "rehearsal"});
    ASSERT_EQ(removed.exitCode, 0) << describe(removed);
    const auto after = list();
    EXPECT_FALSE(after.out.contains("rehearsal")) << str(after.out);
    EXPECT_TRUE(after.out.contains("production")) << str(after.out);
    const auto gone = runCliEnv({"connection", "show", "--workspace", workspace(), "--name", "rehearsal"});
    EXPECT_NE(gone.exitCode, 0);
    EXPECT_TRUE(gone.err.contains("rehearsal")) << str(gone.err);
    EXPECT_NE(runCliEnv({"connection", "remove", "--workspace", workspace(), "--name", "rehearsal"}).exitCode,
              0);
}

TEST_F(CliConnectionTest, InvalidInputIsAUsageErrorAndStoresNothing)
{
    // Into a workspace that does not exist yet: it must not be created.
    for (const QString &url : {QStringLiteral("not a url"), QStringLiteral("contoso.crm.dynamics.com"),
                               QStringLiteral("http://contoso.crm.dynamics.com/")}) {
        const auto r = runCliEnv({"connection", "add", "--workspace", workspace(), "--name", "bad", "--url",
                                  url, "--tenant", "t", "--client-id", kUser1});
        EXPECT_EQ(r.exitCode, 2) << str(url) << "\n" << describe(r);
        EXPECT_TRUE(r.err.startsWith("ferry-cli: error: ")) << str(r.err);
        EXPECT_TRUE(r.err.contains("URL", Qt::CaseInsensitive) || r.err.contains("https")) << str(r.err);
        EXPECT_FALSE(QFileInfo::exists(workspace())) << str(url);
    }
    const auto missing = runCliEnv({"connection", "add", "--workspace", workspace(), "--name", "bad", "--url",
                                    "https://contoso.crm.dynamics.com/"});
    EXPECT_EQ(missing.exitCode, 2) << describe(missing);
    EXPECT_TRUE(missing.err.contains("--tenant")) << str(missing.err);
    const auto badUser = addEmulatorConnection("bad", {"no-equals-sign"});
    EXPECT_EQ(badUser.exitCode, 2) << describe(badUser);
    EXPECT_TRUE(badUser.err.contains("NAME=CLIENT_ID")) << str(badUser.err);
    const auto kind =
        runCliEnv({"connection", "add", "--workspace", workspace(), "--name", "bad", "--url", emulatorUrl(),
                   "--tenant", kDemoTenant, "--client-id", kUser1, "--kind", "sharepoint"});
    EXPECT_EQ(kind.exitCode, 2) << describe(kind);
    EXPECT_TRUE(kind.err.contains("sharepoint")) << str(kind.err);
    EXPECT_EQ(
        addEmulatorConnection("bad", {kApp1}, {}, {}, QLatin1String(kDemoTenant), {"--sign-in", "password"})
            .exitCode,
        2);
    EXPECT_FALSE(QFileInfo::exists(workspace()));

    // Into an existing workspace: the good connection stays, the bad one is not there.
    ASSERT_EQ(addEmulatorConnection("good", {kApp1}).exitCode, 0);
    const auto bad = addEmulatorConnection("bad", {kApp1}, {}, QStringLiteral("ftp://"));
    EXPECT_EQ(bad.exitCode, 2) << describe(bad);
    const auto l = list();
    EXPECT_TRUE(l.out.contains("good")) << str(l.out);
    EXPECT_FALSE(l.out.contains("bad")) << str(l.out);
}

TEST_F(CliConnectionTest, DuplicateNameIsRefusedAndTheFirstStays)
{
    ASSERT_EQ(addEmulatorConnection("demo", {kApp1}).exitCode, 0);
    const auto again = addEmulatorConnection("demo", {kApp2}, {}, QStringLiteral("http://127.0.0.1:1/"));
    EXPECT_EQ(again.exitCode, 1) << describe(again);
    EXPECT_TRUE(again.err.contains("demo")) << str(again.err);
    const auto shown = runCliEnv({"connection", "show", "--workspace", workspace(), "--name", "demo"});
    EXPECT_TRUE(shown.out.contains(kUser1)) << str(shown.out);
    EXPECT_FALSE(shown.out.contains(kUser2)) << str(shown.out);
    EXPECT_TRUE(shown.out.contains(emulatorUrl())) << str(shown.out);
}

TEST_F(CliConnectionTest, ASecretOnTheCommandLineIsRefusedWithoutEchoingIt)
{
    const QString secret = QStringLiteral("hunter2-on-the-command-line");
    for (const QStringList &tail :
         QList<QStringList>{{"--secret", secret}, {"--client-secret=" + secret}, {"--password", secret}}) {
        const auto r =
            runCliEnv(QStringList{"connection", "add", "--workspace", workspace(), "--name", "x", "--url",
                                  emulatorUrl(), "--tenant", kDemoTenant, "--client-id", kUser1} +
                      tail);
        EXPECT_EQ(r.exitCode, 2) << describe(r);
        EXPECT_TRUE(r.err.contains("FERRY_SECRET_")) << str(r.err);
        EXPECT_TRUE(r.err.contains("--secrets-file")) << str(r.err);
        EXPECT_FALSE(r.err.contains(secret) || r.out.contains(secret)) << describe(r);
    }
    const auto t =
        runCliEnv({"connection", "test", "--workspace", workspace(), "--name", "x", "--secret", secret});
    EXPECT_EQ(t.exitCode, 2) << describe(t);
    EXPECT_FALSE(t.err.contains(secret));
    EXPECT_FALSE(QFileInfo::exists(workspace()));
}

TEST_F(CliConnectionTest, TestSignsInWithASecretFromTheEnvironmentAndPrintsWhoAmIAndLimits)
{
    ASSERT_EQ(addEmulatorConnection("demo", {kApp1}).exitCode, 0);
    const auto r = test("demo", {{secretVariable(kUser1), kSecret1}}, {"--no-keyring"});
    ASSERT_EQ(r.exitCode, 0) << describe(r);
    for (const char *needle : {kUser1Id, "Ferry Migration 1", kDemoOrgId, kDemoBusinessUnit})
        EXPECT_TRUE(r.out.contains(QLatin1String(needle))) << needle << "\n" << str(r.out);
    EXPECT_TRUE(r.out.contains(QRegularExpression("x-ms-dop-hint: +4 "))) << str(r.out);
    EXPECT_TRUE(r.out.contains(QRegularExpression("Requests left: +\\d+ "))) << str(r.out);
    EXPECT_TRUE(r.out.contains(QRegularExpression("Execution time left: +[\\d.]+ s"))) << str(r.out);
    EXPECT_FALSE(r.out.contains(kSecret1) || r.err.contains(kSecret1));

    // A single application user may also take FERRY_CLIENT_SECRET.
    const auto single = test("demo", {{"FERRY_CLIENT_SECRET", kSecret1}}, {"--no-keyring"});
    EXPECT_EQ(single.exitCode, 0) << describe(single);
    EXPECT_TRUE(single.out.contains(kUser1Id)) << str(single.out);
}

TEST_F(CliConnectionTest, TestEachAppUserOrOneWithAnOwnerOnlySecretsFile)
{
    ASSERT_EQ(addEmulatorConnection("demo", {kApp1, kApp2}).exitCode, 0);
    const QString file = m_dir.filePath("secrets");
    ASSERT_TRUE(writeFileWithMode(file,
                                  QByteArray("# rehearsal secrets\n") + kUser1 + " " + kSecret1 + "\n" +
                                      kUser2 + " " + kSecret2 + "\n",
                                  0600));
    const auto both = test("demo", {}, {"--secrets-file", file, "--no-keyring"});
    ASSERT_EQ(both.exitCode, 0) << describe(both);
    EXPECT_TRUE(both.out.contains(kUser1Id)) << str(both.out);
    EXPECT_TRUE(both.out.contains(kUser2Id)) << str(both.out);
    EXPECT_TRUE(both.out.contains("Ferry Migration 2")) << str(both.out);

    const auto one = test("demo", {}, {"--secrets-file", file, "--no-keyring", "--user", kUser2});
    ASSERT_EQ(one.exitCode, 0) << describe(one);
    EXPECT_TRUE(one.out.contains(kUser2Id)) << str(one.out);
    EXPECT_FALSE(one.out.contains(kUser1Id)) << str(one.out);

    // FERRY_SECRETS_FILE names the same file.
    const auto viaEnv = test("demo", {{"FERRY_SECRETS_FILE", file}}, {"--no-keyring", "--user", kUser1});
    EXPECT_EQ(viaEnv.exitCode, 0) << describe(viaEnv);

    const auto unknown =
        test("demo", {}, {"--secrets-file", file, "--user", "00000000-0000-0000-0000-000000000000"});
    EXPECT_EQ(unknown.exitCode, 2) << describe(unknown);
    EXPECT_TRUE(unknown.err.contains(kUser1)) << str(unknown.err);
}

TEST_F(CliConnectionTest, AGroupReadableSecretsFileIsRefused)
{
    ASSERT_EQ(addEmulatorConnection("demo", {kApp1}).exitCode, 0);
    const QString file = m_dir.filePath("secrets");
    ASSERT_TRUE(writeFileWithMode(file, QByteArray(kUser1) + " " + kSecret1 + "\n", 0640));
    const auto r = test("demo", {}, {"--secrets-file", file, "--no-keyring"});
    EXPECT_EQ(r.exitCode, 5) << describe(r);
    EXPECT_TRUE(r.err.contains("chmod 600")) << str(r.err);
    EXPECT_FALSE(r.err.contains(kSecret1) || r.out.contains(kSecret1)) << describe(r);
    EXPECT_FALSE(r.out.contains(kUser1Id)) << "signed in with a refused file\n" << describe(r);
}

TEST_F(CliConnectionTest, AWrongSecretAMissingSecretAnUnknownTenantAndNoServerGetClearMessages)
{
    ASSERT_EQ(addEmulatorConnection("demo", {kApp1}).exitCode, 0);
    const QString wrong = QStringLiteral("not-the-secret-4711");
    const auto w = test("demo", {{secretVariable(kUser1), wrong}}, {"--no-keyring"});
    EXPECT_EQ(w.exitCode, 5) << describe(w);
    EXPECT_TRUE(w.err.contains("secret", Qt::CaseInsensitive)) << str(w.err);
    EXPECT_TRUE(w.err.contains(kUser1)) << "the message should say which user\n" << str(w.err);
    EXPECT_FALSE(w.err.contains(wrong) || w.out.contains(wrong)) << describe(w);

    const auto none = test("demo", {}, {"--no-keyring"});
    EXPECT_EQ(none.exitCode, 5) << describe(none);
    EXPECT_TRUE(none.err.contains(secretVariable(kUser1))) << "should say where it looked\n" << str(none.err);

    ASSERT_EQ(addEmulatorConnection("elsewhere", {kApp1}, {}, {}, QStringLiteral("no-such-tenant")).exitCode,
              0);
    const auto t = test("elsewhere", {{secretVariable(kUser1), kSecret1}}, {"--no-keyring"});
    EXPECT_EQ(t.exitCode, 5) << describe(t);
    EXPECT_TRUE(t.err.contains("no-such-tenant")) << str(t.err);
    EXPECT_TRUE(t.err.contains("tenant", Qt::CaseInsensitive)) << str(t.err);
    EXPECT_FALSE(t.err.contains(kSecret1));

    ASSERT_EQ(addEmulatorConnection("nobody", {kApp1}, {}, QStringLiteral("http://127.0.0.1:1/")).exitCode,
              0);
    const auto n = test("nobody", {{secretVariable(kUser1), kSecret1}}, {"--no-keyring"});
    EXPECT_EQ(n.exitCode, 5) << describe(n);
    EXPECT_TRUE(n.err.contains("127.0.0.1")) << str(n.err);

    const auto unknownConnection = test("nope", {});
    EXPECT_EQ(unknownConnection.exitCode, 1) << describe(unknownConnection);
    EXPECT_TRUE(unknownConnection.err.contains("nope")) << str(unknownConnection.err);
}

class CliSignInTest : public EmulatorCliTest
{
protected:
    std::unique_ptr<QProcess> startSignIn()
    {
        const auto added = addEmulatorConnection("person", {}, {}, {}, QLatin1String(kDemoTenant),
                                                 {"--sign-in", "device-code", "--client-id", kUser1});
        EXPECT_EQ(added.exitCode, 0) << describe(added);
        return startCli({"signin", "--workspace", workspace(), "--connection", "person"});
    }
    static QRegularExpression codePattern() { return QRegularExpression("enter the code ([A-Z0-9]{6,})"); }
};

TEST_F(CliSignInTest, DeviceCodeSignInPrintsTheCodeAndSucceedsOnceApproved)
{
    auto process = startSignIn();
    const KillAtExit guard{*process};
    QString err;
    const QString code = waitForStderr(*process, err, codePattern());
    ASSERT_FALSE(code.isEmpty()) << "no user code on stderr:\n" << str(err);
    EXPECT_TRUE(err.contains(emulatorUrl() + "devicelogin")) << str(err);
    const auto approved = httpRequest(
        "POST", s_emulator->baseUrl() + "_emulator/devicecode/approve", {"Content-Type: application/json"},
        R"({"user_code":")" + code.toStdString() + R"(","user":"Ferry Migration 1"})");
    ASSERT_TRUE(approved.status >= 200 && approved.status < 300) << approved.status << " " << approved.body;
    const bool finished = process->waitForFinished(30000);
    if (!finished)
        process->kill();
    ASSERT_TRUE(finished) << "signin did not finish after the approval";
    const QString out = QString::fromUtf8(process->readAllStandardOutput());
    err += QString::fromUtf8(process->readAllStandardError());
    EXPECT_EQ(process->exitCode(), 0) << str(out) << str(err);
    expectNoSanitizerReport(err);
    EXPECT_TRUE(out.contains("Ferry Migration 1")) << str(out);
    EXPECT_TRUE(out.contains(kUser1Id)) << str(out);
}

TEST_F(CliSignInTest, CtrlCCancelsAWaitingSignInCleanly)
{
    auto process = startSignIn();
    const KillAtExit guard{*process};
    QString err;
    ASSERT_FALSE(waitForStderr(*process, err, codePattern()).isEmpty()) << str(err);
    ::kill(static_cast<pid_t>(process->processId()), SIGINT);
    const bool finished = process->waitForFinished(15000);
    if (!finished)
        process->kill();
    ASSERT_TRUE(finished) << "Ctrl-C did not stop the sign-in";
    err += QString::fromUtf8(process->readAllStandardError());
    EXPECT_EQ(process->exitStatus(), QProcess::NormalExit)
        << "killed by the signal instead of stopping cleanly";
    EXPECT_EQ(process->exitCode(), 130) << str(err);
    expectNoSanitizerReport(err);
    EXPECT_TRUE(err.contains("cancel", Qt::CaseInsensitive)) << str(err);
}

TEST_F(CliSignInTest, SignInOnAClientCredentialsConnectionPointsAtConnectionTest)
{
    ASSERT_EQ(addEmulatorConnection("apps", {kApp1}).exitCode, 0);
    const auto r = runCliEnv({"signin", "--workspace", workspace(), "--connection", "apps"});
    EXPECT_EQ(r.exitCode, 2) << describe(r);
    EXPECT_TRUE(r.err.contains("connection test")) << str(r.err);
}

} // namespace
