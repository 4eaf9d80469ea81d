// GUI thread: the Target page over a real workspace file, refreshing metadata from a real ferry-emulator
// process.

#include "EmulatorProcess.h"

#include "AppSettings.h"
#include "MainWindow.h"
#include "connections/ConnectionsDialog.h"
#include "target/AlternateKeyModel.h"
#include "target/AttributeModel.h"
#include "target/EntityListModel.h"
#include "target/OptionValueModel.h"
#include "target/RelationshipModel.h"
#include "target/TargetPage.h"

#include <ferry/auth/ConnectionStore.h>
#include <ferry/target/Metadata.h>
#include <ferry/workspace/Workspace.h>

#include <nlohmann/json.hpp>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using ferry::auth::ConnectionProfile;
using ferry::auth::ConnectionStore;
using ferry::ui::AttributeModel;
using ferry::ui::EntityListModel;
using ferry::ui::TargetPage;

namespace {

const char *kSecretVariable = "FERRY_SECRET_F3B9778C_D9C0_54CC_B6C6_29CD1265E38D";

QStringList demoTables()
{
    QFile file(QStringLiteral(FERRY_SOURCE_DIR "/resources/demo/org.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const auto org = nlohmann::json::parse(file.readAll().toStdString());
    QStringList names;
    for (const auto &e : org.at("value"))
        names << QString::fromStdString(e.at("LogicalName").get<std::string>());
    names.sort();
    return names;
}

// The row of `column` in the Columns model, or -1.
int attributeRow(const AttributeModel *model, const QString &column)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, 0).data().toString() == column)
            return r;
    return -1;
}

QString cell(const QAbstractItemModel *model, int row, int column)
{
    return model->index(row, column).data().toString();
}

QStringList columnValues(const QAbstractItemModel *model, int column)
{
    QStringList values;
    for (int r = 0; r < model->rowCount(); ++r)
        values << cell(model, r, column);
    return values;
}

} // namespace

class TargetPageTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void emptyStatesSayWhatToDo();
    void refreshShowsTheDemoOrgTables();
    void filterAsYouTypeNarrowsTheList();
    void trackShowsColumnsWithMarkers();
    void trackShowsOptionValuesKeysAndRelationships();
    void cacheIsShownOnOpenWithItsTime();
    void refreshThisTableKeepsTheOthers();
    void wrongSecretShowsTheErrorAndKeepsTheCache();
    void cancelStopsARefresh();
    void modelsPassTheModelTester();
    void mainWindowWiresConnectionsAndTargetPage();

private:
    std::unique_ptr<TargetPage> makePage(ferry::Workspace *workspace);
    bool refresh(TargetPage *page);
    void saveScreenshot(QWidget *widget, const QString &name);

    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<ferry::test::EmulatorProcess> m_emulator;
    std::unique_ptr<ferry::Workspace> m_workspace;
    std::unique_ptr<TargetPage> m_page;
    ConnectionProfile m_profile;
};

void TargetPageTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY(QDir().mkpath(QStringLiteral(FERRY_SCREENSHOT_DIR)));
    qputenv(kSecretVariable, "demo-secret-1");
    m_emulator = ferry::test::EmulatorProcess::start();
    QVERIFY(m_emulator);

    auto created = ferry::Workspace::create(m_dir.filePath(QStringLiteral("target.ferry")));
    QVERIFY(created.ok());
    m_workspace = std::move(created).value();
    m_profile.name = QStringLiteral("Emulator");
    m_profile.kind = QStringLiteral("emulator");
    m_profile.environmentUrl = QUrl(QString::fromStdString(m_emulator->baseUrl()));
    m_profile.tenant = QStringLiteral("ferry-demo");
    m_profile.appUsers = {ferry::auth::AppUser{QStringLiteral("Migration 1"),
                                               QStringLiteral("f3b9778c-d9c0-54cc-b6c6-29cd1265e38d"), true}};
    auto saved = ConnectionStore::save(*m_workspace->writer(), m_profile);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    m_profile.id = *saved;
}

void TargetPageTest::cleanupTestCase()
{
    m_page.reset();
    m_workspace.reset();
    m_emulator.reset();
}

