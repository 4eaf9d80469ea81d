// Test thread: HttpClient against real servers on loopback (openssl s_server for TLS, ferry-emulator for
// plain HTTP and proxies from the environment).
#include "EmulatorProcess.h"
#include "TargetTestUtil.h"

#include <ferry/net/HttpClient.h>

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace ferry;
using namespace ferry::net;
using ferry::test::ChildProcess;
using ferry::test::EnvGuard;

namespace {

/// A self-signed certificate for the given subjectAltName, written into `dir`.
bool makeCertificate(const QTemporaryDir &dir, const QString &name, const QString &san, QString *error)
{
    QByteArray out;
    const int rc = ferry::test::runProgram(
        QStringLiteral("openssl"),
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
         QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
         QStringLiteral("-keyout"), dir.filePath(name + QStringLiteral(".key")), QStringLiteral("-out"),
         dir.filePath(name + QStringLiteral(".pem")), QStringLiteral("-subj"),
         QStringLiteral("/CN=localhost"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=") + san},
        &out, 30000);
    if (rc != 0)
        *error = QStringLiteral("openssl req failed (install openssl): ") + QString::fromUtf8(out);
    return rc == 0;
}

/// openssl s_server -www on a free loopback port with the given certificate.
std::unique_ptr<ChildProcess> startTlsServer(const QTemporaryDir &dir, const QString &name, int *port,
                                             QString *error)
{
    for (int attempt = 0; attempt < 3; ++attempt) {
        *port = ferry::test::freeLoopbackPort();
        auto server = ChildProcess::start(
            QStringLiteral("openssl"),
            {QStringLiteral("s_server"), QStringLiteral("-accept"), QStringLiteral("127.0.0.1:%1").arg(*port),
             QStringLiteral("-cert"), dir.filePath(name + QStringLiteral(".pem")), QStringLiteral("-key"),
             dir.filePath(name + QStringLiteral(".key")), QStringLiteral("-www")},
            QStringLiteral("ACCEPT"), error, 10000);
        if (server)
            return server;
    }
    return nullptr;
}

HttpRequest get(const QString &url)
{
    HttpRequest r;
    r.url = QUrl(url);
    r.timeout = std::chrono::seconds(10);
    return r;
}

} // namespace

TEST(HttpClientPolicy, LoopbackHosts)
{
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("localhost")));
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("LOCALHOST")));
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("127.0.0.1")));
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("127.10.20.30")));
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("::1")));
    EXPECT_TRUE(isLoopbackHost(QStringLiteral("[::1]")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("128.0.0.1")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("127.0.0.1.evil.example")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("localhost.evil.example")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("10.0.0.1")));
    EXPECT_FALSE(isLoopbackHost(QStringLiteral("contoso.crm.dynamics.com")));
}

TEST(HttpClientPolicy, PlainHttpToARemoteHostIsRefusedBeforeAnyTraffic)
{
    // A proxy that would see any attempted traffic: the refusal must come before curl is even asked.
    EnvGuard proxy("http_proxy", QByteArray("http://127.0.0.1:1"));
    EXPECT_TRUE(checkUrlAllowed(QUrl(QStringLiteral("https://contoso.crm.dynamics.com/"))).ok());
    EXPECT_TRUE(checkUrlAllowed(QUrl(QStringLiteral("http://127.0.0.1:8089/"))).ok());
    EXPECT_TRUE(checkUrlAllowed(QUrl(QStringLiteral("http://localhost:8089/"))).ok());

    HttpClient client;
    const auto started = std::chrono::steady_clock::now();
    auto r = client.send(get(QStringLiteral("http://contoso.crm.dynamics.com/api/data/v9.2/WhoAmI")));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("http.insecure-url"));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("https://contoso.crm.dynamics.com/")))
        << r.error().message.toStdString();
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(200));

    auto ftp = client.send(get(QStringLiteral("ftp://127.0.0.1/x")));
    ASSERT_FALSE(ftp.ok());
    EXPECT_EQ(ftp.error().code, QStringLiteral("http.insecure-url"));
}

TEST(HttpClientTls, SelfSignedCertificateFailsThenVerifiesWithCaFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QString error;
    ASSERT_TRUE(
        makeCertificate(dir, QStringLiteral("server"), QStringLiteral("IP:127.0.0.1,DNS:localhost"), &error))
        << error.toStdString();
    int port = 0;
    auto server = startTlsServer(dir, QStringLiteral("server"), &port, &error);
    ASSERT_TRUE(server) << error.toStdString();
    const QString url = QStringLiteral("https://127.0.0.1:%1/").arg(port);

    {
        HttpClient client; // system store only: the self-signed certificate must not verify
        auto r = client.send(get(url));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, QStringLiteral("http.tls")) << r.error().message.toStdString();
        EXPECT_TRUE(r.error().message.contains(QStringLiteral("127.0.0.1")))
            << r.error().message.toStdString();
        EXPECT_TRUE(r.error().message.contains(QStringLiteral("--ca-file")))
            << r.error().message.toStdString();
        EXPECT_TRUE(r.error().message.contains(QStringLiteral("certificate")))
            << r.error().message.toStdString();
    }
    {
        HttpClient client(TlsPolicy{dir.filePath(QStringLiteral("server.pem"))});
        auto r = client.send(get(url));
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
        EXPECT_EQ(r->status, 200);
        EXPECT_TRUE(r->body.contains("s_server")) << r->body.left(200).toStdString();
        // The same client reuses its handle for a second request.
        auto again = client.send(get(url));
        ASSERT_TRUE(again.ok()) << again.error().message.toStdString();
        EXPECT_EQ(again->status, 200);
    }
}

