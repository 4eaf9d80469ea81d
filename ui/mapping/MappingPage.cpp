#include "MappingPage.h"

#include "ui_MappingPage.h"

#include "ColumnBadgeDelegate.h"
#include "ColumnModel.h"
#include "FieldMapModel.h"
#include "MappingEditCommand.h"
#include "MappingListModel.h"
#include "PreviewModel.h"
#include "Resources.h"
#include "widgets/PlaceholderPanel.h"

#include <ferry/mapping/AutoMap.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ferry::ui {

using namespace ferry::mapping;
using json = nlohmann::json;

namespace {

// What each transform step takes, for the editor's hint line and the parameters a new step starts with.
struct OpInfo
{
    const char *op;
    const char *params;
    const char *help;
};

constexpr OpInfo kOps[] = {
    {"trim", "{}", QT_TRANSLATE_NOOP("MappingPage", "side: \"both\" | \"left\" | \"right\"")},
    {"case", R"j({"to": "upper"})j",
     QT_TRANSLATE_NOOP("MappingPage", "to: \"upper\" | \"lower\" | \"title\"")},
    {"substring", R"j({"start": 0, "length": 10})j",
     QT_TRANSLATE_NOOP("MappingPage", "start (0-based), length (optional): part of the text")},
    {"concat", R"j({"separator": " "})j",
     QT_TRANSLATE_NOOP("MappingPage", "separator, skipEmpty: joins every source column's text")},
    {"split", R"j({"separator": ",", "part": 0})j",
     QT_TRANSLATE_NOOP("MappingPage", "separator, part (negative counts from the end)")},
    {"replace", R"j({"find": "-", "with": ""})j",
     QT_TRANSLATE_NOOP("MappingPage", "find, with, caseSensitive")},
    {"regex", R"j({"pattern": "(\\d+)", "mode": "extract", "group": 1})j",
     QT_TRANSLATE_NOOP("MappingPage",
                       "pattern, mode: \"extract\" | \"replace\", group, with, caseSensitive")},
    {"constant", R"j({"value": ""})j",
     QT_TRANSLATE_NOOP("MappingPage", "value: sent whatever the source holds")},
    {"default", R"j({"value": ""})j",
     QT_TRANSLATE_NOOP("MappingPage", "value, whenEmpty: the value when the input is null (or empty)")},
    {"nullif", R"j({"values": [""]})j",
     QT_TRANSLATE_NOOP("MappingPage", "values, trim: null when the text is one of them")},
    {"number", R"j({"type": "decimal", "decimal": "."})j",
     QT_TRANSLATE_NOOP("MappingPage",
                       "type: \"int\" | \"decimal\" | \"double\", decimal, thousands, locale")},
    {"date", R"j({"formats": ["yyyy-MM-dd"], "kind": "date"})j",
     QT_TRANSLATE_NOOP("MappingPage", "formats (QDateTime patterns), locale, kind: \"date\" | \"datetime\"")},
    {"bool", "{}",
     QT_TRANSLATE_NOOP("MappingPage", "true, false: extra words besides yes/no/1/0/true/false/on/off")},
    {"text", "{}", QT_TRANSLATE_NOOP("MappingPage", "no parameters: any value becomes its canonical text")},
    {"datetime", R"j({"timeZone": "UTC"})j",
     QT_TRANSLATE_NOOP("MappingPage", "timeZone (IANA id): overrides the mapping's source time zone")},
    {"option", R"j({"map": {}, "match": "label", "unmapped": "error"})j",
     QT_TRANSLATE_NOOP("MappingPage",
                       "map {source: label or value}, match, unmapped: error | default | null | pass, "
                       "default")},
    {"lookup", R"j({"table": "", "key": ""})j",
     QT_TRANSLATE_NOOP("MappingPage",
                       "table + key (alternate key, \"$id\", \"$deterministic\"), or targets: [...]")},
    {"owner", R"j({"by": "email"})j",
     QT_TRANSLATE_NOOP("MappingPage", "by: \"email\" | \"name\" | \"domainname\", default")},
    {"expr", R"j({"expr": "trim(first)"})j",
     QT_TRANSLATE_NOOP("MappingPage",
                       "expr: concat, upper, lower, trim, title, substring, left, right, replace, "
                       "coalesce, len, if_empty, split")},
};

const OpInfo *opInfo(const QString &op)
{
    for (const OpInfo &info : kOps)
        if (op == QLatin1String(info.op))
            return &info;
    return nullptr;
}

json templateParams(const QString &op)
{
    const OpInfo *info = opInfo(op);
    return info ? json::parse(info->params) : json::object();
}

QString paramsText(const json &params)
{
    return params.empty() ? QStringLiteral("{}") : QString::fromStdString(params.dump(2));
}

QStringList splitList(const QString &text)
{
    QStringList list;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            list.append(part.trimmed());
    return list;
}

QString severityText(Severity severity)
{
    return severity == Severity::Error ? MappingPage::tr("error") : MappingPage::tr("warning");
}

QFrame *makeErrorBox(QWidget *parent, QLabel **label, QListWidget **list, QPushButton **dismiss)
{
    auto *box = new QFrame(parent);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setFrameShape(QFrame::StyledPanel);
    box->setStyleSheet(QStringLiteral("QFrame#errorBox { border: 1px solid #c0392b; border-radius: 4px;"
                                      " background: rgba(192, 57, 43, 28); }"
                                      "QFrame#errorBox QLabel { border: none; background: transparent; }"));
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(8, 6, 8, 6);
    auto *icon = new QLabel(box);
    icon->setPixmap(box->style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
    auto *texts = new QVBoxLayout;
    *label = new QLabel(box);
    (*label)->setObjectName(QStringLiteral("errorLabel"));
    (*label)->setWordWrap(true);
    (*label)->setTextInteractionFlags(Qt::TextSelectableByMouse);
    *list = new QListWidget(box);
    (*list)->setObjectName(QStringLiteral("errorList"));
    (*list)->setMaximumHeight(110);
    texts->addWidget(*label);
    texts->addWidget(*list);
    *dismiss = new QPushButton(MappingPage::tr("Dismiss"), box);
    (*dismiss)->setObjectName(QStringLiteral("dismissErrorButton"));
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    layout->addWidget(*dismiss, 0, Qt::AlignTop);
    return box;
}

QTableView *makeTable(QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->setWordWrap(false);
    return view;
}

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

MappingPage::MappingPage(QWidget *parent) : Page(parent), m_ui(std::make_unique<Ui::MappingPage>())
{
    m_ui->setupUi(this);
    styleHeading(m_ui->titleLabel);
    m_ui->iconLabel->setPixmap(icon().pixmap(32, 32));
    usePlaceholder(m_ui->placeholder);
    if (auto *notBuilt = m_ui->placeholder->findChild<QWidget *>(QStringLiteral("notBuiltBox")))
        notBuilt->hide();
    m_pool.setMaxThreadCount(1);
    m_undo = new QUndoStack(this);
    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(250);
    connect(m_previewTimer, &QTimer::timeout, this, &MappingPage::startPreview);
    buildContent();
    attachWorkspace(nullptr);
}

MappingPage::~MappingPage()
{
    stopBackgroundWork();
    // The children go after this class's members: none of their last signals (an undo stack clearing
    // itself, a tab widget losing its tabs) may reach the page.
    for (QObject *child : findChildren<QObject *>())
        child->disconnect(this);
}

QString MappingPage::title() const
{
    return m_ui->titleLabel->text();
}

QIcon MappingPage::icon() const
{
    return themeIcon(QStringLiteral("mapping"));
}

void MappingPage::buildContent()
{
    QWidget *content = m_ui->content;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    const QStyle *st = style();

    // Toolbar.
    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    auto *connectionLabel = new QLabel(tr("&Target:"), content);
    m_connectionCombo = new QComboBox(content);
    m_connectionCombo->setObjectName(QStringLiteral("connectionCombo"));
    m_connectionCombo->setToolTip(
        tr("The connection whose cached metadata the mappings are checked against"));
    m_connectionCombo->setMinimumContentsLength(14);
    connectionLabel->setBuddy(m_connectionCombo);
    QAction *undo = m_undo->createUndoAction(this, tr("Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    undo->setIcon(st->standardIcon(QStyle::SP_ArrowBack));
    QAction *redo = m_undo->createRedoAction(this, tr("Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    redo->setIcon(st->standardIcon(QStyle::SP_ArrowForward));
    addAction(undo);
    addAction(redo);
    // Own buttons rather than the actions' default buttons: the actions' text names the edit ("Undo Map
    // ferry_name"), which would make the toolbar jump in width; the tooltip carries it instead.
    m_undoButton = new QToolButton(content);
    m_undoButton->setObjectName(QStringLiteral("undoButton"));
    m_undoButton->setText(tr("Undo"));
    m_undoButton->setIcon(undo->icon());
    m_undoButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_undoButton->setEnabled(false);
    m_redoButton = new QToolButton(content);
    m_redoButton->setObjectName(QStringLiteral("redoButton"));
    m_redoButton->setText(tr("Redo"));
    m_redoButton->setIcon(redo->icon());
    m_redoButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_redoButton->setEnabled(false);
    connect(m_undoButton, &QToolButton::clicked, m_undo, &QUndoStack::undo);
    connect(m_redoButton, &QToolButton::clicked, m_undo, &QUndoStack::redo);
    connect(m_undo, &QUndoStack::canUndoChanged, m_undoButton, &QWidget::setEnabled);
    connect(m_undo, &QUndoStack::canRedoChanged, m_redoButton, &QWidget::setEnabled);
    connect(m_undo, &QUndoStack::undoTextChanged, m_undoButton, [this](const QString &text) {
        m_undoButton->setToolTip(text.isEmpty() ? tr("Nothing to undo") : tr("Undo %1 (Ctrl+Z)").arg(text));
    });
    connect(m_undo, &QUndoStack::redoTextChanged, m_redoButton, [this](const QString &text) {
        m_redoButton->setToolTip(text.isEmpty() ? tr("Nothing to redo")
                                                : tr("Redo %1 (Ctrl+Shift+Z)").arg(text));
    });
    m_saveButton = new QPushButton(st->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"), content);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setToolTip(tr("Save the mappings to the workspace (Ctrl+S). Leaving the page saves too."));
    m_importButton = new QPushButton(st->standardIcon(QStyle::SP_DialogOpenButton), tr("&Import…"), content);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_importButton->setToolTip(
        tr("Read mappings from an exported JSON file; mappings of the same name are replaced"));
    m_exportButton = new QPushButton(st->standardIcon(QStyle::SP_DriveFDIcon), tr("E&xport…"), content);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setToolTip(tr("Write every mapping to a readable, diffable JSON file"));
    m_autoMapButton =
        new QPushButton(st->standardIcon(QStyle::SP_FileDialogContentsView), tr("&Auto-map…"), content);
    m_autoMapButton->setObjectName(QStringLiteral("autoMapButton"));
    m_autoMapButton->setToolTip(tr("Suggest target tables and columns from names and types"));
    m_statusLabel = new QLabel(content);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bar->addWidget(connectionLabel);
    bar->addWidget(m_connectionCombo);
    bar->addSpacing(8);
    bar->addWidget(m_undoButton);
    bar->addWidget(m_redoButton);
    bar->addWidget(m_saveButton);
    bar->addSpacing(8);
    bar->addWidget(m_autoMapButton);
    bar->addWidget(m_importButton);
    bar->addWidget(m_exportButton);
    bar->addWidget(m_statusLabel, 1);
    layout->addLayout(bar);

    QPushButton *dismiss = nullptr;
    m_errorBox = makeErrorBox(content, &m_errorLabel, &m_errorList, &dismiss);
    m_errorBox->hide();
    layout->addWidget(m_errorBox);
    connect(dismiss, &QPushButton::clicked, this, &MappingPage::clearError);

    auto *splitter = new QSplitter(Qt::Horizontal, content);
    splitter->setObjectName(QStringLiteral("mappingSplitter"));
    splitter->setChildrenCollapsible(false);

    // Left: the mappings.
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(4);
    leftLayout->addWidget(sectionLabel(tr("Mappings"), left));
    m_listModel = new MappingListModel(this);
    m_mappingView = makeTable(left, QStringLiteral("mappingList"));
    m_mappingView->setModel(m_listModel);
    m_mappingView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_mappingView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_mappingView->horizontalHeader()->setStretchLastSection(true);
    // Narrow by default: the target and the operation are in the tooltip and in the title on the right.
    m_mappingView->setColumnHidden(MappingListModel::TargetColumn, true);
    m_mappingView->setColumnHidden(MappingListModel::OperationColumn, true);
    leftLayout->addWidget(m_mappingView, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->setSpacing(4);
    m_addMappingButton = new QToolButton(left);
    m_addMappingButton->setText(tr("&Add…"));
    m_addMappingButton->setObjectName(QStringLiteral("addMappingButton"));
    m_addMappingButton->setToolTip(tr("Map another source table onto a target table"));
    m_duplicateButton = new QToolButton(left);
    m_duplicateButton->setText(tr("D&uplicate"));
    m_duplicateButton->setObjectName(QStringLiteral("duplicateMappingButton"));
    m_removeMappingButton = new QToolButton(left);
    m_removeMappingButton->setText(tr("Remove"));
    m_removeMappingButton->setObjectName(QStringLiteral("removeMappingButton"));
    listButtons->addWidget(m_addMappingButton);
    listButtons->addWidget(m_duplicateButton);
    listButtons->addWidget(m_removeMappingButton);
    listButtons->addStretch(1);
    leftLayout->addLayout(listButtons);

    // Right: the selected mapping.
    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(6, 0, 0, 0);
    rightLayout->setSpacing(4);
    m_mappingTitle = new QLabel(right);
    m_mappingTitle->setObjectName(QStringLiteral("mappingTitle"));
    QFont titleFont = m_mappingTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_mappingTitle->setFont(titleFont);
    m_mappingTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rightLayout->addWidget(m_mappingTitle);
    m_tabs = new QTabWidget(right);
    m_tabs->setObjectName(QStringLiteral("mappingTabs"));
    m_tabs->addTab(buildFieldsTab(), tr("&Fields"));
    m_tabs->addTab(buildSettingsTab(), tr("Se&ttings"));
    m_tabs->addTab(buildPreviewTab(), tr("&Preview"));
    rightLayout->addWidget(m_tabs, 1);

    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({190, 910});
    layout->addWidget(splitter, 1);

    connect(m_connectionCombo, &QComboBox::activated, this,
            [this] { selectConnection(m_connectionCombo->currentText()); });
    connect(m_saveButton, &QPushButton::clicked, this, [this] { save(); });
    connect(m_importButton, &QPushButton::clicked, this, &MappingPage::askAndImport);
    connect(m_exportButton, &QPushButton::clicked, this, &MappingPage::askAndExport);
    connect(m_autoMapButton, &QPushButton::clicked, this, &MappingPage::autoMap);
    connect(m_addMappingButton, &QToolButton::clicked, this, &MappingPage::askAndAddMapping);
    connect(m_duplicateButton, &QToolButton::clicked, this, [this] { duplicateMapping(m_currentMapping); });
    connect(m_removeMappingButton, &QToolButton::clicked, this, [this] { removeMapping(m_currentMapping); });
    connect(m_mappingView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MappingPage::onMappingSelected);
    // Queued: the request comes from inside the view's setData, and the edit resets the model.
    connect(m_listModel, &MappingListModel::enabledChangeRequested, this, &MappingPage::setMappingEnabled,
            Qt::QueuedConnection);
    connect(m_undo, &QUndoStack::cleanChanged, this, &MappingPage::updateActions);
    connect(m_undo, &QUndoStack::indexChanged, this, &MappingPage::updateActions);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == PreviewTab)
            schedulePreview();
    });

    auto *saveShortcut = new QShortcut(QKeySequence::Save, this);
    saveShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(saveShortcut, &QShortcut::activated, this, [this] { save(); });
}

QWidget *MappingPage::buildFieldsTab()
{
    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *vertical = new QSplitter(Qt::Vertical, tab);
    vertical->setChildrenCollapsible(false);

    // Top: source columns | field maps | target columns.
    auto *columns = new QSplitter(Qt::Horizontal, vertical);
    columns->setChildrenCollapsible(false);
    auto *badges = new ColumnBadgeDelegate(this);

    auto *sourcePane = new QWidget(columns);
    auto *sourceLayout = new QVBoxLayout(sourcePane);
    sourceLayout->setContentsMargins(0, 0, 0, 0);
    sourceLayout->setSpacing(2);
    sourceLayout->addWidget(sectionLabel(tr("Source columns"), sourcePane));
    m_sourceModel = new ColumnModel(this);
    m_sourceView = makeTable(sourcePane, QStringLiteral("sourceColumns"));
    m_sourceView->setModel(m_sourceModel);
    m_sourceView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_sourceView->setItemDelegateForColumn(ColumnModel::BadgesColumn, badges);
    // Names whole, types elided when space is short (their tooltip has everything).
    m_sourceView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_sourceView->horizontalHeader()->setSectionResizeMode(ColumnModel::TypeColumn, QHeaderView::Stretch);
    sourceLayout->addWidget(m_sourceView, 1);

    auto *fieldPane = new QWidget(columns);
    auto *fieldLayout = new QVBoxLayout(fieldPane);
    fieldLayout->setContentsMargins(0, 0, 0, 0);
    fieldLayout->setSpacing(2);
    fieldLayout->addWidget(sectionLabel(tr("Field maps"), fieldPane));
    m_fieldModel = new FieldMapModel(this);
    m_fieldView = makeTable(fieldPane, QStringLiteral("fieldMaps"));
    m_fieldView->setModel(m_fieldModel);
    m_fieldView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fieldView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_fieldView->horizontalHeader()->setSectionResizeMode(FieldMapModel::TransformsColumn,
                                                          QHeaderView::Stretch);
    fieldLayout->addWidget(m_fieldView, 1);
    auto *fieldButtons = new QHBoxLayout;
    m_mapButton = new QPushButton(tr("&Map Selected Columns"), fieldPane);
    m_mapButton->setObjectName(QStringLiteral("mapColumnsButton"));
    m_mapButton->setToolTip(
        tr("Feed the selected target column from the selected source columns (double-click a target column "
           "does the same)"));
    m_removeFieldButton = new QPushButton(tr("Remove Field"), fieldPane);
    m_removeFieldButton->setObjectName(QStringLiteral("removeFieldButton"));
    fieldButtons->addWidget(m_mapButton);
    fieldButtons->addWidget(m_removeFieldButton);
    fieldButtons->addStretch(1);
    fieldLayout->addLayout(fieldButtons);

    auto *targetPane = new QWidget(columns);
    auto *targetLayout = new QVBoxLayout(targetPane);
    targetLayout->setContentsMargins(0, 0, 0, 0);
    targetLayout->setSpacing(2);
    targetLayout->addWidget(sectionLabel(tr("Target columns"), targetPane));
    m_targetModel = new ColumnModel(this);
    m_targetView = makeTable(targetPane, QStringLiteral("targetColumns"));
    m_targetView->setModel(m_targetModel);
    m_targetView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_targetView->setItemDelegateForColumn(ColumnModel::BadgesColumn, badges);
    m_targetView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_targetView->horizontalHeader()->setSectionResizeMode(ColumnModel::TypeColumn, QHeaderView::Stretch);
    targetLayout->addWidget(m_targetView, 1);

    columns->addWidget(sourcePane);
    columns->addWidget(fieldPane);
    columns->addWidget(targetPane);
    columns->setStretchFactor(0, 5);
    columns->setStretchFactor(1, 8);
    columns->setStretchFactor(2, 7);
    columns->setSizes({230, 400, 330});

    // Bottom: the selected field's editor | the findings.
    auto *bottom = new QSplitter(Qt::Horizontal, vertical);
    bottom->setChildrenCollapsible(false);
    m_fieldEditor = new QGroupBox(bottom);
    m_fieldEditor->setObjectName(QStringLiteral("fieldEditor"));
    auto *editor = new QVBoxLayout(m_fieldEditor);
    editor->setContentsMargins(6, 6, 6, 6);
    editor->setSpacing(4);
    m_fieldTitle = new QLabel(m_fieldEditor);
    m_fieldTitle->setObjectName(QStringLiteral("fieldTitle"));
    QFont bold = m_fieldTitle->font();
    bold.setBold(true);
    m_fieldTitle->setFont(bold);
    editor->addWidget(m_fieldTitle);
    auto *sourcesRow = new QHBoxLayout;
    auto *sourcesLabel = new QLabel(tr("S&ources:"), m_fieldEditor);
    m_sourcesEdit = new QLineEdit(m_fieldEditor);
    m_sourcesEdit->setObjectName(QStringLiteral("sourcesEdit"));
    m_sourcesEdit->setPlaceholderText(tr("source columns, comma-separated (joined: alias.column)"));
    sourcesLabel->setBuddy(m_sourcesEdit);
    sourcesRow->addWidget(sourcesLabel);
    sourcesRow->addWidget(m_sourcesEdit, 1);
    editor->addLayout(sourcesRow);

    auto *chain = new QHBoxLayout;
    auto *stepColumn = new QVBoxLayout;
    stepColumn->addWidget(new QLabel(tr("Transform chain (applied top to bottom):"), m_fieldEditor));
    m_steps = new QListWidget(m_fieldEditor);
    m_steps->setObjectName(QStringLiteral("stepList"));
    stepColumn->addWidget(m_steps, 1);
    auto *stepButtons = new QHBoxLayout;
    stepButtons->setSpacing(3);
    m_addOpCombo = new QComboBox(m_fieldEditor);
    m_addOpCombo->setObjectName(QStringLiteral("addOpCombo"));
    m_addOpCombo->addItems(transformOps());
    m_addStepButton = new QPushButton(tr("Add"), m_fieldEditor);
    m_addStepButton->setObjectName(QStringLiteral("addStepButton"));
    m_removeStepButton = new QPushButton(tr("Remove"), m_fieldEditor);
    m_removeStepButton->setObjectName(QStringLiteral("removeStepButton"));
    m_stepUpButton = new QPushButton(m_fieldEditor);
    m_stepUpButton->setObjectName(QStringLiteral("stepUpButton"));
    m_stepUpButton->setIcon(style()->standardIcon(QStyle::SP_ArrowUp));
    m_stepUpButton->setToolTip(tr("Move the step up"));
    m_stepDownButton = new QPushButton(m_fieldEditor);
    m_stepDownButton->setObjectName(QStringLiteral("stepDownButton"));
    m_stepDownButton->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    m_stepDownButton->setToolTip(tr("Move the step down"));
    stepButtons->addWidget(m_addOpCombo, 1);
    stepButtons->addWidget(m_addStepButton);
    stepButtons->addWidget(m_removeStepButton);
    stepButtons->addWidget(m_stepUpButton);
    stepButtons->addWidget(m_stepDownButton);
    stepColumn->addLayout(stepButtons);
    chain->addLayout(stepColumn, 2);

    auto *paramsColumn = new QVBoxLayout;
    auto *opRow = new QHBoxLayout;
    auto *opLabel = new QLabel(tr("O&peration:"), m_fieldEditor);
    m_stepOpCombo = new QComboBox(m_fieldEditor);
    m_stepOpCombo->setObjectName(QStringLiteral("stepOpCombo"));
    m_stepOpCombo->addItems(transformOps());
    opLabel->setBuddy(m_stepOpCombo);
    m_applyParamsButton = new QPushButton(tr("Appl&y"), m_fieldEditor);
    m_applyParamsButton->setObjectName(QStringLiteral("applyParamsButton"));
    m_applyParamsButton->setToolTip(tr("Apply the parameters (Ctrl+Return)"));
    opRow->addWidget(opLabel);
    opRow->addWidget(m_stepOpCombo, 1);
    opRow->addWidget(m_applyParamsButton);
    paramsColumn->addLayout(opRow);
    m_opHelp = new QLabel(m_fieldEditor);
    m_opHelp->setObjectName(QStringLiteral("opHelp"));
    m_opHelp->setWordWrap(true);
    m_opHelp->setEnabled(false);
    paramsColumn->addWidget(m_opHelp);
    m_paramsEdit = new QPlainTextEdit(m_fieldEditor);
    m_paramsEdit->setObjectName(QStringLiteral("paramsEdit"));
    m_paramsEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_paramsEdit->setTabChangesFocus(true);
    m_paramsEdit->setAccessibleName(tr("Step parameters (JSON)"));
    paramsColumn->addWidget(m_paramsEdit, 1);
    m_paramsStatus = new QLabel(m_fieldEditor);
    m_paramsStatus->setObjectName(QStringLiteral("paramsStatus"));
    m_paramsStatus->setWordWrap(true);
    m_paramsStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    paramsColumn->addWidget(m_paramsStatus);
    chain->addLayout(paramsColumn, 3);
    editor->addLayout(chain, 1);

    auto *warningsPane = new QWidget(bottom);
    auto *warningsLayout = new QVBoxLayout(warningsPane);
    warningsLayout->setContentsMargins(0, 0, 0, 0);
    warningsLayout->setSpacing(2);
    m_warningsTitle = sectionLabel(tr("Findings"), warningsPane);
    warningsLayout->addWidget(m_warningsTitle);
    m_warnings = new QListWidget(warningsPane);
    m_warnings->setObjectName(QStringLiteral("warningList"));
    m_warnings->setWordWrap(true);
    m_warnings->setToolTip(tr("Click a finding to select its field"));
    warningsLayout->addWidget(m_warnings, 1);
    bottom->addWidget(m_fieldEditor);
    bottom->addWidget(warningsPane);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);

    vertical->addWidget(columns);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    layout->addWidget(vertical);

    connect(m_fieldView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MappingPage::onFieldSelected);
    connect(m_steps, &QListWidget::currentRowChanged, this, &MappingPage::onStepSelected);
    connect(m_paramsEdit, &QPlainTextEdit::textChanged, this, &MappingPage::onParamsEdited);
    connect(m_applyParamsButton, &QPushButton::clicked, this, &MappingPage::applyParams);
    auto *applyShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_paramsEdit);
    applyShortcut->setContext(Qt::WidgetShortcut);
    connect(applyShortcut, &QShortcut::activated, this, &MappingPage::applyParams);
    connect(m_addStepButton, &QPushButton::clicked, this, &MappingPage::addStep);
    connect(m_removeStepButton, &QPushButton::clicked, this, &MappingPage::removeStep);
    connect(m_stepUpButton, &QPushButton::clicked, this, [this] { moveStep(-1); });
    connect(m_stepDownButton, &QPushButton::clicked, this, [this] { moveStep(1); });
    connect(m_stepOpCombo, &QComboBox::activated, this,
            [this] { changeStepOp(m_stepOpCombo->currentText()); });
    connect(m_sourcesEdit, &QLineEdit::editingFinished, this, [this] {
        if (!m_updating && !m_currentField.isEmpty())
            setFieldSources(m_currentField, splitList(m_sourcesEdit->text()));
    });
    connect(m_mapButton, &QPushButton::clicked, this, &MappingPage::mapSelectedColumns);
    connect(m_targetView, &QTableView::doubleClicked, this, &MappingPage::mapSelectedColumns);
    connect(m_removeFieldButton, &QPushButton::clicked, this, [this] { removeField(m_currentField); });
    connect(m_warnings, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { activateIssue(m_warnings->row(item)); });
    connect(m_warnings, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { activateIssue(m_warnings->row(item)); });
    connect(m_sourceView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MappingPage::updateActions);
    connect(m_targetView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MappingPage::updateActions);
    return tab;
}

QWidget *MappingPage::buildSettingsTab()
{
    auto *tab = new QWidget;
    auto *outer = new QHBoxLayout(tab);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_nameEdit = new QLineEdit(tab);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_enabledCheck = new QCheckBox(tr("Include in runs and dry runs"), tab);
    m_enabledCheck->setObjectName(QStringLiteral("enabledCheck"));
    m_sourceCombo = new QComboBox(tab);
    m_sourceCombo->setObjectName(QStringLiteral("sourceTableCombo"));
    m_targetCombo = new QComboBox(tab);
    m_targetCombo->setObjectName(QStringLiteral("targetTableCombo"));
    m_targetCombo->setEditable(true);
    m_targetCombo->setInsertPolicy(QComboBox::NoInsert);
    m_operationCombo = new QComboBox(tab);
    m_operationCombo->setObjectName(QStringLiteral("operationCombo"));
    m_operationCombo->addItem(tr("Upsert (insert or update by key)"), operationName(Operation::Upsert));
    m_operationCombo->addItem(tr("Create (insert only)"), operationName(Operation::Create));
    m_operationCombo->addItem(tr("Update (by primary id)"), operationName(Operation::Update));
    m_keyStrategyCombo = new QComboBox(tab);
    m_keyStrategyCombo->setObjectName(QStringLiteral("keyStrategyCombo"));
    m_keyStrategyCombo->addItem(tr("Alternate key"), keyStrategyName(KeyStrategy::AlternateKey));
    m_keyStrategyCombo->addItem(tr("Deterministic id (from the source key)"),
                                keyStrategyName(KeyStrategy::DeterministicId));
    m_keyStrategyCombo->addItem(tr("Server id (create only; a resend duplicates)"),
                                keyStrategyName(KeyStrategy::ServerId));
    m_alternateKeyCombo = new QComboBox(tab);
    m_alternateKeyCombo->setObjectName(QStringLiteral("alternateKeyCombo"));
    m_alternateKeyCombo->setEditable(true);
    m_alternateKeyCombo->setInsertPolicy(QComboBox::NoInsert);
    m_keyColumnsEdit = new QLineEdit(tab);
    m_keyColumnsEdit->setObjectName(QStringLiteral("keyColumnsEdit"));
    m_keyColumnsEdit->setPlaceholderText(tr("default: the source table's primary key"));
    m_batchSpin = new QSpinBox(tab);
    m_batchSpin->setObjectName(QStringLiteral("batchSizeSpin"));
    m_batchSpin->setRange(1, 1000);
    m_batchSpin->setSuffix(tr(" records per request"));
    m_zoneCombo = new QComboBox(tab);
    m_zoneCombo->setObjectName(QStringLiteral("timeZoneCombo"));
    m_zoneCombo->setEditable(true);
    m_zoneCombo->setInsertPolicy(QComboBox::NoInsert);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zoneCombo->addItem(QString::fromLatin1(id));
    m_deleteMissingCheck =
        new QCheckBox(tr("Delete target rows whose source row vanished (delta runs)"), tab);
    m_deleteMissingCheck->setObjectName(QStringLiteral("deleteMissingCheck"));
    m_queryView = new QPlainTextEdit(tab);
    m_queryView->setObjectName(QStringLiteral("queryView"));
    m_queryView->setReadOnly(true);
    m_queryView->setMaximumHeight(80);
    m_queryView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_joinsLabel = new QLabel(tab);
    m_joinsLabel->setObjectName(QStringLiteral("joinsLabel"));
    m_joinsLabel->setWordWrap(true);
    form->addRow(tr("&Name:"), m_nameEdit);
    form->addRow(QString(), m_enabledCheck);
    form->addRow(tr("&Source table:"), m_sourceCombo);
    form->addRow(tr("Joined tables:"), m_joinsLabel);
    form->addRow(tr("Source query:"), m_queryView);
    form->addRow(tr("T&arget table:"), m_targetCombo);
    form->addRow(tr("&Operation:"), m_operationCombo);
    form->addRow(tr("&Key strategy:"), m_keyStrategyCombo);
    form->addRow(tr("Alternate &key:"), m_alternateKeyCombo);
    form->addRow(tr("Source key columns:"), m_keyColumnsEdit);
    form->addRow(tr("&Batch size:"), m_batchSpin);
    form->addRow(tr("Source time &zone:"), m_zoneCombo);
    form->addRow(QString(), m_deleteMissingCheck);
    outer->addLayout(form, 3);
    outer->addStretch(1);

    auto commit = [this] { commitSettings(); };
    connect(m_nameEdit, &QLineEdit::editingFinished, this, commit);
    connect(m_enabledCheck, &QCheckBox::clicked, this, commit);
    connect(m_sourceCombo, &QComboBox::activated, this, commit);
    connect(m_targetCombo, &QComboBox::activated, this, commit);
    connect(m_targetCombo->lineEdit(), &QLineEdit::editingFinished, this, commit);
    connect(m_operationCombo, &QComboBox::activated, this, commit);
    connect(m_keyStrategyCombo, &QComboBox::activated, this, commit);
    connect(m_alternateKeyCombo, &QComboBox::activated, this, commit);
    connect(m_alternateKeyCombo->lineEdit(), &QLineEdit::editingFinished, this, commit);
    connect(m_keyColumnsEdit, &QLineEdit::editingFinished, this, commit);
    connect(m_batchSpin, &QSpinBox::editingFinished, this, commit);
    connect(m_zoneCombo, &QComboBox::activated, this, commit);
    connect(m_zoneCombo->lineEdit(), &QLineEdit::editingFinished, this, commit);
    connect(m_deleteMissingCheck, &QCheckBox::clicked, this, commit);
    return tab;
}

QWidget *MappingPage::buildPreviewTab()
{
    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    m_previewStatus = new QLabel(tab);
    m_previewStatus->setObjectName(QStringLiteral("previewStatus"));
    m_previewStatus->setWordWrap(true);
    auto *refresh = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"), tab);
    refresh->setObjectName(QStringLiteral("refreshPreviewButton"));
    top->addWidget(m_previewStatus, 1);
    top->addWidget(refresh);
    layout->addLayout(top);
    auto *splitter = new QSplitter(Qt::Vertical, tab);
    splitter->setChildrenCollapsible(false);
    m_previewModel = new PreviewModel(this);
    m_previewView = makeTable(splitter, QStringLiteral("previewGrid"));
    m_previewView->setModel(m_previewModel);
    m_previewView->setSelectionMode(QAbstractItemView::SingleSelection);
    splitter->addWidget(m_previewView);
    auto *bottom = new QSplitter(Qt::Horizontal, splitter);
    auto *payloadPane = new QWidget(bottom);
    auto *payloadLayout = new QVBoxLayout(payloadPane);
    payloadLayout->setContentsMargins(0, 0, 0, 0);
    payloadLayout->addWidget(
        sectionLabel(tr("Payload of the selected row (as the run sends it)"), payloadPane));
    m_payloadView = new QPlainTextEdit(payloadPane);
    m_payloadView->setObjectName(QStringLiteral("payloadView"));
    m_payloadView->setReadOnly(true);
    m_payloadView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payloadView->setLineWrapMode(QPlainTextEdit::NoWrap);
    payloadLayout->addWidget(m_payloadView, 1);
    auto *issuesPane = new QWidget(bottom);
    auto *issuesLayout = new QVBoxLayout(issuesPane);
    issuesLayout->setContentsMargins(0, 0, 0, 0);
    issuesLayout->addWidget(sectionLabel(tr("Findings on the row"), issuesPane));
    m_rowIssues = new QListWidget(issuesPane);
    m_rowIssues->setObjectName(QStringLiteral("rowIssueList"));
    m_rowIssues->setWordWrap(true);
    issuesLayout->addWidget(m_rowIssues, 1);
    bottom->addWidget(payloadPane);
    bottom->addWidget(issuesPane);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(refresh, &QPushButton::clicked, this, &MappingPage::refreshPreview);
    connect(m_previewView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MappingPage::showPayload);
    connect(m_rowIssues, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString column = item->data(Qt::UserRole).toString();
        if (!column.isEmpty())
            selectField(m_currentMapping, column);
    });
    return tab;
}

// --- workspace ---------------------------------------------------------------------------------------------

void MappingPage::setWritableWorkspace(ferry::Workspace *workspace)
{
    // Unsaved edits belong to the workspace that is being replaced, which is still open here.
    if (workspace != m_writable)
        saveIfDirty();
    m_writable = workspace;
    setWorkspace(workspace);
}

void MappingPage::setWorkspace(const ferry::Workspace *workspace)
{
    if (workspace != m_writable) {
        saveIfDirty();
        m_writable = nullptr;
    }
    if (workspace == this->workspace() && workspace)
        return;
    stopBackgroundWork();
    Page::setWorkspace(workspace);
    attachWorkspace(workspace);
}

void MappingPage::attachWorkspace(const ferry::Workspace *workspace)
{
    const bool open = workspace != nullptr;
    m_ui->placeholder->setVisible(!open);
    m_ui->content->setVisible(open);
    m_ui->bottomSpacer->changeSize(0, 0, QSizePolicy::Minimum,
                                   open ? QSizePolicy::Fixed : QSizePolicy::Expanding);
    m_ui->pageLayout->invalidate();

    m_context = MappingContext();
    m_model = std::make_shared<const target::TargetModel>();
    m_set = MappingSet();
    m_savedSet = MappingSet();
    m_undo->clear();
    m_currentMapping.clear();
    m_currentField.clear();
    m_currentStep = -1;
    m_importErrors.clear();
    m_lastStatus.clear();
    m_previewError.clear();
    m_loadedOnce = false;
    m_previewModel->clear();
    clearError();
    m_connectionCombo->clear();
    refreshAll();
    if (open)
        startLoad(true);
}

void MappingPage::stopBackgroundWork()
{
    m_previewTimer->stop();
    m_pool.waitForDone();
    // Answers posted by the jobs that just ended belong to the old workspace.
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
    m_loading = 0;
    m_previewRunning = false;
    m_previewAgain = false;
}

void MappingPage::reload()
{
    if (workspace())
        startLoad(!isDirty());
}

void MappingPage::startLoad(bool withMappings)
{
    const quint64 generation = ++m_loadGeneration;
    ++m_loading;
    const QString path = workspace()->path();
    const QString connection = m_connectionCombo->currentText();
    QPointer<MappingPage> self(this);
    m_pool.start([self, this, generation, path, connection, withMappings] {
        MappingContext context = MappingContext::load(path, connection, withMappings);
        // The page waits for its pool before it goes, so `this` is alive; the event dies with the page.
        QMetaObject::invokeMethod(
            this, [this, generation, context, withMappings] { onLoaded(generation, context, withMappings); },
            Qt::QueuedConnection);
        (void)self;
    });
    updateActions();
}

void MappingPage::onLoaded(quint64 generation, const MappingContext &context, bool withMappings)
{
    m_loading = std::max(0, m_loading - 1);
    if (generation != m_loadGeneration)
        return;
    const bool firstLoad = !m_loadedOnce;
    m_loadedOnce = true;
    m_context = context;
    m_model = std::make_shared<const target::TargetModel>(m_context.model);
    {
        const QSignalBlocker blocker(m_connectionCombo);
        m_connectionCombo->clear();
        for (const auth::ConnectionProfile &p : std::as_const(m_context.connections))
            m_connectionCombo->addItem(p.name);
        m_connectionCombo->setCurrentText(m_context.connectionName);
    }
    if (withMappings && m_context.mappings) {
        m_set = *m_context.mappings;
        m_savedSet = m_set;
        m_undo->clear();
    }
    if (!m_context.errors.isEmpty())
        showError(tr("Part of the workspace could not be read."), m_context.errors);
    if (m_currentMapping.isEmpty() || !m_set.mapping(m_currentMapping))
        m_currentMapping = m_set.mappings.isEmpty() ? QString() : m_set.mappings.first().name;
    refreshAll();
    if (firstLoad) {
        if (m_context.connections.isEmpty())
            showStatus(
                tr("No target connection yet: add one (Target ▸ Connections…) and read its metadata to check "
                   "the mappings."));
        else if (m_model->isEmpty())
            showStatus(tr("The metadata of “%1” is not cached yet: read it on the Target page.")
                           .arg(m_context.connectionName));
        else
            showStatus(tr("%1 mappings; checked against “%2” (%3 tables).")
                           .arg(m_set.mappings.size())
                           .arg(m_context.connectionName)
                           .arg(m_model->entities().size()));
    }
    emit loaded();
}

bool MappingPage::selectConnection(const QString &name)
{
    if (!workspace() || !m_context.connection(name))
        return false;
    {
        const QSignalBlocker blocker(m_connectionCombo);
        m_connectionCombo->setCurrentText(name);
    }
    startLoad(false);
    return true;
}

QString MappingPage::currentConnectionName() const
{
    return m_context.connectionName;
}

const target::TargetModel &MappingPage::targetModel() const
{
    return *m_model;
}

void MappingPage::setSystemUsers(const QList<SystemUser> &users)
{
    m_systemUsers = users;
    schedulePreview();
}

bool MappingPage::isDirty() const
{
    return m_set != m_savedSet;
}

Status MappingPage::save()
{
    if (!m_writable) {
        const Error e = Error::make(QStringLiteral("mapping.read-only"),
                                    QStringLiteral("The page has no writable workspace."));
        return e;
    }
    WorkspaceWriter *writer = m_writable->writer();
    if (!writer) {
        showError(tr("The mappings could not be saved."), {m_writable->writerError().message});
        return m_writable->writerError();
    }
    const MappingSet set = m_set;
    Status status = [&] {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        Status s = MappingStore::save(*writer, set);
        QApplication::restoreOverrideCursor();
        return s;
    }();
    if (!status) {
        showError(tr("The mappings could not be saved."), {status.error().message});
        return status;
    }
    m_savedSet = set;
    m_undo->setClean();
    showStatus(tr("Saved %1 mappings to the workspace.").arg(set.mappings.size()));
    updateActions();
    emit saved();
    return status;
}

bool MappingPage::saveIfDirty()
{
    if (!m_writable || !isDirty())
        return true;
    return save().ok();
}

void MappingPage::showEvent(QShowEvent *event)
{
    Page::showEvent(event);
    if (QWidget *w = window(); w && w != this)
        w->installEventFilter(this);
    // The Target page may have read new metadata, the Catalog page new profiles: read them again, keeping
    // the working copy.
    if (workspace() && m_loadedOnce)
        startLoad(!isDirty() && m_undo->count() == 0);
}

void MappingPage::hideEvent(QHideEvent *event)
{
    // Leaving the page for another page saves; a window that is closing saves through eventFilter().
    if (QWidget *w = window(); w && w != this && w->isVisible())
        saveIfDirty();
    Page::hideEvent(event);
}

bool MappingPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == window() && event->type() == QEvent::Close)
        saveIfDirty();
    return Page::eventFilter(watched, event);
}

