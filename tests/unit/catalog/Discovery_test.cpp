#include <ferry/catalog/CatalogStore.h>
#include <ferry/catalog/Discovery.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceSchema.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThreadPool>

#include <sqlite3.h>

#include <gtest/gtest.h>

using namespace ferry;

namespace {

QString chinookPath()
{
    return QDir::cleanPath(QFileInfo(QStringLiteral(__FILE__)).absolutePath() +
                           QStringLiteral("/../../../resources/demo/chinook.sqlite"));
}

SourceUri chinook()
{
    return SourceUri::fromLocalPath(chinookPath()).value();
}

void makeSqlite(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
    char *err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    const std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
}

QStringList stepNames(const LoadPlan &plan)
{
    QStringList names;
    for (const LoadStep &s : plan.steps)
        names << s.table;
    return names;
}

TEST(DiscoveryTest, ChinookTablesKeysAndLoadOrder)
{
    ASSERT_TRUE(QFileInfo::exists(chinookPath())) << chinookPath().toStdString();
    const DiscoveryResult r = Discovery::run(chinook(), {});
    ASSERT_TRUE(r.ok()) << r.error.message.toStdString();
    EXPECT_TRUE(r.tableErrors.isEmpty());
    ASSERT_EQ(r.catalog.tables.size(), 11);
    EXPECT_EQ(r.catalog.kind, SourceKind::Sqlite);

    const CatalogTable *track = r.catalog.table("Track");
    ASSERT_NE(track, nullptr);
    EXPECT_EQ(track->rowCount, 3503);
    EXPECT_TRUE(track->rowCountExact);
    EXPECT_EQ(track->primaryKey, QStringList{"TrackId"});
    EXPECT_EQ(track->foreignKeys.size(), 3);
    const CatalogColumn *name = track->column("Name");
    ASSERT_NE(name, nullptr);
    EXPECT_EQ(name->info.type, ValueType::Text);
    EXPECT_EQ(name->info.length, 200);
    EXPECT_FALSE(name->info.nullable);
    const CatalogColumn *price = track->column("UnitPrice");
    ASSERT_NE(price, nullptr);
    EXPECT_EQ(price->info.type, ValueType::Decimal);
    EXPECT_EQ(price->info.precision, 10);
    EXPECT_EQ(price->info.scale, 2);
    const CatalogTable *playlistTrack = r.catalog.table("PlaylistTrack");
    ASSERT_NE(playlistTrack, nullptr);
    EXPECT_EQ(playlistTrack->primaryKey, (QStringList{"PlaylistId", "TrackId"})) << "composite key, in order";

    const LoadPlan &plan = r.loadPlan;
    ASSERT_EQ(plan.steps.size(), 11);
    EXPECT_LT(plan.indexOf("Artist"), plan.indexOf("Album"));
    EXPECT_LT(plan.indexOf("Album"), plan.indexOf("Track"));
    EXPECT_LT(plan.indexOf("Playlist"), plan.indexOf("PlaylistTrack"));
    EXPECT_LT(plan.indexOf("Track"), plan.indexOf("PlaylistTrack"));
    EXPECT_LT(plan.indexOf("Employee"), plan.indexOf("Customer"));
    EXPECT_LT(plan.indexOf("Customer"), plan.indexOf("Invoice"));
    EXPECT_LT(plan.indexOf("Invoice"), plan.indexOf("InvoiceLine"));
    ASSERT_EQ(plan.deferred.size(), 1);
    EXPECT_EQ(plan.deferred[0].table, "Employee");
    EXPECT_EQ(plan.deferred[0].columns, QStringList{"ReportsTo"});
    EXPECT_TRUE(plan.deferred[0].selfReference);
    EXPECT_EQ(plan.passes(), 2);
    EXPECT_TRUE(plan.cycles.isEmpty());
    // Deterministic: a second discovery plans the same order.
    EXPECT_EQ(stepNames(Discovery::run(chinook(), {}).loadPlan), stepNames(plan));
}

TEST(DiscoveryTest, CycleInASqliteDatabaseIsReportedAndBroken)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("cycle.sqlite");
    makeSqlite(
        path, "CREATE TABLE dept (id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES staff(id));"
              "CREATE TABLE staff (id INTEGER PRIMARY KEY, dept_id INTEGER NOT NULL REFERENCES dept(id));"
              "CREATE TABLE badge (id INTEGER PRIMARY KEY, staff_id INTEGER NOT NULL REFERENCES staff(id));");
    const DiscoveryResult r = Discovery::run(SourceUri::fromLocalPath(path).value(), {});
    ASSERT_TRUE(r.ok()) << r.error.message.toStdString();
    ASSERT_EQ(r.loadPlan.cycles.size(), 1);
    EXPECT_EQ(r.loadPlan.cycles[0], (QStringList{"dept", "staff"}));
    ASSERT_EQ(r.loadPlan.deferred.size(), 1);
    // dept.manager_id is nullable, staff.dept_id is not: the nullable lookup is the one deferred.
    EXPECT_EQ(r.loadPlan.deferred[0].table, "dept");
    EXPECT_EQ(r.loadPlan.deferred[0].columns, QStringList{"manager_id"});
    EXPECT_EQ(stepNames(r.loadPlan), (QStringList{"dept", "staff", "badge"}));
}