std::unique_ptr<TargetPage> TargetPageTest::makePage(ferry::Workspace *workspace)
{
    auto page = std::make_unique<TargetPage>();
    ferry::auth::SecretStore::Options options;
    options.useKeyring = false;
    page->setSecretOptions(options);
    page->resize(1280, 800);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()))
        return nullptr;
    page->setWritableWorkspace(workspace);
    return page;
}

bool TargetPageTest::refresh(TargetPage *page)
{
    QSignalSpy finished(page, &TargetPage::refreshFinished);
    if (!page->refreshMetadata())
        return false;
    if (!finished.wait(60000))
        return false;
    return finished.first().first().toBool();
}

void TargetPageTest::saveScreenshot(QWidget *widget, const QString &name)
{
    QApplication::processEvents();
    const QPixmap shot = widget->grab();
    QCOMPARE(shot.size(), widget->size());
    const QImage image = shot.toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
    const QString path = QStringLiteral(FERRY_SCREENSHOT_DIR "/") + name + QStringLiteral(".png");
    QVERIFY2(shot.save(path), qPrintable(path));
}

void TargetPageTest::emptyStatesSayWhatToDo()
{
    // A workspace without connections.
    auto created = ferry::Workspace::create(m_dir.filePath(QStringLiteral("empty.ferry")));
    QVERIFY(created.ok());
    {
        auto page = makePage(created->get());
        QVERIFY(page);
        QVERIFY2(
            page->emptyStateText().startsWith(QStringLiteral("No connection yet: add one in Connections…")),
            qPrintable(page->emptyStateText()));
        auto *button = page->findChild<QPushButton *>(QStringLiteral("emptyStateButton"));
        QVERIFY(button->isVisible());
        QSignalSpy asked(page.get(), &TargetPage::connectionsRequested);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(asked.count(), 1);
        QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("refreshButton"))->isEnabled());
    }

    // A connection, nothing cached yet.
    m_page = makePage(m_workspace.get());
    QVERIFY(m_page);
    QCOMPARE(m_page->connectionNames(), QStringList{QStringLiteral("Emulator")});
    QTRY_VERIFY(!m_page->isLoading());
    QVERIFY2(m_page->emptyStateText().startsWith(QStringLiteral("No metadata cached")),
             qPrintable(m_page->emptyStateText()));
    QVERIFY(m_page->emptyStateText().contains(QStringLiteral("Refresh")));
    QVERIFY(m_page->findChild<QPushButton *>(QStringLiteral("refreshButton"))->isEnabled());

    // No workspace: the placeholder's box.
    auto page = makePage(nullptr);
    QVERIFY(page);
    QVERIFY(page->findChild<QLabel *>(QStringLiteral("noWorkspaceHeading"))->isVisible());
    QVERIFY(!page->findChild<QLabel *>(QStringLiteral("notBuiltHeading"))->isVisible());
}

void TargetPageTest::refreshShowsTheDemoOrgTables()
{
    QVERIFY(m_page);
    QSignalSpy finished(m_page.get(), &TargetPage::refreshFinished);
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("refreshButton")), Qt::LeftButton);
    QVERIFY(m_page->isRefreshing());
    QVERIFY(m_page->findChild<QPushButton *>(QStringLiteral("cancelButton"))->isVisible());
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(m_page->errorMessage()));
    QVERIFY(!m_page->isRefreshing());
    QVERIFY(m_page->emptyStateText().isEmpty());
    QVERIFY(m_page->findChild<QTableView *>(QStringLiteral("tableList"))->isVisible());

    const QStringList expected = demoTables();
    QCOMPARE(expected.size(), 14);
    QStringList shown = columnValues(m_page->filterModel(), EntityListModel::LogicalNameColumn);
    QCOMPARE(shown, expected); // sorted by logical name
    const EntityListModel *entities = m_page->entityModel();
    const int track = entities->rowOf(QStringLiteral("ferry_track"));
    QVERIFY(track >= 0);
    QCOMPARE(cell(entities, track, EntityListModel::DisplayNameColumn), QStringLiteral("Track"));
    QCOMPARE(cell(entities, track, EntityListModel::SetNameColumn), QStringLiteral("ferry_tracks"));
    QCOMPARE(entities->index(track, EntityListModel::ColumnCountColumn).data().toInt(), 20);

    // Stored: the cache read back by the core holds the same tables.
    auto cached = ferry::target::MetadataCache::load(m_workspace->reader(), m_profile.id);
    QVERIFY(cached.ok());
    QCOMPARE(cached->entities().size(), expected.size());
}

