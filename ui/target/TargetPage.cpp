#include "TargetPage.h"

#include "ui_TargetPage.h"

#include "AlternateKeyModel.h"
#include "AttributeModel.h"
#include "BadgeDelegate.h"
#include "EntityListModel.h"
#include "OptionValueModel.h"
#include "RelationshipModel.h"
#include "Resources.h"
#include "connections/ConnectionCheck.h"
#include "connections/SignInSessions.h"
#include "widgets/PlaceholderPanel.h"

#include <ferry/auth/ConnectionStore.h>
#include <ferry/target/Metadata.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>

#include <nlohmann/json.hpp>

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace ferry::ui {

using ferry::auth::ConnectionProfile;
using ferry::auth::ConnectionStore;
using ferry::target::Entity;
using ferry::target::TargetModel;

namespace {

QTableView *makeTable(QWidget *parent, const QString &objectName)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTabKeyNavigation(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setMinimumSectionSize(view->fontMetrics().horizontalAdvance(QLatin1Char('M')) *
                                                    4);
    return view;
}

// Fits columns to their contents, but no column takes more than 1/`share` of the view (except `uncapped`,
// whose contents must show whole: the marker badges).
void fitColumns(QTableView *view, int share = 3, int uncapped = -1)
{
    view->resizeColumnsToContents();
    const int cap = std::max(120, view->viewport()->width() / share);
    for (int c = 0; c < view->model()->columnCount() - 1; ++c)
        if (c != uncapped && view->columnWidth(c) > cap)
            view->setColumnWidth(c, cap);
}

// The table list: the logical name matters most, then the display name; the set name takes what is left.
void fitTableList(QTableView *view)
{
    view->resizeColumnsToContents();
    const int room = view->viewport()->width() - view->columnWidth(EntityListModel::ColumnCountColumn);
    const int logicalCap = std::max(100, room * 45 / 100);
    const int displayCap = std::max(80, room * 30 / 100);
    if (view->columnWidth(EntityListModel::LogicalNameColumn) > logicalCap)
        view->setColumnWidth(EntityListModel::LogicalNameColumn, logicalCap);
    if (view->columnWidth(EntityListModel::DisplayNameColumn) > displayCap)
        view->setColumnWidth(EntityListModel::DisplayNameColumn, displayCap);
}

QString timeText(const QDateTime &utc)
{
    return QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

TargetPage::TargetPage(QWidget *parent) : Page(parent), m_ui(std::make_unique<Ui::TargetPage>())
{
    m_ui->setupUi(this);
    styleHeading(m_ui->titleLabel);
    m_ui->iconLabel->setPixmap(icon().pixmap(32, 32));
    usePlaceholder(m_ui->placeholder);
    // Only the "No workspace is open" box of the panel applies: this page is built.
    if (auto *notBuilt = m_ui->placeholder->findChild<QWidget *>(QStringLiteral("notBuiltBox")))
        notBuilt->hide();
    m_pool.setMaxThreadCount(2);
    buildContent();
    attachWorkspace(nullptr);
}

TargetPage::~TargetPage()
{
    stopBackgroundWork();
}

QString TargetPage::title() const
{
    return m_ui->titleLabel->text();
}

QIcon TargetPage::icon() const
{
    return themeIcon(QStringLiteral("target"));
}

void TargetPage::buildContent()
{
    QWidget *content = m_ui->content;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    const QStyle *st = style();

    // Toolbar: connection, refresh, progress.
    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    auto *connectionLabel = new QLabel(tr("Co&nnection:"), content);
    m_connectionCombo = new QComboBox(content);
    m_connectionCombo->setObjectName(QStringLiteral("connectionCombo"));
    m_connectionCombo->setMinimumContentsLength(16);
    m_connectionCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    connectionLabel->setBuddy(m_connectionCombo);
    m_connectionsButton = new QPushButton(tr("Conn&ections…"), content);
    m_connectionsButton->setObjectName(QStringLiteral("connectionsButton"));
    m_connectionsButton->setToolTip(tr("Add, edit, test and sign in to target connections"));
    m_refreshButton =
        new QPushButton(st->standardIcon(QStyle::SP_BrowserReload), tr("Refresh &Metadata"), content);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setToolTip(tr("Read every table of the environment again and cache it (F5)"));
    m_refreshTableButton = new QPushButton(tr("Refresh This T&able"), content);
    m_refreshTableButton->setObjectName(QStringLiteral("refreshTableButton"));
    m_refreshTableButton->setToolTip(tr("Read the selected table again (Shift+F5)"));
    m_cancelButton = new QPushButton(st->standardIcon(QStyle::SP_BrowserStop), tr("&Cancel"), content);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_progress = new QProgressBar(content);
    m_progress->setObjectName(QStringLiteral("refreshProgress"));
    m_progress->setMaximumWidth(180);
    m_progress->setFormat(tr("%v / %m tables"));
    m_progressLabel = new QLabel(content);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    m_progressLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bar->addWidget(connectionLabel);
    bar->addWidget(m_connectionCombo);
    bar->addWidget(m_connectionsButton);
    bar->addSpacing(8);
    bar->addWidget(m_refreshButton);
    bar->addWidget(m_refreshTableButton);
    bar->addWidget(m_cancelButton);
    bar->addWidget(m_progress);
    bar->addWidget(m_progressLabel, 1);
    layout->addLayout(bar);

    // Error banner: errors stay visible on the page.
    auto *errorBox = new QFrame(content);
    errorBox->setObjectName(QStringLiteral("errorBox"));
    errorBox->setFrameShape(QFrame::StyledPanel);
    errorBox->setStyleSheet(
        QStringLiteral("QFrame#errorBox { border: 1px solid #c0392b; border-radius: 4px;"
                       " background: rgba(192, 57, 43, 28); }"
                       "QFrame#errorBox QLabel { border: none; background: transparent; }"));
    auto *errorLayout = new QHBoxLayout(errorBox);
    errorLayout->setContentsMargins(8, 6, 8, 6);
    auto *errorIcon = new QLabel(errorBox);
    errorIcon->setPixmap(st->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
    m_errorLabel = new QLabel(errorBox);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *dismiss = new QPushButton(tr("Dismiss"), errorBox);
    dismiss->setObjectName(QStringLiteral("dismissErrorButton"));
    errorLayout->addWidget(errorIcon, 0, Qt::AlignTop);
    errorLayout->addWidget(m_errorLabel, 1);
    errorLayout->addWidget(dismiss, 0, Qt::AlignTop);
    m_errorBox = errorBox;
    m_errorBox->hide();
    layout->addWidget(m_errorBox);
    connect(dismiss, &QPushButton::clicked, this, &TargetPage::clearError);

    // Empty state: says what to do next, with the button that does it.
    m_emptyBox = new QWidget(content);
    m_emptyBox->setObjectName(QStringLiteral("emptyBox"));
    auto *emptyLayout = new QVBoxLayout(m_emptyBox);
    emptyLayout->addStretch(1);
    m_emptyLabel = new QLabel(m_emptyBox);
    m_emptyLabel->setObjectName(QStringLiteral("emptyStateLabel"));
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    QFont emptyFont = m_emptyLabel->font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.15);
    m_emptyLabel->setFont(emptyFont);
    m_emptyButton = new QPushButton(m_emptyBox);
    m_emptyButton->setObjectName(QStringLiteral("emptyStateButton"));
    emptyLayout->addWidget(m_emptyLabel);
    emptyLayout->addWidget(m_emptyButton, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
    layout->addWidget(m_emptyBox, 1);

    // The browser: tables left, details right.
    m_browser = new QSplitter(Qt::Horizontal, content);
    m_browser->setObjectName(QStringLiteral("targetSplitter"));
    m_browser->setChildrenCollapsible(false);

    auto *left = new QWidget(m_browser);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(4);
    m_filter = new QLineEdit(left);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("Filter tables (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_entityModel = new EntityListModel(this);
    m_filterModel = new QSortFilterProxyModel(this);
    m_filterModel->setSourceModel(m_entityModel);
    m_filterModel->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filterModel->setFilterKeyColumn(-1); // logical, display and set names all match
    m_filterModel->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_tableList = makeTable(left, QStringLiteral("tableList"));
    m_tableList->setModel(m_filterModel);
    m_tableList->setSortingEnabled(true);
    m_tableList->sortByColumn(EntityListModel::LogicalNameColumn, Qt::AscendingOrder);
    // Widths follow the contents (fitted after each load); the set name takes what is left.
    m_tableList->horizontalHeader()->setStretchLastSection(false);
    m_tableList->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_tableList->horizontalHeader()->setSectionResizeMode(EntityListModel::SetNameColumn,
                                                          QHeaderView::Stretch);
    m_cacheLabel = new QLabel(left);
    m_cacheLabel->setObjectName(QStringLiteral("cacheLabel"));
    m_cacheLabel->setWordWrap(true);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_tableList, 1);
    leftLayout->addWidget(m_cacheLabel);

    auto *right = new QWidget(m_browser);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(6, 0, 0, 0);
    m_noSelection = new QLabel(tr("Select a table to see its columns, choice values, alternate keys and "
                                  "relationships."),
                               right);
    m_noSelection->setObjectName(QStringLiteral("noSelectionLabel"));
    m_noSelection->setWordWrap(true);
    m_noSelection->setAlignment(Qt::AlignCenter);
    m_noSelection->setEnabled(false);
    rightLayout->addWidget(m_noSelection, 1);

    m_details = new QWidget(right);
    auto *details = new QVBoxLayout(m_details);
    details->setContentsMargins(0, 0, 0, 0);
    m_tableTitle = new QLabel(m_details);
    m_tableTitle->setObjectName(QStringLiteral("tableTitle"));
    m_tableTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_tableTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_tableTitle->setFont(titleFont);
    m_tableSubtitle = new QLabel(m_details);
    m_tableSubtitle->setObjectName(QStringLiteral("tableSubtitle"));
    m_tableSubtitle->setWordWrap(true);
    m_tableSubtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details->addWidget(m_tableTitle);
    details->addWidget(m_tableSubtitle);

    m_tabs = new QTabWidget(m_details);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_attributeModel = new AttributeModel(this);
    m_columnsView = makeTable(m_tabs, QStringLiteral("columnsView"));
    m_columnsView->setModel(m_attributeModel);
    m_columnsView->setItemDelegateForColumn(AttributeModel::MarkersColumn, new BadgeDelegate(m_columnsView));
    m_tabs->addTab(m_columnsView, tr("Col&umns"));

    auto *optionsTab = new QWidget(m_tabs);
    auto *optionsLayout = new QVBoxLayout(optionsTab);
    auto *choiceRow = new QHBoxLayout;
    auto *choiceLabel = new QLabel(tr("Choice co&lumn:"), optionsTab);
    m_choiceCombo = new QComboBox(optionsTab);
    m_choiceCombo->setObjectName(QStringLiteral("choiceColumnCombo"));
    m_choiceCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    choiceLabel->setBuddy(m_choiceCombo);
    choiceRow->addWidget(choiceLabel);
    choiceRow->addWidget(m_choiceCombo);
    choiceRow->addStretch(1);
    m_optionModel = new OptionValueModel(this);
    m_optionsView = makeTable(optionsTab, QStringLiteral("optionsView"));
    m_optionsView->setModel(m_optionModel);
    optionsLayout->addLayout(choiceRow);
    optionsLayout->addWidget(m_optionsView, 1);
    m_tabs->addTab(optionsTab, tr("&Option Values"));

    auto *keysTab = new QWidget(m_tabs);
    auto *keysLayout = new QVBoxLayout(keysTab);
    m_keyModel = new AlternateKeyModel(this);
    m_keysView = makeTable(keysTab, QStringLiteral("keysView"));
    m_keysView->setModel(m_keyModel);
    m_keysHint = new QLabel(keysTab);
    m_keysHint->setObjectName(QStringLiteral("keysHint"));
    m_keysHint->setWordWrap(true);
    keysLayout->addWidget(m_keysHint);
    keysLayout->addWidget(m_keysView, 1);
    m_tabs->addTab(keysTab, tr("Alternate &Keys"));

    m_relationshipModel = new RelationshipModel(this);
    m_relationshipsView = makeTable(m_tabs, QStringLiteral("relationshipsView"));
    m_relationshipsView->setModel(m_relationshipModel);
    m_tabs->addTab(m_relationshipsView, tr("&Relationships"));

    details->addWidget(m_tabs, 1);
    rightLayout->addWidget(m_details, 1);
    m_browser->addWidget(left);
    m_browser->addWidget(right);
    m_browser->setStretchFactor(0, 1);
    m_browser->setStretchFactor(1, 2);
    m_browser->setSizes({430, 850});
    layout->addWidget(m_browser, 1);

    connect(m_connectionCombo, &QComboBox::currentIndexChanged, this, &TargetPage::onConnectionChanged);
    connect(m_connectionsButton, &QPushButton::clicked, this, &TargetPage::connectionsRequested);
    connect(m_refreshButton, &QPushButton::clicked, this, &TargetPage::refreshMetadata);
    connect(m_refreshTableButton, &QPushButton::clicked, this, &TargetPage::refreshCurrentTable);
    connect(m_cancelButton, &QPushButton::clicked, this, &TargetPage::cancelRefresh);
    connect(m_emptyButton, &QPushButton::clicked, this, [this] {
        if (m_profiles.isEmpty())
            emit connectionsRequested();
        else
            refreshMetadata();
    });
    connect(m_filter, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_filterModel->setFilterFixedString(text); });
    connect(m_tableList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentTableChanged(current); });
    // Enter in the list moves on to the details.
    connect(m_tableList, &QTableView::activated, this, [this](const QModelIndex &index) {
        onCurrentTableChanged(index);
        if (QWidget *tab = m_tabs->currentWidget())
            tab->setFocus(Qt::OtherFocusReason);
    });
    connect(m_choiceCombo, &QComboBox::currentIndexChanged, this, [this] {
        const Entity *e = targetModel().entity(m_currentTable);
        if (e)
            m_optionModel->setEntity(*e, m_choiceCombo->currentData().toString());
        fitColumns(m_optionsView);
    });
    // A choice column picked in the Columns tab is the one the Option values tab shows; Enter opens it.
    connect(m_columnsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QString name =
                    current.siblingAtColumn(0).data(AttributeModel::LogicalNameRole).toString();
                const int at = m_choiceCombo->findData(name);
                if (at >= 0)
                    m_choiceCombo->setCurrentIndex(at);
            });
    connect(m_columnsView, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString name = index.siblingAtColumn(0).data(AttributeModel::LogicalNameRole).toString();
        if (m_choiceCombo->findData(name) >= 0) {
            m_tabs->setCurrentIndex(1);
            m_optionsView->setFocus(Qt::OtherFocusReason);
        }
    });
    connect(m_filterModel, &QAbstractItemModel::modelReset, this, &TargetPage::updateCacheText);
    connect(m_filterModel, &QAbstractItemModel::rowsInserted, this, &TargetPage::updateCacheText);
    connect(m_filterModel, &QAbstractItemModel::rowsRemoved, this, &TargetPage::updateCacheText);
    connect(m_filterModel, &QAbstractItemModel::layoutChanged, this, &TargetPage::updateCacheText);

    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    auto *refresh = new QShortcut(QKeySequence(Qt::Key_F5), this);
    refresh->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refresh, &QShortcut::activated, this, &TargetPage::refreshMetadata);
    auto *refreshTable = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5), this);
    refreshTable->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshTable, &QShortcut::activated, this, &TargetPage::refreshCurrentTable);

    setTabOrder(m_connectionCombo, m_connectionsButton);
    setTabOrder(m_connectionsButton, m_refreshButton);
    setTabOrder(m_refreshButton, m_refreshTableButton);
    setTabOrder(m_refreshTableButton, m_cancelButton);
    setTabOrder(m_cancelButton, m_emptyButton);
    setTabOrder(m_emptyButton, m_filter);
    setTabOrder(m_filter, m_tableList);
    setTabOrder(m_tableList, m_tabs);

    m_details->hide();
}