TEST(HttpClientTls, HostNameIsVerifiedEvenWithATrustedCa)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QString error;
    // Trusted (passed as CA file) but issued for another name: verification of the host name must fail.
    ASSERT_TRUE(makeCertificate(dir, QStringLiteral("other"), QStringLiteral("DNS:other.example"), &error))
        << error.toStdString();
    int port = 0;
    auto server = startTlsServer(dir, QStringLiteral("other"), &port, &error);
    ASSERT_TRUE(server) << error.toStdString();
    HttpClient client(TlsPolicy{dir.filePath(QStringLiteral("other.pem"))});
    auto r = client.send(get(QStringLiteral("https://127.0.0.1:%1/").arg(port)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("http.tls")) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("127.0.0.1"))) << r.error().message.toStdString();
}

TEST(HttpClientTls, UnreadableCaFileIsAClearError)
{
    HttpClient client(TlsPolicy{QStringLiteral("/nonexistent/ferry-ca.pem")});
    auto r = client.send(get(QStringLiteral("https://127.0.0.1:1/")));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("http.tls"));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("/nonexistent/ferry-ca.pem")));
}

TEST(HttpClientTransport, ConnectionRefusedAndTimeout)
{
    HttpClient client;
    const int closed = ferry::test::freeLoopbackPort();
    auto refused = client.send(get(QStringLiteral("http://127.0.0.1:%1/").arg(closed)));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, QStringLiteral("http.connect")) << refused.error().message.toStdString();
    EXPECT_TRUE(refused.error().message.contains(QString::number(closed)));

    // A listening socket nobody accepts on: the kernel completes the handshake, nothing ever answers, so the
    // request must end with the request's own timeout.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(fd, 4), 0);
    ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len), 0);
    HttpRequest slow = get(QStringLiteral("http://127.0.0.1:%1/").arg(ntohs(addr.sin_port)));
    slow.timeout = std::chrono::milliseconds(700);
    const auto started = std::chrono::steady_clock::now();
    auto r = client.send(slow);
    ::close(fd);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("http.timeout")) << r.error().message.toStdString();
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

TEST(HttpClientProxy, ProxyFromTheEnvironmentIsUsedAndNoProxyBypassesIt)
{
    auto emulator = ferry::test::EmulatorProcess::start({"--limits", "off"});
    ASSERT_TRUE(emulator);
    const QString url = QString::fromStdString(emulator->baseUrl()) + QStringLiteral("_emulator/stats");
    EnvGuard noProxyLower("no_proxy", std::nullopt);
    EnvGuard noProxyUpper("NO_PROXY", std::nullopt);
    EnvGuard all("all_proxy", std::nullopt);
    EnvGuard allUpper("ALL_PROXY", std::nullopt);
    {
        HttpClient client;
        auto direct = client.send(get(url));
        ASSERT_TRUE(direct.ok()) << direct.error().message.toStdString();
        EXPECT_EQ(direct->status, 200);
    }
    const int closed = ferry::test::freeLoopbackPort();
    EnvGuard proxy("http_proxy", QStringLiteral("http://127.0.0.1:%1").arg(closed).toUtf8());
    {
        HttpClient client;
        auto r = client.send(get(url));
        ASSERT_FALSE(r.ok()) << "the request did not go through the (closed) proxy";
        EXPECT_EQ(r.error().code, QStringLiteral("http.proxy")) << r.error().message.toStdString();
        EXPECT_TRUE(r.error().message.contains(QStringLiteral("http_proxy")))
            << r.error().message.toStdString();
        EXPECT_TRUE(r.error().message.contains(QString::number(closed))) << r.error().message.toStdString();
        EXPECT_TRUE(r.error().message.contains(QStringLiteral("no_proxy")))
            << r.error().message.toStdString();
    }
    {
        EnvGuard bypass("no_proxy", QByteArray("127.0.0.1"));
        HttpClient client;
        auto r = client.send(get(url));
        ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
        EXPECT_EQ(r->status, 200);
    }
}

TEST(HttpClientProxy, ProxyCredentialsAreNotShownInErrors)
{
    const int closed = ferry::test::freeLoopbackPort();
    EnvGuard noProxy("no_proxy", std::nullopt);
    EnvGuard noProxyUpper("NO_PROXY", std::nullopt);
    EnvGuard proxy("http_proxy",
                   QStringLiteral("http://alice:proxy-pass-123@127.0.0.1:%1").arg(closed).toUtf8());
    HttpClient client;
    auto r = client.send(get(QStringLiteral("http://127.0.0.1:%1/").arg(ferry::test::freeLoopbackPort())));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("http.proxy")) << r.error().message.toStdString();
    EXPECT_FALSE(r.error().message.contains(QStringLiteral("proxy-pass-123")))
        << r.error().message.toStdString();
}

TEST(HttpClientResponse, HeadersAndJsonDetection)
{
    auto emulator = ferry::test::EmulatorProcess::start({"--limits", "off"});
    ASSERT_TRUE(emulator);
    HttpClient client;
    auto r = client.send(
        get(QString::fromStdString(emulator->baseUrl()) + QStringLiteral("api/data/v9.2/WhoAmI")));
    ASSERT_TRUE(r.ok()) << r.error().message.toStdString();
    EXPECT_EQ(r->status, 401);
    EXPECT_TRUE(r->isJson());
    EXPECT_FALSE(r->header("www-authenticate").isEmpty()); // case-insensitive lookup
    EXPECT_EQ(r->header("WWW-Authenticate"), r->header("www-authenticate"));

    HttpResponse html;
    html.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("text/html; charset=utf-8")));
    EXPECT_FALSE(html.isJson());
    HttpResponse odata;
    odata.headers.append(
        qMakePair(QByteArray("content-type"), QByteArray("application/json; odata.metadata=minimal")));
    EXPECT_TRUE(odata.isJson());
}