void TargetPageTest::filterAsYouTypeNarrowsTheList()
{
    QVERIFY(m_page);
    auto *filter = m_page->findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    QTest::keyClicks(filter, QStringLiteral("album"));
    const QSortFilterProxyModel *proxy = m_page->filterModel();
    QVERIFY(proxy->rowCount() >= 1);
    QVERIFY(proxy->rowCount() < m_page->entityModel()->rowCount());
    const QStringList names = columnValues(proxy, EntityListModel::LogicalNameColumn);
    QVERIFY(names.contains(QStringLiteral("ferry_album")));
    QVERIFY(!names.contains(QStringLiteral("ferry_track")));
    for (int r = 0; r < proxy->rowCount(); ++r) {
        const QString row = cell(proxy, r, 0) + cell(proxy, r, 1) + cell(proxy, r, 2);
        QVERIFY2(row.contains(QStringLiteral("album"), Qt::CaseInsensitive), qPrintable(row));
    }
    QVERIFY2(m_page->cacheText().contains(QStringLiteral("of 14 tables shown")),
             qPrintable(m_page->cacheText()));
    filter->clear();
    QCOMPARE(proxy->rowCount(), 14);
}

void TargetPageTest::trackShowsColumnsWithMarkers()
{
    QVERIFY(m_page);
    // Selecting in the list (not through the API) shows the table.
    auto *list = m_page->findChild<QTableView *>(QStringLiteral("tableList"));
    const QStringList names = columnValues(m_page->filterModel(), 0);
    const int row = int(names.indexOf(QStringLiteral("ferry_track")));
    QVERIFY(row >= 0);
    list->setFocus();
    list->setCurrentIndex(m_page->filterModel()->index(row, 0));
    QCOMPARE(m_page->currentTableName(), QStringLiteral("ferry_track"));
    QVERIFY(
        m_page->findChild<QLabel *>(QStringLiteral("tableTitle"))->text().contains(QStringLiteral("Track")));
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("tableSubtitle"))
                ->text()
                .contains(QStringLiteral("metadata read")));

    const AttributeModel *columns = m_page->attributeModel();
    QCOMPARE(columns->rowCount(), 20);
    const auto markers = [&](const QString &column) {
        const int r = attributeRow(columns, column);
        return r < 0 ? QStringLiteral("<missing>") : cell(columns, r, AttributeModel::MarkersColumn);
    };
    const auto type = [&](const QString &column) {
        return cell(columns, attributeRow(columns, column), AttributeModel::TypeColumn);
    };
    // Primary id: system required and a key.
    QCOMPARE(markers(QStringLiteral("ferry_trackid")), QStringLiteral("Required · Key"));
    // In the alternate key.
    QCOMPARE(markers(QStringLiteral("ferry_tracknumber")), QStringLiteral("Key"));
    // Application required.
    QCOMPARE(markers(QStringLiteral("ferry_name")), QStringLiteral("App required"));
    QCOMPARE(markers(QStringLiteral("ferry_mediatypeid")), QStringLiteral("App required · Lookup"));
    // Lookups with their targets.
    QCOMPARE(markers(QStringLiteral("ferry_albumid")), QStringLiteral("Lookup"));
    QCOMPARE(type(QStringLiteral("ferry_albumid")), QStringLiteral("Lookup → ferry_album"));
    QCOMPARE(markers(QStringLiteral("ownerid")), QStringLiteral("Required · Lookup"));
    QCOMPARE(type(QStringLiteral("ownerid")), QStringLiteral("Owner → systemuser, team"));
    QCOMPARE(markers(QStringLiteral("ferry_composer")), QString());
    const int albumRow = attributeRow(columns, QStringLiteral("ferry_albumid"));
    QCOMPARE(columns->index(albumRow, AttributeModel::MarkersColumn)
                 .data(AttributeModel::BadgesRole)
                 .toStringList(),
             QStringList{QStringLiteral("lookup")});
    QVERIFY(columns->index(albumRow, AttributeModel::MarkersColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("ferry_album")));
    // Sizes and ranges come from the metadata.
    const auto entity = m_page->targetModel().entity(QStringLiteral("ferry_track"));
    QVERIFY(entity);
    const ferry::target::Attribute *name = entity->attribute(QStringLiteral("ferry_name"));
    QVERIFY(name && name->maxLength);
    QVERIFY(cell(columns, attributeRow(columns, QStringLiteral("ferry_name")), AttributeModel::SizeColumn)
                .contains(QLocale().toString(*name->maxLength)));
    QVERIFY(
        !cell(columns, attributeRow(columns, QStringLiteral("ferry_unitprice")), AttributeModel::SizeColumn)
             .isEmpty());

    m_page->findChild<QTabWidget *>(QStringLiteral("detailTabs"))->setCurrentIndex(0);
    saveScreenshot(m_page.get(), QStringLiteral("target-page"));
}

