#include "AlternateKeyModel.h"

namespace ferry::ui {

AlternateKeyModel::AlternateKeyModel(QObject *parent) : QAbstractTableModel(parent) {}

void AlternateKeyModel::setKeys(const QList<ferry::target::AlternateKey> &keys)
{
    beginResetModel();
    m_keys = keys;
    endResetModel();
}

int AlternateKeyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int AlternateKeyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlternateKeyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ferry::target::AlternateKey &key = m_keys.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == StatusColumn &&
        key.indexStatus != QLatin1String("Active"))
        return tr("Only an Active key can be used for upserts and lookups by key.");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return key.logicalName;
    case AttributesColumn:
        return key.attributes.join(QStringLiteral(", "));
    case StatusColumn:
        return key.indexStatus;
    default:
        return {};
    }
}

QVariant AlternateKeyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Key");
    case AttributesColumn:
        return tr("Columns");
    case StatusColumn:
        return tr("Index status");
    default:
        return {};
    }
}

} // namespace ferry::ui
