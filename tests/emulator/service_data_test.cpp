// Thread: the test's thread. ferry-emulator's data endpoints over real HTTP: create, retrieve by id
// and alternate key, the update/upsert matrix, delete, single properties, collections and paging,
// lookups and associations, WhoAmI. Uses tests/data/emulator/test-org.json.

#include "EmulatorProcess.h"
#include "ServiceTest.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

using ferry::test::EmulatorProcess;
using ferry::test::HttpResult;
using ferry::test::testOrg;
using nlohmann::json;

namespace {

class ServiceData : public ferry::test::ServiceTest<ServiceData>
{};

TEST_F(ServiceData, CreateReturns204WithEntityIdAndLocation)
{
    auto r = api("POST", "accounts",
                 json{{"name", "Contoso"}, {"accountnumber", "ACC-001"}, {"numberofemployees", 10}});
    EXPECT_EQ(r.status, 204);
    EXPECT_NE(r.headers["odata-entityid"].find("/api/data/v9.2/accounts("), std::string::npos);
    EXPECT_EQ(r.headers["location"], r.headers["odata-entityid"]);
    EXPECT_TRUE(r.body.empty());
}

TEST_F(ServiceData, CreateWithRepresentationReturns201AndSelectedColumns)
{
    auto r = api("POST", "accounts?$select=name,accountid", json{{"name", "Fabrikam"}},
                 {"Prefer: return=representation"});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.headers["preference-applied"], "return=representation");
    json j = js(r);
    EXPECT_EQ(j["name"], "Fabrikam");
    EXPECT_TRUE(j.contains("accountid"));
    EXPECT_FALSE(j.contains("accountnumber"));
    EXPECT_NE(j["@odata.context"].get<std::string>().find("$metadata#accounts/$entity"), std::string::npos);
    EXPECT_EQ(j["@odata.etag"].get<std::string>().rfind("W/\"", 0), 0u);
}

TEST_F(ServiceData, CreateWithIdInBodyUsesThatIdAndDuplicateIdFails)
{
    const std::string id = "11111111-1111-1111-1111-111111111111";
    EXPECT_EQ(create("accounts", {{"accountid", id}, {"name", "A"}}), id);
    auto r = api("POST", "accounts", json{{"accountid", id}, {"name", "B"}});
    expectError(r, 412, "0x80040237", "already exists");
}

TEST_F(ServiceData, RetrieveByIdAndSystemColumns)
{
    std::string id = create("accounts", {{"name", "Contoso"}, {"revenue", 1234.5}, {"creditonhold", false}});
    auto r = api("GET", "accounts(" + id + ")");
    ASSERT_EQ(r.status, 200);
    json j = js(r);
    EXPECT_EQ(j["accountid"], id);
    EXPECT_EQ(j["revenue"], 1234.5);
    EXPECT_EQ(j["statecode"], 0);
    EXPECT_EQ(j["statuscode"], 1);
    EXPECT_EQ(j["_ownerid_value"], "00000000-0000-0000-0000-0000000000a1");
    EXPECT_TRUE(j["createdon"].is_string());
    EXPECT_EQ(j["@odata.etag"], "W/\"" + std::to_string(j["versionnumber"].get<long long>()) + "\"");
    EXPECT_EQ(api("GET", "accounts(accountid=" + id + ")?$select=name").status, 200);
    auto missing = api("GET", "accounts(00000000-0000-0000-0000-00000000dead)");
    expectError(missing, 404, "0x80040217",
                "account With Id = 00000000-0000-0000-0000-00000000dead Does Not Exist");
}

