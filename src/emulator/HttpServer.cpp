#include "HttpServer.h"

#include "HttpTypes.h"
#include "Router.h"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include <optional>
#include <pthread.h>
#include <signal.h>
#include <thread>
#include <vector>

namespace ferry::emu {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// One single-threaded io_context per io thread: a session lives on one context, so it needs no strand, and
// concrete executor types avoid asio's type-erased executor (both showed at the top of the profile).
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Stream = beast::basic_stream<tcp, Executor>;
using Timer = asio::basic_waitable_timer<std::chrono::steady_clock,
                                         asio::wait_traits<std::chrono::steady_clock>, Executor>;

class Session : public std::enable_shared_from_this<Session>
{
public:
    Session(Socket &&socket, Router &router, const HttpServer::Options &options, const std::string &baseUrl)
        : m_stream(std::move(socket)), m_timer(m_stream.get_executor()), m_router(router), m_options(options),
          m_baseUrl(baseUrl)
    {
        // Large bodies arrive in 64 KB reads instead of growing from 512 bytes.
        m_buffer.reserve(64 * 1024);
        beast::error_code ec;
        const auto peer = m_stream.socket().remote_endpoint(ec);
        m_peerIsLoopback = !ec && peer.address().is_loopback();
        m_stream.socket().set_option(tcp::no_delay(true), ec);
    }

    ~Session()
    {
        // A request still "running" (delayed answer) when the server stops must give back its slot.
        if (m_reply.done)
            m_reply.done();
    }

    void start()
    {
        asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->read(); });
    }

private:
    void read()
    {
        m_parser.emplace();
        m_parser->body_limit(m_options.bodyLimit);
        m_parser->header_limit(64 * 1024);
        m_stream.expires_after(std::chrono::seconds(m_options.idleSeconds));
        http::async_read(
            m_stream, m_buffer, *m_parser,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onRead(ec); });
    }

    void onRead(beast::error_code ec)
    {
        if (ec == http::error::body_limit) {
            HttpResponse r;
            r.status = 413;
            r.setHeader("Content-Type", "application/json; odata.metadata=minimal");
            r.body = R"({"error":{"code":"0x8004d2a6","message":"The request is too large."}})";
            m_keepAlive = false;
            write(r);
            return;
        }
        if (ec) {
            // end_of_stream, timeout, reset, a malformed request: nothing sensible to answer.
            close();
            return;
        }
        auto message = m_parser->release();
        m_keepAlive = message.keep_alive();
        HttpRequest request;
        request.method = std::string(message.method_string());
        request.target = std::string(message.target());
        request.headers.reserve(16);
        for (const auto &field : message) {
            std::string name(field.name_string());
            for (auto &c : name)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            request.headers.emplace_back(std::move(name), std::string(field.value()));
        }
        request.body = std::move(message.body());

        m_reply = m_router.handle(std::move(request), m_peerIsLoopback, m_baseUrl);
        if (m_reply.delayMs <= 0) {
            finish();
            return;
        }
        m_stream.expires_never();
        m_timer.expires_after(std::chrono::microseconds(static_cast<int64_t>(m_reply.delayMs * 1000.0)));
        m_timer.async_wait([self = shared_from_this()](beast::error_code waitError) {
            if (waitError)
                return; // server stopping; the destructor releases the slot
            self->finish();
        });
    }

    void finish()
    {
        // The request "ends" when its answer leaves: free the concurrency slot and charge its execution time
        // now, so a client that sends its next request on another connection sees the updated window.
        const bool drop = m_reply.drop;
        HttpResponse r = std::move(m_reply.response);
        releaseReply();
        if (drop) {
            close();
            return;
        }
        write(r);
    }

    void write(const HttpResponse &r)
    {
        m_response = {};
        m_response.version(11);
        m_response.result(static_cast<unsigned>(r.status));
        for (const auto &[name, value] : r.headers)
            m_response.insert(name, value);
        m_response.keep_alive(m_keepAlive);
        m_response.body() = r.body;
        m_response.prepare_payload();
        m_stream.expires_after(std::chrono::seconds(60));
        http::async_write(m_stream, m_response,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec || !self->m_keepAlive) {
                                  self->close();
                                  return;
                              }
                              self->read();
                          });
    }

    void releaseReply()
    {
        if (m_reply.done) {
            auto done = std::move(m_reply.done);
            m_reply.done = nullptr;
            done();
        }
        m_reply = {};
    }

    void close()
    {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_both, ec);
        m_stream.socket().close(ec);
    }

    Stream m_stream;
    Timer m_timer;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    http::response<http::string_body> m_response;
    Router &m_router;
    const HttpServer::Options &m_options;
    const std::string &m_baseUrl;
    Router::Reply m_reply;
    bool m_keepAlive = true;
    bool m_peerIsLoopback = false;
};

} // namespace

