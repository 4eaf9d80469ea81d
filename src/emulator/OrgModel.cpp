#include "OrgModel.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>

namespace ferry::emu {

namespace {

std::string lower(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// A stable GUID derived from a name, for metadata that lacks MetadataId (trimmed snapshots).
std::string stableGuid(const std::string &seed)
{
    uint64_t h1 = 1469598103934665603ull, h2 = 1099511628211ull;
    for (unsigned char c : seed) {
        h1 = (h1 ^ c) * 1099511628211ull;
        h2 = (h2 + c) * 6364136223846793005ull + 1442695040888963407ull;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(h1 >> 32),
                  static_cast<unsigned>((h1 >> 16) & 0xffff), static_cast<unsigned>(0x4000 | (h1 & 0x0fff)),
                  static_cast<unsigned>(0x8000 | ((h2 >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(h2 & 0xffffffffffffull));
    return buf;
}

std::string str(const nlohmann::json &j, const char *key)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_string())
        return {};
    return it->get<std::string>();
}

bool boolOrManaged(const nlohmann::json &j, const char *key, bool def)
{
    auto it = j.find(key);
    if (it == j.end())
        return def;
    if (it->is_boolean())
        return it->get<bool>();
    if (it->is_object()) {
        auto v = it->find("Value");
        if (v != it->end() && v->is_boolean())
            return v->get<bool>();
    }
    return def;
}

std::string labelOf(const nlohmann::json &label)
{
    if (!label.is_object())
        return {};
    auto u = label.find("UserLocalizedLabel");
    if (u != label.end() && u->is_object())
        return str(*u, "Label");
    auto l = label.find("LocalizedLabels");
    if (l != label.end() && l->is_array() && !l->empty() && (*l)[0].is_object())
        return str((*l)[0], "Label");
    return {};
}

struct LoadError
{
    std::string path;
    std::string message;
};

} // namespace

AttrKind attrKindOf(const std::string &attributeType, const std::string &odataType)
{
    static const std::unordered_map<std::string, AttrKind> byOdata = {
        {"StringAttributeMetadata", AttrKind::String},
        {"MemoAttributeMetadata", AttrKind::Memo},
        {"IntegerAttributeMetadata", AttrKind::Integer},
        {"BigIntAttributeMetadata", AttrKind::BigInt},
        {"DecimalAttributeMetadata", AttrKind::Decimal},
        {"DoubleAttributeMetadata", AttrKind::Double},
        {"MoneyAttributeMetadata", AttrKind::Money},
        {"BooleanAttributeMetadata", AttrKind::Boolean},
        {"DateTimeAttributeMetadata", AttrKind::DateTime},
        {"LookupAttributeMetadata", AttrKind::Lookup},
        {"PicklistAttributeMetadata", AttrKind::Picklist},
        {"StateAttributeMetadata", AttrKind::State},
        {"StatusAttributeMetadata", AttrKind::Status},
        {"MultiSelectPicklistAttributeMetadata", AttrKind::MultiPicklist},
        {"UniqueIdentifierAttributeMetadata", AttrKind::Guid},
    };
    static const std::unordered_map<std::string, AttrKind> byType = {
        {"String", AttrKind::String},     {"Memo", AttrKind::Memo},
        {"Integer", AttrKind::Integer},   {"BigInt", AttrKind::BigInt},
        {"Decimal", AttrKind::Decimal},   {"Double", AttrKind::Double},
        {"Money", AttrKind::Money},       {"Boolean", AttrKind::Boolean},
        {"DateTime", AttrKind::DateTime}, {"Lookup", AttrKind::Lookup},
        {"Customer", AttrKind::Lookup},   {"Owner", AttrKind::Lookup},
        {"Picklist", AttrKind::Picklist}, {"State", AttrKind::State},
        {"Status", AttrKind::Status},     {"Uniqueidentifier", AttrKind::Guid},
    };
    // AttributeType wins for the lookup family (Customer/Owner share LookupAttributeMetadata).
    auto t = byType.find(attributeType);
    if (!odataType.empty()) {
        auto dot = odataType.rfind('.');
        auto o = byOdata.find(dot == std::string::npos ? odataType : odataType.substr(dot + 1));
        if (o != byOdata.end())
            return o->second;
    }
    return t == byType.end() ? AttrKind::Other : t->second;
}

std::string odataTypeForAttributeType(const std::string &t)
{
    static const std::unordered_map<std::string, std::string> m = {
        {"String", "StringAttributeMetadata"},
        {"Memo", "MemoAttributeMetadata"},
        {"Integer", "IntegerAttributeMetadata"},
        {"BigInt", "BigIntAttributeMetadata"},
        {"Decimal", "DecimalAttributeMetadata"},
        {"Double", "DoubleAttributeMetadata"},
        {"Money", "MoneyAttributeMetadata"},
        {"Boolean", "BooleanAttributeMetadata"},
        {"DateTime", "DateTimeAttributeMetadata"},
        {"Lookup", "LookupAttributeMetadata"},
        {"Customer", "LookupAttributeMetadata"},
        {"Owner", "LookupAttributeMetadata"},
        {"Picklist", "PicklistAttributeMetadata"},
        {"State", "StateAttributeMetadata"},
        {"Status", "StatusAttributeMetadata"},
        {"Uniqueidentifier", "UniqueIdentifierAttributeMetadata"},
        {"EntityName", "EntityNameAttributeMetadata"},
    };
    auto it = m.find(t);
    return "#Microsoft.Dynamics.CRM." + (it == m.end() ? std::string("AttributeMetadata") : it->second);
}

std::string edmTypeOf(AttrKind kind)
{
    switch (kind) {
    case AttrKind::Integer:
    case AttrKind::Picklist:
    case AttrKind::State:
    case AttrKind::Status:
        return "Edm.Int32";
    case AttrKind::BigInt:
        return "Edm.Int64";
    case AttrKind::Decimal:
    case AttrKind::Money:
        return "Edm.Decimal";
    case AttrKind::Double:
        return "Edm.Double";
    case AttrKind::Boolean:
        return "Edm.Boolean";
    case AttrKind::DateTime:
        return "Edm.DateTimeOffset";
    case AttrKind::Lookup:
    case AttrKind::Guid:
        return "Edm.Guid";
    default:
        return "Edm.String";
    }
}

bool OrgModel::load(const std::string &path, OrgModel &out, std::string &error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot open the org file";
        return false;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(ss.str());
    } catch (const std::exception &e) {
        error = path + ": not valid JSON: " + e.what();
        return false;
    }
    return fromJson(doc, path, out, error);
}

bool OrgModel::fromJson(const nlohmann::json &doc, const std::string &path, OrgModel &out, std::string &error)
{
    auto fail = [&](const std::string &jsonPath, const std::string &msg) {
        error = path + ": " + jsonPath + ": " + msg;
        return false;
    };
    if (!doc.is_object())
        return fail("$", "expected an object with a \"value\" array of entity definitions");
    auto valueIt = doc.find("value");
    if (valueIt == doc.end() || !valueIt->is_array())
        return fail("$.value", "missing or not an array (expected the EntityDefinitions response shape)");

    out = OrgModel{};
    const auto &values = *valueIt;
    for (size_t i = 0; i < values.size(); ++i) {
        const auto &ej = values[i];
        std::string ep = "$.value[" + std::to_string(i) + "]";
        if (!ej.is_object())
            return fail(ep, "entity definition is not an object");
        Entity e;
        e.meta = ej;
        e.logicalName = str(ej, "LogicalName");
        if (e.logicalName.empty())
            return fail(ep + ".LogicalName", "missing or not a string");
        ep = ep + " (" + e.logicalName + ")";
        e.entitySetName = str(ej, "EntitySetName");
        if (e.entitySetName.empty())
            e.entitySetName = e.logicalName + "s";
        e.primaryId = str(ej, "PrimaryIdAttribute");
        if (e.primaryId.empty())
            e.primaryId = e.logicalName + "id";
        e.primaryName = str(ej, "PrimaryNameAttribute");
        e.schemaName = str(ej, "SchemaName");
        if (e.schemaName.empty())
            e.schemaName = e.logicalName;
        e.metadataId = str(ej, "MetadataId");
        if (e.metadataId.empty())
            e.metadataId = stableGuid("entity:" + e.logicalName);
        e.meta["LogicalName"] = e.logicalName;
        e.meta["EntitySetName"] = e.entitySetName;
        e.meta["PrimaryIdAttribute"] = e.primaryId;
        e.meta["SchemaName"] = e.schemaName;
        e.meta["MetadataId"] = e.metadataId;
        if (!e.meta.contains("PrimaryNameAttribute"))
            e.meta["PrimaryNameAttribute"] =
                e.primaryName.empty() ? nlohmann::json() : nlohmann::json(e.primaryName);

        auto attrsIt = e.meta.find("Attributes");
        if (attrsIt != e.meta.end() && !attrsIt->is_array())
            return fail(ep + ".Attributes", "not an array");
        if (attrsIt == e.meta.end())
            e.meta["Attributes"] = nlohmann::json::array();
        auto &attrsJson = e.meta["Attributes"];
        bool hasPrimary = false;
        for (size_t a = 0; a < attrsJson.size(); ++a) {
            auto &aj = attrsJson[a];
            std::string ap = ep + ".Attributes[" + std::to_string(a) + "]";
            if (!aj.is_object())
                return fail(ap, "attribute is not an object");
            Attribute at;
            at.logicalName = str(aj, "LogicalName");
            if (at.logicalName.empty())
                return fail(ap + ".LogicalName", "missing or not a string");
            if (e.attrByName.count(at.logicalName))
                continue; // tolerate duplicates in hand-made files
            at.schemaName = str(aj, "SchemaName");
            if (at.schemaName.empty())
                at.schemaName = at.logicalName;
            at.attributeType = str(aj, "AttributeType");
            if (at.attributeType.empty() && aj.contains("AttributeTypeName") &&
                aj["AttributeTypeName"].is_object()) {
                std::string tn = str(aj["AttributeTypeName"], "Value");
                if (tn.size() > 4 && tn.compare(tn.size() - 4, 4, "Type") == 0)
                    at.attributeType = tn.substr(0, tn.size() - 4);
            }
            at.odataType = str(aj, "@odata.type");
            if (at.attributeType.empty() && at.odataType.empty())
                return fail(ap + ".AttributeType",
                            "missing (and no @odata.type): cannot tell the column type of '" +
                                at.logicalName + "'");
            if (at.odataType.empty()) {
                at.odataType = odataTypeForAttributeType(at.attributeType);
                aj["@odata.type"] = at.odataType;
            }
            at.kind = attrKindOf(at.attributeType, at.odataType);
            if (at.attributeType.empty()) {
                static const char *names[] = {"String",   "Memo",  "Integer", "BigInt",   "Decimal",
                                              "Double",   "Money", "Boolean", "DateTime", "Lookup",
                                              "Picklist", "State", "Status",  "Virtual",  "Uniqueidentifier",
                                              "Virtual"};
                at.attributeType = names[static_cast<int>(at.kind)];
                aj["AttributeType"] = at.attributeType;
            }
            if (!aj.contains("MetadataId"))
                aj["MetadataId"] = stableGuid("attr:" + e.logicalName + "." + at.logicalName);
            if (aj.contains("MaxLength") && aj["MaxLength"].is_number_integer())
                at.maxLength = aj["MaxLength"].get<int>();
            if (aj.contains("MinValue") && aj["MinValue"].is_number()) {
                at.hasMin = true;
                at.minValue = aj["MinValue"].get<double>();
            }
            if (aj.contains("MaxValue") && aj["MaxValue"].is_number()) {
                at.hasMax = true;
                at.maxValue = aj["MaxValue"].get<double>();
            }
            if (at.kind == AttrKind::Integer && !at.hasMin) {
                at.hasMin = at.hasMax = true;
                at.minValue = -2147483648.0;
                at.maxValue = 2147483647.0;
            }
            at.validForCreate = boolOrManaged(aj, "IsValidForCreate", true);
            at.validForUpdate = boolOrManaged(aj, "IsValidForUpdate", true);
            at.validForRead = boolOrManaged(aj, "IsValidForRead", true);
            if (aj.contains("RequiredLevel")) {
                const auto &rl = aj["RequiredLevel"];
                std::string lvl =
                    rl.is_object() ? str(rl, "Value") : (rl.is_string() ? rl.get<std::string>() : "");
                at.systemRequired = lvl == "SystemRequired";
            }
            if (aj.contains("Format") && aj["Format"].is_string() &&
                aj["Format"].get<std::string>() == "DateOnly")
                at.dateOnly = true;
            if (aj.contains("DateTimeBehavior") && aj["DateTimeBehavior"].is_object() &&
                str(aj["DateTimeBehavior"], "Value") == "DateOnly")
                at.dateOnly = true;
            if (aj.contains("Targets")) {
                if (!aj["Targets"].is_array())
                    return fail(ap + ".Targets", "not an array");
                for (const auto &t : aj["Targets"])
                    if (t.is_string())
                        at.targets.push_back(t.get<std::string>());
            }
            for (const char *osKey : {"OptionSet", "GlobalOptionSet"}) {
                auto os = aj.find(osKey);
                if (os == aj.end() || !os->is_object())
                    continue;
                auto opts = os->find("Options");
                if (opts == os->end())
                    continue;
                if (!opts->is_array())
                    return fail(ap + "." + osKey + ".Options", "not an array");
                for (size_t o = 0; o < opts->size(); ++o) {
                    const auto &oj = (*opts)[o];
                    if (!oj.is_object() || !oj.contains("Value") || !oj["Value"].is_number_integer())
                        return fail(ap + "." + osKey + ".Options[" + std::to_string(o) + "].Value",
                                    "missing or not an integer");
                    int v = oj["Value"].get<int>();
                    if (at.optionValues.insert(v).second)
                        at.options.emplace_back(v, labelOf(oj.value("Label", nlohmann::json())));
                }
            }
            if (at.kind == AttrKind::Boolean && at.options.empty()) {
                at.options = {{0, "No"}, {1, "Yes"}};
                auto os = aj.find("OptionSet");
                if (os != aj.end() && os->is_object()) {
                    for (const char *k : {"FalseOption", "TrueOption"}) {
                        auto o = os->find(k);
                        if (o != os->end() && o->is_object()) {
                            std::string l = labelOf(o->value("Label", nlohmann::json()));
                            if (!l.empty())
                                at.options[k[0] == 'F' ? 0 : 1].second = l;
                        }
                    }
                }
            }
            at.metaIndex = static_cast<int>(a);
            at.ordinal = static_cast<int>(e.attrs.size());
            if (at.kind == AttrKind::Lookup)
                at.lookupValueName = "_" + at.logicalName + "_value";
            if (at.logicalName == e.primaryId)
                hasPrimary = true;
            e.attrByName[at.logicalName] = at.ordinal;
            e.attrs.push_back(std::move(at));
        }
        if (!hasPrimary) {
            // Trimmed snapshots may omit the id column; the table still needs one.
            Attribute at;
            at.logicalName = e.primaryId;
            at.schemaName = e.primaryId;
            at.attributeType = "Uniqueidentifier";
            at.odataType = "#Microsoft.Dynamics.CRM.UniqueIdentifierAttributeMetadata";
            at.kind = AttrKind::Guid;
            at.ordinal = static_cast<int>(e.attrs.size());
            at.metaIndex = static_cast<int>(attrsJson.size());
            attrsJson.push_back({{"@odata.type", at.odataType},
                                 {"LogicalName", at.logicalName},
                                 {"SchemaName", at.schemaName},
                                 {"AttributeType", "Uniqueidentifier"},
                                 {"IsPrimaryId", true},
                                 {"MetadataId", stableGuid("attr:" + e.logicalName + "." + at.logicalName)}});
            e.attrByName[at.logicalName] = at.ordinal;
            e.attrs.push_back(std::move(at));
        }
        for (const auto &a : e.attrs)
            if (a.kind == AttrKind::Lookup)
                e.attrByName.emplace(a.lookupValueName, a.ordinal);
        e.primaryIdOrd = e.attrByName[e.primaryId];
        // The primary id is the row's key; a stored uniqueidentifier however it was declared.
        e.attrs[static_cast<size_t>(e.primaryIdOrd)].kind = AttrKind::Guid;
        if (!e.primaryName.empty() && e.attrByName.count(e.primaryName))
            e.primaryNameOrd = e.attrByName[e.primaryName];
        auto ordOf = [&](const char *n) {
            auto it = e.attrByName.find(n);
            return it == e.attrByName.end() ? -1 : it->second;
        };
        e.createdOn = ordOf("createdon");
        e.modifiedOn = ordOf("modifiedon");
        e.ownerId = ordOf("ownerid");
        e.stateCode = ordOf("statecode");
        e.statusCode = ordOf("statuscode");
        e.versionNumber = ordOf("versionnumber");
        e.createdBy = ordOf("createdby");
        e.modifiedBy = ordOf("modifiedby");

        auto keysIt = e.meta.find("Keys");
        if (keysIt != e.meta.end()) {
            if (!keysIt->is_array())
                return fail(ep + ".Keys", "not an array");
            for (size_t k = 0; k < keysIt->size(); ++k) {
                auto &kj = (*keysIt)[k];
                std::string kp = ep + ".Keys[" + std::to_string(k) + "]";
                if (!kj.is_object())
                    return fail(kp, "key is not an object");
                EntityKey key;
                key.logicalName = str(kj, "LogicalName");
                key.schemaName = str(kj, "SchemaName");
                if (key.logicalName.empty())
                    key.logicalName =
                        key.schemaName.empty() ? "key" + std::to_string(k) : lower(key.schemaName);
                if (key.schemaName.empty())
                    key.schemaName = key.logicalName;
                if (!kj.contains("MetadataId"))
                    kj["MetadataId"] = stableGuid("key:" + e.logicalName + "." + key.logicalName);
                auto ka = kj.find("KeyAttributes");
                if (ka == kj.end() || !ka->is_array() || ka->empty())
                    return fail(kp + ".KeyAttributes", "missing or empty");
                for (size_t c = 0; c < ka->size(); ++c) {
                    if (!(*ka)[c].is_string())
                        return fail(kp + ".KeyAttributes[" + std::to_string(c) + "]", "not a string");
                    auto it = e.attrByName.find((*ka)[c].get<std::string>());
                    if (it == e.attrByName.end())
                        return fail(kp + ".KeyAttributes[" + std::to_string(c) + "]",
                                    "column '" + (*ka)[c].get<std::string>() + "' is not an attribute of '" +
                                        e.logicalName + "'");
                    key.attrs.push_back(it->second);
                }
                std::string status = str(kj, "EntityKeyIndexStatus");
                key.active = status.empty() || status == "Active";
                e.keys.push_back(std::move(key));
            }
        }
        e.index = static_cast<int>(out.entities.size());
        if (out.byLogicalName.count(e.logicalName))
            return fail(ep, "duplicate entity '" + e.logicalName + "'");
        out.byLogicalName[e.logicalName] = e.index;
        out.bySetName[e.entitySetName] = e.index;
        out.entities.push_back(std::move(e));
    }

    // Relationships: top-level RelationshipDefinitions plus per-entity arrays, de-duplicated.
    std::unordered_set<std::string> seenRel;
    auto addRel = [&](const nlohmann::json &r, const std::string &rp, const char *impliedType) -> bool {
        if (!r.is_object())
            return fail(rp, "relationship is not an object");
        std::string schema = str(r, "SchemaName");
        if (schema.empty())
            return fail(rp + ".SchemaName", "missing");
        if (!seenRel.insert(schema).second)
            return true;
        nlohmann::json copy = r;
        if (!copy.contains("@odata.type"))
            copy["@odata.type"] = std::string("#Microsoft.Dynamics.CRM.") + impliedType;
        if (!copy.contains("MetadataId"))
            copy["MetadataId"] = stableGuid("rel:" + schema);
        out.relationships.push_back(std::move(copy));
        return true;
    };
    if (doc.contains("RelationshipDefinitions")) {
        const auto &rd = doc["RelationshipDefinitions"];
        const auto &arr = rd.is_object() && rd.contains("value") ? rd["value"] : rd;
        if (!arr.is_array())
            return fail("$.RelationshipDefinitions", "not an array");
        for (size_t r = 0; r < arr.size(); ++r) {
            const auto &rj = arr[r];
            std::string type = rj.is_object() ? str(rj, "@odata.type") : "";
            bool mm = type.find("ManyToMany") != std::string::npos ||
                      (rj.is_object() && rj.contains("Entity1LogicalName"));
            if (!addRel(rj, "$.RelationshipDefinitions[" + std::to_string(r) + "]",
                        mm ? "ManyToManyRelationshipMetadata" : "OneToManyRelationshipMetadata"))
                return false;
        }
    }
    for (size_t i = 0; i < out.entities.size(); ++i) {
        for (const char *k :
             {"ManyToManyRelationships", "ManyToOneRelationships", "OneToManyRelationships"}) {
            auto it = out.entities[i].meta.find(k);
            if (it == out.entities[i].meta.end())
                continue;
            std::string rp = "$.value[" + std::to_string(i) + "]." + k;
            if (!it->is_array())
                return fail(rp, "not an array");
            for (size_t r = 0; r < it->size(); ++r)
                if (!addRel((*it)[r], rp + "[" + std::to_string(r) + "]",
                            std::string(k) == "ManyToManyRelationships" ? "ManyToManyRelationshipMetadata"
                                                                        : "OneToManyRelationshipMetadata"))
                    return false;
        }
    }

    // Lookup targets and single-valued navigation properties.
    std::unordered_map<std::string, std::vector<const nlohmann::json *>> relByReferencing; // "entity.attr"
    for (const auto &r : out.relationships) {
        if (r.contains("Entity1LogicalName"))
            continue;
        relByReferencing[str(r, "ReferencingEntity") + "." + str(r, "ReferencingAttribute")].push_back(&r);
    }
    for (auto &e : out.entities) {
        for (auto &a : e.attrs) {
            if (a.kind != AttrKind::Lookup)
                continue;
            auto rels = relByReferencing.find(e.logicalName + "." + a.logicalName);
            if (a.targets.empty() && rels != relByReferencing.end())
                for (const auto *r : rels->second)
                    a.targets.push_back(str(*r, "ReferencedEntity"));
            if (a.targets.empty()) {
                const std::string &n = a.logicalName;
                if (a.attributeType == "Owner")
                    a.targets = {"systemuser", "team"};
                else if (a.attributeType == "Customer")
                    a.targets = {"account", "contact"};
                else if (n == "createdby" || n == "modifiedby" || n == "createdonbehalfby" ||
                         n == "modifiedonbehalfby" || n == "owninguser")
                    a.targets = {"systemuser"};
                else if (n == "owningteam")
                    a.targets = {"team"};
                else if (n == "owningbusinessunit")
                    a.targets = {"businessunit"};
                else if (n.size() > 2 && n.compare(n.size() - 2, 2, "id") == 0) {
                    std::string stem = n.substr(0, n.size() - 2);
                    std::string best;
                    for (const auto &other : out.entities) {
                        const std::string &ln = other.logicalName;
                        if (stem.size() >= ln.size() &&
                            stem.compare(stem.size() - ln.size(), ln.size(), ln) == 0 &&
                            ln.size() > best.size())
                            best = ln;
                    }
                    if (!best.empty())
                        a.targets = {best};
                }
            }
            std::vector<std::string> navNames;
            if (rels != relByReferencing.end()) {
                for (const auto *r : rels->second) {
                    std::string nav = str(*r, "ReferencingEntityNavigationPropertyName");
                    std::string target = str(*r, "ReferencedEntity");
                    if (nav.empty())
                        continue;
                    SingleNav sn{nav, a.ordinal, {}};
                    if (auto t = out.byLogicalName.find(target); t != out.byLogicalName.end())
                        sn.targets.push_back(t->second);
                    e.singleNavs[nav] = sn;
                    navNames.push_back(nav);
                }
            }
            if (navNames.empty()) {
                bool custom = boolOrManaged(e.meta["Attributes"][static_cast<size_t>(a.metaIndex)],
                                            "IsCustomAttribute", false);
                std::string base = custom ? a.schemaName : a.logicalName;
                if (a.targets.size() <= 1 || a.attributeType == "Owner") {
                    SingleNav sn{base, a.ordinal, {}};
                    for (const auto &t : a.targets)
                        if (auto it = out.byLogicalName.find(t); it != out.byLogicalName.end())
                            sn.targets.push_back(it->second);
                    e.singleNavs[base] = sn;
                    navNames.push_back(base);
                } else {
                    for (const auto &t : a.targets) {
                        std::string nav = base + "_" + t;
                        SingleNav sn{nav, a.ordinal, {}};
                        if (auto it = out.byLogicalName.find(t); it != out.byLogicalName.end())
                            sn.targets.push_back(it->second);
                        e.singleNavs[nav] = sn;
                        navNames.push_back(nav);
                    }
                }
            }
            e.navsOfAttr[a.ordinal] = navNames;
        }
    }

    // Collection-valued navigation properties (1:N from the referenced side, N:N on both sides).
    for (const auto &r : out.relationships) {
        if (r.contains("Entity1LogicalName")) {
            ManyToManyRel m;
            m.schemaName = str(r, "SchemaName");
            m.entity1 = str(r, "Entity1LogicalName");
            m.entity2 = str(r, "Entity2LogicalName");
            m.intersect = str(r, "IntersectEntityName");
            m.nav1 = str(r, "Entity1NavigationPropertyName");
            m.nav2 = str(r, "Entity2NavigationPropertyName");
            m.attr1 = str(r, "Entity1IntersectAttribute");
            m.attr2 = str(r, "Entity2IntersectAttribute");
            auto i1 = out.byLogicalName.find(m.entity1), i2 = out.byLogicalName.find(m.entity2);
            if (i1 == out.byLogicalName.end() || i2 == out.byLogicalName.end())
                continue;
            m.e1 = i1->second;
            m.e2 = i2->second;
            if (m.nav1.empty())
                m.nav1 = m.schemaName;
            if (m.nav2.empty())
                m.nav2 = m.schemaName;
            int idx = static_cast<int>(out.manyToMany.size());
            // Entity1NavigationPropertyName is the property on entity 1 that lists entity 2 rows.
            out.entities[static_cast<size_t>(m.e1)].collectionNavs[m.nav1] = {m.nav1, true, m.e2, -1, idx, 1};
            out.entities[static_cast<size_t>(m.e2)].collectionNavs[m.nav2] = {m.nav2, true, m.e1, -1, idx, 2};
            out.manyToMany.push_back(std::move(m));
        } else {
            std::string nav = str(r, "ReferencedEntityNavigationPropertyName");
            auto ref = out.byLogicalName.find(str(r, "ReferencedEntity"));
            auto referencing = out.byLogicalName.find(str(r, "ReferencingEntity"));
            if (nav.empty() || ref == out.byLogicalName.end() || referencing == out.byLogicalName.end())
                continue;
            const Entity &re = out.entities[static_cast<size_t>(referencing->second)];
            const Attribute *la = re.attr(str(r, "ReferencingAttribute"));
            if (!la || la->kind != AttrKind::Lookup)
                continue;
            out.entities[static_cast<size_t>(ref->second)].collectionNavs[nav] = {
                nav, false, referencing->second, la->ordinal, -1, 1};
        }
    }

    if (doc.contains("GlobalOptionSetDefinitions")) {
        const auto &g = doc["GlobalOptionSetDefinitions"];
        const auto &arr = g.is_object() && g.contains("value") ? g["value"] : g;
        if (!arr.is_array())
            return fail("$.GlobalOptionSetDefinitions", "not an array");
        out.globalOptionSets = arr;
        for (auto &o : out.globalOptionSets)
            if (o.is_object() && !o.contains("MetadataId"))
                o["MetadataId"] = stableGuid("optionset:" + str(o, "Name"));
    }

    out.organizationId = "00000000-0000-0000-0000-0000000000c1";
    out.organizationName = "ferry-emulator";
    out.businessUnitId = "00000000-0000-0000-0000-0000000000b1";
    if (doc.contains("x-ferry-emulator")) {
        const auto &x = doc["x-ferry-emulator"];
        if (!x.is_object())
            return fail("$.x-ferry-emulator", "not an object");
        if (x.contains("organization")) {
            const auto &o = x["organization"];
            if (!o.is_object())
                return fail("$.x-ferry-emulator.organization", "not an object");
            if (!str(o, "id").empty())
                out.organizationId = str(o, "id");
            if (!str(o, "name").empty())
                out.organizationName = str(o, "name");
            if (!str(o, "businessUnitId").empty())
                out.businessUnitId = str(o, "businessUnitId");
        }
        if (x.contains("appUsers")) {
            if (!x["appUsers"].is_array())
                return fail("$.x-ferry-emulator.appUsers", "not an array");
            out.appUsers = x["appUsers"];
        }
        if (x.contains("systemUsers")) {
            if (!x["systemUsers"].is_array())
                return fail("$.x-ferry-emulator.systemUsers", "not an array");
            out.systemUsers = x["systemUsers"];
        }
        if (x.contains("pluginTables")) {
            if (!x["pluginTables"].is_array())
                return fail("$.x-ferry-emulator.pluginTables", "not an array");
            for (const auto &t : x["pluginTables"]) {
                if (!t.is_string() || !out.entity(t.get<std::string>()))
                    return fail("$.x-ferry-emulator.pluginTables",
                                "names a table the org does not define: " + t.dump());
                out.pluginTables.push_back(t.get<std::string>());
            }
        }
    }
    return true;
}

} // namespace ferry::emu
