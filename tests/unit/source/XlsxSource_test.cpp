#include "SourceTestData.h"

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::testing;

namespace {

std::unique_ptr<SourceConnection> xlsx(const QString &rel, const QString &query = {})
{
    return openOrFail(fileUri(QStringLiteral("xlsx"), sourceData(rel), query));
}

QDateTime dt(int y, int mo, int d, int h, int mi, int s)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

} // namespace

TEST(XlsxSource, EachSheetIsATable)
{
    auto conn = xlsx(QStringLiteral("xlsx/types.xlsx"));
    ASSERT_TRUE(conn);
    auto tables = conn->listTables();
    ASSERT_TRUE(tables.ok()) << tables.error().message.toStdString();
    ASSERT_EQ(tables->size(), 3);
    EXPECT_EQ(tables->at(0).name, QStringLiteral("Products"));
    EXPECT_EQ(tables->at(1).name, QStringLiteral("Plain"));
    EXPECT_EQ(tables->at(2).name, QStringLiteral("Formulas"));
    for (const TableInfo &t : *tables) {
        EXPECT_EQ(t.kind, TableKind::Sheet);
        EXPECT_TRUE(t.error.code.isEmpty()) << t.error.message.toStdString();
        EXPECT_TRUE(t.rowCountExact);
    }
    EXPECT_EQ(tables->at(0).rowCount, 3);
    EXPECT_EQ(tables->at(1).rowCount, 3);
    EXPECT_EQ(tables->at(2).rowCount, 3);
}

TEST(XlsxSource, TitleRowsAboveTheHeaderAreDetectedAndFootnotesReported)
{
    auto conn = xlsx(QStringLiteral("xlsx/types.xlsx"));
    ASSERT_TRUE(conn);
    const TableInfo t = conn->listTables()->first();
    EXPECT_EQ(t.properties.value(QStringLiteral("titleRows")), QStringLiteral("3"));
    EXPECT_EQ(t.properties.value(QStringLiteral("headerRows")), QStringLiteral("1"));
    EXPECT_EQ(t.properties.value(QStringLiteral("firstDataRow")), QStringLiteral("5"));
    EXPECT_EQ(t.properties.value(QStringLiteral("footnoteRows")), QStringLiteral("1"));
    EXPECT_EQ(columnNames(t.columns),
              (QStringList{QStringLiteral("Id"), QStringLiteral("Name"), QStringLiteral("Price"),
                           QStringLiteral("InStock"), QStringLiteral("Released"), QStringLiteral("Updated"),
                           QStringLiteral("Alarm"), QStringLiteral("Shipped")}));
    const Drained d = drain(*conn, QStringLiteral("Products"));
    EXPECT_EQ(d.rowNumbers, (QList<qint64>{5, 6, 7}));
    ASSERT_EQ(d.issues.size(), 1);
    EXPECT_EQ(d.issues[0].line, 9);
    EXPECT_EQ(d.issues[0].location, QStringLiteral("A9"));
    EXPECT_EQ(d.issues[0].raw, QStringLiteral("Source: test catalogue"));
    EXPECT_FALSE(d.issues[0].rowKept);
    EXPECT_TRUE(d.issues[0].reason.contains(QStringLiteral("types.xlsx")));
}

