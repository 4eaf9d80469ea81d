// Static validation of mappings against the target model and the source catalog (with profiles).

#include "mapping/MappingTestUtil.h"

#include <ferry/mapping/Validation.h>

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::mapping;
using namespace ferry::mapping::testutil;

namespace {

QStringList codes(const QList<MappingIssue> &issues, Severity severity)
{
    QStringList out;
    for (const MappingIssue &i : issues)
        if (i.severity == severity)
            out.append(i.code + QLatin1Char(':') + i.column);
    out.sort();
    return out;
}

CatalogTable sourceTable()
{
    CatalogTable t;
    t.name = QStringLiteral("Things");
    t.primaryKey = {QStringLiteral("code")};
    auto col = [&](const char *name, ValueType type, int length = -1) {
        CatalogColumn c;
        c.info.name = QString::fromLatin1(name);
        c.info.type = type;
        c.info.length = length;
        t.columns.append(c);
        return &t.columns.last();
    };
    col("code", ValueType::Text, 50);
    CatalogColumn *name = col("name", ValueType::Text, 100);
    ColumnProfile p;
    p.rows = 10;
    p.longestText = 35;
    name->profile = p;
    col("born", ValueType::Date);
    col("count", ValueType::Int);
    col("label", ValueType::Text, 10);
    CatalogColumn *color = col("color", ValueType::Text, 10);
    ColumnProfile cp;
    cp.rows = 10;
    cp.topValues = {
        {QStringLiteral("Red"), 5}, {QStringLiteral("Mauve"), 3}, {QStringLiteral("100000001"), 2}};
    color->profile = cp;
    col("blob", ValueType::Bytes);
    return t;
}

} // namespace

TEST(Validation, AMappingThatFitsHasOnlyTheWarningsItDeserves)
{
    Mapping m = thingMapping(field("test_name", {"name"}));
    m.fields.append(field("test_must", {"label"}));
    m.fields.append(field("test_number", {"count"}));
    const CatalogTable t = sourceTable();
    const auto issues = validateMapping(m, model(), &t);
    EXPECT_TRUE(codes(issues, Severity::Error).isEmpty())
        << codes(issues, Severity::Error).join(' ').toStdString();
    // the profile's longest name (35) is over test_name's MaxLength (20)
    EXPECT_EQ(codes(issues, Severity::Warning), QStringList{QStringLiteral("too-long:test_name")});
}

TEST(Validation, RequiredTypesKeysAndColumns)
{
    Mapping m = thingMapping(field("test_number", {"born"})); // a date into an Integer
    m.fields.append(field("test_day", {"blob"}));             // bytes into a DateTime
    m.fields.append(field("test_ratio", {"label"}));          // text into a Double: needs a step
    m.fields.append(field("test_fixed", {"label"}));          // not valid for create/update
    m.fields.append(field("test_nothere", {"label"}));        // no such column
    m.fields.append(field("test_notes", {"missing"}));        // no such source column
    m.fields.append(field("test_parentid", {"count"}));       // a lookup without a lookup step
    m.fields.append(field("test_color", {"color"}));          // profile values without options
    const CatalogTable t = sourceTable();
    const auto issues = validateMapping(m, model(), &t, 3);
    EXPECT_EQ(codes(issues, Severity::Error),
              (QStringList{
                  QStringLiteral("required-unmapped:test_must"), QStringLiteral("type-mismatch:test_day"),
                  QStringLiteral("type-mismatch:test_number"), QStringLiteral("type-mismatch:test_parentid"),
                  QStringLiteral("unknown-column:test_nothere"),
                  QStringLiteral("unknown-source-column:test_notes")}));
    EXPECT_EQ(codes(issues, Severity::Warning),
              (QStringList{QStringLiteral("application-required-unmapped:test_name"),
                           QStringLiteral("not-valid-for-create:test_fixed"),
                           QStringLiteral("not-valid-for-update:test_fixed"),
                           QStringLiteral("option:test_color"), QStringLiteral("type-mismatch:test_ratio")}));
    for (const MappingIssue &i : issues) {
        EXPECT_TRUE(i.path.startsWith(QStringLiteral("/mappings/3"))) << i.path.toStdString();
        if (i.code == QLatin1String("option")) {
            EXPECT_EQ(i.message, QStringLiteral("source values without an option in 'test_color': Mauve"));
        }
        if (i.code == QLatin1String("unknown-column")) {
            EXPECT_EQ(i.path, QStringLiteral("/mappings/3/fields/5/target"));
        }
    }
}

