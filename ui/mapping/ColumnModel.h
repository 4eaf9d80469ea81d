#pragma once
// GUI thread.

#include <QAbstractTableModel>
#include <QStringList>

namespace ferry::ui {

/// One side of the Mapping page's column lists (source or target): name, badges, type with length, and
/// whether a field of the mapping uses the column. The page fills it from the catalog or the target model.
class ColumnModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        BadgesColumn,
        TypeColumn, ///< the type and, when known, the length ("String · max 160")
        ColumnCount,
    };
    static constexpr int NameRole = Qt::UserRole + 1;   ///< the column's name, any column
    static constexpr int MappedRole = Qt::UserRole + 2; ///< bool

    struct Entry
    {
        QString name;
        QString type;
        QStringList badges; ///< short words the badge delegate paints: "PK", "FK", "KEY", "REQ", "NULL"...
        QString length;     ///< "max 160", "longest 123": shown after the type
        QString toolTip;
        bool mapped = false;
    };

    explicit ColumnModel(QObject *parent = nullptr);

    void setEntries(const QList<Entry> &entries);
    const QList<Entry> &entries() const { return m_entries; }
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Entry> m_entries;
};

} // namespace ferry::ui
