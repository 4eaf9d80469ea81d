#pragma once
// Test thread: helpers for tests/target (real child processes with timeouts, temporary files, environment
// changes that are undone, profiles for the emulator's demo org).

#include <ferry/auth/ConnectionProfile.h>

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <string>

namespace ferry::test {

/// The demo org's tenant and first application user (resources/demo/org.json).
inline const QString kDemoTenant = QStringLiteral("ferry-demo");
inline const QString kDemoClient1 = QStringLiteral("f3b9778c-d9c0-54cc-b6c6-29cd1265e38d");
inline const QString kDemoSecret1 = QStringLiteral("demo-secret-1");
inline const QString kDemoUser1 = QStringLiteral("0c157a3c-6149-530c-a806-ffc2168bbd48");
inline const QString kDemoClient2 = QStringLiteral("0eeebb84-c8ec-5215-b712-1182edeac1f4");
inline const QString kDemoUser2 = QStringLiteral("4f445987-9428-53f0-81d7-9fc7af84ad6d");

/// Sets (or unsets, with nullopt) an environment variable and restores the old value when destroyed.
class EnvGuard
{
public:
    EnvGuard(const char *name, const std::optional<QByteArray> &value);
    ~EnvGuard();
    EnvGuard(const EnvGuard &) = delete;
    EnvGuard &operator=(const EnvGuard &) = delete;

private:
    QByteArray m_name;
    std::optional<QByteArray> m_old;
};

/// A child process that is killed when the object goes away.
class ChildProcess
{
public:
    /// Starts `program` and waits (at most `timeoutMs`) for a stdout line containing `readyText` (empty: only
    /// for the start). Returns nullptr and records why in `error` on failure.
    static std::unique_ptr<ChildProcess> start(const QString &program, const QStringList &args,
                                               const QString &readyText, QString *error,
                                               int timeoutMs = 10000, const QString &workingDir = {});
    ~ChildProcess();
    /// The first stdout line that contained readyText.
    QString readyLine() const { return m_readyLine; }

private:
    ChildProcess() = default;
    QProcess m_process;
    QString m_readyLine;
};

/// Runs a program to completion (with a timeout); returns its exit code, or -1 (with output in `output`).
int runProgram(const QString &program, const QStringList &args, QByteArray *output = nullptr,
               int timeoutMs = 30000, const QString &workingDir = {});

/// A loopback TCP port that was free a moment ago.
int freeLoopbackPort();

/// The tiny HTML server (html_server.py): answers every request with 200 text/html, echoing the request body.
std::unique_ptr<ChildProcess> startHtmlServer(int *port, QString *error);

/// A client-credentials profile for an emulator at `baseUrl` (the demo org's tenant and first app user).
auth::ConnectionProfile emulatorProfile(const std::string &baseUrl);

} // namespace ferry::test
