#pragma once
// GUI thread.

#include <ferry/target/TargetModel.h>

#include <QAbstractTableModel>
#include <QStringList>

namespace ferry::ui {

/// The Columns tab of the Target page: the columns of one target table with their type, size or range,
/// and markers for Required (system or application), Key (primary id or part of an alternate key) and
/// Lookup (with the tables it may point to).
class AttributeModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        LogicalNameColumn,
        MarkersColumn,
        DisplayNameColumn,
        TypeColumn,
        SizeColumn,
        ColumnCount,
    };
    /// MarkersColumn: the badges as a QStringList of kinds ("system-required", "app-required", "key",
    /// "lookup"); BadgeDelegate paints them, DisplayRole spells them as text.
    static constexpr int BadgesRole = Qt::UserRole + 1;
    /// Column 0: the logical name.
    static constexpr int LogicalNameRole = Qt::UserRole + 2;

    explicit AttributeModel(QObject *parent = nullptr);

    /// Shows the columns of `entity` (a copy is kept); an empty entity shows nothing.
    void setEntity(const ferry::target::Entity &entity);
    void clear();
    const ferry::target::Entity &entity() const { return m_entity; }

    /// The translated text of a badge kind ("Required", "App required", "Key", "Lookup").
    static QString badgeText(const QString &kind);
    /// The badges of one column of `entity`.
    static QStringList badges(const ferry::target::Entity &entity, const ferry::target::Attribute &attribute);
    /// "max 100", "precision 2, 0 to 1,000", ... or an empty string.
    static QString sizeText(const ferry::target::Attribute &attribute);
    /// The type as the service spells it, with the targets of a lookup ("Lookup → ferry_album").
    static QString typeText(const ferry::target::Attribute &attribute);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString markerToolTip(const ferry::target::Attribute &attribute) const;

    ferry::target::Entity m_entity;
    QList<QStringList> m_badges; // per row, computed once per entity
};

} // namespace ferry::ui
