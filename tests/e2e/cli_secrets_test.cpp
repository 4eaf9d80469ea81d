// The secret-grep test the target issue asks for: every command that touches a connection runs with
// distinctive client secrets and verbose logging, then every captured stdout/stderr and every file the
// commands could have written (workspace and its -wal/-shm, snapshots, anything under HOME, the XDG dirs and
// TMPDIR) is searched for the secrets, raw and encoded. None may contain them.

#include "cli_TargetFixture.h"

#include <QDirIterator>
#include <QRandomGenerator>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace ferry::test;

namespace {

// A long random secret with characters that change under URL and JSON encoding, so the encoded forms differ
// from the raw one and are searched for separately.
QString distinctiveSecret()
{
    static const QString alphabet =
        QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=&%~!*");
    QString s = QStringLiteral("Fy+/=&%");
    for (int i = 0; i < 48; ++i)
        s += alphabet.at(QRandomGenerator::global()->bounded(static_cast<int>(alphabet.size())));
    return s;
}

// Every form in which a secret could leak: raw, percent-encoded (upper- and lower-case hex, as curl and Qt
// write them in a form body), and JSON-escaped.
struct Needle
{
    QByteArray bytes;
    QString form; ///< what the report prints instead of the secret itself
};

QList<Needle> forms(const QString &secret, const QString &name)
{
    const QByteArray raw = secret.toUtf8();
    const QByteArray percent = QUrl::toPercentEncoding(secret);
    QByteArray lower = percent;
    for (qsizetype i = 0; i + 2 < lower.size(); ++i)
        if (lower[i] == '%') {
            lower[i + 1] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[i + 1])));
            lower[i + 2] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[i + 2])));
        }
    QByteArray json = raw;
    json.replace("/", "\\/");
    QList<Needle> all = {{raw, name + " (raw)"},
                         {percent, name + " (percent-encoded)"},
                         {lower, name + " (percent-encoded, lower-case hex)"},
                         {json, name + " (JSON-escaped)"}};
    // Overlapping 16-character pieces catch a secret cut by a line break or truncated in a log line.
    for (qsizetype at = 0; at + 16 <= raw.size(); at += 8)
        all.append({raw.mid(at, 16), QStringLiteral("%1 (characters %2-%3)").arg(name).arg(at).arg(at + 15)});
    return all;
}

struct Leak
{
    QString where;
    QString form;
};

QList<Leak> findIn(const QByteArray &haystack, const QString &where, const QList<Needle> &needles)
{
    QList<Leak> leaks;
    for (const Needle &n : needles)
        if (haystack.contains(n.bytes))
            leaks.append({where, n.form});
    return leaks;
}

// Every regular file under `root`, except under `skip` (the files the test itself wrote the secrets into).
QList<Leak> findInTree(const QString &root, const QString &skip, const QList<Needle> &needles,
                       int *filesSearched)
{
    QList<Leak> leaks;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.startsWith(skip))
            continue;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        ++*filesSearched;
        leaks += findIn(f.readAll(), path, needles);
    }
    return leaks;
}

std::string report(const QList<Leak> &leaks)
{
    std::string s;
    for (const Leak &l : leaks)
        s += "  " + l.form.toStdString() + " in " + l.where.toStdString() + "\n";
    return s;
}

