#include "RelationshipModel.h"

namespace ferry::ui {

using ferry::target::Entity;
using ferry::target::ManyToManyRelationship;
using ferry::target::OneToManyRelationship;

RelationshipModel::RelationshipModel(QObject *parent) : QAbstractTableModel(parent) {}

void RelationshipModel::setEntity(const Entity &entity)
{
    beginResetModel();
    m_rows.clear();
    for (const OneToManyRelationship &r : entity.manyToOne)
        m_rows.append(Row{QStringLiteral("N:1"), r.schemaName, r.referencedEntity,
                          tr("%1 → %2").arg(r.referencingAttribute, r.referencedAttribute),
                          r.referencingNavigationProperty});
    for (const OneToManyRelationship &r : entity.oneToMany)
        m_rows.append(Row{QStringLiteral("1:N"), r.schemaName, r.referencingEntity,
                          tr("%1 ← %2").arg(r.referencedAttribute, r.referencingAttribute),
                          r.referencingNavigationProperty});
    for (const ManyToManyRelationship &r : entity.manyToMany) {
        const bool first = r.entity1 == entity.logicalName;
        m_rows.append(
            Row{QStringLiteral("N:N"), r.schemaName, first ? r.entity2 : r.entity1,
                tr("via %1 (%2, %3)")
                    .arg(r.intersectEntity, r.entity1IntersectAttribute, r.entity2IntersectAttribute),
                first ? r.entity1NavigationProperty : r.entity2NavigationProperty});
    }
    endResetModel();
}

int RelationshipModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RelationshipModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RelationshipModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == KindColumn) {
        if (row.kind == QLatin1String("N:1"))
            return tr("Many-to-one: a lookup on this table points to %1.").arg(row.relatedTable);
        if (row.kind == QLatin1String("1:N"))
            return tr("One-to-many: a lookup on %1 points to this table.").arg(row.relatedTable);
        return tr("Many-to-many with %1 through an intersect table.").arg(row.relatedTable);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case KindColumn:
        return row.kind;
    case SchemaNameColumn:
        return row.schemaName;
    case RelatedTableColumn:
        return row.relatedTable;
    case ColumnsColumn:
        return row.columns;
    case NavigationColumn:
        return row.navigation;
    default:
        return {};
    }
}

QVariant RelationshipModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case SchemaNameColumn:
        return tr("Relationship");
    case RelatedTableColumn:
        return tr("Related table");
    case ColumnsColumn:
        return tr("Columns");
    case NavigationColumn:
        return tr("Navigation property");
    default:
        return {};
    }
}

} // namespace ferry::ui