// --- edits -------------------------------------------------------------------------------------------------

void MappingPage::applySet(const MappingSet &set, const QString &mapping, const QString &field)
{
    m_set = set;
    if (m_set.mapping(mapping))
        m_currentMapping = mapping;
    else if (!m_set.mapping(m_currentMapping))
        m_currentMapping = m_set.mappings.isEmpty() ? QString() : m_set.mappings.first().name;
    m_currentField = field;
    refreshAll();
}

bool MappingPage::pushEdit(const MappingSet &after, const QString &text, const QString &mappingAfter,
                           const QString &field)
{
    if (after == m_set)
        return false;
    m_undo->push(new MappingEditCommand(m_set, after, text, m_currentMapping, mappingAfter, field,
                                        [this](const MappingSet &set, const QString &mapping,
                                               const QString &f) { applySet(set, mapping, f); }));
    return true;
}

Mapping *MappingPage::mutableCurrent(MappingSet &set) const
{
    for (Mapping &m : set.mappings)
        if (m.name == m_currentMapping)
            return &m;
    return nullptr;
}

const Mapping *MappingPage::currentMapping() const
{
    return m_set.mapping(m_currentMapping);
}

const FieldMap *MappingPage::currentFieldMap() const
{
    const Mapping *m = currentMapping();
    return m ? m->field(m_currentField) : nullptr;
}

