// GUI thread: the Catalog page over a real workspace and the real Chinook demo database, offscreen.

#include "catalog/CatalogPage.h"
#include "AppSettings.h"
#include "MainWindow.h"
#include "catalog/AddSourceDialog.h"
#include "catalog/SampleTableModel.h"

#include <ferry/catalog/CatalogStore.h>
#include <ferry/source/SourceUri.h>
#include <ferry/workspace/Workspace.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using ferry::ui::CatalogPage;
using ferry::ui::MainWindow;
using ferry::ui::SampleTableModel;

namespace {

constexpr int kTimeoutMs = 30000;

QString chinookPath()
{
    return QStringLiteral(FERRY_SOURCE_DIR "/resources/demo/chinook.sqlite");
}

// Table nodes under `parent` (any depth) of `model`, by name.
QStringList tableNames(const QAbstractItemModel *model, const QModelIndex &parent = {})
{
    QStringList names;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex index = model->index(r, 0, parent);
        if (index.data(CatalogPage::NodeKindRole).toInt() == CatalogPage::TableNode)
            names.append(index.data(CatalogPage::TableNameRole).toString());
        names += tableNames(model, index);
    }
    return names;
}

QStringList listTexts(const QListWidget *list)
{
    QStringList texts;
    for (int i = 0; i < list->count(); ++i)
        texts.append(list->item(i)->text());
    return texts;
}

int rowOf(const QTableWidget *table, const QString &firstColumn)
{
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0) && table->item(r, 0)->text() == firstColumn)
            return r;
    return -1;
}

} // namespace

class CatalogPageTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void withoutWorkspaceShowsNoWorkspacePanel();
    void discoversChinookInBackground();
    void filterIsInstantAndCaseInsensitive();
    void trackShowsColumnsKeysAndForeignKeys();
    void foreignKeysNavigate();
    void enterOnTableOpensDetails();
    void sampleGridFetchesLazily();
    void sampleDropsStaleAnswers();
    void profileShowsNullShareAndIsSaved();
    void addToPlanUsesLoadOrderWithoutDuplicates();
    void storedCatalogsLoadWhenWorkspaceOpens();
    void brokenSourceShowsErrorOnPage();
    void unreadableTableIsMarkedAndTheRestDiscovered();
    void cancelledDiscoveryLeavesPageUsable();
    void addSourceDialogBuildsUrisWithoutPasswords();
    void closingWorkspaceStopsBackgroundWork();

private:
    CatalogPage *page() const;
    void saveScreenshot(QWidget *widget, const QString &name);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
    QString m_workspacePath;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_treeTester;
    std::unique_ptr<QAbstractItemModelTester> m_filterTester;
};

