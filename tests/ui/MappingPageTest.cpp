// GUI thread: the Mapping page over a real workspace file holding the Chinook demo catalog (discovered and
// profiled), the demo org's metadata in the cache of an emulator connection and the demo mapping.

#include "mapping/MappingPage.h"
#include "AppSettings.h"
#include "MainWindow.h"
#include "mapping/AutoMapDialog.h"
#include "mapping/ColumnModel.h"
#include "mapping/FieldMapModel.h"
#include "mapping/MappingListModel.h"
#include "mapping/PreviewModel.h"

#include <ferry/auth/ConnectionStore.h>
#include <ferry/catalog/Discovery.h>
#include <ferry/mapping/Mapping.h>
#include <ferry/target/Metadata.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

#include <nlohmann/json.hpp>

#include <memory>

using ferry::ui::MainWindow;
using ferry::ui::MappingPage;
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

} // namespace

class MappingPageTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void loadsTheWorkspaceMappings();
    void previewShowsTheExactPayloadOfRowOne();
    void transformEditsUndoAndRedo();
    void invalidParametersAreShownInline();
    void savePersistsToTheWorkspace();
    void badFieldRaisesAWarningThatSelectsIt();
    void importErrorsAreListedAndExportRoundTrips();
    void autoMapAddsOnlyAcceptedSuggestions();
    void mappingListEditsAreUndoable();
    void screenshots();

private:
    MappingPage *page() const
    {
        return qobject_cast<MappingPage *>(m_window->page(QStringLiteral("mapping")));
    }
    bool waitForPreview();
    const FieldMap *field(const QString &mapping, const QString &target) const;

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<MainWindow> m_window;
};

void MappingPageTest::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY(QDir().mkpath(QStringLiteral(FERRY_SCREENSHOT_DIR)));
    m_path = m_dir.filePath(QStringLiteral("demo.ferry"));
    const QString error = buildDemoWorkspace(m_path);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    m_window = std::make_unique<MainWindow>();
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    MappingPage *p = page();
    QVERIFY(p);
    p->setSystemUsers(demoSystemUsers());
    QSignalSpy loaded(p, &MappingPage::loaded);
    QVERIFY(m_window->openWorkspace(m_path));
    m_window->showPage(QStringLiteral("mapping"));
    QTRY_VERIFY_WITH_TIMEOUT(!p->isLoading() && loaded.count() > 0, 20000);
}

void MappingPageTest::cleanupTestCase()
{
    m_window.reset();
}

bool MappingPageTest::waitForPreview()
{
    MappingPage *p = page();
    QSignalSpy updated(p, &MappingPage::previewUpdated);
    p->refreshPreview();
    return updated.wait(20000) || updated.count() > 0;
}

const FieldMap *MappingPageTest::field(const QString &mapping, const QString &target) const
{
    const Mapping *m = page()->mappings().mapping(mapping);
    return m ? m->field(target) : nullptr;
}