TEST_F(ServiceData, RetrieveByAlternateKeyAndCompositeKeyInAnyOrder)
{
    std::string a = create("accounts", {{"name", "O'Brien"}, {"accountnumber", "O'B-1"}});
    auto r = api("GET", "accounts(accountnumber='O''B-1')?$select=name");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(js(r)["accountid"], a);
    std::string c = create("contacts", {{"lastname", "Doe"}, {"emailaddress1", "jane@example.com"}});
    EXPECT_EQ(js(api("GET", "contacts(emailaddress1='jane@example.com',lastname='Doe')"))["contactid"], c);
    EXPECT_EQ(js(api("GET", "contacts(lastname='Doe',emailaddress1='JANE@example.com')"))["contactid"], c);
    // composite key with a lookup part (_x_value) and a string
    std::string p =
        create("new_projects",
               {{"new_name", "P"}, {"new_code", "X1"}, {"new_AccountId@odata.bind", "/accounts(" + a + ")"}});
    auto pr = api("GET", "new_projects(_new_accountid_value=" + a + ",new_code='X1')");
    ASSERT_EQ(pr.status, 200) << pr.body;
    EXPECT_EQ(js(pr)["new_projectid"], p);
    expectError(api("GET", "accounts(accountnumber='nope')"), 404, "0x80060891",
                "A record with the specified key values does not exist in account entity");
}

TEST_F(ServiceData, InvalidKeyInUriIsRejected)
{
    auto r = api("GET", "accounts(name='x')");
    expectError(r, 400, "0x80060888",
                "The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM.account'");
    expectError(api("GET", "accounts(12345)"), 400, "0x80060888", "not valid for resource");
}

TEST_F(ServiceData, BadCharactersInAlternateKeyValueAreRejected)
{
    for (const std::string v :
         {"A%2FB", "A%3CB", "A*B", "A%25B", "A%26B", "A:B", "A%5CB", "A%3FB", "A%2BB"}) {
        auto r = api("PATCH", "accounts(accountnumber='" + v + "')", json{{"name", "x"}});
        EXPECT_EQ(r.status, 400) << v << " " << r.body;
        EXPECT_NE(r.body.find("accountnumber"), std::string::npos) << r.body;
    }
}

TEST_F(ServiceData, UpdateWithIfMatchStarUpdatesOrReturns404)
{
    std::string id = create("accounts", {{"name", "Before"}});
    auto r = api("PATCH", "accounts(" + id + ")", json{{"name", "After"}}, {"If-Match: *"});
    EXPECT_EQ(r.status, 204) << r.body;
    EXPECT_NE(r.headers["odata-entityid"].find(id), std::string::npos);
    EXPECT_EQ(js(api("GET", "accounts(" + id + ")?$select=name"))["name"], "After");
    auto missing =
        api("PATCH", "accounts(22222222-2222-2222-2222-222222222222)", json{{"name", "x"}}, {"If-Match: *"});
    expectError(missing, 404, "0x80040217",
                "account With Id = 22222222-2222-2222-2222-222222222222 Does Not Exist");
}

TEST_F(ServiceData, UpsertByIdCreatesThenUpdates)
{
    const std::string id = "33333333-3333-3333-3333-333333333333";
    auto r1 = api("PATCH", "accounts(" + id + ")?$select=name", json{{"name", "New"}},
                  {"Prefer: return=representation"});
    EXPECT_EQ(r1.status, 201) << r1.body;
    auto r2 = api("PATCH", "accounts(" + id + ")?$select=name", json{{"name", "Again"}},
                  {"Prefer: return=representation"});
    EXPECT_EQ(r2.status, 200) << r2.body;
    EXPECT_EQ(js(r2)["name"], "Again");
    EXPECT_EQ(api("PATCH", "accounts(" + id + ")", json{{"name", "Plain"}}).status, 204);
}

