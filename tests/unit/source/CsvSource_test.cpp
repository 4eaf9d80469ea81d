#include "SourceTestData.h"

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::testing;

namespace {

std::unique_ptr<SourceConnection> csv(const QString &rel, const QString &query = {})
{
    return openOrFail(fileUri(QStringLiteral("csv"), sourceData(rel), query));
}

} // namespace

TEST(CsvSource, FolderIsADatabaseOfTables)
{
    auto conn = csv(QStringLiteral("csv/folder"));
    ASSERT_TRUE(conn);
    auto tables = conn->listTables();
    ASSERT_TRUE(tables.ok()) << tables.error().message.toStdString();
    QStringList names;
    for (const TableInfo &t : *tables) {
        names << t.name;
        EXPECT_EQ(t.kind, TableKind::File);
        EXPECT_TRUE(t.error.code.isEmpty()) << t.error.message.toStdString();
    }
    EXPECT_EQ(names, (QStringList{QStringLiteral("customers"), QStringLiteral("orders"),
                                  QStringLiteral("products"), QStringLiteral("readings")}));
    const TableInfo *customers = findTable(*tables, QStringLiteral("customers"));
    ASSERT_TRUE(customers);
    EXPECT_EQ(customers->rowCount, 4);
    EXPECT_TRUE(customers->rowCountExact);
    EXPECT_EQ(columnNames(customers->columns),
              (QStringList{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("city"),
                           QStringLiteral("joined"), QStringLiteral("balance"), QStringLiteral("vip")}));
    EXPECT_EQ(customers->columns[0].type, ValueType::Int);
    EXPECT_EQ(customers->columns[1].type, ValueType::Text);
    EXPECT_EQ(customers->columns[3].type, ValueType::Date);
    EXPECT_EQ(customers->columns[4].type, ValueType::Decimal);
    EXPECT_EQ(customers->columns[5].type, ValueType::Bool);
    EXPECT_TRUE(customers->columns[0].inferred);
    EXPECT_EQ(conn->openReader(QStringLiteral("nope")).error().code, QStringLiteral("source.no-such-table"));
}

TEST(CsvSource, Utf8BomEmbeddedNewlinesAndDoubledQuotes)
{
    auto conn = csv(QStringLiteral("csv/folder"));
    ASSERT_TRUE(conn);
    const TableInfo t = *findTable(*conn->listTables(), QStringLiteral("customers"));
    EXPECT_EQ(t.properties.value(QStringLiteral("encoding")), QStringLiteral("utf-8"));
    EXPECT_EQ(t.properties.value(QStringLiteral("bom")), QStringLiteral("yes"));
    EXPECT_EQ(t.properties.value(QStringLiteral("delimiter")), QStringLiteral(","));
    EXPECT_EQ(t.properties.value(QStringLiteral("header")), QStringLiteral("yes"));
    const Drained d = drain(*conn, QStringLiteral("customers"));
    ASSERT_EQ(d.rows.size(), 4);
    EXPECT_TRUE(d.issues.isEmpty());
    EXPECT_EQ(d.columns[0].name, QStringLiteral("id")); // the BOM is not part of the first name
    EXPECT_EQ(d.rows[0][1].toText(), QStringLiteral("Smith, Anna"));
    EXPECT_EQ(d.rows[0][2].toText(), QString::fromUtf8("Z\xc3\xbcrich"));
    EXPECT_EQ(d.rows[1][1].toText(), QStringLiteral("Line one\nline two"));
    EXPECT_EQ(d.rows[2][1].toText(), QStringLiteral("He said \"hi\""));
    EXPECT_EQ(d.rows[3][1].toText(), QStringLiteral("multi\r\nline CRLF"));
    // Line numbers are where each record starts, counting the embedded line breaks.
    EXPECT_EQ(d.rowNumbers, (QList<qint64>{2, 3, 5, 6}));
    // Types: typed values, exact decimals, empty unquoted = null, "" quoted = empty text.
    EXPECT_EQ(d.rows[0][0], Value::fromInt(1));
    EXPECT_EQ(d.rows[0][3], Value::fromDate(QDate(2021, 3, 4)));
    EXPECT_EQ(d.rows[0][4], Value::fromDecimal(QStringLiteral("12.50")));
    EXPECT_EQ(d.rows[1][4], Value::fromDecimal(QStringLiteral("-3.75")));
    EXPECT_EQ(d.rows[2][5], Value::fromBool(true));
    EXPECT_TRUE(d.rows[2][2].isNull());
    EXPECT_EQ(d.rows[3][2], Value::fromText(QString()));
}

