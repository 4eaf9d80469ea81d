#include "DryRunPage.h"

#include "ui_DryRunPage.h"

#include "ReportTableModel.h"
#include "Resources.h"
#include "mapping/MappingContext.h"
#include "widgets/PlaceholderPanel.h"

#include <ferry/auth/ConnectionStore.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace ferry::ui {

using namespace ferry::mapping;

namespace {

QString durationText(double seconds)
{
    if (seconds < 1)
        return DryRunPage::tr("< 1 s");
    const qint64 total = qint64(std::ceil(seconds));
    const qint64 h = total / 3600;
    const qint64 m = (total % 3600) / 60;
    const qint64 s = total % 60;
    if (h > 0)
        return DryRunPage::tr("%1 h %2 min").arg(h).arg(m);
    if (m > 0)
        return DryRunPage::tr("%1 min %2 s").arg(m).arg(s);
    return DryRunPage::tr("%1 s").arg(s);
}

QTableView *makeTable(QWidget *parent, const QString &name, QAbstractItemModel *model)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

void fitColumns(QTableView *view)
{
    view->resizeColumnsToContents();
    const int cap = std::max(140, view->viewport()->width() / 3);
    for (int c = 0; c < view->model()->columnCount(); ++c)
        if (view->columnWidth(c) > cap)
            view->setColumnWidth(c, cap);
}

} // namespace

DryRunPage::DryRunPage(QWidget *parent) : Page(parent), m_ui(std::make_unique<Ui::DryRunPage>())
{
    m_ui->setupUi(this);
    styleHeading(m_ui->titleLabel);
    m_ui->iconLabel->setPixmap(icon().pixmap(32, 32));
    usePlaceholder(m_ui->placeholder);
    if (auto *notBuilt = m_ui->placeholder->findChild<QWidget *>(QStringLiteral("notBuiltBox")))
        notBuilt->hide();
    m_pool.setMaxThreadCount(1);
    buildContent();
    attachWorkspace(nullptr);
}

DryRunPage::~DryRunPage()
{
    stopBackgroundWork();
    // The children go after this class's members: none of their last signals (an undo stack clearing
    // itself, a tab widget losing its tabs) may reach the page.
    for (QObject *child : findChildren<QObject *>())
        child->disconnect(this);
}

QString DryRunPage::title() const
{
    return m_ui->titleLabel->text();
}

QIcon DryRunPage::icon() const
{
    return themeIcon(QStringLiteral("dryrun"));
}