TEST(CliSecretsTest, NoOutputWorkspaceSnapshotOrLogHoldsASecret)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString given = dir.filePath("given");
    for (const char *sub : {"given", "home", "home/.config", "home/.cache", "home/.local/share",
                            "home/.local/state", "tmp", "out"})
        ASSERT_TRUE(QDir(dir.path()).mkpath(QLatin1String(sub)));

    // A copy of the demo org whose first two application users have distinctive secrets.
    const QString secret1 = distinctiveSecret();
    const QString secret2 = distinctiveSecret();
    std::ifstream demo(sourceDir() + "/resources/demo/org.json");
    auto org = nlohmann::json::parse(demo, nullptr, false);
    ASSERT_TRUE(org.is_object());
    auto &appUsers = org["x-ferry-emulator"]["appUsers"];
    ASSERT_EQ(appUsers[0]["clientId"], kUser1);
    ASSERT_EQ(appUsers[1]["clientId"], kUser2);
    appUsers[0]["clientSecret"] = secret1.toStdString();
    appUsers[1]["clientSecret"] = secret2.toStdString();
    const QString orgPath = given + "/org.json";
    {
        std::ofstream out(orgPath.toStdString());
        out << org.dump();
    }
    const QString secretsFile = given + "/secrets";
    ASSERT_TRUE(writeFileWithMode(secretsFile, QByteArray(kUser2) + " " + secret2.toUtf8() + "\n", 0600));

    const QList<Needle> needles = forms(secret1, "secret 1") + forms(secret2, "secret 2");
    // The search can fail: it finds the secrets where the test put them, raw and encoded.
    {
        QFile f(orgPath);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        ASSERT_FALSE(findIn(text, orgPath, forms(secret1, "secret 1")).isEmpty());
        ASSERT_FALSE(findIn(text, orgPath, forms(secret2, "secret 2")).isEmpty());
        int files = 0;
        ASSERT_GE(findInTree(given, QStringLiteral("/nowhere/"), needles, &files).size(), 2);
        ASSERT_EQ(files, 2);
        ASSERT_FALSE(findIn("client_secret=" + QUrl::toPercentEncoding(secret1), "form", needles).isEmpty());
        ASSERT_NE(QUrl::toPercentEncoding(secret1), secret1.toUtf8());
    }

    auto emulator = EmulatorProcess::start({}, orgPath.toStdString());
    ASSERT_TRUE(emulator);
    const QString url = QString::fromStdString(emulator->baseUrl());
    const QString ws = dir.filePath("migration.ferry");
    const QString home = dir.filePath("home");
    Env env = {{"HOME", home},
               {"XDG_CONFIG_HOME", home + "/.config"},
               {"XDG_CACHE_HOME", home + "/.cache"},
               {"XDG_DATA_HOME", home + "/.local/share"},
               {"XDG_STATE_HOME", home + "/.local/state"},
               {"TMPDIR", dir.filePath("tmp")},
               {"QT_LOGGING_RULES", "*.debug=true"},
               {secretVariable(kUser1), secret1}};
    Env withFileFromEnv = env;
    withFileFromEnv.insert("FERRY_SECRETS_FILE", secretsFile);

    const QString app1 = QStringLiteral("Migration 1=") + kUser1;
    const QString app2 = QStringLiteral("Migration 2=") + kUser2;
    struct Step
    {
        QStringList arguments;
        Env env;
        int expectedExit;
    };
    const QString snapshot = dir.filePath("out/org-snapshot.json");
    const QString cacheSnapshot = dir.filePath("out/org-from-cache.json");
    const QList<Step> steps = {
        {{"connection", "add", "--workspace", ws, "--name", "demo", "--url", url, "--tenant", kDemoTenant,
          "--kind", "emulator", "--app-user", app1, "--app-user", app2},
         env,
         0},
        {{"connection", "add", "--workspace", ws, "--name", "elsewhere", "--url", url, "--tenant",
          "no-such-tenant", "--kind", "emulator", "--app-user", app1},
         env,
         0},
        {{"connection", "list", "--workspace", ws}, env, 0},
        {{"connection", "show", "--workspace", ws, "--name", "demo"}, env, 0},
        {{"connection", "test", "--workspace", ws, "--name", "demo", "--secrets-file", secretsFile,
          "--no-keyring"},
         env,
         0},
        {{"connection", "test", "--workspace", ws, "--name", "demo", "--no-keyring"}, withFileFromEnv, 0},
        // Failures carry the secret in their request: their messages must not.
        {{"connection", "test", "--workspace", ws, "--name", "elsewhere", "--no-keyring"}, env, 5},
        {{"connection", "test", "--workspace", ws, "--name", "demo", "--no-keyring", "--user", kUser2},
         env,
         5},
        {{"connection", "test", "--workspace", ws, "--name", "demo", "--secret", secret1}, env, 2},
        {{"target", "refresh", "--workspace", ws, "--connection", "demo", "--no-keyring"}, env, 0},
        {{"target", "refresh", "--workspace", ws, "--connection", "demo", "--tables", "account",
          "--no-keyring"},
         env,
         0},
        {{"target", "show", "--workspace", ws, "--connection", "demo"}, env, 0},
        {{"target", "show", "--workspace", ws, "--connection", "demo", "--table", "account"}, env, 0},
        {{"target", "snapshot", "--workspace", ws, "--connection", "demo", "--out", snapshot, "--no-keyring"},
         env,
         0},
        {{"target", "snapshot", "--workspace", ws, "--connection", "demo", "--out", cacheSnapshot,
          "--from-cache"},
         env,
         0},
    };

    QList<Leak> leaks;
    int filesSearched = 0;
    for (const Step &step : steps) {
        const auto r = runCliEnv(step.arguments + QStringList{"--verbose"}, step.env, 60000);
        const QString what = step.arguments.mid(0, 2).join(' ');
        EXPECT_EQ(r.exitCode, step.expectedExit) << str(what) << "\n" << describe(r);
        leaks += findIn(r.out.toUtf8(), "stdout of " + what, needles);
        leaks += findIn(r.err.toUtf8(), "stderr of " + what, needles);
        // After every step, so a -wal or temporary file that a later step removes is searched too.
        leaks += findInTree(dir.path(), given, needles, &filesSearched);
    }
    EXPECT_TRUE(leaks.isEmpty()) << "the secrets leaked:\n" << report(leaks);

    // The search above looked at what it should: the workspace and both snapshots exist and were read.
    EXPECT_TRUE(QFileInfo::exists(ws));
    EXPECT_TRUE(QFileInfo::exists(snapshot));
    EXPECT_TRUE(QFileInfo::exists(cacheSnapshot));
    EXPECT_GE(filesSearched, 3 * 3);
}

} // namespace