// SQLite column defaults reach the catalog as declared (the Catalog page's "Default" column was empty).
TEST(DiscoveryTest, SqliteColumnDefaultsReachTheCatalog)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("defaults.sqlite");
    makeSqlite(path, "CREATE TABLE item (id INTEGER PRIMARY KEY, qty INTEGER NOT NULL DEFAULT 0,"
                     " label TEXT DEFAULT 'n/a', note TEXT);");
    const DiscoveryResult r = Discovery::run(SourceUri::fromLocalPath(path).value(), {});
    ASSERT_TRUE(r.ok()) << r.error.message.toStdString();
    ASSERT_EQ(r.catalog.tables.size(), 1);
    const auto &columns = r.catalog.tables[0].columns;
    ASSERT_EQ(columns.size(), 4);
    EXPECT_EQ(columns[1].defaultValue, "0");
    EXPECT_EQ(columns[2].defaultValue, "'n/a'");
    EXPECT_TRUE(columns[3].defaultValue.isEmpty());
}

TEST(DiscoveryTest, AnUnreadableTableIsReportedAndTheRestIsDiscovered)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("partly.sqlite");
    // The view prepares fine (so it is listed) but fails when read: integer overflow at run time.
    makeSqlite(path, "CREATE TABLE good (id INTEGER PRIMARY KEY, label TEXT);"
                     "INSERT INTO good VALUES (1, 'one'), (2, 'two');"
                     "CREATE VIEW broken AS SELECT abs(-9223372036854775807 - 1) AS n FROM good;"
                     "CREATE TABLE zlast (id INTEGER PRIMARY KEY);");
    DiscoveryOptions options;
    options.profile = true;
    const DiscoveryResult r = Discovery::run(SourceUri::fromLocalPath(path).value(), options);
    EXPECT_TRUE(r.error.code.isEmpty()) << r.error.message.toStdString();
    ASSERT_EQ(r.catalog.tables.size(), 3);
    ASSERT_EQ(r.tableErrors.size(), 1);
    EXPECT_EQ(r.tableErrors[0].table, "broken");
    EXPECT_TRUE(r.tableErrors[0].error.message.contains("overflow"))
        << r.tableErrors[0].error.message.toStdString();
    EXPECT_TRUE(r.catalog.table("broken")->hasError());
    const CatalogTable *good = r.catalog.table("good");
    ASSERT_NE(good, nullptr);
    EXPECT_FALSE(good->hasError());
    ASSERT_TRUE(good->columns[1].profile.has_value());
    EXPECT_EQ(good->columns[1].profile->distinct, 2);
    EXPECT_TRUE(r.catalog.table("zlast")->isProfiled()) << "tables after the failing one are still profiled";
}

TEST(DiscoveryTest, ProfilesHoldKnownFactsOfChinook)
{
    DiscoveryOptions options;
    options.profile = true;
    options.profileTables = {"Track", "Customer"};
    const DiscoveryResult r = Discovery::run(chinook(), options);
    ASSERT_TRUE(r.ok()) << r.error.message.toStdString();
    const CatalogTable *track = r.catalog.table("Track");
    const ColumnProfile composer = *track->column("Composer")->profile;
    EXPECT_EQ(composer.rows, 3503);
    EXPECT_EQ(composer.nulls, 977);
    EXPECT_NEAR(composer.nullShare(), 977.0 / 3503.0, 1e-9);
    const ColumnProfile price = *track->column("UnitPrice")->profile;
    EXPECT_EQ(price.min, "0.99");
    EXPECT_EQ(price.max, "1.99");
    EXPECT_EQ(price.distinct, 2);
    EXPECT_TRUE(price.distinctExact);
    const ColumnProfile media = *track->column("MediaTypeId")->profile;
    ASSERT_GE(media.topValues.size(), 3);
    EXPECT_EQ(media.topValues[0], (TopValue{"1", 3034}));
    EXPECT_EQ(media.topValues[1], (TopValue{"2", 237}));
    EXPECT_EQ(media.inferredType, ValueType::Null) << "only text columns get an inferred type";
    const ColumnProfile email = *r.catalog.table("Customer")->column("Email")->profile;
    EXPECT_EQ(email.longestText, 29);
    EXPECT_EQ(email.distinct, 59);
    EXPECT_EQ(email.nulls, 0);
    EXPECT_EQ(email.topValues.size(), 10);
    EXPECT_EQ(email.inferredType, ValueType::Text);
    EXPECT_FALSE(r.catalog.table("Album")->isProfiled()) << "only the tables asked for";
}

