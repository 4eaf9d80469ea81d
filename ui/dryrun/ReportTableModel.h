#pragma once
// GUI thread.

#include <QAbstractTableModel>
#include <QStringList>
#include <QVariantList>

namespace ferry::ui {

/// A read-only table of a dry run report (tables, lookups, issues, rows). Each row knows the mapping and
/// target column it is about, so the page can jump from it to the Mapping page or to the rows.
class ReportTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int MappingRole = Qt::UserRole + 1; ///< the mapping name of the row
    static constexpr int ColumnRole = Qt::UserRole + 2;  ///< the target column of the row ("" when none)
    static constexpr int SortRole = Qt::UserRole + 3;    ///< the raw value (numbers sort as numbers)

    struct Row
    {
        QVariantList cells; ///< numbers stay numbers: they are shown localized and right-aligned
        QString mapping;
        QString column;
        int severity = -1; ///< -1 none, 0 warning, 1 error: an icon in the first column
        QString toolTip;
    };

    explicit ReportTableModel(const QStringList &headers, QObject *parent = nullptr);

    void setRows(const QList<Row> &rows);
    const Row &rowAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_headers;
    QList<Row> m_rows;
};

} // namespace ferry::ui
