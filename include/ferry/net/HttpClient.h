#pragma once
// Thread: one HttpClient per thread (it owns a curl easy handle and reuses its connections); the value types
// are plain and may cross threads.

#include <ferry/Result.h>

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

namespace ferry::net {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    std::chrono::milliseconds timeout{std::chrono::seconds(120)};
};

struct HttpResponse
{
    int status = 0;
    HttpHeaders headers; ///< names as received
    QByteArray body;
    QUrl effectiveUrl;
    /// The first header with this name (case-insensitive), or an empty array.
    QByteArray header(const QByteArray &name) const;
    /// True when Content-Type is application/json (any parameters).
    bool isJson() const;
};

/// How Ferry treats transport security. Certificates are always verified (peer and host name) for https;
/// the one relaxation is that plain http is accepted for loopback hosts only (the local ferry-emulator).
/// There is no switch that turns verification off.
struct TlsPolicy
{
    QString caFile; ///< extra CA bundle (PEM) to trust in addition to the system store; empty: system store
};

/// True for 127.0.0.0/8, ::1 and "localhost".
bool isLoopbackHost(const QString &host);

/// Checks a URL against the TLS policy before any byte is sent: https anywhere, http only on loopback.
/// Error "http.insecure-url" with a message that says how to fix it.
Status checkUrlAllowed(const QUrl &url);

/// A small blocking HTTP client over a libcurl easy handle, for sign-in, metadata and WhoAmI. (The engine's
/// bulk writes go through the curl-multi thread, not this class.) Proxies come from the environment the way
/// curl reads them (http_proxy, https_proxy, no_proxy; ALL_PROXY). No cookies are kept.
///
/// Error codes: "http.insecure-url", "http.tls" (the certificate did not verify: the message names the host
/// and curl's reason), "http.resolve", "http.connect", "http.proxy", "http.timeout", "http.transport"
/// (any other transport failure). HTTP error statuses are not errors here: the caller reads status.
class HttpClient
{
public:
    explicit HttpClient(TlsPolicy policy = {});
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    Result<HttpResponse> send(const HttpRequest &request);

    /// application/x-www-form-urlencoded POST, the shape of OAuth token requests.
    Result<HttpResponse> postForm(const QUrl &url, const QList<QPair<QString, QString>> &fields,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(60));

private:
    struct Private;
    std::unique_ptr<Private> m_d;
};

} // namespace ferry::net