void TargetPage::setWritableWorkspace(ferry::Workspace *workspace)
{
    m_writable = workspace;
    setWorkspace(workspace);
}

void TargetPage::setWorkspace(const ferry::Workspace *workspace)
{
    if (workspace != m_writable)
        m_writable = nullptr;
    if (workspace == this->workspace() && workspace)
        return;
    // Jobs hold the old workspace's writer and path: they end before the main window destroys it.
    stopBackgroundWork();
    Page::setWorkspace(workspace);
    attachWorkspace(workspace);
}

void TargetPage::attachWorkspace(const ferry::Workspace *workspace)
{
    const bool open = workspace != nullptr;
    m_ui->placeholder->setVisible(!open);
    m_ui->content->setVisible(open);
    m_ui->bottomSpacer->changeSize(0, 0, QSizePolicy::Minimum,
                                   open ? QSizePolicy::Fixed : QSizePolicy::Expanding);
    m_ui->pageLayout->invalidate();

    m_filter->clear();
    clearError();
    m_progressLabel->clear();
    reloadConnections();
}

void TargetPage::stopBackgroundWork()
{
    if (m_cancel)
        m_cancel->store(true);
    m_pool.waitForDone();
    // Answers the jobs posted before they ended are meant for the old workspace.
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
    m_cancel.reset();
    m_refreshing = false;
    m_loading = false;
    m_emitRefreshFinished = false;
}