TEST(CsvSource, Windows1252SemicolonAndUtf16TabFiles)
{
    auto conn = csv(QStringLiteral("csv/folder"));
    ASSERT_TRUE(conn);
    const auto tables = *conn->listTables();
    const TableInfo *orders = findTable(tables, QStringLiteral("orders"));
    ASSERT_TRUE(orders);
    EXPECT_EQ(orders->properties.value(QStringLiteral("encoding")), QStringLiteral("windows-1252"));
    EXPECT_EQ(orders->properties.value(QStringLiteral("delimiter")), QStringLiteral(";"));
    const Drained o = drain(*conn, QStringLiteral("orders"));
    ASSERT_EQ(o.rows.size(), 3);
    EXPECT_EQ(o.rows[0][3].toText(), QString::fromUtf8("Caf\xc3\xa9 \xe2\x82\xac"));
    EXPECT_EQ(o.rows[1][3].toText(), QString::fromUtf8("na\xc3\xafve \xe2\x80\x93 test"));
    EXPECT_EQ(o.rows[1][2], Value::fromDecimal(QStringLiteral("5")));

    const TableInfo *products = findTable(tables, QStringLiteral("products"));
    ASSERT_TRUE(products);
    EXPECT_EQ(products->properties.value(QStringLiteral("encoding")), QStringLiteral("utf-16le"));
    EXPECT_EQ(products->properties.value(QStringLiteral("delimiter")), QStringLiteral("tab"));
    const Drained p = drain(*conn, QStringLiteral("products"));
    ASSERT_EQ(p.rows.size(), 2);
    EXPECT_EQ(p.rows[0][1].toText(), QString::fromUtf8("Tee \xe2\x98\x95"));
    EXPECT_EQ(p.rows[1][2], Value::fromDecimal(QStringLiteral("0.4")));
}

TEST(CsvSource, PipeDelimitedWithoutHeader)
{
    auto conn = csv(QStringLiteral("csv/folder"));
    ASSERT_TRUE(conn);
    const auto tables = *conn->listTables();
    const TableInfo *t = findTable(tables, QStringLiteral("readings"));
    ASSERT_TRUE(t);
    EXPECT_EQ(t->properties.value(QStringLiteral("delimiter")), QStringLiteral("|"));
    EXPECT_EQ(t->properties.value(QStringLiteral("header")), QStringLiteral("no"));
    EXPECT_EQ(columnNames(t->columns),
              (QStringList{QStringLiteral("column1"), QStringLiteral("column2"), QStringLiteral("column3")}));
    EXPECT_EQ(t->columns[1].type, ValueType::Decimal);
    EXPECT_EQ(t->columns[2].type, ValueType::DateTime);
    const Drained d = drain(*conn, QStringLiteral("readings"));
    ASSERT_EQ(d.rows.size(), 3);
    EXPECT_EQ(d.rows[2][2], Value::fromDateTime(QDateTime(QDate(2024, 1, 1), QTime(12, 30), Qt::UTC)));
}

TEST(CsvSource, Utf16BigEndianAndBomlessLittleEndian)
{
    auto be = csv(QStringLiteral("csv/utf16be.csv"));
    ASSERT_TRUE(be);
    const TableInfo t = be->listTables()->first();
    EXPECT_EQ(t.properties.value(QStringLiteral("encoding")), QStringLiteral("utf-16be"));
    const Drained d = drain(*be, t.name);
    ASSERT_EQ(d.rows.size(), 2);
    EXPECT_EQ(d.rows[1][1], Value::fromInt(4));

    auto le = csv(QStringLiteral("csv/utf16le-nobom.csv"));
    ASSERT_TRUE(le);
    const TableInfo l = le->listTables()->first();
    EXPECT_EQ(l.properties.value(QStringLiteral("encoding")), QStringLiteral("utf-16le"));
    EXPECT_EQ(l.properties.value(QStringLiteral("bom")), QStringLiteral("no"));
    const Drained ld = drain(*le, l.name);
    ASSERT_EQ(ld.rows.size(), 2);
    EXPECT_EQ(ld.rows[0][0].toText(), QStringLiteral("bolt"));
}

