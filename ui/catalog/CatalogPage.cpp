#include "CatalogPage.h"

#include "ui_CatalogPage.h"

#include "AddSourceDialog.h"
#include "Resources.h"
#include "SampleTableModel.h"
#include "widgets/PlaceholderPanel.h"

#include <ferry/catalog/CatalogStore.h>
#include <ferry/catalog/Discovery.h>
#include <ferry/catalog/LoadOrder.h>
#include <ferry/catalog/Profiler.h>
#include <ferry/workspace/Workspace.h>

#include <QApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QPainter>
#include <QPainterPath>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace ferry::ui {

namespace {

enum ColumnsColumn
{
    ColName,
    ColKeys,
    ColDeclared,
    ColType,
    ColNullable,
    ColLength,
    ColDefault,
    ColumnsColumnCount,
};

enum ProfileColumn
{
    ProfName,
    ProfNulls,
    ProfDistinct,
    ProfMin,
    ProfMax,
    ProfLongest,
    ProfInferred,
    ProfTop,
    ProfileColumnCount,
};

// Role of a foreign-key list item: "source\ntable" of the table it leads to.
constexpr int kLinkRole = Qt::UserRole + 1;

// Paints the key column ("PK UK FK") as small rounded chips instead of plain text.
class KeyBadgeDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString text = opt.text;
        opt.text.clear();
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        QFont font = option.font;
        font.setBold(true);
        font.setPointSizeF(font.pointSizeF() * 0.85);
        painter->setFont(font);
        const QFontMetrics fm(font);
        int x = option.rect.left() + 4;
        const int h = fm.height() + 2;
        const int y = option.rect.top() + (option.rect.height() - h) / 2;
        for (const QString &badge : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const int w = fm.horizontalAdvance(badge) + 10;
            QColor color(0x5f, 0x6b, 0x7a);
            if (badge == QLatin1String("PK"))
                color = QColor(0xb8, 0x86, 0x0b);
            else if (badge == QLatin1String("FK"))
                color = QColor(0x2b, 0x6c, 0xb0);
            else if (badge == QLatin1String("UK"))
                color = QColor(0x2f, 0x85, 0x5a);
            QPainterPath path;
            path.addRoundedRect(QRectF(x, y, w, h), 4, 4);
            painter->fillPath(path, color);
            painter->setPen(Qt::white);
            painter->drawText(QRect(x, y, w, h), Qt::AlignCenter, badge);
            x += w + 4;
        }
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setWidth(size.width() + 24);
        return size;
    }
};

QString rowCountText(qint64 rows, bool exact)
{
    if (rows < 0)
        return CatalogPage::tr("?");
    const QString number = QLocale().toString(rows);
    return exact ? number : CatalogPage::tr("~%1").arg(number);
}

// Spelled out rather than "%n table(s)": there is no English translation to resolve the plural.
QString tableCountText(qsizetype count)
{
    return count == 1 ? CatalogPage::tr("1 table")
                      : CatalogPage::tr("%1 tables").arg(QLocale().toString(count));
}

QString kindText(TableKind kind)
{
    switch (kind) {
    case TableKind::Table:
        return CatalogPage::tr("table");
    case TableKind::View:
        return CatalogPage::tr("view");
    case TableKind::Sheet:
        return CatalogPage::tr("sheet");
    case TableKind::File:
        return CatalogPage::tr("CSV file");
    }
    return {};
}

QIcon kindIcon(const QStyle *style, TableKind kind)
{
    switch (kind) {
    case TableKind::View:
        return style->standardIcon(QStyle::SP_FileLinkIcon);
    case TableKind::Sheet:
        return style->standardIcon(QStyle::SP_FileDialogDetailedView);
    default:
        return style->standardIcon(QStyle::SP_FileIcon);
    }
}

QString lengthText(const ColumnInfo &info)
{
    if (info.precision >= 0 && info.scale >= 0)
        return QStringLiteral("%1, %2").arg(info.precision).arg(info.scale);
    if (info.precision >= 0)
        return QString::number(info.precision);
    if (info.length >= 0)
        return QString::number(info.length);
    return {};
}

QTableWidgetItem *readOnlyItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

// Fits columns to their contents, but no column takes more than 1/`share` of the view: long texts are
// elided (their tooltip or the sample cell shows them whole).
void fitColumns(QTableView *view, int share = 3)
{
    view->resizeColumnsToContents();
    const int cap = std::max(120, view->viewport()->width() / share);
    for (int c = 0; c < view->model()->columnCount(); ++c)
        if (view->columnWidth(c) > cap)
            view->setColumnWidth(c, cap);
}

QString defaultSourceName(const SourceUri &uri)
{
    if (uri.isFileKind())
        return QFileInfo(uri.path).completeBaseName();
    return uri.database.isEmpty() ? uri.host : uri.database;
}

QString linkKey(const QString &source, const QString &table)
{
    return source + QLatin1Char('\n') + table;
}

} // namespace

CatalogPage::CatalogPage(QWidget *parent) : Page(parent), m_ui(std::make_unique<Ui::CatalogPage>())
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

CatalogPage::~CatalogPage()
{
    stopBackgroundWork();
}

QString CatalogPage::title() const
{
    return m_ui->titleLabel->text();
}

QIcon CatalogPage::icon() const
{
    return themeIcon(QStringLiteral("catalog"));
}

