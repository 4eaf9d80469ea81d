// Thread: the test's thread. $batch of ferry-emulator over real HTTP: change sets, Content-ID
// references, rollback, stop-at-first-error vs continue-on-error, limits and leniency.
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

class ServiceBatch : public ferry::test::ServiceTest<ServiceBatch>
{};

struct Part
{
    std::string method, url, body;
    std::string contentId;
    std::vector<std::string> headers;
};

std::string http(const Part &p)
{
    std::string s = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n";
    if (!p.contentId.empty())
        s += "Content-ID: " + p.contentId + "\r\n";
    s += "\r\n" + p.method + " " + p.url + " HTTP/1.1\r\n";
    for (const auto &h : p.headers)
        s += h + "\r\n";
    if (!p.body.empty())
        s += "Content-Type: application/json\r\n";
    s += "\r\n" + p.body + "\r\n";
    return s;
}

// items: each is either a single part or a change set (vector of parts)
std::string batchBody(const std::vector<std::vector<Part>> &items, std::vector<bool> changeSet)
{
    std::string s;
    int n = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        if (!changeSet[i]) {
            s += "--batch_AAA\r\n" + http(items[i][0]);
            continue;
        }
        std::string cs = "changeset_" + std::to_string(n++);
        s += "--batch_AAA\r\nContent-Type: multipart/mixed; boundary=" + cs + "\r\n\r\n";
        for (const auto &p : items[i])
            s += "--" + cs + "\r\n" + http(p);
        s += "--" + cs + "--\r\n";
    }
    s += "--batch_AAA--\r\n";
    return s;
}

int count(EmulatorProcess &emu, const std::string &set)
{
    return std::stoi(emu.api("GET", set + "/$count").body);
}

HttpResult postBatch(EmulatorProcess &emu, const std::string &body, std::vector<std::string> headers = {},
                     const std::string &boundaryParam = "boundary=\"batch_AAA\"")
{
    // EmulatorProcess::api would add a JSON Content-Type; a $batch needs the multipart one only.
    headers.insert(headers.begin(), {"Authorization: Bearer " + emu.token(), "Accept: application/json",
                                     "OData-MaxVersion: 4.0", "OData-Version: 4.0",
                                     "Content-Type: multipart/mixed; " + boundaryParam});
    return ferry::test::httpRequest("POST", emu.baseUrl() + "api/data/v9.2/$batch", headers, body);
}

TEST_F(ServiceBatch, ChangeSetWithContentIdReferencesAndGetOutside)
{
    std::string a = create("accounts", {{"name", "existing"}});
    const std::string root = s_emu->baseUrl() + "api/data/v9.2/";
    std::vector<Part> cs = {
        {"POST", root + "contacts", R"({"firstname":"John","lastname":"Batch"})", "1", {}},
        {"POST",
         "/api/data/v9.2/accounts",
         R"({"name":"Batch Co","primarycontactid@odata.bind":"$1"})",
         "2",
         {}},
        {"PATCH", "accounts(" + a + ")", R"({"name":"Batch update"})", "3", {"If-Match: *"}},
        {"PATCH", "accounts(accountnumber='ACC-777')", R"({"name":"Batch upsert by key"})", "4", {}},
        {"POST",
         root + "accounts(" + a + ")/contact_customer_accounts/$ref",
         R"({"@odata.id":"$1"})",
         "5",
         {}},
        {"PUT", "$1/telephone1", R"({"value":"555"})", "6", {}},
    };
    std::vector<Part> get = {
        {"GET", root + "accounts?$select=name&$orderby=name", "", "", {"Accept: application/json"}}};
    auto r = postBatch(*s_emu, batchBody({cs, get}, {true, false}));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.headers["content-type"].find("multipart/mixed; boundary=batchresponse_"), std::string::npos);
    EXPECT_NE(r.body.find("--changesetresponse_"), std::string::npos);
    for (const std::string cid : {"1", "2", "3", "4", "5", "6"})
        EXPECT_NE(r.body.find("Content-ID: " + cid + "\r\n"), std::string::npos) << cid;
    EXPECT_NE(r.body.find("HTTP/1.1 204 No Content"), std::string::npos);
    EXPECT_NE(r.body.find("OData-EntityId: " + root + "contacts("), std::string::npos);
    EXPECT_NE(r.body.find("HTTP/1.1 200 OK"), std::string::npos);
    EXPECT_NE(r.body.find("\"Batch upsert by key\""), std::string::npos); // the GET saw the change set
    json contacts = js(api("GET", "contacts?$select=lastname,telephone1,_parentcustomerid_value"));
    ASSERT_EQ(contacts["value"].size(), 1u);
    std::string c = contacts["value"][0]["contactid"];
    EXPECT_EQ(contacts["value"][0]["_parentcustomerid_value"], a);
    EXPECT_EQ(contacts["value"][0]["telephone1"], "555");
    json batchCo = js(api("GET", "accounts?$filter=name%20eq%20'Batch%20Co'"));
    ASSERT_EQ(batchCo["value"].size(), 1u);
    EXPECT_EQ(batchCo["value"][0]["_primarycontactid_value"], c);
    EXPECT_EQ(js(api("GET", "accounts(" + a + ")"))["name"], "Batch update");
}

