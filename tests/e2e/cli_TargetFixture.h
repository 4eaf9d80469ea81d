#pragma once
// Test thread: what the target-side CLI tests share: ferry-cli run with a controlled environment (no FERRY_*
// variable or desktop keyring of the developer leaks in), the demo org's application users, one real
// ferry-emulator process per test suite, and workspaces in temporary directories.

#include "EmulatorProcess.h"
#include "cli_Process.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

#include <sys/stat.h>

namespace ferry::test {

inline constexpr const char *kDemoTenant = "ferry-demo";
inline constexpr const char *kUser1 = "f3b9778c-d9c0-54cc-b6c6-29cd1265e38d";   // "Ferry Migration 1"
inline constexpr const char *kUser1Id = "0c157a3c-6149-530c-a806-ffc2168bbd48"; // its systemuserid
inline constexpr const char *kSecret1 = "demo-secret-1";
inline constexpr const char *kUser2 = "0eeebb84-c8ec-5215-b712-1182edeac1f4"; // "Ferry Migration 2"
inline constexpr const char *kUser2Id = "4f445987-9428-53f0-81d7-9fc7af84ad6d";
inline constexpr const char *kSecret2 = "demo-secret-2";
inline constexpr const char *kDemoOrgId = "c522335b-f68c-524a-948f-414206053a3c";
inline constexpr const char *kDemoBusinessUnit = "94eba68e-e4d3-551f-a7cb-4fbf0d535c6f";

using Env = QMap<QString, QString>;

/// The variable --help documents for a client id: FERRY_SECRET_ + upper case, '-' as '_'. Written out here
/// rather than taken from SecretStore, so a drift between the help and the code fails a test.
inline QString secretVariable(const QString &clientId)
{
    return QStringLiteral("FERRY_SECRET_") + clientId.toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

/// This process's environment without FERRY_* and without a session bus (so no test ever reaches the
/// developer's keyring, even without --no-keyring), plus `env`.
inline QProcessEnvironment cliEnvironment(const Env &env)
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const QString &key : e.keys())
        if (key.startsWith(QLatin1String("FERRY_")))
            e.remove(key);
    e.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    e.remove(QStringLiteral("XDG_RUNTIME_DIR")); // its bus socket would reach the keyring too
    for (auto it = env.begin(); it != env.end(); ++it)
        e.insert(it.key(), it.value());
    return e;
}

/// Fails the test when a sanitizer reported on ferry-cli's stderr: in the sanitizer build an error exits 1,
/// which a test that expects a failure could otherwise take for the expected one.
inline void expectNoSanitizerReport(const QString &err)
{
    for (const char *marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"})
        EXPECT_FALSE(err.contains(QLatin1String(marker))) << "sanitizer report from ferry-cli:\n"
                                                          << err.toStdString();
}

/// runCli with an environment (see cliEnvironment).
inline CliOutcome runCliEnv(const QStringList &arguments, const Env &env = {}, int timeoutMs = 30000)
{
    QProcess process;
    process.setProgram(QStringLiteral(FERRY_CLI_EXE));
    process.setArguments(arguments);
    process.setProcessEnvironment(cliEnvironment(env));
    process.start();
    CliOutcome outcome;
    if (!process.waitForStarted(timeoutMs)) {
        ADD_FAILURE() << "ferry-cli did not start: " << process.errorString().toStdString();
        return outcome;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        ADD_FAILURE() << "ferry-cli " << arguments.join(' ').toStdString() << " did not finish within "
                      << timeoutMs << " ms";
        return outcome;
    }
    outcome.out = QString::fromUtf8(process.readAllStandardOutput());
    outcome.err = QString::fromUtf8(process.readAllStandardError());
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    expectNoSanitizerReport(outcome.err);
    return outcome;
}

/// Starts ferry-cli without waiting (device code sign-in, Ctrl-C). The caller waits and kills.
inline std::unique_ptr<QProcess> startCli(const QStringList &arguments, const Env &env = {})
{
    auto process = std::make_unique<QProcess>();
    process->setProgram(QStringLiteral(FERRY_CLI_EXE));
    process->setArguments(arguments);
    process->setProcessEnvironment(cliEnvironment(env));
    process->start();
    if (!process->waitForStarted(10000))
        ADD_FAILURE() << "ferry-cli did not start: " << process->errorString().toStdString();
    return process;
}

/// Kills a process started by startCli() when the test leaves early (a failed assertion).
struct KillAtExit
{
    QProcess &process;
    ~KillAtExit()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
};

/// Reads the process's stderr into `collected` until `pattern` matches (returns its first group) or
/// `timeoutMs` passes (returns an empty string).
inline QString waitForStderr(QProcess &process, QString &collected, const QRegularExpression &pattern,
                             int timeoutMs = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        collected += QString::fromUtf8(process.readAllStandardError());
        const auto match = pattern.match(collected);
        if (match.hasMatch())
            return match.captured(1);
        if (process.state() == QProcess::NotRunning)
            break;
        process.waitForReadyRead(100);
    }
    collected += QString::fromUtf8(process.readAllStandardError());
    return QString();
}

/// Writes `text` to `path` with exactly `mode` (e.g. 0600).
inline bool writeFileWithMode(const QString &path, const QByteArray &text, mode_t mode)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
        return false;
    f.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

inline std::string str(const QString &s)
{
    return s.toStdString();
}

/// Everything a failed assertion should show about a ferry-cli run.
inline std::string describe(const CliOutcome &r)
{
    return "exit " + std::to_string(r.exitCode) + "\n--- stdout\n" + r.out.toStdString() + "--- stderr\n" +
           r.err.toStdString();
}

/// A test suite with one ferry-emulator (the demo org unless the suite says otherwise) and a fresh temporary
/// directory per test.
class EmulatorCliTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite() { s_emulator = EmulatorProcess::start(); }
    static void TearDownTestSuite() { s_emulator.reset(); }

    void SetUp() override
    {
        ASSERT_TRUE(s_emulator) << "ferry-emulator did not start";
        ASSERT_TRUE(m_dir.isValid());
    }

    QString workspace() const { return m_dir.filePath(QStringLiteral("migration.ferry")); }
    static QString emulatorUrl() { return QString::fromStdString(s_emulator->baseUrl()); }

    /// connection add for the emulator with the given users ("NAME=CLIENT_ID") into `ws` (default:
    /// workspace()).
    CliOutcome addEmulatorConnection(const QString &name, const QStringList &appUsers, const QString &ws = {},
                                     const QString &url = {},
                                     const QString &tenant = QLatin1String(kDemoTenant),
                                     const QStringList &extra = {}) const
    {
        QStringList args = {QStringLiteral("connection"),  QStringLiteral("add"),
                            QStringLiteral("--workspace"), ws.isEmpty() ? workspace() : ws,
                            QStringLiteral("--name"),      name,
                            QStringLiteral("--url"),       url.isEmpty() ? emulatorUrl() : url,
                            QStringLiteral("--tenant"),    tenant,
                            QStringLiteral("--kind"),      QStringLiteral("emulator")};
        for (const QString &u : appUsers)
            args << QStringLiteral("--app-user") << u;
        args << extra;
        return runCliEnv(args);
    }

    static inline std::unique_ptr<EmulatorProcess> s_emulator;
    QTemporaryDir m_dir;
};

} // namespace ferry::test
