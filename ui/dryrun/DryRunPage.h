#pragma once
// GUI thread. The dry run runs on the page's pool thread (its own workspace reader and source connections;
// the quarantine goes through the workspace's writer) and reports back queued.

#include "widgets/Page.h"

#include <ferry/mapping/DryRun.h>

#include <QSet>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QModelIndex;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace ferry {
class Workspace;
}

namespace ferry::ui {

namespace Ui {
class DryRunPage;
}

class ReportTableModel;

/// The Dry run page: runs every enabled mapping of the workspace over every source row with nothing sent to
/// the target (runDryRun), then shows per table the verdicts and what would be inserted, updated, left
/// unchanged or refused, the lookup report, the findings per code, sample rows with their findings and the
/// estimate of requests and time under the service protection limits. Refused rows go to the quarantine as a
/// dry run. A finding leads to its field on the Mapping page (mappingFieldRequested) or to its rows.
class DryRunPage : public Page
{
    Q_OBJECT

public:
    enum Tab
    {
        TablesTab,
        LookupsTab,
        IssuesTab,
        RowsTab,
    };

    explicit DryRunPage(QWidget *parent = nullptr);
    /// Cancels a running dry run and waits for it.
    ~DryRunPage() override;

    QString pageId() const override { return QStringLiteral("dryrun"); }
    QString title() const override;
    QIcon icon() const override;

    /// Without a writable workspace nothing goes to the quarantine and no run is recorded.
    void setWorkspace(const ferry::Workspace *workspace) override;
    void setWritableWorkspace(ferry::Workspace *workspace);

    /// Starts a dry run in the background; false when one runs or no workspace is open.
    bool startDryRun();
    void cancelDryRun();
    bool isRunning() const { return m_running; }
    /// The last report, if a dry run finished.
    const ferry::mapping::DryRunReport *report() const { return m_report ? &*m_report : nullptr; }
    QString errorMessage() const { return m_error; }
    QString summaryText() const;

    void setApplicationUsers(int users);
    void setBypassPlugins(bool bypass);
    /// Users "owner" steps resolve to, and tables with synchronous plug-ins (the cache keeps neither).
    void setSystemUsers(const QList<ferry::mapping::SystemUser> &users) { m_systemUsers = users; }
    void setPluginTables(const QSet<QString> &tables) { m_pluginTables = tables; }
    QString connectionName() const;

    ReportTableModel *tableModel() const { return m_tableModel; }
    ReportTableModel *lookupModel() const { return m_lookupModel; }
    ReportTableModel *issueModel() const { return m_issueModel; }
    ReportTableModel *rowModel() const { return m_rowModel; }
    QSortFilterProxyModel *rowFilter() const { return m_rowFilter; }

    void showTab(Tab tab);
    /// The Rows tab with only the sample rows of `mapping` (all rows when empty).
    void showRowsOf(const QString &mapping);
    /// Asks for the Mapping page at the mapping and column of `index` (any of the report models' indexes);
    /// false when the row names no mapping.
    bool showInMapping(const QModelIndex &index);

signals:
    /// Show this mapping's field (target column; may be empty) on the Mapping page.
    void mappingFieldRequested(const QString &mapping, const QString &targetColumn);
    /// A dry run ended (finished, cancelled or failed).
    void finished(bool ok);

private:
    struct Outcome
    {
        std::optional<ferry::mapping::DryRunReport> report;
        QString error;
        QString connection;
    };

    void buildContent();
    void attachWorkspace(const ferry::Workspace *workspace);
    void stopBackgroundWork();
    void loadConnections();
    void onProgress(quint64 generation, const QString &mapping, qint64 findings);
    void onFinished(quint64 generation, const Outcome &outcome);
    void fillReport();
    void activate(const QModelIndex &index);
    void updateActions();
    void showStatus(const QString &message);

    std::unique_ptr<Ui::DryRunPage> m_ui;
    ferry::Workspace *m_writable = nullptr;
    QThreadPool m_pool;
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    bool m_running = false;
    std::optional<ferry::mapping::DryRunReport> m_report;
    QString m_error;
    QString m_reportConnection;
    int m_reportUsers = 1;
    QList<ferry::mapping::SystemUser> m_systemUsers;
    QSet<QString> m_pluginTables;

    ReportTableModel *m_tableModel = nullptr;
    ReportTableModel *m_lookupModel = nullptr;
    ReportTableModel *m_issueModel = nullptr;
    ReportTableModel *m_rowModel = nullptr;
    QSortFilterProxyModel *m_rowFilter = nullptr;

    QComboBox *m_connectionCombo = nullptr;
    QSpinBox *m_usersSpin = nullptr;
    QCheckBox *m_bypassCheck = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_tableView = nullptr;
    QTableView *m_lookupView = nullptr;
    QTableView *m_issueView = nullptr;
    QTableView *m_rowView = nullptr;
    QLabel *m_rowFilterLabel = nullptr;
    QPushButton *m_showMappingButton = nullptr;
    QPushButton *m_showRowsButton = nullptr;
};

} // namespace ferry::ui
