// Thread: the test's thread. Metadata endpoints of ferry-emulator over real HTTP: EntityDefinitions
// with $select/$filter/$expand, typed attribute casts, keys, relationships, option sets, $metadata.

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

class ServiceMetadata : public ferry::test::ServiceTest<ServiceMetadata>
{};

TEST_F(ServiceMetadata, EntityDefinitionsSelectFilterExpand)
{
    auto r = api("GET", "EntityDefinitions?$select=LogicalName,EntitySetName");
    ASSERT_EQ(r.status, 200) << r.body;
    json j = js(r);
    EXPECT_NE(
        j["@odata.context"].get<std::string>().find("$metadata#EntityDefinitions(LogicalName,EntitySetName)"),
        std::string::npos);
    ASSERT_EQ(j["value"].size(), 4u);
    EXPECT_TRUE(j["value"][0].contains("MetadataId"));
    EXPECT_FALSE(j["value"][0].contains("PrimaryIdAttribute"));
    json f = js(api("GET", "EntityDefinitions?$select=LogicalName&$filter=LogicalName%20eq%20'account'%20or%"
                           "20LogicalName%20eq%20'contact'"));
    EXPECT_EQ(f["value"].size(), 2u);
    json c = js(api(
        "GET",
        "EntityDefinitions?$select=LogicalName,EntitySetName&$filter=IsCustomizable%2FValue%20eq%20true"));
    EXPECT_EQ(c["value"].size(), 2u);
    json e =
        js(api("GET", "EntityDefinitions(LogicalName='account')?$select=LogicalName,PrimaryIdAttribute&$"
                      "expand=Attributes($select=LogicalName,AttributeType;$filter=AttributeType%20eq%"
                      "20Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'),Keys($select=KeyAttributes)"));
    EXPECT_EQ(e["PrimaryIdAttribute"], "accountid");
    ASSERT_EQ(e["Attributes"].size(), 1u);
    EXPECT_EQ(e["Attributes"][0]["LogicalName"], "industrycode");
    EXPECT_EQ(e["Keys"][0]["KeyAttributes"][0], "accountnumber");
    json byId = js(api("GET", "EntityDefinitions(70816501-edb9-4740-a16c-6a5efbc05d84)?$select=LogicalName"));
    EXPECT_EQ(byId["LogicalName"], "account");
    EXPECT_EQ(api("GET", "EntityDefinitions(LogicalName='nosuch')").status, 404);
    json otc = js(api("GET", "EntityDefinitions(LogicalName='account')?$select=ObjectTypeCode"));
    EXPECT_EQ(otc["ObjectTypeCode"], 1);
}

TEST_F(ServiceMetadata, AttributesAndTypedCasts)
{
    json all = js(api("GET", "EntityDefinitions(LogicalName='account')/Attributes?$select=LogicalName"));
    EXPECT_GT(all["value"].size(), 10u);
    EXPECT_TRUE(all["value"][0].contains("@odata.type"));
    json str = js(api("GET", "EntityDefinitions(LogicalName='account')/Attributes/"
                             "Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength"));
    std::set<std::string> names;
    for (const auto &a : str["value"])
        names.insert(a["LogicalName"]);
    EXPECT_EQ(names, (std::set<std::string>{"name", "accountnumber", "telephone1"}));
    json one = js(api("GET", "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='name')/"
                             "Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength"));
    EXPECT_EQ(one["MaxLength"], 160);
    EXPECT_EQ(one["MetadataId"], "a1965545-44bc-4b7b-b1ae-93074d0e3f2a");
    json lk = js(api("GET", "EntityDefinitions(LogicalName='contact')/Attributes/"
                            "Microsoft.Dynamics.CRM.LookupAttributeMetadata?$select=LogicalName,Targets&$"
                            "filter=LogicalName%20eq%20'parentcustomerid'"));
    ASSERT_EQ(lk["value"].size(), 1u);
    EXPECT_EQ(lk["value"][0]["Targets"], json({"account", "contact"}));
    json pk = js(api("GET", "EntityDefinitions(LogicalName='account')/Attributes/"
                            "Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand="
                            "OptionSet,GlobalOptionSet"));
    ASSERT_EQ(pk["value"].size(), 1u);
    EXPECT_EQ(pk["value"][0]["OptionSet"]["Options"].size(), 3u);
    json noexp = js(api("GET", "EntityDefinitions(LogicalName='account')/Attributes/"
                               "Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName"));
    EXPECT_FALSE(noexp["value"][0].contains("OptionSet"));
    json money =
        js(api("GET", "EntityDefinitions(LogicalName='account')/Attributes/"
                      "Microsoft.Dynamics.CRM.MoneyAttributeMetadata?$select=LogicalName,Precision"));
    EXPECT_EQ(money["value"][0]["Precision"], 2);
    json req = js(api(
        "GET",
        "EntityDefinitions(LogicalName='new_project')/Attributes?$select=LogicalName&$filter=RequiredLevel/"
        "Value%20eq%20Microsoft.Dynamics.CRM.AttributeRequiredLevel'SystemRequired'"));
    ASSERT_EQ(req["value"].size(), 1u);
    EXPECT_EQ(req["value"][0]["LogicalName"], "new_name");
    // a column without @odata.type in the org file gets one inferred from AttributeType
    json inferred = js(api("GET", "EntityDefinitions(LogicalName='new_project')/Attributes/"
                                  "Microsoft.Dynamics.CRM.IntegerAttributeMetadata?$select=LogicalName"));
    ASSERT_EQ(inferred["value"].size(), 1u);
    EXPECT_EQ(inferred["value"][0]["LogicalName"], "new_priority");
}

