#include "AttributeModel.h"

#include <QLocale>

namespace ferry::ui {

using ferry::target::AlternateKey;
using ferry::target::Attribute;
using ferry::target::AttributeType;
using ferry::target::DateTimeBehavior;
using ferry::target::Entity;
using ferry::target::RequiredLevel;

namespace {

bool inAlternateKey(const Entity &entity, const QString &column)
{
    for (const AlternateKey &key : entity.keys)
        if (key.attributes.contains(column))
            return true;
    return false;
}

QString number(double value)
{
    // Integral bounds print without a fraction; the locale groups thousands.
    if (value == double(qint64(value)))
        return QLocale().toString(qint64(value));
    return QLocale().toString(value, 'g', 12);
}

} // namespace

AttributeModel::AttributeModel(QObject *parent) : QAbstractTableModel(parent) {}

void AttributeModel::setEntity(const Entity &entity)
{
    beginResetModel();
    m_entity = entity;
    m_badges.clear();
    for (const Attribute &a : std::as_const(m_entity.attributes))
        m_badges.append(badges(m_entity, a));
    endResetModel();
}

void AttributeModel::clear()
{
    setEntity(Entity{});
}

QString AttributeModel::badgeText(const QString &kind)
{
    if (kind == QLatin1String("system-required"))
        return tr("Required");
    if (kind == QLatin1String("app-required"))
        return tr("App required");
    if (kind == QLatin1String("key"))
        return tr("Key");
    if (kind == QLatin1String("lookup"))
        return tr("Lookup");
    return kind;
}

QStringList AttributeModel::badges(const Entity &entity, const Attribute &attribute)
{
    QStringList list;
    if (attribute.requiredLevel == RequiredLevel::SystemRequired)
        list << QStringLiteral("system-required");
    else if (attribute.requiredLevel == RequiredLevel::ApplicationRequired)
        list << QStringLiteral("app-required");
    if (attribute.isPrimaryId || attribute.logicalName == entity.primaryIdAttribute ||
        inAlternateKey(entity, attribute.logicalName))
        list << QStringLiteral("key");
    if (attribute.isLookup())
        list << QStringLiteral("lookup");
    return list;
}

QString AttributeModel::sizeText(const Attribute &a)
{
    QStringList parts;
    if (a.maxLength)
        parts << tr("max %1").arg(QLocale().toString(*a.maxLength));
    if (a.precision)
        parts << tr("precision %1").arg(*a.precision);
    if (a.minValue && a.maxValue)
        parts << tr("%1 to %2").arg(number(*a.minValue), number(*a.maxValue));
    else if (a.minValue)
        parts << tr("from %1").arg(number(*a.minValue));
    else if (a.maxValue)
        parts << tr("up to %1").arg(number(*a.maxValue));
    if (a.type == AttributeType::DateTime) {
        switch (a.dateTimeBehavior) {
        case DateTimeBehavior::DateOnly:
            parts << tr("date only");
            break;
        case DateTimeBehavior::TimeZoneIndependent:
            parts << tr("time zone independent");
            break;
        case DateTimeBehavior::UserLocal:
            parts << tr("user local");
            break;
        }
    }
    if (a.optionSet)
        parts << (a.optionSet->options.size() == 1
                      ? tr("1 option")
                      : tr("%1 options").arg(QLocale().toString(a.optionSet->options.size())));
    return parts.join(QStringLiteral(", "));
}

QString AttributeModel::typeText(const Attribute &a)
{
    const QString type = a.typeName.isEmpty() ? ferry::target::attributeTypeName(a.type) : a.typeName;
    if (a.isLookup() && !a.targets.isEmpty())
        return tr("%1 → %2").arg(type, a.targets.join(QStringLiteral(", ")));
    return type;
}

QString AttributeModel::markerToolTip(const Attribute &a) const
{
    QStringList lines;
    if (a.requiredLevel == RequiredLevel::SystemRequired)
        lines << tr("Required by the service (SystemRequired): every created row needs a value.");
    else if (a.requiredLevel == RequiredLevel::ApplicationRequired)
        lines << tr("Required by the app (ApplicationRequired): forms ask for it; the Web API does not "
                    "enforce it.");
    if (a.isPrimaryId || a.logicalName == m_entity.primaryIdAttribute)
        lines << tr("Primary id of the table.");
    for (const AlternateKey &key : m_entity.keys)
        if (key.attributes.contains(a.logicalName))
            lines << tr("Part of the alternate key %1 (%2).")
                         .arg(key.logicalName, key.attributes.join(QStringLiteral(", ")));
    if (a.isLookup())
        lines << tr("Lookup to %1.").arg(a.targets.join(QStringLiteral(", ")));
    return lines.join(QLatin1Char('\n'));
}

int AttributeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entity.attributes.size());
}

int AttributeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AttributeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Attribute &a = m_entity.attributes.at(index.row());
    if (role == LogicalNameRole)
        return a.logicalName;
    if (index.column() == MarkersColumn) {
        const QStringList &kinds = m_badges.at(index.row());
        if (role == BadgesRole)
            return kinds;
        if (role == Qt::DisplayRole) {
            QStringList texts;
            for (const QString &kind : kinds)
                texts << badgeText(kind);
            return texts.join(QStringLiteral(" · "));
        }
        if (role == Qt::ToolTipRole)
            return markerToolTip(a);
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == TypeColumn || index.column() == SizeColumn)
            return typeText(a) +
                   (sizeText(a).isEmpty() ? QString() : QStringLiteral(" (%1)").arg(sizeText(a)));
        return tr("%1 (%2)").arg(a.displayName, a.schemaName);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case LogicalNameColumn:
        return a.logicalName;
    case DisplayNameColumn:
        return a.displayName;
    case TypeColumn:
        return typeText(a);
    case SizeColumn:
        return sizeText(a);
    default:
        return {};
    }
}

QVariant AttributeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LogicalNameColumn:
        return tr("Logical name");
    case DisplayNameColumn:
        return tr("Display name");
    case TypeColumn:
        return tr("Type");
    case SizeColumn:
        return tr("Size / range");
    case MarkersColumn:
        return tr("Markers");
    default:
        return {};
    }
}

} // namespace ferry::ui
