#pragma once
// GUI thread. Reading the metadata cache and refreshing it from the service run on the page's pool threads
// and report back queued.

#include "widgets/Page.h"

#include <ferry/Result.h>
#include <ferry/auth/ConnectionProfile.h>
#include <ferry/auth/SecretStore.h>
#include <ferry/target/TargetModel.h>

#include <QThreadPool>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace ferry {
class Workspace;
}

namespace ferry::ui {

namespace Ui {
class TargetPage;
}

class AlternateKeyModel;
class AttributeModel;
class EntityListModel;
class OptionValueModel;
class RelationshipModel;

/// The Target page: the metadata of the target environment of a connection, as cached in the workspace.
/// Left a filterable list of tables; right, for the selected table, its columns (with Required, Key and
/// Lookup markers), choice values, alternate keys and relationships. "Refresh Metadata" reads every table
/// (or the selected one) from the service in the background, with progress and Cancel, and stores it in
/// the cache.
class TargetPage : public Page
{
    Q_OBJECT

public:
    explicit TargetPage(QWidget *parent = nullptr);
    /// Cancels and waits for background work.
    ~TargetPage() override;

    QString pageId() const override { return QStringLiteral("target"); }
    QString title() const override;
    QIcon icon() const override;

    /// Browsing only: the cache is shown, refreshing is off.
    void setWorkspace(const ferry::Workspace *workspace) override;
    /// The main window's workspace, which the page also writes to (the metadata cache).
    void setWritableWorkspace(ferry::Workspace *workspace);

    /// Where secrets come from when the page signs in (default: environment, secrets file, keyring).
    void setSecretOptions(const ferry::auth::SecretStore::Options &options) { m_secretOptions = options; }

    /// Reads the connections of the workspace again (after the Connections dialog changed them).
    void reloadConnections();
    QStringList connectionNames() const;
    QString currentConnectionName() const;
    bool selectConnection(const QString &name);

    /// Reads every table of the current connection from the service, stores it and reloads the page.
    bool refreshMetadata();
    /// The same for the selected table only.
    bool refreshCurrentTable();
    void cancelRefresh();
    bool isRefreshing() const { return m_refreshing; }
    /// True while the cache is being read.
    bool isLoading() const { return m_loading; }

    /// Selects a table in the list (clearing the filter if it hides it); false when it is not cached.
    bool selectTable(const QString &logicalName);
    QString currentTableName() const { return m_currentTable; }
    /// Shows the options of one choice column (empty: all choice columns of the table).
    bool selectChoiceColumn(const QString &logicalName);

    /// The cached model of the current connection.
    const ferry::target::TargetModel &targetModel() const;

    EntityListModel *entityModel() const { return m_entityModel; }
    QSortFilterProxyModel *filterModel() const { return m_filterModel; }
    AttributeModel *attributeModel() const { return m_attributeModel; }
    OptionValueModel *optionModel() const { return m_optionModel; }
    AlternateKeyModel *keyModel() const { return m_keyModel; }
    RelationshipModel *relationshipModel() const { return m_relationshipModel; }

    /// The empty-state text shown instead of the browser, or an empty string when the browser shows.
    QString emptyStateText() const;
    QString errorMessage() const;
    /// What the page says about the cache (how many tables, when they were read).
    QString cacheText() const;

signals:
    /// The user asked for the Connections dialog.
    void connectionsRequested();
    /// The cache of the current connection was read (after opening, switching or refreshing).
    void metadataLoaded();
    /// A refresh ended: stored and reloaded (ok), failed or cancelled.
    void refreshFinished(bool ok);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct RefreshOutcome
    {
        ferry::Error error;
        bool cancelled = false;
        int tables = 0;
    };

    void buildContent();
    void attachWorkspace(const ferry::Workspace *workspace);
    void stopBackgroundWork();
    const ferry::auth::ConnectionProfile *currentProfile() const;
    void onConnectionChanged();
    void loadCache();
    void onCacheLoaded(quint64 generation, const ferry::Result<ferry::target::TargetModel> &model);
    bool startRefresh(const QStringList &tables);
    void onRefreshProgress(quint64 generation, int done, int total, const QString &table);
    void onRefreshFinished(quint64 generation, const RefreshOutcome &outcome);
    void onCurrentTableChanged(const QModelIndex &current);
    void showTable(const QString &logicalName);
    void fillChoiceColumns(const ferry::target::Entity &entity);
    void fitAllColumns();
    void updateCacheText();
    void updateEmptyState();
    void updateActions();
    void showStatus(const QString &message);
    void showError(const QString &message);
    void clearError();

    std::unique_ptr<Ui::TargetPage> m_ui;
    ferry::Workspace *m_writable = nullptr;
    ferry::auth::SecretStore::Options m_secretOptions;
    QList<ferry::auth::ConnectionProfile> m_profiles;
    QString m_currentTable;
    bool m_cacheKnown = false; // the cache of the current connection has been read
    bool m_fitPending = false; // column widths wait for the page to be shown

    QThreadPool m_pool;
    quint64 m_loadGeneration = 0;
    quint64 m_refreshGeneration = 0;
    bool m_loading = false;
    bool m_refreshing = false;
    bool m_emitRefreshFinished = false;
    std::shared_ptr<std::atomic_bool> m_cancel;

    EntityListModel *m_entityModel = nullptr;
    QSortFilterProxyModel *m_filterModel = nullptr;
    AttributeModel *m_attributeModel = nullptr;
    OptionValueModel *m_optionModel = nullptr;
    AlternateKeyModel *m_keyModel = nullptr;
    RelationshipModel *m_relationshipModel = nullptr;

    QComboBox *m_connectionCombo = nullptr;
    QPushButton *m_connectionsButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_refreshTableButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QWidget *m_errorBox = nullptr;
    QLabel *m_errorLabel = nullptr;
    QWidget *m_emptyBox = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QPushButton *m_emptyButton = nullptr;
    QSplitter *m_browser = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_tableList = nullptr;
    QLabel *m_cacheLabel = nullptr;
    QWidget *m_details = nullptr;
    QLabel *m_noSelection = nullptr;
    QLabel *m_tableTitle = nullptr;
    QLabel *m_tableSubtitle = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_columnsView = nullptr;
    QComboBox *m_choiceCombo = nullptr;
    QTableView *m_optionsView = nullptr;
    QTableView *m_keysView = nullptr;
    QLabel *m_keysHint = nullptr;
    QTableView *m_relationshipsView = nullptr;
};

} // namespace ferry::ui