QString MappingPage::uniqueName(const QString &base) const
{
    QString name = base.isEmpty() ? QStringLiteral("mapping") : base;
    for (int n = 2; m_set.mapping(name); ++n)
        name = QStringLiteral("%1_%2").arg(base).arg(n);
    return name;
}

bool MappingPage::setFieldTransforms(const QString &targetColumn, const QList<TransformSpec> &chain)
{
    MappingSet after = m_set;
    Mapping *m = mutableCurrent(after);
    if (!m)
        return false;
    for (FieldMap &f : m->fields)
        if (f.target == targetColumn) {
            f.transforms = chain;
            return pushEdit(after, tr("Edit the transforms of %1").arg(targetColumn), m->name, targetColumn);
        }
    return false;
}

bool MappingPage::setFieldSources(const QString &targetColumn, const QStringList &sources)
{
    MappingSet after = m_set;
    Mapping *m = mutableCurrent(after);
    if (!m)
        return false;
    for (FieldMap &f : m->fields)
        if (f.target == targetColumn) {
            f.sources = sources;
            return pushEdit(after, tr("Change the sources of %1").arg(targetColumn), m->name, targetColumn);
        }
    return false;
}

bool MappingPage::addField(const FieldMap &field)
{
    MappingSet after = m_set;
    Mapping *m = mutableCurrent(after);
    if (!m || field.target.isEmpty())
        return false;
    for (FieldMap &f : m->fields)
        if (f.target == field.target) {
            f.sources = field.sources;
            return pushEdit(after, tr("Map %1").arg(field.target), m->name, field.target);
        }
    m->fields.append(field);
    return pushEdit(after, tr("Map %1").arg(field.target), m->name, field.target);
}

