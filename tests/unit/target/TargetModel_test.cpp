#include <ferry/target/TargetModel.h>

#include <gtest/gtest.h>

using namespace ferry::target;

namespace {

Entity table(const QString &name, const QString &set)
{
    Entity e;
    e.logicalName = name;
    e.entitySetName = set;
    return e;
}

} // namespace

TEST(TargetModel, AttributeTypeNamesRoundTrip)
{
    for (AttributeType t : {AttributeType::String,
                            AttributeType::Memo,
                            AttributeType::Integer,
                            AttributeType::BigInt,
                            AttributeType::Decimal,
                            AttributeType::Double,
                            AttributeType::Money,
                            AttributeType::Boolean,
                            AttributeType::DateTime,
                            AttributeType::Picklist,
                            AttributeType::MultiSelectPicklist,
                            AttributeType::State,
                            AttributeType::Status,
                            AttributeType::Lookup,
                            AttributeType::Customer,
                            AttributeType::Owner,
                            AttributeType::Uniqueidentifier,
                            AttributeType::EntityName,
                            AttributeType::Image,
                            AttributeType::File,
                            AttributeType::Virtual})
        EXPECT_EQ(attributeTypeFromName(attributeTypeName(t)), t) << attributeTypeName(t).toStdString();
    EXPECT_EQ(attributeTypeName(AttributeType::Uniqueidentifier), "Uniqueidentifier");
    EXPECT_EQ(attributeTypeFromName("Picklist"), AttributeType::Picklist);
    EXPECT_EQ(attributeTypeFromName("CalendarRules"), AttributeType::Other);
    EXPECT_EQ(attributeTypeFromName(""), AttributeType::Other);
    EXPECT_EQ(attributeTypeName(AttributeType::Other), "Other");
}

TEST(TargetModel, OptionSetFindsByValueAndLabelIgnoringCase)
{
    OptionSet set;
    set.options = {{1, "Accounting", {}, {}}, {2, "Retail", {}, {}}};
    ASSERT_NE(set.byValue(2), nullptr);
    EXPECT_EQ(set.byValue(2)->label, "Retail");
    EXPECT_EQ(set.byValue(3), nullptr);
    ASSERT_NE(set.byLabel("accOUNTing"), nullptr);
    EXPECT_EQ(set.byLabel("accOUNTing")->value, 1);
    EXPECT_EQ(set.byLabel("Account"), nullptr);
}

TEST(TargetModel, EntityFindsAttributesAndKeys)
{
    Entity e = table("account", "accounts");
    Attribute name;
    name.logicalName = "name";
    e.attributes = {name};
    AlternateKey key;
    key.logicalName = "ferry_accountnumber";
    key.attributes = {"accountnumber"};
    e.keys = {key};
    ASSERT_NE(e.attribute("name"), nullptr);
    EXPECT_EQ(e.attribute("Name"), nullptr); // logical names are lower case; no folding
    ASSERT_NE(e.key("ferry_accountnumber"), nullptr);
    EXPECT_EQ(e.key("ferry_accountnumber")->attributes, QStringList{"accountnumber"});
    EXPECT_EQ(e.key("other"), nullptr);
}

TEST(TargetModel, SortsByLogicalNameAndFindsBySetName)
{
    TargetModel model(
        {table("contact", "contacts"), table("account", "accounts"), table("ferry_track", "ferry_tracks")});
    ASSERT_EQ(model.entities().size(), 3);
    EXPECT_EQ(model.entities()[0].logicalName, "account");
    EXPECT_EQ(model.entities()[2].logicalName, "ferry_track");
    ASSERT_NE(model.entity("contact"), nullptr);
    EXPECT_EQ(model.entity("contact")->entitySetName, "contacts");
    ASSERT_NE(model.entityBySetName("ferry_tracks"), nullptr);
    EXPECT_EQ(model.entityBySetName("ferry_tracks")->logicalName, "ferry_track");
    EXPECT_EQ(model.entity("lead"), nullptr);
    EXPECT_EQ(model.entityBySetName("contact"), nullptr);
    EXPECT_FALSE(model.isEmpty());
    EXPECT_TRUE(TargetModel().isEmpty());
}

TEST(TargetModel, UpsertEntityInsertsInOrderAndReplaces)
{
    TargetModel model({table("account", "accounts"), table("contact", "contacts")});
    model.upsertEntity(table("bravo", "bravos"));
    ASSERT_EQ(model.entities().size(), 3);
    EXPECT_EQ(model.entities()[1].logicalName, "bravo");
    // Indexes follow the shift: contact moved from 1 to 2.
    ASSERT_NE(model.entity("contact"), nullptr);
    EXPECT_EQ(model.entity("contact")->logicalName, "contact");
    EXPECT_EQ(model.entityBySetName("contacts")->logicalName, "contact");
    EXPECT_EQ(model.entityBySetName("bravos")->logicalName, "bravo");

    Entity renamed = table("contact", "people");
    renamed.displayName = "Person";
    model.upsertEntity(renamed);
    ASSERT_EQ(model.entities().size(), 3);
    EXPECT_EQ(model.entity("contact")->displayName, "Person");
    EXPECT_EQ(model.entityBySetName("contacts"), nullptr);
    EXPECT_EQ(model.entityBySetName("people")->logicalName, "contact");
}

TEST(TargetModel, EqualityIgnoresFetchTimeAndOrganization)
{
    Entity a = table("account", "accounts");
    Entity b = a;
    b.fetchedAt = QDateTime::currentDateTimeUtc();
    EXPECT_EQ(a, b);
    OrganizationInfo org;
    org.uniqueName = "x";
    EXPECT_EQ(TargetModel({a}), TargetModel({b}, {}, org));
    b.attributes.append(Attribute{});
    EXPECT_NE(a, b);
}
