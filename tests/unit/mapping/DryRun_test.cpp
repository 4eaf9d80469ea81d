// End-to-end dry runs of the demo mapping (resources/demo/chinook-mapping.json) over the Chinook database
// onto the demo org. Every expected number is computed independently with SQL on the source database.

#include "mapping/MappingTestUtil.h"

#include <ferry/mapping/DryRun.h>
#include <ferry/mapping/MappingSource.h>
#include <ferry/source/SourceConnection.h>
#include <ferry/target/Metadata.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>

using namespace ferry;
using namespace ferry::mapping;
using namespace ferry::mapping::testutil;
using nlohmann::json;

namespace {

const QString kChinook = QStringLiteral(FERRY_SOURCE_DIR "/resources/demo/chinook.sqlite");

qint64 sql(const QString &db, const QString &query)
{
    sqlite3 *h = nullptr;
    sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_stmt *st = nullptr;
    qint64 v = -1;
    if (sqlite3_prepare_v2(h, query.toUtf8().constData(), -1, &st, nullptr) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
    } else {
        ADD_FAILURE() << "bad test query: " << query.toStdString() << ": " << sqlite3_errmsg(h);
    }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

void exec(const QString &db, const QString &script)
{
    sqlite3 *h = nullptr;
    sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    char *err = nullptr;
    ASSERT_EQ(sqlite3_exec(h, script.toUtf8().constData(), nullptr, nullptr, &err), SQLITE_OK) << err;
    sqlite3_close(h);
}

struct Demo
{
    MappingSet mappings;
    target::TargetModel model;
    QList<SystemUser> users;
    QStringList userEmails; // lower case, quoted for SQL IN lists
};

Demo loadDemo()
{
    Demo d;
    auto set =
        importMappings(readFile(QStringLiteral(FERRY_SOURCE_DIR "/resources/demo/chinook-mapping.json")));
    EXPECT_TRUE(set.ok()) << set.error().message.toStdString();
    if (set)
        d.mappings = *set;
    const QByteArray org = readFile(QStringLiteral(FERRY_SOURCE_DIR "/resources/demo/org.json"));
    auto model = target::parseOrg(org);
    EXPECT_TRUE(model.ok()) << model.error().message.toStdString();
    if (model)
        d.model = *model;
    const json doc = json::parse(org.toStdString());
    for (const json &u : doc["x-ferry-emulator"]["systemUsers"]) {
        d.users.append({QString::fromStdString(u["systemuserid"].get<std::string>()),
                        QString::fromStdString(u["fullname"].get<std::string>()),
                        QString::fromStdString(u["internalemailaddress"].get<std::string>()),
                        QString::fromStdString(u["domainname"].get<std::string>())});
        d.userEmails.append(QLatin1Char('\'') + d.users.last().email.toLower() + QLatin1Char('\''));
    }
    return d;
}

SourceOpener opener(const QString &path)
{
    return [path](const QString &name) -> Result<std::unique_ptr<SourceConnection>> {
        EXPECT_EQ(name, QStringLiteral("chinook"));
        return openSource(QStringLiteral("sqlite://") + path);
    };
}

const TableDryRun *table(const DryRunReport &r, const char *mapping)
{
    for (const TableDryRun &t : r.tables)
        if (t.mapping == QLatin1String(mapping))
            return &t;
    return nullptr;
}

const LookupReport *lookup(const DryRunReport &r, const char *mapping, const char *column)
{
    for (const LookupReport &l : r.lookups)
        if (l.mapping == QLatin1String(mapping) && l.column == QLatin1String(column))
            return &l;
    return nullptr;
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return (a + b - 1) / b;
}

} // namespace

TEST(DryRun, TheDemoMappingOverChinookCountsAndLookupsExactly)
{
    const Demo d = loadDemo();
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("demo.ferry")));
    ASSERT_TRUE(ws.ok());
    DryRunOptions options;
    options.systemUsers = d.users;
    options.pluginTables = {QStringLiteral("ferry_invoice")};
    auto report =
        runDryRun(d.mappings, d.model, opener(kChinook), options, &(*ws)->reader(), (*ws)->writer());
    ASSERT_TRUE(report.ok()) << report.error().message.toStdString();
    const DryRunReport &r = *report;
    for (const MappingIssue &i : r.mappingIssues)
        EXPECT_NE(i.severity, Severity::Error) << i.mapping.toStdString() << " " << i.message.toStdString();

    // load order: parents before children
    QStringList order;
    for (const TableDryRun &t : r.tables)
        order.append(t.mapping);
    EXPECT_EQ(order.size(), 10);
    auto before = [&](const char *a, const char *b) {
        return order.indexOf(QLatin1String(a)) < order.indexOf(QLatin1String(b));
    };
    EXPECT_TRUE(before("ferry_artist", "ferry_album"));
    EXPECT_TRUE(before("ferry_album", "ferry_track"));
    EXPECT_TRUE(before("ferry_genre", "ferry_track"));
    EXPECT_TRUE(before("ferry_employee", "contact"));
    EXPECT_TRUE(before("contact", "ferry_invoice"));
    EXPECT_TRUE(before("ferry_invoice", "ferry_invoiceline"));
    EXPECT_TRUE(before("ferry_track", "ferry_invoiceline"));

    const QString inUsers = QStringLiteral("(") + d.userEmails.join(QLatin1Char(',')) + QStringLiteral(")");
    const struct
    {
        const char *mapping;
        const char *table;
        qint64 warnings;
    } expected[] = {
        {"ferry_artist", "Artist", 0},
        {"ferry_genre", "Genre", 0},
        {"ferry_mediatype", "MediaType", 0},
        {"ferry_playlist", "Playlist", 0},
        {"ferry_album", "Album", 0},
        {"ferry_track", "Track", 0},
        // employees who are not systemusers get the default owner (a warning each)
        {"ferry_employee", "Employee",
         sql(kChinook, QStringLiteral("SELECT count(*) FROM Employee WHERE lower(Email) NOT IN ") + inUsers)},
        {"contact", "Customer",
         sql(kChinook, QStringLiteral(
                           "SELECT count(*) FROM Customer c JOIN Employee e ON e.EmployeeId = c.SupportRepId "
                           "WHERE lower(e.Email) NOT IN ") +
                           inUsers)},
        {"ferry_invoice", "Invoice", 0},
        {"ferry_invoiceline", "InvoiceLine", 0},
    };
    qint64 totalRows = 0;
    qint64 totalRequests = 0;
    for (const auto &e : expected) {
        SCOPED_TRACE(e.mapping);
        const TableDryRun *t = table(r, e.mapping);
        ASSERT_NE(t, nullptr);
        const qint64 rows =
            sql(kChinook, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(e.table)));
        EXPECT_EQ(t->rows, rows);
        EXPECT_EQ(t->refused, 0);
        EXPECT_EQ(t->errors, 0);
        EXPECT_EQ(t->warnings, e.warnings);
        EXPECT_EQ(t->ok, rows - e.warnings);
        EXPECT_EQ(t->wouldInsert, rows); // nothing was loaded before
        EXPECT_EQ(t->wouldUpdate, 0);
        EXPECT_EQ(t->unchanged, 0);
        EXPECT_EQ(t->requests, ceilDiv(rows, 100));
        totalRows += rows;
        totalRequests += t->requests + t->patchRequests;
    }
    EXPECT_EQ(d.users.size(), 6);
    EXPECT_EQ(table(r, "ferry_employee")->warnings, 5);
    // the self reference is patched in a second pass: one UpdateMultiple for the employees that report to
    // someone
    EXPECT_EQ(
        table(r, "ferry_employee")->patchRequests,
        ceilDiv(sql(kChinook, QStringLiteral("SELECT count(*) FROM Employee WHERE ReportsTo IS NOT NULL")),
                100));
    EXPECT_EQ(r.totalRows, totalRows);
    EXPECT_EQ(r.totalRequests, totalRequests);
    EXPECT_EQ(r.totalRefused, 0);

    // the time estimate: the execution-time limit binds (4,000 ms of server time per second per user)
    const TableDryRun *lines = table(r, "ferry_invoiceline");
    const qint64 n = lines->wouldInsert;
    const int columns = 5; // ferry_name, ferry_invoiceid, ferry_trackid, ferry_unitprice, ferry_quantity
    const double cost =
        (n / 100) * (10 + 100 * (8 + columns * 0.1)) + (n % 100 ? 10 + (n % 100) * (8 + columns * 0.1) : 0);
    EXPECT_NEAR(lines->costMs, cost, 1e-6);
    EXPECT_NEAR(lines->estimatedSeconds, std::max(cost / 4000.0, double(lines->requests) / 20.0), 1e-9);
    const TableDryRun *invoices = table(r, "ferry_invoice"); // a plug-in table: 30 ms more per record
    EXPECT_NEAR(invoices->costMs, 4 * (10 + 100 * (8 + 9 * 0.1 + 30)) + (10 + 12 * (8 + 9 * 0.1 + 30)), 1e-6);

    // the lookup report
    const struct
    {
        const char *mapping;
        const char *column;
        const char *table;
        const char *fk;
    } lookups[] = {
        {"ferry_album", "ferry_artistid", "Album", "ArtistId"},
        {"ferry_track", "ferry_albumid", "Track", "AlbumId"},
        {"ferry_track", "ferry_genreid", "Track", "GenreId"},
        {"ferry_track", "ferry_mediatypeid", "Track", "MediaTypeId"},
        {"ferry_employee", "ferry_reportstoid", "Employee", "ReportsTo"},
        {"contact", "ferry_supportrepid", "Customer", "SupportRepId"},
        {"ferry_invoice", "ferry_customerid", "Invoice", "CustomerId"},
        {"ferry_invoiceline", "ferry_invoiceid", "InvoiceLine", "InvoiceId"},
        {"ferry_invoiceline", "ferry_trackid", "InvoiceLine", "TrackId"},
    };
    EXPECT_EQ(r.lookups.size(), std::size(lookups));
    for (const auto &l : lookups) {
        SCOPED_TRACE(std::string(l.mapping) + "." + l.column);
        const LookupReport *lr = lookup(r, l.mapping, l.column);
        ASSERT_NE(lr, nullptr);
        const qint64 rows = sql(kChinook, QStringLiteral("SELECT count(*) FROM %1 WHERE %2 IS NOT NULL")
                                              .arg(QLatin1String(l.table), QLatin1String(l.fk)));
        EXPECT_EQ(lr->rows, rows);
        EXPECT_EQ(lr->resolved, rows);
        EXPECT_EQ(lr->ambiguous, 0);
        EXPECT_EQ(lr->unresolved, 0);
        EXPECT_EQ(lr->unverified, 0);
        EXPECT_EQ(lr->distinctKeys, sql(kChinook, QStringLiteral("SELECT count(DISTINCT %2) FROM %1")
                                                      .arg(QLatin1String(l.table), QLatin1String(l.fk))));
        EXPECT_TRUE(lr->unresolvedSamples.isEmpty());
    }

    // a run row of kind 'dry-run', finished, with the report as its summary; nothing quarantined
    WorkspaceReader &reader = (*ws)->reader();
    EXPECT_EQ(reader.queryValue(QStringLiteral("SELECT kind FROM runs WHERE id = ?1"), {r.runId})->toString(),
              QStringLiteral("dry-run"));
    EXPECT_EQ(
        reader.queryValue(QStringLiteral("SELECT status FROM runs WHERE id = ?1"), {r.runId})->toString(),
        QStringLiteral("completed"));
    EXPECT_EQ(reader.queryValue(QStringLiteral("SELECT summary_json FROM runs WHERE id = ?1"), {r.runId})
                  ->toString(),
              QString::fromUtf8(r.toJson()));
    EXPECT_EQ(reader.queryValue(QStringLiteral("SELECT count(*) FROM quarantine"))->toLongLong(), 0);
}