void CatalogPageTest::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY(QDir().mkpath(QStringLiteral(FERRY_SCREENSHOT_DIR)));
    QVERIFY(QFileInfo::exists(chinookPath()));

    m_window = std::make_unique<MainWindow>();
    m_window->resize(1280, 800);
    m_window->showPage(QStringLiteral("catalog"));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // Testers first, so they watch every change the page makes to its tree.
    m_treeTester = std::make_unique<QAbstractItemModelTester>(
        page()->treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_filterTester = std::make_unique<QAbstractItemModelTester>(
        page()->filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_workspacePath = m_dir.filePath(QStringLiteral("catalog.ferry"));
}

void CatalogPageTest::cleanupTestCase()
{
    m_filterTester.reset();
    m_treeTester.reset();
    m_window.reset();
}

CatalogPage *CatalogPageTest::page() const
{
    return qobject_cast<CatalogPage *>(m_window->page(QStringLiteral("catalog")));
}

void CatalogPageTest::saveScreenshot(QWidget *widget, const QString &name)
{
    QApplication::processEvents();
    const QPixmap shot = widget->grab();
    const QImage image = shot.toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
    const QString path = QStringLiteral(FERRY_SCREENSHOT_DIR "/") + name + QStringLiteral(".png");
    QVERIFY2(shot.save(path), qPrintable(path));
}

void CatalogPageTest::withoutWorkspaceShowsNoWorkspacePanel()
{
    CatalogPage *p = page();
    QVERIFY(p);
    auto *heading = p->findChild<QLabel *>(QStringLiteral("noWorkspaceHeading"));
    QVERIFY(heading && heading->isVisible());
    QVERIFY(!p->findChild<QWidget *>(QStringLiteral("notBuiltBox"))->isVisible());
    QVERIFY(!p->findChild<QTreeView *>(QStringLiteral("catalogTree"))->isVisible());
    QVERIFY(p->addSource(*ferry::SourceUri::fromLocalPath(chinookPath())).isEmpty());

    QVERIFY(m_window->createWorkspace(m_workspacePath));
    QVERIFY(!heading->isVisible());
    QVERIFY(p->findChild<QTreeView *>(QStringLiteral("catalogTree"))->isVisible());
    QCOMPARE(p->treeModel()->rowCount(), 0);
}

void CatalogPageTest::discoversChinookInBackground()
{
    CatalogPage *p = page();
    auto uri = ferry::SourceUri::fromLocalPath(chinookPath());
    QVERIFY(uri);
    const QString name = p->addSource(*uri);
    QCOMPARE(name, QStringLiteral("chinook"));
    // A second source of the same name is refused, on the page.
    QVERIFY(p->addSource(*uri).isEmpty());
    QVERIFY(p->errorMessage().contains(QStringLiteral("chinook")));
    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("dismissErrorButton")), Qt::LeftButton);
    QVERIFY(p->errorMessage().isEmpty());

    QSignalSpy finished(p, &CatalogPage::discoveryFinished);
    QVERIFY(p->discover(name));
    QVERIFY(p->isDiscovering());
    // The GUI thread is free while the job runs: the discovery finishes through the event loop.
    QTRY_VERIFY_WITH_TIMEOUT(!p->isDiscovering(), kTimeoutMs);
    QCOMPARE(finished.count(), 1);

    QStringList tables = tableNames(p->treeModel());
    tables.sort();
    QCOMPARE(
        tables,
        QStringList({QStringLiteral("Album"), QStringLiteral("Artist"), QStringLiteral("Customer"),
                     QStringLiteral("Employee"), QStringLiteral("Genre"), QStringLiteral("Invoice"),
                     QStringLiteral("InvoiceLine"), QStringLiteral("MediaType"), QStringLiteral("Playlist"),
                     QStringLiteral("PlaylistTrack"), QStringLiteral("Track")}));
    auto *progress = p->findChild<QProgressBar *>(QStringLiteral("discoveryProgress"));
    QCOMPARE(progress->maximum(), 11);
    QCOMPARE(progress->value(), 11);
    QVERIFY(!progress->isVisible()); // only while discovering
    QCOMPARE(p->statusMessage(), QStringLiteral("Discovered 11 tables of “chinook”."));
    QCOMPARE(m_window->statusBar()->currentMessage(), p->statusMessage());

    // Row counts are in the second column; Track has 3,503 rows (exact for SQLite).
    const QModelIndex source = p->treeModel()->index(0, 0);
    bool found = false;
    for (int r = 0; r < p->treeModel()->rowCount(source); ++r) {
        if (p->treeModel()->index(r, 0, source).data().toString() == QLatin1String("Track")) {
            QCOMPARE(p->treeModel()->index(r, 1, source).data().toString(), QLocale().toString(3503));
            found = true;
        }
    }
    QVERIFY(found);

    // The catalog was saved in the workspace (in the background too).
    QTRY_VERIFY_WITH_TIMEOUT(!p->isSaving(), kTimeoutMs);
    auto stored = ferry::CatalogStore::sources(m_window->workspace()->reader());
    QVERIFY(stored);
    QCOMPARE(*stored, QStringList{QStringLiteral("chinook")});
}

void CatalogPageTest::filterIsInstantAndCaseInsensitive()
{
    CatalogPage *p = page();
    auto *filter = p->findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    auto *tree = p->findChild<QTreeView *>(QStringLiteral("catalogTree"));
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), filter);
    QTest::keyClicks(filter, QStringLiteral("PLAY"));
    QStringList shown = tableNames(p->filterModel());
    shown.sort();
    QCOMPARE(shown, QStringList({QStringLiteral("Playlist"), QStringLiteral("PlaylistTrack")}));
    filter->clear();
    QCOMPARE(tableNames(p->filterModel()).size(), 11);
}

