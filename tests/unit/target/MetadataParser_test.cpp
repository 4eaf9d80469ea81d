#include <ferry/target/Metadata.h>

#include "target/TargetTestData.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::target;
using nlohmann::json;

namespace {

TargetModel parseFile(const QString &path)
{
    auto model = parseOrg(test::readAll(path));
    EXPECT_TRUE(model.ok()) << (model.ok() ? "" : model.error().message.toStdString());
    return model.ok() ? *model : TargetModel();
}

const Attribute &attr(const TargetModel &m, const char *table, const char *column)
{
    static const Attribute none;
    const Entity *e = m.entity(table);
    EXPECT_NE(e, nullptr) << table;
    const Attribute *a = e ? e->attribute(column) : nullptr;
    EXPECT_NE(a, nullptr) << table << "." << column;
    return a ? *a : none;
}

int totalAttributes(const TargetModel &m)
{
    int n = 0;
    for (const Entity &e : m.entities())
        n += int(e.attributes.size());
    return n;
}

/// A minimal org with one table whose attributes are given.
QByteArray orgWith(const json &attributes, const json &extra = json::object())
{
    json doc = {{"value",
                 {{{"LogicalName", "new_thing"},
                   {"EntitySetName", "new_things"},
                   {"PrimaryIdAttribute", "new_thingid"},
                   {"Attributes", attributes}}}}};
    doc.update(extra);
    return QByteArray::fromStdString(doc.dump());
}

} // namespace

TEST(MetadataParser, DemoOrgTablesAndColumns)
{
    const TargetModel m = parseFile(test::demoOrgPath());
    ASSERT_EQ(m.entities().size(), 14);
    EXPECT_EQ(totalAttributes(m), 256);
    EXPECT_EQ(m.entity("account")->attributes.size(), 37);
    EXPECT_EQ(m.entity("contact")->attributes.size(), 41);
    EXPECT_EQ(m.entity("ferry_playlist_track")->attributes.size(), 6);

    const Entity &account = *m.entity("account");
    EXPECT_EQ(account.schemaName, "Account");
    EXPECT_EQ(account.entitySetName, "accounts");
    EXPECT_EQ(account.displayName, "Account");
    EXPECT_EQ(account.displayCollectionName, "Accounts");
    EXPECT_EQ(account.primaryIdAttribute, "accountid");
    EXPECT_EQ(account.primaryNameAttribute, "name");
    EXPECT_EQ(account.ownershipType, "UserOwned");
    EXPECT_EQ(account.tableType, "Standard");
    EXPECT_EQ(account.objectTypeCode, 1);
    EXPECT_FALSE(account.isCustom);
    EXPECT_TRUE(m.entity("ferry_artist")->isCustom);
    EXPECT_EQ(m.entity("ferry_artist")->objectTypeCode, 10001);
    EXPECT_TRUE(m.entity("ferry_playlist_track")->isIntersect);
    EXPECT_EQ(m.entityBySetName("ferry_playlist_trackset")->logicalName, "ferry_playlist_track");

    const Attribute &id = attr(m, "account", "accountid");
    EXPECT_EQ(id.type, AttributeType::Uniqueidentifier);
    EXPECT_TRUE(id.isPrimaryId);
    EXPECT_EQ(id.requiredLevel, RequiredLevel::SystemRequired);
    EXPECT_TRUE(id.validForCreate);
    EXPECT_FALSE(id.validForUpdate);

    const Attribute &name = attr(m, "account", "name");
    EXPECT_EQ(name.type, AttributeType::String);
    EXPECT_EQ(name.typeName, "String");
    EXPECT_EQ(name.schemaName, "Name");
    EXPECT_EQ(name.displayName, "Account Name");
    EXPECT_TRUE(name.isPrimaryName);
    EXPECT_EQ(name.requiredLevel, RequiredLevel::ApplicationRequired);
    EXPECT_EQ(name.maxLength, 160);
    EXPECT_EQ(name.format, "Text");
    EXPECT_EQ(attr(m, "account", "telephone1").format, "Phone");
    EXPECT_EQ(attr(m, "account", "emailaddress1").maxLength, 100);
    EXPECT_EQ(attr(m, "account", "description").type, AttributeType::Memo);
    EXPECT_EQ(attr(m, "account", "description").maxLength, 2000);
    EXPECT_EQ(attr(m, "ferry_track", "ferry_name").maxLength, 200);

    const Attribute &latitude = attr(m, "account", "address1_latitude");
    EXPECT_EQ(latitude.type, AttributeType::Double);
    EXPECT_EQ(latitude.precision, 5);
    EXPECT_EQ(latitude.minValue, -90.0);
    EXPECT_EQ(latitude.maxValue, 90.0);
    const Attribute &employees = attr(m, "account", "numberofemployees");
    EXPECT_EQ(employees.type, AttributeType::Integer);
    EXPECT_EQ(employees.minValue, 0.0);
    EXPECT_EQ(employees.maxValue, 1000000000.0);
    EXPECT_FALSE(employees.precision.has_value());
    const Attribute &price = attr(m, "ferry_track", "ferry_unitprice");
    EXPECT_EQ(price.type, AttributeType::Money);
    EXPECT_EQ(price.precision, 2);
    EXPECT_TRUE(price.isCustom);
    EXPECT_EQ(attr(m, "account", "versionnumber").type, AttributeType::BigInt);
    EXPECT_FALSE(attr(m, "account", "createdon").validForCreate);

    EXPECT_EQ(attr(m, "contact", "birthdate").dateTimeBehavior, DateTimeBehavior::DateOnly);
    EXPECT_EQ(attr(m, "contact", "birthdate").format, "DateOnly");
    EXPECT_EQ(attr(m, "ferry_employee", "ferry_hiredate").dateTimeBehavior,
              DateTimeBehavior::TimeZoneIndependent);
    EXPECT_EQ(attr(m, "account", "createdon").dateTimeBehavior, DateTimeBehavior::UserLocal);

    EXPECT_EQ(m.organization().organizationId, "c522335b-f68c-524a-948f-414206053a3c");
    EXPECT_EQ(m.organization().friendlyName, "Ferry Demo");
    EXPECT_EQ(m.organization().uniqueName, "ferrydemo");
    EXPECT_EQ(m.organization().environmentUrl, "https://ferrydemo.crm.dynamics.com/");
}

