// GUI thread: an offscreen smoke test of the main window over a real workspace file.

#include "AboutDialog.h"
#include "AppSettings.h"
#include "MainWindow.h"
#include "RecentWorkspaces.h"
#include "Translations.h"
#include "widgets/Page.h"

#include <ferry/Version.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceSchema.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUrl>

#include <functional>
#include <iterator>
#include <memory>

using ferry::ui::AppSettings;
using ferry::ui::MainWindow;
using ferry::ui::RecentWorkspaces;

namespace {

// The file dialogs block; this window answers them from fields the test sets.
class ScriptedMainWindow : public MainWindow
{
public:
    QString newPathAnswer;
    QString openPathAnswer;

protected:
    QString askNewWorkspacePath() override { return newPathAnswer; }
    QString askWorkspaceToOpen() override { return openPathAnswer; }
};

struct ExpectedPage
{
    const char *id;
    const char *title;
};

// The pages the Foundation issue asks for, in navigation order.
constexpr ExpectedPage kPages[] = {{"catalog", "Catalog"}, {"target", "Target"},
                                   {"mapping", "Mapping"}, {"dryrun", "Dry run"},
                                   {"run", "Run"},         {"quarantine", "Quarantine"}};
constexpr int kPageCount = int(std::size(kPages));

QString str(const char *s)
{
    return QString::fromUtf8(s);
}

} // namespace

class UiSmokeTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void titleAndStatusBarNameTheWorkspace();
    void visitsEveryPageByNavigationList();
    void switchesPagesByShortcut();
    void pagesWithoutWorkspaceOfferWorkingNewAndOpen();
    void recentWorkspacesListOpenedFiles();
    void restoresGeometryAndLastPage();
    void reopensLastWorkspaceOnlyWhenAsked();
    void openingNonWorkspaceShowsCoreError();
    void openingNewerWorkspaceShowsCoreError();
    void creatingOverExistingFileIsRefused();
    void droppedWorkspaceFileIsOpened();
    void aboutBoxNamesVersions();
    void everyMenuActionIsKeyboardReachable();
    void germanTranslationIsEmbedded();

private:
    std::unique_ptr<ScriptedMainWindow> makeWindow(bool defaultSize = true);
    static QLabel *label(QWidget *page, const char *name);
    QMessageBox *errorBox(MainWindow *window);
    void saveScreenshot(QWidget *window, const QString &name);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
    QString m_workspacePath;
};

void UiSmokeTest::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QVERIFY(m_dir.isValid());
    // Never touch the real user's settings.
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY2(AppSettings().fileName().startsWith(m_settingsDir.path()), qPrintable(AppSettings().fileName()));

    m_workspacePath = m_dir.filePath(QStringLiteral("smoke.ferry"));
    auto created = ferry::Workspace::create(m_workspacePath);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));

    QVERIFY(QDir().mkpath(QStringLiteral(FERRY_SCREENSHOT_DIR)));
}

void UiSmokeTest::init()
{
    AppSettings settings;
    settings.clear();
    settings.sync();
}

void UiSmokeTest::cleanup()
{
    // Message boxes and dialogs left open by a failed test must not leak into the next one.
    for (QWidget *w : QApplication::topLevelWidgets())
        w->close();
}

std::unique_ptr<ScriptedMainWindow> UiSmokeTest::makeWindow(bool defaultSize)
{
    auto window = std::make_unique<ScriptedMainWindow>();
    // A full-window offscreen grab is clipped to 800x800 unless the widget itself is grabbed at its size.
    if (defaultSize)
        window->resize(1100, 720);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        return nullptr;
    return window;
}

QLabel *UiSmokeTest::label(QWidget *page, const char *name)
{
    return page->findChild<QLabel *>(QString::fromLatin1(name));
}

QMessageBox *UiSmokeTest::errorBox(MainWindow *window)
{
    return window->findChild<QMessageBox *>(QStringLiteral("errorMessageBox"));
}