void CatalogPage::buildContent()
{
    QWidget *content = m_ui->content;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);

    // Toolbar.
    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    const QStyle *st = style();
    m_addSourceButton =
        new QPushButton(st->standardIcon(QStyle::SP_FileDialogNewFolder), tr("&Add Source…"), content);
    m_addSourceButton->setObjectName(QStringLiteral("addSourceButton"));
    m_addSourceButton->setToolTip(tr("Add a SQLite, CSV, Excel, PostgreSQL or ODBC source and discover it"));
    m_discoverButton = new QPushButton(st->standardIcon(QStyle::SP_BrowserReload), tr("&Discover"), content);
    m_discoverButton->setObjectName(QStringLiteral("discoverButton"));
    m_discoverButton->setToolTip(
        tr("Read the tables, columns, keys and row counts of the selected source again"));
    m_cancelButton = new QPushButton(st->standardIcon(QStyle::SP_BrowserStop), tr("&Cancel"), content);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_progress = new QProgressBar(content);
    m_progress->setObjectName(QStringLiteral("discoveryProgress"));
    m_progress->setMaximumWidth(180);
    m_progress->setFormat(tr("%v / %m tables"));
    m_progressLabel = new QLabel(content);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    m_progressLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_profileButton =
        new QPushButton(st->standardIcon(QStyle::SP_FileDialogContentsView), tr("&Profile Table"), content);
    m_profileButton->setObjectName(QStringLiteral("profileButton"));
    m_profileButton->setToolTip(
        tr("Read every row of the table once: nulls, distinct values, ranges, top values"));
    m_addToPlanButton = new QPushButton(st->standardIcon(QStyle::SP_ArrowRight), tr("Add to &Plan"), content);
    m_addToPlanButton->setObjectName(QStringLiteral("addToPlanButton"));
    m_addToPlanButton->setToolTip(tr("Add the selected tables to the table plan, in load order"));
    bar->addWidget(m_addSourceButton);
    bar->addWidget(m_discoverButton);
    bar->addWidget(m_cancelButton);
    bar->addWidget(m_progress);
    bar->addWidget(m_progressLabel, 1);
    bar->addWidget(m_profileButton);
    bar->addWidget(m_addToPlanButton);
    layout->addLayout(bar);

    // Error banner: errors stay visible on the page, not only in a box that is clicked away.
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
    connect(dismiss, &QPushButton::clicked, this, &CatalogPage::clearError);

    auto *splitter = new QSplitter(Qt::Horizontal, content);
    splitter->setObjectName(QStringLiteral("catalogSplitter"));
    splitter->setChildrenCollapsible(false);

    // Left: filter and tree.
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(4);
    m_filter = new QLineEdit(left);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("Filter tables (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_tree = new QTreeView(left);
    m_tree->setObjectName(QStringLiteral("catalogTree"));
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_tree, 1);

    m_treeModel = new QStandardItemModel(this);
    m_treeModel->setHorizontalHeaderLabels({tr("Name"), tr("Rows")});
    m_filterModel = new QSortFilterProxyModel(this);
    m_filterModel->setSourceModel(m_treeModel);
    m_filterModel->setRecursiveFilteringEnabled(true);
    m_filterModel->setAutoAcceptChildRows(true);
    m_filterModel->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filterModel->setFilterKeyColumn(0);
    m_tree->setModel(m_filterModel);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    // Right: details of the selected table.
    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(6, 0, 0, 0);
    m_noSelection =
        new QLabel(tr("Select a table in the tree to see its columns, keys, relationships, profile "
                      "and sample rows."),
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
    m_tableError = new QLabel(m_details);
    m_tableError->setObjectName(QStringLiteral("tableErrorLabel"));
    m_tableError->setWordWrap(true);
    m_tableError->setStyleSheet(QStringLiteral("color: #c0392b;"));
    details->addWidget(m_tableTitle);
    details->addWidget(m_tableSubtitle);
    details->addWidget(m_tableError);

    const int rowHeight = fontMetrics().height() + 8;
    m_tabs = new QTabWidget(m_details);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_columns = new QTableWidget(0, ColumnsColumnCount, m_tabs);
    m_columns->setObjectName(QStringLiteral("columnsTable"));
    m_columns->setHorizontalHeaderLabels({tr("Column"), tr("Keys"), tr("Declared type"), tr("Type"),
                                          tr("Nullable"), tr("Length / precision"), tr("Default")});
    m_columns->setItemDelegateForColumn(ColKeys, new KeyBadgeDelegate(m_columns));
    m_columns->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_columns->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_columns->verticalHeader()->hide();
    m_columns->horizontalHeader()->setSectionResizeMode(ColDefault, QHeaderView::Stretch);
    m_columns->setAlternatingRowColors(true);
    m_columns->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_tabs->addTab(m_columns, tr("Col&umns"));

    auto *relations = new QWidget(m_tabs);
    auto *relLayout = new QVBoxLayout(relations);
    auto *outLabel =
        new QLabel(tr("References (foreign keys out) — Enter or double-click opens the table:"), relations);
    m_fksOut = new QListWidget(relations);
    m_fksOut->setObjectName(QStringLiteral("foreignKeysOut"));
    outLabel->setBuddy(m_fksOut);
    auto *inLabel = new QLabel(tr("Referenced by (foreign keys in):"), relations);
    m_fksIn = new QListWidget(relations);
    m_fksIn->setObjectName(QStringLiteral("foreignKeysIn"));
    inLabel->setBuddy(m_fksIn);
    m_loadOrderLabel = new QLabel(relations);
    m_loadOrderLabel->setObjectName(QStringLiteral("loadOrderLabel"));
    m_loadOrderLabel->setWordWrap(true);
    relLayout->addWidget(outLabel);
    relLayout->addWidget(m_fksOut, 1);
    relLayout->addWidget(inLabel);
    relLayout->addWidget(m_fksIn, 1);
    relLayout->addWidget(m_loadOrderLabel);
    m_tabs->addTab(relations, tr("&Relationships"));
    connect(m_fksOut, &QListWidget::itemActivated, this, &CatalogPage::followLink);
    connect(m_fksIn, &QListWidget::itemActivated, this, &CatalogPage::followLink);

    auto *profileTab = new QWidget(m_tabs);
    auto *profLayout = new QVBoxLayout(profileTab);
    m_profileHint = new QLabel(profileTab);
    m_profileHint->setObjectName(QStringLiteral("profileHint"));
    m_profileHint->setWordWrap(true);
    m_profile = new QTableWidget(0, ProfileColumnCount, profileTab);
    m_profile->setObjectName(QStringLiteral("profileTable"));
    m_profile->setHorizontalHeaderLabels({tr("Column"), tr("Nulls"), tr("Distinct"), tr("Min"), tr("Max"),
                                          tr("Longest text"), tr("Inferred type"), tr("Top values")});
    m_profile->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_profile->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_profile->verticalHeader()->hide();
    m_profile->horizontalHeader()->setSectionResizeMode(ProfTop, QHeaderView::Stretch);
    m_profile->setAlternatingRowColors(true);
    m_profile->verticalHeader()->setDefaultSectionSize(rowHeight);
    profLayout->addWidget(m_profileHint);
    profLayout->addWidget(m_profile, 1);
    m_tabs->addTab(profileTab, tr("Pro&file"));

    auto *sampleTab = new QWidget(m_tabs);
    auto *sampleLayout = new QVBoxLayout(sampleTab);
    m_sampleModel = new SampleTableModel(this);
    m_sampleView = new QTableView(sampleTab);
    m_sampleView->setObjectName(QStringLiteral("sampleView"));
    m_sampleView->setModel(m_sampleModel);
    m_sampleView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sampleView->setAlternatingRowColors(true);
    m_sampleView->verticalHeader()->setDefaultSectionSize(rowHeight);
    // Columns fit the first batch once; later batches keep the widths the user sees (and may have set).
    connect(m_sampleModel, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        if (first == 0)
            fitColumns(m_sampleView);
    });
    m_sampleStatus = new QLabel(sampleTab);
    m_sampleStatus->setObjectName(QStringLiteral("sampleStatus"));
    m_sampleStatus->setWordWrap(true);
    sampleLayout->addWidget(m_sampleView, 1);
    sampleLayout->addWidget(m_sampleStatus);
    m_tabs->addTab(sampleTab, tr("&Sample"));
    connect(m_tabs, &QTabWidget::currentChanged, this, &CatalogPage::loadSampleIfShown);
    connect(m_sampleModel, &SampleTableModel::stateChanged, this, [this] {
        QString text;
        if (!m_sampleModel->errorMessage().isEmpty())
            text = tr("The sample could not be read: %1").arg(m_sampleModel->errorMessage());
        else if (m_sampleModel->isLoading())
            text = tr("Reading rows… (%1 so far)").arg(m_sampleModel->rowCount());
        else if (m_sampleModel->isComplete())
            text = m_sampleModel->rowCount() >= SampleTableModel::maxRows()
                       ? tr("The first %1 rows (a sample never holds more).").arg(m_sampleModel->rowCount())
                       : tr("All %1 rows.").arg(m_sampleModel->rowCount());
        else
            text = tr("The first %1 rows; scroll down for more.").arg(m_sampleModel->rowCount());
        m_sampleStatus->setText(text);
    });

    details->addWidget(m_tabs, 1);
    rightLayout->addWidget(m_details, 1);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({280, 720});
    layout->addWidget(splitter, 1);

    connect(m_addSourceButton, &QPushButton::clicked, this, &CatalogPage::askForSource);
    connect(m_discoverButton, &QPushButton::clicked, this, [this] {
        QString name = m_currentSource;
        const QModelIndex index = m_tree->currentIndex();
        if (index.isValid())
            name = index.siblingAtColumn(0).data(SourceNameRole).toString();
        if (!name.isEmpty())
            discover(name);
    });
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        cancelDiscovery();
        cancelProfile();
    });
    connect(m_profileButton, &QPushButton::clicked, this, &CatalogPage::profileCurrentTable);
    connect(m_addToPlanButton, &QPushButton::clicked, this, &CatalogPage::addSelectedToPlan);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filterModel->setFilterFixedString(text);
        if (!text.isEmpty())
            m_tree->expandAll();
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CatalogPage::updateActions);
    // Enter on a table opens its details: focus moves to them.
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (index.siblingAtColumn(0).data(NodeKindRole).toInt() == TableNode) {
            onCurrentChanged(index);
            // Focus goes to the data of the tab the user is on, so the keyboard can read on from there.
            QWidget *tab = m_tabs->currentWidget();
            QWidget *target = m_columns;
            if (tab == m_fksOut->parentWidget())
                target = m_fksOut;
            else if (tab == m_profile->parentWidget())
                target = m_profile;
            else if (tab == m_sampleView->parentWidget())
                target = m_sampleView;
            target->setFocus(Qt::OtherFocusReason);
        }
    });

    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });

    setTabOrder(m_addSourceButton, m_discoverButton);
    setTabOrder(m_discoverButton, m_cancelButton);
    setTabOrder(m_cancelButton, m_profileButton);
    setTabOrder(m_profileButton, m_addToPlanButton);
    setTabOrder(m_addToPlanButton, m_filter);
    setTabOrder(m_filter, m_tree);
    setTabOrder(m_tree, m_tabs);

    m_details->hide();
}

