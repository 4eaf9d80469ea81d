#include "MainWindow.h"

#include "ui_MainWindow.h"

#include "AboutDialog.h"
#include "AppSettings.h"
#include "RecentWorkspaces.h"
#include "Resources.h"
#include "catalog/CatalogPage.h"
#include "connections/ConnectionsDialog.h"
#include "dryrun/DryRunPage.h"
#include "mapping/MappingPage.h"
#include "quarantine/QuarantinePage.h"
#include "run/RunPage.h"
#include "target/TargetPage.h"

#include <ferry/workspace/Workspace.h>

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QStandardPaths>
#include <QStyle>

#include <algorithm>

namespace ferry::ui {

namespace {

constexpr QSize kDefaultSize(1100, 720);

QString workspaceFilter()
{
    return MainWindow::tr("Ferry workspaces (*.ferry);;All files (*)");
}

// A busy cursor for work that runs on the GUI thread and may take a moment (opening upgrades the schema).
class BusyCursor
{
public:
    BusyCursor() { QApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QApplication::restoreOverrideCursor(); }
    BusyCursor(const BusyCursor &) = delete;
    BusyCursor &operator=(const BusyCursor &) = delete;
};

QString displayName(const QString &path)
{
    return QFileInfo(path).fileName();
}

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>())
{
    initResources();
    m_ui->setupUi(this);
    setWindowIcon(applicationIcon());

    QStyle *st = style();
    m_ui->actionNewWorkspace->setIcon(st->standardIcon(QStyle::SP_FileIcon, nullptr, this));
    m_ui->actionOpenWorkspace->setIcon(st->standardIcon(QStyle::SP_DialogOpenButton, nullptr, this));
    m_ui->actionCloseWorkspace->setIcon(st->standardIcon(QStyle::SP_DialogCloseButton, nullptr, this));
    m_ui->actionNewWorkspace->setShortcut(QKeySequence::New);
    m_ui->actionOpenWorkspace->setShortcut(QKeySequence::Open);
    m_ui->actionCloseWorkspace->setShortcut(QKeySequence::Close);
    m_ui->actionQuit->setShortcut(QKeySequence::Quit);
    m_ui->actionQuit->setMenuRole(QAction::QuitRole);
    m_ui->actionAbout->setMenuRole(QAction::AboutRole);
    m_ui->actionAboutQt->setMenuRole(QAction::AboutQtRole);
    m_ui->actionConnections->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));

    connect(m_ui->actionNewWorkspace, &QAction::triggered, this, &MainWindow::newWorkspace);
    connect(m_ui->actionOpenWorkspace, &QAction::triggered, this, &MainWindow::openWorkspaceFromDialog);
    connect(m_ui->actionCloseWorkspace, &QAction::triggered, this, &MainWindow::closeWorkspace);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->actionAboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(m_ui->actionConnections, &QAction::triggered, this, &MainWindow::showConnections);
    // Rebuilt on every show so entries whose file has vanished since are disabled.
    connect(m_ui->menuRecentWorkspaces, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);

    m_pageActions = new QActionGroup(this);
    m_pageActions->setExclusive(true);
    addPage(new CatalogPage(this));
    auto *targetPage = new TargetPage(this);
    addPage(targetPage);
    connect(targetPage, &TargetPage::connectionsRequested, this, &MainWindow::showConnections);
    auto *mappingPage = new MappingPage(this);
    addPage(mappingPage);
    auto *dryRunPage = new DryRunPage(this);
    addPage(dryRunPage);
    // A finding of a dry run leads to its field on the Mapping page.
    connect(dryRunPage, &DryRunPage::mappingFieldRequested, this,
            [this, mappingPage](const QString &mapping, const QString &column) {
                showPage(mappingPage->pageId());
                mappingPage->selectField(mapping, column);
            });
    addPage(new RunPage(this));
    addPage(new QuarantinePage(this));
    connect(m_ui->navigationList, &QListWidget::currentRowChanged, this, &MainWindow::setCurrentPage);

    // The list is as wide as its longest entry, so translations do not clip.
    const int iconWidth = m_ui->navigationList->iconSize().width();
    int textWidth = 0;
    for (const Page *p : std::as_const(m_pages))
        textWidth = std::max(textWidth, m_ui->navigationList->fontMetrics().horizontalAdvance(p->title()));
    m_ui->navigationList->setFixedWidth(std::max(170, iconWidth + textWidth + 56));

    m_pathLabel = new QLabel(this);
    m_pathLabel->setObjectName(QStringLiteral("workspacePathLabel"));
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Ignored: a long path is clipped instead of forcing the window wider.
    m_pathLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_schemaLabel = new QLabel(this);
    m_schemaLabel->setObjectName(QStringLiteral("schemaVersionLabel"));
    statusBar()->addWidget(m_pathLabel, 1);
    statusBar()->addPermanentWidget(m_schemaLabel);

    setAcceptDrops(true);
    restoreSettings();
    rebuildRecentMenu();
    updateWorkspaceState();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(Page *page)
{
    const int index = static_cast<int>(m_pages.size());
    m_pages.append(page);
    m_ui->pageStack->addWidget(page);

    auto *item = new QListWidgetItem(page->icon(), page->title(), m_ui->navigationList);
    item->setData(Qt::UserRole, page->pageId());
    // Roomier rows than the list's default: this is the window's main navigation, not a data list.
    const QListWidget *nav = m_ui->navigationList;
    item->setSizeHint(QSize(0, std::max(nav->iconSize().height(), nav->fontMetrics().height()) + 10));

    QAction *action = m_ui->menuView->addAction(page->icon(), page->title());
    action->setObjectName(QStringLiteral("actionShowPage_") + page->pageId());
    action->setCheckable(true);
    if (index < 9)
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + index)));
    action->setStatusTip(tr("Show the %1 page").arg(page->title()));
    item->setToolTip(
        action->shortcut().isEmpty()
            ? page->title()
            : tr("%1 (%2)").arg(page->title(), action->shortcut().toString(QKeySequence::NativeText)));
    m_pageActions->addAction(action);
    connect(action, &QAction::triggered, this, [this, index] { setCurrentPage(index); });

    connect(page, &Page::newWorkspaceRequested, this, &MainWindow::newWorkspace);
    connect(page, &Page::openWorkspaceRequested, this, &MainWindow::openWorkspaceFromDialog);
}

