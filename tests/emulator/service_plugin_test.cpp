// Thread: the test's thread. Simulated plug-in failures (--faults pluginFailures) over real HTTP:
// 0x80040265, whole-request rollback, and the bypass headers.
#include "EmulatorProcess.h"
#include "ServiceTest.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <unistd.h>

using ferry::test::EmulatorProcess;
using ferry::test::HttpResult;
using nlohmann::json;

namespace {
std::string faultsFile()
{
    static std::string path = [] {
        std::string p =
            ::testing::TempDir() + "ferry_service_plugin_faults_" + std::to_string(::getpid()) + ".json";
        std::ofstream(p)
            << R"({"pluginFailures":[{"table":"account","column":"name","contains":"FAIL","message":"Plug-in says no"}]})";
        return p;
    }();
    return path;
}
} // namespace

namespace {

class ServicePlugin : public ferry::test::ServiceTest<ServicePlugin>
{
public:
    static std::vector<std::string> emulatorArgs() { return {"--limits", "off", "--faults", faultsFile()}; }
};

TEST_F(ServicePlugin, MatchingRowFailsUnlessBypassed)
{
    auto r = api("POST", "accounts", json{{"name", "please FAIL now"}});
    expectError(r, 400, "0x80040265", "Plug-in says no");
    EXPECT_EQ(api("GET", "accounts/$count").body, "0");
    EXPECT_EQ(api("POST", "accounts", json{{"name", "FAIL but bypassed"}},
                  {"MSCRM.BypassCustomPluginExecution: true"})
                  .status,
              204);
    EXPECT_EQ(api("POST", "accounts", json{{"name", "FAIL again"}},
                  {"MSCRM.BypassBusinessLogicExecution: CustomSync,CustomAsync"})
                  .status,
              204);
    EXPECT_EQ(api("POST", "accounts", json{{"name", "fine"}}).status, 204);
    // an update that makes a row match fails as well
    std::string id = create("accounts", {{"name", "ok"}});
    expectError(api("PATCH", "accounts(" + id + ")", json{{"name", "now FAIL"}}), 400, "0x80040265",
                "Plug-in says no");
    EXPECT_EQ(js(api("GET", "accounts(" + id + ")"))["name"], "ok");
}

TEST_F(ServicePlugin, BulkAndChangeSetRollBack)
{
    json body = {{"Targets",
                  {{{"@odata.type", "Microsoft.Dynamics.CRM.account"}, {"name", "a"}},
                   {{"@odata.type", "Microsoft.Dynamics.CRM.account"}, {"name", "FAIL"}}}}};
    expectError(api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", body), 400, "0x80040265",
                "Plug-in says no");
    EXPECT_EQ(api("GET", "accounts/$count").body, "0");
    std::string batch =
        "--b\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n"
        "--cs\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n"
        "POST /api/data/v9.2/contacts HTTP/1.1\r\nContent-Type: "
        "application/json\r\n\r\n{\"lastname\":\"c\"}\r\n"
        "--cs\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n"
        "POST /api/data/v9.2/accounts HTTP/1.1\r\nContent-Type: "
        "application/json\r\n\r\n{\"name\":\"FAIL\"}\r\n"
        "--cs--\r\n--b--\r\n";
    auto r = ferry::test::httpRequest("POST", s_emu->baseUrl() + "api/data/v9.2/$batch",
                                      {"Authorization: Bearer " + s_emu->token(), "OData-Version: 4.0",
                                       "Content-Type: multipart/mixed; boundary=b"},
                                      batch);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("0x80040265"), std::string::npos) << r.body;
    EXPECT_EQ(api("GET", "contacts/$count").body, "0");
}

} // namespace
