#pragma once
// GUI thread.

#include <ferry/target/TargetModel.h>

#include <QAbstractTableModel>

namespace ferry::ui {

/// The Target page's table list: one row per target table of the cached model (logical name, display
/// name, entity set name, column count). The view filters it through a QSortFilterProxyModel.
class EntityListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        LogicalNameColumn,
        DisplayNameColumn,
        SetNameColumn,
        ColumnCountColumn,
        ColumnCount,
    };
    /// Column 0 carries the logical name here, whatever the display text.
    static constexpr int LogicalNameRole = Qt::UserRole + 1;

    explicit EntityListModel(QObject *parent = nullptr);

    void setModel(const ferry::target::TargetModel &model);
    const ferry::target::TargetModel &model() const { return m_model; }
    /// The row of a table, or -1.
    int rowOf(const QString &logicalName) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ferry::target::TargetModel m_model;
};

} // namespace ferry::ui