void MappingPageTest::loadsTheWorkspaceMappings()
{
    MappingPage *p = page();
    QCOMPARE(p->currentConnectionName(), QStringLiteral("Demo emulator"));
    QVERIFY(!p->targetModel().isEmpty());
    QCOMPARE(p->mappings().mappings.size(), 10);
    QCOMPARE(p->mappingListModel()->rowCount(), 10);
    QVERIFY(!p->isDirty());

    QAbstractItemModelTester listTester(p->mappingListModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester fieldTester(p->fieldModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester sourceTester(p->sourceColumnModel(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester targetTester(p->targetColumnModel(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester previewTester(p->previewModel(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);

    QVERIFY(p->selectMapping(QStringLiteral("ferry_track")));
    QCOMPARE(p->fieldModel()->rowCount(), 9);
    QCOMPARE(p->fieldModel()->index(2, ferry::ui::FieldMapModel::TargetColumn).data().toString(),
             QStringLiteral("ferry_albumid"));
    QVERIFY(p->fieldModel()
                ->index(2, ferry::ui::FieldMapModel::TransformsColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("lookup(ferry_album")));
    // Source columns with badges and the profile's longest text; target columns with their flags.
    const int name = p->sourceColumnModel()->rowOf(QStringLiteral("Name"));
    QVERIFY(name >= 0);
    QVERIFY(p->sourceColumnModel()->entries().at(name).mapped);
    QVERIFY(!p->sourceColumnModel()->entries().at(name).length.isEmpty());
    const int trackId = p->sourceColumnModel()->rowOf(QStringLiteral("TrackId"));
    QVERIFY(p->sourceColumnModel()->entries().at(trackId).badges.contains(QStringLiteral("PK")));
    const int number = p->targetColumnModel()->rowOf(QStringLiteral("ferry_tracknumber"));
    QVERIFY(number >= 0);
    QVERIFY(p->targetColumnModel()->entries().at(number).badges.contains(QStringLiteral("KEY")));
    QVERIFY(waitForPreview());
    QVERIFY(p->previewModel()->rowCount() > 0);
}

void MappingPageTest::previewShowsTheExactPayloadOfRowOne()
{
    MappingPage *p = page();
    QVERIFY(p->selectMapping(QStringLiteral("ferry_artist")));
    p->showTab(MappingPage::PreviewTab);
    QVERIFY(waitForPreview());
    QVERIFY2(p->previewError().isEmpty(), qPrintable(p->previewError()));
    QCOMPARE(p->previewModel()->rowCount(), MappingPage::kPreviewRows);
    QVERIFY(p->selectPreviewRow(0));
    // Upsert by the alternate key: the key goes into @odata.id and is not repeated in the body.
    const json expected = {{"@odata.type", "Microsoft.Dynamics.CRM.ferry_artist"},
                           {"@odata.id", "ferry_artists(ferry_artistnumber=1)"},
                           {"ferry_name", "AC/DC"}};
    const json shown = json::parse(p->payloadText().toStdString(), nullptr, false);
    QVERIFY2(shown == expected, qPrintable(p->payloadText()));
    // The view shows the bytes RowMapper produced, in their order, only indented.
    const QByteArray raw = p->previewModel()->row(0)->payload;
    QVERIFY(json::parse(raw.toStdString()) == expected);
    QVERIFY(p->payloadText().indexOf(QStringLiteral("@odata.type")) <
            p->payloadText().indexOf(QStringLiteral("ferry_name")));
    QCOMPARE(p->previewModel()->properties().first(), QStringLiteral("@odata.type"));
    QCOMPARE(p->previewModel()->index(0, 1).data().toString(), QStringLiteral("ok"));
}

void MappingPageTest::transformEditsUndoAndRedo()
{
    MappingPage *p = page();
    QVERIFY(p->selectField(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name")));
    QCOMPARE(p->currentFieldName(), QStringLiteral("ferry_name"));
    const QList<TransformSpec> before =
        field(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name"))->transforms;
    QCOMPARE(before.size(), 1);
    QCOMPARE(before.first().op, QStringLiteral("trim"));

    // Add a "case" step through the editor's controls.
    auto *opCombo = p->findChild<QComboBox *>(QStringLiteral("addOpCombo"));
    auto *add = p->findChild<QPushButton *>(QStringLiteral("addStepButton"));
    QVERIFY(opCombo && add);
    opCombo->setCurrentText(QStringLiteral("case"));
    QVERIFY(add->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);
    const TransformSpec upper{QStringLiteral("case"), json{{"to", "upper"}}};
    QCOMPARE(field(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name"))->transforms,
             (QList<TransformSpec>{before.first(), upper}));
    QVERIFY(p->isDirty());
    QCOMPARE(p->fieldModel()
                 ->index(p->fieldModel()->rowOf(QStringLiteral("ferry_name")),
                         ferry::ui::FieldMapModel::TransformsColumn)
                 .data()
                 .toString(),
             QStringLiteral("trim → case(upper)"));

    // Its parameters through the JSON editor: {"to": "lower"}.
    auto *params = p->findChild<QPlainTextEdit *>(QStringLiteral("paramsEdit"));
    auto *apply = p->findChild<QPushButton *>(QStringLiteral("applyParamsButton"));
    QVERIFY(params && apply);
    QVERIFY(params->toPlainText().contains(QStringLiteral("upper")));
    params->setPlainText(QStringLiteral("{\"to\": \"lower\"}"));
    QVERIFY(apply->isEnabled());
    QTest::mouseClick(apply, Qt::LeftButton);
    const TransformSpec lower{QStringLiteral("case"), json{{"to", "lower"}}};
    QCOMPARE(field(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name"))->transforms.last(), lower);

    // The preview follows the edit: row 2 is "Accept".
    QVERIFY(waitForPreview());
    QVERIFY(p->selectPreviewRow(1));
    QVERIFY2(p->payloadText().contains(QStringLiteral("\"accept\"")), qPrintable(p->payloadText()));

    QUndoStack *undo = p->undoStack();
    auto *undoButton = p->findChild<QToolButton *>(QStringLiteral("undoButton"));
    QVERIFY(undoButton && undoButton->isEnabled());
    QTest::mouseClick(undoButton, Qt::LeftButton); // back to upper
    QCOMPARE(field(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name"))->transforms.last(), upper);
    QCOMPARE(p->currentFieldName(), QStringLiteral("ferry_name")); // the undone field is selected
    undo->undo();                                                  // back to the original chain
    QCOMPARE(field(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name"))->transforms, before);
    QVERIFY(!p->isDirty());
    undo->redo();
    QCOMPARE(field(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name"))->transforms,
             (QList<TransformSpec>{before.first(), upper}));
    QVERIFY(waitForPreview());
    QVERIFY(p->selectPreviewRow(1));
    QVERIFY2(p->payloadText().contains(QStringLiteral("\"ACCEPT\"")), qPrintable(p->payloadText()));
    // The keyboard: Ctrl+Z on the page undoes, Ctrl+Shift+Z redoes.
    p->findChild<QWidget *>(QStringLiteral("fieldMaps"))->setFocus();
    QTest::keyClick(p->findChild<QWidget *>(QStringLiteral("fieldMaps")), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(field(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name"))->transforms, before);
    QTest::keyClick(p->findChild<QWidget *>(QStringLiteral("fieldMaps")), Qt::Key_Z,
                    Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(field(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name"))->transforms.size(), 2);
}

void MappingPageTest::invalidParametersAreShownInline()
{
    MappingPage *p = page();
    QVERIFY(p->selectField(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name")));
    QVERIFY(p->selectStep(1));
    auto *params = p->findChild<QPlainTextEdit *>(QStringLiteral("paramsEdit"));
    auto *apply = p->findChild<QPushButton *>(QStringLiteral("applyParamsButton"));
    auto *status = p->findChild<QLabel *>(QStringLiteral("paramsStatus"));
    const auto chain = field(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name"))->transforms;
    params->setPlainText(QStringLiteral("{\"to\": \"sideways\"}"));
    QVERIFY(!apply->isEnabled());
    QVERIFY2(status->text().contains(QStringLiteral("to")), qPrintable(status->text()));
    params->setPlainText(QStringLiteral("{\"to\": "));
    QVERIFY(!apply->isEnabled());
    QVERIFY(status->text().contains(QStringLiteral("JSON")));
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(field(QStringLiteral("ferry_artist"), QStringLiteral("ferry_name"))->transforms, chain);
    params->setPlainText(QStringLiteral("{\"to\": \"title\"}"));
    QVERIFY(apply->isEnabled());
}

void MappingPageTest::savePersistsToTheWorkspace()
{
    MappingPage *p = page();
    QVERIFY(p->isDirty());
    QSignalSpy saved(p, &MappingPage::saved);
    auto *save = p->findChild<QPushButton *>(QStringLiteral("saveButton"));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(saved.count(), 1);
    QVERIFY(!p->isDirty());
    QVERIFY(!save->isEnabled());

    auto reader = ferry::WorkspaceReader::open(m_path);
    QVERIFY(reader);
    auto stored = MappingStore::load(**reader);
    QVERIFY(stored);
    QCOMPARE(*stored, p->mappings());
    QCOMPARE(stored->mapping(QStringLiteral("ferry_artist"))
                 ->field(QStringLiteral("ferry_name"))
                 ->transforms.size(),
             2);

    // Reopening the workspace shows what was saved; an edit left on the page is saved when the page is left.
    QVERIFY(p->setFieldSources(QStringLiteral("ferry_name"), {QStringLiteral("Name")}) == false); // unchanged
    QVERIFY(p->removeField(QStringLiteral("ferry_name")));
    QVERIFY(p->isDirty());
    m_window->showPage(QStringLiteral("catalog"));
    QVERIFY(!p->isDirty());
    auto again = MappingStore::load(**reader);
    QVERIFY(again);
    QVERIFY(!again->mapping(QStringLiteral("ferry_artist"))->field(QStringLiteral("ferry_name")));
    m_window->showPage(QStringLiteral("mapping"));
    QTRY_VERIFY_WITH_TIMEOUT(!p->isLoading(), 20000);
    p->undoStack()->undo();
    QVERIFY(p->save().ok());
    QVERIFY(m_window->openWorkspace(m_path));
    QTRY_VERIFY_WITH_TIMEOUT(!p->isLoading() && p->mappings().mappings.size() == 10, 20000);
    QCOMPARE(p->undoStack()->count(), 0);
    QCOMPARE(p->mappings(), *MappingStore::load(**reader));
    QCOMPARE(p->mappings()
                 .mapping(QStringLiteral("ferry_artist"))
                 ->field(QStringLiteral("ferry_name"))
                 ->transforms.size(),
             2);
}

void MappingPageTest::badFieldRaisesAWarningThatSelectsIt()
{
    MappingPage *p = page();
    QVERIFY(p->selectMapping(QStringLiteral("ferry_track")));
    auto hasIssue = [p](const QString &code, const QString &column) {
        for (const MappingIssue &i : p->currentIssues())
            if (i.code == code && i.column == column)
                return true;
        return false;
    };
    QVERIFY(!hasIssue(QStringLiteral("type-mismatch"), QStringLiteral("ferry_milliseconds")));
    // A text column into an integer column with no conversion step.
    QVERIFY(p->setFieldSources(QStringLiteral("ferry_milliseconds"), {QStringLiteral("Name")}));
    QVERIFY(hasIssue(QStringLiteral("type-mismatch"), QStringLiteral("ferry_milliseconds")));
    auto *warnings = p->findChild<QListWidget *>(QStringLiteral("warningList"));
    int row = -1;
    for (int i = 0; i < warnings->count(); ++i)
        if (warnings->item(i)->data(Qt::UserRole).toString() == QStringLiteral("ferry_milliseconds"))
            row = i;
    QVERIFY(row >= 0);
    const int statusRow = p->fieldModel()->rowOf(QStringLiteral("ferry_milliseconds"));
    QCOMPARE(p->fieldModel()->index(statusRow, 0).data(ferry::ui::FieldMapModel::SeverityRole).toInt() >= 0,
             true);
    QVERIFY(p->selectField(QStringLiteral("ferry_track"), QStringLiteral("ferry_name")));
    // A click on the finding selects its field.
    const QRect rect = warnings->visualItemRect(warnings->item(row));
    p->showTab(MappingPage::FieldsTab);
    QTest::mouseClick(warnings->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(p->currentFieldName(), QStringLiteral("ferry_milliseconds"));
    // A required column the mapping does not feed.
    QVERIFY(p->removeField(QStringLiteral("ferry_name")));
    QVERIFY(hasIssue(QStringLiteral("required-unmapped"), QStringLiteral("ferry_name")) ||
            hasIssue(QStringLiteral("application-required-unmapped"), QStringLiteral("ferry_name")));
    p->undoStack()->undo();
    p->undoStack()->undo();
    QVERIFY(!hasIssue(QStringLiteral("type-mismatch"), QStringLiteral("ferry_milliseconds")));
    QVERIFY(!p->isDirty());
}

void MappingPageTest::importErrorsAreListedAndExportRoundTrips()
{
    MappingPage *p = page();
    const QString exported = m_dir.filePath(QStringLiteral("exported.json"));
    QVERIFY(p->exportFile(exported));
    QCOMPARE(readAll(exported), exportMappings(p->mappings()));

    json bad = json::parse(readAll(exported).toStdString());
    bad["mappings"][0]["operation"] = "merge";
    bad["mappings"][1]["fields"][0]["transforms"] = json::array({json{{"op", "uppercase"}}});
    const QString badPath = m_dir.filePath(QStringLiteral("bad.json"));
    QFile file(badPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray::fromStdString(bad.dump(2)));
    file.close();
    const MappingSet before = p->mappings();
    QVERIFY(!p->importFile(badPath));
    QCOMPARE(p->mappings(), before);
    QVERIFY(p->importErrors().size() >= 2);
    QVERIFY2(p->importErrors().join(QLatin1Char('\n')).contains(QStringLiteral("/mappings/0/operation")),
             qPrintable(p->importErrors().join(QLatin1Char('\n'))));
    auto *errorList = p->findChild<QListWidget *>(QStringLiteral("errorList"));
    QCOMPARE(errorList->count(), p->importErrors().size());
    QVERIFY(!p->errorMessage().isEmpty());

    // A good file replaces the mappings of the same name: one undo step.
    json good = json::parse(readAll(exported).toStdString());
    good["mappings"][0]["batchSize"] = 250;
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QByteArray::fromStdString(good.dump(2)));
    file.close();
    QVERIFY(p->importFile(badPath));
    QCOMPARE(p->mappings().mappings.size(), before.mappings.size());
    QCOMPARE(p->mappings().mappings.first().batchSize, 250);
    p->undoStack()->undo();
    QCOMPARE(p->mappings(), before);
}

void MappingPageTest::autoMapAddsOnlyAcceptedSuggestions()
{
    MappingPage *p = page();
    const auto suggestions = p->autoMapSuggestions();
    QVERIFY(!suggestions.isEmpty());
    QStringList mapped;
    for (const Mapping &m : p->mappings().mappings)
        mapped.append(m.source.table);
    ferry::ui::AutoMapDialog dialog(suggestions, mapped);
    // Every suggested table already has a mapping in the demo: nothing starts checked.
    QVERIFY(dialog.accepted().isEmpty());
    const auto &first = suggestions.first().second;
    QVERIFY(!first.columns.isEmpty());
    QVERIFY(dialog.setTableChecked(first.sourceTable, true));
    QVERIFY(dialog.setColumnChecked(first.sourceTable, first.columns.first().sourceColumn, false));
    const auto accepted = dialog.accepted();
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(accepted.first().second.columns.size(), first.columns.size() - 1);

    const int before = int(p->mappings().mappings.size());
    QCOMPARE(p->addSuggestedMappings(accepted), 1);
    QCOMPARE(p->mappings().mappings.size(), before + 1);
    const Mapping &added = p->mappings().mappings.last();
    QVERIFY(added.name != first.targetEntity); // the demo has a mapping of that name already
    QCOMPARE(added.fields.size(), first.columns.size() - 1);
    QCOMPARE(p->currentMappingName(), added.name);
    p->undoStack()->undo();
    QCOMPARE(p->mappings().mappings.size(), before);
}

void MappingPageTest::mappingListEditsAreUndoable()
{
    MappingPage *p = page();
    const MappingSet before = p->mappings();
    QVERIFY(p->duplicateMapping(QStringLiteral("ferry_genre")));
    QCOMPARE(p->mappings().mappings.size(), before.mappings.size() + 1);
    QVERIFY(!p->mappings().mapping(QStringLiteral("ferry_genre_copy"))->enabled);
    QVERIFY(p->removeMapping(QStringLiteral("ferry_genre")));
    QVERIFY(!p->mappings().mapping(QStringLiteral("ferry_genre")));
    // The check box of the list asks the page, which records the change.
    const QModelIndex album =
        p->mappingListModel()->index(p->mappingListModel()->rowOf(QStringLiteral("ferry_album")), 0);
    QVERIFY(p->mappingListModel()->setData(album, Qt::Unchecked, Qt::CheckStateRole));
    QTRY_VERIFY(!p->mappings().mapping(QStringLiteral("ferry_album"))->enabled);
    QVERIFY(p->addMapping(QStringLiteral("chinook"), QStringLiteral("Genre"), QStringLiteral("ferry_genre")));
    QCOMPARE(p->mappings().mappings.last().targetEntity, QStringLiteral("ferry_genre"));
    QVERIFY(!p->mappings().mappings.last().fields.isEmpty());
    while (p->undoStack()->canUndo() && p->isDirty())
        p->undoStack()->undo();
    QCOMPARE(p->mappings(), before);
}

void MappingPageTest::screenshots()
{
    MappingPage *p = page();
    QVERIFY(p->selectMapping(QStringLiteral("ferry_track")));
    // A deliberate finding, so the picture shows the warnings list at work.
    QVERIFY(p->setFieldSources(QStringLiteral("ferry_milliseconds"), {QStringLiteral("Name")}));
    QVERIFY(p->selectField(QStringLiteral("ferry_track"), QStringLiteral("ferry_composer")));
    QVERIFY(p->selectStep(1));
    QTest::qWait(50);
    QVERIFY(m_window->grab().save(QStringLiteral(FERRY_SCREENSHOT_DIR "/mapping-page.png")));
    p->showTab(MappingPage::PreviewTab);
    QVERIFY(waitForPreview());
    QVERIFY(p->selectPreviewRow(0));
    QTest::qWait(50);
    QVERIFY(m_window->grab().save(QStringLiteral(FERRY_SCREENSHOT_DIR "/mapping-preview.png")));
    p->showTab(MappingPage::SettingsTab);
    QTest::qWait(50);
    QVERIFY(m_window->grab().save(QStringLiteral(FERRY_SCREENSHOT_DIR "/mapping-settings.png")));
    p->undoStack()->undo();
    QVERIFY(!p->isDirty());
}

QTEST_MAIN(MappingPageTest)
#include "MappingPageTest.moc"
