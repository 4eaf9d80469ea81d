#include "SourceTestData.h"

#include <QTemporaryDir>

#include <sqlite3.h>

#include <gtest/gtest.h>

using namespace ferry;
using namespace ferry::testing;

namespace {

std::unique_ptr<SourceConnection> chinook()
{
    const QString path = sharedFixture(QStringLiteral("chinook.sqlite"));
    if (!QFileInfo::exists(path))
        return nullptr;
    return openOrFail(fileUri(QStringLiteral("sqlite"), path));
}

#define REQUIRE_CHINOOK(conn)                                                                                \
    auto conn = chinook();                                                                                   \
    if (!conn)                                                                                               \
    GTEST_SKIP() << "../shared/fixtures/chinook.sqlite is not available"

} // namespace

TEST(SqliteSource, ChinookTablesAndExactCounts)
{
    REQUIRE_CHINOOK(conn);
    auto tables = conn->listTables();
    ASSERT_TRUE(tables.ok()) << tables.error().message.toStdString();
    ASSERT_EQ(tables->size(), 11);
    const QMap<QString, qint64> expected = {
        {QStringLiteral("Album"), 347},        {QStringLiteral("Artist"), 275},
        {QStringLiteral("Customer"), 59},      {QStringLiteral("Employee"), 8},
        {QStringLiteral("Genre"), 25},         {QStringLiteral("Invoice"), 412},
        {QStringLiteral("InvoiceLine"), 2240}, {QStringLiteral("MediaType"), 5},
        {QStringLiteral("Playlist"), 18},      {QStringLiteral("PlaylistTrack"), 8715},
        {QStringLiteral("Track"), 3503}};
    for (const TableInfo &t : *tables) {
        EXPECT_EQ(t.kind, TableKind::Table);
        EXPECT_TRUE(t.rowCountExact);
        EXPECT_EQ(t.rowCount, expected.value(t.name, -2)) << t.name.toStdString();
    }
}

TEST(SqliteSource, ColumnsTypesAndKeys)
{
    REQUIRE_CHINOOK(conn);
    const auto tables = *conn->listTables();
    const TableInfo *track = findTable(tables, QStringLiteral("Track"));
    ASSERT_TRUE(track);
    EXPECT_EQ(track->primaryKey, QStringList{QStringLiteral("TrackId")});
    const ColumnInfo &name = track->columns[track->columnIndex(QStringLiteral("Name"))];
    EXPECT_EQ(name.declaredType, QStringLiteral("NVARCHAR(200)"));
    EXPECT_EQ(name.type, ValueType::Text);
    EXPECT_EQ(name.length, 200);
    EXPECT_FALSE(name.nullable);
    const ColumnInfo &price = track->columns[track->columnIndex(QStringLiteral("UnitPrice"))];
    EXPECT_EQ(price.type, ValueType::Decimal);
    EXPECT_EQ(price.precision, 10);
    EXPECT_EQ(price.scale, 2);
    EXPECT_TRUE(track->columns[track->columnIndex(QStringLiteral("Composer"))].nullable);
    EXPECT_EQ(track->columns[track->columnIndex(QStringLiteral("Milliseconds"))].type, ValueType::Int);
    EXPECT_EQ(track->foreignKeys.size(), 3);

    const TableInfo *employee = findTable(tables, QStringLiteral("Employee"));
    ASSERT_TRUE(employee);
    EXPECT_EQ(employee->columns[employee->columnIndex(QStringLiteral("HireDate"))].type, ValueType::DateTime);
    ASSERT_EQ(employee->foreignKeys.size(), 1);
    EXPECT_EQ(employee->foreignKeys[0].columns, QStringList{QStringLiteral("ReportsTo")});
    EXPECT_EQ(employee->foreignKeys[0].referencedTable, QStringLiteral("Employee")); // self-reference
    EXPECT_EQ(employee->foreignKeys[0].referencedColumns, QStringList{QStringLiteral("EmployeeId")});

    const TableInfo *pt = findTable(tables, QStringLiteral("PlaylistTrack"));
    ASSERT_TRUE(pt);
    EXPECT_EQ(pt->primaryKey, (QStringList{QStringLiteral("PlaylistId"), QStringLiteral("TrackId")}));
    ASSERT_EQ(pt->foreignKeys.size(), 2);
    QStringList targets;
    for (const auto &fk : pt->foreignKeys)
        targets << fk.referencedTable;
    targets.sort();
    EXPECT_EQ(targets, (QStringList{QStringLiteral("Playlist"), QStringLiteral("Track")}));
    EXPECT_TRUE(pt->uniqueKeys.isEmpty()); // the PK's own index is not a separate unique key
}

