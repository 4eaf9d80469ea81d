// Thread: the test's thread. Replays, byte for byte, what a widely used real Dataverse client
// (DynamicsWebApi 2.5.0, tests/data/real-client-requests.txt) sent, against a real ferry-emulator
// process, and checks every answer against what the REAL Dataverse service answers for that request
// in the seeded state. "§x.y" below cites /work/shared/reference/dataverse-web-api.md (the project's
// Dataverse reference); the capture's own answers came from a fake server that said yes to everything
// and are NOT the expectation.
//
// Only three things change in the replayed bytes: the host:port (in the Host header and in absolute
// URLs inside bodies, with Content-Length adjusted by the same delta only when the port's length
// differs), the bearer token, and, for the three requests that follow a nextLink the fake server had
// invented (#21, #23, #53), the request target: those follow the emulator's own nextLink instead.

#include "EmulatorProcess.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using nlohmann::json;

namespace {

// ------------------------------------------------------------------------------------------------
// The capture
// ------------------------------------------------------------------------------------------------

struct CapturedRequest
{
    int number = 0;
    std::string op;
    std::string raw; ///< exact bytes as the client sent them (CRLF preserved)
};

/// Parses "======== request #N | op: OP | ... ========\n" RAW "\n======== end of request #N ========".
/// The capture's format note says one "\n" is added after each raw request before the end marker;
/// it is not part of the request.
std::vector<CapturedRequest> loadCapture(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    std::vector<CapturedRequest> out;
    static const std::regex head(R"(======== request #(\d+) \| op: (.*?) \| \d+ raw bytes .*?========\n)");
    auto begin = std::sregex_iterator(text.begin(), text.end(), head);
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        CapturedRequest r;
        r.number = std::stoi((*it)[1].str());
        r.op = (*it)[2].str();
        const size_t start = static_cast<size_t>(it->position(0) + it->length(0));
        const std::string endMarker = "\n======== end of request #" + std::to_string(r.number) + " ========";
        const size_t end = text.find(endMarker, start);
        if (end == std::string::npos)
            continue;
        r.raw = text.substr(start, end - start);
        out.push_back(std::move(r));
    }
    return out;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

void replaceAll(std::string &s, const std::string &from, const std::string &to)
{
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
        s.replace(p, from.size(), to);
}

/// Content-Length the request declares, or -1.
long declaredContentLength(const std::string &head)
{
    static const std::regex cl(R"(\r\nContent-Length: (\d+)\r\n)", std::regex::icase);
    std::smatch m;
    if (std::regex_search(head, m, cl))
        return std::stol(m[1].str());
    return -1;
}

constexpr const char *kCapturedHost = "127.0.0.1:37905";
constexpr const char *kCapturedToken = "FIXED-TEST-TOKEN-0123456789";

/// The capture's request adapted to our server (see the file comment). `target` replaces the
/// request target when not empty.
std::string adapt(const CapturedRequest &r, int port, const std::string &token,
                  const std::string &target = {})
{
    const size_t sep = r.raw.find("\r\n\r\n");
    std::string head = r.raw.substr(0, sep + 4);
    std::string body = r.raw.substr(sep + 4);
    const std::string host = "127.0.0.1:" + std::to_string(port);
    replaceAll(head, kCapturedHost, host);
    replaceAll(head, kCapturedToken, token);
    const size_t oldBodySize = body.size();
    replaceAll(body, kCapturedHost, host);
    if (body.size() != oldBodySize) {
        // Keep the client's own Content-Length error (#47) intact: shift by the delta only.
        const long declared = declaredContentLength(head);
        const long fixed = declared + static_cast<long>(body.size()) - static_cast<long>(oldBodySize);
        replaceAll(head, "Content-Length: " + std::to_string(declared) + "\r\n",
                   "Content-Length: " + std::to_string(fixed) + "\r\n");
    }
    if (!target.empty()) {
        const size_t sp1 = head.find(' ');
        const size_t sp2 = head.find(' ', sp1 + 1);
        head.replace(sp1 + 1, sp2 - sp1 - 1, target);
    }
    return head + body;
}

// ------------------------------------------------------------------------------------------------
// Raw HTTP over loopback
// ------------------------------------------------------------------------------------------------

struct RawResponse
{
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers; ///< names lower-cased
    std::string body;
    std::string error;

    std::string header(const std::string &name) const
    {
        for (const auto &h : headers)
            if (h.first == name)
                return h.second;
        return {};
    }
    bool hasHeader(const std::string &name) const
    {
        return std::any_of(headers.begin(), headers.end(), [&](const auto &h) { return h.first == name; });
    }
    json bodyJson() const { return json::parse(body, nullptr, false); }
};

class Socket
{
public:
    explicit Socket(int port, std::chrono::milliseconds timeout) : m_timeout(timeout)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (m_fd < 0 || ::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
            m_error = "connect failed";
    }
    ~Socket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Socket(const Socket &) = delete;
    Socket &operator=(const Socket &) = delete;

    const std::string &error() const { return m_error; }

    bool sendAll(const std::string &bytes)
    {
        size_t sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) {
                m_error = "send failed";
                return false;
            }
            sent += static_cast<size_t>(n);
        }
        return true;
    }

    /// Reads more bytes into m_buffer; false on timeout, error or EOF (m_eof set on EOF).
    bool fill()
    {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(m_timeout.count())) <= 0) {
            m_error = "timed out waiting for the response";
            return false;
        }
        char buf[16384];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n <= 0) {
            m_eof = true;
            return false;
        }
        m_buffer.append(buf, static_cast<size_t>(n));
        return true;
    }

    /// Reads one response: status line, headers, then the body by Content-Length, chunked
    /// transfer coding, or until the peer closes.
    RawResponse readResponse(bool headRequest = false)
    {
        RawResponse r;
        size_t headEnd;
        while ((headEnd = m_buffer.find("\r\n\r\n")) == std::string::npos)
            if (!fill()) {
                r.error = m_eof ? "connection closed before a response" : m_error;
                return r;
            }
        const std::string head = m_buffer.substr(0, headEnd);
        m_buffer.erase(0, headEnd + 4);
        std::istringstream lines(head);
        std::string line;
        std::getline(lines, line);
        if (line.rfind("HTTP/1.", 0) != 0 || line.size() < 12) {
            r.error = "bad status line: " + line;
            return r;
        }
        r.status = std::stoi(line.substr(9, 3));
        while (std::getline(lines, line)) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            const size_t colon = line.find(':');
            if (colon == std::string::npos)
                continue;
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(" \t"));
            r.headers.emplace_back(lower(line.substr(0, colon)), value);
        }
        if (headRequest || r.status == 204 || r.status == 304 || (r.status >= 100 && r.status < 200))
            return r;
        if (lower(r.header("transfer-encoding")).find("chunked") != std::string::npos) {
            for (;;) {
                size_t eol;
                while ((eol = m_buffer.find("\r\n")) == std::string::npos)
                    if (!fill()) {
                        r.error = "truncated chunked body";
                        return r;
                    }
                const size_t size = std::stoul(m_buffer.substr(0, eol), nullptr, 16);
                m_buffer.erase(0, eol + 2);
                while (m_buffer.size() < size + 2)
                    if (!fill()) {
                        r.error = "truncated chunk";
                        return r;
                    }
                r.body += m_buffer.substr(0, size);
                m_buffer.erase(0, size + 2);
                if (size == 0) // trailers are not used by the emulator
                    break;
            }
        } else if (r.hasHeader("content-length")) {
            const size_t length = std::stoul(r.header("content-length"));
            while (m_buffer.size() < length)
                if (!fill()) {
                    r.error = "truncated body";
                    return r;
                }
            r.body = m_buffer.substr(0, length);
            m_buffer.erase(0, length);
        } else {
            while (fill()) {
            }
            r.body = m_buffer;
            m_buffer.clear();
        }
        return r;
    }