void DryRunPage::buildContent()
{
    QWidget *content = m_ui->content;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    const QStyle *st = style();

    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    auto *connectionLabel = new QLabel(tr("&Target:"), content);
    m_connectionCombo = new QComboBox(content);
    m_connectionCombo->setObjectName(QStringLiteral("connectionCombo"));
    m_connectionCombo->setMinimumContentsLength(12);
    m_connectionCombo->setToolTip(tr("The connection whose cached metadata the rows are checked against"));
    connectionLabel->setBuddy(m_connectionCombo);
    auto *usersLabel = new QLabel(tr("Application &users:"), content);
    m_usersSpin = new QSpinBox(content);
    m_usersSpin->setObjectName(QStringLiteral("usersSpin"));
    m_usersSpin->setRange(1, 64);
    m_usersSpin->setToolTip(tr("The service protection limits are per user: more application users, more "
                               "throughput"));
    usersLabel->setBuddy(m_usersSpin);
    m_bypassCheck = new QCheckBox(tr("&Bypass plug-ins"), content);
    m_bypassCheck->setObjectName(QStringLiteral("bypassCheck"));
    m_bypassCheck->setToolTip(tr("The run sends the bypass headers, so synchronous plug-ins cost no time"));
    m_runButton = new QPushButton(st->standardIcon(QStyle::SP_MediaPlay), tr("&Run Dry Run"), content);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setToolTip(tr("Check every row of every enabled mapping; nothing is sent to the target"));
    m_cancelButton = new QPushButton(st->standardIcon(QStyle::SP_BrowserStop), tr("&Cancel"), content);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_progress = new QProgressBar(content);
    m_progress->setObjectName(QStringLiteral("dryRunProgress"));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(140);
    m_statusLabel = new QLabel(content);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bar->addWidget(connectionLabel);
    bar->addWidget(m_connectionCombo);
    bar->addSpacing(8);
    bar->addWidget(usersLabel);
    bar->addWidget(m_usersSpin);
    bar->addWidget(m_bypassCheck);
    bar->addSpacing(8);
    bar->addWidget(m_runButton);
    bar->addWidget(m_cancelButton);
    bar->addWidget(m_progress);
    bar->addWidget(m_statusLabel, 1);
    layout->addLayout(bar);

    m_errorLabel = new QLabel(content);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setStyleSheet(QStringLiteral("QLabel { border: 1px solid #c0392b; border-radius: 4px;"
                                               " background: rgba(192, 57, 43, 28); padding: 6px; }"));
    m_errorLabel->hide();
    layout->addWidget(m_errorLabel);

    m_summaryLabel = new QLabel(content);
    m_summaryLabel->setObjectName(QStringLiteral("summaryText"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont summaryFont = m_summaryLabel->font();
    summaryFont.setPointSizeF(summaryFont.pointSizeF() * 1.1);
    m_summaryLabel->setFont(summaryFont);
    layout->addWidget(m_summaryLabel);

    m_tableModel = new ReportTableModel({tr("Step"), tr("Mapping"), tr("Source → target"), tr("Rows"),
                                         tr("OK"), tr("Warnings"), tr("Errors"), tr("Insert"), tr("Update"),
                                         tr("Unchanged"), tr("Refused"), tr("Requests"), tr("Est. time")},
                                        this);
    m_lookupModel = new ReportTableModel({tr("Mapping"), tr("Lookup column"), tr("Points to"), tr("Rows"),
                                          tr("Resolved"), tr("Ambiguous"), tr("Unresolved"), tr("Unverified"),
                                          tr("Distinct keys"), tr("Samples")},
                                         this);
    m_issueModel = new ReportTableModel(
        {tr("Mapping"), tr("Where"), tr("Code"), tr("Rows"), tr("Column"), tr("Message")}, this);
    m_rowModel = new ReportTableModel(
        {tr("Mapping"), tr("Row"), tr("Key"), tr("Verdict"), tr("Column"), tr("Code"), tr("Reason")}, this);
    m_rowFilter = new QSortFilterProxyModel(this);
    m_rowFilter->setSourceModel(m_rowModel);
    m_rowFilter->setFilterKeyColumn(0);
    m_rowFilter->setFilterRole(ReportTableModel::MappingRole);

    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(QStringLiteral("reportTabs"));
    m_tableView = makeTable(m_tabs, QStringLiteral("tableReport"), m_tableModel);
    m_lookupView = makeTable(m_tabs, QStringLiteral("lookupReport"), m_lookupModel);
    m_issueView = makeTable(m_tabs, QStringLiteral("issueReport"), m_issueModel);
    auto *rowsTab = new QWidget(m_tabs);
    auto *rowsLayout = new QVBoxLayout(rowsTab);
    rowsLayout->setContentsMargins(0, 4, 0, 0);
    auto *filterRow = new QHBoxLayout;
    m_rowFilterLabel = new QLabel(rowsTab);
    m_rowFilterLabel->setObjectName(QStringLiteral("rowFilterLabel"));
    auto *allRows = new QPushButton(tr("Show &All Rows"), rowsTab);
    allRows->setObjectName(QStringLiteral("showAllRowsButton"));
    filterRow->addWidget(m_rowFilterLabel, 1);
    filterRow->addWidget(allRows);
    rowsLayout->addLayout(filterRow);
    m_rowView = makeTable(rowsTab, QStringLiteral("rowReport"), m_rowFilter);
    rowsLayout->addWidget(m_rowView, 1);
    m_tabs->addTab(m_tableView, tr("&Tables"));
    m_tabs->addTab(m_lookupView, tr("&Lookups"));
    m_tabs->addTab(m_issueView, tr("&Issues"));
    m_tabs->addTab(rowsTab, tr("Ro&ws"));
    layout->addWidget(m_tabs, 1);

    auto *jumpRow = new QHBoxLayout;
    auto *hint =
        new QLabel(tr("Double-click a finding to open its field on the Mapping page, a table to see its "
                      "rows."),
                   content);
    hint->setEnabled(false);
    m_showMappingButton = new QPushButton(tr("Show in &Mapping"), content);
    m_showMappingButton->setObjectName(QStringLiteral("showInMappingButton"));
    m_showRowsButton = new QPushButton(tr("Show &Rows"), content);
    m_showRowsButton->setObjectName(QStringLiteral("showRowsButton"));
    jumpRow->addWidget(hint, 1);
    jumpRow->addWidget(m_showRowsButton);
    jumpRow->addWidget(m_showMappingButton);
    layout->addLayout(jumpRow);

    connect(m_runButton, &QPushButton::clicked, this, &DryRunPage::startDryRun);
    connect(m_cancelButton, &QPushButton::clicked, this, &DryRunPage::cancelDryRun);
    connect(allRows, &QPushButton::clicked, this, [this] { showRowsOf(QString()); });
    for (QTableView *view : {m_tableView, m_lookupView, m_issueView, m_rowView}) {
        connect(view, &QTableView::activated, this, &DryRunPage::activate);
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
                &DryRunPage::updateActions);
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, &DryRunPage::updateActions);
    auto currentIndex = [this] {
        auto *view = qobject_cast<QTableView *>(m_tabs->currentWidget());
        if (!view)
            view = m_rowView;
        return view->selectionModel()->currentIndex();
    };
    connect(m_showMappingButton, &QPushButton::clicked, this,
            [this, currentIndex] { showInMapping(currentIndex()); });
    connect(m_showRowsButton, &QPushButton::clicked, this, [this, currentIndex] {
        showRowsOf(currentIndex().data(ReportTableModel::MappingRole).toString());
    });
}

void DryRunPage::setWritableWorkspace(ferry::Workspace *workspace)
{
    m_writable = workspace;
    setWorkspace(workspace);
}

void DryRunPage::setWorkspace(const ferry::Workspace *workspace)
{
    if (workspace != m_writable)
        m_writable = nullptr;
    if (workspace == this->workspace() && workspace)
        return;
    // The job holds the old workspace's writer: it ends before the main window destroys it.
    stopBackgroundWork();
    Page::setWorkspace(workspace);
    attachWorkspace(workspace);
}

void DryRunPage::attachWorkspace(const ferry::Workspace *workspace)
{
    const bool open = workspace != nullptr;
    m_ui->placeholder->setVisible(!open);
    m_ui->content->setVisible(open);
    m_ui->bottomSpacer->changeSize(0, 0, QSizePolicy::Minimum,
                                   open ? QSizePolicy::Fixed : QSizePolicy::Expanding);
    m_ui->pageLayout->invalidate();
    m_report.reset();
    m_error.clear();
    m_errorLabel->hide();
    m_statusLabel->clear();
    fillReport();
    loadConnections();
    updateActions();
}

void DryRunPage::loadConnections()
{
    m_connectionCombo->clear();
    if (!workspace())
        return;
    auto profiles = auth::ConnectionStore::list(workspace()->reader());
    if (!profiles)
        return;
    for (const auth::ConnectionProfile &p : *profiles)
        m_connectionCombo->addItem(p.name);
    // Nothing chosen: the run takes the first connection whose metadata is cached.
    m_connectionCombo->setCurrentIndex(-1);
    m_connectionCombo->setPlaceholderText(tr("(first with metadata)"));
}

QString DryRunPage::connectionName() const
{
    return m_reportConnection;
}

void DryRunPage::stopBackgroundWork()
{
    if (m_cancel)
        m_cancel->store(true);
    m_pool.waitForDone();
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
    m_running = false;
    m_cancel.reset();
}

void DryRunPage::setApplicationUsers(int users)
{
    m_usersSpin->setValue(users);
}

void DryRunPage::setBypassPlugins(bool bypass)
{
    m_bypassCheck->setChecked(bypass);
}

bool DryRunPage::startDryRun()
{
    if (!workspace() || m_running)
        return false;
    m_running = true;
    m_error.clear();
    m_errorLabel->hide();
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const QString path = workspace()->path();
    const QString connection = m_connectionCombo->currentText();
    WorkspaceWriter *writer = m_writable ? m_writable->writer() : nullptr;
    DryRunOptions options;
    options.applicationUsers = m_usersSpin->value();
    options.bypassPlugins = m_bypassCheck->isChecked();
    options.pluginTables = m_pluginTables;
    options.systemUsers = m_systemUsers;
    options.writeQuarantine = writer != nullptr;
    m_reportUsers = options.applicationUsers;
    std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    m_pool.start([this, generation, path, connection, writer, options, cancel]() mutable {
        Outcome outcome;
        MappingContext context = MappingContext::load(path, connection, true);
        outcome.connection = context.connectionName;
        if (!context.mappings) {
            outcome.error = context.errors.join(QLatin1Char('\n'));
        } else if (context.model.isEmpty()) {
            outcome.error = context.connections.isEmpty()
                                ? tr("The workspace has no target connection: add one and read its metadata.")
                                : tr("The metadata of “%1” is not cached: read it on the Target page.")
                                      .arg(context.connectionName);
        } else {
            auto reader = WorkspaceReader::open(path);
            options.cancel = cancel.get();
            const QList<Catalog> catalogs = context.catalogs;
            SourceOpener open = [catalogs](const QString &name) { return openCatalogSource(catalogs, name); };
            QElapsedTimer sinceProgress;
            sinceProgress.start();
            qint64 findings = 0;
            RowCallback onRow = [&](const RowOutcome &row) {
                ++findings;
                if (sinceProgress.elapsed() >= 200) {
                    sinceProgress.restart();
                    QMetaObject::invokeMethod(
                        this,
                        [this, generation, mapping = row.mapping, findings] {
                            onProgress(generation, mapping, findings);
                        },
                        Qt::QueuedConnection);
                }
            };
            auto report = runDryRun(*context.mappings, context.model, open, options,
                                    reader ? reader->get() : nullptr, writer, onRow);
            if (report)
                outcome.report = std::move(report).value();
            else
                outcome.error = report.error().message;
        }
        QMetaObject::invokeMethod(
            this, [this, generation, outcome] { onFinished(generation, outcome); }, Qt::QueuedConnection);
    });
    showStatus(tr("Dry run started: reading every row of every enabled mapping…"));
    updateActions();
    return true;
}

void DryRunPage::cancelDryRun()
{
    if (m_cancel)
        m_cancel->store(true);
    if (m_running)
        showStatus(tr("Cancelling…"));
}

void DryRunPage::onProgress(quint64 generation, const QString &mapping, qint64 findings)
{
    if (generation != m_generation || !m_running)
        return;
    m_statusLabel->setText(tr("Checking %1… %2 rows with findings so far.").arg(mapping).arg(findings));
}

void DryRunPage::onFinished(quint64 generation, const Outcome &outcome)
{
    if (generation != m_generation)
        return;
    m_running = false;
    m_cancel.reset();
    m_reportConnection = outcome.connection;
    if (!outcome.connection.isEmpty() && m_connectionCombo->currentIndex() < 0)
        m_connectionCombo->setCurrentText(outcome.connection);
    if (!outcome.report) {
        m_error = outcome.error;
        m_errorLabel->setText(tr("The dry run could not run: %1").arg(outcome.error));
        m_errorLabel->show();
        showStatus(tr("The dry run failed."));
        updateActions();
        emit finished(false);
        return;
    }
    m_report = outcome.report;
    fillReport();
    showStatus(m_report->cancelled ? tr("Dry run cancelled: the report covers the rows read so far.")
                                   : tr("Dry run finished: nothing was sent to the target."));
    updateActions();
    emit finished(true);
}

QString DryRunPage::summaryText() const
{
    return m_summaryLabel->text();
}

void DryRunPage::fillReport()
{
    QList<ReportTableModel::Row> tables;
    QList<ReportTableModel::Row> lookups;
    QList<ReportTableModel::Row> issues;
    QList<ReportTableModel::Row> rows;
    if (!m_report) {
        m_summaryLabel->setText(workspace()
                                    ? tr("No dry run yet. It reads every row of every enabled mapping, "
                                         "checks it against the target metadata and sends nothing.")
                                    : QString());
    } else {
        const DryRunReport &r = *m_report;
        qint64 ok = 0;
        qint64 warnings = 0;
        qint64 insert = 0;
        qint64 update = 0;
        qint64 unchanged = 0;
        for (const TableDryRun &t : r.tables) {
            ok += t.ok;
            warnings += t.warnings;
            insert += t.wouldInsert;
            update += t.wouldUpdate;
            unchanged += t.unchanged;
            ReportTableModel::Row row;
            row.mapping = t.mapping;
            row.cells = {t.loadStep + 1,
                         t.mapping,
                         tr("%1 → %2").arg(t.sourceTable, t.targetEntity),
                         t.rows,
                         t.ok,
                         t.warnings,
                         t.errors,
                         t.wouldInsert,
                         t.wouldUpdate,
                         t.unchanged,
                         t.refused,
                         t.requests + t.patchRequests,
                         durationText(t.estimatedSeconds)};
            row.severity = t.errors > 0 ? 1 : (t.warnings > 0 ? 0 : -1);
            QStringList tip;
            for (auto it = t.issueCounts.cbegin(); it != t.issueCounts.cend(); ++it)
                tip.append(tr("%1: %2 rows").arg(it.key()).arg(it.value()));
            if (t.patchRequests > 0)
                tip.append(tr("%1 second-pass requests for deferred lookups").arg(t.patchRequests));
            row.toolTip = tip.join(QLatin1Char('\n'));
            tables.append(row);
            for (auto it = t.issueCounts.cbegin(); it != t.issueCounts.cend(); ++it) {
                ReportTableModel::Row issue;
                issue.mapping = t.mapping;
                // The column of the first sample with this code: where to look first.
                for (const RowOutcome &sample : t.samples)
                    for (const ValueIssue &v : sample.issues)
                        if (v.code == it.key() && issue.column.isEmpty())
                            issue.column = v.column;
                issue.cells = {t.mapping, tr("rows"), it.key(), it.value(), issue.column, QString()};
                issue.severity = 1;
                for (const RowOutcome &sample : t.samples)
                    for (const ValueIssue &v : sample.issues)
                        if (v.code == it.key()) {
                            issue.severity = v.severity == Severity::Error ? 1 : 0;
                            issue.cells[5] = v.message;
                            break;
                        }
                issues.append(issue);
            }
            for (const RowOutcome &sample : t.samples)
                for (const ValueIssue &v : sample.issues) {
                    ReportTableModel::Row s;
                    s.mapping = sample.mapping;
                    s.column = v.column;
                    s.cells = {sample.mapping, sample.sourceRow, sample.rowKey, verdictName(sample.verdict),
                               v.column,       v.code,           v.message};
                    s.severity = v.severity == Severity::Error ? 1 : 0;
                    s.toolTip = v.message;
                    rows.append(s);
                }
        }
        for (const MappingIssue &m : r.mappingIssues) {
            ReportTableModel::Row issue;
            issue.mapping = m.mapping;
            issue.column = m.column;
            issue.cells = {m.mapping, tr("mapping"), m.code, QVariant(), m.column, m.message};
            issue.severity = m.severity == Severity::Error ? 1 : 0;
            issue.toolTip = m.message;
            issues.prepend(issue);
        }
        for (const LookupReport &l : r.lookups) {
            ReportTableModel::Row row;
            row.mapping = l.mapping;
            row.column = l.column;
            QStringList samples;
            if (!l.unresolvedSamples.isEmpty())
                samples.append(tr("unresolved: %1").arg(l.unresolvedSamples.join(QStringLiteral(", "))));
            if (!l.ambiguousSamples.isEmpty())
                samples.append(tr("ambiguous: %1").arg(l.ambiguousSamples.join(QStringLiteral(", "))));
            row.cells = {l.mapping,
                         l.column,
                         l.targets.join(QStringLiteral(", ")),
                         l.rows,
                         l.resolved,
                         l.ambiguous,
                         l.unresolved,
                         l.unverified,
                         l.distinctKeys,
                         samples.join(QStringLiteral("; "))};
            row.severity = l.unresolved > 0 ? 1 : (l.ambiguous > 0 || l.unverified > 0 ? 0 : -1);
            row.toolTip = samples.join(QLatin1Char('\n'));
            lookups.append(row);
        }
        QString text = tr("<b>%1 rows</b> in %2 tables: %3 ok, %4 with warnings, <b>%5 refused</b>")
                           .arg(QLocale().toString(r.totalRows))
                           .arg(r.tables.size())
                           .arg(QLocale().toString(ok), QLocale().toString(warnings),
                                QLocale().toString(r.totalRefused));
        if (r.totalRefused > 0)
            text += r.runId > 0 ? tr(" (they would fail: in the quarantine as dry run #%1)").arg(r.runId)
                                : tr(" (they would fail)");
        text += QStringLiteral(". ") + tr("Would insert %1, update %2, leave %3 unchanged.")
                                           .arg(QLocale().toString(insert), QLocale().toString(update),
                                                QLocale().toString(unchanged));
        text +=
            QStringLiteral("<br>") +
            tr("<b>%1 requests</b>, about <b>%2</b> under the service protection limits with %3 application "
               "users.")
                .arg(QLocale().toString(r.totalRequests), durationText(r.estimatedSeconds))
                .arg(m_reportUsers);
        if (r.cancelled)
            text +=
                QStringLiteral("<br>") + tr("Cancelled: the counts cover the rows read before the cancel.");
        m_summaryLabel->setText(text);
    }
    m_tableModel->setRows(tables);
    m_lookupModel->setRows(lookups);
    m_issueModel->setRows(issues);
    m_rowModel->setRows(rows);
    m_tabs->setTabText(LookupsTab,
                       lookups.isEmpty() ? tr("&Lookups") : tr("&Lookups (%1)").arg(lookups.size()));
    m_tabs->setTabText(IssuesTab, issues.isEmpty() ? tr("&Issues") : tr("&Issues (%1)").arg(issues.size()));
    m_tabs->setTabText(RowsTab, rows.isEmpty() ? tr("Ro&ws") : tr("Ro&ws (%1)").arg(rows.size()));
    for (QTableView *view : {m_tableView, m_lookupView, m_issueView, m_rowView})
        fitColumns(view);
    showRowsOf(QString());
}

void DryRunPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

void DryRunPage::showRowsOf(const QString &mapping)
{
    m_rowFilter->setFilterFixedString(mapping);
    if (mapping.isEmpty()) {
        m_rowFilter->setFilterRegularExpression(QRegularExpression());
        m_rowFilterLabel->setText(tr("Sample rows with findings of every table (the first rows of each)."));
    } else {
        m_rowFilter->setFilterRegularExpression(
            QRegularExpression(QStringLiteral("^%1$").arg(QRegularExpression::escape(mapping))));
        m_rowFilterLabel->setText(tr("Sample rows with findings of %1.").arg(mapping));
        showTab(RowsTab);
    }
}

bool DryRunPage::showInMapping(const QModelIndex &index)
{
    if (!index.isValid())
        return false;
    const QString mapping = index.data(ReportTableModel::MappingRole).toString();
    if (mapping.isEmpty())
        return false;
    emit mappingFieldRequested(mapping, index.data(ReportTableModel::ColumnRole).toString());
    return true;
}

void DryRunPage::activate(const QModelIndex &index)
{
    // A table leads to its rows; a finding or a lookup to its field.
    if (index.model() == m_tableModel)
        showRowsOf(index.data(ReportTableModel::MappingRole).toString());
    else
        showInMapping(index);
}

void DryRunPage::updateActions()
{
    const bool open = workspace() != nullptr;
    m_runButton->setEnabled(open && !m_running);
    m_cancelButton->setVisible(m_running);
    m_progress->setVisible(m_running);
    m_connectionCombo->setEnabled(!m_running);
    m_usersSpin->setEnabled(!m_running);
    m_bypassCheck->setEnabled(!m_running);
    auto *view = qobject_cast<QTableView *>(m_tabs->currentWidget());
    if (!view)
        view = m_rowView;
    const QModelIndex current = view->selectionModel()->currentIndex();
    const bool hasMapping =
        current.isValid() && !current.data(ReportTableModel::MappingRole).toString().isEmpty();
    m_showMappingButton->setEnabled(hasMapping);
    m_showRowsButton->setEnabled(hasMapping);
}

void DryRunPage::showStatus(const QString &message)
{
    m_statusLabel->setText(message);
    m_statusLabel->setToolTip(message);
    if (auto *mainWindow = qobject_cast<QMainWindow *>(window()); mainWindow && isVisible())
        mainWindow->statusBar()->showMessage(message, 8000);
}

} // namespace ferry::ui