void UiSmokeTest::saveScreenshot(QWidget *window, const QString &name)
{
    QApplication::processEvents();
    const QPixmap shot = window->grab();
    QCOMPARE(shot.size(), window->size());
    // A blank grab means nothing was painted: a real window has text, frames and icons in many colours.
    const QImage image = shot.toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 5) {
        for (int x = 0; x < image.width(); x += 5)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
    const QString path = QStringLiteral(FERRY_SCREENSHOT_DIR "/") + name + QStringLiteral(".png");
    QVERIFY2(shot.save(path), qPrintable(path));
    QVERIFY(QFileInfo(path).size() > 1000);
}

void UiSmokeTest::titleAndStatusBarNameTheWorkspace()
{
    auto window = makeWindow();
    QVERIFY(window);
    QCOMPARE(window->windowTitle(), QStringLiteral("Ferry"));
    auto *pathLabel = window->statusBar()->findChild<QLabel *>(QStringLiteral("workspacePathLabel"));
    auto *schemaLabel = window->statusBar()->findChild<QLabel *>(QStringLiteral("schemaVersionLabel"));
    QVERIFY(pathLabel && schemaLabel);
    QCOMPARE(pathLabel->text(), QStringLiteral("No workspace open"));

    QSignalSpy changed(window.get(), &MainWindow::workspaceChanged);
    QVERIFY(window->openWorkspace(m_workspacePath));
    QCOMPARE(changed.count(), 1);
    QVERIFY(window->workspace());
    QCOMPARE(window->windowTitle(), QStringLiteral("smoke.ferry — Ferry"));
    QVERIFY2(pathLabel->text().contains(QDir::toNativeSeparators(m_workspacePath)),
             qPrintable(pathLabel->text()));
    QVERIFY(schemaLabel->isVisible());
    QCOMPARE(schemaLabel->text(),
             QStringLiteral("Schema version %1").arg(ferry::Workspace::currentSchemaVersion()));
    QVERIFY(window->findChild<QAction *>(QStringLiteral("actionCloseWorkspace"))->isEnabled());

    window->findChild<QAction *>(QStringLiteral("actionCloseWorkspace"))->trigger();
    QVERIFY(!window->workspace());
    QCOMPARE(window->windowTitle(), QStringLiteral("Ferry"));
    QCOMPARE(pathLabel->text(), QStringLiteral("No workspace open"));
    QVERIFY(!schemaLabel->isVisible());
    QVERIFY(!window->findChild<QAction *>(QStringLiteral("actionCloseWorkspace"))->isEnabled());
}