void MainWindow::setCurrentPage(int index)
{
    if (index < 0 || index >= m_pages.size())
        return;
    m_ui->pageStack->setCurrentIndex(index);
    {
        const QSignalBlocker blocker(m_ui->navigationList);
        m_ui->navigationList->setCurrentRow(index);
    }
    m_pageActions->actions().at(index)->setChecked(true);
}

QStringList MainWindow::pageIds() const
{
    QStringList ids;
    for (const Page *p : m_pages)
        ids.append(p->pageId());
    return ids;
}

QString MainWindow::currentPageId() const
{
    const int index = m_ui->pageStack->currentIndex();
    return index >= 0 ? m_pages.at(index)->pageId() : QString();
}

Page *MainWindow::page(const QString &id) const
{
    for (Page *p : m_pages) {
        if (p->pageId() == id)
            return p;
    }
    return nullptr;
}

void MainWindow::showPage(const QString &id)
{
    setCurrentPage(static_cast<int>(pageIds().indexOf(id)));
}

bool MainWindow::createWorkspace(const QString &path)
{
    QString target = path;
    if (QFileInfo(target).suffix().isEmpty())
        target += QStringLiteral(".ferry");

    Result<std::unique_ptr<Workspace>> result = [&] {
        const BusyCursor busy;
        return Workspace::create(target);
    }();
    if (!result) {
        const Error &error = result.error();
        QString summary;
        if (error.code == QLatin1String("workspace.exists"))
            summary = tr("“%1” already exists. Ferry does not overwrite files: choose another name.")
                          .arg(displayName(target));
        else
            summary = tr("Could not create the workspace “%1”.").arg(displayName(target));
        showError(summary, error.message);
        return false;
    }
    setWorkspace(std::move(result).value());
    return true;
}

bool MainWindow::openWorkspace(const QString &path)
{
    Result<std::unique_ptr<Workspace>> result = [&] {
        const BusyCursor busy;
        return Workspace::open(path);
    }();
    if (!result) {
        const Error &error = result.error();
        const QString name = displayName(path);
        QString summary;
        if (error.code == QLatin1String("workspace.newer-version"))
            summary = tr("“%1” was saved by a newer version of Ferry. Update Ferry to open it.").arg(name);
        else if (error.code == QLatin1String("workspace.not-a-workspace"))
            summary = tr("“%1” is not a Ferry workspace.").arg(name);
        else if (error.code == QLatin1String("workspace.not-found"))
            summary = tr("“%1” does not exist.").arg(name);
        else
            summary = tr("Could not open the workspace “%1”.").arg(name);
        showError(summary, error.message);
        return false;
    }
    setWorkspace(std::move(result).value());
    return true;
}

