// Thread: the test's thread. CreateMultiple / UpdateMultiple / UpsertMultiple of ferry-emulator over
// real HTTP, including the all-or-nothing semantics of standard tables.
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

class ServiceBulk : public ferry::test::ServiceTest<ServiceBulk>
{};

json acct(const std::string &name, json extra = json::object())
{
    json j = {{"@odata.type", "Microsoft.Dynamics.CRM.account"}, {"name", name}};
    j.update(extra);
    return j;
}

int count(EmulatorProcess &emu, const std::string &set)
{
    return std::stoi(emu.api("GET", set + "/$count").body);
}

TEST_F(ServiceBulk, CreateMultipleReturnsIdsInTargetsOrder)
{
    const std::string given = "66666666-6666-6666-6666-666666666666";
    json body = {{"Targets",
                  {acct("B1", {{"accountnumber", "B-1"}}), acct("B2", {{"accountid", given}}), acct("B3")}}};
    auto r = api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", body);
    ASSERT_EQ(r.status, 200) << r.body;
    json j = js(r);
    EXPECT_NE(j["@odata.context"].get<std::string>().find(
                  "$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse"),
              std::string::npos);
    ASSERT_EQ(j["Ids"].size(), 3u);
    EXPECT_EQ(j["Ids"][1], given);
    EXPECT_EQ(js(api("GET", "accounts(" + j["Ids"][0].get<std::string>() + ")"))["name"], "B1");
    EXPECT_EQ(js(api("GET", "accounts(" + j["Ids"][2].get<std::string>() + ")"))["name"], "B3");
    // a bound action must be namespace-qualified: "accounts/CreateMultiple" is an unknown segment (#37)
    auto r2 = api("POST", "accounts/CreateMultiple", json{{"Targets", {acct("x")}}});
    expectError(r2, 404, "0x8006088a", "Resource not found for the segment 'CreateMultiple'");
    EXPECT_EQ(count(*s_emu, "accounts"), 3);
}

TEST_F(ServiceBulk, EveryTargetNeedsTheRightOdataType)
{
    json missing = {{"Targets", {acct("ok"), {{"name", "no type"}}}}};
    auto r = api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", missing);
    expectError(r, 400, "0x80048d19", "@odata.type");
    EXPECT_NE(r.body.find("Targets[1]"), std::string::npos);
    json wrong = {{"Targets", {{{"@odata.type", "Microsoft.Dynamics.CRM.contact"}, {"lastname", "x"}}}}};
    expectError(api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", wrong), 400, "0x80048d19",
                "Microsoft.Dynamics.CRM.contact");
    expectError(api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", json{{"NotTargets", 1}}), 400,
                "0x80048d19", "Targets");
    EXPECT_EQ(count(*s_emu, "accounts"), 0);
}

TEST_F(ServiceBulk, OneBadRecordFailsTheWholeRequest)
{
    json body = {{"Targets", {acct("good 1"), acct(std::string(161, 'x')), acct("good 2")}}};
    auto r = api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", body,
                 {"Prefer: odata.include-annotations=*"});
    expectError(r, 400, "0x80044331", "'name'");
    json err = js(r)["error"];
    ASSERT_TRUE(err.contains("@Microsoft.PowerApps.CDS.ErrorDetails.BulkApiErrorDetails")) << r.body;
    EXPECT_EQ(err["@Microsoft.PowerApps.CDS.ErrorDetails.BulkApiErrorDetails"][0]["RequestIndex"], 1);
    EXPECT_EQ(count(*s_emu, "accounts"), 0);
    // a failure found while writing (duplicate key on the 3rd record) rolls back the first two
    create("accounts", {{"name", "existing"}, {"accountnumber", "DUP"}});
    json dup = {{"Targets",
                 {acct("n1", {{"accountnumber", "U1"}}), acct("n2", {{"accountnumber", "U2"}}),
                  acct("n3", {{"accountnumber", "DUP"}})}}};
    expectError(api("POST", "accounts/Microsoft.Dynamics.CRM.UpsertMultiple", dup), 412, "0x80040237",
                "accountnumber_key");
    EXPECT_EQ(count(*s_emu, "accounts"), 1);
    // a missing lookup target also fails everything
    json bind = {{"Targets",
                  {acct("n1"), acct("n2", {{"primarycontactid@odata.bind",
                                            "/contacts(77777777-7777-7777-7777-777777777777)"}})}}};
    expectError(api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", bind), 404, "0x80040217",
                "contact With Id");
    EXPECT_EQ(count(*s_emu, "accounts"), 1);
}

