// Catalog discovery against the real PostgreSQL server that pg-fixture.sh starts (CTest fixture ferry_pg).

#include <ferry/catalog/CatalogStore.h>
#include <ferry/catalog/Discovery.h>
#include <ferry/workspace/Workspace.h>

#include "source/QtSqlSource.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThreadPool>

#include <gtest/gtest.h>

using namespace ferry;

// Readable QString values in failure messages.
static void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}

namespace {

struct Server
{
    QString host, user, password, db;
    int port = 0;
};

const Server &server()
{
    static const Server s = [] {
        Server out;
        QFile f(QStringLiteral(FERRY_PG_ENV));
        if (!f.open(QIODevice::ReadOnly))
            return out;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QString l = QString::fromUtf8(line).trimmed();
            const QString key = l.section(QLatin1Char('='), 0, 0), value = l.section(QLatin1Char('='), 1);
            if (key == "FERRY_PG_HOST")
                out.host = value;
            else if (key == "FERRY_PG_PORT")
                out.port = value.toInt();
            else if (key == "FERRY_PG_USER")
                out.user = value;
            else if (key == "FERRY_PG_PASSWORD")
                out.password = value;
            else if (key == "FERRY_PG_DB")
                out.db = value;
        }
        // The DSN "ferry_pg" and the psqlODBC driver entry live in the fixture folder.
        qputenv("ODBCINI", QByteArrayLiteral(FERRY_PG_FIXTURE_DIR "/odbc.ini"));
        qputenv("ODBCSYSINI", QByteArrayLiteral(FERRY_PG_FIXTURE_DIR));
        return out;
    }();
    return s;
}

class PgCatalogTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (server().port == 0)
            GTEST_FAIL() << "no fixture server: " << FERRY_PG_ENV << " is missing (run through ctest)";
    }

    static SourceUri pgUri(const QString &query = {})
    {
        return SourceUri::parse(QStringLiteral("postgresql://%1@%2:%3/%4%5")
                                    .arg(server().user, server().host)
                                    .arg(server().port)
                                    .arg(server().db, query.isEmpty() ? QString() : "?" + query))
            .value();
    }
    static SourceUri odbcUri(const QString &query = {})
    {
        return SourceUri::parse(QStringLiteral("odbc://%1@ferry_pg%2")
                                    .arg(server().user, query.isEmpty() ? QString() : "?" + query))
            .value();
    }
    static DiscoveryResult discover(const SourceUri &uri, bool profile = false)
    {
        DiscoveryOptions options;
        options.password = server().password;
        options.profile = profile;
        return Discovery::run(uri, options);
    }
};

QStringList names(const QList<CatalogTable> &tables)
{
    QStringList out;
    for (const CatalogTable &t : tables)
        out << t.name;
    return out;
}