void CatalogPageTest::trackShowsColumnsKeysAndForeignKeys()
{
    CatalogPage *p = page();
    QVERIFY(p->selectTable(QStringLiteral("chinook"), QStringLiteral("Track")));
    QCOMPARE(p->currentTable()->name, QStringLiteral("Track"));
    QCOMPARE(p->findChild<QLabel *>(QStringLiteral("tableTitle"))->text(), QStringLiteral("Track"));
    QVERIFY(
        p->findChild<QLabel *>(QStringLiteral("tableSubtitle"))->text().contains(QLocale().toString(3503)));

    auto *columns = p->findChild<QTableWidget *>(QStringLiteral("columnsTable"));
    QCOMPARE(columns->rowCount(), 9);
    const int trackId = rowOf(columns, QStringLiteral("TrackId"));
    const int albumId = rowOf(columns, QStringLiteral("AlbumId"));
    const int name = rowOf(columns, QStringLiteral("Name"));
    QVERIFY(trackId >= 0 && albumId >= 0 && name >= 0);
    QCOMPARE(columns->item(trackId, 1)->text(), QStringLiteral("PK"));
    QCOMPARE(columns->item(albumId, 1)->text(), QStringLiteral("FK"));
    QVERIFY(columns->item(albumId, 1)->toolTip().contains(QStringLiteral("Album.AlbumId")));
    QCOMPARE(columns->item(name, 1)->text(), QString());
    QCOMPARE(columns->item(name, 2)->text(), QStringLiteral("NVARCHAR(200)"));
    QCOMPARE(columns->item(name, 3)->text(), QStringLiteral("text"));
    QCOMPARE(columns->item(name, 4)->text(), QStringLiteral("no"));
    QCOMPARE(columns->item(name, 5)->text(), QStringLiteral("200"));

    const QStringList out = listTexts(p->findChild<QListWidget *>(QStringLiteral("foreignKeysOut")));
    QCOMPARE(out.size(), 3);
    for (const char *target : {"Album (", "Genre (", "MediaType ("})
        QVERIFY2(std::any_of(out.cbegin(), out.cend(),
                             [&](const QString &t) { return t.startsWith(QLatin1String(target)); }),
                 qPrintable(out.join(QLatin1Char('|'))));
    const QStringList in = listTexts(p->findChild<QListWidget *>(QStringLiteral("foreignKeysIn")));
    QCOMPARE(in.size(), 2);
    QVERIFY(in.at(0).startsWith(QLatin1String("InvoiceLine (")) ||
            in.at(1).startsWith(QLatin1String("InvoiceLine (")));
    QVERIFY(in.at(0).startsWith(QLatin1String("PlaylistTrack (")) ||
            in.at(1).startsWith(QLatin1String("PlaylistTrack (")));
    QVERIFY(
        p->findChild<QLabel *>(QStringLiteral("loadOrderLabel"))->text().contains(QStringLiteral("Album")));

    auto *tabs = p->findChild<QTabWidget *>(QStringLiteral("detailTabs"));
    tabs->setCurrentIndex(0);
    saveScreenshot(m_window.get(), QStringLiteral("catalog-tree-details"));
    tabs->setCurrentIndex(1);
    saveScreenshot(m_window.get(), QStringLiteral("catalog-relationships"));
}

void CatalogPageTest::foreignKeysNavigate()
{
    CatalogPage *p = page();
    QVERIFY(p->selectTable(QStringLiteral("chinook"), QStringLiteral("Track")));
    auto *out = p->findChild<QListWidget *>(QStringLiteral("foreignKeysOut"));
    QListWidgetItem *genre = nullptr;
    for (int i = 0; i < out->count(); ++i)
        if (out->item(i)->text().startsWith(QLatin1String("Genre")))
            genre = out->item(i);
    QVERIFY(genre);
    p->findChild<QTabWidget *>(QStringLiteral("detailTabs"))->setCurrentIndex(1);
    out->setFocus();
    out->setCurrentItem(genre);
    QTest::keyClick(out, Qt::Key_Return);
    QCOMPARE(p->currentTable()->name, QStringLiteral("Genre"));
    auto *tree = p->findChild<QTreeView *>(QStringLiteral("catalogTree"));
    QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("Genre"));
    // And back through "referenced by".
    auto *in = p->findChild<QListWidget *>(QStringLiteral("foreignKeysIn"));
    QCOMPARE(in->count(), 1);
    QVERIFY(in->item(0)->text().startsWith(QLatin1String("Track (")));
    emit in->itemActivated(in->item(0));
    QCOMPARE(p->currentTable()->name, QStringLiteral("Track"));
}