void TargetPageTest::trackShowsOptionValuesKeysAndRelationships()
{
    QVERIFY(m_page);
    QVERIFY(m_page->selectTable(QStringLiteral("ferry_track")));
    const auto *entity = m_page->targetModel().entity(QStringLiteral("ferry_track"));
    QVERIFY(entity);

    // All choice columns first: statecode and statuscode of the track.
    const ferry::ui::OptionValueModel *options = m_page->optionModel();
    QVERIFY(options->rowCount() >= 4);
    QVERIFY(columnValues(options, ferry::ui::OptionValueModel::AttributeColumn)
                .contains(QStringLiteral("statecode")));
    QVERIFY(m_page->selectChoiceColumn(QStringLiteral("statuscode")));
    const ferry::target::Attribute *status = entity->attribute(QStringLiteral("statuscode"));
    QVERIFY(status && status->optionSet);
    QCOMPARE(options->rowCount(), int(status->optionSet->options.size()));
    for (int r = 0; r < options->rowCount(); ++r) {
        const ferry::target::OptionValue &o = status->optionSet->options.at(r);
        QCOMPARE(cell(options, r, ferry::ui::OptionValueModel::AttributeColumn),
                 QStringLiteral("statuscode"));
        QCOMPARE(options->index(r, ferry::ui::OptionValueModel::ValueColumn).data().toInt(), o.value);
        QCOMPARE(cell(options, r, ferry::ui::OptionValueModel::LabelColumn), o.label);
        QVERIFY(o.state.has_value());
        QCOMPARE(cell(options, r, ferry::ui::OptionValueModel::StateColumn),
                 QStringLiteral("statecode %1").arg(*o.state));
    }
    QVERIFY(
        columnValues(options, ferry::ui::OptionValueModel::LabelColumn).contains(QStringLiteral("Active")));
    // Picking a choice column in the Columns tab shows its options; Enter opens the tab.
    auto *columnsView = m_page->findChild<QTableView *>(QStringLiteral("columnsView"));
    columnsView->setFocus();
    columnsView->setCurrentIndex(m_page->attributeModel()->index(
        attributeRow(m_page->attributeModel(), QStringLiteral("statecode")), 0));
    QTest::keyClick(columnsView, Qt::Key_Return);
    auto *tabs = m_page->findChild<QTabWidget *>(QStringLiteral("detailTabs"));
    QCOMPARE(tabs->currentIndex(), 1);
    QVERIFY(columnValues(options, ferry::ui::OptionValueModel::AttributeColumn)
                .filter(QStringLiteral("statecode"))
                .size() == options->rowCount());
    saveScreenshot(m_page.get(), QStringLiteral("target-page-options"));

    const ferry::ui::AlternateKeyModel *keys = m_page->keyModel();
    QCOMPARE(keys->rowCount(), 1);
    QCOMPARE(cell(keys, 0, ferry::ui::AlternateKeyModel::NameColumn), QStringLiteral("ferry_tracknumber"));
    QCOMPARE(cell(keys, 0, ferry::ui::AlternateKeyModel::AttributesColumn),
             QStringLiteral("ferry_tracknumber"));
    QCOMPARE(cell(keys, 0, ferry::ui::AlternateKeyModel::StatusColumn), QStringLiteral("Active"));

    const ferry::ui::RelationshipModel *relationships = m_page->relationshipModel();
    QCOMPARE(relationships->rowCount(),
             int(entity->manyToOne.size() + entity->oneToMany.size() + entity->manyToMany.size()));
    QStringList rows;
    for (int r = 0; r < relationships->rowCount(); ++r)
        rows << cell(relationships, r, 0) + QLatin1Char(' ') + cell(relationships, r, 1) + QLatin1Char(' ') +
                    cell(relationships, r, 2);
    QVERIFY2(rows.contains(QStringLiteral("N:1 ferry_track_albumid ferry_album")),
             qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.contains(QStringLiteral("1:N ferry_invoiceline_trackid ferry_invoiceline")),
             qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.contains(QStringLiteral("N:N ferry_playlist_track ferry_playlist")),
             qPrintable(rows.join(u'\n')));
    tabs->setCurrentIndex(3);
    saveScreenshot(m_page.get(), QStringLiteral("target-page-relationships"));
    tabs->setCurrentIndex(0);
}