TEST(SqliteSource, StreamsRowsInRowidOrderWithTypedValues)
{
    REQUIRE_CHINOOK(conn);
    const Drained d = drain(*conn, QStringLiteral("Track"), {}, 1000);
    ASSERT_EQ(d.rows.size(), 3503);
    EXPECT_EQ(d.batches, 4);
    EXPECT_EQ(d.rows[0][0], Value::fromInt(1));
    EXPECT_EQ(d.rows[0][1], Value::fromText(QStringLiteral("For Those About To Rock (We Salute You)")));
    EXPECT_EQ(d.rows[0][8], Value::fromDecimal(QStringLiteral("0.99")));
    EXPECT_EQ(d.rows[3502][0], Value::fromInt(3503));
    for (qsizetype i = 1; i < d.rows.size(); ++i)
        ASSERT_LT(d.rows[i - 1][0].toInt(), d.rows[i][0].toInt());

    const Drained inv = drain(*conn, QStringLiteral("Invoice"), {}, 500);
    ASSERT_EQ(inv.rows.size(), 412);
    EXPECT_EQ(inv.columns[2].name, QStringLiteral("InvoiceDate"));
    EXPECT_EQ(inv.rows[0][2], Value::fromDateTime(QDateTime(QDate(2021, 1, 1), QTime(0, 0), Qt::UTC)));
    EXPECT_EQ(inv.rows[0][8], Value::fromDecimal(QStringLiteral("1.98")));

    // Non-ASCII text survives.
    const Drained artists = drain(*conn, QStringLiteral("Artist"), {}, 100);
    bool found = false;
    for (const auto &r : artists.rows)
        found = found || r[1].toText() == QString::fromUtf8("Antônio Carlos Jobim");
    EXPECT_TRUE(found);
}

