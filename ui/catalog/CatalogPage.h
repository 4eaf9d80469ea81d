#pragma once
// GUI thread. Discovery, profiling and sample reading run on pool/worker threads and report back queued.

#include "widgets/Page.h"

#include <ferry/catalog/Catalog.h>
#include <ferry/source/SourceUri.h>

#include <QList>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QModelIndex;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QTableWidget;
class QToolButton;
class QTreeView;

namespace ferry {
class Discovery;
class Workspace;
} // namespace ferry

namespace ferry::ui {

namespace Ui {
class CatalogPage;
}

class SampleTableModel;

/// The Catalog page: the sources of the open workspace as a tree (sources → schemas → tables) with an
/// instant filter, and for the selected table its columns and keys, foreign keys in and out, profile and
/// a lazily read sample. Discovery and profiling run in the background with progress and cancel; what
/// they find is saved in the workspace. "Add to plan" puts tables into the workspace's table plan in
/// load order.
class CatalogPage : public Page
{
    Q_OBJECT

public:
    /// Roles of the tree model's column 0.
    enum Role
    {
        NodeKindRole = Qt::UserRole + 1, ///< a NodeKind
        SourceNameRole,
        TableNameRole, ///< tables only
    };
    enum NodeKind
    {
        SourceNode,
        SchemaNode,
        TableNode,
    };

    explicit CatalogPage(QWidget *parent = nullptr);
    /// Cancels and waits for background work (each job stops at its next table or batch).
    ~CatalogPage() override;

    QString pageId() const override { return QStringLiteral("catalog"); }
    QString title() const override;
    QIcon icon() const override;

    /// Browsing only: catalogs are shown but nothing is saved and "Add to plan" is off.
    void setWorkspace(const ferry::Workspace *workspace) override;
    /// The main window's workspace, which the page also writes to (catalogs, table plan).
    void setWritableWorkspace(ferry::Workspace *workspace);

    /// Registers a source for this session (the password stays in memory only) and returns its name in
    /// the workspace (`name`, or one made from the file or database name), or an empty string when a
    /// source of that name exists already (the error is shown on the page).
    QString addSource(const ferry::SourceUri &uri, const QString &name = {}, const QString &password = {});
    /// Discovers the source in the background (queued behind a discovery that is running).
    bool discover(const QString &sourceName);
    void cancelDiscovery();
    bool isDiscovering() const;
    /// True while a discovered catalog is being written to the workspace.
    bool isSaving() const { return m_pendingSaves > 0; }

    /// Selects a table in the tree (clearing the filter if it hides it) and shows its details.
    bool selectTable(const QString &sourceName, const QString &table);
    /// The table whose details are shown, if any.
    const ferry::CatalogTable *currentTable() const;
    QString currentSourceName() const { return m_currentSource; }

    /// Profiles the shown table in the background.
    bool profileCurrentTable();
    void cancelProfile();
    bool isProfiling() const;

    /// Adds the tables selected in the tree (a selected source or schema means all its tables) to the
    /// workspace's table plan; returns how many were new, or -1 on failure.
    int addSelectedToPlan();

    const ferry::Catalog *catalog(const QString &sourceName) const;
    QStringList sourceNames() const;
    /// The page's message line (also shown in the main window's status bar).
    QString statusMessage() const;
    /// The error shown on the page, empty when none.
    QString errorMessage() const;

    QStandardItemModel *treeModel() const { return m_treeModel; }
    QSortFilterProxyModel *filterModel() const { return m_filterModel; }
    SampleTableModel *sampleModel() const { return m_sampleModel; }

signals:
    /// A discovery ended (finished, failed or cancelled).
    void discoveryFinished(const QString &sourceName);
    /// A profile ended.
    void profileFinished(const QString &sourceName, const QString &table);

private:
    struct Source
    {
        QString name;
        ferry::SourceUri uri;
        QString password; // this session only; never written anywhere
        std::optional<ferry::Catalog> catalog;
        QString error; // why the source could not be discovered
        bool discovering = false;
    };
    struct ProfileOutcome
    {
        QString source;
        QString table;
        QList<ferry::ColumnProfile> profiles;
        ferry::Error error;
        ferry::Error saveError;
    };

    void buildContent();
    void attachWorkspace(const ferry::Workspace *workspace);
    void stopBackgroundWork();
    void loadStoredCatalogs();
    Source *source(const QString &name);
    const Source *source(const QString &name) const;
    void startNextDiscovery();
    void saveCatalog(const ferry::Catalog &catalog);
    void onDiscoveryProgress(int done, int total, const QString &table);
    void onDiscoveryFinished();
    void onProfileFinished(const ProfileOutcome &outcome);
    void rebuildTree();
    QStandardItem *tableItem(const QString &sourceName, const QString &table) const;
    void onCurrentChanged(const QModelIndex &current);
    void showDetails(const QString &sourceName, const QString &table);
    void fillColumns(const ferry::CatalogTable &table);
    void fillRelations(const ferry::Catalog &catalog, const ferry::CatalogTable &table);
    void fillProfile(const ferry::CatalogTable &table);
    void loadSampleIfShown();
    void followLink(QListWidgetItem *item);
    void updateActions();
    void showStatus(const QString &message);
    void showError(const QString &message);
    void clearError();
    void askForSource();

    std::unique_ptr<Ui::CatalogPage> m_ui;
    ferry::Workspace *m_writable = nullptr;
    QList<Source> m_sources;

    QThreadPool m_pool;
    std::unique_ptr<ferry::Discovery> m_discovery;
    QString m_discoveringSource;
    QStringList m_discoveryQueue;

    bool m_profiling = false;
    int m_pendingSaves = 0;
    std::shared_ptr<std::atomic<bool>> m_profileCancel;
    QString m_profilingSource;
    QString m_profilingTable;

    QString m_currentSource;
    QString m_currentTable;
    QString m_lastStatus;

    QStandardItemModel *m_treeModel = nullptr;
    QSortFilterProxyModel *m_filterModel = nullptr;
    SampleTableModel *m_sampleModel = nullptr;

    QPushButton *m_addSourceButton = nullptr;
    QPushButton *m_discoverButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QPushButton *m_profileButton = nullptr;
    QPushButton *m_addToPlanButton = nullptr;
    QWidget *m_errorBox = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_tree = nullptr;
    QLabel *m_tableTitle = nullptr;
    QLabel *m_tableSubtitle = nullptr;
    QLabel *m_tableError = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableWidget *m_columns = nullptr;
    QListWidget *m_fksOut = nullptr;
    QListWidget *m_fksIn = nullptr;
    QLabel *m_loadOrderLabel = nullptr;
    QLabel *m_profileHint = nullptr;
    QTableWidget *m_profile = nullptr;
    QTableView *m_sampleView = nullptr;
    QLabel *m_sampleStatus = nullptr;
    QWidget *m_details = nullptr;
    QLabel *m_noSelection = nullptr;
};

} // namespace ferry::ui