bool MappingPage::removeField(const QString &targetColumn)
{
    MappingSet after = m_set;
    Mapping *m = mutableCurrent(after);
    if (!m)
        return false;
    const auto removed = m->fields.removeIf([&](const FieldMap &f) { return f.target == targetColumn; });
    if (removed == 0)
        return false;
    return pushEdit(after, tr("Remove the field %1").arg(targetColumn), m->name, QString());
}

bool MappingPage::updateCurrentMapping(const Mapping &mapping, const QString &text)
{
    MappingSet after = m_set;
    Mapping *m = mutableCurrent(after);
    if (!m || mapping.name.trimmed().isEmpty())
        return false;
    if (mapping.name != m->name && m_set.mapping(mapping.name)) {
        showError(tr("A mapping named “%1” exists already.").arg(mapping.name));
        return false;
    }
    *m = mapping;
    return pushEdit(after, text, mapping.name, m_currentField);
}

bool MappingPage::setMappingEnabled(const QString &name, bool enabled)
{
    MappingSet after = m_set;
    for (Mapping &m : after.mappings)
        if (m.name == name) {
            m.enabled = enabled;
            return pushEdit(after, enabled ? tr("Enable %1").arg(name) : tr("Disable %1").arg(name), name,
                            QString());
        }
    return false;
}

