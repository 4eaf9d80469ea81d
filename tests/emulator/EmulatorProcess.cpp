#include "EmulatorProcess.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <iostream>
#include <mutex>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace ferry::test {

namespace {

void curlGlobalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t writeBody(char *data, size_t size, size_t count, void *user)
{
    static_cast<std::string *>(user)->append(data, size * count);
    return size * count;
}

size_t writeHeader(char *data, size_t size, size_t count, void *user)
{
    auto *headers = static_cast<std::map<std::string, std::string> *>(user);
    std::string line(data, size * count);
    // A new status line (e.g. after "100 Continue") starts a new header block.
    if (line.rfind("HTTP/", 0) == 0) {
        headers->clear();
        return size * count;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos)
        return size * count;
    std::string name = line.substr(0, colon);
    for (auto &c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t\r\n");
    value = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
    (*headers)[name] = value;
    return size * count;
}

// Reads one line from fd within the deadline; false on timeout, EOF or error.
bool readLine(int fd, std::string &line, std::chrono::steady_clock::time_point deadline)
{
    line.clear();
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        pollfd p{fd, POLLIN, 0};
        const int r = ::poll(&p, 1, static_cast<int>(left.count()));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        char c = 0;
        const ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        if (c == '\n')
            return true;
        line.push_back(c);
    }
}

} // namespace

std::string sourceDir()
{
    return FERRY_SOURCE_DIR;
}

HttpResult httpRequest(const std::string &method, const std::string &url,
                       const std::vector<std::string> &headers, const std::string &body, long timeoutMs)
{
    curlGlobalInit();
    HttpResult result;
    CURL *curl = curl_easy_init();
    if (!curl) {
        result.error = "curl_easy_init failed";
        return result;
    }
    curl_slist *list = nullptr;
    for (const auto &h : headers)
        list = curl_slist_append(list, h.c_str());
    // libcurl would otherwise send "Expect: 100-continue" for large bodies.
    list = curl_slist_append(list, "Expect:");
    char errorBuffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeoutMs);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, writeBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, writeHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
    if (method == "HEAD")
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    const CURLcode rc = curl_easy_perform(curl);
    if (rc == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        result.status = static_cast<int>(status);
    } else {
        result.status = 0;
        result.error = errorBuffer[0] ? errorBuffer : curl_easy_strerror(rc);
    }
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    return result;
}

std::unique_ptr<EmulatorProcess> EmulatorProcess::start(const std::vector<std::string> &extraArgs,
                                                        const std::string &org)
{
    const std::string orgPath = org.empty() ? sourceDir() + "/resources/demo/org.json" : org;
    std::vector<std::string> args{FERRY_EMULATOR_EXE, "--listen", "127.0.0.1:0", "--org", orgPath};
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
        std::cerr << "EmulatorProcess: pipe failed: " << std::strerror(errno) << "\n";
        return nullptr;
    }
    // fork/exec rather than posix_spawn: the child asks the kernel to SIGTERM it when this test process dies,
    // so a crashed test never leaves an emulator behind holding the ctest pipes open.
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        std::cerr << "EmulatorProcess: fork failed: " << std::strerror(errno) << "\n";
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        return nullptr;
    }
    if (pid == 0) {
        // Only async-signal-safe calls between fork and exec.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(127);
        ::dup2(pipeFds[1], STDOUT_FILENO);
        ::execve(argv[0], argv.data(), environ);
        ::_exit(127);
    }
    ::close(pipeFds[1]);

    std::unique_ptr<EmulatorProcess> process(new EmulatorProcess);
    process->m_pid = pid;
    process->m_stdoutFd = pipeFds[0];

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::string line;
    const std::string prefix = "ferry-emulator listening on http://127.0.0.1:";
    if (!readLine(process->m_stdoutFd, line, deadline) || line.rfind(prefix, 0) != 0) {
        std::cerr << "EmulatorProcess: no listening line from " << args[0] << " (got: '" << line << "')\n";
        return nullptr; // the destructor kills and reaps the process
    }
    process->m_port = std::atoi(line.c_str() + prefix.size());
    if (process->m_port <= 0) {
        std::cerr << "EmulatorProcess: bad listening line: " << line << "\n";
        return nullptr;
    }
    return process;
}

EmulatorProcess::~EmulatorProcess()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        bool reaped = false;
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
            if (r == m_pid || (r < 0 && errno != EINTR)) {
                reaped = true;
                break;
            }
            ::usleep(10 * 1000);
        }
        if (!reaped) {
            ::kill(m_pid, SIGKILL);
            int status = 0;
            while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
            }
        }
    }
    if (m_stdoutFd >= 0)
        ::close(m_stdoutFd);
}

std::string EmulatorProcess::baseUrl() const
{
    return "http://127.0.0.1:" + std::to_string(m_port) + "/";
}

int EmulatorProcess::port() const
{
    return m_port;
}

int EmulatorProcess::pid() const
{
    return m_pid;
}

std::string EmulatorProcess::token(const std::string &clientId, const std::string &secret,
                                   const std::string &tenant)
{
    std::string id = clientId, pass = secret, ten = tenant;
    // Missing parts come from the emulator's loopback-only list of the org's app users.
    if (id.empty() || pass.empty() || ten.empty()) {
        const auto info = httpRequest("GET", baseUrl() + "_emulator/appusers");
        if (info.status == 200) {
            const auto users = nlohmann::json::parse(info.body, nullptr, false);
            if (users.is_array() && !users.empty()) {
                const auto &u = users.front();
                if (id.empty())
                    id = u.value("clientId", "");
                if (pass.empty())
                    pass = u.value("clientSecret", "");
                if (ten.empty())
                    ten = u.value("tenant", "");
            }
        }
    }
    std::string form = "grant_type=client_credentials&client_id=";
    CURL *curl = curl_easy_init();
    auto escape = [curl](const std::string &s) {
        char *e = curl_easy_escape(curl, s.c_str(), static_cast<int>(s.size()));
        std::string out = e ? e : "";
        curl_free(e);
        return out;
    };
    form += escape(id) + "&client_secret=" + escape(pass) + "&scope=" + escape(baseUrl() + ".default");
    curl_easy_cleanup(curl);
    const auto r = httpRequest("POST", baseUrl() + escape(ten) + "/oauth2/v2.0/token",
                               {"Content-Type: application/x-www-form-urlencoded"}, form);
    if (r.status != 200) {
        std::cerr << "EmulatorProcess: token request failed: " << r.status << " " << r.body << "\n";
        return {};
    }
    const auto json = nlohmann::json::parse(r.body, nullptr, false);
    const std::string t = json.is_object() ? json.value("access_token", "") : std::string();
    if (clientId.empty())
        m_token = t;
    return t;
}

HttpResult EmulatorProcess::api(const std::string &method, const std::string &relativePath,
                                const std::string &body, const std::vector<std::string> &extraHeaders)
{
    if (m_token.empty())
        token();
    std::vector<std::string> headers{"Authorization: Bearer " + m_token, "Accept: application/json",
                                     "OData-MaxVersion: 4.0", "OData-Version: 4.0"};
    if (!body.empty())
        headers.push_back("Content-Type: application/json; charset=utf-8");
    headers.insert(headers.end(), extraHeaders.begin(), extraHeaders.end());
    std::string path = relativePath;
    while (!path.empty() && path.front() == '/')
        path.erase(0, 1);
    return httpRequest(method, baseUrl() + "api/data/v9.2/" + path, headers, body);
}

} // namespace ferry::test