TEST(XlsxSource, NumbersBooleansAndDatesThroughCellStyles)
{
    auto conn = xlsx(QStringLiteral("xlsx/types.xlsx"));
    ASSERT_TRUE(conn);
    const Drained d = drain(*conn, QStringLiteral("Products"));
    ASSERT_EQ(d.rows.size(), 3);
    EXPECT_EQ(d.columns[0].type, ValueType::Int);
    EXPECT_EQ(d.columns[2].type, ValueType::Double);
    EXPECT_EQ(d.columns[3].type, ValueType::Bool);
    EXPECT_EQ(d.columns[4].type, ValueType::Date);
    EXPECT_EQ(d.columns[5].type, ValueType::DateTime);
    EXPECT_EQ(d.columns[6].type, ValueType::Time);
    EXPECT_EQ(d.columns[7].type, ValueType::Date);

    EXPECT_EQ(d.rows[0][0], Value::fromInt(1));
    EXPECT_EQ(d.rows[0][1], Value::fromText(QStringLiteral("Widget")));
    EXPECT_EQ(d.rows[1][1], Value::fromText(QString::fromUtf8("Gadget \xc3\xa9\xe2\x82\xac")));
    EXPECT_EQ(d.rows[0][2], Value::fromDouble(9.99));
    EXPECT_EQ(d.rows[1][2], Value::fromInt(120));
    EXPECT_EQ(d.rows[2][2], Value::fromDouble(-0.5));
    EXPECT_EQ(d.rows[0][3], Value::fromBool(true));
    EXPECT_EQ(d.rows[1][3], Value::fromBool(false));
    // custom format "yyyy-mm-dd"
    EXPECT_EQ(d.rows[0][4], Value::fromDate(QDate(2024, 1, 31)));
    EXPECT_EQ(d.rows[2][4], Value::fromDate(QDate(2020, 2, 29)));
    // custom "yyyy-mm-dd hh:mm:ss"
    EXPECT_EQ(d.rows[0][5], Value::fromDateTime(dt(2024, 2, 1, 13, 5, 30)));
    EXPECT_EQ(d.rows[1][5], Value::fromDateTime(dt(2000, 1, 1, 0, 0, 1)));
    // built-in 20 "h:mm"
    EXPECT_EQ(d.rows[0][6], Value::fromTime(QTime(7, 30)));
    EXPECT_EQ(d.rows[1][6], Value::fromTime(QTime(23, 59, 59)));
    // built-in 14; serial 1 = 1900-01-01 and serial 61 = 1900-03-01 (across the 1900 leap-year bug)
    EXPECT_EQ(d.rows[0][7], Value::fromDate(QDate(2023, 12, 24)));
    EXPECT_EQ(d.rows[1][7], Value::fromDate(QDate(1900, 1, 1)));
    EXPECT_EQ(d.rows[2][7], Value::fromDate(QDate(1900, 3, 1)));
}

TEST(XlsxSource, SharedStringsWithRichTextAndPhoneticRuns)
{
    auto conn = xlsx(QStringLiteral("xlsx/types.xlsx"));
    ASSERT_TRUE(conn);
    const Drained d = drain(*conn, QStringLiteral("Plain"));
    EXPECT_EQ(columnNames(d.columns), (QStringList{QStringLiteral("Code"), QStringLiteral("Amount")}));
    ASSERT_EQ(d.rows.size(), 3);
    EXPECT_EQ(d.rows[0][0], Value::fromText(QStringLiteral("A-1")));
    EXPECT_EQ(d.rows[1][0], Value::fromText(QStringLiteral("A-2 ")));
    EXPECT_EQ(d.rows[2][0], Value::fromText(QStringLiteral("007")));
    EXPECT_EQ(d.columns[1].type, ValueType::Double);
    EXPECT_EQ(d.rows[1][1], Value::fromDouble(20.5));
    EXPECT_TRUE(d.issues.isEmpty());
}

TEST(XlsxSource, InlineStringsFormulasErrorsAndSparseRows)
{
    auto conn = xlsx(QStringLiteral("xlsx/types.xlsx"));
    ASSERT_TRUE(conn);
    const Drained d = drain(*conn, QStringLiteral("Formulas"));
    EXPECT_EQ(columnNames(d.columns),
              (QStringList{QStringLiteral("Label"), QStringLiteral("Value"), QStringLiteral("Text")}));
    ASSERT_EQ(d.rows.size(), 3);
    EXPECT_EQ(d.rowNumbers, (QList<qint64>{2, 3, 6}));
    EXPECT_EQ(d.rows[0][1], Value::fromInt(3));                     // cached formula result
    EXPECT_EQ(d.rows[0][2], Value::fromText(QStringLiteral("ab"))); // t="str"
    EXPECT_TRUE(d.rows[1][1].isNull());                             // #DIV/0!
    EXPECT_EQ(d.rows[1][2], Value::fromBool(true));
    EXPECT_EQ(d.rows[2][0], Value::fromText(QStringLiteral("sparse")));
    EXPECT_EQ(d.rows[2][1], Value::fromDouble(6.25));
    ASSERT_EQ(d.issues.size(), 1);
    EXPECT_EQ(d.issues[0].location, QStringLiteral("B3"));
    EXPECT_EQ(d.issues[0].raw, QStringLiteral("#DIV/0!"));
    EXPECT_TRUE(d.issues[0].rowKept);
}

TEST(XlsxSource, Date1904System)
{
    auto conn = xlsx(QStringLiteral("xlsx/date1904.xlsx"));
    ASSERT_TRUE(conn);
    const Drained d = drain(*conn, QStringLiteral("Mac"));
    ASSERT_EQ(d.rows.size(), 1);
    EXPECT_EQ(d.rows[0][0], Value::fromDate(QDate(2024, 1, 31)));
    EXPECT_EQ(d.rows[0][1], Value::fromDateTime(dt(2024, 1, 31, 18, 0, 0)));
}

