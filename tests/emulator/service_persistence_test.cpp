// Thread: the test's thread. --data persistence of ferry-emulator: rows and N:N links survive a
// restart of the real process; /_emulator/reset empties the file.
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
using ferry::test::testOrg;
using nlohmann::json;

namespace {

class ServicePersistence : public ferry::test::ServiceTest<ServicePersistence>
{};

TEST_F(ServicePersistence, DataSurvivesRestart)
{
    const std::string file =
        ::testing::TempDir() + "ferry_service_persist_" + std::to_string(::getpid()) + ".sqlite";
    std::remove(file.c_str());
    std::string a, c;
    {
        auto emu = EmulatorProcess::start({"--limits", "off", "--data", file}, testOrg());
        ASSERT_TRUE(emu);
        auto r = emu->api("POST", "accounts", json{{"name", "Persisted"}, {"accountnumber", "P-1"}}.dump());
        ASSERT_EQ(r.status, 204);
        a = r.headers["odata-entityid"].substr(r.headers["odata-entityid"].rfind('(') + 1, 36);
        auto rc = emu->api(
            "POST", "contacts",
            json{{"lastname", "C"}, {"parentcustomerid_account@odata.bind", "/accounts(" + a + ")"}}.dump());
        c = rc.headers["odata-entityid"].substr(rc.headers["odata-entityid"].rfind('(') + 1, 36);
        EXPECT_EQ(emu->api("POST", "accounts(" + a + ")/new_account_contact/$ref",
                           json{{"@odata.id", "contacts(" + c + ")"}}.dump())
                      .status,
                  204);
        json body = {{"Targets", json::array()}};
        for (int i = 0; i < 300; ++i)
            body["Targets"].push_back(
                {{"@odata.type", "Microsoft.Dynamics.CRM.account"}, {"name", "bulk " + std::to_string(i)}});
        EXPECT_EQ(emu->api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", body.dump()).status,
                  200);
        EXPECT_EQ(emu->api("DELETE", "accounts(" + a + ")/primarycontactid/$ref").status, 204);
    } // SIGTERM: the service flushes on shutdown
    {
        auto emu = EmulatorProcess::start({"--limits", "off", "--data", file}, testOrg());
        ASSERT_TRUE(emu);
        EXPECT_EQ(emu->api("GET", "accounts/$count").body, "301");
        json j = json::parse(emu->api("GET", "accounts(accountnumber='P-1')").body);
        EXPECT_EQ(j["name"], "Persisted");
        EXPECT_EQ(j["accountid"], a);
        json cj = json::parse(
            emu->api("GET", "contacts(" + c + ")?$expand=new_account_contact($select=name)").body);
        EXPECT_EQ(cj["_parentcustomerid_value"], a);
        ASSERT_EQ(cj["new_account_contact"].size(), 1u);
        // the alternate key index was rebuilt
        auto dup = emu->api("POST", "accounts", json{{"name", "x"}, {"accountnumber", "P-1"}}.dump());
        EXPECT_EQ(dup.status, 412);
        // version numbers keep growing across restarts
        auto up = emu->api("PATCH", "accounts(" + a + ")?$select=name", json{{"name", "v2"}}.dump(),
                           {"Prefer: return=representation"});
        EXPECT_GT(std::stoll(json::parse(up.body)["@odata.etag"].get<std::string>().substr(3)),
                  std::stoll(j["@odata.etag"].get<std::string>().substr(3)));
        EXPECT_EQ(ferry::test::httpRequest("POST", emu->baseUrl() + "_emulator/reset").status, 204);
    }
    {
        auto emu = EmulatorProcess::start({"--limits", "off", "--data", file}, testOrg());
        ASSERT_TRUE(emu);
        EXPECT_EQ(emu->api("GET", "accounts/$count").body, "0");
    }
    std::remove(file.c_str());
}

} // namespace
