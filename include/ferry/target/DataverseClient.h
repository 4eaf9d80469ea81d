#pragma once
// Thread: one DataverseClient per thread (it owns an HttpClient); the TokenProvider may be shared.

#include <ferry/Result.h>
#include <ferry/auth/TokenProvider.h>
#include <ferry/net/HttpClient.h>

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <optional>

namespace ferry::target {

/// What WhoAmI says, plus the service protection headers of that answer.
struct WhoAmI
{
    QString userId;
    QString businessUnitId;
    QString organizationId;
    QString userName;                           ///< systemuser fullname, when it could be read
    std::optional<int> dopHint;                 ///< x-ms-dop-hint: recommended parallel requests per user
    std::optional<int> burstRequestsRemaining;  ///< x-ms-ratelimit-burst-remaining-xrm-requests
    std::optional<double> timeRemainingSeconds; ///< x-ms-ratelimit-time-remaining-xrm-requests
};

/// Authenticated JSON requests against one environment's Web API. A 401 renews the token once and retries
/// once; an answer that is not JSON (an HTML login page, a proxy error page) is an error, not data.
///
/// Error codes: "target.not-json" (names the URL and what came back instead), "target.unauthorized" (still
/// 401 after a renewal), "target.forbidden", "target.not-found", "target.http" (other statuses, with the
/// service's error code and message), "target.throttled" (429, with Retry-After), plus auth.* and http.*.
class DataverseClient
{
public:
    DataverseClient(QUrl environmentUrl, std::shared_ptr<auth::TokenProvider> tokens,
                    net::TlsPolicy tls = {});
    ~DataverseClient();
    DataverseClient(const DataverseClient &) = delete;
    DataverseClient &operator=(const DataverseClient &) = delete;

    /// GET <environment>/api/data/v9.2/<pathAndQuery> and the parsed JSON body.
    Result<nlohmann::json> getJson(const QString &pathAndQuery);
    /// Any request relative to the Web API root; the raw answer for any status the caller wants to read.
    Result<net::HttpResponse> send(net::HttpRequest request);
    /// WhoAmI, plus the systemuser's name and the limit headers.
    Result<WhoAmI> whoAmI();

    QUrl webApiUrl() const;
    /// HTTP requests sent (retries included).
    int requestsSent() const;

private:
    struct Private;
    std::unique_ptr<Private> m_d;
};

} // namespace ferry::target
