#pragma once
// GUI thread.

#include <ferry/target/TargetModel.h>

#include <QAbstractTableModel>

namespace ferry::ui {

/// The Alternate keys tab: the keys of one target table (name, columns, index status).
class AlternateKeyModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        AttributesColumn,
        StatusColumn,
        ColumnCount,
    };

    explicit AlternateKeyModel(QObject *parent = nullptr);

    void setKeys(const QList<ferry::target::AlternateKey> &keys);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ferry::target::AlternateKey> m_keys;
};

} // namespace ferry::ui