void UiSmokeTest::visitsEveryPageByNavigationList()
{
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(window->openWorkspace(m_workspacePath));
    auto *nav = window->findChild<QListWidget *>(QStringLiteral("navigationList"));
    auto *stack = window->findChild<QStackedWidget *>(QStringLiteral("pageStack"));
    QVERIFY(nav && stack);
    QCOMPARE(nav->count(), kPageCount);
    QCOMPARE(stack->count(), kPageCount);

    // Visit from the last page backwards so the first click is a real change.
    for (int i = kPageCount - 1; i >= 0; --i) {
        const QString id = str(kPages[i].id);
        QCOMPARE(nav->item(i)->text(), str(kPages[i].title));
        QTest::mouseClick(nav->viewport(), Qt::LeftButton, {}, nav->visualItemRect(nav->item(i)).center());
        QCOMPARE(window->currentPageId(), id);
        QWidget *page = stack->currentWidget();
        QCOMPARE(page, window->page(id));

        QLabel *title = label(page, "titleLabel");
        QVERIFY(title && title->isVisible());
        QCOMPARE(title->text(), str(kPages[i].title));
        QLabel *summary = label(page, "summaryLabel");
        QVERIFY(summary && summary->isVisible());
        QVERIFY(summary->text().size() > 60);
        QVERIFY(!label(page, "noWorkspaceHeading")->isVisible());
        if (id == QLatin1String("catalog")) {
            // Built: no "Not built yet" notice; its toolbar and its tree are there instead.
            QVERIFY(!label(page, "notBuiltHeading")->isVisible());
            auto *addSource = page->findChild<QPushButton *>(QStringLiteral("addSourceButton"));
            QVERIFY(addSource && addSource->isVisible() && addSource->isEnabled());
            auto *tree = page->findChild<QAbstractItemView *>(QStringLiteral("catalogTree"));
            QVERIFY(tree && tree->isVisible());
            saveScreenshot(window.get(), id);
            continue;
        }
        if (id == QLatin1String("target")) {
            // Built: a workspace without connections says to add one, with the button that does it.
            QVERIFY(!label(page, "notBuiltHeading")->isVisible());
            auto *connections = page->findChild<QPushButton *>(QStringLiteral("emptyStateButton"));
            QVERIFY(connections && connections->isVisible() && connections->isEnabled());
            QVERIFY(label(page, "emptyStateLabel")->text().startsWith(QStringLiteral("No connection yet")));
            saveScreenshot(window.get(), id);
            continue;
        }
        if (id == QLatin1String("mapping")) {
            // Built: its mapping list and the button that adds a mapping are there.
            QVERIFY(!label(page, "notBuiltHeading")->isVisible());
            auto *add = page->findChild<QAbstractButton *>(QStringLiteral("addMappingButton"));
            QVERIFY(add && add->isVisible());
            auto *autoMap = page->findChild<QAbstractButton *>(QStringLiteral("autoMapButton"));
            QVERIFY(autoMap && autoMap->isVisible());
            saveScreenshot(window.get(), id);
            continue;
        }
        if (id == QLatin1String("dryrun")) {
            // Built: the run button and the report tabs are there.
            QVERIFY(!label(page, "notBuiltHeading")->isVisible());
            auto *run = page->findChild<QAbstractButton *>(QStringLiteral("runButton"));
            QVERIFY(run && run->isVisible());
            auto *tabs = page->findChild<QWidget *>(QStringLiteral("reportTabs"));
            QVERIFY(tabs && tabs->isVisible());
            saveScreenshot(window.get(), id);
            continue;
        }
        QLabel *notice = label(page, "notBuiltHeading");
        QVERIFY(notice && notice->isVisible());
        QCOMPARE(notice->text(), QStringLiteral("Not built yet"));
        QVERIFY(label(page, "notBuiltText")->isVisible());

        // Nothing pretends to work: no visible buttons and no data views on a page that is not built.
        for (const QAbstractButton *button : page->findChildren<QAbstractButton *>())
            QVERIFY2(!button->isVisible(), qPrintable(button->text()));
        QVERIFY(page->findChildren<QAbstractItemView *>().isEmpty());

        saveScreenshot(window.get(), id);
    }

    // Keyboard in the list works too.
    nav->setFocus();
    QTest::keyClick(nav, Qt::Key_Down);
    QCOMPARE(window->currentPageId(), str(kPages[1].id));
    QTest::keyClick(nav, Qt::Key_End);
    QCOMPARE(window->currentPageId(), str(kPages[kPageCount - 1].id));
}