TEST(DiscoveryTest, ProfilingFindsDatesAndNumbersInCsvText)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("orders.csv");
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("id,ordered,amount,note,flag\n"
            "1,2024-01-31,12.50,first,true\n"
            "2,2024-02-29,7,second,false\n"
            "3,2023-12-01,100.25,,true\n"
            "10,2024-03-15,0.5,x,false\n");
    f.close();
    DiscoveryOptions options;
    options.profile = true;
    const DiscoveryResult r = Discovery::run(SourceUri::fromLocalPath(path).value(), options);
    ASSERT_TRUE(r.ok()) << r.error.message.toStdString();
    ASSERT_EQ(r.catalog.tables.size(), 1);
    const CatalogTable &t = r.catalog.tables[0];
    ASSERT_TRUE(t.isProfiled());
    const ColumnProfile id = *t.column("id")->profile;
    EXPECT_EQ(id.inferredType, ValueType::Int);
    EXPECT_DOUBLE_EQ(id.inferredShare, 1.0);
    EXPECT_EQ(id.max, "10") << "numbers in text compare as numbers";
    const ColumnProfile ordered = *t.column("ordered")->profile;
    EXPECT_EQ(ordered.inferredType, ValueType::Date);
    EXPECT_EQ(ordered.min, "2023-12-01");
    EXPECT_EQ(ordered.max, "2024-03-15");
    EXPECT_EQ(t.column("amount")->profile->inferredType, ValueType::Decimal);
    EXPECT_EQ(t.column("flag")->profile->inferredType, ValueType::Bool);
    const ColumnProfile note = *t.column("note")->profile;
    EXPECT_EQ(note.inferredType, ValueType::Text);
    EXPECT_EQ(note.nulls, 1);
    EXPECT_EQ(note.longestText, 6);
}

TEST(DiscoveryTest, DistinctSwitchesToAnEstimateAboveTheCap)
{
    ProfileOptions options;
    options.exactDistinctCap = 100;
    ColumnProfiler p(options);
    for (int i = 0; i < 20000; ++i)
        p.add(Value::fromInt(i % 5000));
    const ColumnProfile r = p.result();
    EXPECT_FALSE(r.distinctExact);
    EXPECT_NEAR(double(r.distinct), 5000.0, 5000.0 * 0.05) << "HyperLogLog with 4096 registers: ~1.6% error";
    EXPECT_EQ(r.min, "0");
    EXPECT_EQ(r.max, "4999");
}

TEST(DiscoveryTest, RunsInTheBackgroundWithProgressAndCanBeCancelled)
{
    {
        Discovery discovery(chinook(), {});
        QList<int> done;
        int total = 0;
        QObject::connect(
            &discovery, &Discovery::progress, &discovery,
            [&](int d, int t, const QString &) {
                done << d;
                total = t;
            },
            Qt::DirectConnection);
        QThreadPool pool;
        discovery.start(&pool);
        ASSERT_TRUE(discovery.wait(30000));
        EXPECT_TRUE(discovery.isFinished());
        EXPECT_TRUE(discovery.result().ok());
        EXPECT_EQ(total, 11);
        EXPECT_EQ(done.size(), 11);
        EXPECT_EQ(done.last(), 11);
    }
    {
        DiscoveryOptions options;
        options.profile = true;
        Discovery discovery(chinook(), options);
        QObject::connect(
            &discovery, &Discovery::progress, &discovery,
            [&](int d, int, const QString &) {
                if (d == 2)
                    discovery.cancel();
            },
            Qt::DirectConnection);
        QThreadPool pool;
        discovery.start(&pool);
        ASSERT_TRUE(discovery.wait(30000));
        const DiscoveryResult r = discovery.result();
        EXPECT_TRUE(r.cancelled);
        EXPECT_FALSE(r.ok());
        EXPECT_EQ(r.catalog.tables.size(), 2) << "stopped at the next table";
    }
}

TEST(DiscoveryTest, MissingSourceFailsWithTheSourceError)
{
    SourceUri uri = chinook();
    uri.path += QStringLiteral(".missing");
    const DiscoveryResult r = Discovery::run(uri, {});
    EXPECT_EQ(r.error.code, "source.not-found");
    EXPECT_TRUE(r.catalog.tables.isEmpty());
}

