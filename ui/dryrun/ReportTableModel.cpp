#include "ReportTableModel.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

namespace ferry::ui {

ReportTableModel::ReportTableModel(const QStringList &headers, QObject *parent)
    : QAbstractTableModel(parent), m_headers(headers)
{}

void ReportTableModel::setRows(const QList<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int ReportTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReportTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

namespace {

bool isNumber(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Double:
        return true;
    default:
        return false;
    }
}

} // namespace

QVariant ReportTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const QVariant cell = row.cells.value(index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (cell.typeId() == QMetaType::LongLong || cell.typeId() == QMetaType::Int)
            return QLocale().toString(cell.toLongLong());
        if (cell.typeId() == QMetaType::Double)
            return QLocale().toString(cell.toDouble(), 'f', 1);
        return cell.toString();
    case SortRole:
        return cell;
    case MappingRole:
        return row.mapping;
    case ColumnRole:
        return row.column;
    case Qt::TextAlignmentRole:
        return isNumber(cell) ? int(Qt::AlignRight | Qt::AlignVCenter)
                              : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DecorationRole:
        if (index.column() == 0 && row.severity >= 0)
            return QApplication::style()->standardIcon(row.severity > 0 ? QStyle::SP_MessageBoxCritical
                                                                        : QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::ToolTipRole:
        return row.toolTip.isEmpty() ? cell.toString() : row.toolTip;
    }
    return {};
}

QVariant ReportTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 &&
        section < m_headers.size())
        return m_headers.at(section);
    return {};
}

} // namespace ferry::ui