TEST_F(ServiceBulk, UpdateMultiple)
{
    std::string a = create("accounts", {{"name", "a"}, {"accountnumber", "K-A"}});
    std::string b = create("accounts", {{"name", "b"}});
    json body = {
        {"Targets",
         {acct("a2", {{"accountid", a}}), acct("b2", {{"accountid", b}}), acct("a3", {{"accountid", a}})}}};
    EXPECT_EQ(api("POST", "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", body).status, 204);
    EXPECT_EQ(js(api("GET", "accounts(" + a + ")"))["name"], "a2"); // first duplicate wins
    EXPECT_EQ(js(api("GET", "accounts(" + b + ")"))["name"], "b2");
    json byKey = {{"Targets", {acct("k", {{"@odata.id", "accounts(accountnumber='K-A')"}})}}};
    expectError(api("POST", "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", byKey), 400, "0x80040203",
                "alternate keys");
    json missing = {{"Targets",
                     {acct("zz", {{"accountid", b}}),
                      acct("q", {{"accountid", "88888888-8888-8888-8888-888888888888"}})}}};
    expectError(api("POST", "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", missing), 404, "0x80040217",
                "Does Not Exist");
    EXPECT_EQ(js(api("GET", "accounts(" + b + ")"))["name"], "b2");
    json noId = {{"Targets", {acct("q")}}};
    expectError(api("POST", "accounts/Microsoft.Dynamics.CRM.UpdateMultiple", noId), 400, "0x80040203",
                "accountid");
}

TEST_F(ServiceBulk, UpsertMultipleByIdAndAlternateKey)
{
    std::string a = create("accounts", {{"name", "old"}, {"accountnumber", "B-1"}});
    const std::string newId = "99999999-9999-9999-9999-999999999999";
    json body = {{"Targets",
                  {acct("Bulk 1 v2", {{"@odata.id", "accounts(accountnumber='B-1')"}}),
                   acct("Bulk 3", {{"@odata.id", "accounts(accountnumber='B-3')"}}),
                   acct("by id", {{"accountid", newId}}),
                   acct("parented", {{"accountnumber", "B-4"},
                                     {"parentaccountid@odata.bind", "/accounts(accountnumber='B-1')"}})}}};
    auto r = api("POST", "accounts/Microsoft.Dynamics.CRM.UpsertMultiple", body);
    ASSERT_EQ(r.status, 204) << r.body;
    EXPECT_EQ(js(api("GET", "accounts(" + a + ")"))["name"], "Bulk 1 v2");
    EXPECT_EQ(js(api("GET", "accounts(accountnumber='B-3')"))["name"], "Bulk 3");
    EXPECT_EQ(js(api("GET", "accounts(" + newId + ")"))["name"], "by id");
    EXPECT_EQ(js(api("GET", "accounts(accountnumber='B-4')"))["_parentaccountid_value"], a);
    EXPECT_EQ(count(*s_emu, "accounts"), 4);
    json dup = {{"Targets",
                 {acct("d1", {{"@odata.id", "accounts(accountnumber='D')"}}),
                  acct("d2", {{"@odata.id", "accounts(accountnumber='D')"}})}}};
    expectError(api("POST", "accounts/Microsoft.Dynamics.CRM.UpsertMultiple", dup), 400, "0x80040203",
                "duplicates");
    EXPECT_EQ(count(*s_emu, "accounts"), 4);
    auto stats = js(ferry::test::httpRequest("GET", s_emu->baseUrl() + "_emulator/stats"));
    EXPECT_EQ(stats["records"]["account"], 4) << stats.dump();
}

TEST_F(ServiceBulk, DeleteMultipleIsNotAvailableOnStandardTables)
{
    auto r = api("POST", "accounts/Microsoft.Dynamics.CRM.DeleteMultiple", json{{"Targets", json::array()}});
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("DeleteMultiple"), std::string::npos);
}

} // namespace
