#include "ColumnModel.h"

#include <QFont>

namespace ferry::ui {

ColumnModel::ColumnModel(QObject *parent) : QAbstractTableModel(parent) {}

void ColumnModel::setEntries(const QList<Entry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

int ColumnModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

int ColumnModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ColumnModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ColumnModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case NameRole:
        return e.name;
    case MappedRole:
        return e.mapped;
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return e.mapped ? QStringLiteral("%1 \u2713").arg(e.name) : e.name;
        case BadgesColumn:
            return e.badges.join(QLatin1Char(' '));
        case TypeColumn:
            return e.length.isEmpty() ? e.type : tr("%1 · %2").arg(e.type, e.length);
        }
        return {};
    case Qt::ToolTipRole:
        return e.toolTip.isEmpty() ? e.name : e.toolTip;
    case Qt::FontRole:
        if (index.column() == NameColumn && e.mapped) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    }
    return {};
}

QVariant ColumnModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Column");
    case BadgesColumn:
        return tr("Flags");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

} // namespace ferry::ui
