#include "EntityListModel.h"

#include <QLocale>

namespace ferry::ui {

using ferry::target::Entity;

EntityListModel::EntityListModel(QObject *parent) : QAbstractTableModel(parent) {}

void EntityListModel::setModel(const ferry::target::TargetModel &model)
{
    beginResetModel();
    m_model = model;
    endResetModel();
}

int EntityListModel::rowOf(const QString &logicalName) const
{
    const QList<Entity> &entities = m_model.entities();
    for (int r = 0; r < entities.size(); ++r)
        if (entities.at(r).logicalName == logicalName)
            return r;
    return -1;
}

int EntityListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_model.entities().size());
}

int EntityListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EntityListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entity &e = m_model.entities().at(index.row());
    if (role == LogicalNameRole)
        return e.logicalName;
    if (role == Qt::ToolTipRole) {
        QString tip = tr("%1 (%2)\nEntity set: %3\n%4 columns, %5 alternate keys")
                          .arg(e.displayName, e.logicalName, e.entitySetName)
                          .arg(e.attributes.size())
                          .arg(e.keys.size());
        if (e.fetchedAt.isValid())
            tip += tr("\nMetadata read %1")
                       .arg(QLocale().toString(e.fetchedAt.toLocalTime(), QLocale::ShortFormat));
        return tip;
    }
    if (role == Qt::TextAlignmentRole && index.column() == ColumnCountColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case LogicalNameColumn:
        return e.logicalName;
    case DisplayNameColumn:
        return e.displayName;
    case SetNameColumn:
        return e.entitySetName;
    case ColumnCountColumn:
        return int(e.attributes.size());
    default:
        return {};
    }
}

QVariant EntityListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LogicalNameColumn:
        return tr("Logical name");
    case DisplayNameColumn:
        return tr("Display name");
    case SetNameColumn:
        return tr("Set name");
    case ColumnCountColumn:
        return tr("Columns");
    default:
        return {};
    }
}

} // namespace ferry::ui