TEST_F(ServiceData, UpsertByAlternateKeyCopiesKeyAndEchoesKeyUrl)
{
    auto r = api("PATCH", "accounts(accountnumber='ACC-777')", json{{"name", "By key"}});
    EXPECT_EQ(r.status, 204) << r.body;
    EXPECT_NE(r.headers["odata-entityid"].find("accounts(accountnumber='ACC-777')"), std::string::npos);
    auto g = api("GET", "accounts(accountnumber='ACC-777')?$select=name,accountnumber");
    ASSERT_EQ(g.status, 200);
    EXPECT_EQ(js(g)["accountnumber"], "ACC-777");
    // update through the key: the key value in the body is ignored (cannot change the key used to address)
    EXPECT_EQ(
        api("PATCH", "accounts(accountnumber='ACC-777')", json{{"name", "v2"}, {"accountnumber", "OTHER"}})
            .status,
        204);
    EXPECT_EQ(js(api("GET", "accounts(accountnumber='ACC-777')?$select=name"))["name"], "v2");
    // composite key create
    auto c = api("PATCH", "contacts(emailaddress1='j@x.com',lastname='Doe')", json{{"firstname", "Jane"}});
    EXPECT_EQ(c.status, 204) << c.body;
    json cj = js(api("GET", "contacts(lastname='Doe',emailaddress1='j@x.com')"));
    EXPECT_EQ(cj["firstname"], "Jane");
    EXPECT_EQ(cj["lastname"], "Doe");
}

TEST_F(ServiceData, CreateOnlyUpsertWithIfNoneMatch)
{
    EXPECT_EQ(api("PATCH", "accounts(accountnumber='N-1')", json{{"name", "x"}}, {"If-None-Match: *"}).status,
              204);
    auto again = api("PATCH", "accounts(accountnumber='N-1')", json{{"name", "y"}}, {"If-None-Match: *"});
    expectError(again, 412, "0x80040237", "A record with matching key values already exists.");
    EXPECT_EQ(js(api("GET", "accounts(accountnumber='N-1')"))["name"], "x");
}

TEST_F(ServiceData, OptimisticConcurrencyWithEtag)
{
    std::string id = create("accounts", {{"name", "v1"}});
    json j = js(api("GET", "accounts(" + id + ")?$select=name"));
    std::string etag = j["@odata.etag"];
    EXPECT_EQ(api("PATCH", "accounts(" + id + ")", json{{"name", "v2"}}, {"If-Match: " + etag}).status, 204);
    auto stale = api("PATCH", "accounts(" + id + ")", json{{"name", "v3"}}, {"If-Match: " + etag});
    expectError(stale, 412, "0x80060882", "doesn't match the RowVersion");
    auto del = api("DELETE", "accounts(" + id + ")", std::string(), {"If-Match: " + etag});
    expectError(del, 412, "0x80060882", "RowVersion");
    // conditional GET
    std::string cur = js(api("GET", "accounts(" + id + ")"))["@odata.etag"];
    EXPECT_EQ(api("GET", "accounts(" + id + ")", std::string(), {"If-None-Match: " + cur}).status, 304);
}

TEST_F(ServiceData, SinglePropertyPutAndDelete)
{
    std::string id = create("accounts", {{"name", "x"}, {"description", "d"}});
    EXPECT_EQ(api("PUT", "accounts(" + id + ")/name", json{{"value", "Single prop"}}).status, 204);
    EXPECT_EQ(api("DELETE", "accounts(" + id + ")/description").status, 204);
    json j = js(api("GET", "accounts(" + id + ")?$select=name,description"));
    EXPECT_EQ(j["name"], "Single prop");
    EXPECT_TRUE(j["description"].is_null());
    auto v = js(api("GET", "accounts(" + id + ")/name"));
    EXPECT_EQ(v["value"], "Single prop");
}

TEST_F(ServiceData, DeleteByIdAndByKey)
{
    std::string a = create("accounts", {{"name", "a"}});
    create("accounts", {{"name", "b"}, {"accountnumber", "DEL-1"}});
    EXPECT_EQ(api("DELETE", "accounts(" + a + ")").status, 204);
    EXPECT_EQ(api("GET", "accounts(" + a + ")").status, 404);
    EXPECT_EQ(api("DELETE", "accounts(accountnumber='DEL-1')").status, 204);
    expectError(api("DELETE", "accounts(accountnumber='DEL-1')"), 404, "0x80060891", "does not exist");
    expectError(api("DELETE", "accounts(" + a + ")"), 404, "0x80040217", "Does Not Exist");
}