void UiSmokeTest::switchesPagesByShortcut()
{
    auto window = makeWindow();
    QVERIFY(window);
    auto *nav = window->findChild<QListWidget *>(QStringLiteral("navigationList"));
    for (int i = kPageCount - 1; i >= 0; --i) {
        QTest::keyClick(window.get(), static_cast<Qt::Key>(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(window->currentPageId(), str(kPages[i].id));
        QCOMPARE(nav->currentRow(), i);
        auto *action = window->findChild<QAction *>(QStringLiteral("actionShowPage_") + str(kPages[i].id));
        QVERIFY(action && action->isChecked());
    }
}

void UiSmokeTest::pagesWithoutWorkspaceOfferWorkingNewAndOpen()
{
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(!window->workspace());
    for (int i = 0; i < kPageCount; ++i) {
        window->showPage(str(kPages[i].id));
        ferry::ui::Page *page = window->page(str(kPages[i].id));
        QVERIFY(label(page, "noWorkspaceHeading")->isVisible());
        QCOMPARE(label(page, "noWorkspaceHeading")->text(), QStringLiteral("No workspace is open"));
        // Built pages keep only the "No workspace is open" box; the others also say they are not built.
        const QString id = str(kPages[i].id);
        const bool built = id == QLatin1String("catalog") || id == QLatin1String("target") ||
                           id == QLatin1String("mapping") || id == QLatin1String("dryrun");
        QCOMPARE(label(page, "notBuiltHeading")->isVisible(), !built);
        QVERIFY(page->findChild<QPushButton *>(QStringLiteral("newButton"))->isVisible());
        QVERIFY(page->findChild<QPushButton *>(QStringLiteral("openButton"))->isVisible());
    }
    window->showPage(QStringLiteral("catalog"));
    saveScreenshot(window.get(), QStringLiteral("no-workspace"));

    // Tab from the navigation list reaches the page's first button.
    ferry::ui::Page *catalog = window->page(QStringLiteral("catalog"));
    auto *nav = window->findChild<QListWidget *>(QStringLiteral("navigationList"));
    nav->setFocus();
    QTest::keyClick(nav, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), catalog->findChild<QPushButton *>(QStringLiteral("newButton")));

    // "New Workspace…" creates a real file and opens it (".ferry" is appended).
    const QString newPath = m_dir.filePath(QStringLiteral("created-from-button"));
    window->newPathAnswer = newPath;
    QTest::mouseClick(catalog->findChild<QPushButton *>(QStringLiteral("newButton")), Qt::LeftButton);
    QVERIFY(window->workspace());
    QCOMPARE(window->workspace()->path(), newPath + QStringLiteral(".ferry"));
    QVERIFY(QFileInfo::exists(newPath + QStringLiteral(".ferry")));
    QVERIFY(!label(catalog, "noWorkspaceHeading")->isVisible());

    window->closeWorkspace();
    QVERIFY(label(catalog, "noWorkspaceHeading")->isVisible());

    // "Open Workspace…" on another page opens the chosen file; cancelling (empty answer) does nothing.
    ferry::ui::Page *run = window->page(QStringLiteral("run"));
    window->showPage(QStringLiteral("run"));
    window->openPathAnswer.clear();
    QTest::mouseClick(run->findChild<QPushButton *>(QStringLiteral("openButton")), Qt::LeftButton);
    QVERIFY(!window->workspace());
    window->openPathAnswer = m_workspacePath;
    QTest::mouseClick(run->findChild<QPushButton *>(QStringLiteral("openButton")), Qt::LeftButton);
    QVERIFY(window->workspace());
    QCOMPARE(window->workspace()->path(), m_workspacePath);

    // The File menu actions take the same path.
    window->openPathAnswer = newPath + QStringLiteral(".ferry");
    window->findChild<QAction *>(QStringLiteral("actionOpenWorkspace"))->trigger();
    QCOMPARE(window->workspace()->path(), newPath + QStringLiteral(".ferry"));
    QVERIFY(!errorBox(window.get()));
}

void UiSmokeTest::recentWorkspacesListOpenedFiles()
{
    const QString gonePath = m_dir.filePath(QStringLiteral("gone.ferry"));
    QVERIFY(ferry::Workspace::create(gonePath).ok());

    auto window = makeWindow();
    QVERIFY(window);
    auto *menu = window->findChild<QMenu *>(QStringLiteral("menuRecentWorkspaces"));
    QVERIFY(menu);
    QVERIFY(!menu->actions().isEmpty());
    QCOMPARE(menu->actions().first()->text(), QStringLiteral("No recent workspaces"));
    QVERIFY(!menu->actions().first()->isEnabled());

    QVERIFY(window->openWorkspace(gonePath));
    QVERIFY(window->openWorkspace(m_workspacePath));
    QCOMPARE(RecentWorkspaces::load(), QStringList({RecentWorkspaces::normalized(m_workspacePath),
                                                    RecentWorkspaces::normalized(gonePath)}));
    window->closeWorkspace();
    QVERIFY(QFile::remove(gonePath));

    emit menu->aboutToShow();
    const QList<QAction *> entries = menu->actions();
    QVERIFY(entries.size() >= 2);
    QVERIFY(entries.at(0)->text().startsWith(QStringLiteral("&1 ")));
    QVERIFY(entries.at(0)->text().contains(QStringLiteral("smoke.ferry")));
    QVERIFY(entries.at(0)->isEnabled());
    QVERIFY(entries.at(1)->text().contains(QStringLiteral("gone.ferry")));
    QVERIFY(entries.at(1)->text().endsWith(QStringLiteral("(missing)")));
    QVERIFY(!entries.at(1)->isEnabled());

    // Choosing an entry opens that workspace.
    entries.at(0)->trigger();
    QVERIFY(window->workspace());
    QCOMPARE(window->workspace()->path(), m_workspacePath);

    // At most ten, most recent first.
    for (int i = 0; i < 12; ++i)
        RecentWorkspaces::add(m_dir.filePath(QStringLiteral("w%1.ferry").arg(i)));
    const QStringList recent = RecentWorkspaces::load();
    QCOMPARE(recent.size(), RecentWorkspaces::kMaxEntries);
    QCOMPARE(recent.first(), RecentWorkspaces::normalized(m_dir.filePath(QStringLiteral("w11.ferry"))));
    emit menu->aboutToShow();
    QVERIFY(menu->actions().at(9)->text().startsWith(QStringLiteral("1&0 ")));

    auto *clear = menu->findChild<QAction *>(QStringLiteral("actionClearRecentWorkspaces"));
    QVERIFY(clear && clear->isEnabled());
    clear->trigger();
    QVERIFY(RecentWorkspaces::load().isEmpty());
    QCOMPARE(menu->actions().first()->text(), QStringLiteral("No recent workspaces"));
}

void UiSmokeTest::restoresGeometryAndLastPage()
{
    {
        auto window = makeWindow(false);
        QVERIFY(window);
        window->resize(1000, 650);
        window->showPage(QStringLiteral("mapping"));
        QVERIFY(window->close());
    }
    auto window = makeWindow(false);
    QVERIFY(window);
    QCOMPARE(window->currentPageId(), QStringLiteral("mapping"));
    QCOMPARE(window->findChild<QListWidget *>(QStringLiteral("navigationList"))->currentRow(), 2);
    QCOMPARE(window->size(), QSize(1000, 650));

    // A stale page id in the settings falls back to the first page.
    window->close();
    AppSettings().setValue(AppSettings::lastPageKey(), QStringLiteral("no-such-page"));
    auto fresh = makeWindow(false);
    QVERIFY(fresh);
    QCOMPARE(fresh->currentPageId(), QStringLiteral("catalog"));
}

void UiSmokeTest::reopensLastWorkspaceOnlyWhenAsked()
{
    {
        auto window = makeWindow();
        QVERIFY(window);
        QVERIFY(window->openWorkspace(m_workspacePath));
        window->close();
    }
    {
        auto window = makeWindow();
        QVERIFY(window);
        QVERIFY(!window->reopenLastWorkspaceIfWanted());
        QVERIFY(!window->workspace());
        auto *reopen = window->findChild<QAction *>(QStringLiteral("actionReopenLastWorkspace"));
        QVERIFY(reopen && reopen->isCheckable() && !reopen->isChecked());
        reopen->trigger();
        window->close();
    }
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(window->reopenLastWorkspaceIfWanted());
    QCOMPARE(window->workspace()->path(), m_workspacePath);
}

void UiSmokeTest::openingNonWorkspaceShowsCoreError()
{
    const QString junkPath = m_dir.filePath(QStringLiteral("notes.ferry"));
    {
        QFile junk(junkPath);
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("These are notes, not a SQLite database.\n");
    }
    const auto coreResult = ferry::Workspace::open(junkPath);
    QVERIFY(!coreResult.ok());

    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(window->openWorkspace(m_workspacePath));
    QSignalSpy errors(window.get(), &MainWindow::errorShown);
    QVERIFY(!window->openWorkspace(junkPath));

    QCOMPARE(errors.count(), 1);
    QMessageBox *box = errorBox(window.get());
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("notes.ferry")), qPrintable(box->text()));
    QCOMPARE(box->informativeText(), coreResult.error().message);
    QCOMPARE(errors.first().at(1).toString(), coreResult.error().message);
    saveScreenshot(box, QStringLiteral("error-not-a-workspace"));

    // The workspace that was open stays open.
    QVERIFY(window->workspace());
    QCOMPARE(window->workspace()->path(), m_workspacePath);
    QCOMPARE(window->windowTitle(), QStringLiteral("smoke.ferry — Ferry"));

    box->close();
    QTRY_VERIFY(!errorBox(window.get()));
}