struct HttpServer::Impl
{
    Impl(Router &r, Options o) : router(r), options(std::move(o))
    {
        const int n = std::max(1, options.threads);
        for (int i = 0; i < n; ++i) {
            contexts.push_back(std::make_unique<asio::io_context>(1));
            guards.emplace_back(contexts.back()->get_executor());
        }
    }

    void accept()
    {
        asio::io_context &target = *contexts[nextContext++ % contexts.size()];
        acceptor->async_accept(target, [this](beast::error_code ec, Socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor->is_open())
                return;
            if (!ec)
                std::make_shared<Session>(std::move(socket), router, options, baseUrl)->start();
            accept();
        });
    }

    void stopAll()
    {
        for (auto &c : contexts)
            c->stop();
    }

    Router &router;
    Options options;
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    std::vector<asio::executor_work_guard<Executor>> guards;
    std::optional<tcp::acceptor> acceptor;
    size_t nextContext = 0; ///< used on contexts[0]'s thread only
    std::string baseUrl;
    uint16_t port = 0;
};

HttpServer::HttpServer(Router &router, Options options)
    : m_impl(std::make_unique<Impl>(router, std::move(options)))
{}

HttpServer::~HttpServer()
{
    m_impl->stopAll();
    m_impl->acceptor.reset();
    m_impl->guards.clear();
}

bool HttpServer::listen(std::string &error)
{
    beast::error_code ec;
    const auto address = asio::ip::make_address(m_impl->options.host, ec);
    if (ec) {
        error = "bad listen address '" + m_impl->options.host + "': " + ec.message();
        return false;
    }
    const tcp::endpoint endpoint(address, m_impl->options.port);
    auto &acceptor = m_impl->acceptor.emplace(*m_impl->contexts.front());
    if (acceptor.open(endpoint.protocol(), ec) ||
        acceptor.set_option(asio::socket_base::reuse_address(true), ec) || acceptor.bind(endpoint, ec) ||
        acceptor.listen(asio::socket_base::max_listen_connections, ec)) {
        error = "cannot listen on " + m_impl->options.host + ":" + std::to_string(m_impl->options.port) +
                ": " + ec.message();
        m_impl->acceptor.reset();
        return false;
    }
    m_impl->port = acceptor.local_endpoint().port();
    const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    m_impl->baseUrl = "http://" + host + ":" + std::to_string(m_impl->port) + "/";
    return true;
}

uint16_t HttpServer::port() const
{
    return m_impl->port;
}

std::string HttpServer::baseUrl() const
{
    return m_impl->baseUrl;
}

void HttpServer::run()
{
    // Signals go to a dedicated thread (blocked everywhere else), not to an io thread: a request stuck in the
    // service must not keep SIGTERM from stopping the server.
    sigset_t signalSet;
    sigemptyset(&signalSet);
    sigaddset(&signalSet, SIGINT);
    sigaddset(&signalSet, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signalSet, nullptr);
    std::atomic<bool> finished{false};
    std::thread signalThread([this, &signalSet, &finished] {
        const timespec interval{0, 200 * 1000 * 1000};
        while (!finished.load()) {
            if (sigtimedwait(&signalSet, nullptr, &interval) < 0)
                continue;
            m_impl->stopAll(); // io_context::stop() is thread-safe
            // Give in-progress service calls a few seconds, then leave without them.
            for (int i = 0; i < 100 && !finished.load(); ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (!finished.load()) {
                std::fprintf(
                    stderr,
                    "ferry-emulator: a request did not finish within 10 s of the stop signal; exiting\n");
                std::_Exit(3);
            }
        }
    });

    m_impl->accept();
    std::vector<std::thread> threads;
    for (size_t i = 1; i < m_impl->contexts.size(); ++i)
        threads.emplace_back([this, i] { m_impl->contexts[i]->run(); });
    m_impl->contexts.front()->run();
    for (auto &t : threads)
        t.join();
    finished = true;
    signalThread.join();
}

void HttpServer::stop()
{
    asio::post(*m_impl->contexts.front(), [this] {
        beast::error_code ec;
        if (m_impl->acceptor)
            m_impl->acceptor->close(ec);
        m_impl->stopAll();
    });
}

} // namespace ferry::emu