void CatalogPageTest::enterOnTableOpensDetails()
{
    CatalogPage *p = page();
    auto *tree = p->findChild<QTreeView *>(QStringLiteral("catalogTree"));
    auto *tabs = p->findChild<QTabWidget *>(QStringLiteral("detailTabs"));
    tabs->setCurrentIndex(0);
    QVERIFY(p->selectTable(QStringLiteral("chinook"), QStringLiteral("Album")));
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Down); // Artist follows Album in the tree
    QCOMPARE(p->currentTable()->name, QStringLiteral("Artist"));
    QTest::keyClick(tree, Qt::Key_Return);
    QCOMPARE(QApplication::focusWidget(), p->findChild<QTableWidget *>(QStringLiteral("columnsTable")));
    // Tab moves on from the details; Shift+Tab from the filter reaches the toolbar.
    auto *filter = p->findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    filter->setFocus();
    QTest::keyClick(filter, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), tree);
    filter->setFocus();
    QTest::keyClick(filter, Qt::Key_Backtab);
    QCOMPARE(QApplication::focusWidget(), p->findChild<QPushButton *>(QStringLiteral("addToPlanButton")));
}

void CatalogPageTest::sampleGridFetchesLazily()
{
    CatalogPage *p = page();
    SampleTableModel *model = p->sampleModel();
    // No model tester here: it calls fetchMore() after every insert, which is not what a view does.
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QVERIFY(p->selectTable(QStringLiteral("chinook"), QStringLiteral("Track")));
    auto *tabs = p->findChild<QTabWidget *>(QStringLiteral("detailTabs"));
    tabs->setCurrentWidget(p->findChild<QTableView *>(QStringLiteral("sampleView"))->parentWidget());
    QCOMPARE(model->tableName(), QStringLiteral("Track"));
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), kTimeoutMs);
    // One batch, not the table's 3,503 rows (the view may have asked for one more batch to fill itself).
    QVERIFY(model->rowCount() % SampleTableModel::batchRows() == 0);
    QVERIFY2(model->rowCount() <= 2 * SampleTableModel::batchRows(),
             qPrintable(QString::number(model->rowCount())));
    QCOMPARE(model->columnCount(), 9);
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("TrackId"));
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("1"));
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("For Those About To Rock (We Salute You)"));
    saveScreenshot(m_window.get(), QStringLiteral("catalog-sample"));

    const int before = model->rowCount();
    QVERIFY(model->canFetchMore({}));
    model->fetchMore({});
    QVERIFY(model->isLoading());
    QVERIFY(!model->canFetchMore({})); // one request at a time
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), before + SampleTableModel::batchRows(), kTimeoutMs);
    // A null is shown as such (the Composer of track 63 is null in Chinook).
    const int composer = 5;
    QCOMPARE(model->headerData(composer, Qt::Horizontal).toString(), QStringLiteral("Composer"));
    QCOMPARE(model->index(62, composer).data().toString(), QStringLiteral("NULL"));
    QVERIFY(model->index(62, composer).data(Qt::FontRole).value<QFont>().italic());

    // Scrolling to the end keeps fetching in batches, and stops at the sample's cap.
    auto *view = p->findChild<QTableView *>(QStringLiteral("sampleView"));
    for (int i = 0; i < 30 && !model->isComplete(); ++i) {
        view->scrollToBottom();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), kTimeoutMs);
    }
    QCOMPARE(model->rowCount(), SampleTableModel::maxRows());
    QVERIFY(model->rowCount() < 3503);
    QVERIFY(!model->canFetchMore({}));
    // Every insert was one batch.
    QCOMPARE(inserted.count(), SampleTableModel::maxRows() / SampleTableModel::batchRows());
    for (const QList<QVariant> &args : std::as_const(inserted))
        QCOMPARE(args.at(2).toInt() - args.at(1).toInt() + 1, SampleTableModel::batchRows());
}

