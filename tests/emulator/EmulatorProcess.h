#pragma once
// Thread: the test's thread. Starts a real ferry-emulator process on loopback for a test and
// talks to it over real HTTP (libcurl easy). Used by every emulator and e2e test.

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ferry::test {

struct HttpResult
{
    int status = 0;                             ///< 0 when the connection failed
    std::map<std::string, std::string> headers; ///< lower-case names; last value wins
    std::string body;
    std::string error; ///< curl's message when status == 0
};

/// One HTTP request over loopback. `headers` are full "Name: value" lines.
HttpResult httpRequest(const std::string &method, const std::string &url,
                       const std::vector<std::string> &headers = {}, const std::string &body = {},
                       long timeoutMs = 30000);

class EmulatorProcess
{
public:
    /// Starts FERRY_EMULATOR_EXE with `--listen 127.0.0.1:0 --org <org>` plus `extraArgs`, waits
    /// (at most 20 s) for the "ferry-emulator listening on http://127.0.0.1:PORT/" line.
    /// `org` defaults to resources/demo/org.json of the source tree. Returns nullptr on failure
    /// (and prints why to stderr).
    static std::unique_ptr<EmulatorProcess> start(const std::vector<std::string> &extraArgs = {},
                                                  const std::string &org = {});
    ~EmulatorProcess(); ///< SIGTERM, then SIGKILL after 5 s

    std::string baseUrl() const; ///< "http://127.0.0.1:PORT/"
    int port() const;
    int pid() const;

    /// Client-credentials token for the first app user of the org (or the given one).
    std::string token(const std::string &clientId = {}, const std::string &secret = {},
                      const std::string &tenant = {});

    /// Convenience: request under /api/data/v9.2/ with the standard OData headers and a bearer token.
    HttpResult api(const std::string &method, const std::string &relativePath, const std::string &body = {},
                   const std::vector<std::string> &extraHeaders = {});

private:
    EmulatorProcess() = default;
    int m_pid = -1;
    int m_port = 0;
    int m_stdoutFd = -1;
    std::string m_token;
};

/// Source-tree root (FERRY_SOURCE_DIR compile definition).
std::string sourceDir();

} // namespace ferry::test