void TargetPage::reloadConnections()
{
    const QString keep = currentConnectionName();
    m_profiles.clear();
    if (workspace()) {
        auto listed = ConnectionStore::list(workspace()->reader());
        if (listed)
            m_profiles = *listed;
        else
            showError(tr("The connections could not be read: %1").arg(listed.error().message));
    }
    {
        const QSignalBlocker blocker(m_connectionCombo);
        m_connectionCombo->clear();
        for (const ConnectionProfile &p : std::as_const(m_profiles))
            m_connectionCombo->addItem(p.name, p.id);
        const int at = m_connectionCombo->findText(keep);
        m_connectionCombo->setCurrentIndex(at >= 0 ? at : (m_profiles.isEmpty() ? -1 : 0));
    }
    onConnectionChanged();
}

QStringList TargetPage::connectionNames() const
{
    QStringList names;
    for (const ConnectionProfile &p : m_profiles)
        names << p.name;
    return names;
}

QString TargetPage::currentConnectionName() const
{
    return m_connectionCombo->currentText();
}

bool TargetPage::selectConnection(const QString &name)
{
    const int at = m_connectionCombo->findText(name);
    if (at < 0)
        return false;
    m_connectionCombo->setCurrentIndex(at);
    return true;
}

const ConnectionProfile *TargetPage::currentProfile() const
{
    const int at = m_connectionCombo->currentIndex();
    return at >= 0 && at < m_profiles.size() ? &m_profiles.at(at) : nullptr;
}