void CatalogPageTest::sampleDropsStaleAnswers()
{
    CatalogPage *p = page();
    SampleTableModel *model = p->sampleModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Quick switches: only the last table's rows arrive.
    QVERIFY(p->selectTable(QStringLiteral("chinook"), QStringLiteral("Album")));
    QVERIFY(p->selectTable(QStringLiteral("chinook"), QStringLiteral("Genre")));
    QVERIFY(p->selectTable(QStringLiteral("chinook"), QStringLiteral("Artist")));
    QCOMPARE(model->tableName(), QStringLiteral("Artist"));
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && !model->isLoading(), kTimeoutMs);
    QCOMPARE(model->columnCount(), 2);
    QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Name"));
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("AC/DC"));
    // The tester itself asks for more after each insert: the model still stops at the table's end (275).
    QTRY_VERIFY_WITH_TIMEOUT(model->isComplete() && !model->isLoading(), kTimeoutMs);
    QCOMPARE(model->rowCount(), 275);
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("AC/DC"));
}

void CatalogPageTest::profileShowsNullShareAndIsSaved()
{
    CatalogPage *p = page();
    QVERIFY(p->selectTable(QStringLiteral("chinook"), QStringLiteral("Track")));
    QVERIFY(!p->currentTable()->isProfiled());
    auto *button = p->findChild<QPushButton *>(QStringLiteral("profileButton"));
    QVERIFY(button->isEnabled());
    QSignalSpy finished(p, &CatalogPage::profileFinished);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(p->isProfiling());
    QVERIFY(!button->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!p->isProfiling(), kTimeoutMs);
    QCOMPARE(finished.count(), 1);
    QVERIFY(p->currentTable()->isProfiled());

    auto *profile = p->findChild<QTableWidget *>(QStringLiteral("profileTable"));
    QVERIFY(profile->isVisible());
    const int composer = rowOf(profile, QStringLiteral("Composer"));
    QVERIFY(composer >= 0);
    // 977 of 3,503 composers are null: 27.9 %.
    const QString nulls = profile->item(composer, 1)->text();
    QVERIFY2(nulls.startsWith(QLocale().toString(27.9, 'f', 1)) && nulls.contains(QStringLiteral("977")),
             qPrintable(nulls));
    const int trackId = rowOf(profile, QStringLiteral("TrackId"));
    QCOMPARE(profile->item(trackId, 2)->text(), QLocale().toString(3503));
    QCOMPARE(profile->item(trackId, 3)->text(), QStringLiteral("1"));
    QCOMPARE(profile->item(trackId, 4)->text(), QStringLiteral("3503"));
    saveScreenshot(m_window.get(), QStringLiteral("catalog-profile"));

    // The profile is in the workspace too.
    auto stored = ferry::CatalogStore::load(m_window->workspace()->reader(), QStringLiteral("chinook"));
    QVERIFY(stored);
    const ferry::CatalogColumn *column =
        stored->table(QStringLiteral("Track"))->column(QStringLiteral("Composer"));
    QVERIFY(column && column->profile);
    QCOMPARE(column->profile->nulls, 977);
}

