#include "OptionValueModel.h"

namespace ferry::ui {

using ferry::target::Attribute;
using ferry::target::AttributeType;
using ferry::target::Entity;

OptionValueModel::OptionValueModel(QObject *parent) : QAbstractTableModel(parent) {}

QStringList OptionValueModel::choiceColumns(const Entity &entity)
{
    QStringList names;
    for (const Attribute &a : entity.attributes)
        if (a.optionSet && !a.optionSet->options.isEmpty())
            names << a.logicalName;
    return names;
}

void OptionValueModel::setEntity(const Entity &entity, const QString &attribute)
{
    beginResetModel();
    m_rows.clear();
    for (const Attribute &a : entity.attributes) {
        if (!a.optionSet || (!attribute.isEmpty() && a.logicalName != attribute))
            continue;
        for (const ferry::target::OptionValue &o : a.optionSet->options)
            m_rows.append(Row{a.logicalName, a.type, a.optionSet->name, a.optionSet->isGlobal, o});
    }
    endResetModel();
}

void OptionValueModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int OptionValueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OptionValueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OptionValueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() == ValueColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == AttributeColumn && !row.optionSetName.isEmpty())
        return row.isGlobal ? tr("Global choice %1").arg(row.optionSetName)
                            : tr("Local choice %1").arg(row.optionSetName);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case AttributeColumn:
        return row.attribute;
    case ValueColumn:
        return row.option.value;
    case LabelColumn:
        return row.option.label;
    case StateColumn:
        if (row.option.state)
            return tr("statecode %1").arg(*row.option.state);
        if (row.option.defaultStatus)
            return tr("default status %1").arg(*row.option.defaultStatus);
        return {};
    default:
        return {};
    }
}

QVariant OptionValueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AttributeColumn:
        return tr("Column");
    case ValueColumn:
        return tr("Value");
    case LabelColumn:
        return tr("Label");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

} // namespace ferry::ui