// What every path (QPSQL, QODBC) must find in the fixture schema.
void expectFixtureCatalog(const DiscoveryResult &r, bool exactTypes)
{
    ASSERT_TRUE(r.error.code.isEmpty()) << r.error.message.toStdString();
    const Catalog &c = r.catalog;
    EXPECT_EQ(names(c.tables), (QStringList{"album", "album_titles", "artist", "employee", "payroll", "stock",
                                            "track", "warehouse"}));
    EXPECT_EQ(c.table("album_titles")->kind, TableKind::View);
    EXPECT_EQ(c.table("album_titles")->rowCount, 3);

    const CatalogTable *track = c.table("track");
    ASSERT_NE(track, nullptr);
    EXPECT_EQ(track->rowCount, 5);
    EXPECT_TRUE(track->rowCountExact);
    EXPECT_EQ(track->primaryKey, QStringList{"track_id"});
    EXPECT_EQ(track->column("track_id")->info.type, ValueType::Int);
    EXPECT_FALSE(track->column("track_id")->info.nullable);
    const ColumnInfo &price = track->column("unit_price")->info;
    EXPECT_EQ(price.type, ValueType::Decimal);
    EXPECT_EQ(price.precision, 10);
    EXPECT_EQ(price.scale, 2);
    EXPECT_EQ(track->column("name")->info.type, ValueType::Text);

    const CatalogTable *stock = c.table("stock");
    ASSERT_NE(stock, nullptr);
    ForeignKeyInfo composite;
    for (const ForeignKeyInfo &fk : stock->foreignKeys)
        if (fk.name == "stock_warehouse_fk")
            composite = fk;
    EXPECT_EQ(composite.referencedTable, "warehouse");
    EXPECT_EQ(composite.columns, (QStringList{"warehouse_code", "region"}))
        << "composite FK in declared order";
    EXPECT_EQ(composite.referencedColumns, (QStringList{"code", "region"}));
    ASSERT_EQ(stock->uniqueKeys.size(), 1);
    EXPECT_EQ(stock->uniqueKeys[0].columns, (QStringList{"region", "warehouse_code", "track_id"}));
    EXPECT_EQ(c.table("warehouse")->primaryKey, (QStringList{"region", "code"}));

    const CatalogTable *employee = c.table("employee");
    if (exactTypes) {
        EXPECT_EQ(price.declaredType, "numeric(10,2)");
        EXPECT_EQ(track->column("unit_price")->defaultValue, "0.99");
        EXPECT_EQ(employee->column("active")->defaultValue, "true");
        EXPECT_EQ(employee->column("hired_at")->info.declaredType, "timestamp without time zone");
        EXPECT_EQ(c.table("artist")->column("name")->info.declaredType, "character varying(120)");
    }
    EXPECT_EQ(c.table("artist")->column("name")->info.length, 120);
    EXPECT_EQ(employee->column("active")->info.type, ValueType::Bool);
    EXPECT_EQ(employee->column("hired_at")->info.type, ValueType::DateTime);
    EXPECT_EQ(employee->column("badge")->info.type, ValueType::Text);
    EXPECT_EQ(c.table("album")->column("released")->info.type, ValueType::Date);

    // The table the test role cannot read is reported; every other one is described.
    ASSERT_EQ(r.tableErrors.size(), 1);
    EXPECT_EQ(r.tableErrors[0].table, "payroll");
    EXPECT_TRUE(r.tableErrors[0].error.message.contains("permission denied"))
        << r.tableErrors[0].error.message.toStdString();

    const LoadPlan &plan = r.loadPlan;
    EXPECT_LT(plan.indexOf("artist"), plan.indexOf("album"));
    EXPECT_LT(plan.indexOf("album"), plan.indexOf("track"));
    EXPECT_LT(plan.indexOf("track"), plan.indexOf("stock"));
    EXPECT_LT(plan.indexOf("warehouse"), plan.indexOf("stock"));
    ASSERT_EQ(plan.deferred.size(), 1);
    EXPECT_EQ(plan.deferred[0].table, "employee");
    EXPECT_EQ(plan.deferred[0].columns, QStringList{"reports_to"});
}

