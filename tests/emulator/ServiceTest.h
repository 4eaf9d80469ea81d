#pragma once
// Thread: the test's thread. The fixture the service_*_test.cpp files share: one real ferry-emulator
// process per test suite (tests/data/emulator/test-org.json, --limits off), reset before every test,
// and helpers to call it and check its error answers.

#include "EmulatorProcess.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace ferry::test {

inline std::string testOrg()
{
    return sourceDir() + "/tests/data/emulator/test-org.json";
}

/// Base of each service test suite. A template so that every suite (ServiceData, ServiceBulk, ...) owns its
/// own emulator process: `class ServiceData : public ServiceTest<ServiceData> {};`.
template <class Suite> class ServiceTest : public ::testing::Test
{
protected:
    using json = nlohmann::json;
    /// The emulator's arguments; a suite may hide this with its own (e.g. to add --faults).
    static std::vector<std::string> emulatorArgs() { return {"--limits", "off"}; }
    static void SetUpTestSuite() { s_emu = EmulatorProcess::start(Suite::emulatorArgs(), testOrg()); }
    static void TearDownTestSuite() { s_emu.reset(); }
    void SetUp() override
    {
        ASSERT_TRUE(s_emu) << "emulator did not start";
        auto r = ferry::test::httpRequest("POST", s_emu->baseUrl() + "_emulator/reset");
        ASSERT_TRUE(r.status == 204 || r.status == 200) << r.status << r.body;
    }
    HttpResult api(const std::string &m, const std::string &p, const std::string &b = {},
                   const std::vector<std::string> &h = {})
    {
        return s_emu->api(m, p, b, h);
    }
    HttpResult api(const std::string &m, const std::string &p, const json &b,
                   const std::vector<std::string> &h = {})
    {
        return s_emu->api(m, p, b.dump(), h);
    }
    static json js(const HttpResult &r) { return json::parse(r.body, nullptr, false); }
    // Creates a record and returns its id (from OData-EntityId).
    std::string create(const std::string &set, const json &body)
    {
        auto r = api("POST", set, body);
        EXPECT_EQ(r.status, 204) << r.body;
        std::string loc = r.headers["odata-entityid"];
        auto p = loc.rfind('(');
        return p == std::string::npos ? std::string() : loc.substr(p + 1, 36);
    }
    static void expectError(const HttpResult &r, int status, const std::string &code, const std::string &text)
    {
        EXPECT_EQ(r.status, status) << r.body;
        json j = json::parse(r.body, nullptr, false);
        ASSERT_TRUE(j.is_object() && j.contains("error")) << r.body;
        EXPECT_EQ(j["error"]["code"], code) << r.body;
        EXPECT_NE(j["error"]["message"].get<std::string>().find(text), std::string::npos)
            << "message lacks '" << text << "': " << r.body;
    }
    static inline std::unique_ptr<EmulatorProcess> s_emu;
};

} // namespace ferry::test