bool MappingPage::addMapping(const QString &sourceName, const QString &sourceTable,
                             const QString &targetEntity, bool suggest)
{
    const CatalogTable *table = m_context.table(sourceName, sourceTable);
    const target::Entity *entity = m_model->entity(targetEntity);
    if (!table || !entity) {
        showError(tr("Choose a discovered source table and a target table whose metadata is cached."));
        return false;
    }
    Mapping mapping;
    if (suggest) {
        TableSuggestion s = suggestColumns(*table, *entity, *m_model, m_context.catalog(sourceName));
        s.sourceTable = table->name;
        s.targetEntity = entity->logicalName;
        mapping = mappingFromSuggestion(s, sourceName);
    } else {
        mapping.source.source = sourceName;
        mapping.source.table = table->name;
        mapping.targetEntity = entity->logicalName;
        mapping.keyStrategy = KeyStrategy::DeterministicId;
    }
    mapping.name = uniqueName(mapping.name.isEmpty() ? entity->logicalName : mapping.name);
    MappingSet after = m_set;
    after.mappings.append(mapping);
    return pushEdit(after, tr("Add the mapping %1").arg(mapping.name), mapping.name, QString());
}

bool MappingPage::duplicateMapping(const QString &name)
{
    const Mapping *source = m_set.mapping(name);
    if (!source)
        return false;
    Mapping copy = *source;
    copy.name = uniqueName(name + QStringLiteral("_copy"));
    // A copy that runs at once would send the same rows twice.
    copy.enabled = false;
    MappingSet after = m_set;
    after.mappings.insert(m_set.mappings.indexOf(*source) + 1, copy);
    return pushEdit(after, tr("Duplicate %1").arg(name), copy.name, QString());
}

bool MappingPage::removeMapping(const QString &name)
{
    MappingSet after = m_set;
    const auto index = std::find_if(after.mappings.cbegin(), after.mappings.cend(),
                                    [&](const Mapping &m) { return m.name == name; }) -
                       after.mappings.cbegin();
    if (index >= after.mappings.size())
        return false;
    after.mappings.removeAt(index);
    QString next;
    if (!after.mappings.isEmpty())
        next = after.mappings.at(std::min<qsizetype>(index, after.mappings.size() - 1)).name;
    return pushEdit(after, tr("Remove the mapping %1").arg(name), next, QString());
}

QList<AutoMapDialog::Suggestion> MappingPage::autoMapSuggestions() const
{
    QList<AutoMapDialog::Suggestion> result;
    for (const Catalog &catalog : m_context.catalogs)
        for (const TableSuggestion &s : suggestMappings(catalog, *m_model))
            result.append({catalog.sourceName, s});
    return result;
}

int MappingPage::addSuggestedMappings(const QList<AutoMapDialog::Suggestion> &accepted)
{
    MappingSet after = m_set;
    QString first;
    for (const auto &[sourceName, suggestion] : accepted) {
        Mapping mapping = mappingFromSuggestion(suggestion, sourceName);
        QString name = mapping.name.isEmpty() ? suggestion.targetEntity : mapping.name;
        for (int n = 2; after.mapping(name); ++n)
            name = QStringLiteral("%1_%2").arg(mapping.name).arg(n);
        mapping.name = name;
        after.mappings.append(mapping);
        if (first.isEmpty())
            first = name;
    }
    const int added = int(after.mappings.size() - m_set.mappings.size());
    if (added == 0)
        return 0;
    pushEdit(after, tr("Auto-map %1 tables").arg(added), first, QString());
    showStatus(tr("Added %1 mappings from auto-map suggestions.").arg(added));
    return added;
}

void MappingPage::autoMap()
{
    if (m_model->isEmpty() || m_context.catalogs.isEmpty()) {
        showError(tr(
            "Auto-map needs a discovered source (Catalog page) and cached target metadata (Target page)."));
        return;
    }
    const QList<AutoMapDialog::Suggestion> suggestions = autoMapSuggestions();
    if (suggestions.isEmpty()) {
        showStatus(tr("Auto-map found no target table that fits a source table."));
        return;
    }
    const QList<AutoMapDialog::Suggestion> accepted = askAutoMap(suggestions);
    if (!accepted.isEmpty())
        addSuggestedMappings(accepted);
}

QList<AutoMapDialog::Suggestion> MappingPage::askAutoMap(const QList<AutoMapDialog::Suggestion> &suggestions)
{
    QStringList mapped;
    for (const Mapping &m : std::as_const(m_set.mappings))
        mapped.append(m.source.table);
    AutoMapDialog dialog(suggestions, mapped, this);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return dialog.accepted();
}

void MappingPage::askAndAddMapping()
{
    if (m_model->isEmpty() || m_context.catalogs.isEmpty()) {
        showError(
            tr("A new mapping needs a discovered source (Catalog page) and cached target metadata (Target "
               "page)."));
        return;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add Mapping"));
    auto *form = new QFormLayout(&dialog);
    auto *source = new QComboBox(&dialog);
    for (const Catalog &c : std::as_const(m_context.catalogs))
        for (const CatalogTable &t : c.tables)
            source->addItem(QStringLiteral("%1 / %2").arg(c.sourceName, t.name),
                            QStringList{c.sourceName, t.name});
    auto *target = new QComboBox(&dialog);
    target->setEditable(true);
    target->setInsertPolicy(QComboBox::NoInsert);
    for (const target::Entity &e : m_model->entities())
        target->addItem(e.displayName.isEmpty() || e.displayName == e.logicalName
                            ? e.logicalName
                            : QStringLiteral("%1 (%2)").arg(e.logicalName, e.displayName),
                        e.logicalName);
    auto *suggest = new QCheckBox(tr("Suggest fields by name and type"), &dialog);
    suggest->setChecked(true);
    form->addRow(tr("Source table:"), source);
    form->addRow(tr("Target table:"), target);
    form->addRow(QString(), suggest);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QStringList picked = source->currentData().toStringList();
    QString entity = target->currentData().toString();
    if (target->currentIndex() < 0 || target->currentText() != target->itemText(target->currentIndex()))
        entity = target->currentText().section(QLatin1Char(' '), 0, 0);
    if (picked.size() == 2)
        addMapping(picked.at(0), picked.at(1), entity, suggest->isChecked());
}

// --- import / export ---------------------------------------------------------------------------------------

QString MappingPage::askImportPath()
{
    return QFileDialog::getOpenFileName(this, tr("Import Mappings"), QString(),
                                        tr("Mapping files (*.json);;All files (*)"));
}

QString MappingPage::askExportPath()
{
    QString dir;
    if (workspace())
        dir = QFileInfo(workspace()->path()).absolutePath();
    return QFileDialog::getSaveFileName(this, tr("Export Mappings"), QDir(dir).filePath(tr("mappings.json")),
                                        tr("Mapping files (*.json);;All files (*)"));
}

void MappingPage::askAndImport()
{
    const QString path = askImportPath();
    if (!path.isEmpty())
        importFile(path);
}

void MappingPage::askAndExport()
{
    const QString path = askExportPath();
    if (!path.isEmpty())
        exportFile(path);
}

bool MappingPage::importFile(const QString &path)
{
    m_importErrors.clear();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_importErrors.append(file.errorString());
        showError(tr("“%1” could not be read.").arg(QFileInfo(path).fileName()), m_importErrors);
        return false;
    }
    QList<MappingError> errors;
    auto imported = importMappings(file.readAll(), &errors);
    if (!imported) {
        for (const MappingError &e : std::as_const(errors))
            m_importErrors.append(e.path.isEmpty() ? e.message
                                                   : QStringLiteral("%1: %2").arg(e.path, e.message));
        if (m_importErrors.isEmpty())
            m_importErrors.append(imported.error().message);
        showError(tr("“%1” was not imported: it has %2 problems.")
                      .arg(QFileInfo(path).fileName())
                      .arg(m_importErrors.size()),
                  m_importErrors);
        return false;
    }
    MappingSet after = m_set;
    for (const Mapping &m : imported->mappings) {
        bool replaced = false;
        for (Mapping &existing : after.mappings)
            if (existing.name == m.name) {
                existing = m;
                replaced = true;
            }
        if (!replaced)
            after.mappings.append(m);
    }
    const QString first = imported->mappings.isEmpty() ? m_currentMapping : imported->mappings.first().name;
    clearError();
    pushEdit(after, tr("Import %1").arg(QFileInfo(path).fileName()), first, QString());
    showStatus(
        tr("Imported %1 mappings from “%2”.").arg(imported->mappings.size()).arg(QFileInfo(path).fileName()));
    return true;
}