const TargetModel &TargetPage::targetModel() const
{
    return m_entityModel->model();
}

void TargetPage::onConnectionChanged()
{
    // A refresh belongs to the connection it started on.
    if (m_refreshing)
        cancelRefresh();
    m_entityModel->setModel(TargetModel{});
    m_cacheKnown = false;
    showTable({});
    loadCache();
    updateEmptyState();
    updateActions();
}

void TargetPage::loadCache()
{
    const ConnectionProfile *profile = currentProfile();
    if (!workspace() || !profile)
        return;
    m_loading = true;
    const quint64 generation = ++m_loadGeneration;
    const QString path = workspace()->path();
    const qint64 connectionId = profile->id;
    // A real org caches hundreds of tables: parsing them is worker work, with the worker's own reader.
    m_pool.start([this, generation, path, connectionId] {
        ferry::Result<TargetModel> model = ferry::Error{};
        auto reader = ferry::WorkspaceReader::open(path);
        if (reader)
            model = ferry::target::MetadataCache::load(**reader, connectionId);
        else
            model = reader.error();
        QMetaObject::invokeMethod(
            this, [this, generation, model] { onCacheLoaded(generation, model); }, Qt::QueuedConnection);
    });
}

void TargetPage::onCacheLoaded(quint64 generation, const ferry::Result<TargetModel> &model)
{
    if (generation != m_loadGeneration)
        return;
    m_loading = false;
    m_cacheKnown = true;
    const QString keep = m_currentTable;
    if (model) {
        m_entityModel->setModel(*model);
    } else {
        m_entityModel->setModel(TargetModel{});
        showError(tr("The cached metadata could not be read: %1").arg(model.error().message));
    }
    fitAllColumns();
    if (!keep.isEmpty() && m_entityModel->rowOf(keep) >= 0)
        selectTable(keep);
    else
        showTable({});
    updateCacheText();
    updateEmptyState();
    updateActions();
    emit metadataLoaded();
    if (m_emitRefreshFinished) {
        m_emitRefreshFinished = false;
        emit refreshFinished(true);
    }
}