void CatalogPageTest::addToPlanUsesLoadOrderWithoutDuplicates()
{
    CatalogPage *p = page();
    auto *tree = p->findChild<QTreeView *>(QStringLiteral("catalogTree"));
    QItemSelectionModel *selection = tree->selectionModel();
    selection->clearSelection();
    // Selected child first, parents last: the plan must still load parents first.
    for (const QString &name : {QStringLiteral("Track"), QStringLiteral("Album"), QStringLiteral("Artist")}) {
        const QModelIndexList hits = p->filterModel()->match(p->filterModel()->index(0, 0), Qt::DisplayRole,
                                                             name, 1, Qt::MatchExactly | Qt::MatchRecursive);
        QCOMPARE(hits.size(), 1);
        selection->select(hits.first(), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    auto *button = p->findChild<QPushButton *>(QStringLiteral("addToPlanButton"));
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);

    auto plan = m_window->workspace()->planEntries();
    QVERIFY(plan);
    QStringList order;
    for (const ferry::PlanEntry &e : *plan)
        order.append(e.tableName);
    QCOMPARE(order,
             QStringList({QStringLiteral("Artist"), QStringLiteral("Album"), QStringLiteral("Track")}));
    QCOMPARE(plan->at(0).recordsToMigrate, 275);
    QCOMPARE(plan->at(1).recordsToMigrate, 347);
    QCOMPARE(plan->at(2).recordsToMigrate, 3503);
    QCOMPARE(plan->at(0).order, 1);
    QCOMPARE(plan->at(2).order, 3);
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("3 table")));

    // Again, plus Genre: nothing is duplicated and Genre goes before Track.
    const QModelIndexList genre =
        p->filterModel()->match(p->filterModel()->index(0, 0), Qt::DisplayRole, QStringLiteral("Genre"), 1,
                                Qt::MatchExactly | Qt::MatchRecursive);
    selection->select(genre.first(), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(p->addSelectedToPlan(), 1);
    plan = m_window->workspace()->planEntries();
    order.clear();
    for (const ferry::PlanEntry &e : *plan)
        order.append(e.tableName);
    QCOMPARE(order.size(), 4);
    QVERIFY(order.indexOf(QStringLiteral("Genre")) < order.indexOf(QStringLiteral("Track")));
    QVERIFY(order.indexOf(QStringLiteral("Artist")) < order.indexOf(QStringLiteral("Album")));
    QCOMPARE(p->addSelectedToPlan(), 0);
    QCOMPARE(m_window->workspace()->planEntries()->size(), 4);
}

void CatalogPageTest::storedCatalogsLoadWhenWorkspaceOpens()
{
    m_window->closeWorkspace();
    CatalogPage *p = page();
    QCOMPARE(p->treeModel()->rowCount(), 0);
    QVERIFY(p->findChild<QLabel *>(QStringLiteral("noWorkspaceHeading"))->isVisible());
    QVERIFY(m_window->openWorkspace(m_workspacePath));
    QCOMPARE(p->sourceNames(), QStringList{QStringLiteral("chinook")});
    QCOMPARE(tableNames(p->treeModel()).size(), 11);
    QVERIFY(p->selectTable(QStringLiteral("chinook"), QStringLiteral("Track")));
    QVERIFY(p->currentTable()->isProfiled());
    QCOMPARE(
        rowOf(p->findChild<QTableWidget *>(QStringLiteral("profileTable")), QStringLiteral("Composer")) >= 0,
        true);
}

