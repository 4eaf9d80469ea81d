#pragma once
// GUI thread.

#include <ferry/mapping/Mapping.h>

#include <QAbstractTableModel>
#include <QHash>

namespace ferry::ui {

/// The mappings of the page's working copy: name (with the enabled check box), source table, target table,
/// operation, and the count of findings. Editing the check box does not change the model: it asks the page
/// (enabledChangeRequested), which records the change for undo and hands the model the new set.
class MappingListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        SourceColumn,
        TargetColumn,
        OperationColumn,
        ColumnCount,
    };
    static constexpr int NameRole = Qt::UserRole + 1; ///< the mapping's name, any column

    explicit MappingListModel(QObject *parent = nullptr);

    /// `errors` / `warnings`: findings per mapping name.
    void setMappings(const QList<ferry::mapping::Mapping> &mappings, const QHash<QString, int> &errors = {},
                     const QHash<QString, int> &warnings = {});
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

signals:
    void enabledChangeRequested(const QString &mapping, bool enabled);

private:
    struct Row
    {
        QString name;
        QString source;
        QString target;
        QString operation;
        bool enabled = true;
        int errors = 0;
        int warnings = 0;
    };
    QList<Row> m_rows;
};

} // namespace ferry::ui