bool TargetPage::refreshMetadata()
{
    return startRefresh({});
}

bool TargetPage::refreshCurrentTable()
{
    if (m_currentTable.isEmpty())
        return false;
    return startRefresh({m_currentTable});
}

bool TargetPage::startRefresh(const QStringList &tables)
{
    const ConnectionProfile *profile = currentProfile();
    if (!profile || m_refreshing || !workspace())
        return false;
    if (!m_writable) {
        showError(tr("The workspace is open for browsing only: the metadata cache cannot be refreshed."));
        return false;
    }
    WorkspaceWriter *writer = m_writable->writer();
    if (!writer) {
        showError(tr("The metadata cannot be stored: %1").arg(m_writable->writerError().message));
        return false;
    }
    clearError();
    m_refreshing = true;
    const quint64 generation = ++m_refreshGeneration;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const auto cancel = m_cancel;
    const ConnectionProfile copy = *profile;
    const auto secrets = m_secretOptions;
    const auto signedIn = SignInSessions::provider(SignInSessions::key(workspace()->path(), copy.name));
    m_progress->setRange(0, 0);
    m_progressLabel->setText(tables.isEmpty() ? tr("Signing in to “%1”…").arg(copy.name)
                                              : tr("Reading %1…").arg(tables.join(QStringLiteral(", "))));
    showStatus(m_progressLabel->text());
    updateActions();

    // The job stores through the writer, so the writer must outlive it: stopBackgroundWork() waits for the
    // pool before the workspace changes.
    m_pool.start([this, generation, cancel, copy, secrets, signedIn, tables, writer] {
        RefreshOutcome outcome;
        auto tokens = ConnectionCheck::tokenProvider(copy, secrets, signedIn);
        if (!tokens) {
            outcome.error = tokens.error();
        } else {
            ferry::target::MetadataClient client(copy.environmentUrl, *tokens);
            const auto progress = [this, generation](const ferry::target::MetadataClient::Progress &p) {
                QMetaObject::invokeMethod(
                    this,
                    [this, generation, p] {
                        onRefreshProgress(generation, p.tablesDone, p.tablesTotal, p.lastTable);
                    },
                    Qt::QueuedConnection);
            };
            auto raw = client.fetchRaw(tables, progress, cancel.get());
            if (!raw) {
                outcome.error = raw.error();
                outcome.cancelled = raw.error().code == QLatin1String("metadata.cancelled");
            } else if (cancel->load()) {
                // Cancelled after the last request: nothing is stored, as the user asked.
                outcome.cancelled = true;
            } else {
                const auto value = raw->find("value");
                outcome.tables = value != raw->end() && value->is_array() ? int(value->size()) : 0;
                if (const Status stored =
                        ferry::target::MetadataCache::store(*writer, copy.id, *raw, tables.isEmpty());
                    !stored)
                    outcome.error = stored.error();
            }
        }
        QMetaObject::invokeMethod(
            this, [this, generation, outcome] { onRefreshFinished(generation, outcome); },
            Qt::QueuedConnection);
    });
    return true;
}

