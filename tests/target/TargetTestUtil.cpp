#include "TargetTestUtil.h"

#include <QDeadlineTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ferry::test {

EnvGuard::EnvGuard(const char *name, const std::optional<QByteArray> &value) : m_name(name)
{
    if (qEnvironmentVariableIsSet(name))
        m_old = qgetenv(name);
    if (value)
        qputenv(name, *value);
    else
        qunsetenv(name);
}

EnvGuard::~EnvGuard()
{
    if (m_old)
        qputenv(m_name.constData(), *m_old);
    else
        qunsetenv(m_name.constData());
}

std::unique_ptr<ChildProcess> ChildProcess::start(const QString &program, const QStringList &args,
                                                  const QString &readyText, QString *error, int timeoutMs,
                                                  const QString &workingDir)
{
    std::unique_ptr<ChildProcess> child(new ChildProcess);
    child->m_process.setProcessChannelMode(QProcess::SeparateChannels);
    if (!workingDir.isEmpty())
        child->m_process.setWorkingDirectory(workingDir);
    child->m_process.start(program, args);
    if (!child->m_process.waitForStarted(timeoutMs)) {
        *error = QStringLiteral("%1 did not start: %2").arg(program, child->m_process.errorString());
        return nullptr;
    }
    if (readyText.isEmpty())
        return child;
    QDeadlineTimer deadline(timeoutMs);
    QByteArray seen;
    while (!deadline.hasExpired()) {
        while (child->m_process.canReadLine()) {
            const QString line = QString::fromUtf8(child->m_process.readLine()).trimmed();
            seen += line.toUtf8() + '\n';
            if (line.contains(readyText)) {
                child->m_readyLine = line;
                return child;
            }
        }
        if (child->m_process.state() != QProcess::Running) {
            *error = QStringLiteral("%1 exited before it was ready: %2 %3")
                         .arg(program, QString::fromUtf8(seen),
                              QString::fromUtf8(child->m_process.readAllStandardError()));
            return nullptr;
        }
        child->m_process.waitForReadyRead(100);
    }
    *error = QStringLiteral("%1 was not ready within %2 ms (stdout: %3; stderr: %4)")
                 .arg(program)
                 .arg(timeoutMs)
                 .arg(QString::fromUtf8(seen), QString::fromUtf8(child->m_process.readAllStandardError()));
    return nullptr;
}

ChildProcess::~ChildProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

int runProgram(const QString &program, const QStringList &args, QByteArray *output, int timeoutMs,
               const QString &workingDir)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(program, args);
    if (!p.waitForStarted(timeoutMs)) {
        if (output)
            *output = p.errorString().toUtf8();
        return -1;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        if (output)
            *output = p.readAll() + "\n(timed out)";
        return -1;
    }
    if (output)
        *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

int freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

std::unique_ptr<ChildProcess> startHtmlServer(int *port, QString *error)
{
    auto server = ChildProcess::start(QStringLiteral("python3"),
                                      {QStringLiteral(FERRY_TARGET_TEST_DIR "/html_server.py")},
                                      QStringLiteral("listening on"), error);
    if (server)
        *port = server->readyLine().section(QLatin1Char(':'), -1).toInt();
    return server;
}

auth::ConnectionProfile emulatorProfile(const std::string &baseUrl)
{
    auth::ConnectionProfile p;
    p.name = QStringLiteral("emulator");
    p.kind = QStringLiteral("emulator");
    p.environmentUrl = QUrl(QString::fromStdString(baseUrl));
    p.tenant = kDemoTenant;
    p.appUsers = {auth::AppUser{QStringLiteral("Migration 1"), kDemoClient1, true}};
    return p;
}

} // namespace ferry::test