void MainWindow::closeWorkspace()
{
    if (!m_workspace)
        return;
    setWorkspace(nullptr);
}

bool MainWindow::reopenLastWorkspaceIfWanted()
{
    if (!AppSettings().value(AppSettings::reopenLastWorkspaceKey(), false).toBool())
        return false;
    const QStringList recent = RecentWorkspaces::load();
    if (recent.isEmpty() || !QFileInfo::exists(recent.first()))
        return false;
    return openWorkspace(recent.first());
}

void MainWindow::setWorkspace(std::unique_ptr<ferry::Workspace> workspace)
{
    // The new workspace is in place before the old one is destroyed, so pages never see a dangling one.
    // The Connections dialog edits the open workspace: it goes with it.
    delete m_connectionsDialog.data();
    std::unique_ptr<ferry::Workspace> previous = std::move(m_workspace);
    m_workspace = std::move(workspace);
    for (Page *p : std::as_const(m_pages)) {
        // The Catalog page writes to the workspace (discovered catalogs, the table plan).
        if (auto *catalog = qobject_cast<CatalogPage *>(p))
            catalog->setWritableWorkspace(m_workspace.get());
        else if (auto *target = qobject_cast<TargetPage *>(p))
            target->setWritableWorkspace(m_workspace.get());
        else if (auto *mapping = qobject_cast<MappingPage *>(p))
            mapping->setWritableWorkspace(m_workspace.get());
        else if (auto *dryRun = qobject_cast<DryRunPage *>(p))
            dryRun->setWritableWorkspace(m_workspace.get());
        else
            p->setWorkspace(m_workspace.get());
    }
    previous.reset();

    if (m_workspace)
        RecentWorkspaces::add(m_workspace->path());
    rebuildRecentMenu();
    updateWorkspaceState();
    emit workspaceChanged();
}

void MainWindow::updateWorkspaceState()
{
    const bool open = m_workspace != nullptr;
    m_ui->actionCloseWorkspace->setEnabled(open);
    m_ui->actionConnections->setEnabled(open);
    if (open) {
        const QString path = QDir::toNativeSeparators(m_workspace->path());
        setWindowTitle(tr("%1 — Ferry").arg(displayName(m_workspace->path())));
        m_pathLabel->setText(tr("Workspace: %1").arg(path));
        m_pathLabel->setToolTip(path);
        m_schemaLabel->setText(tr("Schema version %1").arg(m_workspace->schemaVersion()));
        m_schemaLabel->show();
    } else {
        setWindowTitle(tr("Ferry"));
        m_pathLabel->setText(tr("No workspace open"));
        m_pathLabel->setToolTip(QString());
        m_schemaLabel->clear();
        m_schemaLabel->hide();
    }
}

void MainWindow::rebuildRecentMenu()
{
    QMenu *menu = m_ui->menuRecentWorkspaces;
    menu->clear();
    const QStringList recent = RecentWorkspaces::load();
    if (recent.isEmpty()) {
        QAction *none = menu->addAction(tr("No recent workspaces"));
        none->setEnabled(false);
    }
    for (int i = 0; i < recent.size(); ++i) {
        const QString &path = recent.at(i);
        QString native = QDir::toNativeSeparators(path);
        native.replace(QLatin1Char('&'), QStringLiteral("&&"));
        // &1 … &9, then 1&0: every entry gets a mnemonic.
        const QString number = i < 9 ? QStringLiteral("&%1").arg(i + 1) : QStringLiteral("1&0");
        const bool exists = QFileInfo::exists(path);
        const QString text =
            exists ? tr("%1 %2").arg(number, native) : tr("%1 %2 (missing)").arg(number, native);
        QAction *action = menu->addAction(text);
        action->setData(path);
        action->setEnabled(exists);
        action->setStatusTip(exists ? tr("Open %1").arg(QDir::toNativeSeparators(path))
                                    : tr("The file %1 no longer exists").arg(QDir::toNativeSeparators(path)));
        connect(action, &QAction::triggered, this, [this, path] { openWorkspace(path); });
    }
    menu->addSeparator();
    QAction *reopen = menu->addAction(tr("&Reopen Last Workspace at Startup"));
    reopen->setObjectName(QStringLiteral("actionReopenLastWorkspace"));
    reopen->setCheckable(true);
    reopen->setChecked(AppSettings().value(AppSettings::reopenLastWorkspaceKey(), false).toBool());
    connect(reopen, &QAction::toggled, this,
            [](bool on) { AppSettings().setValue(AppSettings::reopenLastWorkspaceKey(), on); });
    QAction *clear = menu->addAction(tr("&Clear Recent Workspaces"));
    clear->setObjectName(QStringLiteral("actionClearRecentWorkspaces"));
    clear->setEnabled(!recent.isEmpty());
    connect(clear, &QAction::triggered, this, [this] {
        RecentWorkspaces::clear();
        rebuildRecentMenu();
    });
}