void CatalogPage::setWritableWorkspace(ferry::Workspace *workspace)
{
    m_writable = workspace;
    setWorkspace(workspace);
}

void CatalogPage::setWorkspace(const ferry::Workspace *workspace)
{
    if (workspace != m_writable)
        m_writable = nullptr;
    if (workspace == this->workspace() && workspace)
        return;
    // Jobs hold the old workspace's writer: they end before the main window destroys it.
    stopBackgroundWork();
    Page::setWorkspace(workspace);
    attachWorkspace(workspace);
}

void CatalogPage::attachWorkspace(const ferry::Workspace *workspace)
{
    const bool open = workspace != nullptr;
    m_ui->placeholder->setVisible(!open);
    m_ui->content->setVisible(open);
    m_ui->bottomSpacer->changeSize(0, 0, QSizePolicy::Minimum,
                                   open ? QSizePolicy::Fixed : QSizePolicy::Expanding);
    m_ui->pageLayout->invalidate();

    m_sources.clear();
    m_discoveryQueue.clear();
    m_currentSource.clear();
    m_currentTable.clear();
    m_sampleModel->clear();
    m_filter->clear();
    m_lastStatus.clear();
    clearError();
    if (open)
        loadStoredCatalogs();
    rebuildTree();
    showDetails({}, {});
    updateActions();
}

void CatalogPage::stopBackgroundWork()
{
    m_discoveryQueue.clear();
    if (m_discovery) {
        m_discovery->cancel();
        m_discovery.reset(); // waits for the job
    }
    if (m_profileCancel)
        m_profileCancel->store(true);
    m_pool.waitForDone();
    // Answers the pool jobs posted before they ended are meant for the old workspace.
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
    m_profiling = false;
    m_pendingSaves = 0;
    m_discoveringSource.clear();
    for (Source &s : m_sources)
        s.discovering = false;
}