TEST(DryRun, InjectedFaultsCascadeThroughTheLookupsAndLandInTheQuarantine)
{
    const Demo d = loadDemo();
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("chinook.sqlite"));
    ASSERT_TRUE(QFile::copy(kChinook, db));
    QFile::setPermissions(db, QFile::ReadOwner | QFile::WriteOwner);
    // AC/DC vanishes (its albums' lookups fail, so do their tracks' and those tracks' invoice lines');
    // one genre name is over ferry_name's 120 characters; an employee reports to nobody known;
    // one invoice total is negative (out of ferry_total's range).
    exec(db, QStringLiteral("DELETE FROM Artist WHERE ArtistId = 1;"
                            "UPDATE Genre SET Name = substr(replace(hex(zeroblob(130)), '0', 'x'), 1, 130) "
                            "WHERE GenreId = 25;"
                            "UPDATE Employee SET ReportsTo = 99 WHERE EmployeeId = 8;"
                            "UPDATE Invoice SET Total = -1 WHERE InvoiceId = 7;"));
    const qint64 badAlbums = sql(
        db, QStringLiteral("SELECT count(*) FROM Album WHERE ArtistId NOT IN (SELECT ArtistId FROM Artist)"));
    const QString badTracksWhere =
        QStringLiteral("AlbumId IN (SELECT AlbumId FROM Album WHERE ArtistId NOT IN "
                       "(SELECT ArtistId FROM Artist)) OR GenreId = 25");
    const qint64 badTracks = sql(db, QStringLiteral("SELECT count(*) FROM Track WHERE ") + badTracksWhere);
    const qint64 badLines =
        sql(db, QStringLiteral("SELECT count(*) FROM InvoiceLine WHERE InvoiceId = 7 OR TrackId IN "
                               "(SELECT TrackId FROM Track WHERE ") +
                    badTracksWhere + QStringLiteral(")"));
    ASSERT_EQ(badAlbums, 2);
    ASSERT_GT(badTracks, 10);
    ASSERT_GT(badLines, 0);

    QTemporaryDir wsDir;
    auto ws = Workspace::create(wsDir.filePath(QStringLiteral("demo.ferry")));
    ASSERT_TRUE(ws.ok());
    DryRunOptions options;
    options.systemUsers = d.users;
    options.lookupSamples = 3;
    QList<RowOutcome> seen;
    auto report = runDryRun(d.mappings, d.model, opener(db), options, &(*ws)->reader(), (*ws)->writer(),
                            [&](const RowOutcome &o) { seen.append(o); });
    ASSERT_TRUE(report.ok()) << report.error().message.toStdString();
    const DryRunReport &r = *report;

    EXPECT_EQ(table(r, "ferry_artist")->rows, sql(db, QStringLiteral("SELECT count(*) FROM Artist")));
    EXPECT_EQ(table(r, "ferry_genre")->refused, 1);
    EXPECT_EQ(table(r, "ferry_genre")->issueCounts.value(QStringLiteral("too-long")), 1);
    EXPECT_EQ(table(r, "ferry_album")->refused, badAlbums);
    EXPECT_EQ(table(r, "ferry_track")->refused, badTracks);
    EXPECT_EQ(table(r, "ferry_invoice")->refused, 1);
    EXPECT_EQ(table(r, "ferry_invoice")->issueCounts.value(QStringLiteral("out-of-range")), 1);
    EXPECT_EQ(table(r, "ferry_invoiceline")->refused, badLines);
    EXPECT_EQ(table(r, "ferry_employee")->refused, 0); // a deferred lookup does not refuse pass 1
    EXPECT_EQ(table(r, "ferry_track")->requests,
              ceilDiv(sql(db, QStringLiteral("SELECT count(*) FROM Track")) - badTracks, 100));
    EXPECT_EQ(r.totalRefused, 1 + badAlbums + badTracks + 1 + badLines);

    const LookupReport *artists = lookup(r, "ferry_album", "ferry_artistid");
    EXPECT_EQ(artists->unresolved, badAlbums);
    EXPECT_EQ(artists->resolved, sql(db, QStringLiteral("SELECT count(*) FROM Album")) - badAlbums);
    EXPECT_EQ(artists->unresolvedSamples, QStringList{QStringLiteral("ferry_artistnumber=1")});
    const LookupReport *albums = lookup(r, "ferry_track", "ferry_albumid");
    EXPECT_EQ(albums->unresolved,
              sql(db, QStringLiteral("SELECT count(*) FROM Track WHERE AlbumId IN (SELECT AlbumId "
                                     "FROM Album WHERE ArtistId NOT IN (SELECT ArtistId FROM Artist))")));
    EXPECT_EQ(albums->unresolvedSamples.size(), 2); // both albums of the vanished artist
    const LookupReport *genres = lookup(r, "ferry_track", "ferry_genreid");
    EXPECT_EQ(genres->unresolved, sql(db, QStringLiteral("SELECT count(*) FROM Track WHERE GenreId = 25")));
    const LookupReport *boss = lookup(r, "ferry_employee", "ferry_reportstoid");
    EXPECT_EQ(boss->unresolved, 1);
    EXPECT_EQ(boss->resolved,
              sql(db, QStringLiteral("SELECT count(*) FROM Employee WHERE ReportsTo IS NOT NULL")) - 1);
    EXPECT_EQ(boss->unresolvedSamples, QStringList{QStringLiteral("ferry_employeenumber=99")});

    // every refused row is in the quarantine of this dry run, with its first error
    WorkspaceReader &reader = (*ws)->reader();
    EXPECT_EQ(
        reader.queryValue(QStringLiteral("SELECT count(*) FROM quarantine WHERE run_id = ?1"), {r.runId})
            ->toLongLong(),
        r.totalRefused);
    auto genreRow =
        reader.query(QStringLiteral("SELECT row_key, error_code, column_name, payload_json FROM quarantine "
                                    "WHERE table_name = 'ferry_genre'"));
    ASSERT_TRUE(genreRow.ok());
    ASSERT_EQ(genreRow->size(), 1);
    EXPECT_EQ(genreRow->first().value(0).toString(), QStringLiteral("ferry_genrenumber=25"));
    EXPECT_EQ(genreRow->first().value(1).toString(), QStringLiteral("too-long"));
    EXPECT_EQ(genreRow->first().value(2).toString(), QStringLiteral("ferry_name"));
    const json q = json::parse(genreRow->first().value(3).toString().toStdString());
    EXPECT_EQ(q["source"]["GenreId"], 25);
    EXPECT_EQ(q["payload"]["@odata.id"], "ferry_genres(ferry_genrenumber=25)");
    EXPECT_EQ(
        reader
            .queryValue(QStringLiteral("SELECT count(*) FROM quarantine WHERE table_name = 'ferry_track' AND "
                                       "error_code = 'lookup-unresolved'"))
            ->toLongLong(),
        badTracks);
    // the callback saw every row with a finding
    qint64 errorsSeen = 0;
    for (const RowOutcome &o : seen)
        errorsSeen += o.verdict == Verdict::Error ? 1 : 0;
    EXPECT_EQ(errorsSeen, r.totalRefused);
}

