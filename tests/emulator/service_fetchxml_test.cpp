// Thread: the test's thread. ferry-emulator's FetchXML subset (GET <set>?fetchXml=...) and the built-in
// functions GetTimeZoneCodeByLocalizedName and RetrieveUserPrivileges, over real HTTP.
// Uses tests/data/emulator/test-org.json.

#include "EmulatorProcess.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <set>
#include <string>
#include <vector>

using ferry::test::EmulatorProcess;
using ferry::test::HttpResult;
using nlohmann::json;

namespace {

std::string testOrg()
{
    return ferry::test::sourceDir() + "/tests/data/emulator/test-org.json";
}

std::string urlEncode(const std::string &s)
{
    static const char *hex = "0123456789ABCDEF";
    std::string o;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            o += static_cast<char>(c);
        } else {
            o += '%';
            o += hex[c >> 4];
            o += hex[c & 15];
        }
    }
    return o;
}

class ServiceFetchXml : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_emu = EmulatorProcess::start({"--limits", "off"}, testOrg());
        if (!s_emu)
            return;
        ferry::test::httpRequest("POST", s_emu->baseUrl() + "_emulator/reset");
        // Five accounts: names, employee counts and one without employees (null).
        const std::vector<std::pair<std::string, int>> rows = {
            {"Alpha", 10}, {"Beta", 20}, {"Gamma", 30}, {"Alphabet", 40}, {"Delta", -1}};
        for (const auto &[name, n] : rows) {
            json b{{"name", name}};
            if (n >= 0)
                b["numberofemployees"] = n;
            auto r = s_emu->api("POST", "accounts", b.dump());
            EXPECT_EQ(r.status, 204) << r.body;
        }
    }
    static void TearDownTestSuite() { s_emu.reset(); }
    void SetUp() override { ASSERT_TRUE(s_emu) << "emulator did not start"; }

    static HttpResult fetch(const std::string &xml, const std::string &set = "accounts")
    {
        return s_emu->api("GET", set + "?fetchXml=" + urlEncode(xml));
    }
    static json js(const HttpResult &r) { return json::parse(r.body, nullptr, false); }
    static std::vector<std::string> names(const HttpResult &r)
    {
        std::vector<std::string> out;
        json j = js(r);
        if (!j.is_object() || !j.contains("value"))
            return out;
        for (const auto &v : j["value"])
            out.push_back(v.value("name", std::string("<no name>")));
        return out;
    }
    static inline std::unique_ptr<EmulatorProcess> s_emu;
};

TEST_F(ServiceFetchXml, FilterOrderAndTop)
{
    auto r = fetch("<fetch top='2'><entity name='account'><attribute name='name'/>"
                   "<order attribute='numberofemployees' descending='true'/>"
                   "<filter type='and'><condition attribute='numberofemployees' operator='ge' value='20'/>"
                   "</filter></entity></fetch>");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(names(r), (std::vector<std::string>{"Alphabet", "Gamma"}));
    json j = js(r);
    EXPECT_NE(j.value("@odata.context", std::string()).find("$metadata#accounts"), std::string::npos)
        << r.body;
    EXPECT_FALSE(j.contains("@Microsoft.Dynamics.CRM.morerecords")) << "no paging attributes given";
}

TEST_F(ServiceFetchXml, AttributeSelectionReturnsOnlyThoseColumnsAndLookupsAsValue)
{
    auto r =
        fetch("<fetch><entity name='account'><attribute name='name'/><attribute name='primarycontactid'/>"
              "<filter><condition attribute='name' operator='eq' value='beta'/></filter></entity></fetch>");
    ASSERT_EQ(r.status, 200) << r.body;
    json v = js(r)["value"];
    ASSERT_EQ(v.size(), 1u) << r.body;
    EXPECT_EQ(v[0]["name"], "Beta"); // eq is case-insensitive, like SQL
    EXPECT_TRUE(v[0].contains("_primarycontactid_value")) << r.body;
    EXPECT_TRUE(v[0].contains("accountid")) << r.body;
    EXPECT_FALSE(v[0].contains("numberofemployees")) << r.body;
    EXPECT_FALSE(v[0].contains("primarycontactid")) << r.body;

    auto all =
        fetch("<fetch><entity name='account'><all-attributes/>"
              "<filter><condition attribute='name' operator='eq' value='Beta'/></filter></entity></fetch>");
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(js(all)["value"][0].value("numberofemployees", -1), 20) << all.body;
}