TEST_F(ServiceData, UnknownRoutesAndWrongMethods)
{
    expectError(api("GET", "nosuchset"), 404, "0x8006088a", "Resource not found for the segment 'nosuchset'");
    auto r = api("PUT", "accounts", json{{"name", "x"}});
    EXPECT_EQ(r.status, 405) << r.body;
    EXPECT_EQ(api("POST", "accounts(11111111-1111-1111-1111-111111111111)", json{{"name", "x"}}).status, 405);
}

TEST_F(ServiceData, WhoAmI)
{
    for (const std::string path : {"WhoAmI", "WhoAmI()"}) {
        auto r = api("GET", path);
        ASSERT_EQ(r.status, 200) << r.body;
        json j = js(r);
        EXPECT_EQ(j["UserId"], "00000000-0000-0000-0000-0000000000a1");
        EXPECT_EQ(j["BusinessUnitId"], "00000000-0000-0000-0000-0000000000b1");
        EXPECT_EQ(j["OrganizationId"], "00000000-0000-0000-0000-0000000000c1");
        EXPECT_NE(j["@odata.context"].get<std::string>().find("WhoAmIResponse"), std::string::npos);
    }
    auto v91 = ferry::test::httpRequest("GET", s_emu->baseUrl() + "api/data/v9.1/WhoAmI",
                                        {"Authorization: Bearer " + s_emu->token()});
    EXPECT_EQ(v91.status, 200);
}

TEST_F(ServiceData, ImpersonationSetsOwner)
{
    std::string id = create("accounts", {{"name", "x"}});
    auto r = api("POST", "accounts", json{{"name", "as other"}},
                 {"MSCRMCallerID: 00000000-0000-0000-0000-0000000000a2"});
    ASSERT_EQ(r.status, 204);
    std::string loc = r.headers["odata-entityid"];
    std::string other = loc.substr(loc.rfind('(') + 1, 36);
    EXPECT_EQ(js(api("GET", "accounts(" + other + ")"))["_ownerid_value"],
              "00000000-0000-0000-0000-0000000000a2");
    EXPECT_EQ(js(api("GET", "accounts(" + id + ")"))["_ownerid_value"],
              "00000000-0000-0000-0000-0000000000a1");
}

// ---------------------------------------------------------------------------------------------- lookups

TEST_F(ServiceData, BindLookupByIdAndByKeyRelativeAndAbsolute)
{
    std::string a = create("accounts", {{"name", "Parent"}, {"accountnumber", "P-1"}});
    std::string c1 = create(
        "contacts", {{"lastname", "One"}, {"parentcustomerid_account@odata.bind", "/accounts(" + a + ")"}});
    std::string c2 =
        create("contacts", {{"lastname", "Two"},
                            {"parentcustomerid_account@odata.bind", "accounts(accountnumber='P-1')"}});
    std::string c3 = create("contacts", {{"lastname", "Three"},
                                         {"parentcustomerid_account@odata.bind",
                                          s_emu->baseUrl() + "api/data/v9.2/accounts(" + a + ")"}});
    for (const auto &c : {c1, c2, c3}) {
        json j = js(api("GET", "contacts(" + c + ")?$select=_parentcustomerid_value"));
        EXPECT_EQ(j["_parentcustomerid_value"], a) << c;
    }
    // per-target nav property of a Customer lookup pointing to a contact
    std::string c4 = create(
        "contacts", {{"lastname", "Four"}, {"parentcustomerid_contact@odata.bind", "/contacts(" + c1 + ")"}});
    auto r = api("GET", "contacts(" + c4 + ")?$select=_parentcustomerid_value", std::string(),
                 {"Prefer: odata.include-annotations=\"*\""});
    json j = js(r);
    EXPECT_EQ(j["_parentcustomerid_value"], c1);
    EXPECT_EQ(j["_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"], "contact");
    EXPECT_EQ(j["_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty"],
              "parentcustomerid_contact");
    EXPECT_EQ(j["_parentcustomerid_value@OData.Community.Display.V1.FormattedValue"],
              "One"); // computed fullname
    // null bind clears
    EXPECT_EQ(
        api("PATCH", "contacts(" + c1 + ")", json{{"parentcustomerid_account@odata.bind", nullptr}}).status,
        204);
    EXPECT_TRUE(js(api("GET", "contacts(" + c1 + ")"))["_parentcustomerid_value"].is_null());
    // self-referencing lookup and the FormattedValue of the target's primary name
    std::string child =
        create("accounts", {{"name", "Child"}, {"parentaccountid@odata.bind", "/accounts(" + a + ")"}});
    json cj = js(api("GET", "accounts(" + child + ")?$select=_parentaccountid_value", std::string(),
                     {"Prefer: odata.include-annotations=\"*\""}));
    EXPECT_EQ(cj["_parentaccountid_value@OData.Community.Display.V1.FormattedValue"], "Parent");
}