TEST(MetadataParser, DemoOrgLookupsWithTheirTargets)
{
    const TargetModel m = parseFile(test::demoOrgPath());
    const Attribute &customer = attr(m, "contact", "parentcustomerid");
    EXPECT_EQ(customer.type, AttributeType::Customer);
    EXPECT_TRUE(customer.isLookup());
    EXPECT_EQ(customer.targets, (QStringList{"account", "contact"}));
    const Attribute &owner = attr(m, "account", "ownerid");
    EXPECT_EQ(owner.type, AttributeType::Owner);
    EXPECT_EQ(owner.typeName, "Owner");
    EXPECT_EQ(owner.targets, (QStringList{"systemuser", "team"}));
    EXPECT_EQ(owner.requiredLevel, RequiredLevel::SystemRequired);
    const Attribute &parent = attr(m, "account", "parentaccountid");
    EXPECT_EQ(parent.type, AttributeType::Lookup);
    EXPECT_EQ(parent.targets, QStringList{"account"});
    EXPECT_FALSE(attr(m, "account", "name").isLookup());
}

TEST(MetadataParser, DemoOrgOptionSets)
{
    const TargetModel m = parseFile(test::demoOrgPath());
    const Attribute &state = attr(m, "account", "statecode");
    EXPECT_EQ(state.type, AttributeType::State);
    ASSERT_TRUE(state.optionSet.has_value());
    EXPECT_EQ(state.optionSet->name, "account_statecode");
    ASSERT_EQ(state.optionSet->options.size(), 2);
    EXPECT_EQ(state.optionSet->options[0], (OptionValue{0, "Active", std::nullopt, 1}));
    EXPECT_EQ(state.optionSet->options[1], (OptionValue{1, "Inactive", std::nullopt, 2}));

    const Attribute &status = attr(m, "account", "statuscode");
    EXPECT_EQ(status.type, AttributeType::Status);
    ASSERT_TRUE(status.optionSet.has_value());
    ASSERT_NE(status.optionSet->byValue(2), nullptr);
    EXPECT_EQ(status.optionSet->byValue(2)->state, 1);
    EXPECT_EQ(status.optionSet->byValue(2)->label, "Inactive");
    EXPECT_EQ(status.optionSet->byValue(1)->state, 0);
    EXPECT_FALSE(status.optionSet->byValue(1)->defaultStatus.has_value());

    const Attribute &hold = attr(m, "account", "creditonhold");
    EXPECT_EQ(hold.type, AttributeType::Boolean);
    ASSERT_TRUE(hold.optionSet.has_value());
    ASSERT_EQ(hold.optionSet->options.size(), 2);
    EXPECT_EQ(hold.optionSet->options[0].value, 0);
    EXPECT_EQ(hold.optionSet->options[0].label, "No");
    EXPECT_EQ(hold.optionSet->options[1].value, 1);
    EXPECT_EQ(hold.optionSet->options[1].label, "Yes");

    const Attribute &industry = attr(m, "account", "industrycode");
    ASSERT_TRUE(industry.optionSet.has_value());
    EXPECT_FALSE(industry.optionSet->isGlobal);
    EXPECT_EQ(industry.optionSet->byValue(1)->label, "Accounting");

    const Attribute &tier = attr(m, "account", "ferry_tier");
    ASSERT_TRUE(tier.optionSet.has_value());
    EXPECT_TRUE(tier.optionSet->isGlobal);
    EXPECT_EQ(tier.optionSet->name, "ferry_customertier");
    EXPECT_EQ(tier.optionSet->options.size(), 4);
    EXPECT_EQ(tier.optionSet->byLabel("gold")->value, 100000002);

    ASSERT_EQ(m.globalOptionSets().size(), 2);
    EXPECT_EQ(m.globalOptionSets()[0].name, "ferry_customertier");
    EXPECT_TRUE(m.globalOptionSets()[0].isGlobal);
    EXPECT_EQ(m.globalOptionSets()[1].name, "ferry_region");
    EXPECT_EQ(m.globalOptionSets()[1].options.size(), 5);
}