TEST(Validation, KeysAndOperations)
{
    Mapping m = thingMapping(field("test_must", {"label"}));
    m.alternateKey = QStringLiteral("nokey");
    auto issues = validateMapping(m, model());
    ASSERT_EQ(codes(issues, Severity::Error), QStringList{QStringLiteral("unknown-key:")});

    m.alternateKey = QStringLiteral("test_number_key"); // its column is not mapped
    issues = validateMapping(m, model());
    EXPECT_EQ(codes(issues, Severity::Error), QStringList{QStringLiteral("key-unmapped:test_number")});

    m.alternateKey = QStringLiteral("test_code_key");
    m.operation = Operation::Update; // UpdateMultiple takes no alternate key
    issues = validateMapping(m, model());
    EXPECT_EQ(codes(issues, Severity::Error), QStringList{QStringLiteral("operation:")});

    m.operation = Operation::Create;
    m.keyStrategy = KeyStrategy::ServerId;
    issues = validateMapping(m, model());
    EXPECT_TRUE(codes(issues, Severity::Error).isEmpty());
    EXPECT_TRUE(codes(issues, Severity::Warning).contains(QStringLiteral("no-key:")));

    m.keyStrategy = KeyStrategy::DeterministicId;
    issues = validateMapping(m, model()); // no key columns and no catalog primary key
    EXPECT_EQ(codes(issues, Severity::Error), QStringList{QStringLiteral("no-key:")});
    const CatalogTable t = sourceTable(); // ... but the catalog has one
    issues = validateMapping(m, model(), &t);
    EXPECT_TRUE(codes(issues, Severity::Error).isEmpty());

    m.targetEntity = QStringLiteral("nothing");
    issues = validateMapping(m, model());
    EXPECT_EQ(codes(issues, Severity::Error), QStringList{QStringLiteral("unknown-table:")});
}

TEST(Validation, LookupTargetsAndDuplicateFields)
{
    Mapping m = thingMapping(field("test_must", {"label"}));
    m.fields.append(field("test_parentid", {"count"},
                          {step("lookup", {{"table", "account"}, {"key", "ferry_accountnumber"}})}));
    m.fields.append(field("test_must", {"name"}));
    const auto issues = validateMapping(m, model());
    EXPECT_EQ(codes(issues, Severity::Error), (QStringList{QStringLiteral("duplicate-target:test_must"),
                                                           QStringLiteral("lookup-target:test_parentid")}));
}

TEST(Validation, DateTimeRangeIsTheServiceRange)
{
    EXPECT_EQ(minimumDateTime(), QDate(1753, 1, 1));
    EXPECT_EQ(maximumDateTime(), QDate(9999, 12, 31));
}

TEST(Validation, RowLevelKeyCharactersAndEmptyKeys)
{
    Mapping m = thingMapping(field("test_must", {"a"}));
    QList<ColumnInfo> cols = {column(QStringLiteral("code")), column(QStringLiteral("a"))};
    auto mapper = RowMapper::compile(m, model(), cols);
    ASSERT_TRUE(mapper.ok()) << mapper.error().message.toStdString();
    MappedRow out;
    const char *bad[] = {"a/b", "a<b", "a>b", "a*b", "a%b", "a&b", "a:b", "a\\b", "a?b", "a+b"};
    for (const char *k : bad) {
        (*mapper)->map({Value::fromText(QString::fromLatin1(k)), Value::fromText(QStringLiteral("x"))}, out);
        ASSERT_EQ(out.verdict, Verdict::Error) << k;
        EXPECT_EQ(out.issues.first().code, QStringLiteral("key-char")) << k;
        EXPECT_EQ(out.issues.first().column, QStringLiteral("test_code"));
        EXPECT_TRUE(out.rowKey.isEmpty());
    }
    (*mapper)->map({Value(), Value::fromText(QStringLiteral("x"))}, out);
    ASSERT_EQ(out.verdict, Verdict::Error);
    EXPECT_EQ(out.issues.first().code, QStringLiteral("key-null"));
    (*mapper)->map({Value::fromText(QStringLiteral("O'Neil #1")), Value::fromText(QStringLiteral("x"))}, out);
    EXPECT_EQ(out.verdict, Verdict::Ok);
    EXPECT_EQ(out.rowKey, QStringLiteral("test_code='O''Neil #1'"));
}