private:
    int m_fd = -1;
    std::chrono::milliseconds m_timeout;
    std::string m_buffer;
    std::string m_error;
    bool m_eof = false;
};

/// One connection per request, so a request's stray bytes (see #47) cannot shift the next one.
RawResponse exchange(int port, const std::string &bytes)
{
    Socket s(port, std::chrono::milliseconds(20000));
    RawResponse r;
    if (!s.error().empty() || !s.sendAll(bytes)) {
        r.error = s.error();
        return r;
    }
    const bool head = bytes.rfind("HEAD ", 0) == 0;
    return s.readResponse(head);
}

// ------------------------------------------------------------------------------------------------
// $batch responses (multipart/mixed, nested change sets)
// ------------------------------------------------------------------------------------------------

struct BatchPart
{
    int status = 0;
    std::string contentId;
    std::string body;
};

std::string boundaryOf(const std::string &contentType)
{
    static const std::regex re(R"(boundary=\"?([^\";\s]+)\"?)", std::regex::icase);
    std::smatch m;
    return std::regex_search(contentType, m, re) ? m[1].str() : std::string{};
}

void parseMultipart(const std::string &body, const std::string &boundary, std::vector<BatchPart> &out)
{
    const std::string delim = "--" + boundary;
    size_t pos = body.find(delim);
    while (pos != std::string::npos) {
        pos += delim.size();
        if (body.compare(pos, 2, "--") == 0)
            break; // close delimiter
        const size_t next = body.find(delim, pos);
        std::string part = body.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
        const size_t headEnd = part.find("\r\n\r\n");
        if (headEnd == std::string::npos)
            break;
        const std::string partHead = part.substr(0, headEnd);
        std::string rest = part.substr(headEnd + 4);
        std::smatch m;
        static const std::regex ct(R"(Content-Type:\s*([^\r\n]+))", std::regex::icase);
        static const std::regex cid(R"(Content-ID:\s*([^\r\n]+))", std::regex::icase);
        const std::string contentType = std::regex_search(partHead, m, ct) ? m[1].str() : "";
        if (lower(contentType).find("multipart/mixed") != std::string::npos) {
            parseMultipart(rest, boundaryOf(contentType), out);
        } else {
            BatchPart p;
            if (std::regex_search(partHead, m, cid))
                p.contentId = m[1].str();
            if (rest.rfind("HTTP/1.", 0) == 0 && rest.size() >= 12)
                p.status = std::stoi(rest.substr(9, 3));
            const size_t innerBody = rest.find("\r\n\r\n");
            if (innerBody != std::string::npos) {
                p.body = rest.substr(innerBody + 4);
                while (!p.body.empty() && (p.body.back() == '\n' || p.body.back() == '\r'))
                    p.body.pop_back();
            }
            out.push_back(std::move(p));
        }
        pos = next;
    }
}

std::vector<BatchPart> batchParts(const RawResponse &r)
{
    std::vector<BatchPart> parts;
    parseMultipart(r.body, boundaryOf(r.header("content-type")), parts);
    return parts;
}

std::vector<int> statuses(const std::vector<BatchPart> &parts)
{
    std::vector<int> s;
    for (const auto &p : parts)
        s.push_back(p.status);
    return s;
}

std::string guidIn(const std::string &url)
{
    static const std::regex re(
        R"(\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\))");
    std::smatch m;
    return std::regex_search(url, m, re) ? lower(m[1].str()) : std::string{};
}

std::string str(const json &j, const char *key)
{
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string{};
}

std::string setOf(const std::set<int> &s)
{
    std::string out;
    for (int v : s)
        out += (out.empty() ? "" : " or ") + std::to_string(v);
    return out;
}

/// "Resource not found for the segment": MS custom-api.md shows code 0x8006088a; newer third-party
/// captures (microsoft/Dataverse-MCP#6) show 0x80060888 for the same message. Either is the real service.
bool isSegmentNotFound(const RawResponse &r)
{
    const json error = r.bodyJson().value("error", json::object());
    const std::string code = str(error, "code");
    return (code == "0x8006088a" || code == "0x80060888") &&
           str(error, "message").find("Resource not found for the segment") != std::string::npos;
}

std::string captureFile()
{
    return ferry::test::sourceDir() + "/tests/data/real-client-requests.txt";
}

// Records the test seeds (the ids the capture refers to, plus a few that give the queries something
// to find).
const std::string kAccount =
    "11111111-1111-1111-1111-111111111111"; // #6 #8 #9 #10 #14 #15 #16 #18 #24 #28-#31 #45
const std::string kContact = "22222222-2222-2222-2222-222222222222";      // #9 #28-#30 #35
const std::string kDoomed = "33333333-3333-3333-3333-333333333333";       // deleted inside #45
const std::string kConsolidated = "44444444-4444-4444-4444-444444444444"; // #19 finds it
const std::string kPharma = "55555555-5555-5555-5555-555555555555";       // #19 finds it
const std::string kAcc009 = "66666666-6666-6666-6666-666666666666";       // makes #13 meet an existing row
const std::string kLegacy = "77777777-7777-7777-7777-777777777777";       // #48 finds it
const std::string kCallerA1 = "00000000-0000-0000-0000-0000000000a1";     // #34
const std::string kCallerA2 = "00000000-0000-0000-0000-0000000000a2";     // #4 MSCRMCallerID

} // namespace

