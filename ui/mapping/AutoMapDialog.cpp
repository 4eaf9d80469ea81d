#include "AutoMapDialog.h"

#include "FieldMapModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ferry::ui {

namespace {

constexpr int kTableIndexRole = Qt::UserRole + 1;
constexpr int kColumnIndexRole = Qt::UserRole + 2;

QString percent(double confidence)
{
    return AutoMapDialog::tr("%1 %").arg(qRound(confidence * 100));
}

} // namespace

AutoMapDialog::AutoMapDialog(const QList<Suggestion> &suggestions, const QStringList &mappedSourceTables,
                             QWidget *parent)
    : QDialog(parent), m_suggestions(suggestions)
{
    setWindowTitle(tr("Auto-map"));
    setObjectName(QStringLiteral("autoMapDialog"));
    resize(820, 560);
    auto *layout = new QVBoxLayout(this);
    auto *intro =
        new QLabel(tr("Ferry matched source tables and columns to target tables and columns by name and "
                      "type. Keep the suggestions that are right: each checked table becomes a mapping "
                      "with its checked columns. Everything stays editable, and Undo takes it back."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("suggestionTree"));
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Source"), tr("Target"), tr("Confidence"), tr("Why")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    for (int t = 0; t < m_suggestions.size(); ++t) {
        const auto &[sourceName, s] = m_suggestions.at(t);
        auto *table = new QTreeWidgetItem(m_tree);
        table->setText(0, QStringLiteral("%1.%2").arg(sourceName, s.sourceTable));
        table->setText(1, s.targetEntity);
        table->setText(2, percent(s.confidence));
        table->setText(3, s.alternateKey.isEmpty() ? tr("deterministic ids")
                                                   : tr("upsert by the key %1").arg(s.alternateKey));
        table->setData(0, kTableIndexRole, t);
        table->setFlags(table->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
        const bool mapped = mappedSourceTables.contains(s.sourceTable, Qt::CaseInsensitive);
        QFont bold = table->font(0);
        bold.setBold(true);
        table->setFont(0, bold);
        for (int c = 0; c < s.columns.size(); ++c) {
            const mapping::ColumnSuggestion &col = s.columns.at(c);
            auto *item = new QTreeWidgetItem(table);
            item->setText(0, col.sourceColumn);
            item->setText(
                1, col.transforms.isEmpty()
                       ? col.targetColumn
                       : tr("%1 via %2").arg(col.targetColumn, FieldMapModel::chainSummary(col.transforms)));
            item->setText(2, percent(col.confidence));
            item->setText(3, col.reason);
            item->setToolTip(3, col.reason);
            item->setData(0, kColumnIndexRole, c);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(0, mapped ? Qt::Unchecked : Qt::Checked);
        }
        if (s.columns.isEmpty())
            table->setCheckState(0, mapped ? Qt::Unchecked : Qt::Checked);
        if (mapped)
            table->setToolTip(0, tr("This source table has a mapping already."));
        table->setExpanded(!mapped && m_suggestions.size() <= 4);
    }
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("autoMapSummary"));
    layout->addWidget(m_summary);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add Checked Mappings"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_tree, &QTreeWidget::itemChanged, this, &AutoMapDialog::updateSummary);
    updateSummary();
}

QList<AutoMapDialog::Suggestion> AutoMapDialog::accepted() const
{
    QList<Suggestion> result;
    for (int t = 0; t < m_tree->topLevelItemCount(); ++t) {
        const QTreeWidgetItem *table = m_tree->topLevelItem(t);
        if (table->checkState(0) == Qt::Unchecked)
            continue;
        Suggestion s = m_suggestions.at(table->data(0, kTableIndexRole).toInt());
        QList<mapping::ColumnSuggestion> columns;
        for (int c = 0; c < table->childCount(); ++c) {
            const QTreeWidgetItem *item = table->child(c);
            if (item->checkState(0) == Qt::Checked)
                columns.append(s.second.columns.at(item->data(0, kColumnIndexRole).toInt()));
        }
        s.second.columns = columns;
        result.append(s);
    }
    return result;
}

bool AutoMapDialog::setTableChecked(const QString &sourceTable, bool checked)
{
    for (int t = 0; t < m_tree->topLevelItemCount(); ++t) {
        QTreeWidgetItem *table = m_tree->topLevelItem(t);
        if (m_suggestions.at(table->data(0, kTableIndexRole).toInt()).second.sourceTable != sourceTable)
            continue;
        table->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
        return true;
    }
    return false;
}

bool AutoMapDialog::setColumnChecked(const QString &sourceTable, const QString &sourceColumn, bool checked)
{
    for (int t = 0; t < m_tree->topLevelItemCount(); ++t) {
        QTreeWidgetItem *table = m_tree->topLevelItem(t);
        if (m_suggestions.at(table->data(0, kTableIndexRole).toInt()).second.sourceTable != sourceTable)
            continue;
        for (int c = 0; c < table->childCount(); ++c)
            if (table->child(c)->text(0) == sourceColumn) {
                table->child(c)->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
                return true;
            }
    }
    return false;
}

void AutoMapDialog::updateSummary()
{
    int tables = 0;
    int columns = 0;
    for (const Suggestion &s : accepted()) {
        ++tables;
        columns += int(s.second.columns.size());
    }
    m_summary->setText(tr("%1 mappings with %2 fields will be added.").arg(tables).arg(columns));
}

} // namespace ferry::ui