void UiSmokeTest::openingNewerWorkspaceShowsCoreError()
{
    const QString futurePath = m_dir.filePath(QStringLiteral("future.ferry"));
    QVERIFY(ferry::Workspace::create(futurePath).ok());
    QVERIFY(ferry::WorkspaceSchema::stampVersionForTesting(futurePath,
                                                           ferry::Workspace::currentSchemaVersion() + 1)
                .ok());
    const auto coreResult = ferry::Workspace::open(futurePath);
    QVERIFY(!coreResult.ok());
    QCOMPARE(coreResult.error().code, QStringLiteral("workspace.newer-version"));

    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(!window->openWorkspace(futurePath));
    QMessageBox *box = errorBox(window.get());
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("newer version of Ferry")), qPrintable(box->text()));
    QCOMPARE(box->informativeText(), coreResult.error().message);
    QVERIFY(!window->workspace());
    QCOMPARE(window->windowTitle(), QStringLiteral("Ferry"));
    // A refused file does not enter the recent list.
    QVERIFY(!RecentWorkspaces::load().contains(RecentWorkspaces::normalized(futurePath)));
    box->close();
}

void UiSmokeTest::creatingOverExistingFileIsRefused()
{
    auto window = makeWindow();
    QVERIFY(window);
    const QByteArray before = [&] {
        QFile f(m_workspacePath);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    window->newPathAnswer = m_workspacePath;
    window->findChild<QAction *>(QStringLiteral("actionNewWorkspace"))->trigger();
    QVERIFY(!window->workspace());
    QMessageBox *box = errorBox(window.get());
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("already exists")), qPrintable(box->text()));
    QVERIFY(!box->informativeText().isEmpty());
    QFile after(m_workspacePath);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before);
    box->close();
}