bool MappingPage::exportFile(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(exportMappings(m_set)) < 0 || !file.commit()) {
        showError(tr("The mappings could not be written to “%1”.").arg(QFileInfo(path).fileName()),
                  {file.errorString()});
        return false;
    }
    showStatus(
        tr("Exported %1 mappings to “%2”.").arg(m_set.mappings.size()).arg(QFileInfo(path).fileName()));
    return true;
}

// --- display -----------------------------------------------------------------------------------------------

const CatalogTable *MappingPage::sourceTable(const Mapping &mapping) const
{
    if (!mapping.source.query.isEmpty())
        return nullptr;
    return m_context.table(mapping.source.source, mapping.source.table);
}

void MappingPage::refreshAll()
{
    m_allIssues.clear();
    QHash<QString, int> errors;
    QHash<QString, int> warnings;
    if (!m_model->isEmpty()) {
        for (int i = 0; i < m_set.mappings.size(); ++i) {
            const Mapping &m = m_set.mappings.at(i);
            const QList<MappingIssue> issues = validateMapping(m, *m_model, sourceTable(m), i);
            for (const MappingIssue &issue : issues)
                ++(issue.severity == Severity::Error ? errors : warnings)[m.name];
            m_allIssues.append(issues);
        }
    }
    m_updating = true;
    m_listModel->setMappings(m_set.mappings, errors, warnings);
    m_updating = false;
    refreshCurrent();
}

void MappingPage::refreshCurrent()
{
    m_updating = true;
    const Mapping *mapping = currentMapping();
    m_currentIssues.clear();
    if (mapping)
        for (const MappingIssue &issue : std::as_const(m_allIssues))
            if (issue.mapping == mapping->name)
                m_currentIssues.append(issue);
    if (mapping) {
        QString title = tr("%1: %2 → %3 (%4)")
                            .arg(mapping->name, mapping->source.table, mapping->targetEntity,
                                 operationName(mapping->operation));
        if (!mapping->enabled)
            title += tr(" (disabled)");
        m_mappingTitle->setText(title);
    } else {
        m_mappingTitle->setText(m_set.mappings.isEmpty()
                                    ? tr("No mappings yet: use Auto-map… or Add… to map a source table.")
                                    : tr("Select a mapping."));
    }
    if (mapping && !mapping->field(m_currentField))
        m_currentField.clear();
    m_fieldModel->setFields(mapping ? mapping->fields : QList<FieldMap>(), m_currentIssues);
    fillColumns(mapping);
    fillSettings(mapping);
    fillWarnings();
    m_updating = false;
    restoreSelection();
    fillFieldEditor();
    updateActions();
    m_previewModel->clear();
    m_payloadView->clear();
    m_rowIssues->clear();
    schedulePreview();
}

void MappingPage::fillColumns(const Mapping *mapping)
{
    QList<ColumnModel::Entry> sources;
    QList<ColumnModel::Entry> targets;
    if (mapping) {
        QSet<QString> usedSources;
        QSet<QString> usedTargets;
        for (const FieldMap &f : mapping->fields) {
            usedTargets.insert(f.target);
            for (const QString &s : f.sources)
                usedSources.insert(s.toLower());
        }
        auto addTable = [&](const CatalogTable &table, const QString &prefix) {
            QSet<QString> fkColumns;
            for (const ForeignKeyInfo &fk : table.foreignKeys)
                for (const QString &c : fk.columns)
                    fkColumns.insert(c);
            for (const CatalogColumn &c : table.columns) {
                ColumnModel::Entry e;
                e.name = prefix.isEmpty() ? c.info.name : prefix + QLatin1Char('.') + c.info.name;
                e.type = valueTypeName(c.info.type);
                if (prefix.isEmpty() && table.primaryKey.contains(c.info.name))
                    e.badges.append(QStringLiteral("PK"));
                if (fkColumns.contains(c.info.name))
                    e.badges.append(QStringLiteral("FK"));
                if (!c.info.nullable)
                    e.badges.append(QStringLiteral("NN"));
                QStringList tip{
                    tr("%1 (%2)").arg(e.name, c.info.declaredType.isEmpty() ? e.type : c.info.declaredType),
                    c.info.nullable ? tr("nullable") : tr("not null")};
                if (c.profile && c.profile->longestText >= 0) {
                    e.length = tr("longest %1").arg(c.profile->longestText);
                    tip.append(tr("longest value: %1 characters").arg(c.profile->longestText));
                } else if (c.info.length >= 0) {
                    e.length = tr("declared %1").arg(c.info.length);
                }
                if (c.info.length >= 0)
                    tip.append(tr("declared length: %1").arg(c.info.length));
                if (c.profile)
                    tip.append(tr("%1 nulls of %2 rows, %3 distinct")
                                   .arg(c.profile->nulls)
                                   .arg(c.profile->rows)
                                   .arg(c.profile->distinct));
                e.toolTip = tip.join(QLatin1Char('\n'));
                e.mapped = usedSources.contains(e.name.toLower());
                sources.append(e);
            }
        };
        if (const CatalogTable *table = sourceTable(*mapping)) {
            addTable(*table, QString());
            for (const JoinSpec &join : mapping->source.joins)
                if (const CatalogTable *joined = m_context.table(mapping->source.source, join.table))
                    addTable(*joined, join.alias.isEmpty() ? join.table : join.alias);
        }
        if (const target::Entity *entity = m_model->entity(mapping->targetEntity)) {
            QSet<QString> keyColumns;
            for (const target::AlternateKey &k : entity->keys)
                for (const QString &a : k.attributes)
                    keyColumns.insert(a);
            for (const target::Attribute &a : entity->attributes) {
                const bool writable = a.validForCreate || a.validForUpdate;
                if (!a.attributeOf.isEmpty() || (!writable && !a.isPrimaryId) ||
                    a.type == target::AttributeType::Virtual)
                    continue;
                ColumnModel::Entry e;
                e.name = a.logicalName;
                e.type = a.typeName.isEmpty() ? target::attributeTypeName(a.type) : a.typeName;
                if (a.isPrimaryId)
                    e.badges.append(QStringLiteral("PK"));
                if (keyColumns.contains(a.logicalName))
                    e.badges.append(QStringLiteral("KEY"));
                if (a.requiredLevel == target::RequiredLevel::SystemRequired)
                    e.badges.append(QStringLiteral("REQ"));
                else if (a.requiredLevel == target::RequiredLevel::ApplicationRequired)
                    e.badges.append(QStringLiteral("BIZ"));
                if (a.maxLength)
                    e.length = tr("max %1").arg(*a.maxLength);
                QStringList tip{tr("%1 (%2)").arg(a.displayName, a.logicalName), e.type};
                if (a.isLookup() && !a.targets.isEmpty())
                    tip.append(tr("points to %1").arg(a.targets.join(QStringLiteral(", "))));
                if (a.optionSet)
                    tip.append(tr("%1 options").arg(a.optionSet->options.size()));
                if (a.requiredLevel == target::RequiredLevel::SystemRequired)
                    tip.append(tr("required by the service"));
                else if (a.requiredLevel == target::RequiredLevel::ApplicationRequired)
                    tip.append(tr("business required (only the UI enforces it)"));
                if (!a.validForCreate)
                    tip.append(tr("not valid for create"));
                e.toolTip = tip.join(QLatin1Char('\n'));
                e.mapped = usedTargets.contains(a.logicalName);
                targets.append(e);
            }
        }
    }
    m_sourceModel->setEntries(sources);
    m_targetModel->setEntries(targets);
}

void MappingPage::fillSettings(const Mapping *mapping)
{
    const bool has = mapping != nullptr;
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_nameEdit, m_enabledCheck, m_sourceCombo, m_targetCombo, m_operationCombo, m_keyStrategyCombo,
             m_alternateKeyCombo, m_keyColumnsEdit, m_batchSpin, m_zoneCombo, m_deleteMissingCheck})
        w->setEnabled(has);
    if (!has)
        return;
    m_nameEdit->setText(mapping->name);
    m_enabledCheck->setChecked(mapping->enabled);
    m_sourceCombo->clear();
    for (const Catalog &c : std::as_const(m_context.catalogs))
        for (const CatalogTable &t : c.tables)
            m_sourceCombo->addItem(QStringLiteral("%1 / %2").arg(c.sourceName, t.name),
                                   QStringList{c.sourceName, t.name});
    const QString current = QStringLiteral("%1 / %2").arg(mapping->source.source, mapping->source.table);
    if (m_sourceCombo->findText(current) < 0)
        m_sourceCombo->addItem(current, QStringList{mapping->source.source, mapping->source.table});
    m_sourceCombo->setCurrentText(current);
    m_targetCombo->clear();
    for (const target::Entity &e : m_model->entities())
        m_targetCombo->addItem(e.logicalName);
    m_targetCombo->setCurrentText(mapping->targetEntity);
    m_operationCombo->setCurrentIndex(m_operationCombo->findData(operationName(mapping->operation)));
    m_keyStrategyCombo->setCurrentIndex(m_keyStrategyCombo->findData(keyStrategyName(mapping->keyStrategy)));
    m_alternateKeyCombo->clear();
    if (const target::Entity *entity = m_model->entity(mapping->targetEntity))
        for (const target::AlternateKey &k : entity->keys)
            m_alternateKeyCombo->addItem(k.logicalName);
    m_alternateKeyCombo->setCurrentText(mapping->alternateKey);
    m_alternateKeyCombo->setEnabled(mapping->keyStrategy == KeyStrategy::AlternateKey);
    m_keyColumnsEdit->setText(mapping->source.keyColumns.join(QStringLiteral(", ")));
    m_batchSpin->setValue(mapping->batchSize);
    m_zoneCombo->setCurrentText(mapping->sourceTimeZone);
    m_deleteMissingCheck->setChecked(mapping->deleteMissing);
    m_queryView->setPlainText(mapping->source.query);
    m_queryView->setVisible(!mapping->source.query.isEmpty());
    QStringList joins;
    for (const JoinSpec &j : mapping->source.joins)
        joins.append(tr("%1 as %2 on %3 = %4 (first row%5)")
                         .arg(j.table, j.alias.isEmpty() ? j.table : j.alias,
                              j.columns.join(QLatin1Char(',')), j.relatedColumns.join(QLatin1Char(',')),
                              j.orderBy.isEmpty() ? QString() : tr(" by %1").arg(j.orderBy)));
    m_joinsLabel->setText(joins.isEmpty() ? tr("none") : joins.join(QLatin1Char('\n')));
}

