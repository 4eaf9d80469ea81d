// GUI thread: the Dry run page over a real workspace file holding the Chinook demo catalog, the demo org's
// metadata in the cache of an emulator connection and the demo mapping; the dry run reads every row.

#include "dryrun/DryRunPage.h"
#include "MainWindow.h"
#include "dryrun/ReportTableModel.h"
#include "mapping/MappingPage.h"

#include <ferry/auth/ConnectionStore.h>
#include <ferry/catalog/Discovery.h>
#include <ferry/mapping/DryRun.h>
#include <ferry/mapping/Mapping.h>
#include <ferry/target/Metadata.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>

using ferry::ui::DryRunPage;
using ferry::ui::MainWindow;
using ferry::ui::ReportTableModel;
using namespace ferry::mapping;
using json = nlohmann::json;

namespace {

QString demoFile(const char *name)
{
    return QStringLiteral(FERRY_SOURCE_DIR "/resources/demo/") + QString::fromUtf8(name);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The demo workspace: Chinook discovered and profiled, the demo org cached for an emulator connection, the
// demo mappings saved. Returns an error text, empty on success.
QString buildDemoWorkspace(const QString &path)
{
    auto created = ferry::Workspace::create(path);
    if (!created)
        return created.error().message;
    std::unique_ptr<ferry::Workspace> ws = std::move(created).value();
    ferry::WorkspaceWriter *writer = ws->writer();
    if (!writer)
        return ws->writerError().message;

    auto uri = ferry::SourceUri::fromLocalPath(demoFile("chinook.sqlite"));
    if (!uri)
        return uri.error().message;
    ferry::DiscoveryOptions options;
    options.sourceName = QStringLiteral("chinook");
    options.profile = true;
    options.writer = writer;
    const ferry::DiscoveryResult discovered = ferry::Discovery::run(*uri, options);
    if (!discovered.ok())
        return QStringLiteral("discovery: ") + discovered.error.message;

    ferry::auth::ConnectionProfile profile;
    profile.name = QStringLiteral("Demo emulator");
    profile.kind = QStringLiteral("emulator");
    profile.environmentUrl = QUrl(QStringLiteral("http://127.0.0.1:8089/"));
    profile.tenant = QStringLiteral("ferry-demo");
    profile.appUsers = {ferry::auth::AppUser{QStringLiteral("Migration 1"),
                                             QStringLiteral("f3b9778c-d9c0-54cc-b6c6-29cd1265e38d"), true}};
    auto id = ferry::auth::ConnectionStore::save(*writer, profile);
    if (!id)
        return id.error().message;
    const json org = json::parse(readAll(demoFile("org.json")).toStdString(), nullptr, false);
    if (org.is_discarded())
        return QStringLiteral("org.json does not parse");
    if (auto s = ferry::target::MetadataCache::store(*writer, *id, org); !s)
        return s.error().message;

    QList<MappingError> errors;
    auto set = importMappings(readAll(demoFile("chinook-mapping.json")), &errors);
    if (!set)
        return set.error().message;
    if (auto s = MappingStore::save(*writer, *set); !s)
        return s.error().message;
    return {};
}

QList<SystemUser> demoSystemUsers()
{
    QList<SystemUser> users;
    const json org = json::parse(readAll(demoFile("org.json")).toStdString(), nullptr, false);
    for (const json &u : org["x-ferry-emulator"]["systemUsers"])
        users.append(SystemUser{QString::fromStdString(u.value("systemuserid", "")),
                                QString::fromStdString(u.value("fullname", "")),
                                QString::fromStdString(u.value("internalemailaddress", "")),
                                QString::fromStdString(u.value("domainname", ""))});
    return users;
}

// The demo dry run is clean. This makes the names of the longest playlists too long for ferry_name (nine
// copies of the name, concatenated), so a few rows are refused: the report has something to show and the
// quarantine something to hold.
QString breakLongPlaylistNames(const QString &path)
{
    auto ws = ferry::Workspace::open(path);
    if (!ws)
        return ws.error().message;
    auto set = MappingStore::load((*ws)->reader());
    if (!set)
        return set.error().message;
    for (Mapping &m : set->mappings)
        if (m.name == QLatin1String("ferry_playlist"))
            for (FieldMap &f : m.fields)
                if (f.target == QLatin1String("ferry_name")) {
                    f.sources = QStringList(9, QStringLiteral("Name"));
                    f.transforms = {TransformSpec{QStringLiteral("concat"), json{{"separator", ""}}}};
                }
    if (auto s = MappingStore::save(*(*ws)->writer(), *set); !s)
        return s.error().message;
    return {};
}

} // namespace

class DryRunPageTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void runsTheDemoAndShowsTheReportsCounts();
    void refusedRowsAreQuarantinedAsDryRun();
    void jumpsFromAFindingToItsMappingField();
    void jumpsFromATableToItsRows();
    void screenshot();

private:
    DryRunPage *page() const { return qobject_cast<DryRunPage *>(m_window->page(QStringLiteral("dryrun"))); }
    qint64 cell(const ReportTableModel *model, int row, int column) const
    {
        return model->index(row, column).data(ReportTableModel::SortRole).toLongLong();
    }

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;
};

