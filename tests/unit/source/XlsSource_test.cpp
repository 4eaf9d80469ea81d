#include "SourceTestData.h"

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::testing;

namespace {

QDateTime dt(int y, int mo, int d, int h, int mi, int s)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
}

// FreeXL reports booleans as integers; compare values across readers with that one difference.
Value normalizeBool(const Value &v)
{
    return v.type() == ValueType::Bool ? Value::fromInt(v.toBool() ? 1 : 0) : v;
}

} // namespace

TEST(XlsSource, FreeXlReadsSheetsTitlesTypesAndFootnotes)
{
    auto conn = openOrFail(fileUri(QStringLiteral("xls"), sourceData(QStringLiteral("xls/orders.xls"))));
    ASSERT_TRUE(conn);
    auto tables = conn->listTables();
    ASSERT_TRUE(tables.ok()) << tables.error().message.toStdString();
    ASSERT_EQ(tables->size(), 2);
    const TableInfo &orders = tables->at(0);
    EXPECT_EQ(orders.name, QStringLiteral("Orders"));
    EXPECT_EQ(orders.properties.value(QStringLiteral("reader")), QStringLiteral("freexl"));
    EXPECT_EQ(orders.properties.value(QStringLiteral("titleRows")), QStringLiteral("2"));
    EXPECT_EQ(orders.properties.value(QStringLiteral("footnoteRows")), QStringLiteral("1"));
    EXPECT_EQ(orders.rowCount, 3);
    EXPECT_TRUE(orders.rowCountExact);
    EXPECT_EQ(columnNames(orders.columns),
              (QStringList{QStringLiteral("OrderNo"), QStringLiteral("Customer"), QStringLiteral("Amount"),
                           QStringLiteral("Paid"), QStringLiteral("OrderDate"), QStringLiteral("Shipped")}));
    EXPECT_EQ(orders.columns[0].type, ValueType::Int);
    EXPECT_EQ(orders.columns[2].type, ValueType::Double);
    EXPECT_EQ(orders.columns[4].type, ValueType::Date);
    EXPECT_EQ(orders.columns[5].type, ValueType::DateTime);

    const Drained d = drain(*conn, QStringLiteral("Orders"));
    ASSERT_EQ(d.rows.size(), 3);
    EXPECT_EQ(d.rowNumbers, (QList<qint64>{4, 5, 6}));
    EXPECT_EQ(d.rows[0][0], Value::fromInt(1001));
    EXPECT_EQ(d.rows[0][1], Value::fromText(QString::fromUtf8("M\xc3\xbcller GmbH")));
    EXPECT_EQ(d.rows[1][1], Value::fromText(QString::fromUtf8("\xc5\xa0koda \xe2\x82\xac")));
    EXPECT_EQ(d.rows[0][2], Value::fromDouble(1250.5));
    EXPECT_EQ(d.rows[1][2], Value::fromInt(99));
    EXPECT_EQ(d.rows[1][4], Value::fromDate(QDate(2024, 2, 29)));
    EXPECT_EQ(d.rows[1][5], Value::fromDateTime(dt(2024, 3, 1, 23, 59, 59)));
    ASSERT_EQ(d.issues.size(), 1);
    EXPECT_EQ(d.issues[0].line, 9);
    EXPECT_EQ(d.issues[0].raw, QStringLiteral("(1) Amounts in EUR"));
}

TEST(XlsSource, BuiltinBiff8ReaderAgreesWithFreeXl)
{
    const QString path = sourceData(QStringLiteral("xls/orders.xls"));
    auto freexl = openOrFail(fileUri(QStringLiteral("xls"), path));
    auto biff = openOrFail(fileUri(QStringLiteral("xls"), path, QStringLiteral("reader=biff8")));
    ASSERT_TRUE(freexl && biff);
    const auto tables = *biff->listTables();
    ASSERT_EQ(tables.size(), 2);
    EXPECT_EQ(tables[0].properties.value(QStringLiteral("reader")), QStringLiteral("biff8"));
    for (const QString &sheet : {QStringLiteral("Orders"), QStringLiteral("Strings")}) {
        const Drained a = drain(*freexl, sheet, {}, 50);
        const Drained b = drain(*biff, sheet, {}, 50);
        EXPECT_EQ(columnNames(a.columns), columnNames(b.columns));
        ASSERT_EQ(a.rows.size(), b.rows.size()) << sheet.toStdString();
        EXPECT_EQ(a.rowNumbers, b.rowNumbers);
        for (qsizetype r = 0; r < a.rows.size(); ++r)
            for (qsizetype c = 0; c < a.rows[r].size(); ++c)
                ASSERT_EQ(normalizeBool(a.rows[r][c]), normalizeBool(b.rows[r][c]))
                    << sheet.toStdString() << " row " << r << " col " << c << ": "
                    << a.rows[r][c].toText().toStdString() << " vs " << b.rows[r][c].toText().toStdString();
    }
    // The shared string table spans CONTINUE records; the 3000-character string crosses one.
    const Drained s = drain(*biff, QStringLiteral("Strings"), {}, 500);
    ASSERT_EQ(s.rows.size(), 300);
    EXPECT_EQ(s.rows[149][1].toText().size(), 8 + 3000); // "row 150 " + 3000 characters
    EXPECT_EQ(s.rows[299][1].toText(), QStringLiteral("row 300 ") + QString(40, QLatin1Char('x')));
    EXPECT_EQ(s.rows[0][1].toText(), QStringLiteral("row 1 ") + QString(40, QChar(0xE9)));
    // Booleans are booleans in the built-in reader.
    const Drained o = drain(*biff, QStringLiteral("Orders"));
    EXPECT_EQ(o.rows[0][3], Value::fromBool(true));
}