void CatalogPage::loadStoredCatalogs()
{
    const auto names = CatalogStore::sources(workspace()->reader());
    if (!names) {
        showError(
            tr("The catalogs stored in the workspace could not be read: %1").arg(names.error().message));
        return;
    }
    for (const QString &name : *names) {
        auto catalog = CatalogStore::load(workspace()->reader(), name);
        if (!catalog) {
            showError(tr("The catalog of “%1” could not be read: %2").arg(name, catalog.error().message));
            continue;
        }
        Source s;
        s.name = name;
        if (auto uri = SourceUri::parse(catalog->sourceUri))
            s.uri = *uri;
        s.catalog = *catalog;
        m_sources.append(s);
    }
}

CatalogPage::Source *CatalogPage::source(const QString &name)
{
    for (Source &s : m_sources)
        if (s.name == name)
            return &s;
    return nullptr;
}

const CatalogPage::Source *CatalogPage::source(const QString &name) const
{
    for (const Source &s : m_sources)
        if (s.name == name)
            return &s;
    return nullptr;
}

QStringList CatalogPage::sourceNames() const
{
    QStringList names;
    for (const Source &s : m_sources)
        names.append(s.name);
    return names;
}

const ferry::Catalog *CatalogPage::catalog(const QString &sourceName) const
{
    const Source *s = source(sourceName);
    return s && s->catalog ? &*s->catalog : nullptr;
}

QString CatalogPage::addSource(const ferry::SourceUri &uri, const QString &name, const QString &password)
{
    if (!workspace())
        return {};
    const QString sourceName = name.trimmed().isEmpty() ? defaultSourceName(uri) : name.trimmed();
    if (source(sourceName)) {
        showError(tr("The workspace has a source named “%1” already: choose another name.").arg(sourceName));
        return {};
    }
    Source s;
    s.name = sourceName;
    s.uri = uri;
    s.password = password;
    m_sources.append(s);
    rebuildTree();
    showStatus(tr("Added the source “%1”.").arg(sourceName));
    return sourceName;
}

void CatalogPage::askForSource()
{
    AddSourceDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto uri = dialog.sourceUri();
    if (!uri)
        return;
    const QString name = addSource(*uri, dialog.sourceName(), dialog.password());
    if (!name.isEmpty())
        discover(name);
}

bool CatalogPage::discover(const QString &sourceName)
{
    Source *s = source(sourceName);
    if (!s || s->discovering || m_discoveryQueue.contains(sourceName))
        return false;
    if (m_profiling && m_profilingSource == sourceName) {
        // Both would save the source's catalog; the later save would undo the other's.
        showStatus(tr("“%1” is being profiled: discover it when the profile is done.").arg(sourceName));
        return false;
    }
    if (!s->uri.isFileKind() && s->uri.host.isEmpty()) {
        showError(tr("The source “%1” has no location to discover.").arg(sourceName));
        return false;
    }
    m_discoveryQueue.append(sourceName);
    startNextDiscovery();
    return true;
}

void CatalogPage::startNextDiscovery()
{
    if (m_discovery || m_discoveryQueue.isEmpty())
        return;
    const QString name = m_discoveryQueue.takeFirst();
    Source *s = source(name);
    if (!s)
        return startNextDiscovery();
    DiscoveryOptions options;
    options.sourceName = name;
    options.password = s->password;
    // No writer here: Discovery would also save a cancelled run's partial catalog over the complete one
    // the workspace holds. onDiscoveryFinished() decides what to keep and saves it.
    s->discovering = true;
    s->error.clear();
    m_discoveringSource = name;
    m_discovery = std::make_unique<Discovery>(s->uri, options);
    // Queued: the job emits on a pool thread.
    connect(m_discovery.get(), &Discovery::progress, this, &CatalogPage::onDiscoveryProgress,
            Qt::QueuedConnection);
    connect(m_discovery.get(), &Discovery::finished, this, &CatalogPage::onDiscoveryFinished,
            Qt::QueuedConnection);
    m_progress->setRange(0, 0);
    m_progressLabel->setText(tr("Discovering “%1”…").arg(name));
    m_discovery->start(&m_pool);
    rebuildTree();
    updateActions();
}

void CatalogPage::onDiscoveryProgress(int done, int total, const QString &table)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_progressLabel->setText(tr("“%1”: %2").arg(m_discoveringSource, table));
}

void CatalogPage::onDiscoveryFinished()
{
    if (!m_discovery)
        return;
    const DiscoveryResult result = m_discovery->result();
    m_discovery.reset();
    const QString name = m_discoveringSource;
    m_discoveringSource.clear();
    Source *s = source(name);
    if (s) {
        s->discovering = false;
        if (!result.error.code.isEmpty()) {
            // The source could not be opened or listed; a catalog from an earlier discovery stays.
            s->error = result.error.message;
            showError(tr("The source “%1” could not be discovered: %2").arg(name, result.error.message));
        } else if (!result.cancelled || (!s->catalog && !result.catalog.tables.isEmpty())) {
            // A cancelled run only counts when there was nothing before: then part is better than none.
            s->catalog = result.catalog;
            saveCatalog(result.catalog);
        }
    }
    if (!result.cancelled && m_progress->maximum() > 0)
        m_progress->setValue(m_progress->maximum());
    const QString tables = tableCountText(result.catalog.tables.size());
    QString summary;
    if (result.cancelled)
        summary = tr("Discovery of “%1” cancelled after %2.").arg(name, tables);
    else if (!result.error.code.isEmpty() && result.catalog.tables.isEmpty())
        summary = tr("Discovery of “%1” failed.").arg(name);
    else if (!result.tableErrors.isEmpty())
        summary = tr("Discovered %1 of “%2”; %3 could not be read (see the warning icons).")
                      .arg(tables, name)
                      .arg(result.tableErrors.size());
    else
        summary = tr("Discovered %1 of “%2”.").arg(tables, name);
    m_progressLabel->setText(summary);
    showStatus(summary);
    rebuildTree();
    if (!m_currentSource.isEmpty())
        showDetails(m_currentSource, m_currentTable);
    startNextDiscovery();
    updateActions();
    emit discoveryFinished(name);
}

