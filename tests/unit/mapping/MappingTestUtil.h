#pragma once
// Test helpers for tests/unit/mapping: a small target model built in code and one-row mapping.

#include "source/SourceTestData.h" // PrintTo(QString) for readable failures

#include <ferry/mapping/RowMapper.h>
#include <ferry/target/TargetModel.h>

#include <gtest/gtest.h>

#include <QFile>

namespace ferry::mapping::testutil {

inline target::Attribute attr(const QString &name, target::AttributeType type)
{
    target::Attribute a;
    a.logicalName = name;
    a.schemaName = name;
    a.displayName = name;
    a.type = type;
    a.typeName = target::attributeTypeName(type);
    a.validForCreate = true;
    a.validForUpdate = true;
    a.validForRead = true;
    a.isCustom = true;
    return a;
}

inline target::OptionSet options(std::initializer_list<std::pair<int, const char *>> list)
{
    target::OptionSet s;
    for (const auto &[v, l] : list)
        s.options.append({v, QString::fromUtf8(l), std::nullopt, std::nullopt});
    return s;
}

/// "test_thing" (set test_things) with one column of each type, key test_code (String) and key test_number
/// (Integer); "test_parent" with key test_parentnumber; "account"/"contact" for polymorphic lookups.
inline target::TargetModel model()
{
    using T = target::AttributeType;
    target::Entity thing;
    thing.logicalName = QStringLiteral("test_thing");
    thing.entitySetName = QStringLiteral("test_things");
    thing.primaryIdAttribute = QStringLiteral("test_thingid");
    thing.primaryNameAttribute = QStringLiteral("test_name");
    thing.ownershipType = QStringLiteral("UserOwned");
    auto id = attr(QStringLiteral("test_thingid"), T::Uniqueidentifier);
    id.isPrimaryId = true;
    id.requiredLevel = target::RequiredLevel::SystemRequired;
    thing.attributes.append(id);
    auto name = attr(QStringLiteral("test_name"), T::String);
    name.maxLength = 20;
    name.requiredLevel = target::RequiredLevel::ApplicationRequired;
    thing.attributes.append(name);
    auto code = attr(QStringLiteral("test_code"), T::String);
    code.maxLength = 50;
    thing.attributes.append(code);
    auto must = attr(QStringLiteral("test_must"), T::String);
    must.maxLength = 50;
    must.requiredLevel = target::RequiredLevel::SystemRequired;
    thing.attributes.append(must);
    auto number = attr(QStringLiteral("test_number"), T::Integer);
    number.minValue = 0;
    number.maxValue = 1000;
    thing.attributes.append(number);
    auto big = attr(QStringLiteral("test_big"), T::BigInt);
    thing.attributes.append(big);
    auto amount = attr(QStringLiteral("test_amount"), T::Money);
    amount.minValue = 0;
    amount.maxValue = 1000000;
    amount.precision = 2;
    thing.attributes.append(amount);
    auto ratio = attr(QStringLiteral("test_ratio"), T::Double);
    ratio.minValue = -1;
    ratio.maxValue = 1;
    thing.attributes.append(ratio);
    auto dec = attr(QStringLiteral("test_decimal"), T::Decimal);
    thing.attributes.append(dec);
    auto flag = attr(QStringLiteral("test_flag"), T::Boolean);
    flag.optionSet = options({{0, "No"}, {1, "Yes"}});
    thing.attributes.append(flag);
    auto local = attr(QStringLiteral("test_local"), T::DateTime);
    local.dateTimeBehavior = target::DateTimeBehavior::UserLocal;
    thing.attributes.append(local);
    auto day = attr(QStringLiteral("test_day"), T::DateTime);
    day.dateTimeBehavior = target::DateTimeBehavior::DateOnly;
    thing.attributes.append(day);
    auto tzi = attr(QStringLiteral("test_tzi"), T::DateTime);
    tzi.dateTimeBehavior = target::DateTimeBehavior::TimeZoneIndependent;
    thing.attributes.append(tzi);
    auto color = attr(QStringLiteral("test_color"), T::Picklist);
    color.optionSet = options({{100000000, "Red"}, {100000001, "Green"}, {100000002, "Blue"}});
    thing.attributes.append(color);
    auto tags = attr(QStringLiteral("test_tags"), T::MultiSelectPicklist);
    tags.optionSet = options({{1, "A"}, {2, "B"}, {3, "C"}});
    thing.attributes.append(tags);
    auto notes = attr(QStringLiteral("test_notes"), T::Memo);
    notes.maxLength = 2000;
    thing.attributes.append(notes);
    auto ext = attr(QStringLiteral("test_externalid"), T::Uniqueidentifier);
    thing.attributes.append(ext);
    auto fixed = attr(QStringLiteral("test_fixed"), T::String);
    fixed.validForCreate = false;
    fixed.validForUpdate = false;
    thing.attributes.append(fixed);
    auto parent = attr(QStringLiteral("test_parentid"), T::Lookup);
    parent.targets = {QStringLiteral("test_parent")};
    thing.attributes.append(parent);
    auto self = attr(QStringLiteral("test_previousid"), T::Lookup);
    self.targets = {QStringLiteral("test_thing")};
    thing.attributes.append(self);
    auto customer = attr(QStringLiteral("test_customerid"), T::Customer);
    customer.targets = {QStringLiteral("account"), QStringLiteral("contact")};
    thing.attributes.append(customer);
    auto owner = attr(QStringLiteral("ownerid"), T::Owner);
    owner.targets = {QStringLiteral("systemuser"), QStringLiteral("team")};
    owner.requiredLevel = target::RequiredLevel::SystemRequired;
    thing.attributes.append(owner);
    auto state = attr(QStringLiteral("statecode"), T::State);
    state.requiredLevel = target::RequiredLevel::SystemRequired;
    state.optionSet = options({{0, "Active"}, {1, "Inactive"}});
    thing.attributes.append(state);
    thing.keys.append({QStringLiteral("test_code_key"),
                       QStringLiteral("test_code_key"),
                       {QStringLiteral("test_code")},
                       QStringLiteral("Active")});
    thing.keys.append({QStringLiteral("test_number_key"),
                       QStringLiteral("test_number_key"),
                       {QStringLiteral("test_number")},
                       QStringLiteral("Active")});
    thing.manyToOne.append({QStringLiteral("test_parent_thing"), QStringLiteral("test_parent"),
                            QStringLiteral("test_parentid"), QStringLiteral("test_thing"),
                            QStringLiteral("test_parentid"), QStringLiteral("test_ParentId")});
    thing.manyToOne.append({QStringLiteral("test_thing_previous"), QStringLiteral("test_thing"),
                            QStringLiteral("test_thingid"), QStringLiteral("test_thing"),
                            QStringLiteral("test_previousid"), QStringLiteral("test_PreviousId")});
    thing.manyToOne.append({QStringLiteral("test_customer_account"), QStringLiteral("account"),
                            QStringLiteral("accountid"), QStringLiteral("test_thing"),
                            QStringLiteral("test_customerid"), QStringLiteral("test_customerid_account")});
    thing.manyToOne.append({QStringLiteral("test_customer_contact"), QStringLiteral("contact"),
                            QStringLiteral("contactid"), QStringLiteral("test_thing"),
                            QStringLiteral("test_customerid"), QStringLiteral("test_customerid_contact")});
    thing.manyToOne.append({QStringLiteral("owner_test_things"), QStringLiteral("owner"),
                            QStringLiteral("ownerid"), QStringLiteral("test_thing"),
                            QStringLiteral("ownerid"), QStringLiteral("ownerid")});

    target::Entity parentE;
    parentE.logicalName = QStringLiteral("test_parent");
    parentE.entitySetName = QStringLiteral("test_parents");
    parentE.primaryIdAttribute = QStringLiteral("test_parentid");
    parentE.attributes.append(attr(QStringLiteral("test_parentid"), T::Uniqueidentifier));
    auto pn = attr(QStringLiteral("test_parentnumber"), T::Integer);
    parentE.attributes.append(pn);
    auto pname = attr(QStringLiteral("test_name"), T::String);
    pname.maxLength = 100;
    parentE.attributes.append(pname);
    parentE.keys.append({QStringLiteral("test_parentnumber"),
                         QStringLiteral("test_parentnumber"),
                         {QStringLiteral("test_parentnumber")},
                         QStringLiteral("Active")});

    target::Entity account;
    account.logicalName = QStringLiteral("account");
    account.entitySetName = QStringLiteral("accounts");
    account.primaryIdAttribute = QStringLiteral("accountid");
    auto an = attr(QStringLiteral("accountnumber"), T::String);
    an.maxLength = 20;
    account.attributes.append(an);
    account.keys.append({QStringLiteral("ferry_accountnumber"), {}, {QStringLiteral("accountnumber")}, {}});

    target::Entity contact;
    contact.logicalName = QStringLiteral("contact");
    contact.entitySetName = QStringLiteral("contacts");
    contact.primaryIdAttribute = QStringLiteral("contactid");
    auto email = attr(QStringLiteral("emailaddress1"), T::String);
    email.maxLength = 100;
    contact.attributes.append(email);
    contact.keys.append({QStringLiteral("ferry_emailaddress1"), {}, {QStringLiteral("emailaddress1")}, {}});

    return target::TargetModel({thing, parentE, account, contact});
}

inline ColumnInfo column(const QString &name, ValueType type = ValueType::Text)
{
    ColumnInfo c;
    c.name = name;
    c.type = type;
    return c;
}

/// A mapping of test_thing by the key test_code (the code column "code" feeds it) plus one field under test.
inline Mapping thingMapping(const FieldMap &field, Operation op = Operation::Upsert)
{
    Mapping m;
    m.name = QStringLiteral("things");
    m.source.source = QStringLiteral("src");
    m.source.table = QStringLiteral("Things");
    m.targetEntity = QStringLiteral("test_thing");
    m.operation = op;
    m.keyStrategy = KeyStrategy::AlternateKey;
    m.alternateKey = QStringLiteral("test_code_key");
    m.fields.append(FieldMap{QStringLiteral("test_code"), {QStringLiteral("code")}, {}, false, {}});
    m.fields.append(field);
    return m;
}

/// Maps one row: columns "code" (="K1") and "a", "b", "c" (the given values).
struct OneRow
{
    bool compiled = false;
    QString compileError;
    MappedRow row;
    QString payload() const { return QString::fromUtf8(row.payload); }
    const ValueIssue *issue() const { return row.issues.isEmpty() ? nullptr : &row.issues.first(); }
};

inline OneRow mapOne(const FieldMap &field, const QVector<Value> &values, const MapOptions &options = {},
                     const QString &timeZone = QStringLiteral("UTC"))
{
    Mapping m = thingMapping(field);
    m.sourceTimeZone = timeZone;
    QList<ColumnInfo> cols = {column(QStringLiteral("code")), column(QStringLiteral("a")),
                              column(QStringLiteral("b")), column(QStringLiteral("c"))};
    OneRow r;
    auto mapper = RowMapper::compile(m, model(), cols, options);
    if (!mapper) {
        r.compileError = mapper.error().message;
        return r;
    }
    r.compiled = true;
    QVector<Value> row = {Value::fromText(QStringLiteral("K1"))};
    row += values;
    while (row.size() < 4)
        row.append(Value());
    (*mapper)->map(row, r.row);
    return r;
}

inline TransformSpec step(const char *op, nlohmann::json params = nlohmann::json::object())
{
    return TransformSpec{QString::fromLatin1(op), std::move(params)};
}

inline FieldMap field(const char *target, QStringList sources, QList<TransformSpec> transforms = {})
{
    return FieldMap{QString::fromLatin1(target), std::move(sources), std::move(transforms), false, {}};
}

/// The payload prefix every test_thing row starts with (bulk upsert by test_code = 'K1').
inline QString prefix()
{
    return QStringLiteral(
        R"j({"@odata.type":"Microsoft.Dynamics.CRM.test_thing","@odata.id":"test_things(test_code='K1')")j");
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

} // namespace ferry::mapping::testutil