TEST(DryRun, FingerprintsTellInsertUpdateAndUnchangedApart)
{
    const Demo d = loadDemo();
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("demo.ferry")));
    ASSERT_TRUE(ws.ok());
    // the fingerprints a real run would have stored for artists 1 and 2, with artist 2's name changed since
    const Mapping *artists = d.mappings.mapping(QStringLiteral("ferry_artist"));
    auto src = openSource(QStringLiteral("sqlite://") + kChinook);
    ASSERT_TRUE(src.ok());
    auto reader = openMappingReader(**src, artists->source);
    ASSERT_TRUE(reader.ok());
    auto mapper = RowMapper::compile(*artists, d.model, (*reader)->columns());
    ASSERT_TRUE(mapper.ok());
    MappedRow one, two;
    (*mapper)->map({Value::fromInt(1), Value::fromText(QStringLiteral("AC/DC"))}, one);
    (*mapper)->map({Value::fromInt(2), Value::fromText(QStringLiteral("Accept (old name)"))}, two);
    ASSERT_EQ(one.rowKey, QStringLiteral("ferry_artistnumber=1"));
    ASSERT_TRUE((*ws)
                    ->writer()
                    ->submitAndWait([&](WriteTransaction &tx) -> Status {
                        for (const MappedRow *m : {&one, &two})
                            if (auto s = tx.exec(
                                    QStringLiteral("INSERT INTO row_fingerprints (table_name, row_key, "
                                                   "fingerprint, updated_at) VALUES ('ferry_artist', ?1, ?2, "
                                                   "'2026-01-01T00:00:00Z')"),
                                    {m->rowKey, m->fingerprint.toBytes()});
                                !s)
                                return s;
                        return {};
                    })
                    .ok());
    DryRunOptions options;
    options.only = {QStringLiteral("ferry_artist")};
    options.applicationUsers = 3;
    auto report = runDryRun(d.mappings, d.model, opener(kChinook), options, &(*ws)->reader(), nullptr);
    ASSERT_TRUE(report.ok()) << report.error().message.toStdString();
    ASSERT_EQ(report->tables.size(), 1);
    const TableDryRun &t = report->tables.first();
    const qint64 rows = sql(kChinook, QStringLiteral("SELECT count(*) FROM Artist"));
    EXPECT_EQ(t.unchanged, 1);
    EXPECT_EQ(t.wouldUpdate, 1);
    EXPECT_EQ(t.wouldInsert, rows - 2);
    EXPECT_EQ(t.requests, ceilDiv(rows - 1, 100));
    EXPECT_EQ(report->runId, 0); // no writer: nothing written
    // three application users: three times the budget
    EXPECT_NEAR(t.estimatedSeconds, std::max(t.costMs / 12000.0, double(t.requests) / 60.0), 1e-9);
    // the lookups to artists from albums are not in this run: no lookup report for them
    EXPECT_TRUE(report->lookups.isEmpty());
}