void MainWindow::newWorkspace()
{
    const QString path = askNewWorkspacePath();
    if (!path.isEmpty())
        createWorkspace(path);
}

void MainWindow::openWorkspaceFromDialog()
{
    const QString path = askWorkspaceToOpen();
    if (!path.isEmpty())
        openWorkspace(path);
}

QString MainWindow::askNewWorkspacePath()
{
    // Overwriting is not offered: Workspace::create() refuses existing files, and a confirmed "replace"
    // followed by a refusal would be worse than no question.
    return QFileDialog::getSaveFileName(this, tr("New Workspace"),
                                        QDir(dialogDirectory()).filePath(tr("Untitled.ferry")),
                                        workspaceFilter(), nullptr, QFileDialog::DontConfirmOverwrite);
}

QString MainWindow::askWorkspaceToOpen()
{
    return QFileDialog::getOpenFileName(this, tr("Open Workspace"), dialogDirectory(), workspaceFilter());
}

QString MainWindow::dialogDirectory() const
{
    if (m_workspace)
        return QFileInfo(m_workspace->path()).absolutePath();
    const QStringList recent = RecentWorkspaces::load();
    for (const QString &path : recent) {
        const QString dir = QFileInfo(path).absolutePath();
        if (QFileInfo(dir).isDir())
            return dir;
    }
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void MainWindow::showError(const QString &summary, const QString &details)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Ferry"), summary, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessageBox"));
    box->setInformativeText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    emit errorShown(summary, details);
}

void MainWindow::showAbout()
{
    if (!m_aboutDialog) {
        m_aboutDialog = new AboutDialog(this);
        m_aboutDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_aboutDialog, &QObject::destroyed, this, [this] { m_aboutDialog = nullptr; });
    }
    m_aboutDialog->open();
    m_aboutDialog->raise();
    m_aboutDialog->activateWindow();
}

void MainWindow::showConnections()
{
    if (!m_workspace)
        return;
    if (!m_connectionsDialog) {
        m_connectionsDialog = new ConnectionsDialog(m_workspace.get(), this);
        m_connectionsDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_connectionsDialog->setWindowModality(Qt::WindowModal);
        if (auto *target = qobject_cast<TargetPage *>(page(QStringLiteral("target"))))
            connect(m_connectionsDialog, &ConnectionsDialog::connectionsChanged, target,
                    &TargetPage::reloadConnections);
    }
    m_connectionsDialog->open();
    m_connectionsDialog->raise();
    m_connectionsDialog->activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

QString MainWindow::droppedWorkspacePath(const QMimeData *mime)
{
    // Exactly one local file: several would leave the user guessing which one ends up open.
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().first().isLocalFile())
        return QString();
    return mime->urls().first().toLocalFile();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedWorkspacePath(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = droppedWorkspacePath(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openWorkspace(path);
}

void MainWindow::saveSettings() const
{
    AppSettings settings;
    settings.setValue(AppSettings::geometryKey(), saveGeometry());
    settings.setValue(AppSettings::windowStateKey(), saveState());
    settings.setValue(AppSettings::lastPageKey(), currentPageId());
}

void MainWindow::restoreSettings()
{
    const AppSettings settings;
    if (!restoreGeometry(settings.value(AppSettings::geometryKey()).toByteArray())) {
        QSize size = kDefaultSize;
        if (const QScreen *screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize() * 0.9);
        resize(size);
    }
    restoreState(settings.value(AppSettings::windowStateKey()).toByteArray());

    const auto last =
        static_cast<int>(pageIds().indexOf(settings.value(AppSettings::lastPageKey()).toString()));
    setCurrentPage(last >= 0 ? last : 0);
}

} // namespace ferry::ui