TEST_F(ServiceMetadata, KeysAndRelationships)
{
    json keys = js(api("GET", "EntityDefinitions(LogicalName='contact')/Keys"));
    ASSERT_EQ(keys["value"].size(), 1u);
    EXPECT_EQ(keys["value"][0]["KeyAttributes"], json({"emailaddress1", "lastname"}));
    json mm = js(api("GET", "EntityDefinitions(LogicalName='account')/"
                            "ManyToManyRelationships?$select=SchemaName,Entity1NavigationPropertyName"));
    ASSERT_EQ(mm["value"].size(), 1u);
    EXPECT_EQ(mm["value"][0]["SchemaName"], "new_account_contact");
    json m1 =
        js(api("GET", "EntityDefinitions(LogicalName='contact')/"
                      "ManyToOneRelationships?$select=SchemaName,ReferencingEntityNavigationPropertyName"));
    EXPECT_EQ(m1["value"].size(), 2u);
    json o1 =
        js(api("GET", "EntityDefinitions(LogicalName='account')/OneToManyRelationships?$select=SchemaName"));
    EXPECT_EQ(o1["value"].size(), 3u);
    json rd = js(api("GET", "RelationshipDefinitions/"
                            "Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata?$select=SchemaName,"
                            "ReferencingAttribute&$filter=ReferencedEntity%20eq%20'account'"));
    EXPECT_EQ(rd["value"].size(), 3u);
    json rmm = js(api(
        "GET",
        "RelationshipDefinitions/"
        "Microsoft.Dynamics.CRM.ManyToManyRelationshipMetadata?$filter=Entity1LogicalName%20eq%20'account'"));
    EXPECT_EQ(rmm["value"].size(), 1u);
    json one = js(api("GET", "RelationshipDefinitions(SchemaName='contact_customer_accounts')"));
    EXPECT_EQ(one["ReferencingEntityNavigationPropertyName"], "parentcustomerid_account");
    json gos = js(api("GET", "GlobalOptionSetDefinitions"));
    ASSERT_EQ(gos["value"].size(), 1u);
    EXPECT_EQ(js(api("GET", "GlobalOptionSetDefinitions(Name='new_region')"))["Options"].size(), 2u);
}

TEST_F(ServiceMetadata, CsdlDocument)
{
    auto r = api("GET", "$metadata", std::string(), {"Accept: application/xml"});
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.headers["content-type"].find("application/xml"), std::string::npos);
    const std::string &x = r.body;
    EXPECT_EQ(x.rfind("<?xml", 0), 0u);
    EXPECT_NE(x.find("<EntityType Name=\"account\""), std::string::npos);
    EXPECT_NE(x.find("<PropertyRef Name=\"accountid\"/>"), std::string::npos);
    EXPECT_NE(x.find("<Property Name=\"_primarycontactid_value\" Type=\"Edm.Guid\"/>"), std::string::npos);
    EXPECT_NE(x.find("<NavigationProperty Name=\"parentcustomerid_account\" Type=\"mscrm.account\">"),
              std::string::npos);
    EXPECT_NE(x.find("OData.Community.Keys.V1.AlternateKeys"), std::string::npos);
    EXPECT_NE(x.find("PropertyPath=\"accountnumber\""), std::string::npos);
    EXPECT_NE(x.find("<EntitySet Name=\"accounts\" EntityType=\"Microsoft.Dynamics.CRM.account\">"),
              std::string::npos);
}

TEST(ServiceOrgLoading, RealMetadataSnapshotLoadsUnchanged)
{
    const std::string fixture =
        ferry::test::sourceDir() + "/../shared/fixtures/dataverse-entitydefinitions-5-tables.json";
    if (!std::ifstream(fixture))
        GTEST_SKIP() << "shared fixture not present: " << fixture;
    auto emu = EmulatorProcess::start({"--limits", "off"}, fixture);
    ASSERT_TRUE(emu);
    json ed = json::parse(emu->api("GET", "EntityDefinitions?$select=LogicalName").body);
    EXPECT_EQ(ed["value"].size(), 5u);
    // the snapshot declares several IsPrimaryId columns on contact; PrimaryIdAttribute decides
    auto r = emu->api(
        "POST", "contacts",
        json{{"fullname", "ignored?"},
             {"parentcustomerid_account@odata.bind", "/accounts(11111111-1111-1111-1111-111111111111)"}}
            .dump());
    EXPECT_EQ(r.status, 404) << r.body; // the target account does not exist
    auto a = emu->api("POST", "accounts", json{{"name", "x"}}.dump());
    EXPECT_EQ(a.status, 204) << a.body;
}

TEST(ServiceOrgLoading, BadOrgNamesFileAndJsonPath)
{
    const std::string bad = ::testing::TempDir() + "ferry_bad_org_" + std::to_string(::getpid()) + ".json";
    std::ofstream(bad) << R"({"value":[{"LogicalName":"account","Attributes":[{"LogicalName":"name"}]}]})";
    auto emu = EmulatorProcess::start({"--limits", "off"}, bad);
    EXPECT_FALSE(emu) << "an org with an untyped column must not load";
    std::remove(bad.c_str());
}

} // namespace