void expectFixtureProfiles(const DiscoveryResult &r)
{
    const Catalog &c = r.catalog;
    const ColumnProfile price = *c.table("track")->column("unit_price")->profile;
    EXPECT_EQ(price.min, "0.99");
    EXPECT_EQ(price.max, "12345678.50") << "numeric read exactly, not through a double";
    EXPECT_EQ(price.topValues.value(0), (TopValue{"0.99", 3}));
    const ColumnProfile released = *c.table("album")->column("released")->profile;
    EXPECT_EQ(released.nulls, 1);
    EXPECT_EQ(released.min, "1981-11-23");
    const CatalogTable *employee = c.table("employee");
    EXPECT_EQ(employee->column("badge")->profile->max, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    EXPECT_EQ(employee->column("hired_at")->profile->max, "2002-08-14T00:00:00");
    EXPECT_EQ(employee->column("active")->profile->topValues.value(0), (TopValue{"true", 2}));
    EXPECT_EQ(c.table("warehouse")->column("region")->profile->longestText, 2);
    EXPECT_EQ(c.table("track")->column("track_id")->profile->max, "5");
}

TEST_F(PgCatalogTest, QpsqlDiscoversTablesColumnsKeysCountsAndLoadOrder)
{
    expectFixtureCatalog(discover(pgUri()), true);
}

TEST_F(PgCatalogTest, QpsqlProfilesReadTypedValues)
{
    const DiscoveryResult r = discover(pgUri(), true);
    ASSERT_TRUE(r.error.code.isEmpty()) << r.error.message.toStdString();
    expectFixtureProfiles(r);
}

TEST_F(PgCatalogTest, EstimatedRowCountsAreMarkedAsEstimates)
{
    const DiscoveryResult r = discover(pgUri("rowCounts=estimate"));
    ASSERT_TRUE(r.error.code.isEmpty()) << r.error.message.toStdString();
    const CatalogTable *track = r.catalog.table("track");
    EXPECT_EQ(track->rowCount, 5) << "pg_class.reltuples after ANALYZE";
    EXPECT_FALSE(track->rowCountExact);
    EXPECT_EQ(r.catalog.table("album_titles")->rowCount, 3) << "views have no estimate: counted";
    EXPECT_TRUE(r.catalog.table("album_titles")->rowCountExact);
}

TEST_F(PgCatalogTest, WrongPasswordNamesServerUserAndWhatToFix)
{
    auto c = openQtSqlSource(pgUri(), QStringLiteral("not-the-password"));
    ASSERT_FALSE(c.ok());
    const Error &e = c.error();
    EXPECT_EQ(e.code, "source.login-refused");
    const QString where = QStringLiteral("%1:%2").arg(server().host).arg(server().port);
    EXPECT_TRUE(e.message.contains(where)) << e.message.toStdString();
    EXPECT_TRUE(e.message.contains("\"ferry_test\"")) << e.message.toStdString();
    EXPECT_TRUE(e.message.contains("password authentication failed")) << e.message.toStdString();
    EXPECT_TRUE(e.message.contains("FERRY_SOURCE_PASSWORD")) << e.message.toStdString();
}

TEST_F(PgCatalogTest, NoServerOnThePortIsUnreachable)
{
    auto c = openQtSqlSource(
        SourceUri::parse(QStringLiteral("postgresql://ferry_test@127.0.0.1:1/chinook")).value(),
        QStringLiteral("x"));
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "source.unreachable");
    EXPECT_TRUE(c.error().message.contains("127.0.0.1:1")) << c.error().message.toStdString();
}

TEST_F(PgCatalogTest, OdbcThroughPsqlOdbcFindsTheSameCatalog)
{
    const DiscoveryResult r = discover(odbcUri(), true);
    expectFixtureCatalog(r, true);
    expectFixtureProfiles(r);
}