void UiSmokeTest::droppedWorkspaceFileIsOpened()
{
    auto window = makeWindow();
    QVERIFY(window);
    const QPoint at = window->rect().center();

    QMimeData two;
    two.setUrls({QUrl::fromLocalFile(m_workspacePath), QUrl::fromLocalFile(m_workspacePath)});
    QDragEnterEvent refused(at, Qt::CopyAction, &two, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.get(), &refused);
    QVERIFY(!refused.isAccepted());

    QMimeData one;
    one.setUrls({QUrl::fromLocalFile(m_workspacePath)});
    QDragEnterEvent enter(at, Qt::CopyAction, &one, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &one, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.get(), &drop);
    QVERIFY(drop.isAccepted());
    QVERIFY(window->workspace());
    QCOMPARE(window->workspace()->path(), m_workspacePath);
}

void UiSmokeTest::aboutBoxNamesVersions()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->findChild<QAction *>(QStringLiteral("actionAbout"))->trigger();
    auto *about = window->findChild<ferry::ui::AboutDialog *>();
    QVERIFY(about);
    QTRY_VERIFY(about->isVisible());
    const QString text = about->plainText();
    QVERIFY2(text.contains(QStringLiteral("Ferry ") + QString::fromLatin1(ferry::kVersion)),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Qt " QT_VERSION_STR)), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Dataverse")));
    QVERIFY(text.contains(QStringLiteral("libcurl")));
    saveScreenshot(about, QStringLiteral("about"));

    // A second trigger reuses the open dialog.
    window->findChild<QAction *>(QStringLiteral("actionAbout"))->trigger();
    QCOMPARE(window->findChildren<ferry::ui::AboutDialog *>().size(), 1);
    QTest::keyClick(about, Qt::Key_Escape);
    QTRY_VERIFY(!window->findChild<ferry::ui::AboutDialog *>());
}

