#include <ferry/target/TargetModel.h>

#include <algorithm>
#include <array>
#include <utility>

namespace ferry::target {

namespace {

struct TypeName
{
    AttributeType type;
    const char *name;
};

// The service's spellings. Image and File come from AttributeTypeName (AttributeType says Virtual for them).
constexpr std::array<TypeName, 21> kTypeNames{{
    {AttributeType::String, "String"},
    {AttributeType::Memo, "Memo"},
    {AttributeType::Integer, "Integer"},
    {AttributeType::BigInt, "BigInt"},
    {AttributeType::Decimal, "Decimal"},
    {AttributeType::Double, "Double"},
    {AttributeType::Money, "Money"},
    {AttributeType::Boolean, "Boolean"},
    {AttributeType::DateTime, "DateTime"},
    {AttributeType::Picklist, "Picklist"},
    {AttributeType::MultiSelectPicklist, "MultiSelectPicklist"},
    {AttributeType::State, "State"},
    {AttributeType::Status, "Status"},
    {AttributeType::Lookup, "Lookup"},
    {AttributeType::Customer, "Customer"},
    {AttributeType::Owner, "Owner"},
    {AttributeType::Uniqueidentifier, "Uniqueidentifier"},
    {AttributeType::EntityName, "EntityName"},
    {AttributeType::Image, "Image"},
    {AttributeType::File, "File"},
    {AttributeType::Virtual, "Virtual"},
}};

} // namespace

AttributeType attributeTypeFromName(const QString &name)
{
    for (const TypeName &t : kTypeNames)
        if (name.compare(QLatin1String(t.name), Qt::CaseInsensitive) == 0)
            return t.type;
    return AttributeType::Other;
}

QString attributeTypeName(AttributeType type)
{
    for (const TypeName &t : kTypeNames)
        if (t.type == type)
            return QString::fromLatin1(t.name);
    return QStringLiteral("Other");
}

const OptionValue *OptionSet::byValue(int value) const
{
    for (const OptionValue &o : options)
        if (o.value == value)
            return &o;
    return nullptr;
}

const OptionValue *OptionSet::byLabel(const QString &label) const
{
    for (const OptionValue &o : options)
        if (o.label.compare(label, Qt::CaseInsensitive) == 0)
            return &o;
    return nullptr;
}

const Attribute *Entity::attribute(const QString &name) const
{
    for (const Attribute &a : attributes)
        if (a.logicalName == name)
            return &a;
    return nullptr;
}

const AlternateKey *Entity::key(const QString &name) const
{
    for (const AlternateKey &k : keys)
        if (k.logicalName == name)
            return &k;
    return nullptr;
}

TargetModel::TargetModel(QList<Entity> entities, QList<OptionSet> globalOptionSets,
                         OrganizationInfo organization)
    : m_entities(std::move(entities)), m_globalOptionSets(std::move(globalOptionSets)),
      m_organization(std::move(organization))
{
    std::stable_sort(m_entities.begin(), m_entities.end(),
                     [](const Entity &a, const Entity &b) { return a.logicalName < b.logicalName; });
    std::stable_sort(m_globalOptionSets.begin(), m_globalOptionSets.end(),
                     [](const OptionSet &a, const OptionSet &b) { return a.name < b.name; });
    reindex();
}

const Entity *TargetModel::entity(const QString &logicalName) const
{
    const auto it = m_byName.constFind(logicalName);
    return it == m_byName.constEnd() ? nullptr : &m_entities[*it];
}

const Entity *TargetModel::entityBySetName(const QString &setName) const
{
    const auto it = m_bySetName.constFind(setName);
    return it == m_bySetName.constEnd() ? nullptr : &m_entities[*it];
}

void TargetModel::upsertEntity(Entity entity)
{
    const auto it = m_byName.constFind(entity.logicalName);
    if (it != m_byName.constEnd()) {
        m_entities[*it] = std::move(entity);
    } else {
        const auto pos =
            std::lower_bound(m_entities.begin(), m_entities.end(), entity.logicalName,
                             [](const Entity &e, const QString &name) { return e.logicalName < name; });
        m_entities.insert(pos, std::move(entity));
    }
    reindex();
}

void TargetModel::reindex()
{
    m_byName.clear();
    m_bySetName.clear();
    for (qsizetype i = 0; i < m_entities.size(); ++i) {
        m_byName.insert(m_entities[i].logicalName, i);
        if (!m_entities[i].entitySetName.isEmpty())
            m_bySetName.insert(m_entities[i].entitySetName, i);
    }
}

} // namespace ferry::target
