#pragma once
// GUI thread.

#include <QMainWindow>
#include <QPointer>
#include <QStringList>

#include <memory>

class QActionGroup;
class QLabel;
class QMimeData;

namespace ferry {
class Workspace;
}

namespace ferry::ui {

namespace Ui {
class MainWindow;
}

class AboutDialog;
class ConnectionsDialog;
class Page;

/// The Ferry main window: a navigation list of pages beside a stack that shows one page at a time,
/// the File menu that creates, opens and closes workspaces, and the recent-workspaces list. It owns the
/// open workspace and tells every page about it. Window geometry, toolbar state and the current page
/// are kept in AppSettings between sessions.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Creates a workspace file at `path` (".ferry" is appended when there is no suffix) and opens it.
    /// On failure the current workspace stays open and the error is shown; returns false.
    bool createWorkspace(const QString &path);
    /// Opens the workspace at `path`, replacing the open one only if that succeeds. On failure the error
    /// is shown (without blocking) and false is returned.
    bool openWorkspace(const QString &path);
    void closeWorkspace();
    /// Opens the most recent workspace when the user asked for that at startup and the file still exists.
    bool reopenLastWorkspaceIfWanted();

    /// The open workspace, or nullptr.
    const ferry::Workspace *workspace() const { return m_workspace.get(); }

    /// Page ids in navigation order ("catalog", "target", "mapping", "dryrun", "run", "quarantine").
    QStringList pageIds() const;
    QString currentPageId() const;
    Page *page(const QString &id) const;
    void showPage(const QString &id);

signals:
    /// A workspace was opened, created or closed.
    void workspaceChanged();
    /// An error was shown to the user; `details` is the core's technical message.
    void errorShown(const QString &summary, const QString &details);

public slots:
    /// File ▸ New Workspace…: asks for a file name, then createWorkspace().
    void newWorkspace();
    /// File ▸ Open Workspace…: asks for a file, then openWorkspace().
    void openWorkspaceFromDialog();
    void showAbout();
    /// Target ▸ Connections…: the connections of the open workspace (window-modal, does not block).
    void showConnections();

protected:
    void closeEvent(QCloseEvent *event) override;
    // A workspace file dropped on the window is opened, like File ▸ Open.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

    // Seams for tests: the file dialogs block, so tests substitute their answers here.
    /// Asks where to create a new workspace; returns an empty string when the user cancels.
    virtual QString askNewWorkspacePath();
    /// Asks which workspace to open; returns an empty string when the user cancels.
    virtual QString askWorkspaceToOpen();
    /// Shows an error in a window-modal message box that does not block the caller.
    virtual void showError(const QString &summary, const QString &details);

private:
    void addPage(Page *page);
    void setCurrentPage(int index);
    void setWorkspace(std::unique_ptr<ferry::Workspace> workspace);
    void updateWorkspaceState();
    void rebuildRecentMenu();
    void saveSettings() const;
    void restoreSettings();
    QString dialogDirectory() const;
    static QString droppedWorkspacePath(const QMimeData *mime);

    std::unique_ptr<Ui::MainWindow> m_ui;
    std::unique_ptr<ferry::Workspace> m_workspace;
    QList<Page *> m_pages;
    QActionGroup *m_pageActions = nullptr;
    QLabel *m_pathLabel = nullptr;
    QLabel *m_schemaLabel = nullptr;
    AboutDialog *m_aboutDialog = nullptr;
    QPointer<ConnectionsDialog> m_connectionsDialog;
};

} // namespace ferry::ui