TEST_F(ServiceData, BindToMissingTargetFails)
{
    auto r =
        api("POST", "contacts",
            json{{"lastname", "x"},
                 {"parentcustomerid_account@odata.bind", "/accounts(44444444-4444-4444-4444-444444444444)"}});
    expectError(r, 404, "0x80040217",
                "account With Id = 44444444-4444-4444-4444-444444444444 Does Not Exist");
    auto k = api(
        "POST", "contacts",
        json{{"lastname", "x"}, {"parentcustomerid_account@odata.bind", "/accounts(accountnumber='none')"}});
    expectError(k, 404, "0x80060891",
                "A record with the specified key values does not exist in account entity");
    auto wrongNav =
        api("POST", "contacts",
            json{{"lastname", "x"},
                 {"parentcustomerid@odata.bind", "/accounts(44444444-4444-4444-4444-444444444444)"}});
    expectError(wrongNav, 400, "0x80048d19", "An undeclared property 'parentcustomerid'");
    EXPECT_EQ(js(api("GET", "contacts/$count")).get<int>(), 0);
}

TEST_F(ServiceData, ExpandSingleValuedLookupWithSelect)
{
    std::string c = create("contacts", {{"firstname", "Jane"}, {"lastname", "Doe"}});
    std::string a =
        create("accounts", {{"name", "Contoso"}, {"primarycontactid@odata.bind", "/contacts(" + c + ")"}});
    auto r =
        api("GET", "accounts(" + a + ")?$select=name&$expand=primarycontactid($select=firstname,lastname)");
    ASSERT_EQ(r.status, 200) << r.body;
    json j = js(r);
    EXPECT_EQ(j["primarycontactid"]["lastname"], "Doe");
    EXPECT_EQ(j["primarycontactid"]["contactid"], c);
    EXPECT_FALSE(j["primarycontactid"].contains("emailaddress1"));
    // collection-valued expand (1:N)
    create("contacts",
           {{"lastname", "Kid"}, {"parentcustomerid_account@odata.bind", "/accounts(" + a + ")"}});
    json e = js(
        api("GET", "accounts(" + a + ")?$select=name&$expand=contact_customer_accounts($select=lastname)"));
    ASSERT_EQ(e["contact_customer_accounts"].size(), 1u);
    EXPECT_EQ(e["contact_customer_accounts"][0]["lastname"], "Kid");
}