void TargetPage::onRefreshProgress(quint64 generation, int done, int total, const QString &table)
{
    if (generation != m_refreshGeneration || !m_refreshing)
        return;
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
    m_progressLabel->setText(table.isEmpty() ? tr("Reading the table list…") : tr("Read %1").arg(table));
}

void TargetPage::onRefreshFinished(quint64 generation, const RefreshOutcome &outcome)
{
    if (generation != m_refreshGeneration)
        return;
    m_refreshing = false;
    m_cancel.reset();
    QString summary;
    if (outcome.cancelled) {
        summary = tr("Refresh cancelled: the cache is unchanged.");
    } else if (!outcome.error.code.isEmpty()) {
        summary = tr("Refresh failed.");
        showError(tr("The metadata could not be refreshed: %1").arg(outcome.error.message));
    } else {
        summary = outcome.tables == 1 ? tr("Read 1 table and stored it in the workspace.")
                                      : tr("Read %1 tables and stored them in the workspace.")
                                            .arg(QLocale().toString(outcome.tables));
    }
    m_progressLabel->setText(summary);
    showStatus(summary);
    updateActions();
    if (outcome.cancelled || !outcome.error.code.isEmpty()) {
        emit refreshFinished(false);
        return;
    }
    m_emitRefreshFinished = true;
    loadCache();
}