TEST_F(ServiceBatch, FailedChangeSetRollsBackAndStops)
{
    std::vector<Part> cs = {
        {"POST", "/api/data/v9.2/accounts", R"({"name":"first"})", "1", {}},
        {"POST", "/api/data/v9.2/accounts", "{\"name\":\"" + std::string(161, 'x') + "\"}", "2", {}},
    };
    std::vector<Part> after = {{"POST", "/api/data/v9.2/accounts", R"({"name":"after"})", "", {}}};
    auto r = postBatch(*s_emu, batchBody({cs, after}, {true, false}));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("HTTP/1.1 400 Bad Request"), std::string::npos);
    EXPECT_NE(r.body.find("0x80044331"), std::string::npos);
    EXPECT_NE(r.body.find("Content-ID: 2"), std::string::npos);
    EXPECT_EQ(count(*s_emu, "accounts"), 0) << "change set rolled back and the batch stopped";
}

TEST_F(ServiceBatch, StopsAtFirstErrorWithoutContinueOnError)
{
    std::vector<Part> p1 = {{"POST", "/api/data/v9.2/accounts", R"({"name":"one"})", "", {}}};
    std::vector<Part> p2 = {{"POST", "/api/data/v9.2/accounts", R"({"nosuch":1})", "", {}}};
    std::vector<Part> p3 = {{"POST", "/api/data/v9.2/accounts", R"({"name":"three"})", "", {}}};
    auto r = postBatch(*s_emu, batchBody({p1, p2, p3}, {false, false, false}));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(count(*s_emu, "accounts"), 1);
    ferry::test::httpRequest("POST", s_emu->baseUrl() + "_emulator/reset");
    auto c = postBatch(*s_emu, batchBody({p1, p2, p3}, {false, false, false}),
                       {"Prefer: odata.continue-on-error"});
    EXPECT_EQ(c.status, 200) << c.body;
    EXPECT_EQ(count(*s_emu, "accounts"), 2);
    size_t n204 = 0;
    for (size_t p = c.body.find("HTTP/1.1 204"); p != std::string::npos;
         p = c.body.find("HTTP/1.1 204", p + 1))
        ++n204;
    EXPECT_EQ(n204, 2u);
    EXPECT_NE(c.body.find("HTTP/1.1 400"), std::string::npos);
}

TEST_F(ServiceBatch, ContentIdReferenceBeforeDeclaration)
{
    std::vector<Part> cs = {
        {"POST",
         "/api/data/v9.2/contacts",
         R"({"lastname":"x","parentcustomerid_account@odata.bind":"$1"})",
         "2",
         {}},
        {"POST", "/api/data/v9.2/accounts", R"({"name":"a"})", "1", {}},
    };
    auto r = postBatch(*s_emu, batchBody({cs}, {true}));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("Content-ID Reference: '$1' does not exist in the batch context."),
              std::string::npos)
        << r.body;
    EXPECT_EQ(count(*s_emu, "contacts"), 0);
}

TEST_F(ServiceBatch, GetIsNotAllowedInAChangeSet)
{
    std::vector<Part> cs = {{"POST", "/api/data/v9.2/accounts", R"({"name":"a"})", "1", {}},
                            {"GET", "/api/data/v9.2/accounts", "", "2", {}}};
    auto r = postBatch(*s_emu, batchBody({cs}, {true}));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("GET"), std::string::npos);
    EXPECT_EQ(count(*s_emu, "accounts"), 0);
}

TEST_F(ServiceBatch, MoreThan1000RequestsIsRejected)
{
    std::vector<std::vector<Part>> items;
    std::vector<bool> cs;
    for (int i = 0; i < 1001; ++i) {
        items.push_back({{"POST", "/api/data/v9.2/accounts", R"({"name":"a"})", "", {}}});
        cs.push_back(false);
    }
    auto r = postBatch(*s_emu, batchBody(items, cs));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("1000"), std::string::npos);
    EXPECT_EQ(count(*s_emu, "accounts"), 0);
    items.pop_back();
    cs.pop_back();
    EXPECT_EQ(postBatch(*s_emu, batchBody(items, cs)).status, 200);
    EXPECT_EQ(count(*s_emu, "accounts"), 1000);
}

TEST_F(ServiceBatch, LenientFramingBareLfAndUnquotedBoundary)
{
    std::vector<Part> p = {{"POST", "accounts", R"({"name":"lf"})", "", {}}};
    std::string body = batchBody({p}, {false});
    std::string lf;
    for (char ch : body)
        if (ch != '\r')
            lf.push_back(ch);
    lf.pop_back(); // and no final line break
    auto r = postBatch(*s_emu, lf, {}, "boundary=batch_AAA");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(count(*s_emu, "accounts"), 1);
}

TEST_F(ServiceBatch, BulkMessageInsideAChangeSet)
{
    std::vector<Part> cs = {
        {"POST",
         "/api/data/v9.2/accounts/Microsoft.Dynamics.CRM.CreateMultiple",
         R"({"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.account","name":"cs bulk"}]})",
         "1",
         {}},
        {"PATCH",
         "/api/data/v9.2/accounts(accountnumber='M%C3%9CLLER-1')",
         R"({"name":"M\u00fcller"})",
         "2",
         {}},
    };
    auto r = postBatch(*s_emu, batchBody({cs}, {true}));
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("CreateMultipleResponse"), std::string::npos);
    EXPECT_EQ(js(api("GET", "accounts(accountnumber='M%C3%9CLLER-1')"))["name"], "M\u00fcller");
}

} // namespace