TEST_F(ServiceData, AssociateAndDisassociate)
{
    std::string a = create("accounts", {{"name", "A"}});
    std::string c = create("contacts", {{"lastname", "C"}});
    const std::string root = s_emu->baseUrl() + "api/data/v9.2/";
    // 1:N collection nav
    EXPECT_EQ(api("POST", "accounts(" + a + ")/contact_customer_accounts/$ref",
                  json{{"@odata.id", root + "contacts(" + c + ")"}})
                  .status,
              204);
    EXPECT_EQ(js(api("GET", "contacts(" + c + ")"))["_parentcustomerid_value"], a);
    EXPECT_EQ(api("DELETE", "accounts(" + a + ")/contact_customer_accounts(" + c + ")/$ref").status, 204);
    EXPECT_TRUE(js(api("GET", "contacts(" + c + ")"))["_parentcustomerid_value"].is_null());
    // single-valued nav
    EXPECT_EQ(
        api("PUT", "accounts(" + a + ")/primarycontactid/$ref", json{{"@odata.id", "contacts(" + c + ")"}})
            .status,
        204);
    EXPECT_EQ(js(api("GET", "accounts(" + a + ")"))["_primarycontactid_value"], c);
    EXPECT_EQ(api("DELETE", "accounts(" + a + ")/primarycontactid/$ref").status, 204);
    EXPECT_TRUE(js(api("GET", "accounts(" + a + ")"))["_primarycontactid_value"].is_null());
    // N:N with intersect storage
    EXPECT_EQ(api("POST", "accounts(" + a + ")/new_account_contact/$ref",
                  json{{"@odata.id", root + "contacts(" + c + ")"}})
                  .status,
              204);
    json e = js(api("GET", "accounts(" + a + ")?$select=name&$expand=new_account_contact($select=lastname)"));
    ASSERT_EQ(e["new_account_contact"].size(), 1u);
    json fromContact =
        js(api("GET", "contacts(" + c + ")?$select=lastname&$expand=new_account_contact($select=name)"));
    ASSERT_EQ(fromContact["new_account_contact"].size(), 1u);
    EXPECT_EQ(fromContact["new_account_contact"][0]["name"], "A");
    auto dup = api("POST", "accounts(" + a + ")/new_account_contact/$ref",
                   json{{"@odata.id", "contacts(" + c + ")"}});
    EXPECT_EQ(dup.status, 412) << dup.body;
    EXPECT_EQ(
        api("DELETE", "accounts(" + a + ")/new_account_contact/$ref?$id=" + root + "contacts(" + c + ")")
            .status,
        204);
    e = js(api("GET", "accounts(" + a + ")?$select=name&$expand=new_account_contact($select=lastname)"));
    EXPECT_EQ(e["new_account_contact"].size(), 0u);
    json stats = js(ferry::test::httpRequest("GET", s_emu->baseUrl() + "_emulator/stats"));
    EXPECT_GE(stats.dump().find("associations"), 0u);
    // missing target
    auto missing = api("POST", "accounts(" + a + ")/new_account_contact/$ref",
                       json{{"@odata.id", "contacts(55555555-5555-5555-5555-555555555555)"}});
    expectError(missing, 404, "0x80040217",
                "contact With Id = 55555555-5555-5555-5555-555555555555 Does Not Exist");
}

TEST_F(ServiceData, DeleteAppliesRelationshipDeleteBehaviour)
{
    std::string a = create("accounts", {{"name", "Parent"}});
    std::string child =
        create("accounts", {{"name", "Child"}, {"parentaccountid@odata.bind", "/accounts(" + a + ")"}});
    std::string c = create("contacts", {{"lastname", "Cascaded"},
                                        {"parentcustomerid_account@odata.bind", "/accounts(" + a + ")"}});
    std::string other = create("contacts", {{"lastname", "Linked"}});
    ASSERT_EQ(api("POST", "accounts(" + a + ")/new_account_contact/$ref",
                  json{{"@odata.id", "contacts(" + other + ")"}})
                  .status,
              204);
    EXPECT_EQ(api("DELETE", "accounts(" + a + ")").status, 204);
    EXPECT_EQ(api("GET", "contacts(" + c + ")").status, 404) << "contact_customer_accounts: Delete Cascade";
    auto ch = api("GET", "accounts(" + child + ")");
    ASSERT_EQ(ch.status, 200) << "account_parent_account: Delete RemoveLink";
    EXPECT_TRUE(js(ch)["_parentaccountid_value"].is_null());
    json links =
        js(api("GET", "contacts(" + other + ")?$select=lastname&$expand=new_account_contact($select=name)"));
    EXPECT_EQ(links["new_account_contact"].size(), 0u);
    // Restrict: a project still points at the account
    std::string x = create("accounts", {{"name", "Restricted"}});
    std::string p =
        create("new_projects", {{"new_name", "P"}, {"new_AccountId@odata.bind", "/accounts(" + x + ")"}});
    auto r = api("DELETE", "accounts(" + x + ")");
    EXPECT_EQ(r.status, 405) << r.body;
    EXPECT_NE(r.body.find("new_project_account"), std::string::npos);
    EXPECT_EQ(api("GET", "accounts(" + x + ")").status, 200);
    EXPECT_EQ(api("DELETE", "new_projects(" + p + ")").status, 204);
    EXPECT_EQ(api("DELETE", "accounts(" + x + ")").status, 204);
}