void TargetPageTest::cacheIsShownOnOpenWithItsTime()
{
    auto page = std::make_unique<TargetPage>();
    QSignalSpy loaded(page.get(), &TargetPage::metadataLoaded);
    page->setWorkspace(m_workspace.get()); // browsing only
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page->entityModel()->rowCount(), 14);
    QVERIFY2(page->cacheText().startsWith(QStringLiteral("14 tables cached, read ")),
             qPrintable(page->cacheText()));
    QVERIFY(page->emptyStateText().isEmpty());
    // Browsing only: no refresh.
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("refreshButton"))->isEnabled());
    QVERIFY(!page->refreshMetadata());
}

void TargetPageTest::refreshThisTableKeepsTheOthers()
{
    QVERIFY(m_page);
    QVERIFY(m_page->selectTable(QStringLiteral("ferry_album")));
    const QDateTime before = m_page->targetModel().entity(QStringLiteral("ferry_album"))->fetchedAt;
    const QDateTime trackBefore = m_page->targetModel().entity(QStringLiteral("ferry_track"))->fetchedAt;
    QTest::qWait(1100); // fetchedAt has second precision in some stores
    QSignalSpy finished(m_page.get(), &TargetPage::refreshFinished);
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("refreshTableButton")), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(m_page->errorMessage()));
    QCOMPARE(m_page->entityModel()->rowCount(), 14);
    QCOMPARE(m_page->currentTableName(), QStringLiteral("ferry_album"));
    QVERIFY(m_page->targetModel().entity(QStringLiteral("ferry_album"))->fetchedAt > before);
    QCOMPARE(m_page->targetModel().entity(QStringLiteral("ferry_track"))->fetchedAt, trackBefore);
}

void TargetPageTest::wrongSecretShowsTheErrorAndKeepsTheCache()
{
    QVERIFY(m_page);
    qputenv(kSecretVariable, "not-the-secret");
    QSignalSpy finished(m_page.get(), &TargetPage::refreshFinished);
    QVERIFY(m_page->refreshMetadata());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(m_page->errorMessage().contains(QStringLiteral("could not be refreshed")),
             qPrintable(m_page->errorMessage()));
    QVERIFY(!m_page->errorMessage().contains(QStringLiteral("not-the-secret")));
    QCOMPARE(m_page->entityModel()->rowCount(), 14);
    qputenv(kSecretVariable, "demo-secret-1");
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("dismissErrorButton")), Qt::LeftButton);
    QVERIFY(m_page->errorMessage().isEmpty());
}

void TargetPageTest::cancelStopsARefresh()
{
    // Every request of this emulator answers two seconds late, so Cancel lands mid-fetch.
    const QString faults = m_dir.filePath(QStringLiteral("slow.json"));
    {
        QFile f(faults);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"slow": 1.0, "slowMs": 2000})");
    }
    auto slow = ferry::test::EmulatorProcess::start({"--faults", faults.toStdString()});
    QVERIFY(slow);
    auto created = ferry::Workspace::create(m_dir.filePath(QStringLiteral("cancel.ferry")));
    QVERIFY(created.ok());
    std::unique_ptr<ferry::Workspace> workspace = std::move(created).value();
    ConnectionProfile profile = m_profile;
    profile.id = 0;
    profile.environmentUrl = QUrl(QString::fromStdString(slow->baseUrl()));
    auto savedId = ConnectionStore::save(*workspace->writer(), profile);
    QVERIFY(savedId.ok());

    auto page = makePage(workspace.get());
    QVERIFY(page);
    QTRY_VERIFY(!page->isLoading());
    QSignalSpy finished(page.get(), &TargetPage::refreshFinished);
    QVERIFY(page->refreshMetadata());
    QTest::qWait(300);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!page->isRefreshing());
    QVERIFY2(page->emptyStateText().startsWith(QStringLiteral("No metadata cached")),
             qPrintable(page->emptyStateText()));
    auto cached = ferry::target::MetadataCache::load(workspace->reader(), *savedId);
    QVERIFY(cached.ok());
    QVERIFY(cached->isEmpty());
    page.reset();
    workspace.reset();
}

