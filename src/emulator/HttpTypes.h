#pragma once
// Any thread: plain value types shared by the emulator's HTTP layer (HttpServer, Auth, Limits)
// and its service layer (Service: metadata, data, bulk, $batch, validation).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ferry::emu {

/// One HTTP request as the service sees it. Header names are stored lower-case.
struct HttpRequest
{
    std::string method; ///< "GET", "POST", "PATCH", "PUT", "DELETE"
    std::string target; ///< raw request target: path plus query, percent-encoded as received
    std::vector<std::pair<std::string, std::string>> headers; ///< lower-case names, in order
    std::string body;

    /// The first header with this (lower-case) name, or an empty string.
    const std::string &header(const std::string &lowerName) const
    {
        static const std::string empty;
        for (const auto &h : headers)
            if (h.first == lowerName)
                return h.second;
        return empty;
    }
    bool hasHeader(const std::string &lowerName) const
    {
        for (const auto &h : headers)
            if (h.first == lowerName)
                return true;
        return false;
    }
};

/// One HTTP response. Header names keep the case the real service uses (e.g. "OData-EntityId").
struct HttpResponse
{
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    void setHeader(const std::string &name, const std::string &value) { headers.emplace_back(name, value); }
};

/// Who is calling and where the server is; filled by the HTTP layer after the bearer token checked out.
struct RequestContext
{
    std::string userId;   ///< systemuserid (GUID) of the application user the token was issued to
    std::string clientId; ///< the app registration's client id
    std::string userName; ///< display name of the application user
    std::string baseUrl;  ///< e.g. "http://127.0.0.1:43121/" (with trailing slash)
};

/// What a request cost the "server", reported by the service so the HTTP layer can apply the
/// execution-time model, the limits and the statistics. The service fills it while it handles a request.
struct CostInfo
{
    int operations = 0;     ///< inner operations ($batch parts; 1 for a plain request)
    int recordsWritten = 0; ///< records created, updated, upserted or deleted (or attempted)
    int recordsRead = 0;    ///< records returned by queries
    int columnsWritten = 0; ///< sum over written records of the columns they carried
    int pluginRecords = 0;  ///< written records of tables marked as having plug-ins (when not bypassed)
    std::vector<std::pair<std::string, int>> recordsPerTable; ///< table logical name -> records written
};

} // namespace ferry::emu