void TargetPage::cancelRefresh()
{
    if (!m_refreshing || !m_cancel)
        return;
    m_cancel->store(true);
    m_progressLabel->setText(tr("Cancelling…"));
}

bool TargetPage::selectTable(const QString &logicalName)
{
    const int row = m_entityModel->rowOf(logicalName);
    if (row < 0)
        return false;
    QModelIndex index = m_filterModel->mapFromSource(m_entityModel->index(row, 0));
    if (!index.isValid()) {
        m_filter->clear();
        index = m_filterModel->mapFromSource(m_entityModel->index(row, 0));
    }
    m_tableList->setCurrentIndex(index);
    m_tableList->scrollTo(index);
    showTable(logicalName);
    return true;
}

void TargetPage::onCurrentTableChanged(const QModelIndex &current)
{
    showTable(current.isValid() ? current.siblingAtColumn(0).data(EntityListModel::LogicalNameRole).toString()
                                : QString());
}

void TargetPage::showTable(const QString &logicalName)
{
    const Entity *e = logicalName.isEmpty() ? nullptr : targetModel().entity(logicalName);
    if (!e) {
        m_currentTable.clear();
        m_attributeModel->clear();
        m_optionModel->clear();
        m_keyModel->setKeys({});
        m_relationshipModel->setEntity(Entity{});
        m_details->hide();
        m_noSelection->show();
        updateActions();
        return;
    }
    const bool changed = m_currentTable != e->logicalName;
    m_currentTable = e->logicalName;
    m_noSelection->hide();
    m_details->show();
    m_tableTitle->setText(e->displayName.isEmpty() || e->displayName == e->logicalName
                              ? e->logicalName
                              : tr("%1 (%2)").arg(e->displayName, e->logicalName));
    QStringList facts;
    facts << tr("Entity set %1").arg(e->entitySetName);
    facts << tr("primary id %1").arg(e->primaryIdAttribute);
    if (!e->primaryNameAttribute.isEmpty())
        facts << tr("primary name %1").arg(e->primaryNameAttribute);
    if (!e->ownershipType.isEmpty())
        facts << tr("%1 ownership").arg(e->ownershipType);
    if (!e->tableType.isEmpty() && e->tableType != QLatin1String("Standard"))
        facts << tr("%1 table").arg(e->tableType);
    if (e->fetchedAt.isValid())
        facts << tr("metadata read %1").arg(timeText(e->fetchedAt));
    m_tableSubtitle->setText(facts.join(QStringLiteral(" · ")));

    m_attributeModel->setEntity(*e);
    fillChoiceColumns(*e);
    m_keyModel->setKeys(e->keys);
    m_keysHint->setText(
        e->keys.isEmpty() ? tr("No alternate keys: rows of %1 can only be matched by their id. Add a key in "
                               "the environment to upsert by a business key.")
                                .arg(e->logicalName)
                          : tr("Rows can be upserted and looked up by these keys."));
    m_relationshipModel->setEntity(*e);
    if (changed)
        fitAllColumns();
    updateActions();
}

void TargetPage::fitAllColumns()
{
    // Hidden views have no real width yet: they are fitted when the page is shown.
    if (!isVisible()) {
        m_fitPending = true;
        return;
    }
    m_fitPending = false;
    fitTableList(m_tableList);
    fitColumns(m_columnsView, 5, AttributeModel::MarkersColumn);
    fitColumns(m_optionsView);
    fitColumns(m_keysView);
    fitColumns(m_relationshipsView, 4);
}

void TargetPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    if (m_fitPending)
        fitAllColumns();
}

