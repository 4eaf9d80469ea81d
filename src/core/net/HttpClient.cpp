#include <ferry/net/HttpClient.h>

#include <QFile>
#include <QStringList>

#include <curl/curl.h>

#include <mutex>

namespace ferry::net {

namespace {

void curlGlobalInitOnce()
{
    // curl_global_init is not thread-safe in every libcurl build, and the engine thread and a metadata pool
    // may create their first clients at the same time.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t writeBody(char *data, size_t size, size_t count, void *user)
{
    static_cast<QByteArray *>(user)->append(data, qsizetype(size * count));
    return size * count;
}

size_t writeHeader(char *data, size_t size, size_t count, void *user)
{
    auto *headers = static_cast<HttpHeaders *>(user);
    const QByteArray line = QByteArray(data, qsizetype(size * count)).trimmed();
    // Each status line (a proxy's CONNECT answer, "100 Continue", then the real one) starts a new block.
    if (line.startsWith("HTTP/")) {
        headers->clear();
        return size * count;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0)
        headers->append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    return size * count;
}

QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

// The proxy curl will use for this URL, read from the same variables curl reads, so an error can name
// the variable to fix. Returns the variable name (empty: no proxy) and its value without credentials.
struct ProxyGuess
{
    QString variable;
    QString value;
};

bool noProxyMatches(const QString &host)
{
    QString list = qEnvironmentVariable("no_proxy");
    if (list.isEmpty())
        list = qEnvironmentVariable("NO_PROXY");
    const QString h = host.toLower();
    for (QString entry : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry == QLatin1String("*"))
            return true;
        if (entry.startsWith(QLatin1Char('.')))
            entry.remove(0, 1);
        if (entry.isEmpty())
            continue;
        if (h == entry || h.endsWith(QLatin1Char('.') + entry))
            return true;
    }
    return false;
}

ProxyGuess proxyFor(const QUrl &url)
{
    if (noProxyMatches(url.host()))
        return {};
    QStringList names;
    if (url.scheme() == QLatin1String("https"))
        names << QStringLiteral("https_proxy") << QStringLiteral("HTTPS_PROXY");
    else
        names << QStringLiteral("http_proxy"); // curl ignores HTTP_PROXY (the CGI "httpoxy" problem)
    names << QStringLiteral("all_proxy") << QStringLiteral("ALL_PROXY");
    for (const QString &name : names) {
        const QString value = qEnvironmentVariable(name.toLatin1().constData());
        if (!value.isEmpty()) {
            QUrl proxy = QUrl::fromUserInput(value);
            return {name,
                    proxy.isValid() ? proxy.toDisplayString(QUrl::RemoveUserInfo) : QStringLiteral("?")};
        }
    }
    return {};
}

Error transportError(CURLcode rc, const char *errorBuffer, const QUrl &url, std::chrono::milliseconds timeout)
{
    const QString reason =
        QString::fromUtf8(errorBuffer && *errorBuffer ? errorBuffer : curl_easy_strerror(rc));
    const QString host = url.host();
    const QString where = displayUrl(url);
    const ProxyGuess proxy = proxyFor(url);
    switch (rc) {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return Error::make(
            QStringLiteral("http.tls"),
            QStringLiteral("The TLS certificate of %1 did not verify (%2). If the server (or a "
                           "company proxy in between) uses a certificate from a private "
                           "authority, install the CA certificate in the system store or pass "
                           "--ca-file FILE.")
                .arg(host, reason));
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_USE_SSL_FAILED:
        return Error::make(
            QStringLiteral("http.tls"),
            QStringLiteral("The TLS handshake with %1 failed (%2). Check that the URL is right "
                           "and that nothing between you and the server intercepts TLS; if "
                           "it does, install its CA certificate or pass --ca-file FILE.")
                .arg(host, reason));
    case CURLE_COULDNT_RESOLVE_PROXY:
        return Error::make(QStringLiteral("http.proxy"),
                           QStringLiteral("Cannot resolve the proxy %1 (from the environment variable %2): "
                                          "%3. Fix or unset %2, or add %4 to no_proxy.")
                               .arg(proxy.value,
                                    proxy.variable.isEmpty() ? QStringLiteral("?") : proxy.variable, reason,
                                    host));
    case CURLE_COULDNT_RESOLVE_HOST:
        return Error::make(QStringLiteral("http.resolve"),
                           QStringLiteral("Cannot resolve the host name %1 (%2). Check the URL %3 and your "
                                          "network or DNS settings.")
                               .arg(host, reason, where));
    case CURLE_OPERATION_TIMEDOUT:
        return Error::make(
            QStringLiteral("http.timeout"),
            QStringLiteral("No complete answer from %1 within %2 s (%3).%4")
                .arg(where)
                .arg(double(timeout.count()) / 1000.0)
                .arg(reason, proxy.variable.isEmpty()
                                 ? QString()
                                 : QStringLiteral(" The request went through the proxy %1 (from %2).")
                                       .arg(proxy.value, proxy.variable)));
    default:
        break;
    }
    const bool proxyProblem =
        !proxy.variable.isEmpty() &&
        (rc == CURLE_COULDNT_CONNECT || rc == CURLE_PROXY || reason.contains(QLatin1String("CONNECT")) ||
         reason.contains(QLatin1String("proxy"), Qt::CaseInsensitive));
    if (proxyProblem)
        return Error::make(QStringLiteral("http.proxy"),
                           QStringLiteral("The request to %1 went through the proxy %2 (from the environment "
                                          "variable %3) and failed: %4. Fix or unset %3, or add %5 to "
                                          "no_proxy.")
                               .arg(where, proxy.value, proxy.variable, reason, host));
    if (rc == CURLE_COULDNT_CONNECT)
        return Error::make(QStringLiteral("http.connect"),
                           QStringLiteral("Cannot connect to %1 (%2). Check the URL and that the server is "
                                          "running and reachable from this machine.")
                               .arg(where, reason));
    return Error::make(
        QStringLiteral("http.transport"),
        QStringLiteral("The request to %1 failed: %2 (curl error %3).").arg(where, reason).arg(int(rc)));
}

} // namespace

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[n, v] : headers)
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

