#pragma once
// Thread: construct, listen() and run() on the main thread; the server's io threads run the sessions.
//
// The HTTP/1.1 front of ferry-emulator (Boost.Beast + Asio, kept out of this header so only
// HttpServer.cpp pays Beast's compile time): keep-alive, chunked bodies, a request body limit,
// delayed answers on asio timers (never a sleeping thread), dropped connections on request.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace ferry::emu {

class Router;

class HttpServer
{
public:
    struct Options
    {
        std::string host = "127.0.0.1";
        uint16_t port = 0;
        int threads = 2;
        size_t bodyLimit = 128u * 1024u * 1024u; ///< larger bodies get 413
        int idleSeconds = 120;                   ///< keep-alive connections idle this long are closed
    };

    HttpServer(Router &router, Options options);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    /// Binds and listens. False + error when the address is bad or taken.
    bool listen(std::string &error);
    uint16_t port() const;
    /// "http://HOST:PORT/"
    std::string baseUrl() const;
    /// Serves until stop() or SIGINT/SIGTERM; runs the io threads and joins them before returning.
    void run();
    /// Thread-safe.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace ferry::emu
