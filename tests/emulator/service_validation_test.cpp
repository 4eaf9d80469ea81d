// Thread: the test's thread. Validation errors of ferry-emulator over real HTTP: every error
// gives the real status and {"error":{"code","message"}} naming the column.
#include "EmulatorProcess.h"
#include "ServiceTest.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>

using ferry::test::EmulatorProcess;
using ferry::test::HttpResult;
using ferry::test::testOrg;
using nlohmann::json;

namespace {

class ServiceValidation : public ferry::test::ServiceTest<ServiceValidation>
{};

TEST_F(ServiceValidation, UnknownColumn)
{
    auto r = api("POST", "accounts", json{{"name", "x"}, {"nosuchcolumn", 1}});
    expectError(r, 400, "0x80048d19",
                "The property 'nosuchcolumn' does not exist on type 'Microsoft.Dynamics.CRM.account'");
    // a lookup is not written by its logical name with a value, nor through _x_value
    expectError(api("POST", "accounts", json{{"primarycontactid", "11111111-1111-1111-1111-111111111111"}}),
                400, "0x80048d19", "The property 'primarycontactid' does not exist");
    expectError(
        api("POST", "accounts", json{{"_primarycontactid_value", "11111111-1111-1111-1111-111111111111"}}),
        400, "0x80048d19", "'_primarycontactid_value'");
    EXPECT_EQ(api("GET", "accounts/$count").body, "0");
}

TEST_F(ServiceValidation, WrongTypes)
{
    expectError(api("POST", "accounts", json{{"numberofemployees", "abc"}}), 400, "0x80048d19",
                "Cannot convert the literal 'abc' to the expected type 'Edm.Int32' for the property "
                "'numberofemployees'");
    expectError(api("POST", "accounts", json{{"numberofemployees", 1.5}}), 400, "0x80048d19",
                "numberofemployees");
    expectError(api("POST", "accounts", json{{"name", 5}}), 400, "0x80048d19", "'name'");
    expectError(api("POST", "accounts", json{{"creditonhold", "yes"}}), 400, "0x80048d19", "Edm.Boolean");
    expectError(api("POST", "accounts", json{{"revenue", "12"}}), 400, "0x80048d19", "'revenue'");
    expectError(api("POST", "accounts", json{{"lastonholdtime", "2024-02-30"}}), 400, "0x80048d19",
                "lastonholdtime");
    expectError(api("POST", "accounts", json{{"lastonholdtime", "yesterday"}}), 400, "0x80048d19",
                "Edm.DateTimeOffset");
    expectError(api("POST", "accounts", json{{"accountid", "not-a-guid"}}), 400, "0x80048d19", "Edm.Guid");
    auto r = api("POST", "accounts", std::string("{\"name\": "));
    EXPECT_EQ(r.status, 400);
}

TEST_F(ServiceValidation, TextOverMaxLength)
{
    auto r = api("POST", "accounts", json{{"name", std::string(161, 'x')}});
    expectError(
        r, 400, "0x80044331",
        "A validation error occurred.  The length of the 'name' attribute of the 'account' entity exceeded "
        "the maximum allowed length of '160'.");
    // length counts characters, not UTF-8 bytes
    std::string umlauts;
    for (int i = 0; i < 160; ++i)
        umlauts += "\xC3\xBC";
    EXPECT_EQ(api("POST", "accounts", json{{"name", umlauts}}).status, 204);
    expectError(api("POST", "accounts", json{{"description", std::string(2001, 'd')}}), 400, "0x80044331",
                "'description'");
}

TEST_F(ServiceValidation, OptionValueAndRanges)
{
    auto r = api("POST", "accounts", json{{"industrycode", 99}});
    expectError(r, 400, "0x8004431A",
                "The value 99 of 'industrycode' on record of type 'account' is outside the valid range");
    EXPECT_NE(r.body.find("1,2,3"), std::string::npos);
    expectError(api("POST", "accounts", json{{"statuscode", 7}}), 400, "0x8004431A", "'statuscode'");
    expectError(api("POST", "accounts", json{{"numberofemployees", 1000001}}), 400, "0x8004431A",
                "'numberofemployees'");
    expectError(api("POST", "accounts", json{{"numberofemployees", -1}}), 400, "0x8004431A",
                "'numberofemployees'");
    expectError(api("POST", "new_projects", json{{"new_name", "p"}, {"new_budget", 2000000.5}}), 400,
                "0x8004431A", "'new_budget'");
    expectError(api("POST", "accounts", json{{"lastonholdtime", "1700-01-01"}}), 400, "0x80044331",
                "'lastonholdtime'");
    EXPECT_EQ(api("POST", "accounts", json{{"industrycode", 2}, {"numberofemployees", 1000000}}).status, 204);
}

TEST_F(ServiceValidation, DatesAreNormalized)
{
    std::string c = create("contacts", {{"lastname", "x"}, {"birthdate", "1980-02-03"}});
    EXPECT_EQ(js(api("GET", "contacts(" + c + ")?$select=birthdate"))["birthdate"], "1980-02-03");
    std::string a = create("accounts", {{"lastonholdtime", "2024-05-06T10:11:12+02:00"}});
    EXPECT_EQ(js(api("GET", "accounts(" + a + ")?$select=lastonholdtime"))["lastonholdtime"],
              "2024-05-06T08:11:12Z");
}

TEST_F(ServiceValidation, MissingSystemRequiredColumn)
{
    auto r = api("POST", "new_projects", json{{"new_code", "C"}});
    expectError(r, 400, "0x80040200", "'new_name'");
    EXPECT_EQ(api("POST", "new_projects", json{{"new_name", "ok"}}).status, 204);
    // an update need not repeat it
    std::string id = create("new_projects", {{"new_name", "p2"}});
    EXPECT_EQ(api("PATCH", "new_projects(" + id + ")", json{{"new_code", "Z"}}, {"If-Match: *"}).status, 204);
}

TEST_F(ServiceValidation, DuplicateAlternateKey)
{
    create("accounts", {{"name", "a"}, {"accountnumber", "ACC-1"}});
    auto r = api("POST", "accounts", json{{"name", "b"}, {"accountnumber", "acc-1"}});
    expectError(r, 412, "0x80040237",
                "A record that has the attribute values acc-1 already exists. The entity key "
                "accountnumber_key requires that this set of attributes contains unique values");
    EXPECT_NE(r.body.find("accountnumber"), std::string::npos);
    std::string other = create("accounts", {{"name", "c"}, {"accountnumber", "ACC-2"}});
    expectError(api("PATCH", "accounts(" + other + ")", json{{"accountnumber", "ACC-1"}}, {"If-Match: *"}),
                412, "0x80040237", "accountnumber_key");
    // a composite key with a null part is not enforced
    create("contacts", {{"lastname", "Doe"}});
    EXPECT_EQ(api("POST", "contacts", json{{"lastname", "Doe"}}).status, 204);
}

TEST_F(ServiceValidation, NotValidForCreateIsIgnored)
{
    std::string c = create("contacts", {{"firstname", "Ada"},
                                        {"lastname", "Lovelace"},
                                        {"fullname", "ignored"},
                                        {"createdon", "2000-01-01T00:00:00Z"}});
    json j = js(api("GET", "contacts(" + c + ")?$select=fullname,createdon"));
    EXPECT_EQ(j["fullname"], "Ada Lovelace") << "fullname is computed, the sent value ignored";
    EXPECT_NE(j["createdon"], "2000-01-01T00:00:00Z");
    EXPECT_EQ(api("PATCH", "contacts(" + c + ")", json{{"lastname", "King"}}).status, 204);
    EXPECT_EQ(js(api("GET", "contacts(" + c + ")?$select=fullname"))["fullname"], "Ada King");
}

TEST_F(ServiceValidation, LookupToWrongTargetTable)
{
    std::string a = create("accounts", {{"name", "a"}});
    auto r = api("POST", "accounts", json{{"primarycontactid@odata.bind", "/accounts(" + a + ")"}});
    expectError(r, 400, "0x80048d19", "'primarycontactid'");
    auto s = api("POST", "accounts", json{{"primarycontactid@odata.bind", "/nosuchset(" + a + ")"}});
    expectError(s, 400, "0x80048d19", "nosuchset");
}

} // namespace