// The parser must find all 54 requests, each with the byte counts the capture states, and the one
// Content-Length the client got wrong (#47: UTF-16 units instead of UTF-8 bytes).
TEST(ReplayCapture, ParsesEveryRequestExactly)
{
    const auto requests = loadCapture(captureFile());
    ASSERT_EQ(requests.size(), 54u) << captureFile();
    std::ifstream in(captureFile(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (size_t i = 0; i < requests.size(); ++i) {
        const auto &r = requests[i];
        SCOPED_TRACE("request #" + std::to_string(r.number) + " (" + r.op + ")");
        EXPECT_EQ(r.number, static_cast<int>(i) + 1);
        const std::string stated = "request #" + std::to_string(r.number) + " | op: " + r.op + " | " +
                                   std::to_string(r.raw.size()) + " raw bytes";
        EXPECT_NE(text.find(stated), std::string::npos) << "raw size differs from the capture's count";
        const size_t sep = r.raw.find("\r\n\r\n");
        ASSERT_NE(sep, std::string::npos);
        EXPECT_EQ(r.raw.find('\n'), r.raw.find("\r\n") + 1) << "CRLF line ends must survive";
        const long declared = declaredContentLength(r.raw.substr(0, sep + 4));
        const size_t bodySize = r.raw.size() - sep - 4;
        if (declared >= 0 && r.number != 47) {
            EXPECT_EQ(static_cast<size_t>(declared), bodySize);
        }
        if (r.number == 47) {
            // The wire body was one byte longer than declared ("Ü" is 2 UTF-8 bytes, 1 UTF-16 unit);
            // the capture holds the declared 889 bytes, the 890th ("\n") stayed on the connection.
            EXPECT_EQ(declared, 889);
            EXPECT_EQ(bodySize, 889u);
            EXPECT_EQ(r.raw.back(), '\r');
        }
    }
}

namespace {

struct Exchange
{
    const CapturedRequest *request = nullptr;
    RawResponse response;
};

/// One row per captured request: what the real service answers, and why.
struct Row
{
    int number;
    std::set<int> expected; ///< the real service's status; two only where the sources leave it open
    const char *why;        ///< the justification, citing the reference
    std::function<void(const Exchange &)> check = {}; ///< further facts (headers, body, resulting state)
    std::function<void()> before = {};                ///< state the request needs (re-seeding)
    std::function<std::string()> target = {};         ///< replaces the request target (nextLink follow-ups)
    /// A documented emulator limitation (docs/emulator.md, "Known differences"): these statuses are
    /// accepted instead of the real one and reported as a known gap, not hidden.
    std::set<int> gap = {};
    const char *gapNote = nullptr;
};

} // namespace

class Replay : public ::testing::Test
{
protected:
    void SetUp() override
    {
        std::ifstream orgFile(ferry::test::sourceDir() + "/resources/demo/org.json");
        m_org = json::parse(orgFile, nullptr, false);
        ASSERT_TRUE(m_org.is_object()) << "resources/demo/org.json does not parse";
        m_emu = ferry::test::EmulatorProcess::start({"--limits", "off"});
        ASSERT_TRUE(m_emu) << "ferry-emulator did not start";
        const auto &user = m_org["x-ferry-emulator"]["appUsers"][0];
        m_token = m_emu->token(user["clientId"].get<std::string>(), user["clientSecret"].get<std::string>(),
                               user["tenant"].get<std::string>());
        ASSERT_FALSE(m_token.empty()) << "no token for the first app user of the demo org";
    }

    ferry::test::HttpResult api(const std::string &method, const std::string &path,
                                const json &body = nullptr, const std::vector<std::string> &headers = {})
    {
        return m_emu->api(method, path, body.is_null() ? std::string{} : body.dump(), headers);
    }

    json get(const std::string &path)
    {
        const auto r = api("GET", path);
        EXPECT_EQ(r.status, 200) << "GET " << path << ": " << r.body;
        return json::parse(r.body, nullptr, false);
    }

    int status(const std::string &path) { return api("GET", path).status; }

    /// Upsert by id (§5.2: PATCH without a condition header creates or updates -> 204).
    void upsert(const std::string &path, const json &body, bool required = true)
    {
        const auto r = api("PATCH", path, body);
        if (required)
            ASSERT_EQ(r.status, 204) << "seeding PATCH " << path << " " << body.dump() << ": " << r.body;
        else
            EXPECT_EQ(r.status, 204) << "seeding PATCH " << path << " " << body.dump() << ": " << r.body;
    }

    /// The account/contact pair most of the capture works on.
    void seedAccountAndContact(bool withPrimaryContact)
    {
        upsert("accounts(" + kAccount + ")", {{"name", "Contoso Seed"}, {"description", "to be cleared"}});
        upsert("contacts(" + kContact + ")",
               {{"firstname", "Seed"},
                {"lastname", "Contact"},
                {"telephone1", "+1 555 0100"},
                {"emailaddress1", "seed.contact@example.com"},
                {"parentcustomerid_account@odata.bind", "/accounts(" + kAccount + ")"}});
        if (withPrimaryContact)
            upsert("accounts(" + kAccount + ")",
                   {{"primarycontactid@odata.bind", "/contacts(" + kContact + ")"}});
    }

    void seed()
    {
        // Two people the capture names by id: the MSCRMCallerID of #4 and the record of #34.
        upsert("systemusers(" + kCallerA1 + ")",
               {{"firstname", "Capture"},
                {"lastname", "User A1"},
                {"domainname", "a1@ferry-demo.example"},
                {"internalemailaddress", "a1@ferry-demo.example"}},
               false);
        upsert("systemusers(" + kCallerA2 + ")",
               {{"firstname", "Capture"},
                {"lastname", "User A2"},
                {"domainname", "a2@ferry-demo.example"},
                {"internalemailaddress", "a2@ferry-demo.example"}},
               false);
        seedAccountAndContact(true);
        upsert("accounts(" + kDoomed + ")", {{"name", "Doomed Ltd"}});
        upsert("accounts(" + kConsolidated + ")", {{"name", "Consolidated Messenger"}});
        upsert("accounts(" + kPharma + ")", {{"name", "Contoso Pharmaceuticals"}});
        upsert("accounts(" + kAcc009 + ")", {{"name", "Existing ACC-009"}, {"accountnumber", "ACC-009"}});
        upsert("accounts(" + kLegacy + ")", {{"name", "Legacy 42"}, {"accountnumber", "LEGACY-00042"}});
    }

    std::string base() const { return m_emu->baseUrl() + "api/data/v9.2/"; }

    json m_org;
    std::unique_ptr<ferry::test::EmulatorProcess> m_emu;
    std::string m_token;
};

TEST_F(Replay, RealClientCaptureGetsTheRealServiceAnswers)
{
    const auto captured = loadCapture(captureFile());
    ASSERT_EQ(captured.size(), 54u);
    seed();
    if (HasFatalFailure())
        return;

    const json &section = m_org["x-ferry-emulator"];
    const std::string appUserId = lower(section["appUsers"][0]["userId"].get<std::string>());
    const std::string orgId = lower(section["organization"]["id"].get<std::string>());
    const std::string businessUnitId = lower(section["organization"]["businessUnitId"].get<std::string>());
    const std::string a = "accounts(" + kAccount + ")";
    const std::string c = "contacts(" + kContact + ")";

    std::map<int, Exchange> done; // responses so far, by request number
    std::string createdAccount1, createdContact3, createdAccount4, createdAccount5;
    // 6 seeded accounts + #2, #4, #5 (the account #1 created is deleted by #17): what #20-#27 count.
    const int accountsAtQueries = 9;

    auto nextLinkOf = [&](int number) -> std::string {
        const auto j = done[number].response.bodyJson();
        const std::string link = str(j, "@odata.nextLink");
        EXPECT_FALSE(link.empty()) << "request #" << number
                                   << " returned no @odata.nextLink: " << done[number].response.body;
        // The request target is the path + query (origin form) of the absolute nextLink.
        const size_t path = link.find("/api/data/");
        return path == std::string::npos ? link : link.substr(path);
    };
    auto valueOf = [](const Exchange &e) { return e.response.bodyJson().value("value", json::array()); };
    auto onlyNames = [](const json &value) {
        std::vector<std::string> names;
        for (const auto &v : value)
            names.push_back(str(v, "name"));
        return names;
    };

    const std::vector<Row> rows = {
        {1,
         {204},
         "§5.1: POST to the entity set -> 204 + OData-EntityId",
         [&](const Exchange &e) {
             createdAccount1 = guidIn(e.response.header("odata-entityid"));
             EXPECT_EQ(e.response.header("odata-entityid").rfind(base() + "accounts(", 0), 0u)
                 << e.response.header("odata-entityid");
             EXPECT_FALSE(createdAccount1.empty());
         }},
        {2,
         {201},
         "§5.1: Prefer: return=representation -> 201 with the selected columns",
         [&](const Exchange &e) {
             const auto j = e.response.bodyJson();
             EXPECT_EQ(str(j, "name"), "Fabrikam");
             EXPECT_FALSE(guidIn("(" + str(j, "accountid") + ")").empty()) << e.response.body;
             EXPECT_TRUE(j.contains("@odata.etag")) << e.response.body;
             EXPECT_NE(e.response.header("preference-applied").find("return=representation"),
                       std::string::npos);
             // §5.1 [MS S14]: no OData-EntityId header when the representation is returned.
             EXPECT_FALSE(e.response.hasHeader("odata-entityid"));
         }},
        {3,
         {204},
         "§5.1 create with @odata.bind ('/accounts(id)' form, §5.4); duplicate detection on (§5.1, no rule "
         "matches), BypassCustomPluginExecution accepted for a System Administrator app user (§8), ?tag= "
         "(§8)",
         [&](const Exchange &e) {
             createdContact3 = guidIn(e.response.header("odata-entityid"));
             ASSERT_FALSE(createdContact3.empty());
             const auto j =
                 get("contacts(" + createdContact3 + ")?$select=fullname,birthdate,_parentcustomerid_value");
             EXPECT_EQ(str(j, "fullname"), "Jane Doe");
             EXPECT_EQ(str(j, "birthdate"), "1980-02-03"); // DateOnly column (§9.2)
             EXPECT_EQ(lower(str(j, "_parentcustomerid_value")), kAccount);
         }},
        {4,
         {204},
         "§8: MSCRMCallerID impersonates an existing systemuser; the System Administrator app user holds "
         "prvActOnBehalfOfAnotherUser, so the create succeeds and the impersonated user owns the row",
         [&](const Exchange &e) {
             createdAccount4 = guidIn(e.response.header("odata-entityid"));
             ASSERT_FALSE(createdAccount4.empty());
             const auto j = get("accounts(" + createdAccount4 + ")?$select=name,_ownerid_value");
             EXPECT_EQ(str(j, "name"), "as other user");
             EXPECT_EQ(lower(str(j, "_ownerid_value")), kCallerA2);
         }},
        {5,
         {204},
         "§5.1: create; JSON \\u escapes and newlines are ordinary string content",
         [&](const Exchange &e) {
             createdAccount5 = guidIn(e.response.header("odata-entityid"));
             ASSERT_FALSE(createdAccount5.empty());
             const auto j = get("accounts(" + createdAccount5 + ")?$select=name,description");
             EXPECT_EQ(str(j, "name"), "M\xC3\xBCller \xE2\x80\x93 \xE6\x9D\xB1\xE4\xBA\xAC GmbH");
             EXPECT_EQ(str(j, "description"), "line1\nline2 \"quoted\"");
         }},
        {6,
         {200},
         "§5.4 primary key GET with $select/$expand of the single-valued primarycontactid",
         [&](const Exchange &e) {
             const auto j = e.response.bodyJson();
             EXPECT_EQ(str(j, "name"), "Contoso Seed") << e.response.body;
             EXPECT_TRUE(j.contains("@odata.etag"));
             ASSERT_TRUE(j.contains("primarycontactid") && j["primarycontactid"].is_object())
                 << e.response.body;
             EXPECT_EQ(str(j["primarycontactid"], "fullname"), "Seed Contact");
         }},
        {7,
         {200},
         "§5.4: GET by a declared alternate key (accountnumber, key ferry_accountnumber)",
         [&](const Exchange &e) {
             EXPECT_EQ(str(e.response.bodyJson(), "name"), "Contoso") << e.response.body;
         }},
        {8, {204}, "§5.2: PATCH + If-Match: * on an existing row = update -> 204"},
        {9,
         {204},
         "§5.2 update; §5.4/§6 lookup bound by an absolute URL; \"telephone1\": null clears the column",
         [&](const Exchange &) {
             const auto j = get(c + "?$select=telephone1,_parentcustomerid_value");
             EXPECT_TRUE(j.contains("telephone1") && j["telephone1"].is_null()) << j.dump();
             EXPECT_EQ(lower(str(j, "_parentcustomerid_value")), kAccount);
         }},
        {10,
         {204},
         "§5.2: PATCH without condition = upsert; the row exists -> update -> 204",
         [&](const Exchange &) { EXPECT_EQ(str(get(a + "?$select=name"), "name"), "Contoso Upserted"); }},
        {11,
         {204},
         "§5.2: upsert by alternate key; ACC-001 exists (#1) -> update -> 204",
         [&](const Exchange &e) {
             // §5.2 [MS S8, S9]: OData-EntityId echoes the key form of the URL.
             const std::string id = e.response.header("odata-entityid");
             EXPECT_NE(id.find("accounts(accountnumber='ACC-001')"), std::string::npos) << id;
             EXPECT_EQ(str(get("accounts(" + createdAccount1 + ")?$select=name"), "name"), "Contoso by key");
         }},
        {12,
         {204},
         "§5.2/§5.4: upsert by the composite key (emailaddress1, lastname); no such contact -> create, "
         "key values copied from the URL",
         [&](const Exchange &e) {
             const std::string id = e.response.header("odata-entityid");
             EXPECT_NE(id.find("contacts(emailaddress1='jane@example.com',lastname='Doe')"),
                       std::string::npos)
                 << id;
             const auto j =
                 get("contacts(emailaddress1='jane@example.com',lastname='Doe')?$select=firstname");
             EXPECT_EQ(str(j, "firstname"), "Jane");
         }},
        {13,
         {412},
         "§5.2: PATCH + If-None-Match: * (create only) meets the seeded ACC-009 -> 412",
         [&](const Exchange &e) {
             const auto j = e.response.bodyJson();
             EXPECT_TRUE(j.contains("error") && !str(j["error"], "message").empty()) << e.response.body;
             EXPECT_EQ(str(get("accounts(" + kAcc009 + ")?$select=name"), "name"), "Existing ACC-009");
         }},
        {14,
         {200},
         "§5.2: update-only PATCH with Prefer: return=representation on an existing row -> 200 + body",
         [&](const Exchange &e) {
             const auto j = e.response.bodyJson();
             EXPECT_EQ(str(j, "name"), "Only if exists") << e.response.body;
             EXPECT_EQ(lower(str(j, "accountid")), kAccount);
         }},
        {15,
         {204},
         "§5.2: PUT /accounts(id)/name {\"value\":...} -> 204",
         [&](const Exchange &) { EXPECT_EQ(str(get(a + "?$select=name"), "name"), "Single prop"); }},
        {16,
         {204},
         "§5.3: DELETE an existing row -> 204",
         [&](const Exchange &) {
             EXPECT_EQ(status(a), 404) << "§5.3: the row is gone";
             // contact_customer_accounts cascades Delete in the real org (fixture
             // dataverse-relationshipdefinitions-sample.json): the contact #9 attached goes too.
             EXPECT_EQ(status(c), 404) << "contact_customer_accounts Delete: Cascade";
         }},
        {17,
         {204},
         "§5.3 [MS S12]: DELETE by alternate key; ACC-001 exists -> 204",
         [&](const Exchange &) { EXPECT_EQ(status("accounts(accountnumber='ACC-001')"), 404); }},
        {18,
         {204},
         "§5.2: DELETE /accounts(id)/description clears one value -> 204",
         [&](const Exchange &) {
             const auto j = get(a + "?$select=description");
             EXPECT_TRUE(j.contains("description") && j["description"].is_null()) << j.dump();
         },
         // #16 deleted the account (and, by cascade, its contact); the rest of the capture works on them
         // again, so the test puts them back as they were seeded (without the primary contact: #30 sets it).
         [&] { seedAccountAndContact(false); }},
        {19,
         {200},
         "OData query: $filter (statecode, startswith, ne GUID), $top, $orderby name asc",
         [&](const Exchange &e) {
             EXPECT_EQ(onlyNames(valueOf(e)),
                       (std::vector<std::string>{"Consolidated Messenger", "Contoso Pharmaceuticals"}))
                 << e.response.body;
         }},
        {20,
         {200},
         "§8 Prefer: odata.maxpagesize=1 with $count=true: one row, the total count, a nextLink",
         [&](const Exchange &e) {
             const auto j = e.response.bodyJson();
             EXPECT_EQ(j.value("@odata.count", -1), accountsAtQueries) << e.response.body;
             EXPECT_EQ(valueOf(e).size(), 1u);
             EXPECT_FALSE(str(j, "@odata.nextLink").empty());
         }},
        {21,
         {200},
         "the second page, via the emulator's own nextLink from #20 (the captured skiptoken was the fake's)",
         [&](const Exchange &e) {
             ASSERT_EQ(valueOf(e).size(), 1u) << e.response.body;
             EXPECT_NE(str(valueOf(e)[0], "accountid"), str(valueOf(done[20])[0], "accountid"));
         },
         {},
         [&] { return nextLinkOf(20); }},
        {22,
         {200},
         "§8 odata.maxpagesize=1: one row and a nextLink",
         [&](const Exchange &e) {
             EXPECT_EQ(valueOf(e).size(), 1u) << e.response.body;
             EXPECT_FALSE(str(e.response.bodyJson(), "@odata.nextLink").empty());
         }},
        {23,
         {200},
         "page 2 via the emulator's own nextLink from #22 (the captured one was the fake's)",
         [&](const Exchange &e) {
             ASSERT_EQ(valueOf(e).size(), 1u) << e.response.body;
             EXPECT_NE(str(valueOf(e)[0], "accountid"), str(valueOf(done[22])[0], "accountid"));
         },
         {},
         [&] { return nextLinkOf(22); }},
        {24,
         {200},
         "§9.2: filter on the lookup value _parentcustomerid_value",
         [&](const Exchange &e) {
             // Only the re-seeded contact: Jane Doe (#3) went with the account in #16 (cascade).
             std::vector<std::string> names;
             for (const auto &v : valueOf(e))
                 names.push_back(str(v, "fullname"));
             EXPECT_EQ(names, std::vector<std::string>{"Seed Contact"}) << e.response.body;
         }},
        {25,
         {200},
         "OData /$count: the number as plain text",
         [&](const Exchange &e) {
             std::string b = e.response.body;
             if (b.rfind("\xEF\xBB\xBF", 0) == 0)
                 b.erase(0, 3);
             b.erase(b.find_last_not_of(" \r\n") + 1);
             EXPECT_EQ(b, std::to_string(accountsAtQueries));
         }},
        {26,
         {200},
         "$count=true with $filter: @odata.count and all matching rows",
         [&](const Exchange &e) {
             EXPECT_EQ(e.response.bodyJson().value("@odata.count", -1), accountsAtQueries) << e.response.body;
             EXPECT_EQ(valueOf(e).size(), static_cast<size_t>(accountsAtQueries));
         }},
        {27,
         {200},
         "GET <set>?fetchXml=... (page 1 of count 50): 200 with @odata.context and the rows' selected "
         "columns",
         [&](const Exchange &e) {
             const auto j = e.response.bodyJson();
             EXPECT_NE(str(j, "@odata.context").find("$metadata#accounts"), std::string::npos)
                 << e.response.body;
             const auto value = valueOf(e);
             EXPECT_EQ(value.size(), static_cast<size_t>(accountsAtQueries)) << e.response.body;
             for (const auto &v : value)
                 EXPECT_TRUE(v.contains("name"));
             // every row fits in page 1: no further page
             if (j.contains("@Microsoft.Dynamics.CRM.morerecords")) {
                 EXPECT_EQ(j["@Microsoft.Dynamics.CRM.morerecords"], false) << e.response.body;
             }
         }},
        {28,
         {204},
         "§6: POST <1:N collection>/$ref with an absolute @odata.id -> 204",
         [&](const Exchange &) {
             EXPECT_EQ(lower(str(get(c + "?$select=_parentcustomerid_value"), "_parentcustomerid_value")),
                       kAccount);
         }},
        {29,
         {204},
         "§6: DELETE <collection>(<id>)/$ref -> 204; the contact's parentcustomerid is cleared",
         [&](const Exchange &) {
             const auto j = get(c + "?$select=_parentcustomerid_value");
             EXPECT_TRUE(j.contains("_parentcustomerid_value") && j["_parentcustomerid_value"].is_null())
                 << j.dump();
         }},
        {30,
         {204},
         "§6: PUT <single-valued nav>/$ref -> 204",
         [&](const Exchange &) {
             EXPECT_EQ(lower(str(get(a + "?$select=_primarycontactid_value"), "_primarycontactid_value")),
                       kContact);
         }},
        {31,
         {204},
         "§6: DELETE <single-valued nav>/$ref -> 204",
         [&](const Exchange &) {
             const auto j = get(a + "?$select=_primarycontactid_value");
             EXPECT_TRUE(j.contains("_primarycontactid_value") && j["_primarycontactid_value"].is_null())
                 << j.dump();
         }},
        {32,
         {200},
         "§1.3 [MS S2]: WhoAmI returns the caller's UserId, BusinessUnitId and OrganizationId",
         [&](const Exchange &e) {
             const auto j = e.response.bodyJson();
             EXPECT_EQ(lower(str(j, "UserId")), appUserId) << e.response.body;
             EXPECT_EQ(lower(str(j, "BusinessUnitId")), businessUnitId);
             EXPECT_EQ(lower(str(j, "OrganizationId")), orgId);
         }},
        {33,
         {200},
         "GetTimeZoneCodeByLocalizedName is a built-in unbound function: 200 {\"TimeZoneCode\":4}",
         [&](const Exchange &e) {
             const auto j = e.response.bodyJson();
             EXPECT_EQ(j.value("TimeZoneCode", -1), 4) << e.response.body;
             EXPECT_NE(str(j, "@odata.context").find("GetTimeZoneCodeByLocalizedNameResponse"),
                       std::string::npos);
         }},
        {34,
         {200},
         "RetrieveUserPrivileges is a built-in function bound to systemuser: 200 with RolePrivileges",
         [&](const Exchange &e) {
             const auto j = e.response.bodyJson();
             ASSERT_TRUE(j.contains("RolePrivileges") && j["RolePrivileges"].is_array()) << e.response.body;
             EXPECT_FALSE(j["RolePrivileges"].empty());
             for (const auto &p : j["RolePrivileges"]) {
                 EXPECT_TRUE(p.contains("Depth") && p.contains("PrivilegeId") &&
                             p.contains("BusinessUnitId") && p.contains("PrivilegeName"))
                     << p.dump();
             }
             EXPECT_NE(str(j, "@odata.context").find("RetrieveUserPrivilegesResponse"), std::string::npos);
         }},
        {35,
         {200},
         "§3.1: CreateMultiple -> 200 {Ids:[...]} (one id per target)",
         [&](const Exchange &e) {
             const auto j = e.response.bodyJson();
             EXPECT_EQ(j.value("Ids", json::array()).size(), 2u) << e.response.body;
             EXPECT_EQ(lower(str(get("accounts(accountnumber='B-2')?$select=_primarycontactid_value"),
                                 "_primarycontactid_value")),
                       kContact);
         }},
        {36,
         {204},
         "§3.1: UpsertMultiple with @odata.id alternate-key references -> 204 (B-1 updated, B-3 created)",
         [&](const Exchange &) {
             EXPECT_EQ(str(get("accounts(accountnumber='B-1')?$select=name"), "name"), "Bulk 1 v2");
             EXPECT_EQ(str(get("accounts(accountnumber='B-3')?$select=name"), "name"), "Bulk 3");
         }},
        {37,
         {404},
         "a bound action must be namespace-qualified (MS web-api-actions: 'you must use the fully qualified "
         "name'), so 'CreateMultiple' is an unknown segment: MS custom-api.md documents 404 "
         "{\"code\":\"0x8006088a\",\"message\":\"Resource not found for the segment '...'.\"}",
         [&](const Exchange &e) {
             EXPECT_TRUE(isSegmentNotFound(e.response)) << e.response.body;
             const auto j = get("accounts?$select=name&$filter=name%20eq%20'x'");
             EXPECT_TRUE(j.value("value", json::array()).empty()) << "nothing may have been created";
         }},
        {38,
         {404},
         "new_MigrateLegacyRow is not an action of this org: unknown segment, 404 0x8006088a as documented "
         "in "
         "MS custom-api.md",
         [&](const Exchange &e) { EXPECT_TRUE(isSegmentNotFound(e.response)) << e.response.body; }},
        {39,
         {200},
         "§9.1: EntityDefinitions with $select and a /Value filter on a managed property",
         [&](const Exchange &e) {
             std::set<std::string> names;
             for (const auto &v : valueOf(e)) {
                 names.insert(str(v, "LogicalName"));
                 EXPECT_FALSE(str(v, "MetadataId").empty()) << "§9.1: MetadataId is always returned";
             }
             EXPECT_EQ(names.size(), m_org["value"].size()) << e.response.body;
             EXPECT_TRUE(names.count("account") && names.count("contact") && names.count("ferry_track"));
         }},
        {40,
         {200},
         "§9.1: EntityDefinitions(LogicalName='account') with $expand=Attributes($select=...)",
         [&](const Exchange &e) {
             const auto j = e.response.bodyJson();
             EXPECT_EQ(str(j, "PrimaryIdAttribute"), "accountid") << e.response.body;
             bool found = false;
             for (const auto &at : j.value("Attributes", json::array()))
                 found = found || (str(at, "LogicalName") == "name" && str(at, "AttributeType") == "String");
             EXPECT_TRUE(found) << e.response.body;
         }},
        {41,
         {200},
         "§9.1: Attributes cast to LookupAttributeMetadata, $select=Targets, $filter on LogicalName",
         [&](const Exchange &e) {
             const auto value = valueOf(e);
             ASSERT_EQ(value.size(), 1u) << e.response.body;
             auto targets = value[0].value("Targets", std::vector<std::string>{});
             std::sort(targets.begin(), targets.end());
             EXPECT_EQ(targets, (std::vector<std::string>{"account", "contact"}));
         }},
        {42,
         {200},
         "§9.1: one attribute by LogicalName cast to StringAttributeMetadata",
         [&](const Exchange &e) {
             EXPECT_EQ(e.response.bodyJson().value("MaxLength", -1), 160) << e.response.body;
         }},
        {43,
         {200},
         "§9.1: RelationshipDefinitions cast to OneToManyRelationshipMetadata filtered on ReferencedEntity",
         [&](const Exchange &e) {
             std::map<std::string, std::string> nav;
             for (const auto &v : valueOf(e))
                 nav[str(v, "SchemaName")] = str(v, "ReferencingEntityNavigationPropertyName");
             EXPECT_EQ(nav["contact_customer_accounts"], "parentcustomerid_account") << e.response.body;
             EXPECT_EQ(nav["account_parent_account"], "parentaccountid");
             EXPECT_FALSE(nav.count("account_primary_contact")) << "its ReferencedEntity is contact";
         }},
        {44,
         {200},
         "§9.1: $metadata is the CSDL XML document",
         [&](const Exchange &e) {
             EXPECT_NE(e.response.header("content-type").find("xml"), std::string::npos);
             EXPECT_NE(e.response.body.find("Edmx"), std::string::npos);
             EXPECT_NE(e.response.body.find("Name=\"account\""), std::string::npos);
         }},
        {45,
         {200},
         "§4: change set (create, create binding $1, update-only of an existing row, upsert by key, delete "
         "of "
         "the seeded 33333333 row, $ref with $1), a GET outside, a second change set with "
         "return=representation",
         [&](const Exchange &e) {
             const auto parts = batchParts(e.response);
             EXPECT_EQ(statuses(parts), (std::vector<int>{204, 204, 204, 204, 204, 204, 200, 201}))
                 << e.response.body;
             if (!parts.empty()) {
                 EXPECT_EQ(parts[0].contentId, "1") << "§4.3: Content-ID is echoed";
             }
             EXPECT_EQ(status("accounts(" + kDoomed + ")"), 404);
             EXPECT_EQ(str(get(a + "?$select=name"), "name"), "Batch update");
             EXPECT_EQ(str(get("accounts(accountnumber='ACC-777')?$select=name"), "name"),
                       "Batch upsert by key");
             const auto john =
                 get("contacts?$select=_parentcustomerid_value&$filter=lastname%20eq%20'Batch'");
             ASSERT_EQ(john.value("value", json::array()).size(), 1u) << john.dump();
             EXPECT_EQ(lower(str(john["value"][0], "_parentcustomerid_value")), kAccount);
             const auto co = get("accounts?$select=_primarycontactid_value&$filter=name%20eq%20'Batch%20Co'");
             ASSERT_EQ(co.value("value", json::array()).size(), 1u) << co.dump();
             EXPECT_EQ(lower(str(co["value"][0], "_primarycontactid_value")),
                       lower(str(john["value"][0], "contactid")));
         }},
        {46,
         {200},
         "§4.4: Prefer: odata.continue-on-error, three independent parts, all succeed",
         [&](const Exchange &e) {
             const auto parts = batchParts(e.response);
             EXPECT_EQ(statuses(parts), (std::vector<int>{204, 204, 200})) << e.response.body;
             if (parts.size() == 3) {
                 EXPECT_EQ(json::parse(parts[2].body, nullptr, false).value("Ids", json::array()).size(), 1u);
             }
         }},
        {47,
         {200},
         "§4: one change set with CreateMultiple and an upsert by a non-ASCII key; the client's "
         "Content-Length "
         "counts UTF-16 units, so the body's final LF arrives after the declared length",
         [&](const Exchange &e) {
             EXPECT_EQ(statuses(batchParts(e.response)), (std::vector<int>{200, 204})) << e.response.body;
             EXPECT_EQ(str(get("accounts(accountnumber='M%C3%9CLLER-1')?$select=name"), "name"),
                       "M\xC3\xBCller");
         }},
        {48,
         {200},
         "§4.1: a long GET (70 OR terms) inside $batch; it finds the seeded LEGACY-00042",
         [&](const Exchange &e) {
             const auto parts = batchParts(e.response);
             ASSERT_EQ(statuses(parts), std::vector<int>{200}) << e.response.body;
             const auto inner = json::parse(parts[0].body, nullptr, false);
             EXPECT_EQ(onlyNames(inner.value("value", json::array())), std::vector<std::string>{"Legacy 42"});
         }},
        {49,
         {200},
         "§9.1: EntityDefinitions?$select=EntitySetName,LogicalName: every table, no paging",
         [&](const Exchange &e) { EXPECT_EQ(valueOf(e).size(), m_org["value"].size()) << e.response.body; }},
        {50,
         {200},
         "$top=1 -> one row",
         [&](const Exchange &e) { EXPECT_EQ(valueOf(e).size(), 1u) << e.response.body; }},
        {51,
         {204},
         "§5.2/§5.4: upsert by a percent-encoded non-ASCII key value; no such row -> create",
         [&](const Exchange &) {
             const auto j = get("accounts(accountnumber='M%C3%9CLLER-2')?$select=name,accountnumber");
             EXPECT_EQ(str(j, "name"), "M\xC3\xBCller 2");
             EXPECT_EQ(str(j, "accountnumber"), "M\xC3\x9CLLER-2") << "the key is stored decoded";
         }},
        {52,
         {200},
         "§8 odata.maxpagesize=1: one row and a nextLink",
         [&](const Exchange &e) {
             EXPECT_EQ(valueOf(e).size(), 1u) << e.response.body;
             EXPECT_FALSE(str(e.response.bodyJson(), "@odata.nextLink").empty());
         }},
        {53,
         {400, 404},
         "the client glued a nextLink with another host (localhost) under /api/data/v9.2/: the path has a "
         "segment 'http:' that is no resource; rebuilt from the emulator's own nextLink of #52",
         {},
         {},
         [&] {
             std::string link = nextLinkOf(52);
             const std::string host = "http://localhost:" + std::to_string(m_emu->port());
             return "/api/data/v9.2/" + host + link;
         }},
        {54,
         {200},
         "§0: v9.1 is served like v9.2; WhoAmI as in #32",
         [&](const Exchange &e) {
             EXPECT_EQ(lower(str(e.response.bodyJson(), "UserId")), appUserId) << e.response.body;
         }},
    };

    ASSERT_EQ(rows.size(), captured.size()) << "one expectation row per captured request";
    int passed = 0, gaps = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const Row &row = rows[i];
        const CapturedRequest &request = captured[i];
        ASSERT_EQ(row.number, request.number);
        const std::string label = "request #" + std::to_string(request.number) + " (" + request.op + ")";
        SCOPED_TRACE(label + ": " + row.why);
        if (row.before)
            row.before();
        std::string bytes = adapt(request, m_emu->port(), m_token, row.target ? row.target() : std::string{});
        if (request.number == 47)
            bytes +=
                "\n"; // the byte the client sent beyond its Content-Length (see ParsesEveryRequestExactly)
        Exchange &e = done[request.number];
        e.request = &request;
        e.response = exchange(m_emu->port(), bytes);
        if (!row.expected.count(e.response.status) && row.gap.count(e.response.status)) {
            ++gaps;
            std::cout << "[ known gap ] " << label << ": the real service answers " << setOf(row.expected)
                      << ", ferry-emulator answers " << e.response.status << " (" << row.gapNote << ")\n";
            continue;
        }
        if (!row.expected.count(e.response.status)) {
            ADD_FAILURE() << label << ": expected " << setOf(row.expected) << ", got " << e.response.status
                          << ": "
                          << (e.response.error.empty() ? e.response.body.substr(0, 600) : e.response.error);
            continue;
        }
        const int failuresBefore =
            ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
        if (row.check)
            row.check(e);
        if (::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count() ==
            failuresBefore)
            ++passed;
    }
    std::cout << "[ replay    ] " << passed << " of " << rows.size()
              << " captured requests answered as the real service would; " << gaps << " known gaps\n";
}

// The wide org (tests/data/emulator/org-wide.json, generated by resources/demo/make_org.py --org wide)
// must load, and a record that fills all 38 writable columns at their limits must round-trip through an
// upsert by its string alternate key ferry_code (§5.2, §5.4).
TEST(OrgFiles, WideOrgRoundTripsAllThirtyEightColumns)
{
    const std::string path = ferry::test::sourceDir() + "/tests/data/emulator/org-wide.json";
    std::ifstream file(path);
    const json org = json::parse(file, nullptr, false);
    ASSERT_TRUE(org.is_object()) << path;
    json table;
    for (const auto &e : org["value"])
        if (e["LogicalName"] == "ferry_widerecord")
            table = e;
    ASSERT_TRUE(table.is_object());

    json record = json::object();
    std::vector<const json *> columns;
    for (const auto &at : table["Attributes"]) {
        if (!at["IsCustomAttribute"].get<bool>() || !at["IsValidForCreate"].get<bool>() ||
            at["IsPrimaryId"].get<bool>())
            continue;
        const std::string name = at["LogicalName"];
        if (name == "ferry_code")
            continue; // the key: it comes from the URL (§5.2: on create the URL's key values are copied in)
        columns.push_back(&at);
        const std::string type = at["AttributeType"];
        if (type == "String" || type == "Memo") {
            // Exactly MaxLength characters, some of them non-ASCII: the limit counts characters.
            std::string v;
            const int max = at["MaxLength"].get<int>();
            for (int i = 0; i < max; ++i)
                v += (i % 7 == 3) ? "\xC3\xA9" : std::string(1, static_cast<char>('a' + i % 26));
            record[name] = v;
        } else if (type == "Integer") {
            record[name] = at["MaxValue"].get<long long>();
        } else if (type == "Decimal" || type == "Money") {
            record[name] = at["Precision"].get<int>() == 0 ? 42.0 : 1234.5;
        } else if (type == "Boolean") {
            record[name] = true;
        } else if (type == "DateTime") {
            record[name] =
                at["DateTimeBehavior"]["Value"] == "DateOnly" ? "2024-02-29" : "2024-02-29T13:45:00Z";
        } else if (type == "Picklist") {
            record[name] = at["OptionSet"]["Options"].back()["Value"].get<int>();
        } else {
            ADD_FAILURE() << "unexpected column type " << type << " of " << name;
        }
    }
    ASSERT_EQ(columns.size() + 1, 38u) << "38 writable custom columns including ferry_code";

    auto emu = ferry::test::EmulatorProcess::start({"--limits", "off"}, path);
    ASSERT_TRUE(emu) << "ferry-emulator did not start with " << path;
    const auto put = emu->api("PATCH", "ferry_widerecords(ferry_code='W-0001')", record.dump());
    ASSERT_EQ(put.status, 204) << put.body;
    std::string select = "ferry_code";
    for (const json *at : columns)
        select += "," + (*at)["LogicalName"].get<std::string>();
    const auto got = emu->api("GET", "ferry_widerecords(ferry_code='W-0001')?$select=" + select);
    ASSERT_EQ(got.status, 200) << got.body;
    const json back = json::parse(got.body, nullptr, false);
    EXPECT_EQ(back.value("ferry_code", ""), "W-0001");
    for (const json *at : columns) {
        const std::string name = (*at)["LogicalName"];
        SCOPED_TRACE(name);
        ASSERT_TRUE(back.contains(name)) << got.body;
        if (record[name].is_number_float())
            EXPECT_DOUBLE_EQ(back[name].get<double>(), record[name].get<double>());
        else
            EXPECT_EQ(back[name], record[name]);
    }
    // One character over a string column's MaxLength is a validation error (§4.4 example: 0x80044331).
    const auto tooLong = emu->api("PATCH", "ferry_widerecords(ferry_code='W-0001')",
                                  json{{"ferry_text01", std::string(static_cast<size_t>(11), 'x')}}.dump());
    EXPECT_EQ(tooLong.status, 400) << tooLong.body;
}