TEST_F(ServiceFetchXml, PagingReturnsPagesCookieAndMoreRecords)
{
    const std::string head = "<fetch count='2' page='";
    const std::string tail = "'><entity name='account'><attribute name='name'/><order attribute='name'/>"
                             "</entity></fetch>";
    auto p1 = fetch(head + "1" + tail);
    ASSERT_EQ(p1.status, 200) << p1.body;
    EXPECT_EQ(names(p1), (std::vector<std::string>{"Alpha", "Alphabet"}));
    json j1 = js(p1);
    EXPECT_EQ(j1.value("@Microsoft.Dynamics.CRM.morerecords", false), true) << p1.body;
    std::string cookie = j1.value("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie", std::string());
    EXPECT_NE(cookie.find("pagenumber=\"2\""), std::string::npos) << cookie;

    auto p2 = fetch(head + "2" + tail);
    EXPECT_EQ(names(p2), (std::vector<std::string>{"Beta", "Delta"}));
    auto p3 = fetch(head + "3" + tail);
    EXPECT_EQ(names(p3), (std::vector<std::string>{"Gamma"}));
    json j3 = js(p3);
    EXPECT_EQ(j3.value("@Microsoft.Dynamics.CRM.morerecords", true), false) << p3.body;
    EXPECT_FALSE(j3.contains("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie")) << p3.body;

    auto counted = fetch("<fetch returntotalrecordcount='true' count='1'><entity name='account'>"
                         "<attribute name='name'/></entity></fetch>");
    EXPECT_EQ(js(counted).value("@Microsoft.Dynamics.CRM.totalrecordcount", -1), 5) << counted.body;
}

TEST_F(ServiceFetchXml, InLikeNullAndNestedOrFilters)
{
    const std::string pre = "<fetch><entity name='account'><attribute name='name'/><order attribute='name'/>";
    const std::string post = "</entity></fetch>";
    auto in =
        fetch(pre +
              "<filter><condition attribute='name' operator='in'><value>Beta</value><value>Gamma</value>"
              "<value>Nope</value></condition></filter>" +
              post);
    EXPECT_EQ(names(in), (std::vector<std::string>{"Beta", "Gamma"})) << in.body;

    auto like =
        fetch(pre + "<filter><condition attribute='name' operator='like' value='alpha%'/></filter>" + post);
    EXPECT_EQ(names(like), (std::vector<std::string>{"Alpha", "Alphabet"})) << like.body;
    auto like2 =
        fetch(pre + "<filter><condition attribute='name' operator='like' value='%t_'/></filter>" + post);
    EXPECT_EQ(names(like2), (std::vector<std::string>{"Beta", "Delta"})) << like2.body;

    auto isNull =
        fetch(pre + "<filter><condition attribute='numberofemployees' operator='null'/></filter>" + post);
    EXPECT_EQ(names(isNull), (std::vector<std::string>{"Delta"})) << isNull.body;
    auto notNull =
        fetch(pre + "<filter><condition attribute='numberofemployees' operator='not-null'/></filter>" + post);
    EXPECT_EQ(names(notNull).size(), 4u) << notNull.body;
    // ne does not match a null column (SQL semantics)
    auto ne = fetch(
        pre + "<filter><condition attribute='numberofemployees' operator='ne' value='10'/></filter>" + post);
    EXPECT_EQ(names(ne), (std::vector<std::string>{"Alphabet", "Beta", "Gamma"})) << ne.body;

    auto nested =
        fetch(pre +
              "<filter type='or'><condition attribute='name' operator='eq' value='Delta'/>"
              "<filter type='and'><condition attribute='numberofemployees' operator='gt' value='10'/>"
              "<condition attribute='numberofemployees' operator='lt' value='40'/></filter></filter>" +
              post);
    EXPECT_EQ(names(nested), (std::vector<std::string>{"Beta", "Delta", "Gamma"})) << nested.body;
}

