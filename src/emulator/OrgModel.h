#pragma once
// Any thread (immutable after load): the emulator's org metadata — tables, columns, keys,
// relationships — built once from ORG.json with precomputed lookup maps for the hot path.

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ferry::emu {

enum class AttrKind
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
    Lookup, // Lookup, Customer, Owner
    Picklist,
    State,
    Status,
    MultiPicklist,
    Guid,
    Other // EntityName, Virtual, image, file...: accepted as-is when writable
};

struct Attribute
{
    std::string logicalName;
    std::string schemaName;
    std::string attributeType; // AttributeType string, e.g. "String", "Customer"
    std::string odataType;     // "#Microsoft.Dynamics.CRM.StringAttributeMetadata"
    AttrKind kind = AttrKind::Other;
    int ordinal = 0;
    int maxLength = -1;
    bool hasMin = false, hasMax = false;
    double minValue = 0, maxValue = 0;
    bool validForCreate = true, validForUpdate = true, validForRead = true;
    bool systemRequired = false;
    bool dateOnly = false;
    std::vector<std::string> targets;                 // lookups
    std::vector<std::pair<int, std::string>> options; // value, label
    std::unordered_set<int> optionValues;
    std::string lookupValueName; // "_x_value"
    int metaIndex = -1;          // index into the entity's "Attributes" json array
};

struct EntityKey
{
    std::string logicalName;
    std::string schemaName;
    std::vector<int> attrs; // ordinals
    bool active = true;
};

struct SingleNav
{
    std::string name;
    int attr = -1;
    std::vector<int> targets; // entity indices the nav may point at (empty = any)
};

struct CollectionNav
{
    std::string name;
    bool manyToMany = false;
    int otherEntity = -1;
    int referencingAttr = -1; // 1:N: lookup ordinal on otherEntity
    int relationship = -1;    // N:N: index into OrgModel::manyToMany
    int side = 1;             // N:N: which side this entity is (1 or 2)
};

struct Entity
{
    std::string logicalName, entitySetName, primaryId, primaryName, schemaName, metadataId;
    int index = 0;
    std::vector<Attribute> attrs;
    std::unordered_map<std::string, int> attrByName; // logical names and "_x_value" names
    int primaryIdOrd = -1, primaryNameOrd = -1;
    int createdOn = -1, modifiedOn = -1, ownerId = -1, stateCode = -1, statusCode = -1, versionNumber = -1,
        createdBy = -1, modifiedBy = -1;
    std::vector<EntityKey> keys;
    std::unordered_map<std::string, SingleNav> singleNavs;
    std::unordered_map<std::string, CollectionNav> collectionNavs;
    std::unordered_map<int, std::vector<std::string>> navsOfAttr; // lookup ordinal -> nav names
    nlohmann::json meta; // the entity json as loaded (Attributes, Keys, relationship arrays included)

    const Attribute *attr(const std::string &name) const
    {
        auto it = attrByName.find(name);
        return it == attrByName.end() ? nullptr : &attrs[static_cast<size_t>(it->second)];
    }
};

struct ManyToManyRel
{
    std::string schemaName, entity1, entity2, intersect, nav1, nav2, attr1, attr2;
    int e1 = -1, e2 = -1;
};

struct OrgModel
{
    std::vector<Entity> entities;
    std::unordered_map<std::string, int> byLogicalName;
    std::unordered_map<std::string, int> bySetName;
    std::vector<ManyToManyRel> manyToMany;
    nlohmann::json relationships = nlohmann::json::array(); // RelationshipDefinitions (all kinds)
    nlohmann::json globalOptionSets = nlohmann::json::array();
    std::string organizationId, organizationName, businessUnitId;
    nlohmann::json appUsers = nlohmann::json::array();
    nlohmann::json systemUsers = nlohmann::json::array();
    std::vector<std::string>
        pluginTables; ///< x-ferry-emulator.pluginTables: tables with simulated sync plug-ins

    const Entity *entity(const std::string &logicalName) const
    {
        auto it = byLogicalName.find(logicalName);
        return it == byLogicalName.end() ? nullptr : &entities[static_cast<size_t>(it->second)];
    }
    const Entity *entitySet(const std::string &setName) const
    {
        auto it = bySetName.find(setName);
        return it == bySetName.end() ? nullptr : &entities[static_cast<size_t>(it->second)];
    }

    /// Parses ORG.json; on failure returns false and sets `error` (file name and JSON path).
    static bool load(const std::string &path, OrgModel &out, std::string &error);
    /// Same from an already parsed document (`path` only for messages).
    static bool fromJson(const nlohmann::json &doc, const std::string &path, OrgModel &out,
                         std::string &error);
};

AttrKind attrKindOf(const std::string &attributeType, const std::string &odataType);
std::string odataTypeForAttributeType(const std::string &attributeType);
/// Edm type name used in CSDL for a column kind.
std::string edmTypeOf(AttrKind kind);

} // namespace ferry::emu