void CatalogPage::saveCatalog(const Catalog &catalog)
{
    if (!m_writable)
        return;
    WorkspaceWriter *writer = m_writable->writer();
    if (!writer) {
        showError(tr("The catalog of “%1” was discovered but not saved: %2")
                      .arg(catalog.sourceName, m_writable->writerError().message));
        return;
    }
    ++m_pendingSaves;
    // save() waits for the commit: off the GUI thread. stopBackgroundWork() waits for this job before the
    // workspace (and its writer) goes away.
    m_pool.start([this, writer, catalog] {
        const Status saved = CatalogStore::save(*writer, catalog);
        const Error error = saved ? Error{} : saved.error();
        QMetaObject::invokeMethod(
            this,
            [this, error, name = catalog.sourceName] {
                --m_pendingSaves;
                if (!error.code.isEmpty())
                    showError(
                        tr("The catalog of “%1” was discovered but not saved: %2").arg(name, error.message));
            },
            Qt::QueuedConnection);
    });
}

void CatalogPage::cancelDiscovery()
{
    m_discoveryQueue.clear();
    if (m_discovery) {
        m_discovery->cancel();
        m_progressLabel->setText(tr("Cancelling…"));
    }
}

bool CatalogPage::isDiscovering() const
{
    return m_discovery != nullptr || !m_discoveryQueue.isEmpty();
}

void CatalogPage::rebuildTree()
{
    const QString keepSource = m_currentSource;
    const QString keepTable = m_currentTable;
    const QSignalBlocker blocker(m_tree->selectionModel());
    m_treeModel->removeRows(0, m_treeModel->rowCount());
    const QStyle *st = style();
    const QIcon warning = st->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const Source &s : std::as_const(m_sources)) {
        auto *sourceItem = new QStandardItem(s.name);
        sourceItem->setData(SourceNode, NodeKindRole);
        sourceItem->setData(s.name, SourceNameRole);
        sourceItem->setIcon(
            st->standardIcon(s.uri.isFileKind() ? QStyle::SP_DriveHDIcon : QStyle::SP_DriveNetIcon));
        QString tip = s.catalog ? s.catalog->sourceUri : s.uri.toString();
        auto *countItem = new QStandardItem;
        if (s.discovering) {
            countItem->setText(tr("discovering…"));
        } else if (!s.error.isEmpty()) {
            sourceItem->setIcon(warning);
            tip = tr("%1\nCould not be discovered: %2").arg(tip, s.error);
        } else if (!s.catalog) {
            countItem->setText(tr("not discovered"));
        }
        sourceItem->setToolTip(tip);
        countItem->setToolTip(tip);
        QStandardItem *parent = sourceItem;
        if (s.uri.kind == SourceKind::PostgreSql) {
            auto *schemaItem =
                new QStandardItem(st->standardIcon(QStyle::SP_DirIcon),
                                  s.uri.option(QStringLiteral("schema"), QStringLiteral("public")));
            schemaItem->setData(SchemaNode, NodeKindRole);
            schemaItem->setData(s.name, SourceNameRole);
            sourceItem->appendRow({schemaItem, new QStandardItem});
            parent = schemaItem;
        }
        if (s.catalog) {
            for (const CatalogTable &t : s.catalog->tables) {
                auto *item = new QStandardItem(t.name);
                item->setData(TableNode, NodeKindRole);
                item->setData(s.name, SourceNameRole);
                item->setData(t.name, TableNameRole);
                auto *rows = new QStandardItem(rowCountText(t.rowCount, t.rowCountExact));
                rows->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                if (t.hasError()) {
                    item->setIcon(warning);
                    item->setToolTip(tr("%1 could not be read: %2").arg(t.name, t.errorMessage));
                    rows->setToolTip(item->toolTip());
                } else {
                    item->setIcon(kindIcon(st, t.kind));
                    item->setToolTip(t.rowCountExact || t.rowCount < 0
                                         ? tr("%1 (%2)").arg(t.name, kindText(t.kind))
                                         : tr("%1 (%2, row count estimated)").arg(t.name, kindText(t.kind)));
                }
                parent->appendRow({item, rows});
            }
        }
        m_treeModel->appendRow({sourceItem, countItem});
    }
    m_tree->expandAll();
    if (QStandardItem *item = tableItem(keepSource, keepTable)) {
        const QModelIndex index = m_filterModel->mapFromSource(item->index());
        if (index.isValid())
            m_tree->setCurrentIndex(index);
    }
}

QStandardItem *CatalogPage::tableItem(const QString &sourceName, const QString &table) const
{
    for (int i = 0; i < m_treeModel->rowCount(); ++i) {
        QStandardItem *sourceItem = m_treeModel->item(i);
        if (sourceItem->data(SourceNameRole).toString() != sourceName)
            continue;
        QList<QStandardItem *> pending{sourceItem};
        while (!pending.isEmpty()) {
            QStandardItem *node = pending.takeFirst();
            for (int r = 0; r < node->rowCount(); ++r) {
                QStandardItem *child = node->child(r);
                if (child->data(NodeKindRole).toInt() == TableNode &&
                    child->data(TableNameRole).toString().compare(table, Qt::CaseInsensitive) == 0)
                    return child;
                pending.append(child);
            }
        }
    }
    return nullptr;
}

bool CatalogPage::selectTable(const QString &sourceName, const QString &table)
{
    QStandardItem *item = tableItem(sourceName, table);
    if (!item)
        return false;
    QModelIndex index = m_filterModel->mapFromSource(item->index());
    if (!index.isValid()) {
        m_filter->clear();
        index = m_filterModel->mapFromSource(item->index());
    }
    m_tree->scrollTo(index);
    m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    showDetails(sourceName, item->data(TableNameRole).toString());
    return true;
}

void CatalogPage::onCurrentChanged(const QModelIndex &current)
{
    const QModelIndex index = current.siblingAtColumn(0);
    if (index.data(NodeKindRole).toInt() == TableNode)
        showDetails(index.data(SourceNameRole).toString(), index.data(TableNameRole).toString());
    else if (index.isValid())
        showDetails(index.data(SourceNameRole).toString(), {});
    updateActions();
}

const ferry::CatalogTable *CatalogPage::currentTable() const
{
    const ferry::Catalog *c = catalog(m_currentSource);
    return c && !m_currentTable.isEmpty() ? c->table(m_currentTable) : nullptr;
}

