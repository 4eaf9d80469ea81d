#pragma once
// GUI thread.

#include <ferry/target/TargetModel.h>

#include <QAbstractTableModel>

namespace ferry::ui {

/// The Option values tab: the options of one choice column, or of every choice column of a table
/// (Picklist, MultiSelectPicklist, State, Status, Boolean), with value, label and state.
class OptionValueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        AttributeColumn,
        ValueColumn,
        LabelColumn,
        StateColumn,
        ColumnCount,
    };

    explicit OptionValueModel(QObject *parent = nullptr);

    /// The options of `attribute` of `entity`, or of all its choice columns when `attribute` is empty.
    void setEntity(const ferry::target::Entity &entity, const QString &attribute = {});
    void clear();
    /// The choice columns of a table (those with an option set), in column order.
    static QStringList choiceColumns(const ferry::target::Entity &entity);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString attribute;
        ferry::target::AttributeType type = ferry::target::AttributeType::Other;
        QString optionSetName;
        bool isGlobal = false;
        ferry::target::OptionValue option;
    };
    QList<Row> m_rows;
};

} // namespace ferry::ui
