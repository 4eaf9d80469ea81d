// Every transform step, each with its failure cases, through the real RowMapper (the payload it writes is the
// observable result).

#include "mapping/MappingTestUtil.h"

#include <ferry/mapping/Expression.h>
#include <ferry/mapping/ODataKeys.h>
#include <ferry/mapping/Transform.h>

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::mapping;
using namespace ferry::mapping::testutil;
using nlohmann::json;

namespace {

Value t(const char *s)
{
    return Value::fromText(QString::fromUtf8(s));
}

// The payload for one field, or the first issue as "code: message".
QString run(const FieldMap &f, const QVector<Value> &values, const MapOptions &o = {},
            const QString &zone = QStringLiteral("UTC"))
{
    OneRow r = mapOne(f, values, o, zone);
    if (!r.compiled)
        return QStringLiteral("compile: ") + r.compileError;
    if (r.row.verdict == Verdict::Error)
        return r.issue()->code + QStringLiteral(": ") + r.issue()->message;
    return r.payload();
}

QString expect(const char *tail)
{
    return prefix() + QString::fromUtf8(tail) + QLatin1Char('}');
}

} // namespace

TEST(Transform, PlainTextPassesThroughAndEscapes)
{
    EXPECT_EQ(run(field("test_name", {"a"}), {t("He said \"hi\"\n")}),
              expect(R"j(,"test_name":"He said \"hi\"\n")j"));
    EXPECT_EQ(run(field("test_name", {"a"}), {Value()}), expect(R"j(,"test_name":null)j"));
    EXPECT_EQ(run(field("test_name", {"a"}), {t("Zoë ☃ 𝄞")}), expect(",\"test_name\":\"Zoë ☃ 𝄞\""));
}

TEST(Transform, Trim)
{
    EXPECT_EQ(run(field("test_name", {"a"}, {step("trim")}), {t("  Hi  ")}),
              expect(R"j(,"test_name":"Hi")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("trim", {{"side", "left"}})}), {t("  Hi  ")}),
              expect(R"j(,"test_name":"Hi  ")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("trim", {{"side", "right"}})}), {t("  Hi  ")}),
              expect(R"j(,"test_name":"  Hi")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("trim")}), {Value()}), expect(R"j(,"test_name":null)j"));
}

TEST(Transform, Case)
{
    EXPECT_EQ(run(field("test_name", {"a"}, {step("case", {{"to", "upper"}})}), {t("hello wORLD")}),
              expect(R"j(,"test_name":"HELLO WORLD")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("case", {{"to", "lower"}})}), {t("hello wORLD")}),
              expect(R"j(,"test_name":"hello world")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("case", {{"to", "title"}})}), {t("hello wORLD-x")}),
              expect(R"j(,"test_name":"Hello World-X")j"));
}

TEST(Transform, Substring)
{
    EXPECT_EQ(
        run(field("test_name", {"a"}, {step("substring", {{"start", 2}, {"length", 3}})}), {t("abcdef")}),
        expect(R"j(,"test_name":"cde")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("substring", {{"start", 4}})}), {t("abcdef")}),
              expect(R"j(,"test_name":"ef")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("substring", {{"start", 10}})}), {t("abc")}),
              expect(R"j(,"test_name":"")j"));
}

TEST(Transform, Concat)
{
    const FieldMap f = field("test_name", {"a", "b"}, {step("concat", {{"separator", " "}})});
    EXPECT_EQ(run(f, {t("Ada"), t("Lovelace")}), expect(R"j(,"test_name":"Ada Lovelace")j"));
    EXPECT_EQ(run(f, {t("Ada"), Value()}), expect(R"j(,"test_name":"Ada")j"));
    EXPECT_EQ(run(f, {Value(), Value()}), expect(R"j(,"test_name":null)j"));
    const FieldMap keep =
        field("test_name", {"a", "b", "c"}, {step("concat", {{"separator", "|"}, {"skipEmpty", false}})});
    EXPECT_EQ(run(keep, {t("x"), Value(), Value::fromInt(3)}), expect(R"j(,"test_name":"x||3")j"));
}

TEST(Transform, Split)
{
    EXPECT_EQ(
        run(field("test_name", {"a"}, {step("split", {{"separator", ","}, {"part", 1}})}), {t("a,b,c")}),
        expect(R"j(,"test_name":"b")j"));
    EXPECT_EQ(
        run(field("test_name", {"a"}, {step("split", {{"separator", ","}, {"part", -1}})}), {t("a,b,c")}),
        expect(R"j(,"test_name":"c")j"));
    EXPECT_EQ(
        run(field("test_name", {"a"}, {step("split", {{"separator", ","}, {"part", 5}})}), {t("a,b,c")}),
        expect(R"j(,"test_name":null)j"));
}

TEST(Transform, Replace)
{
    EXPECT_EQ(run(field("test_name", {"a"}, {step("replace", {{"find", "-"}, {"with", "/"}})}), {t("a-b-c")}),
              expect(R"j(,"test_name":"a/b/c")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("replace", {{"find", "X"}, {"with", "y"}})}), {t("axbX")}),
              expect(R"j(,"test_name":"axby")j"));
    EXPECT_EQ(run(field("test_name", {"a"},
                        {step("replace", {{"find", "X"}, {"with", "y"}, {"caseSensitive", false}})}),
                  {t("axbX")}),
              expect(R"j(,"test_name":"ayby")j"));
}

TEST(Transform, Regex)
{
    EXPECT_EQ(run(field("test_name", {"a"}, {step("regex", {{"pattern", "#(\\d+)"}, {"group", 1}})}),
                  {t("Order #12345")}),
              expect(R"j(,"test_name":"12345")j"));
    EXPECT_EQ(
        run(field("test_name", {"a"}, {step("regex", {{"pattern", "#(\\d+)"}, {"group", 1}})}), {t("none")}),
        expect(R"j(,"test_name":null)j"));
    EXPECT_EQ(run(field("test_name", {"a"},
                        {step("regex", {{"pattern", "\\d+"}, {"mode", "replace"}, {"with", "#"}})}),
                  {t("a1b22")}),
              expect(R"j(,"test_name":"a#b#")j"));
    // failure: a pattern that does not compile is refused at import and at compile
    QList<MappingError> errors;
    checkTransform(step("regex", {{"pattern", "(unclosed"}}), QStringLiteral("/x"), errors);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().path, QStringLiteral("/x/pattern"));
    EXPECT_TRUE(run(field("test_name", {"a"}, {step("regex", {{"pattern", "(unclosed"}})}), {t("x")})
                    .startsWith(QStringLiteral("compile: things /fields/1/transforms/0")));
}

TEST(Transform, ConstantDefaultAndNullIf)
{
    EXPECT_EQ(run(field("test_number", {}, {step("constant", {{"value", 42}})}), {}),
              expect(R"j(,"test_number":42)j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("default", {{"value", "n/a"}})}), {Value()}),
              expect(R"j(,"test_name":"n/a")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("default", {{"value", "n/a"}})}), {t("  ")}),
              expect(R"j(,"test_name":"n/a")j"));
    EXPECT_EQ(
        run(field("test_name", {"a"}, {step("default", {{"value", "n/a"}, {"whenEmpty", false}})}), {t("")}),
        expect(R"j(,"test_name":"")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("default", {{"value", "n/a"}})}), {t("x")}),
              expect(R"j(,"test_name":"x")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("nullif")}), {t("")}), expect(R"j(,"test_name":null)j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("nullif", {{"values", {"N/A", "-"}}})}), {t(" N/A ")}),
              expect(R"j(,"test_name":null)j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("nullif", {{"values", {"N/A"}}})}), {t("NA")}),
              expect(R"j(,"test_name":"NA")j"));
}

TEST(Transform, NumberWithExplicitSeparatorsAndLocale)
{
    const json de = {{"decimal", ","}, {"thousands", "."}};
    EXPECT_EQ(run(field("test_amount", {"a"}, {step("number", de)}), {t("1.234,50")}),
              expect(R"j(,"test_amount":1234.50)j"));
    EXPECT_EQ(run(field("test_amount", {"a"}, {step("number", {{"locale", "de_DE"}})}), {t("1.234,5")}),
              expect(R"j(,"test_amount":1234.5)j"));
    EXPECT_EQ(run(field("test_number", {"a"}, {step("number", {{"type", "int"}, {"thousands", ","}})}),
                  {t("1,000")}),
              expect(R"j(,"test_number":1000)j"));
    EXPECT_EQ(run(field("test_ratio", {"a"}, {step("number", {{"type", "double"}, {"decimal", ","}})}),
                  {t("-0,25")}),
              expect(R"j(,"test_ratio":-0.25)j"));
    // failures
    EXPECT_EQ(
        run(field("test_amount", {"a"}, {step("number", de)}), {t("12,5x")}),
        QStringLiteral("convert: '12,5x' is not a number (decimal separator ',', thousands separator '.')"));
    EXPECT_EQ(run(field("test_amount", {"a"}, {step("number")}), {t("1,5")}),
              QStringLiteral("convert: '1,5' is not a number (decimal separator '.')"));
    EXPECT_EQ(
        run(field("test_number", {"a"}, {step("number", {{"type", "int"}, {"decimal", ","}})}), {t("3,7")}),
        QStringLiteral("convert: 3.7 is not a whole number"));
    EXPECT_EQ(
        run(field("test_amount", {"a"}, {step("number", de)}), {t("1,2,3")}),
        QStringLiteral("convert: '1,2,3' is not a number (decimal separator ',', thousands separator '.')"));
    QList<MappingError> errors;
    checkTransform(step("number", {{"decimal", ","}, {"thousands", ","}}), QStringLiteral("/n"), errors);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().path, QStringLiteral("/n/thousands"));
}

TEST(Transform, DateWithExplicitPatterns)
{
    const FieldMap f = field("test_day", {"a"},
                             {step("date", {{"formats", {"dd.MM.yyyy", "yyyy-MM-dd"}}, {"kind", "date"}})});
    EXPECT_EQ(run(f, {t("31.12.2023")}), expect(R"j(,"test_day":"2023-12-31")j"));
    EXPECT_EQ(run(f, {t("2023-02-01")}), expect(R"j(,"test_day":"2023-02-01")j"));
    EXPECT_EQ(
        run(f, {t("2023/12/31")}),
        QStringLiteral("convert: '2023/12/31' matches none of the date patterns dd.MM.yyyy, yyyy-MM-dd"));
    EXPECT_EQ(
        run(f, {t("31.02.2023")}),
        QStringLiteral("convert: '31.02.2023' matches none of the date patterns dd.MM.yyyy, yyyy-MM-dd"));
    const FieldMap dt = field("test_tzi", {"a"}, {step("date", {{"formats", {"MM/dd/yyyy hh:mm AP"}}})});
    EXPECT_EQ(run(dt, {t("07/04/2024 03:30 PM")}), expect(R"j(,"test_tzi":"2024-07-04T15:30:00Z")j"));
    const FieldMap localized =
        field("test_day", {"a"},
              {step("date", {{"formats", {"d MMMM yyyy"}}, {"locale", "fr_FR"}, {"kind", "date"}})});
    EXPECT_EQ(run(localized, {t("3 mars 2021")}), expect(R"j(,"test_day":"2021-03-03")j"));
}

TEST(Transform, DateTimeBehaviours)
{
    // UserLocal: the source's wall clock in its zone becomes UTC (Berlin is UTC+1 in winter, UTC+2 in summer)
    EXPECT_EQ(
        run(field("test_local", {"a"}), {t("2024-01-15T10:00:00")}, {}, QStringLiteral("Europe/Berlin")),
        expect(R"j(,"test_local":"2024-01-15T09:00:00Z")j"));
    EXPECT_EQ(
        run(field("test_local", {"a"}), {t("2024-07-15 10:00:00")}, {}, QStringLiteral("Europe/Berlin")),
        expect(R"j(,"test_local":"2024-07-15T08:00:00Z")j"));
    // a per-field zone wins over the mapping's
    EXPECT_EQ(run(field("test_local", {"a"}, {step("datetime", {{"timeZone", "America/New_York"}})}),
                  {t("2024-01-15T10:00:00")}, {}, QStringLiteral("Europe/Berlin")),
              expect(R"j(,"test_local":"2024-01-15T15:00:00Z")j"));
    // DateOnly: the date, no time, no conversion
    EXPECT_EQ(run(field("test_day", {"a"}), {t("2024-01-15T23:30:00")}, {}, QStringLiteral("Asia/Tokyo")),
              expect(R"j(,"test_day":"2024-01-15")j"));
    // TimeZoneIndependent: the wall clock unchanged
    EXPECT_EQ(run(field("test_tzi", {"a"}), {t("2024-01-15T10:00:00")}, {}, QStringLiteral("Europe/Berlin")),
              expect(R"j(,"test_tzi":"2024-01-15T10:00:00Z")j"));
    EXPECT_EQ(run(field("test_tzi", {"a"}), {Value::fromDate(QDate(2024, 2, 29))}),
              expect(R"j(,"test_tzi":"2024-02-29T00:00:00Z")j"));
    // failures: before 1753-01-01, and text that is not a date
    EXPECT_EQ(run(field("test_day", {"a"}), {t("1700-05-01")}),
              QStringLiteral("out-of-range: 1700-05-01 is outside 1753-01-01..9999-12-31 of 'test_day'"));
    EXPECT_EQ(run(field("test_local", {"a"}), {t("yesterday")}),
              QStringLiteral("convert: 'yesterday' is not a date"));
    QList<MappingError> errors;
    checkTransform(step("datetime", {{"timeZone", "Mars/Olympus"}}), QStringLiteral("/d"), errors);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().path, QStringLiteral("/d/timeZone"));
}

TEST(Transform, Bool)
{
    const FieldMap f =
        field("test_flag", {"a"}, {step("bool", {{"true", {"ja", "wahr"}}, {"false", {"nein"}}})});
    EXPECT_EQ(run(f, {t("Ja")}), expect(R"j(,"test_flag":true)j"));
    EXPECT_EQ(run(f, {t("nein")}), expect(R"j(,"test_flag":false)j"));
    EXPECT_EQ(run(f, {t("yes")}), expect(R"j(,"test_flag":true)j"));
    EXPECT_EQ(run(f, {t("0")}), expect(R"j(,"test_flag":false)j"));
    EXPECT_EQ(run(f, {Value::fromInt(1)}), expect(R"j(,"test_flag":true)j"));
    EXPECT_EQ(run(f, {t("vielleicht")}), QStringLiteral("convert: 'vielleicht' is not a yes/no value"));
    // without a step, the column's option labels and the default words still convert
    EXPECT_EQ(run(field("test_flag", {"a"}), {t("Yes")}), expect(R"j(,"test_flag":true)j"));
    EXPECT_EQ(run(field("test_flag", {"a"}), {t("off")}), expect(R"j(,"test_flag":false)j"));
    EXPECT_EQ(run(field("test_flag", {"a"}), {t("2")}), QStringLiteral("convert: '2' is not a yes/no value"));
}

TEST(Transform, TextAndImplicitConversions)
{
    EXPECT_EQ(run(field("test_name", {"a"}, {step("text")}), {Value::fromInt(5)}),
              expect(R"j(,"test_name":"5")j"));
    EXPECT_EQ(run(field("test_number", {"a"}), {t(" 12 ")}), expect(R"j(,"test_number":12)j"));
    EXPECT_EQ(run(field("test_big", {"a"}), {Value::fromInt(9007199254740993LL)}),
              expect(R"j(,"test_big":9007199254740993)j"));
    EXPECT_EQ(run(field("test_decimal", {"a"}), {Value::fromDecimal(QStringLiteral("0.10"))}),
              expect(R"j(,"test_decimal":0.10)j"));
    EXPECT_EQ(run(field("test_ratio", {"a"}), {Value::fromDouble(0.1)}), expect(R"j(,"test_ratio":0.1)j"));
    EXPECT_EQ(run(field("test_tags", {"a"}), {t("A;C")}), expect(R"j(,"test_tags":"1,3")j"));
    EXPECT_EQ(run(field("test_externalid", {"a"}), {t("{6F9619FF-8B86-D011-B42D-00C04FC964FF}")}),
              expect(R"j(,"test_externalid":"6f9619ff-8b86-d011-b42d-00c04fc964ff")j"));
    // failures
    EXPECT_EQ(run(field("test_number", {"a"}), {t("12a")}),
              QStringLiteral("convert: '12a' is not a whole number"));
    EXPECT_EQ(run(field("test_number", {"a"}), {t("1.5")}),
              QStringLiteral("convert: '1.5' is not a whole number"));
    EXPECT_EQ(run(field("test_externalid", {"a"}), {t("not-a-guid")}),
              QStringLiteral("convert: 'not-a-guid' is not a GUID"));
    EXPECT_EQ(run(field("test_tags", {"a"}), {t("A;Z")}),
              QStringLiteral("option: 'Z' is not an option of 'test_tags'"));
}

TEST(Transform, OptionByLabelValueAndUnmappedPolicies)
{
    const json map = {{"R", "Red"}, {"G", 100000001}};
    auto opt = [&](json extra) {
        json p = {{"map", map}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            p[it.key()] = it.value();
        return field("test_color", {"a"}, {step("option", p)});
    };
    EXPECT_EQ(run(opt({}), {t("R")}), expect(R"j(,"test_color":100000000)j"));
    EXPECT_EQ(run(opt({}), {t("g")}), expect(R"j(,"test_color":100000001)j"));
    EXPECT_EQ(run(opt({}), {t("blue")}), expect(R"j(,"test_color":100000002)j")); // match by label
    EXPECT_EQ(run(opt({{"match", "value"}}), {t("100000002")}), expect(R"j(,"test_color":100000002)j"));
    EXPECT_EQ(run(opt({{"match", "none"}}), {t("blue")}),
              QStringLiteral("option: 'blue' has no option in 'test_color'"));
    EXPECT_EQ(run(opt({}), {t("Purple")}), QStringLiteral("option: 'Purple' has no option in 'test_color'"));
    EXPECT_EQ(run(opt({{"unmapped", "default"}, {"default", "Green"}}), {t("Purple")}),
              expect(R"j(,"test_color":100000001)j"));
    EXPECT_EQ(run(opt({{"unmapped", "null"}}), {t("Purple")}), expect(R"j(,"test_color":null)j"));
    EXPECT_EQ(run(opt({{"unmapped", "pass"}}), {t("7")}), expect(R"j(,"test_color":7)j"));
    EXPECT_EQ(run(opt({{"unmapped", "pass"}}), {t("Purple")}),
              QStringLiteral("option: 'Purple' has no option in 'test_color'"));
    // without a step: the value or the label
    EXPECT_EQ(run(field("test_color", {"a"}), {Value::fromInt(100000002)}),
              expect(R"j(,"test_color":100000002)j"));
    EXPECT_EQ(run(field("test_color", {"a"}), {Value::fromInt(5)}),
              QStringLiteral("option: '5' is not an option of 'test_color'"));
    // a map onto a label the column does not have fails at compile
    EXPECT_TRUE(run(field("test_color", {"a"}, {step("option", {{"map", {{"X", "Mauve"}}}})}), {t("X")})
                    .contains(QStringLiteral("'Mauve' is not an option label of 'test_color'")));
    EXPECT_TRUE(run(field("test_name", {"a"}, {step("option", {{"map", {{"X", 1}}}})}), {t("X")})
                    .contains(QStringLiteral("not a choice")));
}

TEST(Transform, LookupByAlternateKeyBindsWithTheReferenceSyntax)
{
    const FieldMap f = field("test_parentid", {"a"},
                             {step("lookup", {{"table", "test_parent"}, {"key", "test_parentnumber"}})});
    OneRow r = mapOne(f, {t("12")});
    ASSERT_TRUE(r.compiled) << r.compileError.toStdString();
    EXPECT_EQ(r.payload(), expect(R"j(,"test_ParentId@odata.bind":"/test_parents(test_parentnumber=12)")j"));
    ASSERT_EQ(r.row.lookups.size(), 1);
    EXPECT_EQ(r.row.lookups.first().targetEntity, QStringLiteral("test_parent"));
    EXPECT_EQ(r.row.lookups.first().keyText, QStringLiteral("test_parentnumber=12"));
    EXPECT_EQ(run(f, {Value()}), expect(R"j(,"test_ParentId@odata.bind":null)j"));
    EXPECT_EQ(run(f, {t("x12")}), QStringLiteral("convert: 'x12' does not fit the Integer key column "
                                                 "'test_parentnumber' of 'test_parent'"));
    // the key defaults to the table's only key; unknown keys and wrong tables fail at compile
    EXPECT_EQ(
        run(field("test_parentid", {"a"}, {step("lookup", {{"table", "test_parent"}})}), {Value::fromInt(3)}),
        expect(R"j(,"test_ParentId@odata.bind":"/test_parents(test_parentnumber=3)")j"));
    EXPECT_TRUE(
        run(field("test_parentid", {"a"}, {step("lookup", {{"table", "test_parent"}, {"key", "nokey"}})}),
            {t("1")})
            .contains(QStringLiteral("'nokey' is not an alternate key of 'test_parent'")));
    EXPECT_TRUE(run(field("test_parentid", {"a"},
                          {step("lookup", {{"table", "account"}, {"key", "ferry_accountnumber"}})}),
                    {t("1")})
                    .contains(QStringLiteral("cannot point at 'account'")));
    // a lookup column without a lookup step is refused at compile
    EXPECT_TRUE(run(field("test_parentid", {"a"}), {t("1")})
                    .contains(QStringLiteral("it needs a lookup or owner step")));
}

TEST(Transform, LookupByIdAndDeterministicId)
{
    EXPECT_EQ(
        run(field("test_parentid", {"a"}, {step("lookup", {{"table", "test_parent"}, {"key", "$id"}})}),
            {t("{6F9619FF-8B86-D011-B42D-00C04FC964FF}")}),
        expect(R"j(,"test_ParentId@odata.bind":"/test_parents(6f9619ff-8b86-d011-b42d-00c04fc964ff)")j"));
    EXPECT_EQ(run(field("test_parentid", {"a"}, {step("lookup", {{"table", "test_parent"}, {"key", "$id"}})}),
                  {t("nope")}),
              QStringLiteral("convert: 'nope' is not a GUID"));
    // uuid5(ns, "test_parent\x1f7"), computed independently with Python's uuid module
    EXPECT_EQ(
        run(field("test_parentid", {"a"},
                  {step("lookup", {{"table", "test_parent"}, {"key", "$deterministic"}})}),
            {Value::fromInt(7)}),
        expect(R"j(,"test_ParentId@odata.bind":"/test_parents(5d1cb978-c64c-56e9-84af-af01c4959c7d)")j"));
}

TEST(Transform, PolymorphicCustomerLookupByPrefixAndByColumn)
{
    const json targets =
        json::array({{{"table", "account"}, {"key", "ferry_accountnumber"}, {"prefix", "A-"}},
                     {{"table", "contact"}, {"key", "ferry_emailaddress1"}}});
    const FieldMap f = field("test_customerid", {"a"}, {step("lookup", {{"targets", targets}})});
    EXPECT_EQ(run(f, {t("A-100")}),
              expect(R"j(,"test_customerid_account@odata.bind":"/accounts(accountnumber='100')")j"));
    EXPECT_EQ(
        run(f, {t("o'brien@example.com")}),
        expect(
            R"j(,"test_customerid_contact@odata.bind":"/contacts(emailaddress1='o''brien@example.com')")j"));
    // a key value with a character the service refuses in keys
    EXPECT_EQ(run(f, {t("A-10/2")}),
              QStringLiteral("key-char: the key value '10/2' holds '/', which the service refuses in keys"));
    // rules by another column's value; no rule matches -> error
    const json byColumn = json::array(
        {{{"table", "account"}, {"key", "ferry_accountnumber"}, {"column", "b"}, {"equals", "A"}},
         {{"table", "contact"}, {"key", "ferry_emailaddress1"}, {"column", "b"}, {"equals", "C"}}});
    const FieldMap g = field("test_customerid", {"a"}, {step("lookup", {{"targets", byColumn}})});
    EXPECT_EQ(run(g, {t("77"), t("a")}),
              expect(R"j(,"test_customerid_account@odata.bind":"/accounts(accountnumber='77')")j"));
    EXPECT_EQ(run(g, {t("x@y.z"), t("C")}),
              expect(R"j(,"test_customerid_contact@odata.bind":"/contacts(emailaddress1='x@y.z')")j"));
    EXPECT_EQ(run(g, {t("77"), t("Q")}), QStringLiteral("lookup-target: no lookup target rule matches '77'"));
}

TEST(Transform, OwnerByEmailAndName)
{
    MapOptions o;
    o.systemUsers = {{QStringLiteral("7094596d-70ed-59c8-8347-ecf985048aed"), QStringLiteral("Ada Lovelace"),
                      QStringLiteral("ada@example.com"), QStringLiteral("ada@example.com")},
                     {QStringLiteral("9f0dae2e-1926-5ba4-9848-6a3b099dbc1e"), QStringLiteral("Grace Hopper"),
                      QStringLiteral("grace@example.com"), QStringLiteral("grace@example.com")},
                     {QStringLiteral("c69674e5-8a23-54fe-957b-f46b41b09885"), QStringLiteral("Grace Hopper"),
                      QStringLiteral("grace2@example.com"), QStringLiteral("grace2@example.com")}};
    const FieldMap byEmail = field("ownerid", {"a"}, {step("owner", {{"by", "email"}})});
    EXPECT_EQ(run(byEmail, {t(" ADA@example.com ")}, o),
              expect(R"j(,"ownerid@odata.bind":"/systemusers(7094596d-70ed-59c8-8347-ecf985048aed)")j"));
    EXPECT_EQ(run(byEmail, {t("nobody@example.com")}, o),
              QStringLiteral("owner: 'nobody@example.com' matches no systemuser"));
    const FieldMap byName = field("ownerid", {"a"}, {step("owner", {{"by", "name"}})});
    EXPECT_EQ(run(byName, {t("grace hopper")}, o),
              QStringLiteral("owner: 'grace hopper' matches several systemusers"));
    const FieldMap withDefault =
        field("ownerid", {"a"}, {step("owner", {{"by", "email"}, {"default", "grace@example.com"}})});
    OneRow r = mapOne(withDefault, {t("nobody@example.com")}, o);
    EXPECT_EQ(r.row.verdict, Verdict::Warning);
    EXPECT_EQ(r.payload(),
              expect(R"j(,"ownerid@odata.bind":"/systemusers(9f0dae2e-1926-5ba4-9848-6a3b099dbc1e)")j"));
    EXPECT_TRUE(
        run(field("ownerid", {"a"}, {step("owner", {{"by", "email"}, {"default", "ghost@example.com"}})}),
            {t("x")}, o)
            .contains(QStringLiteral("'ghost@example.com' matches no systemuser")));
}

TEST(Transform, Expression)
{
    const FieldMap f =
        field("test_name", {"a", "b"}, {step("expr", {{"expr", "concat(upper(trim(a)), ' ', b)"}})});
    EXPECT_EQ(run(f, {t(" ada "), t("Lovelace")}), expect(R"j(,"test_name":"ADA Lovelace")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("expr", {{"expr", "coalesce(a, [b], 'none')"}})}),
                  {Value(), Value()}),
              expect(R"j(,"test_name":"none")j"));
    EXPECT_EQ(run(field("test_name", {"a"}, {step("expr", {{"expr", "left(replace(a, 'x', 'y'), 3)"}})}),
                  {t("xxxx")}),
              expect(R"j(,"test_name":"yyy")j"));
    // failures: syntax at import, unknown columns at compile
    QList<MappingError> errors;
    checkTransform(step("expr", {{"expr", "upperr(a)"}}), QStringLiteral("/e"), errors);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().message, QStringLiteral("at 0: unknown function 'upperr'"));
    errors.clear();
    checkTransform(step("expr", {{"expr", "concat(a, 'open"}}), QStringLiteral("/e"), errors);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_TRUE(errors.first().message.contains(QStringLiteral("not closed")));
    EXPECT_TRUE(run(field("test_name", {"a"}, {step("expr", {{"expr", "upper(zz)"}})}), {t("x")})
                    .contains(QStringLiteral("unknown column 'zz'")));
    auto deep =
        Expression::parse(QString(40, QLatin1Char('(')).replace(QLatin1String("("), QLatin1String("upper(")) +
                              QStringLiteral("a") + QString(40, QLatin1Char(')')),
                          {QStringLiteral("a")});
    EXPECT_FALSE(deep.ok());
}

TEST(Transform, ValidationOfEncodedValues)
{
    EXPECT_EQ(run(field("test_name", {"a"}), {t("123456789012345678901")}),
              QStringLiteral("too-long: 21 characters, 'test_name' takes at most 20"));
    // 20 characters of which some are outside the BMP (2 UTF-16 units each) still fit
    EXPECT_EQ(run(field("test_name", {"a"}), {t("𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞𝄞")}).left(prefix().size()), prefix());
    EXPECT_EQ(run(field("test_number", {"a"}), {Value::fromInt(1001)}),
              QStringLiteral("out-of-range: 1001 is outside 0..1000 of 'test_number'"));
    EXPECT_EQ(run(field("test_amount", {"a"}), {Value::fromDecimal(QStringLiteral("-0.01"))}),
              QStringLiteral("out-of-range: -0.01 is outside 0..1000000 of 'test_amount'"));
    EXPECT_EQ(run(field("test_must", {"a"}), {Value()}),
              QStringLiteral("required-null: 'test_must' is required by the service and the value is empty"));
}

TEST(Transform, UnknownOpsAndParametersAreReportedWithPaths)
{
    QList<MappingError> errors;
    checkTransform(step("upcase"), QStringLiteral("/m/0/fields/1/transforms/0"), errors);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().path, QStringLiteral("/m/0/fields/1/transforms/0/op"));
    errors.clear();
    checkTransform(step("trim", {{"sides", "both"}}), QStringLiteral("/t"), errors);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().path, QStringLiteral("/t/sides"));
    errors.clear();
    checkTransform(step("substring", {{"start", "1"}}), QStringLiteral("/s"), errors);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().message, QStringLiteral("must be an integer"));
    errors.clear();
    checkTransform(step("option", {{"unmapped", "default"}}), QStringLiteral("/o"), errors);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().path, QStringLiteral("/o/default"));
    errors.clear();
    checkTransform(step("lookup", {{"table", "x"}, {"targets", json::array({{{"table", "y"}}})}}),
                   QStringLiteral("/l"), errors);
    ASSERT_EQ(errors.size(), 1);
    EXPECT_EQ(errors.first().path, QStringLiteral("/l"));
    EXPECT_EQ(transformOps().size(), 19);
}

TEST(ODataKeys, ForbiddenCharactersAndLiterals)
{
    for (QChar c : QStringLiteral("/<>*%&:\\?+"))
        EXPECT_TRUE(isForbiddenKeyChar(c)) << QString(c).toStdString();
    for (QChar c : QStringLiteral("aZ09-_.@' #"))
        EXPECT_FALSE(isForbiddenKeyChar(c)) << QString(c).toStdString();
    EXPECT_TRUE(isForbiddenKeyChar(QChar(0x09)));
    EXPECT_EQ(forbiddenKeyChar(u"ab&c"), QChar(u'&'));
    EXPECT_FALSE(forbiddenKeyChar(u"abc").has_value());
    EXPECT_EQ(keyLiteral(Value::fromText(QStringLiteral("O'Brien")), target::AttributeType::String),
              QStringLiteral("'O''Brien'"));
    EXPECT_EQ(keyLiteral(Value::fromText(QStringLiteral(" 42 ")), target::AttributeType::Integer),
              QStringLiteral("42"));
    EXPECT_FALSE(
        keyLiteral(Value::fromText(QStringLiteral("4x")), target::AttributeType::Integer).has_value());
    EXPECT_EQ(keyLiteral(Value::fromDecimal(QStringLiteral("1.50")), target::AttributeType::Decimal),
              QStringLiteral("1.50"));
    EXPECT_EQ(bindPath(QStringLiteral("accounts"), QStringLiteral("accountnumber='A-1'")),
              QStringLiteral("/accounts(accountnumber='A-1')"));
    // uuid5(ns, "test_thing\x1f42|x") computed with Python
    EXPECT_EQ(guidText(deterministicId(QStringLiteral("test_thing"), QStringLiteral("42|x"))),
              QStringLiteral("689d60a0-5c06-5490-9de5-46a6b5325ff5"));
}
