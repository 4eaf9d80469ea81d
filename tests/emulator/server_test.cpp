// The HTTP server of ferry-emulator over real sockets: start-up line, command line errors, keep-alive,
// 256 concurrent connections, body limit, chunked bodies, introspection, reset and clean shutdown.

#include "EmulatorProcess.h"
#include "TestUtil.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using ferry::test::EmulatorProcess;
using ferry::test::httpRequest;
using ferry::test::HttpResult;
using ferry::test::parse;
using nlohmann::json;

namespace {

json stats(EmulatorProcess &emu)
{
    return parse(httpRequest("GET", emu.baseUrl() + "_emulator/stats"));
}

std::string demoOrg()
{
    return ferry::test::sourceDir() + "/resources/demo/org.json";
}

// Runs the emulator with `args` (and a 20 s safety timeout); returns its exit code and stderr.
int runExe(const std::string &args, std::string *stderrText = nullptr)
{
    const auto errPath =
        std::filesystem::temp_directory_path() / ("ferry-emu-server-" + std::to_string(::getpid()) + ".err");
    const std::string command =
        std::string("timeout 20 ") + FERRY_EMULATOR_EXE + " " + args + " >/dev/null 2>" + errPath.string();
    const int rc = std::system(command.c_str());
    if (stderrText) {
        std::ifstream in(errPath);
        stderrText->assign(std::istreambuf_iterator<char>(in), {});
    }
    std::filesystem::remove(errPath);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

int connectTo(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

bool sendAll(int fd, const std::string &data)
{
    size_t sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += static_cast<size_t>(n);
    }
    return true;
}

// Reads one HTTP response with a Content-Length body; returns the status (0 on failure).
int readResponse(int fd, std::string *body = nullptr)
{
    std::string data;
    char buffer[4096];
    size_t headerEnd = std::string::npos;
    size_t length = 0;
    for (;;) {
        if (headerEnd == std::string::npos) {
            headerEnd = data.find("\r\n\r\n");
            if (headerEnd != std::string::npos) {
                std::string head = data.substr(0, headerEnd);
                for (auto &c : head)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                const auto cl = head.find("content-length:");
                length = cl == std::string::npos ? 0 : std::stoul(head.substr(cl + 15));
            }
        }
        if (headerEnd != std::string::npos && data.size() >= headerEnd + 4 + length)
            break;
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            return 0;
        data.append(buffer, static_cast<size_t>(n));
    }
    if (body)
        *body = data.substr(headerEnd + 4, length);
    return data.size() > 12 && data.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(data.c_str() + 9) : 0;
}

} // namespace

TEST(EmulatorServer, StartsPrintsTheListeningLineAndAnswers)
{
    auto emu = EmulatorProcess::start();
    ASSERT_TRUE(emu);
    EXPECT_GT(emu->port(), 0);
    EXPECT_EQ(emu->baseUrl(), "http://127.0.0.1:" + std::to_string(emu->port()) + "/");
    const auto root = httpRequest("GET", emu->baseUrl());
    EXPECT_EQ(root.status, 200);
    EXPECT_EQ(httpRequest("GET", emu->baseUrl() + "nothing/here").status, 404);
    const auto who = emu->api("GET", "WhoAmI");
    EXPECT_EQ(who.status, 200) << who.body;
}

TEST(EmulatorServer, CommandLineErrorsExitWith2)
{
    std::string err;
    EXPECT_EQ(runExe("--version"), 0);
    EXPECT_EQ(runExe("--help"), 0);
    EXPECT_EQ(runExe("--listen 127.0.0.1:0", &err), 2);
    EXPECT_NE(err.find("--org"), std::string::npos) << err;
    EXPECT_EQ(runExe("--listen 127.0.0.1:0 --org " + demoOrg() + " --bogus 1", &err), 2);
    EXPECT_NE(err.find("--bogus"), std::string::npos) << err;
    EXPECT_EQ(runExe("--listen 0.0.0.0:0 --org " + demoOrg(), &err), 2);
    EXPECT_NE(err.find("--allow-remote"), std::string::npos) << err;
    EXPECT_EQ(runExe("--listen 127.0.0.1:0 --org /nonexistent/org.json", &err), 2);
    EXPECT_NE(err.find("/nonexistent/org.json"), std::string::npos) << err;
    EXPECT_EQ(runExe("--listen 127.0.0.1:0 --org " + demoOrg() + " --limits /nonexistent/limits.json", &err),
              2);
    EXPECT_NE(err.find("limits"), std::string::npos) << err;
    EXPECT_EQ(runExe("--listen 127.0.0.1:0 --org " + demoOrg() + " --time-scale 0"), 2);
    const auto badLimits = std::filesystem::temp_directory_path() /
                           ("ferry-emu-badlimits-" + std::to_string(::getpid()) + ".json");
    std::ofstream(badLimits) << R"({"maxRequests": 10, "windowSecs": 5})";
    EXPECT_EQ(runExe("--listen 127.0.0.1:0 --org " + demoOrg() + " --limits " + badLimits.string(), &err), 2);
    EXPECT_NE(err.find("windowSecs"), std::string::npos) << err;
    std::filesystem::remove(badLimits);
}

TEST(EmulatorServer, Holds256ConcurrentKeepAliveConnections)
{
    auto emu = EmulatorProcess::start({"--limits", "off"});
    ASSERT_TRUE(emu);
    const std::string token = emu->token();
    ASSERT_FALSE(token.empty());
    const std::string request =
        "GET /api/data/v9.2/WhoAmI HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(emu->port()) +
        "\r\nAuthorization: Bearer " + token + "\r\nAccept: application/json\r\n\r\n";
    std::vector<int> fds;
    for (int i = 0; i < 256; ++i) {
        const int fd = connectTo(emu->port());
        ASSERT_GE(fd, 0) << "connection " << i;
        fds.push_back(fd);
    }
    // Every connection is open at once; each answers twice on the same socket.
    for (int round = 0; round < 2; ++round) {
        for (int fd : fds)
            ASSERT_TRUE(sendAll(fd, request));
        int ok = 0;
        for (int fd : fds)
            ok += readResponse(fd) == 200;
        EXPECT_EQ(ok, 256) << "round " << round;
    }
    for (int fd : fds)
        ::close(fd);
    EXPECT_EQ(stats(*emu)["requests"].value("total", -1), 512);
}

TEST(EmulatorServer, ChunkedRequestBodyAndBodyLimit)
{
    auto emu = EmulatorProcess::start({"--limits", "off", "--max-body-mb", "1"});
    ASSERT_TRUE(emu);
    const std::string token = emu->token();
    const std::string body = json{{"Targets",
                                   {{{"@odata.type", "Microsoft.Dynamics.CRM.account"},
                                     {"name", "Chunky"},
                                     {"accountnumber", "CH-1"}}}}}
                                 .dump();
    std::string chunked;
    for (size_t pos = 0; pos < body.size(); pos += 16) {
        const std::string part = body.substr(pos, 16);
        char size[16];
        std::snprintf(size, sizeof size, "%zx\r\n", part.size());
        chunked += size + part + "\r\n";
    }
    chunked += "0\r\n\r\n";
    const int fd = connectTo(emu->port());
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(sendAll(fd, "POST /api/data/v9.2/accounts/Microsoft.Dynamics.CRM.CreateMultiple HTTP/1.1\r\n"
                            "Host: 127.0.0.1\r\nAuthorization: Bearer " +
                                token +
                                "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                chunked));
    std::string answer;
    const int status = readResponse(fd, &answer);
    EXPECT_EQ(status / 100, 2) << status << " " << answer;
    ::close(fd);
    EXPECT_EQ(stats(*emu)["records"].value("account", 0), 1);

    const auto tooLarge = emu->api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple",
                                   std::string(1024 * 1024 + 10, ' '));
    EXPECT_EQ(tooLarge.status, 413) << tooLarge.error;
}

TEST(EmulatorServer, StatsAndResetReconcile)
{
    auto emu = EmulatorProcess::start({"--limits", "dataverse", "--time-scale", "1000"});
    ASSERT_TRUE(emu);
    for (int i = 0; i < 7; ++i)
        ASSERT_EQ(emu->api("GET", "WhoAmI").status, 200);
    json targets = json::array();
    for (int i = 0; i < 12; ++i)
        targets.push_back({{"@odata.type", "Microsoft.Dynamics.CRM.account"},
                           {"name", "Stat " + std::to_string(i)},
                           {"accountnumber", "ST-" + std::to_string(i)}});
    const auto write =
        emu->api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", json{{"Targets", targets}}.dump());
    ASSERT_EQ(write.status / 100, 2) << write.body;
    EXPECT_EQ(httpRequest("GET", emu->baseUrl() + "api/data/v9.2/WhoAmI").status, 401);

    json s = stats(*emu);
    EXPECT_EQ(s["requests"].value("total", -1), 8);
    EXPECT_EQ(s["requests"].value("unauthorized", -1), 1);
    ASSERT_EQ(s["requests"]["perUser"].size(), 1u);
    EXPECT_EQ(s["requests"]["perUser"].begin().value().value("count", -1), 8);
    EXPECT_EQ(s["records"].value("account", -1), 12);
    EXPECT_EQ(s.value("inFlight", -1), 0);
    ASSERT_EQ(s["executionTime"].size(), 1u);
    EXPECT_GT(s["executionTime"].begin().value().value("totalMs", 0.0), 0.0);
    EXPECT_EQ(s["executionTime"].begin().value().value("requestsInWindow", -1), 8);

    ASSERT_EQ(httpRequest("POST", emu->baseUrl() + "_emulator/reset").status, 204);
    s = stats(*emu);
    EXPECT_EQ(s["requests"].value("total", -1), 0);
    EXPECT_EQ(s["requests"].value("unauthorized", -1), 0);
    EXPECT_TRUE(s["requests"]["perUser"].empty());
    EXPECT_EQ(s["records"].value("account", 0), 0);
    EXPECT_EQ(s["executionTime"].begin().value().value("totalMs", -1.0), 0.0);
    // The token survives a reset; counting starts again from zero.
    ASSERT_EQ(emu->api("GET", "WhoAmI").status, 200);
    EXPECT_EQ(stats(*emu)["requests"].value("total", -1), 1);
}

TEST(EmulatorServer, SigtermStopsCleanly)
{
    auto emu = EmulatorProcess::start();
    ASSERT_TRUE(emu);
    ASSERT_EQ(emu->api("GET", "WhoAmI").status, 200);
    ASSERT_EQ(::kill(emu->pid(), SIGTERM), 0);
    int status = 0;
    pid_t r = -1;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((r = ::waitpid(emu->pid(), &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline)
        ::usleep(10000);
    ASSERT_EQ(r, emu->pid());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
}