TEST(MetadataParser, DemoOrgKeysAndRelationships)
{
    const TargetModel m = parseFile(test::demoOrgPath());
    const Entity &contact = *m.entity("contact");
    ASSERT_EQ(contact.keys.size(), 3);
    const AlternateKey *composite = contact.key("ferry_emailaddress1_lastname");
    ASSERT_NE(composite, nullptr);
    EXPECT_EQ(composite->attributes, (QStringList{"emailaddress1", "lastname"}));
    EXPECT_EQ(composite->indexStatus, "Active");
    EXPECT_EQ(m.entity("account")->key("ferry_accountnumber")->attributes, QStringList{"accountnumber"});
    EXPECT_TRUE(m.entity("team")->keys.isEmpty());

    QStringList manyToOne;
    for (const OneToManyRelationship &r : contact.manyToOne)
        manyToOne << r.schemaName;
    EXPECT_EQ(manyToOne, (QStringList{"contact_customer_accounts", "contact_customer_contacts",
                                      "ferry_contact_supportrepid", "lk_contact_createdby",
                                      "lk_contact_modifiedby", "owner_contacts"}));
    const OneToManyRelationship &customerAccounts = contact.manyToOne[0];
    EXPECT_EQ(customerAccounts.referencedEntity, "account");
    EXPECT_EQ(customerAccounts.referencedAttribute, "accountid");
    EXPECT_EQ(customerAccounts.referencingEntity, "contact");
    EXPECT_EQ(customerAccounts.referencingAttribute, "parentcustomerid");
    EXPECT_EQ(customerAccounts.referencingNavigationProperty, "parentcustomerid_account");

    QStringList oneToMany;
    for (const OneToManyRelationship &r : m.entity("account")->oneToMany)
        oneToMany << r.schemaName;
    EXPECT_EQ(oneToMany, (QStringList{"account_parent_account", "contact_customer_accounts"}));

    for (const char *side : {"ferry_playlist", "ferry_track"}) {
        const Entity &e = *m.entity(side);
        ASSERT_EQ(e.manyToMany.size(), 1) << side;
        const ManyToManyRelationship &nn = e.manyToMany[0];
        EXPECT_EQ(nn.schemaName, "ferry_playlist_track");
        EXPECT_EQ(nn.entity1, "ferry_playlist");
        EXPECT_EQ(nn.entity2, "ferry_track");
        EXPECT_EQ(nn.intersectEntity, "ferry_playlist_track");
        EXPECT_EQ(nn.entity1IntersectAttribute, "ferry_playlistid");
        EXPECT_EQ(nn.entity2IntersectAttribute, "ferry_trackid");
        EXPECT_EQ(nn.entity1NavigationProperty, "ferry_playlist_track");
    }
    EXPECT_TRUE(m.entity("account")->manyToMany.isEmpty());
}