void TargetPage::fillChoiceColumns(const Entity &entity)
{
    const QString keep = m_choiceCombo->currentData().toString();
    {
        const QSignalBlocker blocker(m_choiceCombo);
        m_choiceCombo->clear();
        m_choiceCombo->addItem(tr("All choice columns"), QString());
        for (const QString &name : OptionValueModel::choiceColumns(entity))
            m_choiceCombo->addItem(name, name);
        const int at = m_choiceCombo->findData(keep);
        m_choiceCombo->setCurrentIndex(at >= 0 ? at : 0);
    }
    m_optionModel->setEntity(entity, m_choiceCombo->currentData().toString());
    fitColumns(m_optionsView);
}

bool TargetPage::selectChoiceColumn(const QString &logicalName)
{
    const int at = m_choiceCombo->findData(logicalName);
    if (at < 0)
        return false;
    m_choiceCombo->setCurrentIndex(at);
    return true;
}

void TargetPage::updateCacheText()
{
    const QList<Entity> &entities = targetModel().entities();
    if (entities.isEmpty()) {
        m_cacheLabel->clear();
        return;
    }
    QDateTime oldest;
    QDateTime newest;
    for (const Entity &e : entities) {
        if (!e.fetchedAt.isValid())
            continue;
        if (!oldest.isValid() || e.fetchedAt < oldest)
            oldest = e.fetchedAt;
        if (!newest.isValid() || e.fetchedAt > newest)
            newest = e.fetchedAt;
    }
    const int shown = m_filterModel->rowCount();
    const QString count = shown == entities.size()
                              ? tr("%1 tables cached").arg(QLocale().toString(entities.size()))
                              : tr("%1 of %2 tables shown").arg(shown).arg(entities.size());
    QString when;
    // One refresh takes seconds: tables read within a minute count as read at once.
    if (oldest.isValid() && oldest.secsTo(newest) < 60)
        when = tr("read %1").arg(timeText(newest));
    else if (oldest.isValid())
        when = tr("read between %1 and %2").arg(timeText(oldest), timeText(newest));
    m_cacheLabel->setText(when.isEmpty() ? count : tr("%1, %2.").arg(count, when));
}

void TargetPage::updateEmptyState()
{
    QString text;
    QString button;
    if (workspace() && m_profiles.isEmpty()) {
        text =
            tr("No connection yet: add one in Connections… (a Dataverse environment or the local emulator).");
        button = tr("Connections…");
    } else if (workspace() && m_cacheKnown && targetModel().isEmpty()) {
        text = tr("No metadata cached for “%1”: Refresh reads the tables from the environment and keeps them "
                  "in the workspace.")
                   .arg(currentConnectionName());
        button = tr("Refresh Metadata");
    } else if (workspace() && !m_cacheKnown) {
        text = tr("Reading the cached metadata…");
    }
    m_emptyLabel->setText(text);
    m_emptyButton->setText(button);
    m_emptyButton->setVisible(!button.isEmpty());
    m_emptyBox->setVisible(!text.isEmpty());
    m_browser->setVisible(text.isEmpty());
}

QString TargetPage::emptyStateText() const
{
    return m_emptyBox->isHidden() ? QString() : m_emptyLabel->text();
}

QString TargetPage::cacheText() const
{
    return m_cacheLabel->text();
}

void TargetPage::updateActions()
{
    const bool haveConnection = currentProfile() != nullptr;
    m_connectionCombo->setEnabled(!m_refreshing && !m_profiles.isEmpty());
    m_connectionsButton->setEnabled(workspace() != nullptr);
    m_refreshButton->setEnabled(haveConnection && m_writable && !m_refreshing);
    m_refreshTableButton->setEnabled(haveConnection && m_writable && !m_refreshing &&
                                     !m_currentTable.isEmpty());
    m_emptyButton->setEnabled(!m_refreshing);
    m_cancelButton->setEnabled(m_refreshing);
    m_cancelButton->setVisible(m_refreshing);
    m_progress->setVisible(m_refreshing);
}

void TargetPage::showStatus(const QString &message)
{
    if (auto *mainWindow = qobject_cast<QMainWindow *>(window()))
        mainWindow->statusBar()->showMessage(message, 10000);
}

void TargetPage::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorBox->show();
}

void TargetPage::clearError()
{
    m_errorLabel->clear();
    m_errorBox->hide();
}

QString TargetPage::errorMessage() const
{
    return m_errorBox->isHidden() ? QString() : m_errorLabel->text();
}

} // namespace ferry::ui