TEST(DryRun, DuplicateKeysAndUnverifiedLookups)
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("things.sqlite"));
    exec(db,
         QStringLiteral("CREATE TABLE Things (Id INTEGER PRIMARY KEY, Code TEXT, Must TEXT, Parent INTEGER);"
                        "INSERT INTO Things VALUES (1, 'A', 'x', 10), (2, 'B', 'x', 11), (3, 'A', 'x', 10),"
                        "(4, 'C', 'x', NULL), (5, 'A', 'x', 12);"));
    Mapping m = thingMapping(field("test_must", {"Must"}));
    m.fields.first().sources = {QStringLiteral("Code")};
    m.fields.append(field("test_parentid", {"Parent"},
                          {step("lookup", {{"table", "test_parent"}, {"key", "test_parentnumber"}})}));
    m.source.source = QStringLiteral("chinook");
    const MappingSet set{{m}};

    auto report = runDryRun(set, model(), opener(db));
    ASSERT_TRUE(report.ok()) << report.error().message.toStdString();
    const TableDryRun &t = report->tables.first();
    EXPECT_EQ(t.rows, 5);
    EXPECT_EQ(t.refused, 2); // rows 3 and 5 repeat row 1's key
    EXPECT_EQ(t.issueCounts.value(QStringLiteral("duplicate-key")), 2);
    EXPECT_EQ(t.samples.first().issues.first().message,
              QStringLiteral(
                  "source row 1 has the same key test_code='A': both in one bulk request would fail it"));
    // test_parent is neither mapped in this run nor listed as existing: unverified, not refused
    ASSERT_EQ(report->lookups.size(), 1);
    EXPECT_EQ(report->lookups.first().unverified, 4);
    EXPECT_EQ(report->lookups.first().rows, 4);

    // with the existing target keys given, the unknown ones are unresolved errors
    DryRunOptions options;
    options.existingTargetKeys[QStringLiteral("test_parent")] = {QStringLiteral("test_parentnumber=10")};
    report = runDryRun(set, model(), opener(db), options);
    ASSERT_TRUE(report.ok());
    const LookupReport &l = report->lookups.first();
    EXPECT_EQ(l.resolved, 2);   // rows 1 and 3 (row 3 is also a duplicate key)
    EXPECT_EQ(l.unresolved, 2); // rows 2 and 5
    EXPECT_EQ(l.unresolvedSamples,
              (QStringList{QStringLiteral("test_parentnumber=11"), QStringLiteral("test_parentnumber=12")}));
    EXPECT_EQ(report->tables.first().refused, 3); // 2, 3, 5
}