TEST(MetadataParser, TestOrgRelationshipsFromRelationshipDefinitionsOnly)
{
    // test-org.json has no per-table relationship collections: the top-level list is all there is.
    const TargetModel m = parseFile(test::testDataPath("test-org.json"));
    ASSERT_EQ(m.entities().size(), 4);
    EXPECT_EQ(totalAttributes(m), 18 + 14 + 12 + 2);
    ASSERT_EQ(m.entity("account")->manyToMany.size(), 1);
    EXPECT_EQ(m.entity("account")->manyToMany[0].schemaName, "new_account_contact");
    ASSERT_EQ(m.entity("contact")->manyToMany.size(), 1);
    ASSERT_EQ(m.entity("new_project")->manyToOne.size(), 1);
    EXPECT_EQ(m.entity("new_project")->manyToOne[0].referencingNavigationProperty, "new_AccountId");

    const Attribute &name = attr(m, "new_project", "new_name");
    EXPECT_EQ(name.requiredLevel, RequiredLevel::SystemRequired);
    EXPECT_EQ(name.maxLength, 100);
    const Attribute &budget = attr(m, "new_project", "new_budget");
    EXPECT_EQ(budget.type, AttributeType::Decimal);
    EXPECT_EQ(budget.minValue, 0.0);
    EXPECT_EQ(budget.maxValue, 1000000.0);
    // No @odata.type and no IsValidFor*: the type comes from AttributeType, validity defaults to valid.
    const Attribute &priority = attr(m, "new_project", "new_priority");
    EXPECT_EQ(priority.type, AttributeType::Integer);
    EXPECT_TRUE(priority.validForCreate);
    EXPECT_EQ(attr(m, "contact", "parentcustomerid").targets, (QStringList{"account", "contact"}));
    EXPECT_EQ(m.entity("account")->key("accountnumber_key")->attributes, QStringList{"accountnumber"});
    ASSERT_EQ(m.globalOptionSets().size(), 1);
    EXPECT_EQ(m.globalOptionSets()[0].name, "new_region");
    EXPECT_TRUE(m.globalOptionSets()[0].isGlobal);  // the file does not say IsGlobal; the collection does
    EXPECT_EQ(m.organization().environmentUrl, ""); // no @odata.context
    EXPECT_EQ(m.entity("account")->displayName, "account"); // no DisplayName: the logical name
}

TEST(MetadataParser, WideOrgGlobalChoice)
{
    const TargetModel m = parseFile(test::testDataPath("org-wide.json"));
    ASSERT_EQ(m.entities().size(), 3);
    EXPECT_EQ(m.entity("ferry_widerecord")->attributes.size(), 47);
    const Attribute &choice = attr(m, "ferry_widerecord", "ferry_choice03");
    ASSERT_TRUE(choice.optionSet.has_value());
    EXPECT_TRUE(choice.optionSet->isGlobal);
    EXPECT_EQ(choice.optionSet->name, "ferry_region");
    EXPECT_EQ(choice.optionSet->options, m.globalOptionSets()[0].options);
}

TEST(MetadataParser, GlobalOptionSetReferenceIsResolvedByName)
{
    const json globals = {{"GlobalOptionSetDefinitions",
                           {{{"Name", "new_region"},
                             {"IsGlobal", true},
                             {"Options",
                              {{{"Value", 1}, {"Label", {{"UserLocalizedLabel", {{"Label", "North"}}}}}},
                               {{"Value", 2}, {"Label", {{"LocalizedLabels", {{{"Label", "South"}}}}}}}}}}}}};
    // A bare reference in OptionSet, and the GlobalOptionSet expand with OptionSet null.
    const json attributes = {
        {{"LogicalName", "new_region"},
         {"AttributeType", "Picklist"},
         {"OptionSet", {{"Name", "new_region"}, {"IsGlobal", true}}}},
        {{"LogicalName", "new_region2"},
         {"AttributeType", "Picklist"},
         {"OptionSet", nullptr},
         {"GlobalOptionSet", {{"Name", "new_region"}, {"Options", {{{"Value", 7}}}}}}},
        {{"LogicalName", "new_tags"},
         {"AttributeType", "Virtual"},
         {"AttributeTypeName", {{"Value", "MultiSelectPicklistType"}}},
         {"OptionSet",
          {{"Options", {{{"Value", 5}, {"Label", {{"UserLocalizedLabel", {{"Label", "Five"}}}}}}}}}}}};
    auto model = parseOrg(orgWith(attributes, globals));
    ASSERT_TRUE(model.ok()) << model.error().message.toStdString();
    const Entity &e = *model->entity("new_thing");
    const Attribute &region = *e.attribute("new_region");
    ASSERT_TRUE(region.optionSet.has_value());
    EXPECT_TRUE(region.optionSet->isGlobal);
    ASSERT_EQ(region.optionSet->options.size(), 2);
    EXPECT_EQ(region.optionSet->options[1], (OptionValue{2, "South", std::nullopt, std::nullopt}));
    const Attribute &region2 = *e.attribute("new_region2");
    ASSERT_TRUE(region2.optionSet.has_value());
    EXPECT_TRUE(region2.optionSet->isGlobal);
    EXPECT_EQ(region2.optionSet->options.size(), 1);
    const Attribute &tags = *e.attribute("new_tags");
    EXPECT_EQ(tags.type, AttributeType::MultiSelectPicklist);
    EXPECT_EQ(tags.typeName, "Virtual");
    EXPECT_EQ(tags.optionSet->byValue(5)->label, "Five");

    // Without the definitions the reference cannot be resolved: an error naming table and column.
    auto missing = parseOrg(orgWith(attributes));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "metadata.invalid");
    EXPECT_TRUE(missing.error().message.contains("'new_thing'")) << missing.error().message.toStdString();
    EXPECT_TRUE(missing.error().message.contains("'new_region'")) << missing.error().message.toStdString();
}

