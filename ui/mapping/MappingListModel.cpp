#include "MappingListModel.h"

#include <QApplication>
#include <QStyle>

namespace ferry::ui {

using namespace ferry::mapping;

MappingListModel::MappingListModel(QObject *parent) : QAbstractTableModel(parent) {}

void MappingListModel::setMappings(const QList<Mapping> &mappings, const QHash<QString, int> &errors,
                                   const QHash<QString, int> &warnings)
{
    beginResetModel();
    m_rows.clear();
    for (const Mapping &m : mappings) {
        Row row;
        row.name = m.name;
        row.source = m.source.query.isEmpty() ? m.source.table : tr("%1 (query)").arg(m.source.table);
        if (!m.source.joins.isEmpty())
            row.source = tr("%1 + %2 joined").arg(row.source).arg(m.source.joins.size());
        row.target = m.targetEntity;
        row.operation = operationName(m.operation);
        row.enabled = m.enabled;
        row.errors = errors.value(m.name);
        row.warnings = warnings.value(m.name);
        m_rows.append(row);
    }
    endResetModel();
}

int MappingListModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).name == name)
            return i;
    return -1;
}

int MappingListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MappingListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MappingListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == NameRole)
        return row.name;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case SourceColumn:
            return row.source;
        case TargetColumn:
            return row.target;
        case OperationColumn:
            return row.operation;
        }
        return {};
    case Qt::CheckStateRole:
        if (index.column() == NameColumn)
            return row.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::DecorationRole:
        if (index.column() == NameColumn && (row.errors > 0 || row.warnings > 0))
            return QApplication::style()->standardIcon(row.errors > 0 ? QStyle::SP_MessageBoxCritical
                                                                      : QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::ToolTipRole: {
        QString tip = tr("%1: %2 → %3 (%4)").arg(row.name, row.source, row.target, row.operation);
        if (!row.enabled)
            tip += QLatin1Char('\n') + tr("Disabled: runs and dry runs skip it.");
        if (row.errors > 0 || row.warnings > 0)
            tip += QLatin1Char('\n') + tr("%1 errors, %2 warnings").arg(row.errors).arg(row.warnings);
        return tip;
    }
    case Qt::ForegroundRole:
        if (!row.enabled)
            return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    }
    return {};
}

QVariant MappingListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Mapping");
    case SourceColumn:
        return tr("Source");
    case TargetColumn:
        return tr("Target");
    case OperationColumn:
        return tr("Operation");
    }
    return {};
}

Qt::ItemFlags MappingListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (index.column() == NameColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool MappingListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != NameColumn ||
        role != Qt::CheckStateRole)
        return false;
    const bool enabled = value.toInt() == Qt::Checked;
    if (enabled != m_rows.at(index.row()).enabled)
        emit enabledChangeRequested(m_rows.at(index.row()).name, enabled);
    return true;
}

} // namespace ferry::ui