void UiSmokeTest::everyMenuActionIsKeyboardReachable()
{
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(window->openWorkspace(m_workspacePath));
    const QMap<QString, QKeySequence> standard = {
        {QStringLiteral("actionNewWorkspace"), QKeySequence(QKeySequence::New)},
        {QStringLiteral("actionOpenWorkspace"), QKeySequence(QKeySequence::Open)},
        {QStringLiteral("actionCloseWorkspace"), QKeySequence(QKeySequence::Close)},
        {QStringLiteral("actionQuit"), QKeySequence(QKeySequence::Quit)}};
    for (auto it = standard.cbegin(); it != standard.cend(); ++it)
        QCOMPARE(window->findChild<QAction *>(it.key())->shortcut(), it.value());

    std::function<void(QMenu *)> check = [&](QMenu *menu) {
        emit menu->aboutToShow();
        QVERIFY2(menu->title().contains(QLatin1Char('&')), qPrintable(menu->title()));
        for (QAction *action : menu->actions()) {
            if (action->isSeparator() || !action->isEnabled())
                continue;
            if (action->menu()) {
                check(action->menu());
                continue;
            }
            QVERIFY2(action->text().contains(QLatin1Char('&')) || !action->shortcut().isEmpty(),
                     qPrintable(action->text()));
        }
    };
    for (QAction *top : window->menuBar()->actions())
        check(top->menu());
}

void UiSmokeTest::germanTranslationIsEmbedded()
{
    const QList<QTranslator *> translators =
        ferry::ui::installTranslators(QLocale(QLocale::German, QLocale::Germany));
    bool ferryLoaded = false;
    for (const QTranslator *t : translators)
        ferryLoaded = ferryLoaded || t->filePath().startsWith(QStringLiteral(":/i18n/ferry_de"));
    QVERIFY(ferryLoaded);
    {
        auto window = makeWindow();
        QVERIFY(window);
        auto *nav = window->findChild<QListWidget *>(QStringLiteral("navigationList"));
        QCOMPARE(nav->item(0)->text(), QStringLiteral("Katalog"));
        QCOMPARE(label(window->page(QStringLiteral("run")), "notBuiltHeading")->text(),
                 QStringLiteral("Noch nicht gebaut"));
        QCOMPARE(window->findChild<QMenu *>(QStringLiteral("menuFile"))->title(), QStringLiteral("&Datei"));
        saveScreenshot(window.get(), QStringLiteral("catalog-de"));
    }
    for (QTranslator *t : translators) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

QTEST_MAIN(UiSmokeTest)
#include "UiSmokeTest.moc"