// ---------------------------------------------------------------------------------------------- queries

class ServiceQuery : public ServiceData
{
protected:
    void SetUp() override
    {
        ServiceData::SetUp();
        const char *names[] = {"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf"};
        for (int i = 0; i < 7; ++i) {
            json b = {{"name", names[i]},
                      {"accountnumber", "Q-" + std::to_string(i)},
                      {"numberofemployees", i * 10},
                      {"creditonhold", i % 2 == 0},
                      {"lastonholdtime", "2024-01-0" + std::to_string(i + 1) + "T10:00:00Z"}};
            if (i < 3)
                b["industrycode"] = i + 1;
            ids.push_back(create("accounts", b));
        }
    }
    std::vector<std::string> names(const HttpResult &r)
    {
        std::vector<std::string> out;
        json j = js(r);
        for (const auto &v : j["value"])
            out.push_back(v["name"]);
        return out;
    }
    std::vector<std::string> ids;
};

TEST_F(ServiceQuery, FilterOperators)
{
    using V = std::vector<std::string>;
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=name%20eq%20'Bravo'")), V{"Bravo"});
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=name%20eq%20'bravo'")),
              V{"Bravo"}); // case-insensitive
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=numberofemployees%20gt%2040&$orderby=name")),
              (V{"Foxtrot", "Golf"}));
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=numberofemployees%20ge%2050&$orderby=name")),
              (V{"Foxtrot", "Golf"}));
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=numberofemployees%20lt%2010")), V{"Alpha"});
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=numberofemployees%20le%2010&$orderby=name")),
              (V{"Alpha", "Bravo"}));
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=numberofemployees%20ne%200&$top=100")).size(),
              6u);
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=(name%20eq%20'Alpha'%20or%20name%20eq%20'Golf')"
                               "%20and%20creditonhold%20eq%20true&$orderby=name")),
              (V{"Alpha", "Golf"}));
    EXPECT_EQ(
        names(api("GET", "accounts?$select=name&$filter=not%20(numberofemployees%20gt%2010)&$orderby=name")),
        (V{"Alpha", "Bravo"}));
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=industrycode%20eq%20null")).size(), 4u);
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=industrycode%20ne%20null")).size(), 3u);
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=contains(name,'lf')")), V{"Golf"});
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=startswith(name,'ch')")), V{"Charlie"});
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=endswith(name,'ta')")), V{"Delta"});
    EXPECT_EQ(
        names(api("GET", "accounts?$select=name&$filter=lastonholdtime%20lt%202024-01-03&$orderby=name")),
        (V{"Alpha", "Bravo"}));
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=accountid%20eq%20" + ids[3])), V{"Delta"});
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$filter=statecode%20eq%200%20and%20startswith(name%2C%"
                               "27Ec%27)%20and%20accountid%20ne%20" +
                                   ids[0])),
              V{"Echo"});
    // a lookup column in a filter
    std::string c =
        create("contacts",
               {{"lastname", "L"}, {"parentcustomerid_account@odata.bind", "/accounts(" + ids[2] + ")"}});
    json lj = js(api("GET", "contacts?$select=lastname&$filter=_parentcustomerid_value%20eq%20" + ids[2]));
    ASSERT_EQ(lj["value"].size(), 1u);
    EXPECT_EQ(lj["value"][0]["contactid"], c);
    // unknown column / syntax errors
    auto bad = api("GET", "accounts?$filter=nosuch%20eq%201");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("nosuch"), std::string::npos);
    EXPECT_EQ(api("GET", "accounts?$filter=name%20eq").status, 400);
}