TEST(DryRun, JoinsTakeTheFirstRelatedRowAndQueriesRunOnSqlite)
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("j.sqlite"));
    exec(db,
         QStringLiteral(
             "CREATE TABLE Customer (Id INTEGER PRIMARY KEY, Name TEXT);"
             "CREATE TABLE Address (Id INTEGER PRIMARY KEY, CustomerId INTEGER, Seq INTEGER, City TEXT);"
             "INSERT INTO Customer VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Alan');"
             "INSERT INTO Address VALUES (1, 1, 2, 'London'), (2, 1, 1, 'Oxford'), (3, 2, 1, 'Arlington');"));
    auto src = openSource(QStringLiteral("sqlite://") + db);
    ASSERT_TRUE(src.ok());
    SourceSpec spec;
    spec.source = QStringLiteral("s");
    spec.table = QStringLiteral("Customer");
    spec.joins.append({QStringLiteral("Address"),
                       QStringLiteral("addr"),
                       {QStringLiteral("Id")},
                       {QStringLiteral("CustomerId")},
                       QStringLiteral("Seq")});
    auto reader = openMappingReader(**src, spec);
    ASSERT_TRUE(reader.ok()) << reader.error().message.toStdString();
    QStringList names;
    for (const ColumnInfo &c : (*reader)->columns())
        names.append(c.name);
    EXPECT_EQ(names, (QStringList{QStringLiteral("Id"), QStringLiteral("Name"), QStringLiteral("addr.Id"),
                                  QStringLiteral("addr.CustomerId"), QStringLiteral("addr.Seq"),
                                  QStringLiteral("addr.City")}));
    RowBatch batch;
    while ((*reader)->nextBatch(batch, 10).value()) {
    }
    ASSERT_EQ(batch.rows.size(), 3);
    EXPECT_EQ(batch.rows.at(0).at(5).toText(), QStringLiteral("Oxford")); // Seq 1 comes first
    EXPECT_EQ(batch.rows.at(1).at(5).toText(), QStringLiteral("Arlington"));
    EXPECT_TRUE(batch.rows.at(2).at(5).isNull()); // no address

    SourceSpec query;
    query.source = QStringLiteral("s");
    query.query = QStringLiteral("SELECT c.Id, upper(c.Name) AS Shout FROM Customer c ORDER BY c.Id DESC");
    auto q = openMappingReader(**src, query);
    ASSERT_TRUE(q.ok()) << q.error().message.toStdString();
    RowBatch qb;
    while ((*q)->nextBatch(qb, 10).value()) {
    }
    ASSERT_EQ(qb.rows.size(), 3);
    EXPECT_EQ(qb.rows.at(0).at(1).toText(), QStringLiteral("ALAN"));
    EXPECT_EQ(qb.rows.at(0).at(0), Value::fromInt(3));
    query.query = QStringLiteral("DELETE FROM Customer");
    auto refused = openMappingReader(**src, query);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, QStringLiteral("mapping.query-failed"));
    EXPECT_EQ(sql(db, QStringLiteral("SELECT count(*) FROM Customer")), 3);
}