TEST(CsvSource, ExplicitOptionsOverrideDetection)
{
    // Read the Windows-1252 file as if it were Latin-1 named explicitly, and force no header.
    auto conn = csv(QStringLiteral("csv/folder/orders.csv"),
                    QStringLiteral("encoding=cp1252&header=no&delimiter=%3B"));
    ASSERT_TRUE(conn);
    const Drained d = drain(*conn, QStringLiteral("orders"));
    ASSERT_EQ(d.rows.size(), 4);
    EXPECT_EQ(d.rows[0][0].toText(), QStringLiteral("order"));
    EXPECT_EQ(d.rows[0][0].type(), ValueType::Text);
    // A wrong delimiter gives one column per line, nothing lost.
    auto comma = csv(QStringLiteral("csv/folder/orders.csv"), QStringLiteral("delimiter=,&typed=no"));
    const Drained c = drain(*comma, QStringLiteral("orders"));
    ASSERT_EQ(c.columns.size(), 1);
    EXPECT_EQ(c.rows[2][0], Value::fromText(QStringLiteral("12;1;7.25;")));
    // An unknown encoding name is an error naming the file.
    auto bad = openSource(fileUri(QStringLiteral("csv"), sourceData(QStringLiteral("csv/ragged.csv")),
                                  QStringLiteral("encoding=ebcdic")));
    ASSERT_TRUE(bad.ok());
    auto r = (*bad)->openReader(QStringLiteral("ragged"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("source.encoding"));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("ragged.csv")));
}

TEST(CsvSource, HeaderDetection)
{
    auto noHeader = csv(QStringLiteral("csv/noheader-text.csv"));
    const TableInfo a = noHeader->listTables()->first();
    EXPECT_EQ(a.properties.value(QStringLiteral("header")), QStringLiteral("no"));
    EXPECT_EQ(a.rowCount, 3);
    auto header = csv(QStringLiteral("csv/header-text.csv"));
    const TableInfo b = header->listTables()->first();
    EXPECT_EQ(b.properties.value(QStringLiteral("header")), QStringLiteral("yes"));
    EXPECT_EQ(columnNames(b.columns), (QStringList{QStringLiteral("name"), QStringLiteral("city")}));
    EXPECT_EQ(b.rowCount, 2);
}

TEST(CsvSource, LeadingZerosStayTextAndHugeIntegersStayExact)
{
    auto conn = csv(QStringLiteral("csv/numbers.csv"));
    const Drained d = drain(*conn, QStringLiteral("numbers"));
    ASSERT_EQ(d.rows.size(), 2);
    EXPECT_EQ(d.columns[0].type, ValueType::Text);
    EXPECT_EQ(d.rows[0][0], Value::fromText(QStringLiteral("01234")));
    EXPECT_EQ(d.columns[1].type, ValueType::Decimal);
    EXPECT_EQ(d.rows[0][1].toText(), QStringLiteral("123456789012345678901234"));
    EXPECT_EQ(d.columns[2].type, ValueType::Double);
    EXPECT_DOUBLE_EQ(d.rows[1][2].toDouble(), 0.25);
}