void DryRunPageTest::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY(QDir().mkpath(QStringLiteral(FERRY_SCREENSHOT_DIR)));
    m_path = m_dir.filePath(QStringLiteral("demo.ferry"));
    QString error = buildDemoWorkspace(m_path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = breakLongPlaylistNames(m_path);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    m_window = std::make_unique<MainWindow>();
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openWorkspace(m_path));
    m_window->showPage(QStringLiteral("dryrun"));
    DryRunPage *p = page();
    QVERIFY(p);
    p->setSystemUsers(demoSystemUsers());
    p->setPluginTables({QStringLiteral("ferry_invoice")});
    p->setApplicationUsers(2);

    QAbstractItemModelTester t1(p->tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(p->lookupModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(p->issueModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t4(p->rowModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(p, &DryRunPage::finished);
    auto *run = p->findChild<QPushButton *>(QStringLiteral("runButton"));
    QVERIFY(run && run->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(p->isRunning());
    QVERIFY(!run->isEnabled());
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(p->errorMessage()));
    QVERIFY(run->isEnabled());
}

void DryRunPageTest::cleanupTestCase()
{
    m_window.reset();
}

void DryRunPageTest::runsTheDemoAndShowsTheReportsCounts()
{
    DryRunPage *p = page();
    const DryRunReport *report = p->report();
    QVERIFY(report);
    QVERIFY(!report->cancelled);
    QCOMPARE(report->tables.size(), 10);
    QVERIFY(report->totalRows > 3000); // Chinook: 3,503 tracks alone
    QCOMPARE(p->connectionName(), QStringLiteral("Demo emulator"));

    const ReportTableModel *tables = p->tableModel();
    QCOMPARE(tables->rowCount(), int(report->tables.size()));
    qint64 rows = 0;
    for (int r = 0; r < tables->rowCount(); ++r) {
        const TableDryRun &t = report->tables.at(r);
        QCOMPARE(tables->index(r, 1).data().toString(), t.mapping);
        QCOMPARE(cell(tables, r, 3), t.rows);
        QCOMPARE(cell(tables, r, 4), t.ok);
        QCOMPARE(cell(tables, r, 5), t.warnings);
        QCOMPARE(cell(tables, r, 6), t.errors);
        QCOMPARE(cell(tables, r, 7), t.wouldInsert);
        QCOMPARE(cell(tables, r, 8), t.wouldUpdate);
        QCOMPARE(cell(tables, r, 9), t.unchanged);
        QCOMPARE(cell(tables, r, 10), t.refused);
        QCOMPARE(cell(tables, r, 11), t.requests + t.patchRequests);
        rows += cell(tables, r, 3);
        // Nothing was ever sent: every row that is not refused would be inserted.
        QCOMPARE(t.wouldInsert, t.rows - t.refused);
    }
    QCOMPARE(rows, report->totalRows);

    const ReportTableModel *lookups = p->lookupModel();
    QCOMPARE(lookups->rowCount(), int(report->lookups.size()));
    QVERIFY(lookups->rowCount() >= 8);
    for (int r = 0; r < lookups->rowCount(); ++r) {
        const LookupReport &l = report->lookups.at(r);
        QCOMPARE(lookups->index(r, 1).data().toString(), l.column);
        QCOMPARE(cell(lookups, r, 3), l.rows);
        QCOMPARE(cell(lookups, r, 4), l.resolved);
        QCOMPARE(cell(lookups, r, 5), l.ambiguous);
        QCOMPARE(cell(lookups, r, 6), l.unresolved);
        QCOMPARE(cell(lookups, r, 7), l.unverified);
    }
    qint64 samples = 0;
    for (const TableDryRun &t : report->tables)
        for (const RowOutcome &o : t.samples)
            samples += o.issues.size();
    QCOMPARE(p->rowModel()->rowCount(), int(samples));

    const QString summary = p->summaryText();
    QVERIFY2(summary.contains(QLocale().toString(report->totalRows)), qPrintable(summary));
    QVERIFY(summary.contains(QLocale().toString(report->totalRequests)));
    QVERIFY(summary.contains(QStringLiteral("2 application users")));
}

void DryRunPageTest::refusedRowsAreQuarantinedAsDryRun()
{
    const DryRunReport *report = page()->report();
    QVERIFY(report);
    QVERIFY(report->runId > 0);
    const TableDryRun *playlist = nullptr;
    for (const TableDryRun &t : report->tables)
        if (t.mapping == QLatin1String("ferry_playlist"))
            playlist = &t;
    QVERIFY(playlist);
    QVERIFY(playlist->refused > 0 && playlist->refused < playlist->rows);
    QCOMPARE(playlist->issueCounts.value(QStringLiteral("too-long")), playlist->refused);
    QCOMPARE(report->totalRefused, playlist->refused);
    auto reader = ferry::WorkspaceReader::open(m_path);
    QVERIFY(reader);
    auto kind = (*reader)->queryValue(QStringLiteral("SELECT kind FROM runs WHERE id = ?1"), {report->runId});
    QVERIFY(kind);
    QCOMPARE(kind->toString(), QStringLiteral("dry-run"));
    auto quarantined = (*reader)->queryValue(
        QStringLiteral("SELECT COUNT(*) FROM quarantine WHERE run_id = ?1"), {report->runId});
    QVERIFY(quarantined);
    QCOMPARE(quarantined->toLongLong(), report->totalRefused);
    auto columns = (*reader)->query(
        QStringLiteral(
            "SELECT DISTINCT table_name, error_code, column_name FROM quarantine WHERE run_id = ?1"),
        {report->runId});
    QVERIFY(columns);
    QCOMPARE(columns->size(), 1);
    QCOMPARE(columns->first().at(0).toString(), QStringLiteral("ferry_playlist"));
    QCOMPARE(columns->first().at(1).toString(), QStringLiteral("too-long"));
    QCOMPARE(columns->first().at(2).toString(), QStringLiteral("ferry_name"));
    // The page says where they went.
    QVERIFY(page()->summaryText().contains(QStringLiteral("dry run #%1").arg(report->runId)));
}

void DryRunPageTest::jumpsFromAFindingToItsMappingField()
{
    DryRunPage *p = page();
    // A finding of the issues (or rows) list that names a column of a mapping.
    // The refused playlist rows: a finding on ferry_name.
    QModelIndex finding;
    for (int r = 0; r < p->rowModel()->rowCount() && !finding.isValid(); ++r)
        if (p->rowModel()->rowAt(r).mapping == QLatin1String("ferry_playlist"))
            finding = p->rowModel()->index(r, 3);
    QVERIFY(finding.isValid());
    const QString mapping = finding.data(ReportTableModel::MappingRole).toString();
    const QString column = finding.data(ReportTableModel::ColumnRole).toString();
    QCOMPARE(mapping, QStringLiteral("ferry_playlist"));
    QCOMPARE(column, QStringLiteral("ferry_name"));

    QSignalSpy requested(p, &DryRunPage::mappingFieldRequested);
    QVERIFY(p->showInMapping(finding));
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().at(0).toString(), mapping);
    QCOMPARE(requested.first().at(1).toString(), column);
    // The main window shows the field on the Mapping page.
    QCOMPARE(m_window->currentPageId(), QStringLiteral("mapping"));
    auto *mappingPage = qobject_cast<ferry::ui::MappingPage *>(m_window->page(QStringLiteral("mapping")));
    QTRY_VERIFY_WITH_TIMEOUT(!mappingPage->isLoading(), 20000);
    QCOMPARE(mappingPage->currentMappingName(), mapping);
    QCOMPARE(mappingPage->currentFieldName(), column);
    // The same from the Issues list by double-click.
    m_window->showPage(QStringLiteral("dryrun"));
    p->showTab(DryRunPage::IssuesTab);
    auto *issues = p->findChild<QTableView *>(QStringLiteral("issueReport"));
    int issueRow = -1;
    for (int r = 0; r < p->issueModel()->rowCount(); ++r)
        if (p->issueModel()->rowAt(r).mapping == mapping && p->issueModel()->rowAt(r).column == column)
            issueRow = r;
    QVERIFY(issueRow >= 0);
    requested.clear();
    const QRect cellRect = issues->visualRect(p->issueModel()->index(issueRow, 2));
    // A double-click is a press and release, then the double-click itself.
    QTest::mouseClick(issues->viewport(), Qt::LeftButton, {}, cellRect.center());
    QTest::mouseDClick(issues->viewport(), Qt::LeftButton, {}, cellRect.center());
    QCOMPARE(requested.count(), 1);
    QCOMPARE(m_window->currentPageId(), QStringLiteral("mapping"));
    m_window->showPage(QStringLiteral("dryrun"));
}

void DryRunPageTest::jumpsFromATableToItsRows()
{
    DryRunPage *p = page();
    const DryRunReport *report = p->report();
    QString withSamples;
    int expected = 0;
    for (const TableDryRun &t : report->tables)
        if (!t.samples.isEmpty() && withSamples.isEmpty()) {
            withSamples = t.mapping;
            for (const RowOutcome &o : t.samples)
                expected += int(o.issues.size());
        }
    if (withSamples.isEmpty())
        QSKIP("The demo dry run has no row with a finding.");
    auto *view = p->findChild<QTableView *>(QStringLiteral("tableReport"));
    const int row = [&] {
        for (int r = 0; r < p->tableModel()->rowCount(); ++r)
            if (p->tableModel()->rowAt(r).mapping == withSamples)
                return r;
        return -1;
    }();
    QVERIFY(row >= 0);
    p->showTab(DryRunPage::TablesTab);
    emit view->activated(p->tableModel()->index(row, 1));
    QCOMPARE(p->rowFilter()->rowCount(), expected);
    for (int r = 0; r < p->rowFilter()->rowCount(); ++r)
        QCOMPARE(p->rowFilter()->index(r, 0).data().toString(), withSamples);
    p->showRowsOf(QString());
    QCOMPARE(p->rowFilter()->rowCount(), p->rowModel()->rowCount());
}

void DryRunPageTest::screenshot()
{
    DryRunPage *p = page();
    m_window->showPage(QStringLiteral("dryrun"));
    p->showTab(DryRunPage::TablesTab);
    QTest::qWait(50);
    QVERIFY(m_window->grab().save(QStringLiteral(FERRY_SCREENSHOT_DIR "/dryrun-page.png")));
    p->showTab(DryRunPage::LookupsTab);
    QTest::qWait(50);
    QVERIFY(m_window->grab().save(QStringLiteral(FERRY_SCREENSHOT_DIR "/dryrun-lookups.png")));
    p->showTab(DryRunPage::RowsTab);
    QTest::qWait(50);
    QVERIFY(m_window->grab().save(QStringLiteral(FERRY_SCREENSHOT_DIR "/dryrun-rows.png")));
}

QTEST_MAIN(DryRunPageTest)
#include "DryRunPageTest.moc"