// A cancelled re-discovery keeps the complete catalog an earlier run stored (it used to overwrite it
// with the few tables read before the cancel).
TEST(CatalogStoreTest, CancelledDiscoveryDoesNotReplaceTheStoredCatalog)
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath("w.ferry"));
    ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
    DiscoveryOptions options;
    options.sourceName = "legacy";
    options.writer = (*ws)->writer();
    ASSERT_NE(options.writer, nullptr);
    ASSERT_TRUE(Discovery::run(chinook(), options).ok());

    std::atomic<bool> cancel{false};
    const DiscoveryResult partial =
        Discovery::run(chinook(), options, &cancel, [&](int done, int, const QString &) {
            if (done == 2)
                cancel.store(true);
        });
    EXPECT_TRUE(partial.cancelled);
    EXPECT_EQ(partial.catalog.tables.size(), 2);
    ASSERT_TRUE(options.writer->flush());
    auto loaded = CatalogStore::load((*ws)->reader(), "legacy");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded->tables.size(), 11);
}

TEST(CatalogStoreTest, SavedCatalogLoadsBackEqual)
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath("w.ferry"));
    ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
    WorkspaceWriter *writer = (*ws)->writer();
    ASSERT_NE(writer, nullptr);

    DiscoveryOptions options;
    options.profile = true;
    options.profileTables = {"Customer", "Employee"};
    options.sourceName = "legacy";
    options.writer = writer;
    DiscoveryResult r = Discovery::run(chinook(), options);
    ASSERT_TRUE(r.ok()) << r.error.message.toStdString();
    // Things SQLite does not give, to prove they survive the round trip.
    r.catalog.tables[0].columns[0].defaultValue = "nextval('x')";
    r.catalog.tables[0].uniqueKeys.append(KeyInfo{"uq_title", {"Title", "ArtistId"}});
    r.catalog.tables[1].rowCountExact = false;
    r.catalog.tables[1].errorCode = "source.query-failed";
    r.catalog.tables[1].errorMessage = "permission denied";
    r.catalog.tables[1].properties.insert("delimiter", ";");
    ASSERT_TRUE(CatalogStore::save(*writer, r.catalog).ok());

    auto loaded = CatalogStore::load((*ws)->reader(), "legacy");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded->tables.size(), 11);
    EXPECT_TRUE(loaded->table("Customer")->isProfiled());
    EXPECT_EQ(*loaded, r.catalog);
    EXPECT_EQ(planLoadOrder(loaded->tables).steps, r.loadPlan.steps);

    // Saving again replaces, never duplicates; another source sits next to it.
    ASSERT_TRUE(CatalogStore::save(*writer, r.catalog).ok());
    r.catalog.sourceName = "other";
    ASSERT_TRUE(CatalogStore::save(*writer, r.catalog).ok());
    EXPECT_EQ(CatalogStore::sources((*ws)->reader()).value(), (QStringList{"legacy", "other"}));
    EXPECT_EQ((*ws)->reader().queryValue("SELECT count(*) FROM catalog_tables").value().toInt(), 22);
    EXPECT_EQ(CatalogStore::load((*ws)->reader(), "nothing").error().code, "catalog.not-found");
}

} // namespace

namespace {

TEST(CatalogStoreTest, SchemaStep3UpgradesAVersion2CatalogInPlace)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("v2.ferry");
    ASSERT_TRUE(WorkspaceSchema::createAtVersion(path, 2).ok());
    makeSqlite(path, "INSERT INTO catalog_sources (id, name, kind, location) VALUES (1, 'old', 'sqlite', "
                     "'sqlite:///tmp/old.sqlite');"
                     "INSERT INTO catalog_tables (id, source_id, name, row_count) VALUES (1, 1, 'T', 5);"
                     "INSERT INTO catalog_columns (table_id, ordinal, name, type_name, nullable) "
                     "VALUES (1, 0, 'id', 'INTEGER', 0);");
    auto ws = Workspace::open(path);
    ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
    EXPECT_GE((*ws)->schemaVersion(), 3);
    auto loaded = CatalogStore::load((*ws)->reader(), "old");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message.toStdString();
    EXPECT_EQ(loaded->sourceUri, "sqlite:///tmp/old.sqlite") << "falls back to step 1's location";
    ASSERT_EQ(loaded->tables.size(), 1);
    EXPECT_EQ(loaded->tables[0].kind, TableKind::Table);
    EXPECT_FALSE(loaded->tables[0].rowCountExact);
    EXPECT_EQ(loaded->tables[0].rowCount, 5);
    ASSERT_EQ(loaded->tables[0].columns.size(), 1);
    EXPECT_FALSE(loaded->tables[0].columns[0].info.nullable);
    EXPECT_EQ(loaded->tables[0].columns[0].info.declaredType, "INTEGER");
}

} // namespace