TEST(XlsSource, CensusWorkbookThirtySheetsTitlesHeaderAndKnownValues)
{
    const QString path = sharedFixture(QStringLiteral("census-retail-sales.xls"));
    if (!QFileInfo::exists(path))
        GTEST_SKIP() << "../shared/fixtures/census-retail-sales.xls is not available";
    auto conn = openOrFail(fileUri(QStringLiteral("xls"), path));
    ASSERT_TRUE(conn);
    auto tables = conn->listTables();
    ASSERT_TRUE(tables.ok()) << tables.error().message.toStdString();
    ASSERT_EQ(tables->size(), 30);
    EXPECT_EQ(tables->first().name, QStringLiteral("2021"));
    EXPECT_EQ(tables->last().name, QStringLiteral("1992"));
    for (const TableInfo &t : *tables)
        EXPECT_TRUE(t.error.code.isEmpty()) << t.name.toStdString() << ": " << t.error.message.toStdString();

    const TableInfo &y2021 = tables->first();
    // Two title rows and a blank row above a header spread over two rows.
    EXPECT_EQ(y2021.properties.value(QStringLiteral("titleRows")), QStringLiteral("3"));
    EXPECT_EQ(y2021.properties.value(QStringLiteral("headerRows")), QStringLiteral("2"));
    EXPECT_EQ(y2021.properties.value(QStringLiteral("firstDataRow")), QStringLiteral("6"));
    EXPECT_EQ(columnNames(y2021.columns),
              (QStringList{QStringLiteral("NAICS Code"), QStringLiteral("Kind of Business"),
                           QStringLiteral("Jan. 2021"), QStringLiteral("Feb. 2021(p)"),
                           QStringLiteral("CY CUM"), QStringLiteral("PY CUM")}));
    EXPECT_EQ(y2021.rowCount, 105);
    EXPECT_EQ(y2021.properties.value(QStringLiteral("footnoteRows")), QStringLiteral("8"));

    const Drained d = drain(*conn, QStringLiteral("2021"), {}, 40);
    ASSERT_EQ(d.rows.size(), 105);
    EXPECT_EQ(d.rows[0][1].toText().trimmed(), QStringLiteral("NOT ADJUSTED"));
    // Values checked against xlrd: row 14 (NAICS 441, motor vehicle and parts dealers).
    bool found441 = false;
    for (qsizetype i = 0; i < d.rows.size(); ++i) {
        if (d.rows[i][0] == Value::fromInt(441) && !found441) {
            found441 = true;
            EXPECT_EQ(d.rowNumbers[i], 14);
            EXPECT_TRUE(d.rows[i][1].toText().startsWith(QStringLiteral("Motor vehicle and parts dealers")));
            EXPECT_EQ(d.rows[i][2], Value::fromInt(104255));
            EXPECT_EQ(d.rows[i][3], Value::fromInt(102844));
        }
    }
    EXPECT_TRUE(found441);
    EXPECT_EQ(d.rows[1][2], Value::fromInt(517119)); // retail and food services total, Jan. 2021
    EXPECT_EQ(d.rows[9][0], Value::fromText(QStringLiteral("4411,4412"))); // codes may be text
    EXPECT_EQ(d.rows[17][2], Value::fromText(QStringLiteral("(S)")));      // suppressed estimate
    // The footnotes are reported, not read as data and not dropped silently.
    ASSERT_EQ(d.issues.size(), 8);
    EXPECT_EQ(d.issues.first().line, 112);
    EXPECT_EQ(d.issues.first().raw, QStringLiteral("(p) Preliminary estimate"));
    for (const RowIssue &i : d.issues)
        EXPECT_FALSE(i.rowKept);
}

TEST(XlsSource, TruncatedAndWrongFilesAreErrorsNamingTheFile)
{
    const QString path = sourceData(QStringLiteral("xls/truncated.xls"));
    auto r = openSource(fileUri(QStringLiteral("xls"), path));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("source.corrupt"));
    EXPECT_TRUE(r.error().message.contains(path)) << r.error().message.toStdString();
    auto text = openSource(fileUri(QStringLiteral("xls"), sourceData(QStringLiteral("csv/ragged.csv"))));
    ASSERT_FALSE(text.ok());
    EXPECT_TRUE(text.error().message.contains(QStringLiteral("ragged.csv")));
}

TEST(XlsSource, PasswordProtectedXlsIsAnErrorNamingTheFile)
{
    const QString path = sourceData(QStringLiteral("xls/protected.xls"));
    for (const QString &query : {QString(), QStringLiteral("reader=biff8")}) {
        auto r = openSource(fileUri(QStringLiteral("xls"), path, query));
        ASSERT_FALSE(r.ok()) << query.toStdString();
        EXPECT_EQ(r.error().code, QStringLiteral("source.encrypted")) << r.error().message.toStdString();
        EXPECT_TRUE(r.error().message.contains(path));
    }
}