void MappingPage::commitSettings()
{
    if (m_updating)
        return;
    const Mapping *current = currentMapping();
    if (!current)
        return;
    Mapping m = *current;
    m.name = m_nameEdit->text().trimmed();
    m.enabled = m_enabledCheck->isChecked();
    const QStringList source = m_sourceCombo->currentData().toStringList();
    if (source.size() == 2) {
        m.source.source = source.at(0);
        m.source.table = source.at(1);
    }
    m.targetEntity = m_targetCombo->currentText().trimmed();
    if (auto op = operationFromName(m_operationCombo->currentData().toString()))
        m.operation = *op;
    if (auto strategy = keyStrategyFromName(m_keyStrategyCombo->currentData().toString()))
        m.keyStrategy = *strategy;
    m.alternateKey = m.keyStrategy == KeyStrategy::AlternateKey ? m_alternateKeyCombo->currentText().trimmed()
                                                                : current->alternateKey;
    m.source.keyColumns = splitList(m_keyColumnsEdit->text());
    m.batchSize = m_batchSpin->value();
    m.sourceTimeZone = m_zoneCombo->currentText().trimmed();
    m.deleteMissing = m_deleteMissingCheck->isChecked();
    if (m.name.isEmpty()) {
        m_nameEdit->setText(current->name);
        return;
    }
    if (m == *current)
        return;
    if (!m.sourceTimeZone.isEmpty() && !QTimeZone(m.sourceTimeZone.toUtf8()).isValid()) {
        showError(tr("“%1” is not a time zone this system knows (use an IANA id such as Europe/Berlin).")
                      .arg(m.sourceTimeZone));
        m_zoneCombo->setCurrentText(current->sourceTimeZone);
        return;
    }
    updateCurrentMapping(m, tr("Change the settings of %1").arg(current->name));
}

void MappingPage::fillWarnings()
{
    m_warnings->clear();
    int errors = 0;
    for (const MappingIssue &issue : std::as_const(m_currentIssues)) {
        const bool error = issue.severity == Severity::Error;
        errors += error ? 1 : 0;
        const QString where = issue.column.isEmpty() ? tr("mapping") : issue.column;
        auto *item = new QListWidgetItem(
            style()->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning),
            tr("%1 — %2").arg(where, issue.message), m_warnings);
        item->setToolTip(
            tr("%1 (%2, %3)\n%4").arg(issue.code, severityText(issue.severity), issue.path, issue.message));
        item->setData(Qt::UserRole, issue.column);
        item->setData(Qt::UserRole + 1, issue.code);
    }
    if (m_model->isEmpty() && currentMapping())
        new QListWidgetItem(tr("No target metadata is cached for this connection: nothing can be checked."),
                            m_warnings);
    const int warnings = int(m_currentIssues.size()) - errors;
    m_warningsTitle->setText(m_currentIssues.isEmpty()
                                 ? tr("Findings: none")
                                 : tr("Findings: %1 errors, %2 warnings").arg(errors).arg(warnings));
    m_tabs->setTabText(FieldsTab, m_currentIssues.isEmpty() ? tr("&Fields")
                                                            : tr("&Fields (%1)").arg(m_currentIssues.size()));
}

bool MappingPage::activateIssue(int row)
{
    if (row < 0 || row >= m_currentIssues.size())
        return false;
    const MappingIssue &issue = m_currentIssues.at(row);
    if (issue.column.isEmpty()) {
        showTab(SettingsTab);
        return true;
    }
    return selectField(issue.mapping, issue.column);
}