TEST_F(PgCatalogTest, OdbcGenericIntrospectionUsesTheDriverCatalog)
{
    // The path taken for servers without a dedicated query (SQL Server through FreeTDS...): record(),
    // primaryIndex() and INFORMATION_SCHEMA, exercised here against the same server.
    const DiscoveryResult r = discover(odbcUri("introspection=generic"));
    ASSERT_TRUE(r.error.code.isEmpty()) << r.error.message.toStdString();
    ASSERT_NE(r.catalog.table("track"), nullptr) << names(r.catalog.tables).join(',').toStdString();
    const CatalogTable *track = r.catalog.table("track");
    EXPECT_EQ(track->primaryKey, QStringList{"track_id"});
    EXPECT_EQ(track->rowCount, 5);
    EXPECT_EQ(track->column("unit_price")->info.type, ValueType::Decimal);
    EXPECT_EQ(track->column("track_id")->info.type, ValueType::Int);
    EXPECT_FALSE(track->column("name")->info.nullable);
    const CatalogTable *stock = r.catalog.table("stock");
    ASSERT_NE(stock, nullptr);
    bool found = false;
    for (const ForeignKeyInfo &fk : stock->foreignKeys) {
        if (fk.name == "stock_warehouse_fk") {
            found = true;
            EXPECT_EQ(fk.columns, (QStringList{"warehouse_code", "region"}));
            EXPECT_EQ(fk.referencedColumns, (QStringList{"code", "region"}));
        }
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(r.catalog.table("warehouse")->primaryKey, (QStringList{"region", "code"}));
    EXPECT_LT(r.loadPlan.indexOf("warehouse"), r.loadPlan.indexOf("stock"));
}

TEST_F(PgCatalogTest, OdbcWithoutADsnUsesTheDriverOptions)
{
    // odbc:///?driver=...&server=... (built by hand: SourceUri::parse does not take an empty DSN yet).
    SourceUri uri;
    uri.kind = SourceKind::Odbc;
    uri.user = server().user;
    uri.options = {{"driver", "PostgreSQL Unicode"},
                   {"server", server().host},
                   {"port", QString::number(server().port)},
                   {"database", server().db}};
    auto c = openQtSqlSource(uri, server().password);
    ASSERT_TRUE(c.ok()) << c.error().message.toStdString();
    auto tables = (*c)->listTables();
    ASSERT_TRUE(tables.ok()) << tables.error().message.toStdString();
    EXPECT_EQ(tables->size(), 8);
    auto wrong = openQtSqlSource(uri, QStringLiteral("wrong"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, "source.login-refused");
    EXPECT_TRUE(wrong.error().message.contains("ODBC server " + server().host))
        << wrong.error().message.toStdString();
}

TEST_F(PgCatalogTest, OdbcWrongPasswordIsRefusedClearly)
{
    auto c = openQtSqlSource(odbcUri(), QStringLiteral("not-the-password"));
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "source.login-refused") << c.error().message.toStdString();
    EXPECT_TRUE(c.error().message.contains("ferry_pg")) << c.error().message.toStdString();
}

TEST_F(PgCatalogTest, BackgroundDiscoveryStoresTheCatalogInTheWorkspace)
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath("pg.ferry"));
    ASSERT_TRUE(ws.ok());
    DiscoveryOptions options;
    options.password = server().password;
    options.sourceName = "pg";
    options.writer = (*ws)->writer();
    Discovery discovery(pgUri(), options);
    int last = 0;
    QObject::connect(
        &discovery, &Discovery::progress, &discovery, [&](int done, int, const QString &) { last = done; },
        Qt::DirectConnection);
    QThreadPool pool; // the QPSQL connection is opened, used and removed on the pool's thread
    discovery.start(&pool);
    ASSERT_TRUE(discovery.wait(30000));
    const DiscoveryResult r = discovery.result();
    EXPECT_TRUE(r.error.code.isEmpty()) << r.error.message.toStdString();
    EXPECT_EQ(last, 8);
    auto loaded = CatalogStore::load((*ws)->reader(), "pg");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(*loaded, r.catalog);
    EXPECT_FALSE(loaded->sourceUri.contains(server().password));
}

#ifdef FERRY_CLI_EXE
TEST_F(PgCatalogTest, CliDiscoversPostgresAndRefusesAWrongPassword)
{
    auto run = [](const QString &password) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("FERRY_SOURCE_PASSWORD", password);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FERRY_CLI_EXE), {"discover", pgUri().toString()});
        if (!p.waitForFinished(30000))
            p.kill();
        p.waitForFinished(5000);
        return std::make_tuple(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                               QString::fromUtf8(p.readAllStandardError()));
    };
    const auto [code, out, err] = run(server().password);
    EXPECT_EQ(code, 0) << err.toStdString();
    EXPECT_TRUE(
        out.contains("foreign key stock_warehouse_fk (warehouse_code, region) -> warehouse (code, region)"))
        << out.toStdString();
    EXPECT_TRUE(err.contains("payroll")) << err.toStdString();
    const auto [badCode, badOut, badErr] = run("wrong");
    EXPECT_EQ(badCode, 4);
    EXPECT_TRUE(badErr.contains("refused the login")) << badErr.toStdString();
}
#endif

} // namespace