TEST(SqliteSource, ViewsCompositeForeignKeysAndStoredValuesThatDoNotFitTheirType)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("t.sqlite"));
    {
        sqlite3 *db = nullptr;
        ASSERT_EQ(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
        const char *sql =
            "CREATE TABLE parent(a INTEGER, b TEXT, name VARCHAR(10) UNIQUE, PRIMARY KEY(a, b));"
            "CREATE TABLE child(id INTEGER PRIMARY KEY, pa INTEGER, pb TEXT, amount DECIMAL(8,3), flag "
            "BOOLEAN,"
            " raw BLOB, born DATE, anything, FOREIGN KEY(pa, pb) REFERENCES parent);"
            "CREATE TABLE kv(k TEXT PRIMARY KEY, v REAL) WITHOUT ROWID;"
            "INSERT INTO parent VALUES (1, 'x', 'one');"
            "INSERT INTO child VALUES (1, 1, 'x', 2.5, 1, x'00ff', '2024-02-29', 'free');"
            "INSERT INTO child VALUES (2, 1, 'x', 'n/a', 0, NULL, 'someday', 42);"
            "INSERT INTO kv VALUES ('b', 2.0), ('a', 1.5);"
            "CREATE VIEW v AS SELECT id, amount FROM child;";
        char *err = nullptr;
        ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &err), SQLITE_OK) << err;
        sqlite3_close(db);
    }
    auto conn = openOrFail(fileUri(QStringLiteral("sqlite"), path));
    ASSERT_TRUE(conn);
    const auto tables = *conn->listTables();
    ASSERT_EQ(tables.size(), 4);
    const TableInfo *parent = findTable(tables, QStringLiteral("parent"));
    ASSERT_TRUE(parent);
    EXPECT_EQ(parent->primaryKey, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    ASSERT_EQ(parent->uniqueKeys.size(), 1);
    EXPECT_EQ(parent->uniqueKeys[0].columns, QStringList{QStringLiteral("name")});
    const TableInfo *child = findTable(tables, QStringLiteral("child"));
    ASSERT_TRUE(child);
    ASSERT_EQ(child->foreignKeys.size(), 1);
    EXPECT_EQ(child->foreignKeys[0].columns, (QStringList{QStringLiteral("pa"), QStringLiteral("pb")}));
    // "REFERENCES parent" without columns means the parent's (composite) primary key.
    EXPECT_EQ(child->foreignKeys[0].referencedColumns,
              (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    EXPECT_EQ(child->columns[3].type, ValueType::Decimal);
    EXPECT_EQ(child->columns[3].scale, 3);
    EXPECT_EQ(child->columns[4].type, ValueType::Bool);
    EXPECT_EQ(child->columns[5].type, ValueType::Bytes);
    EXPECT_EQ(child->columns[6].type, ValueType::Date);
    EXPECT_EQ(child->columns[7].type, ValueType::Null); // no declared type
    EXPECT_FALSE(child->columns[0].nullable);
    const TableInfo *view = findTable(tables, QStringLiteral("v"));
    ASSERT_TRUE(view);
    EXPECT_EQ(view->kind, TableKind::View);
    EXPECT_EQ(view->rowCount, 2);

    const Drained d = drain(*conn, QStringLiteral("child"));
    ASSERT_EQ(d.rows.size(), 2);
    EXPECT_EQ(d.rows[0][3], Value::fromDecimal(QStringLiteral("2.500")));
    EXPECT_EQ(d.rows[0][4], Value::fromBool(true));
    EXPECT_EQ(d.rows[0][5], Value::fromBytes(QByteArray("\x00\xff", 2)));
    EXPECT_EQ(d.rows[0][6], Value::fromDate(QDate(2024, 2, 29)));
    // What SQLite stored wins over the declared type when it does not fit: nothing is lost.
    EXPECT_EQ(d.rows[1][3], Value::fromText(QStringLiteral("n/a")));
    EXPECT_EQ(d.rows[1][6], Value::fromText(QStringLiteral("someday")));
    EXPECT_EQ(d.rows[1][7], Value::fromInt(42));

    const Drained kv = drain(*conn, QStringLiteral("kv"));
    ASSERT_EQ(kv.rows.size(), 2);
    EXPECT_EQ(kv.rows[0][0], Value::fromText(QStringLiteral("a"))); // WITHOUT ROWID: key order
    const Drained v = drain(*conn, QStringLiteral("v"));
    EXPECT_EQ(v.rows.size(), 2);
    EXPECT_EQ(conn->openReader(QStringLiteral("missing")).error().code,
              QStringLiteral("source.no-such-table"));
}

TEST(SqliteSource, NotADatabaseIsAnErrorNamingTheFile)
{
    const QString path = sourceData(QStringLiteral("csv/ragged.csv"));
    auto r = openSource(fileUri(QStringLiteral("sqlite"), path));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("source.corrupt"));
    EXPECT_TRUE(r.error().message.contains(path));
    auto missing = openSource(fileUri(QStringLiteral("sqlite"), QStringLiteral("/nonexistent/x.sqlite")));
    EXPECT_EQ(missing.error().code, QStringLiteral("source.not-found"));
}

TEST(SourceConnection, InvalidUrisFailBeforeAnythingIsOpened)
{
    EXPECT_EQ(openSource(QStringLiteral("nonsense")).error().code, QStringLiteral("source.uri-invalid"));
    EXPECT_EQ(openSource(QStringLiteral("mysql://u@h/db")).error().code,
              QStringLiteral("source.uri-unknown-kind"));
}