TEST(XlsxSource, TitleRowsSetByTheUser)
{
    auto conn = xlsx(QStringLiteral("xlsx/types.xlsx"), QStringLiteral("titleRows=3"));
    ASSERT_TRUE(conn);
    const Drained same = drain(*conn, QStringLiteral("Products"));
    EXPECT_EQ(same.columns[1].name, QStringLiteral("Name"));
    EXPECT_EQ(same.rows.size(), 3);
    // Per-reader options win over the URI's: no header, data from row 5.
    const Drained raw = drain(*conn, QStringLiteral("Products"),
                              {{QStringLiteral("titleRows"), QStringLiteral("4")},
                               {QStringLiteral("header"), QStringLiteral("no")}});
    EXPECT_EQ(raw.columns[0].name, QStringLiteral("A"));
    EXPECT_EQ(raw.columns[7].name, QStringLiteral("H"));
    ASSERT_EQ(raw.rows.size(), 3);
    EXPECT_EQ(raw.rowNumbers.first(), 5);
    EXPECT_EQ(raw.rows[0][1], Value::fromText(QStringLiteral("Widget")));
    // footnotes=no reads the footnote as a row
    const Drained all =
        drain(*conn, QStringLiteral("Products"), {{QStringLiteral("footnotes"), QStringLiteral("no")}});
    EXPECT_EQ(all.rows.size(), 4);
    EXPECT_TRUE(all.issues.isEmpty());
}

TEST(XlsxSource, TruncatedWorkbookIsAnErrorNamingTheFile)
{
    const QString path = sourceData(QStringLiteral("xlsx/truncated.xlsx"));
    auto r = openSource(fileUri(QStringLiteral("xlsx"), path));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("source.corrupt"));
    EXPECT_TRUE(r.error().message.contains(path)) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("truncated")));
}

TEST(XlsxSource, PasswordProtectedWorkbookIsAnErrorNamingTheFile)
{
    const QString path = sourceData(QStringLiteral("xlsx/protected.xlsx"));
    auto r = openSource(fileUri(QStringLiteral("xlsx"), path));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("source.encrypted"));
    EXPECT_TRUE(r.error().message.contains(path));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("password-protected or encrypted")));
    // The same file named .xls is recognised too.
    auto x = openSource(fileUri(QStringLiteral("xls"), path));
    ASSERT_FALSE(x.ok());
    EXPECT_EQ(x.error().code, QStringLiteral("source.encrypted"));
}

TEST(XlsxSource, WrongKindsAreExplained)
{
    auto csvAsXlsx =
        openSource(fileUri(QStringLiteral("xlsx"), sourceData(QStringLiteral("csv/ragged.csv"))));
    ASSERT_FALSE(csvAsXlsx.ok());
    EXPECT_EQ(csvAsXlsx.error().code, QStringLiteral("source.corrupt"));
    EXPECT_TRUE(csvAsXlsx.error().message.contains(QStringLiteral("not a zip archive")));
    auto xlsxAsXls =
        openSource(fileUri(QStringLiteral("xls"), sourceData(QStringLiteral("xlsx/types.xlsx"))));
    ASSERT_FALSE(xlsxAsXls.ok());
    EXPECT_TRUE(xlsxAsXls.error().message.contains(QStringLiteral("xlsx://")));
}

TEST(XlsxSource, DamagedSheetIsAnErrorNamingFileAndPartWhileOtherSheetsStillRead)
{
    const QString path = sourceData(QStringLiteral("xlsx/damaged-sheet.xlsx"));
    auto conn = openOrFail(fileUri(QStringLiteral("xlsx"), path));
    ASSERT_TRUE(conn);
    auto tables = conn->listTables();
    ASSERT_TRUE(tables.ok());
    ASSERT_EQ(tables->size(), 3);
    const TableInfo &products = tables->at(0);
    EXPECT_EQ(products.error.code, QStringLiteral("source.corrupt"));
    EXPECT_TRUE(products.error.message.contains(path)) << products.error.message.toStdString();
    EXPECT_TRUE(products.error.message.contains(QStringLiteral("xl/worksheets/sheet1.xml")));
    EXPECT_TRUE(tables->at(1).error.code.isEmpty());
    const Drained plain = drain(*conn, QStringLiteral("Plain"));
    EXPECT_EQ(plain.rows.size(), 3);
    auto reader = conn->openReader(QStringLiteral("Products"));
    ASSERT_FALSE(reader.ok());
    EXPECT_TRUE(reader.error().message.contains(QStringLiteral("CRC")));
}
