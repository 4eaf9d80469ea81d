// Test thread: workbooks written by LibreOffice Calc 7.4 (Debian 12's libreoffice-calc-nogui), read through
// openSource(). The files come from tests/data/sources/libreoffice/make_libreoffice_fixtures.sh.

#include "SourceTestData.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

using namespace ferry;
using namespace ferry::testing;

namespace {

QDateTime dt(int y, int mo, int d, int h, int mi, int s)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

std::string describe(const Value &v)
{
    return (valueTypeName(v.type()) + QStringLiteral(":") + v.toText()).toStdString();
}

QString libreOffice(const QString &scheme, const QString &query = {})
{
    return fileUri(scheme, sourceData(QStringLiteral("libreoffice/libreoffice.") + scheme), query);
}

// What both LibreOffice files hold (see make_libreoffice_fixtures.sh). `boolValue` maps a boolean to what
// the reader under test gives for it.
void expectPeopleAndCities(SourceConnection &conn, const std::function<Value(bool)> &boolValue)
{
    auto tables = conn.listTables();
    ASSERT_TRUE(tables.ok()) << tables.error().message.toStdString();
    ASSERT_EQ(tables->size(), 2);
    EXPECT_EQ(tables->at(0).name, QStringLiteral("People"));
    EXPECT_EQ(tables->at(1).name, QString::fromUtf8("St\xc3\xa4"
                                                    "dte"));
    for (const TableInfo &t : *tables) {
        EXPECT_EQ(t.kind, TableKind::Sheet);
        EXPECT_TRUE(t.error.code.isEmpty()) << t.error.message.toStdString();
    }
    EXPECT_EQ(tables->at(0).rowCount, 3);
    EXPECT_EQ(tables->at(1).rowCount, 2);

    const Drained d = drain(conn, QStringLiteral("People"));
    EXPECT_EQ(columnNames(d.columns),
              (QStringList{QStringLiteral("Id"), QStringLiteral("Name"), QStringLiteral("Born"),
                           QStringLiteral("Amount"), QStringLiteral("Active"), QStringLiteral("Note"),
                           QStringLiteral("Seen")}));
    EXPECT_TRUE(d.issues.isEmpty());
    EXPECT_EQ(d.rowNumbers, (QList<qint64>{2, 3, 4}));
    ASSERT_EQ(d.rows.size(), 3);
    ASSERT_EQ(d.columns.size(), 7);
    EXPECT_EQ(d.columns[0].type, ValueType::Int);
    EXPECT_EQ(d.columns[1].type, ValueType::Text);
    EXPECT_EQ(d.columns[2].type, ValueType::Date);
    EXPECT_EQ(d.columns[3].type, ValueType::Double);
    EXPECT_EQ(d.columns[4].type, boolValue(true).type());
    EXPECT_EQ(d.columns[5].type, ValueType::Text);
    EXPECT_EQ(d.columns[6].type, ValueType::DateTime);

    const std::vector<std::vector<Value>> expected = {
        {Value::fromInt(1), Value::fromText(QString::fromUtf8("Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m")),
         Value::fromDate(QDate(1984, 2, 29)), Value::fromDouble(1234.5), boolValue(true),
         Value::fromText(QString::fromUtf8("premi\xc3\xa8re")),
         Value::fromDateTime(dt(2024, 3, 1, 13, 5, 0))},
        {Value::fromInt(2),
         Value::fromText(QString::fromUtf8("\xc5\x81ukasz \xc5\xbb\xc3\xb3\xc5\x82\xc4\x87")),
         Value::fromDate(QDate(2001, 12, 31)), Value::fromDouble(-7.25), boolValue(false), Value(),
         Value::fromDateTime(dt(2023, 12, 31, 23, 59, 59))},
        {Value::fromInt(3), Value::fromText(QString::fromUtf8("\xe6\x9d\xb1\xe4\xba\xac")),
         Value::fromDate(QDate(1970, 1, 1)), Value::fromInt(0), boolValue(true),
         Value::fromText(QStringLiteral("x")), Value::fromDateTime(dt(2000, 1, 1, 0, 0, 0))},
    };
    for (size_t r = 0; r < expected.size(); ++r)
        for (size_t c = 0; c < expected[r].size(); ++c)
            EXPECT_EQ(d.rows[qsizetype(r)][qsizetype(c)], expected[r][c])
                << "row " << r << " column " << c << ": got " << describe(d.rows[qsizetype(r)][qsizetype(c)])
                << ", expected " << describe(expected[r][c]);

    const Drained cities = drain(conn, QString::fromUtf8("St\xc3\xa4"
                                                         "dte"));
    EXPECT_EQ(columnNames(cities.columns),
              (QStringList{QStringLiteral("Stadt"), QStringLiteral("Einwohner")}));
    ASSERT_EQ(cities.rows.size(), 2);
    EXPECT_EQ(cities.rows[0][0], Value::fromText(QString::fromUtf8("M\xc3\xbcnchen")));
    EXPECT_EQ(cities.rows[0][1], Value::fromInt(1488202));
    EXPECT_EQ(cities.rows[1][0], Value::fromText(QString::fromUtf8("K\xc3\xb6ln")));
    EXPECT_EQ(cities.rows[1][1], Value::fromInt(1083498));
    EXPECT_TRUE(cities.issues.isEmpty());
}

} // namespace

// LibreOffice writes booleans as t="b" cells holding a TRUE()/FALSE() formula with its cached value, dates
// with custom number formats (ids 164+) and date-times as serials rounded to 10 decimals.
TEST(LibreOffice, XlsxWrittenByCalcReadsWithTypes)
{
    auto conn = openOrFail(libreOffice(QStringLiteral("xlsx")));
    ASSERT_TRUE(conn);
    expectPeopleAndCities(*conn, [](bool b) { return Value::fromBool(b); });
}

// LibreOffice saves booleans in .xls as FORMULA records (TRUE()/FALSE()) with a cached boolean. FreeXL drops
// non-numeric formula results; the reader takes those cells from its built-in BIFF8 reader, so they are
// booleans, not nulls.
TEST(LibreOffice, XlsWrittenByCalcReadsWithTypesThroughFreeXl)
{
    auto conn = openOrFail(libreOffice(QStringLiteral("xls")));
    ASSERT_TRUE(conn);
    EXPECT_EQ(conn->listTables()->first().properties.value(QStringLiteral("reader")),
              QStringLiteral("freexl"));
    expectPeopleAndCities(*conn, [](bool b) { return Value::fromBool(b); });
}

TEST(LibreOffice, XlsWrittenByCalcReadsWithTypesThroughBuiltinBiff8Reader)
{
    auto conn = openOrFail(libreOffice(QStringLiteral("xls"), QStringLiteral("reader=biff8")));
    ASSERT_TRUE(conn);
    expectPeopleAndCities(*conn, [](bool b) { return Value::fromBool(b); });
}