void MappingPage::restoreSelection()
{
    m_updating = true;
    const int mappingRow = m_listModel->rowOf(m_currentMapping);
    if (mappingRow >= 0)
        m_mappingView->selectionModel()->setCurrentIndex(m_listModel->index(mappingRow, 0),
                                                         QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
    const int fieldRow = m_fieldModel->rowOf(m_currentField);
    if (fieldRow >= 0)
        m_fieldView->selectionModel()->setCurrentIndex(
            m_fieldModel->index(fieldRow, FieldMapModel::TargetColumn),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    else
        m_fieldView->selectionModel()->clear();
    if (!m_currentField.isEmpty()) {
        const int targetRow = m_targetModel->rowOf(m_currentField);
        if (targetRow >= 0) {
            m_targetView->selectionModel()->setCurrentIndex(m_targetModel->index(targetRow, 0),
                                                            QItemSelectionModel::ClearAndSelect |
                                                                QItemSelectionModel::Rows);
            m_targetView->scrollTo(m_targetModel->index(targetRow, 0));
        }
    }
    m_updating = false;
}

void MappingPage::onMappingSelected()
{
    if (m_updating)
        return;
    const QModelIndex index = m_mappingView->selectionModel()->currentIndex();
    const QString name = index.isValid() ? index.data(MappingListModel::NameRole).toString() : QString();
    if (name == m_currentMapping)
        return;
    m_currentMapping = name;
    m_currentField.clear();
    m_currentStep = -1;
    refreshCurrent();
}

void MappingPage::onFieldSelected()
{
    if (m_updating)
        return;
    const QModelIndex index = m_fieldView->selectionModel()->currentIndex();
    m_currentField = index.isValid() ? index.data(FieldMapModel::TargetRole).toString() : QString();
    m_currentStep = -1;
    m_updating = true;
    const int targetRow = m_targetModel->rowOf(m_currentField);
    if (targetRow >= 0) {
        m_targetView->selectionModel()->setCurrentIndex(m_targetModel->index(targetRow, 0),
                                                        QItemSelectionModel::ClearAndSelect |
                                                            QItemSelectionModel::Rows);
        m_targetView->scrollTo(m_targetModel->index(targetRow, 0));
    }
    m_updating = false;
    fillFieldEditor();
    updateActions();
}

bool MappingPage::selectMapping(const QString &name)
{
    if (!m_set.mapping(name))
        return false;
    if (name != m_currentMapping) {
        m_currentMapping = name;
        m_currentField.clear();
        m_currentStep = -1;
        refreshCurrent();
    }
    return true;
}

bool MappingPage::selectField(const QString &mapping, const QString &targetColumn)
{
    if (!selectMapping(mapping))
        return false;
    showTab(FieldsTab);
    const Mapping *m = currentMapping();
    if (m->field(targetColumn)) {
        m_currentField = targetColumn;
        m_currentStep = -1;
        restoreSelection();
        m_fieldView->scrollTo(m_fieldModel->index(m_fieldModel->rowOf(targetColumn), 0));
        fillFieldEditor();
        updateActions();
        return true;
    }
    // A column no field feeds (e.g. a required one): show it in the target list, ready to be mapped.
    m_currentField.clear();
    m_fieldView->selectionModel()->clear();
    fillFieldEditor();
    const int targetRow = m_targetModel->rowOf(targetColumn);
    if (targetRow >= 0) {
        m_targetView->selectionModel()->setCurrentIndex(m_targetModel->index(targetRow, 0),
                                                        QItemSelectionModel::ClearAndSelect |
                                                            QItemSelectionModel::Rows);
        m_targetView->scrollTo(m_targetModel->index(targetRow, 0));
    }
    updateActions();
    return true;
}

void MappingPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

void MappingPage::fillFieldEditor()
{
    const FieldMap *field = currentFieldMap();
    m_fieldEditor->setEnabled(field != nullptr);
    m_updating = true;
    m_steps->clear();
    if (!field) {
        m_fieldTitle->setText(tr("Select a field map to edit its sources and transforms."));
        m_sourcesEdit->clear();
        m_updating = false;
        m_currentStep = -1;
        fillStepEditor();
        return;
    }
    m_fieldTitle->setText(tr("%1 ← %2").arg(field->target, field->sources.isEmpty()
                                                               ? tr("(no source)")
                                                               : field->sources.join(QStringLiteral(", "))));
    m_sourcesEdit->setText(field->sources.join(QStringLiteral(", ")));
    for (int i = 0; i < field->transforms.size(); ++i) {
        const TransformSpec &step = field->transforms.at(i);
        QList<MappingError> errors;
        checkTransform(step, QString(), errors);
        auto *item = new QListWidgetItem(
            QStringLiteral("%1. %2").arg(i + 1).arg(FieldMapModel::stepSummary(step)), m_steps);
        if (!errors.isEmpty()) {
            item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
            item->setToolTip(errors.first().message);
        }
    }
    if (field->transforms.isEmpty())
        m_currentStep = -1;
    else
        m_currentStep =
            std::clamp(m_currentStep < 0 ? 0 : m_currentStep, 0, int(field->transforms.size()) - 1);
    m_steps->setCurrentRow(m_currentStep);
    m_updating = false;
    fillStepEditor();
}

void MappingPage::fillStepEditor()
{
    const FieldMap *field = currentFieldMap();
    const bool has = field && m_currentStep >= 0 && m_currentStep < field->transforms.size();
    m_updating = true;
    m_stepOpCombo->setEnabled(has);
    m_paramsEdit->setEnabled(has);
    if (has) {
        const TransformSpec &step = field->transforms.at(m_currentStep);
        m_stepOpCombo->setCurrentText(step.op);
        const OpInfo *info = opInfo(step.op);
        m_opHelp->setText(info ? tr(info->help) : QString());
        m_paramsEdit->setPlainText(paramsText(step.params));
    } else {
        m_opHelp->setText(field ? tr("No step selected: add one below the list.") : QString());
        m_paramsEdit->clear();
    }
    m_updating = false;
    onParamsEdited();
    updateActions();
}

void MappingPage::onStepSelected()
{
    if (m_updating)
        return;
    m_currentStep = m_steps->currentRow();
    fillStepEditor();
}

bool MappingPage::selectStep(int index)
{
    const FieldMap *field = currentFieldMap();
    if (!field || index < 0 || index >= field->transforms.size())
        return false;
    m_steps->setCurrentRow(index);
    m_currentStep = index;
    fillStepEditor();
    return true;
}

void MappingPage::onParamsEdited()
{
    if (m_updating)
        return;
    const FieldMap *field = currentFieldMap();
    if (!field || m_currentStep < 0 || m_currentStep >= field->transforms.size()) {
        m_paramsStatus->clear();
        m_applyParamsButton->setEnabled(false);
        return;
    }
    const TransformSpec &current = field->transforms.at(m_currentStep);
    const json params = json::parse(m_paramsEdit->toPlainText().toStdString(), nullptr, false);
    QString problem;
    if (params.is_discarded() || !params.is_object()) {
        problem = tr("Not a JSON object: write the parameters as {\"name\": value, …}.");
    } else {
        QList<MappingError> errors;
        checkTransform(TransformSpec{current.op, params}, QString(), errors);
        QStringList lines;
        for (const MappingError &e : std::as_const(errors))
            lines.append(e.path.isEmpty() ? e.message : QStringLiteral("%1: %2").arg(e.path, e.message));
        problem = lines.join(QLatin1Char('\n'));
    }
    const bool valid = problem.isEmpty();
    m_paramsStatus->setStyleSheet(valid ? QString() : QStringLiteral("color: #c0392b;"));
    m_paramsStatus->setText(valid ? tr("✓ Valid parameters.") : problem);
    m_applyParamsButton->setEnabled(valid && params != current.params);
}

void MappingPage::applyParams()
{
    const FieldMap *field = currentFieldMap();
    if (!field || m_currentStep < 0 || m_currentStep >= field->transforms.size() ||
        !m_applyParamsButton->isEnabled())
        return;
    QList<TransformSpec> chain = field->transforms;
    chain[m_currentStep].params = json::parse(m_paramsEdit->toPlainText().toStdString(), nullptr, false);
    const int step = m_currentStep;
    if (setFieldTransforms(field->target, chain))
        selectStep(step);
}

void MappingPage::addStep()
{
    const FieldMap *field = currentFieldMap();
    if (!field)
        return;
    QList<TransformSpec> chain = field->transforms;
    const QString op = m_addOpCombo->currentText();
    chain.append(TransformSpec{op, templateParams(op)});
    const int step = int(chain.size()) - 1;
    if (setFieldTransforms(field->target, chain)) {
        selectStep(step);
        m_paramsEdit->setFocus(Qt::OtherFocusReason);
    }
}

void MappingPage::removeStep()
{
    const FieldMap *field = currentFieldMap();
    if (!field || m_currentStep < 0 || m_currentStep >= field->transforms.size())
        return;
    QList<TransformSpec> chain = field->transforms;
    chain.removeAt(m_currentStep);
    const int step = std::min(m_currentStep, int(chain.size()) - 1);
    if (setFieldTransforms(field->target, chain))
        selectStep(step);
}

void MappingPage::moveStep(int delta)
{
    const FieldMap *field = currentFieldMap();
    if (!field)
        return;
    const int to = m_currentStep + delta;
    if (m_currentStep < 0 || to < 0 || to >= field->transforms.size())
        return;
    QList<TransformSpec> chain = field->transforms;
    chain.move(m_currentStep, to);
    if (setFieldTransforms(field->target, chain))
        selectStep(to);
}

void MappingPage::changeStepOp(const QString &op)
{
    const FieldMap *field = currentFieldMap();
    if (m_updating || !field || m_currentStep < 0 || m_currentStep >= field->transforms.size())
        return;
    if (field->transforms.at(m_currentStep).op == op)
        return;
    QList<TransformSpec> chain = field->transforms;
    chain[m_currentStep] = TransformSpec{op, templateParams(op)};
    const int step = m_currentStep;
    if (setFieldTransforms(field->target, chain))
        selectStep(step);
}

void MappingPage::mapSelectedColumns()
{
    const QModelIndex target = m_targetView->selectionModel()->currentIndex();
    if (!target.isValid() || !currentMapping())
        return;
    FieldMap field;
    field.target = target.data(ColumnModel::NameRole).toString();
    QModelIndexList rows = m_sourceView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    for (const QModelIndex &row : std::as_const(rows))
        field.sources.append(row.data(ColumnModel::NameRole).toString());
    if (field.sources.size() > 1)
        field.transforms.append(TransformSpec{QStringLiteral("concat"), json{{"separator", " "}}});
    addField(field);
}

// --- preview -----------------------------------------------------------------------------------------------

void MappingPage::schedulePreview()
{
    if (workspace() && currentMapping())
        m_previewTimer->start();
}

void MappingPage::refreshPreview()
{
    m_previewTimer->stop();
    startPreview();
}

void MappingPage::startPreview()
{
    const Mapping *mapping = currentMapping();
    if (!workspace() || !mapping)
        return;
    if (m_model->isEmpty()) {
        m_previewError = tr("No target metadata: the preview needs the target model.");
        m_previewStatus->setText(m_previewError);
        return;
    }
    if (m_previewRunning) {
        // One preview at a time; the newest edit wins once the running one is back.
        m_previewAgain = true;
        return;
    }
    m_previewRunning = true;
    const quint64 generation = ++m_previewGeneration;
    m_previewStatus->setText(tr("Reading the first rows of %1…").arg(mapping->source.table));
    const Mapping copy = *mapping;
    const std::shared_ptr<const target::TargetModel> model = m_model;
    const QList<Catalog> catalogs = m_context.catalogs;
    const QList<SystemUser> users = m_systemUsers;
    m_pool.start([this, generation, copy, model, catalogs, users] {
        PreviewModel::Result result = PreviewModel::compute(copy, *model, catalogs, kPreviewRows, users);
        QMetaObject::invokeMethod(
            this,
            [this, generation, result, name = copy.name] {
                m_previewRunning = false;
                if (m_previewAgain) {
                    m_previewAgain = false;
                    startPreview();
                    return;
                }
                if (generation != m_previewGeneration || name != m_currentMapping)
                    return;
                m_previewError = result.error;
                m_previewModel->setResult(result);
                int refused = 0;
                for (const PreviewModel::Row &r : result.rows)
                    refused += r.verdict == Verdict::Error ? 1 : 0;
                if (!result.error.isEmpty())
                    m_previewStatus->setText(tr("No preview: %1").arg(result.error));
                else
                    m_previewStatus->setText(tr("The first %1 rows of %2%3: %4 would be refused.")
                                                 .arg(result.rows.size())
                                                 .arg(name, result.more ? tr(" (more follow)") : QString())
                                                 .arg(refused));
                m_previewView->resizeColumnsToContents();
                for (int c = 0; c < m_previewModel->columnCount(); ++c)
                    m_previewView->setColumnWidth(c, std::min(m_previewView->columnWidth(c), 260));
                if (m_previewModel->rowCount() > 0)
                    selectPreviewRow(0);
                emit previewUpdated();
            },
            Qt::QueuedConnection);
    });
}

bool MappingPage::selectPreviewRow(int row)
{
    if (row < 0 || row >= m_previewModel->rowCount())
        return false;
    m_previewView->selectionModel()->setCurrentIndex(
        m_previewModel->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    showPayload();
    return true;
}

void MappingPage::showPayload()
{
    const QModelIndex index = m_previewView->selectionModel()->currentIndex();
    const PreviewModel::Row *row = m_previewModel->row(index.isValid() ? index.row() : -1);
    m_rowIssues->clear();
    if (!row) {
        m_payloadView->clear();
        return;
    }
    m_payloadView->setPlainText(PreviewModel::prettyPayload(row->payload));
    for (const ValueIssue &issue : row->issues) {
        auto *item = new QListWidgetItem(
            style()->standardIcon(issue.severity == Severity::Error ? QStyle::SP_MessageBoxCritical
                                                                    : QStyle::SP_MessageBoxWarning),
            issue.column.isEmpty() ? issue.message : tr("%1 — %2").arg(issue.column, issue.message),
            m_rowIssues);
        item->setToolTip(issue.code);
        item->setData(Qt::UserRole, issue.column);
    }
    if (row->issues.isEmpty())
        new QListWidgetItem(tr("No findings: the row would be sent as shown."), m_rowIssues);
}

QString MappingPage::payloadText() const
{
    return m_payloadView->toPlainText();
}

// --- state
// ---------------------------------------------------------------------------------------------------

void MappingPage::updateActions()
{
    const bool open = workspace() != nullptr;
    const bool hasMapping = currentMapping() != nullptr;
    const FieldMap *field = currentFieldMap();
    m_saveButton->setEnabled(m_writable && isDirty());
    m_exportButton->setEnabled(open && !m_set.mappings.isEmpty());
    m_importButton->setEnabled(open);
    m_autoMapButton->setEnabled(open && !m_model->isEmpty() && !m_context.catalogs.isEmpty());
    m_addMappingButton->setEnabled(open && !m_model->isEmpty() && !m_context.catalogs.isEmpty());
    m_duplicateButton->setEnabled(hasMapping);
    m_removeMappingButton->setEnabled(hasMapping);
    m_mapButton->setEnabled(hasMapping && m_targetView->selectionModel()->currentIndex().isValid());
    m_removeFieldButton->setEnabled(field != nullptr);
    const int steps = field ? int(field->transforms.size()) : 0;
    m_addStepButton->setEnabled(field != nullptr);
    m_removeStepButton->setEnabled(field && m_currentStep >= 0 && m_currentStep < steps);
    m_stepUpButton->setEnabled(field && m_currentStep > 0 && m_currentStep < steps);
    m_stepDownButton->setEnabled(field && m_currentStep >= 0 && m_currentStep + 1 < steps);
    m_saveButton->setText(isDirty() ? tr("&Save*") : tr("&Save"));
}

void MappingPage::showStatus(const QString &message)
{
    m_lastStatus = message;
    m_statusLabel->setText(message);
    m_statusLabel->setToolTip(message);
    if (auto *mainWindow = qobject_cast<QMainWindow *>(window()); mainWindow && isVisible())
        mainWindow->statusBar()->showMessage(message, 8000);
}

void MappingPage::showError(const QString &message, const QStringList &details)
{
    m_errorLabel->setText(message);
    m_errorList->clear();
    m_errorList->addItems(details);
    m_errorList->setVisible(!details.isEmpty());
    m_errorBox->show();
}

void MappingPage::clearError()
{
    m_errorLabel->clear();
    m_errorList->clear();
    m_errorBox->hide();
}

QString MappingPage::errorMessage() const
{
    return m_errorBox->isVisibleTo(const_cast<MappingPage *>(this)) ? m_errorLabel->text() : QString();
}

} // namespace ferry::ui