TEST_F(ServiceQuery, OrderByTopAndCount)
{
    using V = std::vector<std::string>;
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$orderby=numberofemployees%20desc&$top=3")),
              (V{"Golf", "Foxtrot", "Echo"}));
    EXPECT_EQ(names(api("GET", "accounts?$select=name&$orderby=creditonhold%20asc,name%20desc")),
              (V{"Foxtrot", "Delta", "Bravo", "Golf", "Echo", "Charlie", "Alpha"}));
    json j = js(api("GET", "accounts?$filter=creditonhold%20eq%20true&$count=true&$top=1"));
    EXPECT_EQ(j["@odata.count"], 4);
    EXPECT_EQ(j["value"].size(), 1u);
    auto c = api("GET", "accounts/$count");
    EXPECT_EQ(c.status, 200);
    EXPECT_EQ(c.body, "7");
    EXPECT_NE(c.headers["content-type"].find("text/plain"), std::string::npos);
    auto sel = api("GET", "accounts?$select=primarycontactid");
    EXPECT_EQ(sel.status, 400) << "lookups are selected as _x_value";
    EXPECT_EQ(api("GET", "accounts?$select=_primarycontactid_value").status, 200);
}

TEST_F(ServiceQuery, MaxPageSizePagingVisitsEveryRowOnce)
{
    for (const std::string orderby :
         {"", "&$orderby=numberofemployees%20desc", "&$orderby=industrycode,name%20desc"}) {
        std::set<std::string> seen;
        std::string next = "accounts?$select=name,numberofemployees&$count=true" + orderby;
        int pages = 0;
        std::vector<std::string> order;
        while (!next.empty()) {
            auto r = api("GET", next, std::string(), {"Prefer: odata.maxpagesize=2"});
            ASSERT_EQ(r.status, 200) << next << " " << r.body;
            EXPECT_EQ(r.headers["preference-applied"], "odata.maxpagesize=2");
            json j = js(r);
            EXPECT_LE(j["value"].size(), 2u);
            for (const auto &v : j["value"]) {
                EXPECT_TRUE(seen.insert(v["accountid"].get<std::string>()).second) << "row seen twice";
                order.push_back(v["name"]);
            }
            ++pages;
            next.clear();
            if (j.contains("@odata.nextLink")) {
                std::string link = j["@odata.nextLink"];
                auto p = link.find("/api/data/v9.2/");
                ASSERT_NE(p, std::string::npos);
                next = link.substr(p + 15);
                EXPECT_NE(link.find("$skiptoken=%3Ccookie%20pagenumber%3D%22"), std::string::npos) << link;
            }
            ASSERT_LT(pages, 10);
        }
        EXPECT_EQ(seen.size(), 7u) << orderby;
        EXPECT_EQ(pages, 4);
        if (orderby.find("numberofemployees") != std::string::npos) {
            EXPECT_EQ(order.front(), "Golf");
        }
    }
}

TEST_F(ServiceQuery, FormattedValuesWithIncludeAnnotations)
{
    auto r = api("GET", "accounts(" + ids[0] + ")?$select=industrycode,creditonhold", std::string(),
                 {"Prefer: odata.include-annotations=\"*\""});
    json j = js(r);
    EXPECT_EQ(j["industrycode@OData.Community.Display.V1.FormattedValue"], "Accounting");
    EXPECT_EQ(j["creditonhold@OData.Community.Display.V1.FormattedValue"], "Yes");
    json plain = js(api("GET", "accounts(" + ids[0] + ")?$select=industrycode"));
    EXPECT_FALSE(plain.contains("industrycode@OData.Community.Display.V1.FormattedValue"));
}

} // namespace
