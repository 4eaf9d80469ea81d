#pragma once
// Any thread: plain value types. A TargetModel is built once (parsed, or loaded from the cache) and then only
// read, so it can be shared read-only between threads.

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ferry::target {

/// The column types of Dataverse (AttributeMetadata.AttributeType). Unknown types map to Other, and the
/// raw name is kept in Attribute::typeName.
enum class AttributeType
{
    String,
    Memo,
    Integer,
    BigInt,
    Decimal,
    Double,
    Money,
    Boolean,
    DateTime,
    Picklist,
    MultiSelectPicklist,
    State,
    Status,
    Lookup,
    Customer,
    Owner,
    Uniqueidentifier,
    EntityName,
    Image,
    File,
    Virtual,
    Other,
};

/// AttributeType from the service's spelling ("String", "Picklist", "Lookup"...); Other when unknown.
AttributeType attributeTypeFromName(const QString &name);
/// The service's spelling of a type ("String"...); "Other" for Other.
QString attributeTypeName(AttributeType type);

/// RequiredLevel.Value. Only SystemRequired is enforced by the service; ApplicationRequired is a UI rule.
enum class RequiredLevel
{
    None,
    Recommended,
    ApplicationRequired,
    SystemRequired,
};

/// DateTimeBehavior.Value of a DateTime column.
enum class DateTimeBehavior
{
    UserLocal,
    DateOnly,
    TimeZoneIndependent,
};

/// One choice value: Value and its user-localized label. State options carry their default status,
/// Status options the state they belong to.
struct OptionValue
{
    int value = 0;
    QString label;
    std::optional<int> state;         ///< Status options: the statecode they belong to
    std::optional<int> defaultStatus; ///< State options: their default statuscode
    friend bool operator==(const OptionValue &, const OptionValue &) = default;
};

/// The options of a Picklist / MultiSelectPicklist / State / Status column, or a global option set.
/// Boolean columns use options 0 (FalseOption) and 1 (TrueOption).
struct OptionSet
{
    QString name; ///< global option sets: Name; local ones: the service's generated name, may be empty
    bool isGlobal = false;
    QList<OptionValue> options;
    /// The option with this value, or nullptr.
    const OptionValue *byValue(int value) const;
    /// The option whose label equals `label` (case-insensitive), or nullptr.
    const OptionValue *byLabel(const QString &label) const;
    friend bool operator==(const OptionSet &, const OptionSet &) = default;
};

/// One column of a target table (AttributeMetadata), reduced to what mapping and validation need.
struct Attribute
{
    QString logicalName;
    QString schemaName;
    QString displayName; ///< UserLocalizedLabel, or the logical name when there is none
    QString typeName;    ///< AttributeType as the service spells it
    AttributeType type = AttributeType::Other;
    QString attributeOf; ///< set for generated companion columns (e.g. the name column of a lookup)
    RequiredLevel requiredLevel = RequiredLevel::None;
    bool isPrimaryId = false;
    bool isPrimaryName = false;
    bool isCustom = false;
    bool validForCreate = false;
    bool validForUpdate = false;
    bool validForRead = false;
    std::optional<int> maxLength;   ///< String, Memo
    QString format;                 ///< String: FormatName (Text, Email, Url...); DateTime: Format
    std::optional<int> precision;   ///< Decimal, Double, Money
    std::optional<double> minValue; ///< Integer, BigInt, Decimal, Double, Money
    std::optional<double> maxValue; ///< Integer, BigInt, Decimal, Double, Money
    DateTimeBehavior dateTimeBehavior = DateTimeBehavior::UserLocal; ///< DateTime only
    std::optional<OptionSet> optionSet; ///< Picklist, MultiSelectPicklist, State, Status, Boolean
    QStringList targets; ///< Lookup, Customer, Owner: logical names of the tables it may point to

    bool isLookup() const
    {
        return type == AttributeType::Lookup || type == AttributeType::Customer ||
               type == AttributeType::Owner;
    }
    friend bool operator==(const Attribute &, const Attribute &) = default;
};

/// An alternate key (EntityKeyMetadata).
struct AlternateKey
{
    QString logicalName;
    QString schemaName;
    QStringList attributes;
    QString indexStatus; ///< EntityKeyIndexStatus: Active, Pending, InProgress, Failed
    friend bool operator==(const AlternateKey &, const AlternateKey &) = default;
};

/// A 1:N relationship (OneToManyRelationshipMetadata), seen from either side.
struct OneToManyRelationship
{
    QString schemaName;
    QString referencedEntity;    ///< the "one" side
    QString referencedAttribute; ///< usually its primary id
    QString referencingEntity;   ///< the "many" side, which holds the lookup column
    QString referencingAttribute;
    QString referencingNavigationProperty; ///< ReferencingEntityNavigationPropertyName, used in @odata.bind
    friend bool operator==(const OneToManyRelationship &, const OneToManyRelationship &) = default;
};

/// An N:N relationship (ManyToManyRelationshipMetadata).
struct ManyToManyRelationship
{
    QString schemaName;
    QString entity1;
    QString entity2;
    QString intersectEntity;
    QString entity1IntersectAttribute;
    QString entity2IntersectAttribute;
    QString entity1NavigationProperty;
    QString entity2NavigationProperty;
    friend bool operator==(const ManyToManyRelationship &, const ManyToManyRelationship &) = default;
};

/// One target table (EntityMetadata) with its columns, keys and relationships.
struct Entity
{
    QString logicalName;
    QString schemaName;
    QString entitySetName;
    QString displayName;
    QString displayCollectionName;
    QString primaryIdAttribute;
    QString primaryNameAttribute;
    QString ownershipType; ///< UserOwned, OrganizationOwned, BusinessOwned, None
    QString tableType;     ///< Standard, Elastic, Virtual...
    int objectTypeCode = 0;
    bool isCustom = false;
    bool isIntersect = false;
    bool isActivity = false;
    QList<Attribute> attributes;
    QList<AlternateKey> keys;
    QList<OneToManyRelationship> manyToOne; ///< lookups on this table
    QList<OneToManyRelationship> oneToMany; ///< lookups on other tables pointing here
    QList<ManyToManyRelationship> manyToMany;
    QDateTime fetchedAt; ///< when this table's metadata was read from the service (UTC); not compared

    /// The column with this logical name, or nullptr.
    const Attribute *attribute(const QString &logicalName) const;
    /// The key with this logical name, or nullptr.
    const AlternateKey *key(const QString &logicalName) const;

    friend bool operator==(const Entity &a, const Entity &b)
    {
        return a.logicalName == b.logicalName && a.schemaName == b.schemaName &&
               a.entitySetName == b.entitySetName && a.displayName == b.displayName &&
               a.displayCollectionName == b.displayCollectionName &&
               a.primaryIdAttribute == b.primaryIdAttribute &&
               a.primaryNameAttribute == b.primaryNameAttribute && a.ownershipType == b.ownershipType &&
               a.tableType == b.tableType && a.objectTypeCode == b.objectTypeCode &&
               a.isCustom == b.isCustom && a.isIntersect == b.isIntersect && a.isActivity == b.isActivity &&
               a.attributes == b.attributes && a.keys == b.keys && a.manyToOne == b.manyToOne &&
               a.oneToMany == b.oneToMany && a.manyToMany == b.manyToMany;
    }
};

/// The organization a model was read from.
struct OrganizationInfo
{
    QString environmentUrl; ///< e.g. https://contoso.crm.dynamics.com/
    QString organizationId;
    QString uniqueName;
    QString friendlyName;
    QString businessUnitId;
    friend bool operator==(const OrganizationInfo &, const OrganizationInfo &) = default;
};

/// The metadata of a target org, or of the part of it that was fetched.
class TargetModel
{
public:
    TargetModel() = default;
    explicit TargetModel(QList<Entity> entities, QList<OptionSet> globalOptionSets = {},
                         OrganizationInfo organization = {});

    const QList<Entity> &entities() const { return m_entities; }
    const QList<OptionSet> &globalOptionSets() const { return m_globalOptionSets; }
    const OrganizationInfo &organization() const { return m_organization; }

    /// The table with this logical name, or nullptr.
    const Entity *entity(const QString &logicalName) const;
    /// The table whose EntitySetName is `setName`, or nullptr.
    const Entity *entityBySetName(const QString &setName) const;
    /// Adds or replaces one table (a per-table refresh), keeping the order by logical name.
    void upsertEntity(Entity entity);
    bool isEmpty() const { return m_entities.isEmpty(); }

    friend bool operator==(const TargetModel &a, const TargetModel &b)
    {
        return a.m_entities == b.m_entities && a.m_globalOptionSets == b.m_globalOptionSets;
    }

private:
    void reindex();
    QList<Entity> m_entities; ///< sorted by logical name
    QList<OptionSet> m_globalOptionSets;
    OrganizationInfo m_organization;
    QHash<QString, qsizetype> m_byName;
    QHash<QString, qsizetype> m_bySetName;
};

} // namespace ferry::target
