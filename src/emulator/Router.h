#pragma once
// Thread: any; called concurrently by the io threads (every collaborator is internally synchronized).
//
// Everything the emulator answers, without any Beast/Asio type: token endpoints, the device login page,
// /_emulator introspection, and /api/data (bearer check, limits, faults, service, cost model).
// HttpServer turns a Reply into bytes on the wire, after `delayMs` on an asio timer.

#include "Auth.h"
#include "EmulatorStats.h"
#include "Faults.h"
#include "HttpTypes.h"
#include "Limits.h"
#include "Service.h"

#include <atomic>
#include <functional>
#include <string>

namespace ferry::emu {

class Router
{
public:
    Router(Service &service, Auth &auth, Limits &limits, Faults &faults, EmulatorStats &stats);

    struct Reply
    {
        HttpResponse response;
        double delayMs = 0;         ///< answer this much later (cost model + slow fault), already scaled
        bool drop = false;          ///< close the connection without answering
        std::function<void()> done; ///< call once the answer is sent (or the connection dropped)
    };

    /// `peerIsLoopback`: /_emulator is refused to other peers. `fallbackBaseUrl` is used without a Host
    /// header.
    Reply handle(HttpRequest &&request, bool peerIsLoopback, const std::string &fallbackBaseUrl);

private:
    Reply api(HttpRequest &&request, const std::string &baseUrl);
    Reply introspection(const HttpRequest &request, const std::string &path);
    std::string nextRequestId();

    Service &m_service;
    Auth &m_auth;
    Limits &m_limits;
    Faults &m_faults;
    EmulatorStats &m_stats;
    std::atomic<uint64_t> m_requestCounter{0};
    uint64_t m_requestIdPrefix = 0;
};

} // namespace ferry::emu