void CatalogPageTest::brokenSourceShowsErrorOnPage()
{
    CatalogPage *p = page();
    const QString path = m_dir.filePath(QStringLiteral("broken.sqlite"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("This is a plain text file that only pretends to be a database.\n");
    }
    const QString name = p->addSource(*ferry::SourceUri::fromLocalPath(path));
    QCOMPARE(name, QStringLiteral("broken"));
    QVERIFY(p->discover(name));
    QTRY_VERIFY_WITH_TIMEOUT(!p->isDiscovering(), kTimeoutMs);
    const QString error = p->errorMessage();
    QVERIFY2(error.contains(QStringLiteral("broken")), qPrintable(error));
    QVERIFY(p->findChild<QWidget *>(QStringLiteral("errorBox"))->isVisible());
    // The tree marks the source and says why in its tooltip; the good source is untouched.
    const QModelIndexList hits =
        p->treeModel()->match(p->treeModel()->index(0, 0), Qt::DisplayRole, name, 1, Qt::MatchExactly);
    QCOMPARE(hits.size(), 1);
    QVERIFY(
        hits.first().data(Qt::ToolTipRole).toString().contains(QStringLiteral("Could not be discovered")));
    QCOMPARE(tableNames(p->treeModel()).size(), 11);
    saveScreenshot(m_window.get(), QStringLiteral("catalog-broken-source"));
    QTest::mouseClick(p->findChild<QPushButton *>(QStringLiteral("dismissErrorButton")), Qt::LeftButton);
    QVERIFY(p->errorMessage().isEmpty());
}

void CatalogPageTest::unreadableTableIsMarkedAndTheRestDiscovered()
{
    CatalogPage *p = page();
    QDir folder(m_dir.filePath(QStringLiteral("csvfolder")));
    QVERIFY(folder.mkpath(QStringLiteral(".")));
    {
        QFile good(folder.filePath(QStringLiteral("customers.csv")));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write("id,name\n1,Ada\n2,Grace\n");
        QFile bad(folder.filePath(QStringLiteral("garbled.csv")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        // NUL bytes at odd and even offsets: neither text nor UTF-16.
        bad.write(QByteArray("a,b\n", 4) + QByteArray(16, '\0') + QByteArray("x\0y\0\0z", 7));
    }
    const QString name = p->addSource(*ferry::SourceUri::fromLocalPath(folder.path()));
    QCOMPARE(name, QStringLiteral("csvfolder"));
    QVERIFY(p->discover(name));
    QTRY_VERIFY_WITH_TIMEOUT(!p->isDiscovering(), kTimeoutMs);
    QVERIFY2(p->statusMessage().contains(QStringLiteral("1 could not be read")),
             qPrintable(p->statusMessage()));
    const ferry::Catalog *catalog = p->catalog(name);
    QVERIFY(catalog);
    QCOMPARE(catalog->tables.size(), 2);

    QStandardItem *garbled = nullptr;
    QStandardItem *customers = nullptr;
    const QList<QStandardItem *> items =
        p->treeModel()->findItems(QStringLiteral("*"), Qt::MatchWildcard | Qt::MatchRecursive);
    for (QStandardItem *item : items) {
        if (item->data(CatalogPage::SourceNameRole).toString() != name)
            continue;
        if (item->text().startsWith(QLatin1String("garbled")))
            garbled = item;
        if (item->text().startsWith(QLatin1String("customers")))
            customers = item;
    }
    QVERIFY(garbled && customers);
    QVERIFY2(garbled->toolTip().contains(QStringLiteral("unknown encoding")), qPrintable(garbled->toolTip()));
    QVERIFY(!customers->toolTip().contains(QStringLiteral("could not be read")));
    QVERIFY(garbled->icon().cacheKey() != customers->icon().cacheKey());
    // The table's own details say why, on the page.
    QVERIFY(p->selectTable(name, garbled->data(CatalogPage::TableNameRole).toString()));
    auto *reason = p->findChild<QLabel *>(QStringLiteral("tableErrorLabel"));
    QVERIFY(reason->isVisible());
    QVERIFY(reason->text().contains(QStringLiteral("unknown encoding")));
    QVERIFY(p->selectTable(name, customers->data(CatalogPage::TableNameRole).toString()));
    QVERIFY(!reason->isVisible());
    QCOMPARE(p->currentTable()->rowCount, 2);
}

void CatalogPageTest::cancelledDiscoveryLeavesPageUsable()
{
    CatalogPage *p = page();
    auto *cancel = p->findChild<QPushButton *>(QStringLiteral("cancelButton"));
    QVERIFY(!cancel->isEnabled());
    QSignalSpy finished(p, &CatalogPage::discoveryFinished);
    QVERIFY(p->discover(QStringLiteral("chinook")));
    QVERIFY(cancel->isEnabled());
    QVERIFY(p->findChild<QProgressBar *>(QStringLiteral("discoveryProgress"))->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!p->isDiscovering(), kTimeoutMs);
    QCOMPARE(finished.count(), 1);
    QVERIFY(!cancel->isEnabled());
    // The job usually sees the cancel before it lists the tables; either way the page says what happened
    // and a cancelled discovery never throws away the catalog the source had.
    const QString message = p->statusMessage();
    QVERIFY2(message.contains(QStringLiteral("cancelled")) ||
                 message == QStringLiteral("Discovered 11 tables of “chinook”."),
             qPrintable(message));
    QCOMPARE(tableNames(p->treeModel()).count(QStringLiteral("Track")), 1);
    QCOMPARE(p->catalog(QStringLiteral("chinook"))->tables.size(), 11);
    QTRY_VERIFY_WITH_TIMEOUT(!p->isSaving(), kTimeoutMs);
    auto stored = ferry::CatalogStore::load(m_window->workspace()->reader(), QStringLiteral("chinook"));
    QVERIFY(stored);
    QCOMPARE(stored->tables.size(), 11);
    QVERIFY(p->findChild<QPushButton *>(QStringLiteral("discoverButton"))->isEnabled() ||
            !p->findChild<QTreeView *>(QStringLiteral("catalogTree"))->currentIndex().isValid());
}

void CatalogPageTest::addSourceDialogBuildsUrisWithoutPasswords()
{
    ferry::ui::AddSourceDialog dialog;
    auto *kind = dialog.findChild<QComboBox *>(QStringLiteral("kindCombo"));
    auto *path = dialog.findChild<QLineEdit *>(QStringLiteral("pathEdit"));
    QVERIFY(kind && path);
    kind->setCurrentIndex(0); // SQLite
    QVERIFY(!dialog.sourceUri());
    path->setText(chinookPath());
    auto uri = dialog.sourceUri();
    QVERIFY(uri);
    QCOMPARE(uri->kind, ferry::SourceKind::Sqlite);
    QCOMPARE(uri->path, QFileInfo(chinookPath()).absoluteFilePath());

    kind->setCurrentIndex(3);     // PostgreSQL
    QVERIFY(!dialog.sourceUri()); // host and database are required
    dialog.findChild<QLineEdit *>(QStringLiteral("hostEdit"))->setText(QStringLiteral("db.example"));
    dialog.findChild<QLineEdit *>(QStringLiteral("databaseEdit"))->setText(QStringLiteral("legacy"));
    dialog.findChild<QLineEdit *>(QStringLiteral("userEdit"))->setText(QStringLiteral("reader"));
    dialog.findChild<QLineEdit *>(QStringLiteral("schemaEdit"))->setText(QStringLiteral("sales"));
    dialog.findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(QStringLiteral("s3cret"));
    uri = dialog.sourceUri();
    QVERIFY(uri);
    QCOMPARE(uri->kind, ferry::SourceKind::PostgreSql);
    QCOMPARE(uri->host, QStringLiteral("db.example"));
    QCOMPARE(uri->option(QStringLiteral("schema")), QStringLiteral("sales"));
    QVERIFY(!uri->toString().contains(QStringLiteral("s3cret")));
    QCOMPARE(dialog.password(), QStringLiteral("s3cret"));

    // A server source shows its schema level in the tree (without being discovered).
    CatalogPage *p = page();
    const QString name = p->addSource(*uri, {}, dialog.password());
    QCOMPARE(name, QStringLiteral("legacy"));
    const QModelIndexList hits =
        p->treeModel()->match(p->treeModel()->index(0, 0), Qt::DisplayRole, name, 1, Qt::MatchExactly);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(p->treeModel()->rowCount(hits.first()), 1);
    QCOMPARE(p->treeModel()->index(0, 0, hits.first()).data().toString(), QStringLiteral("sales"));
    QCOMPARE(hits.first().siblingAtColumn(1).data().toString(), QStringLiteral("not discovered"));
}

void CatalogPageTest::closingWorkspaceStopsBackgroundWork()
{
    CatalogPage *p = page();
    QVERIFY(p->selectTable(QStringLiteral("chinook"), QStringLiteral("PlaylistTrack")));
    auto *tabs = p->findChild<QTabWidget *>(QStringLiteral("detailTabs"));
    tabs->setCurrentWidget(p->findChild<QTableView *>(QStringLiteral("sampleView"))->parentWidget());
    QVERIFY(p->profileCurrentTable());
    QVERIFY(!p->discover(QStringLiteral("chinook"))); // not while its profile runs
    QVERIFY(p->discover(QStringLiteral("csvfolder")));
    // Closing waits for the jobs (they hold the workspace's writer), and drops their late answers.
    m_window->closeWorkspace();
    QVERIFY(!p->isProfiling());
    QVERIFY(!p->isDiscovering());
    QCOMPARE(p->treeModel()->rowCount(), 0);
    QCOMPARE(p->sampleModel()->rowCount(), 0);
    QTest::qWait(50);
    QCOMPARE(p->treeModel()->rowCount(), 0);
    QVERIFY(p->statusMessage().isEmpty());

    QVERIFY(m_window->openWorkspace(m_workspacePath));
    QVERIFY(p->sourceNames().contains(QStringLiteral("chinook")));
    QCOMPARE(tableNames(p->treeModel()).count(QStringLiteral("Track")), 1);
}

QTEST_MAIN(CatalogPageTest)
#include "CatalogPageTest.moc"