void CatalogPage::showDetails(const QString &sourceName, const QString &table)
{
    const bool changed = sourceName != m_currentSource || table != m_currentTable;
    m_currentSource = sourceName;
    m_currentTable = table;
    const Source *s = source(sourceName);
    const CatalogTable *t = currentTable();
    if (!t) {
        m_details->hide();
        m_noSelection->show();
        if (s && !s->error.isEmpty())
            m_noSelection->setText(tr("“%1” could not be discovered:\n%2").arg(s->name, s->error));
        else if (s && s->catalog)
            m_noSelection->setText(tr("“%1”: %2. Select one to see its details.")
                                       .arg(s->name, tableCountText(s->catalog->tables.size())));
        else if (m_sources.isEmpty())
            m_noSelection->setText(tr("This workspace has no sources yet. “Add Source…” adds a SQLite, CSV, "
                                      "Excel, PostgreSQL or ODBC source and discovers its tables."));
        else
            m_noSelection->setText(tr("Select a table in the tree to see its columns, keys, relationships, "
                                      "profile and sample rows."));
        if (changed)
            m_sampleModel->clear();
        updateActions();
        return;
    }
    m_noSelection->hide();
    m_details->show();
    m_tableTitle->setText(t->name);
    QString rows;
    if (t->rowCount < 0)
        rows = tr("row count unknown");
    else if (t->rowCountExact)
        rows = tr("%1 rows").arg(QLocale().toString(t->rowCount));
    else
        rows = tr("about %1 rows (estimate)").arg(QLocale().toString(t->rowCount));
    const QString columns = t->columns.size() == 1 ? tr("1 column") : tr("%1 columns").arg(t->columns.size());
    m_tableSubtitle->setText(
        tr("%1 · %2 · %3 · source “%4”").arg(kindText(t->kind), rows, columns, sourceName));
    m_tableError->setVisible(t->hasError());
    m_tableError->setText(t->hasError() ? tr("This table could not be read: %1").arg(t->errorMessage)
                                        : QString());
    fillColumns(*t);
    fillRelations(*s->catalog, *t);
    fillProfile(*t);
    if (changed)
        m_sampleModel->clear();
    loadSampleIfShown();
    updateActions();
}

void CatalogPage::fillColumns(const CatalogTable &table)
{
    m_columns->setRowCount(int(table.columns.size()));
    for (int r = 0; r < table.columns.size(); ++r) {
        const CatalogColumn &c = table.columns.at(r);
        QStringList keys;
        if (table.primaryKey.contains(c.info.name, Qt::CaseInsensitive))
            keys << QStringLiteral("PK");
        for (const KeyInfo &uk : table.uniqueKeys)
            if (uk.columns.contains(c.info.name, Qt::CaseInsensitive)) {
                keys << QStringLiteral("UK");
                break;
            }
        QStringList references;
        for (const ForeignKeyInfo &fk : table.foreignKeys) {
            const auto at = fk.columns.indexOf(c.info.name);
            if (at >= 0)
                references << QStringLiteral("%1.%2").arg(fk.referencedTable, fk.referencedColumns.value(at));
        }
        if (!references.isEmpty())
            keys << QStringLiteral("FK");
        auto *name = readOnlyItem(c.info.name);
        if (keys.contains(QStringLiteral("PK"))) {
            QFont bold = name->font();
            bold.setBold(true);
            name->setFont(bold);
        }
        m_columns->setItem(r, ColName, name);
        auto *keyItem = readOnlyItem(keys.join(QLatin1Char(' ')));
        QStringList tips;
        if (keys.contains(QStringLiteral("PK")))
            tips << tr("Primary key");
        if (keys.contains(QStringLiteral("UK")))
            tips << tr("Unique key");
        if (!references.isEmpty())
            tips << tr("Foreign key to %1").arg(references.join(QStringLiteral(", ")));
        keyItem->setToolTip(tips.join(QLatin1Char('\n')));
        m_columns->setItem(r, ColKeys, keyItem);
        m_columns->setItem(r, ColDeclared, readOnlyItem(c.info.declaredType));
        QString type = c.info.type == ValueType::Null ? tr("unknown") : valueTypeName(c.info.type);
        if (c.info.inferred)
            type = tr("%1 (inferred)").arg(type);
        m_columns->setItem(r, ColType, readOnlyItem(type));
        m_columns->setItem(r, ColNullable, readOnlyItem(c.info.nullable ? tr("yes") : tr("no")));
        m_columns->setItem(r, ColLength, readOnlyItem(lengthText(c.info)));
        m_columns->setItem(r, ColDefault, readOnlyItem(c.defaultValue));
    }
    fitColumns(m_columns);
}

void CatalogPage::fillRelations(const Catalog &catalog, const CatalogTable &table)
{
    m_fksOut->clear();
    m_fksIn->clear();
    const QIcon linkIcon = style()->standardIcon(QStyle::SP_ArrowForward);
    for (const ForeignKeyInfo &fk : table.foreignKeys) {
        auto *item = new QListWidgetItem(linkIcon,
                                         tr("%1 (%2 → %3)")
                                             .arg(fk.referencedTable, fk.columns.join(QStringLiteral(", ")),
                                                  fk.referencedColumns.join(QStringLiteral(", "))),
                                         m_fksOut);
        item->setData(kLinkRole, linkKey(catalog.sourceName, fk.referencedTable));
        item->setData(Qt::UserRole + 2, fk.referencedTable);
    }
    const QIcon backIcon = style()->standardIcon(QStyle::SP_ArrowBack);
    for (const CatalogTable &other : catalog.tables) {
        for (const ForeignKeyInfo &fk : other.foreignKeys) {
            if (fk.referencedTable.compare(table.name, Qt::CaseInsensitive) != 0)
                continue;
            auto *item = new QListWidgetItem(backIcon,
                                             tr("%1 (%2 → %3)")
                                                 .arg(other.name, fk.columns.join(QStringLiteral(", ")),
                                                      fk.referencedColumns.join(QStringLiteral(", "))),
                                             m_fksIn);
            item->setData(kLinkRole, linkKey(catalog.sourceName, other.name));
            item->setData(Qt::UserRole + 2, other.name);
        }
    }
    if (m_fksOut->count() == 0)
        new QListWidgetItem(tr("(none)"), m_fksOut);
    if (m_fksIn->count() == 0)
        new QListWidgetItem(tr("(none)"), m_fksIn);

    const LoadPlan plan = planLoadOrder(catalog.tables);
    const int at = plan.indexOf(table.name);
    if (at >= 0) {
        const LoadStep &step = plan.steps.at(at);
        m_loadOrderLabel->setText(
            step.dependsOn.isEmpty() ? tr("Load order: level %1 — depends on no other table.").arg(step.level)
                                     : tr("Load order: level %1 — loads after %2.")
                                           .arg(step.level)
                                           .arg(step.dependsOn.join(QStringLiteral(", "))));
    } else {
        m_loadOrderLabel->clear();
    }
}