TEST_F(ServiceFetchXml, MalformedOrUnknownFetchXmlIs400)
{
    for (const std::string &bad :
         {std::string("<fetch><entity name='account'></fetch>"), std::string("not xml at all"),
          std::string("<fetch><entity name='account'><attribute name='nosuch'/></entity></fetch>"),
          std::string("<fetch><entity name='account'><filter><condition attribute='name' "
                      "operator='eq'/></filter></entity></fetch>"),
          std::string("<fetch top='1' count='2'><entity name='account'/></fetch>")}) {
        auto r = fetch(bad);
        EXPECT_EQ(r.status, 400) << bad << " -> " << r.body;
        json j = js(r);
        ASSERT_TRUE(j.is_object() && j.contains("error")) << r.body;
        EXPECT_EQ(j["error"]["code"], "0x80041103") << r.body;
        EXPECT_NE(j["error"]["message"].get<std::string>().find("FetchXML"), std::string::npos) << r.body;
    }
}

TEST_F(ServiceFetchXml, GetTimeZoneCodeByLocalizedNameWithAliasesAndLiterals)
{
    auto r = s_emu->api("GET", "GetTimeZoneCodeByLocalizedName(LocalizedStandardName=@p1,LocaleId=@p2)"
                               "?@p1=%27Pacific%20Standard%20Time%27&@p2=1033");
    ASSERT_EQ(r.status, 200) << r.body;
    json j = js(r);
    EXPECT_EQ(j.value("TimeZoneCode", -1), 4) << r.body;
    EXPECT_NE(j.value("@odata.context", std::string()).find("GetTimeZoneCodeByLocalizedNameResponse"),
              std::string::npos);
    auto w = s_emu->api(
        "GET", "GetTimeZoneCodeByLocalizedName(LocalizedStandardName='W.%20Europe%20Standard%20Time',"
               "LocaleId=1033)");
    EXPECT_EQ(js(w).value("TimeZoneCode", -1), 110) << w.body;
    auto unknown = s_emu->api("GET", "GetTimeZoneCodeByLocalizedName(LocalizedStandardName=@p1,LocaleId=@p2)"
                                     "?@p1=%27Mars%20Time%27&@p2=1033");
    EXPECT_EQ(unknown.status, 400) << unknown.body;
}

TEST_F(ServiceFetchXml, RetrieveUserPrivilegesForKnownAndUnknownUser)
{
    auto r = s_emu->api("GET", "systemusers(00000000-0000-0000-0000-0000000000a1)/"
                               "Microsoft.Dynamics.CRM.RetrieveUserPrivileges()");
    ASSERT_EQ(r.status, 200) << r.body;
    json j = js(r);
    EXPECT_NE(j.value("@odata.context", std::string()).find("RetrieveUserPrivilegesResponse"),
              std::string::npos);
    ASSERT_TRUE(j["RolePrivileges"].is_array() && !j["RolePrivileges"].empty()) << r.body;
    std::set<std::string> privNames;
    for (const auto &p : j["RolePrivileges"]) {
        EXPECT_EQ(p["Depth"], "Global");
        EXPECT_EQ(p["BusinessUnitId"], "00000000-0000-0000-0000-0000000000b1");
        EXPECT_EQ(p["PrivilegeId"].get<std::string>().size(), 36u);
        privNames.insert(p["PrivilegeName"].get<std::string>());
    }
    EXPECT_TRUE(privNames.count("prvCreateAccount")) << r.body;
    EXPECT_TRUE(privNames.count("prvReadContact")) << r.body;

    auto missing = s_emu->api("GET", "systemusers(00000000-0000-0000-0000-00000000dead)/"
                                     "Microsoft.Dynamics.CRM.RetrieveUserPrivileges()");
    EXPECT_EQ(missing.status, 404) << missing.body;
}

} // namespace