TEST(CsvSource, StrayQuotesAreReportedWithLineAndRawTextAndTheRestIsRead)
{
    auto conn = csv(QStringLiteral("csv/stray-quote.csv"));
    ASSERT_TRUE(conn);
    const Drained d = drain(*conn, QStringLiteral("stray-quote"), {}, 2);
    QStringList ids;
    for (const auto &r : d.rows)
        ids << r[0].toText();
    EXPECT_EQ(ids, (QStringList{QStringLiteral("1"), QStringLiteral("3"), QStringLiteral("5"),
                                QStringLiteral("8"), QStringLiteral("9")}));
    EXPECT_EQ(d.rows[2][1].toText(), QStringLiteral("multi\nline"));
    EXPECT_EQ(d.rowNumbers, (QList<qint64>{2, 4, 6, 9, 10}));
    ASSERT_EQ(d.issues.size(), 3);
    EXPECT_EQ(d.issues[0].line, 3);
    EXPECT_EQ(d.issues[0].raw, QStringLiteral("2,5\" pipe,20"));
    EXPECT_FALSE(d.issues[0].rowKept);
    EXPECT_TRUE(d.issues[0].reason.contains(QStringLiteral("stray quote")));
    EXPECT_EQ(d.issues[1].line, 5);
    EXPECT_EQ(d.issues[1].raw, QStringLiteral("4,\"quoted\"x,40"));
    EXPECT_EQ(d.issues[2].line, 8);
    EXPECT_EQ(d.issues[2].raw, QStringLiteral("7,\"never closed,70"));
    EXPECT_TRUE(d.issues[2].reason.contains(QStringLiteral("never closed")));
    // Nothing vanished: every data line is either a row or an issue.
    EXPECT_EQ(d.rows.size() + d.issues.size(), 8);
}

TEST(CsvSource, RaggedRecordsAreKeptAndReported)
{
    auto conn = csv(QStringLiteral("csv/ragged.csv"));
    const Drained d = drain(*conn, QStringLiteral("ragged"));
    ASSERT_EQ(d.rows.size(), 3);
    EXPECT_TRUE(d.rows[1][2].isNull());
    EXPECT_EQ(d.rows[2][2], Value::fromInt(8));
    ASSERT_EQ(d.issues.size(), 2);
    EXPECT_EQ(d.issues[0].line, 3);
    EXPECT_EQ(d.issues[0].raw, QStringLiteral("4,5"));
    EXPECT_TRUE(d.issues[0].rowKept);
    EXPECT_EQ(d.issues[1].line, 4);
    EXPECT_EQ(d.issues[1].raw, QStringLiteral("6,7,8,9"));
}

TEST(CsvSource, UnknownEncodingsAreErrorsNamingTheFileButTheFolderStillLists)
{
    auto conn = csv(QStringLiteral("csv-bad"));
    ASSERT_TRUE(conn);
    auto tables = conn->listTables();
    ASSERT_TRUE(tables.ok());
    ASSERT_EQ(tables->size(), 3);
    const TableInfo *binary = findTable(*tables, QStringLiteral("binary"));
    ASSERT_TRUE(binary);
    EXPECT_EQ(binary->error.code, QStringLiteral("source.encoding"));
    EXPECT_TRUE(binary->error.message.contains(QStringLiteral("binary.csv")))
        << binary->error.message.toStdString();
    EXPECT_TRUE(binary->error.message.contains(QStringLiteral("unknown encoding")));
    const TableInfo *utf16 = findTable(*tables, QStringLiteral("bad-utf16"));
    ASSERT_TRUE(utf16);
    // The surrogate error shows up when the text is decoded (at open, for this small file).
    auto r = conn->openReader(QStringLiteral("bad-utf16"));
    const Error err = r.ok() ? utf16->error : r.error();
    EXPECT_EQ(err.code, QStringLiteral("source.encoding"));
    EXPECT_TRUE(err.message.contains(QStringLiteral("bad-utf16.csv"))) << err.message.toStdString();
    const TableInfo *good = findTable(*tables, QStringLiteral("good"));
    ASSERT_TRUE(good);
    EXPECT_TRUE(good->error.code.isEmpty());
    EXPECT_EQ(good->rowCount, 1);
}

TEST(CsvSource, MissingFileOrFolderIsAnError)
{
    auto r = openSource(fileUri(QStringLiteral("csv"), QStringLiteral("/nonexistent/ferry/x.csv")));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("source.not-found"));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("/nonexistent/ferry/x.csv")));
}