bool HttpResponse::isJson() const
{
    const QByteArray type = header("Content-Type").split(';').value(0).trimmed().toLower();
    return type == "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

bool isLoopbackHost(const QString &rawHost)
{
    QString host = rawHost.toLower();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    if (host == QLatin1String("localhost") || host == QLatin1String("::1") ||
        host == QLatin1String("0:0:0:0:0:0:0:1"))
        return true;
    const QStringList parts = host.split(QLatin1Char('.'));
    if (parts.size() != 4 || parts.first() != QLatin1String("127"))
        return false;
    for (const QString &p : parts) {
        bool ok = false;
        const int v = p.toInt(&ok);
        if (!ok || v < 0 || v > 255 || p.isEmpty())
            return false;
    }
    return true;
}

Status checkUrlAllowed(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return Error::make(QStringLiteral("http.insecure-url"),
                           QStringLiteral("'%1' is not a usable URL: it needs https:// and a host name, e.g. "
                                          "https://yourorg.crm.dynamics.com/.")
                               .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return {};
        return Error::make(
            QStringLiteral("http.insecure-url"),
            QStringLiteral("Refusing to send a request to %1 over plain http: http is allowed "
                           "only for a loopback host (the local ferry-emulator). Use https://%2/.")
                .arg(displayUrl(url), url.host()));
    }
    return Error::make(
        QStringLiteral("http.insecure-url"),
        QStringLiteral("Refusing the URL %1: only https:// (and http:// on a loopback host) is "
                       "supported.")
            .arg(displayUrl(url)));
}

struct HttpClient::Private
{
    TlsPolicy policy;
    CURL *curl = nullptr;
    QByteArray caBlob; ///< the extra CA file plus the system bundle, when policy.caFile is set
    Error caError;     ///< set when the CA file could not be read
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

HttpClient::HttpClient(TlsPolicy policy) : m_d(std::make_unique<Private>())
{
    curlGlobalInitOnce();
    m_d->policy = std::move(policy);
    m_d->curl = curl_easy_init();
    if (!m_d->policy.caFile.isEmpty()) {
        // CURLOPT_CAINFO would replace the system bundle, but the extra CA must come in addition to it (a
        // company proxy CA for login.microsoftonline.com next to public CAs for everything else). So the
        // client hands curl one PEM blob: the extra file, then the system bundle curl would have used.
        QFile extra(m_d->policy.caFile);
        if (!extra.open(QIODevice::ReadOnly)) {
            m_d->caError = Error::make(QStringLiteral("http.tls"),
                                       QStringLiteral("Cannot read the CA file %1 (%2): pass a readable PEM "
                                                      "file to --ca-file.")
                                           .arg(m_d->policy.caFile, extra.errorString()));
        } else {
            m_d->caBlob = extra.readAll();
            m_d->caBlob.append('\n');
            char *systemBundle = nullptr;
            if (m_d->curl && curl_easy_getinfo(m_d->curl, CURLINFO_CAINFO, &systemBundle) == CURLE_OK &&
                systemBundle) {
                QFile system(QString::fromLocal8Bit(systemBundle));
                if (system.open(QIODevice::ReadOnly))
                    m_d->caBlob.append(system.readAll());
            }
        }
    }
}

HttpClient::~HttpClient()
{
    if (m_d->curl)
        curl_easy_cleanup(m_d->curl);
}

Result<HttpResponse> HttpClient::send(const HttpRequest &request)
{
    if (auto allowed = checkUrlAllowed(request.url); !allowed)
        return allowed.error();
    if (!m_d->caError.code.isEmpty())
        return m_d->caError;
    CURL *curl = m_d->curl;
    if (!curl)
        return Error::make(QStringLiteral("http.transport"), QStringLiteral("curl_easy_init failed."));

    // Reset keeps the connection cache, so connections are still reused (keep-alive) across requests.
    curl_easy_reset(curl);
    HttpResponse response;
    const QByteArray url = request.url.toEncoded();
    curl_slist *headers = nullptr;
    for (const auto &[name, value] : request.headers)
        headers = curl_slist_append(headers, (name + ": " + value).constData());
    headers = curl_slist_append(headers, "Expect:"); // no 100-continue round trip

    m_d->errorBuffer[0] = 0;
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, m_d->errorBuffer);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(request.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(std::min<qint64>(request.timeout.count(), 30000)));
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_PROXY_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_PROXY_SSL_VERIFYHOST, 2L);
    if (!m_d->caBlob.isEmpty()) {
        curl_blob blob{m_d->caBlob.data(), size_t(m_d->caBlob.size()), CURL_BLOB_NOCOPY};
        curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
    }
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, ""); // metadata answers are large and compress well
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, writeBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, writeHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
    // No CURLOPT_COOKIEFILE: the cookie engine stays off, so no server-affinity cookie pins us to one server.

    const QByteArray method = request.method.toUpper();
    if (method == "GET") {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else if (method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else {
        if (method != "POST")
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.constData());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.constData());
    }

    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK)
        return transportError(rc, m_d->errorBuffer, request.url, request.timeout);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.status = int(status);
    char *effective = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective)
        response.effectiveUrl = QUrl::fromEncoded(effective);
    else
        response.effectiveUrl = request.url;
    return response;
}

Result<HttpResponse> HttpClient::postForm(const QUrl &url, const QList<QPair<QString, QString>> &fields,
                                          std::chrono::milliseconds timeout)
{
    HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.timeout = timeout;
    request.headers.append(
        qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
    for (const auto &[name, value] : fields) {
        if (!request.body.isEmpty())
            request.body.append('&');
        request.body.append(QUrl::toPercentEncoding(name));
        request.body.append('=');
        request.body.append(QUrl::toPercentEncoding(value));
    }
    return send(request);
}

} // namespace ferry::net
