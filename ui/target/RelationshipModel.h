#pragma once
// GUI thread.

#include <ferry/target/TargetModel.h>

#include <QAbstractTableModel>

namespace ferry::ui {

/// The Relationships tab: the N:1 (lookups on this table), 1:N (lookups elsewhere pointing here) and N:N
/// relationships of one target table.
class RelationshipModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        KindColumn,
        SchemaNameColumn,
        RelatedTableColumn,
        ColumnsColumn,
        NavigationColumn,
        ColumnCount,
    };

    explicit RelationshipModel(QObject *parent = nullptr);

    void setEntity(const ferry::target::Entity &entity);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString kind; // "N:1", "1:N", "N:N"
        QString schemaName;
        QString relatedTable;
        QString columns;
        QString navigation;
    };
    QList<Row> m_rows;
};

} // namespace ferry::ui