TEST(CsvSource, LargeFileStreamsInBatchesWithEstimatedCount)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("big.csv"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("id,name,amount,when\n");
    const int n = 60000;
    QByteArray chunk;
    for (int i = 1; i <= n; ++i) {
        chunk += QByteArray::number(i) + ",\"name " + QByteArray::number(i) + ", with comma\"," +
                 QByteArray::number(i % 1000) + "." + QByteArray::number(i % 10) + "5,2024-01-" +
                 QByteArray::number(10 + i % 18) + "\n";
        if (chunk.size() > (1 << 16)) {
            f.write(chunk);
            chunk.clear();
        }
    }
    f.write(chunk);
    f.close();
    auto conn = openOrFail(fileUri(QStringLiteral("csv"), path));
    ASSERT_TRUE(conn);
    const TableInfo t = conn->listTables()->first();
    EXPECT_FALSE(t.rowCountExact);
    EXPECT_GT(t.rowCount, n / 2);
    EXPECT_LT(t.rowCount, n * 2);
    auto reader = conn->openReader(t.name);
    ASSERT_TRUE(reader.ok());
    qint64 rows = 0, sum = 0;
    RowBatch batch;
    for (;;) {
        batch.clear();
        auto more = (*reader)->nextBatch(batch, 5000);
        ASSERT_TRUE(more.ok());
        EXPECT_TRUE(batch.issues.isEmpty());
        for (const auto &r : std::as_const(batch.rows))
            sum += r[0].toInt();
        rows += batch.rows.size();
        if (!*more)
            break;
    }
    EXPECT_EQ(rows, n);
    EXPECT_EQ(sum, qint64(n) * (n + 1) / 2);
}

TEST(CsvSource, EmptyAndHeaderOnlyFiles)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile empty(dir.filePath(QStringLiteral("empty.csv")));
    ASSERT_TRUE(empty.open(QIODevice::WriteOnly));
    empty.close();
    QFile headerOnly(dir.filePath(QStringLiteral("header.csv")));
    ASSERT_TRUE(headerOnly.open(QIODevice::WriteOnly));
    headerOnly.write("a,b,c\r\n");
    headerOnly.close();
    auto conn = openOrFail(fileUri(QStringLiteral("csv"), dir.path()));
    ASSERT_TRUE(conn);
    const auto tables = *conn->listTables();
    ASSERT_EQ(tables.size(), 2);
    const TableInfo *e = findTable(tables, QStringLiteral("empty"));
    ASSERT_TRUE(e);
    EXPECT_EQ(e->rowCount, 0);
    EXPECT_TRUE(e->rowCountExact);
    const TableInfo *h = findTable(tables, QStringLiteral("header"));
    ASSERT_TRUE(h);
    EXPECT_EQ(h->rowCount, 0);
    EXPECT_EQ(columnNames(h->columns),
              (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    EXPECT_TRUE(drain(*conn, QStringLiteral("empty")).rows.isEmpty());
    EXPECT_TRUE(drain(*conn, QStringLiteral("header")).rows.isEmpty());
}

TEST(CsvSource, InvalidUtf8AfterTheSniffedHeadIsReportedAndTheRowKept)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("late.csv"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("id,text\n");
    int line = 1;
    while (f.size() < 200 * 1024) {
        ++line;
        f.write(QByteArray::number(line) + ",plain ascii text here\n");
    }
    f.write(QByteArray::number(++line) + ",caf\xe9 in latin-1\n"); // not UTF-8
    f.write(QByteArray::number(++line) + ",ok\n");
    f.close();
    auto conn = openOrFail(fileUri(QStringLiteral("csv"), path));
    ASSERT_TRUE(conn);
    const Drained d = drain(*conn, QStringLiteral("late"), {}, 5000);
    EXPECT_EQ(d.rows.size(), line - 1);
    ASSERT_EQ(d.issues.size(), 1);
    EXPECT_EQ(d.issues[0].line, line - 1);
    EXPECT_TRUE(d.issues[0].rowKept);
    EXPECT_TRUE(d.issues[0].reason.contains(QStringLiteral("UTF-8")));
    EXPECT_EQ(d.rows[d.rows.size() - 2][1].toText(), QStringLiteral("caf\uFFFD in latin-1"));
}