TEST(MetadataParser, ParseEntityUsesItsOwnRelationshipCollections)
{
    const json doc = json::parse(test::readAll(test::demoOrgPath()).toStdString());
    json contact;
    for (const json &e : doc["value"])
        if (e["LogicalName"] == "contact")
            contact = e;
    auto e = parseEntity(contact);
    ASSERT_TRUE(e.ok()) << e.error().message.toStdString();
    EXPECT_EQ(e->logicalName, "contact");
    EXPECT_EQ(e->attributes.size(), 41);
    EXPECT_EQ(e->manyToOne.size(), 6);
    EXPECT_EQ(*e, *parseFile(test::demoOrgPath()).entity("contact"));
}

TEST(MetadataParser, InvalidJsonNamesWhatIsWrong)
{
    auto notJson = parseOrg("{\"value\": [");
    ASSERT_FALSE(notJson.ok());
    EXPECT_EQ(notJson.error().code, "metadata.invalid");

    auto noValue = parseOrg("{\"values\": []}");
    ASSERT_FALSE(noValue.ok());
    EXPECT_EQ(noValue.error().code, "metadata.invalid");

    auto badLength =
        parseOrg(orgWith({{{"LogicalName", "new_code"}, {"AttributeType", "String"}, {"MaxLength", "20"}}}));
    ASSERT_FALSE(badLength.ok());
    EXPECT_EQ(badLength.error().code, "metadata.invalid");
    EXPECT_TRUE(badLength.error().message.contains("table 'new_thing', column 'new_code'"))
        << badLength.error().message.toStdString();
    EXPECT_TRUE(badLength.error().message.contains("MaxLength")) << badLength.error().message.toStdString();

    auto badOption = parseOrg(orgWith({{{"LogicalName", "new_kind"},
                                        {"AttributeType", "Picklist"},
                                        {"OptionSet", {{"Options", {{{"Label", nullptr}}}}}}}}));
    ASSERT_FALSE(badOption.ok());
    EXPECT_TRUE(badOption.error().message.contains("column 'new_kind'"))
        << badOption.error().message.toStdString();
    EXPECT_TRUE(badOption.error().message.contains("Options[0].Value"))
        << badOption.error().message.toStdString();

    auto noType = parseOrg(orgWith({{{"LogicalName", "new_what"}}}));
    ASSERT_FALSE(noType.ok());
    EXPECT_TRUE(noType.error().message.contains("column 'new_what'")) << noType.error().message.toStdString();

    auto attrsNotArray = parseOrg(orgWith(json::object()));
    ASSERT_FALSE(attrsNotArray.ok());
    EXPECT_TRUE(attrsNotArray.error().message.contains("table 'new_thing'"));

    auto noName = parseOrg(R"({"value": [{"EntitySetName": "things"}]})");
    ASSERT_FALSE(noName.ok());
    EXPECT_TRUE(noName.error().message.contains("LogicalName"));

    auto twice = parseOrg(R"({"value": [{"LogicalName": "a"}, {"LogicalName": "a"}]})");
    ASSERT_FALSE(twice.ok());
    EXPECT_TRUE(twice.error().message.contains("'a' is defined twice"));

    auto badKey =
        parseOrg(R"({"value": [{"LogicalName": "a", "Keys": [{"LogicalName": "k", "KeyAttributes": []}]}]})");
    ASSERT_FALSE(badKey.ok());
    EXPECT_TRUE(badKey.error().message.contains("key 'k' has no KeyAttributes"));

    auto badEntity = parseEntity(json::array());
    ASSERT_FALSE(badEntity.ok());
    EXPECT_EQ(badEntity.error().code, "metadata.invalid");
}