void TargetPageTest::modelsPassTheModelTester()
{
    QVERIFY(m_page);
    using Mode = QAbstractItemModelTester::FailureReportingMode;
    QAbstractItemModelTester entities(m_page->entityModel(), Mode::QtTest);
    QAbstractItemModelTester proxy(m_page->filterModel(), Mode::QtTest);
    QAbstractItemModelTester attributes(m_page->attributeModel(), Mode::QtTest);
    QAbstractItemModelTester options(m_page->optionModel(), Mode::QtTest);
    QAbstractItemModelTester keys(m_page->keyModel(), Mode::QtTest);
    QAbstractItemModelTester relationships(m_page->relationshipModel(), Mode::QtTest);
    // Exercise every model: filter, select tables, pick choice columns, reload the cache.
    QTest::keyClicks(m_page->findChild<QLineEdit *>(QStringLiteral("filterEdit")), QStringLiteral("ferry_"));
    m_page->findChild<QLineEdit *>(QStringLiteral("filterEdit"))->clear();
    for (const QString &table :
         {QStringLiteral("account"), QStringLiteral("ferry_track"), QStringLiteral("contact")}) {
        QVERIFY(m_page->selectTable(table));
        for (const QString &choice :
             ferry::ui::OptionValueModel::choiceColumns(*m_page->targetModel().entity(table)))
            QVERIFY(m_page->selectChoiceColumn(choice));
        QVERIFY(m_page->selectChoiceColumn(QString()));
    }
    QVERIFY(refresh(m_page.get()));
    QVERIFY(QTest::qWaitFor([&] { return !m_page->isLoading(); }, 20000));
}

void TargetPageTest::mainWindowWiresConnectionsAndTargetPage()
{
    const QString path = m_workspace->path();
    m_page.reset();
    m_workspace.reset();

    ferry::ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *connections = window.findChild<QAction *>(QStringLiteral("actionConnections"));
    QVERIFY(connections);
    QVERIFY(!connections->isEnabled());
    QCOMPARE(connections->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QVERIFY(window.openWorkspace(path));
    QVERIFY(connections->isEnabled());

    window.showPage(QStringLiteral("target"));
    auto *page = qobject_cast<TargetPage *>(window.page(QStringLiteral("target")));
    QVERIFY(page);
    QTRY_COMPARE_WITH_TIMEOUT(page->entityModel()->rowCount(), 14, 20000);
    QVERIFY(page->selectTable(QStringLiteral("ferry_track")));
    saveScreenshot(&window, QStringLiteral("target-page-window"));

    connections->trigger();
    auto *dialog = window.findChild<ferry::ui::ConnectionsDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->profiles().size(), 1);
    // A new connection saved in the dialog appears in the page's list.
    ConnectionProfile second = m_profile;
    second.id = 0;
    second.name = QStringLiteral("Second");
    dialog->newConnection();
    dialog->setFormProfile(second);
    QVERIFY(dialog->save());
    QCOMPARE(page->connectionNames(), (QStringList{QStringLiteral("Emulator"), QStringLiteral("Second")}));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!window.findChild<ferry::ui::ConnectionsDialog *>());

    // The empty state's "Connections…" opens the dialog too.
    QVERIFY(page->selectConnection(QStringLiteral("Second")));
    QTRY_VERIFY(!page->isLoading());
    QVERIFY(page->emptyStateText().startsWith(QStringLiteral("No metadata cached")));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("connectionsButton")), Qt::LeftButton);
    QTRY_VERIFY(window.findChild<ferry::ui::ConnectionsDialog *>());
    window.closeWorkspace();
    QVERIFY(!window.findChild<ferry::ui::ConnectionsDialog *>());
}

QTEST_MAIN(TargetPageTest)
#include "TargetPageTest.moc"