void CatalogPage::fillProfile(const CatalogTable &table)
{
    const bool profiling = m_profiling && m_profilingSource == m_currentSource &&
                           m_profilingTable.compare(table.name, Qt::CaseInsensitive) == 0;
    if (profiling)
        m_profileHint->setText(tr("Profiling %1… (Cancel stops it)").arg(table.name));
    else if (!table.isProfiled())
        m_profileHint->setText(
            tr("Not profiled yet. “Profile Table” reads every row once, in the background."));
    else
        m_profileHint->setText(tr("Profile of %1.").arg(table.name));
    if (!table.isProfiled()) {
        m_profile->setRowCount(0);
        return;
    }
    const QLocale locale;
    m_profile->setRowCount(int(table.columns.size()));
    for (int r = 0; r < table.columns.size(); ++r) {
        const CatalogColumn &c = table.columns.at(r);
        m_profile->setItem(r, ProfName, readOnlyItem(c.info.name));
        if (!c.profile) {
            for (int col = ProfNulls; col < ProfileColumnCount; ++col)
                m_profile->setItem(r, col, readOnlyItem({}));
            continue;
        }
        const ColumnProfile &p = *c.profile;
        auto *nulls = readOnlyItem(
            tr("%1 % (%2)").arg(locale.toString(p.nullShare() * 100.0, 'f', 1), locale.toString(p.nulls)));
        nulls->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_profile->setItem(r, ProfNulls, nulls);
        auto *distinct = readOnlyItem(p.distinctExact ? locale.toString(p.distinct)
                                                      : tr("~%1").arg(locale.toString(p.distinct)));
        distinct->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_profile->setItem(r, ProfDistinct, distinct);
        m_profile->setItem(r, ProfMin, readOnlyItem(p.min.left(60)));
        m_profile->setItem(r, ProfMax, readOnlyItem(p.max.left(60)));
        m_profile->setItem(r, ProfLongest,
                           readOnlyItem(p.longestText >= 0 ? QString::number(p.longestText) : QString()));
        QString inferred;
        if (p.inferredType != ValueType::Null)
            inferred =
                tr("%1 (%2 %)")
                    .arg(valueTypeName(p.inferredType), locale.toString(p.inferredShare * 100.0, 'f', 0));
        m_profile->setItem(r, ProfInferred, readOnlyItem(inferred));
        QStringList top;
        for (const TopValue &v : p.topValues.mid(0, 5))
            top << tr("%1 (%2)").arg(v.value.left(30), locale.toString(v.count));
        auto *topItem = readOnlyItem(top.join(QStringLiteral(", ")));
        QStringList allTop;
        for (const TopValue &v : p.topValues)
            allTop << tr("%1 (%2)").arg(v.value, locale.toString(v.count));
        topItem->setToolTip(allTop.join(QLatin1Char('\n')));
        m_profile->setItem(r, ProfTop, topItem);
    }
    fitColumns(m_profile, 6);
}

void CatalogPage::loadSampleIfShown()
{
    if (m_tabs->currentWidget() != m_sampleView->parentWidget())
        return;
    const CatalogTable *t = currentTable();
    const Source *s = source(m_currentSource);
    if (!t || !s)
        return;
    if (m_sampleModel->tableName() == t->name)
        return;
    m_sampleModel->setTable(s->uri.toString(), s->password, t->name);
}

void CatalogPage::followLink(QListWidgetItem *item)
{
    const QStringList key = item->data(kLinkRole).toString().split(QLatin1Char('\n'));
    if (key.size() == 2 && selectTable(key.at(0), key.at(1)))
        m_tree->setFocus();
}

bool CatalogPage::profileCurrentTable()
{
    const CatalogTable *t = currentTable();
    const Source *s = source(m_currentSource);
    if (!t || !s || m_profiling || s->discovering)
        return false;
    m_profiling = true;
    m_profilingSource = s->name;
    m_profilingTable = t->name;
    m_profileCancel = std::make_shared<std::atomic<bool>>(false);
    const auto cancel = m_profileCancel;
    const SourceUri uri = s->uri;
    const QString password = s->password;
    const QString table = t->name;
    // The job saves its copy of the catalog with the new profiles, so the writer must outlive it:
    // stopBackgroundWork() waits for the pool before the workspace changes.
    Catalog copy = *s->catalog;
    WorkspaceWriter *writer = m_writable ? m_writable->writer() : nullptr;
    m_pool.start([this, cancel, uri, password, table, copy, writer]() mutable {
        ProfileOutcome outcome;
        outcome.source = copy.sourceName;
        outcome.table = table;
        auto connection = openAnySource(uri, password);
        if (!connection) {
            outcome.error = connection.error();
        } else {
            auto profiles = profileTable(**connection, table, {}, cancel.get());
            if (profiles)
                outcome.profiles = *profiles;
            else
                outcome.error = profiles.error();
        }
        // QtSql connections close on the thread that opened them.
        connection = Error{};
        if (outcome.error.code.isEmpty() && writer) {
            if (CatalogTable *profiled = copy.table(table)) {
                for (qsizetype i = 0; i < profiled->columns.size() && i < outcome.profiles.size(); ++i)
                    profiled->columns[i].profile = outcome.profiles.at(i);
                if (auto saved = CatalogStore::save(*writer, copy); !saved)
                    outcome.saveError = saved.error();
            }
        }
        // Queued to the GUI thread; the page waits for this job before it goes away.
        QMetaObject::invokeMethod(
            this, [this, outcome] { onProfileFinished(outcome); }, Qt::QueuedConnection);
    });
    showStatus(tr("Profiling %1…").arg(table));
    fillProfile(*t);
    m_tabs->setCurrentWidget(m_profile->parentWidget());
    updateActions();
    return true;
}

void CatalogPage::onProfileFinished(const ProfileOutcome &outcome)
{
    m_profiling = false;
    m_profileCancel.reset();
    Source *s = source(outcome.source);
    if (outcome.error.code == QLatin1String("catalog.cancelled")) {
        showStatus(tr("Profiling %1 cancelled.").arg(outcome.table));
    } else if (!outcome.error.code.isEmpty()) {
        showError(tr("%1 could not be profiled: %2").arg(outcome.table, outcome.error.message));
    } else if (s && s->catalog) {
        if (CatalogTable *t = s->catalog->table(outcome.table)) {
            for (qsizetype i = 0; i < t->columns.size() && i < outcome.profiles.size(); ++i)
                t->columns[i].profile = outcome.profiles.at(i);
        }
        showStatus(tr("Profiled %1.").arg(outcome.table));
        if (!outcome.saveError.code.isEmpty())
            showError(
                tr("The profile of %1 was not saved: %2").arg(outcome.table, outcome.saveError.message));
    }
    if (const CatalogTable *t = currentTable())
        fillProfile(*t);
    updateActions();
    emit profileFinished(outcome.source, outcome.table);
}

void CatalogPage::cancelProfile()
{
    if (m_profileCancel)
        m_profileCancel->store(true);
}

bool CatalogPage::isProfiling() const
{
    return m_profiling;
}

int CatalogPage::addSelectedToPlan()
{
    if (!m_writable) {
        showError(tr("The workspace is open for browsing only: the plan cannot be changed."));
        return -1;
    }
    // The selected tables; a selected source or schema stands for all its tables.
    QStringList wanted;
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows(0);
    for (const QModelIndex &proxyIndex : rows) {
        QStandardItem *item = m_treeModel->itemFromIndex(m_filterModel->mapToSource(proxyIndex));
        if (!item)
            continue;
        QList<QStandardItem *> pending{item};
        while (!pending.isEmpty()) {
            QStandardItem *node = pending.takeFirst();
            if (node->data(NodeKindRole).toInt() == TableNode) {
                const QString name = node->data(TableNameRole).toString();
                if (!wanted.contains(name, Qt::CaseInsensitive))
                    wanted.append(name);
            }
            for (int r = 0; r < node->rowCount(); ++r)
                pending.append(node->child(r));
        }
    }
    if (wanted.isEmpty() && currentTable())
        wanted.append(currentTable()->name);
    if (wanted.isEmpty()) {
        showStatus(tr("Select the tables to add to the plan first."));
        return 0;
    }

    auto existing = m_writable->planEntries();
    if (!existing) {
        showError(tr("The table plan could not be read: %1").arg(existing.error().message));
        return -1;
    }
    // Every catalog table by name (the first source wins when two sources share a name).
    QList<CatalogTable> all;
    QStringList allNames;
    for (const Source &s : std::as_const(m_sources)) {
        if (!s.catalog)
            continue;
        for (const CatalogTable &t : s.catalog->tables) {
            if (allNames.contains(t.name, Qt::CaseInsensitive))
                continue;
            all.append(t);
            allNames.append(t.name);
        }
    }
    QList<PlanEntry> entries = *existing;
    QStringList added;
    for (const QString &name : std::as_const(wanted)) {
        const bool planned = std::any_of(entries.cbegin(), entries.cend(), [&](const PlanEntry &e) {
            return e.tableName.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (planned)
            continue;
        PlanEntry entry;
        entry.tableName = name;
        const int at = int(allNames.indexOf(name));
        entry.recordsToMigrate = at >= 0 ? std::max<qint64>(0, all.at(at).rowCount) : 0;
        entries.append(entry);
        added.append(name);
    }
    if (added.isEmpty()) {
        showStatus(tr("Already in the plan: %1.").arg(wanted.join(QStringLiteral(", "))));
        return 0;
    }
    // Load order over the whole catalog, so parents come first even through tables left out of the plan;
    // tables the catalog does not know keep their place after the known ones.
    const LoadPlan plan = planLoadOrder(all);
    std::stable_sort(entries.begin(), entries.end(), [&plan](const PlanEntry &a, const PlanEntry &b) {
        const int ia = plan.indexOf(a.tableName);
        const int ib = plan.indexOf(b.tableName);
        return (ia < 0 ? INT_MAX : ia) < (ib < 0 ? INT_MAX : ib);
    });
    for (int i = 0; i < entries.size(); ++i)
        entries[i].order = i + 1;
    if (auto saved = m_writable->setPlanEntries(entries); !saved) {
        showError(tr("The table plan could not be saved: %1").arg(saved.error().message));
        return -1;
    }
    showStatus(tr("Added %1 to the plan (%2); the plan now holds %3 in load order.")
                   .arg(tableCountText(added.size()), added.join(QStringLiteral(", ")),
                        tableCountText(entries.size())));
    return int(added.size());
}

void CatalogPage::updateActions()
{
    const bool open = workspace() != nullptr;
    const bool discovering = m_discovery != nullptr;
    const QModelIndex current = m_tree->currentIndex();
    m_addSourceButton->setEnabled(open);
    m_discoverButton->setEnabled(open && current.isValid() && !discovering);
    m_cancelButton->setEnabled(discovering || m_profiling);
    m_progress->setVisible(discovering);
    const Source *s = source(m_currentSource);
    m_profileButton->setEnabled(currentTable() && !m_profiling && s && !s->discovering);
    m_addToPlanButton->setEnabled(m_writable && (m_tree->selectionModel()->hasSelection() || currentTable()));
}

void CatalogPage::showStatus(const QString &message)
{
    m_lastStatus = message;
    if (auto *mainWindow = qobject_cast<QMainWindow *>(window()))
        mainWindow->statusBar()->showMessage(message, 10000);
}

void CatalogPage::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorBox->show();
}

void CatalogPage::clearError()
{
    m_errorLabel->clear();
    m_errorBox->hide();
}

QString CatalogPage::statusMessage() const
{
    return m_lastStatus;
}

QString CatalogPage::errorMessage() const
{
    return m_errorBox->isHidden() ? QString() : m_errorLabel->text();
}

} // namespace ferry::ui
