// parseEntity / parseOrg: EntityMetadata JSON as the Web API returns it -> TargetModel.
#include <ferry/target/Metadata.h>

#include "target/MetadataInternal.h"

#include <QSet>
#include <QUrl>

#include <algorithm>

namespace ferry::target {

using nlohmann::json;

namespace detail {

QString toQString(const json &j, const char *key)
{
    if (!j.is_object())
        return {};
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

const json *collection(const json &doc, const char *key, QString &error)
{
    const auto it = doc.find(key);
    if (it == doc.end() || it->is_null())
        return nullptr;
    const json *arr = &*it;
    if (arr->is_object() && arr->contains("value"))
        arr = &(*arr)["value"];
    if (!arr->is_array()) {
        error = QStringLiteral("%1 is not an array").arg(QLatin1String(key));
        return nullptr;
    }
    return arr;
}

bool isManyToMany(const json &r)
{
    const QString type = toQString(r, "@odata.type");
    return type.contains(QLatin1String("ManyToMany")) || r.contains("Entity1LogicalName");
}

Result<QList<json>> allRelationships(const json &doc)
{
    QList<json> out;
    QSet<QString> seen;
    auto add = [&](const json &arr, const QString &where) -> Status {
        for (size_t i = 0; i < arr.size(); ++i) {
            const json &r = arr[i];
            const QString schema = toQString(r, "SchemaName");
            if (!r.is_object() || schema.isEmpty())
                return Error::make(
                    QStringLiteral("metadata.invalid"),
                    QStringLiteral("The metadata is invalid: %1[%2] is not a relationship with "
                                   "a SchemaName.")
                        .arg(where)
                        .arg(i));
            if (seen.contains(schema))
                continue;
            seen.insert(schema);
            out.append(r);
        }
        return {};
    };
    QString error;
    if (const json *top = collection(doc, "RelationshipDefinitions", error)) {
        if (auto s = add(*top, QStringLiteral("RelationshipDefinitions")); !s)
            return s.error();
    }
    if (!error.isEmpty())
        return Error::make(QStringLiteral("metadata.invalid"),
                           QStringLiteral("The metadata is invalid: %1.").arg(error));
    const auto values = doc.find("value");
    if (values != doc.end() && values->is_array()) {
        for (const json &e : *values) {
            if (!e.is_object())
                continue;
            for (const char *k : kRelationshipCollections) {
                const auto it = e.find(k);
                if (it == e.end() || it->is_null())
                    continue;
                const QString where =
                    QStringLiteral("table '%1' %2").arg(toQString(e, "LogicalName"), QLatin1String(k));
                if (!it->is_array())
                    return Error::make(
                        QStringLiteral("metadata.invalid"),
                        QStringLiteral("The metadata is invalid: %1 is not an array.").arg(where));
                if (auto s = add(*it, where); !s)
                    return s.error();
            }
        }
    }
    return out;
}

QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace detail

namespace {

using detail::toQString;

/// Collects the first problem of one table/column so every getter can stay a one-liner.
class Reader
{
public:
    QString table;
    QString column;
    QString problem;

    bool failed() const { return !problem.isEmpty(); }
    void fail(const QString &what)
    {
        if (problem.isEmpty())
            problem = what;
    }
    Error error() const
    {
        QString where = table.isEmpty() ? QStringLiteral("a table") : QStringLiteral("table '%1'").arg(table);
        if (!column.isEmpty())
            where += QStringLiteral(", column '%1'").arg(column);
        return Error::make(QStringLiteral("metadata.invalid"),
                           QStringLiteral("The metadata of %1 is invalid: %2.").arg(where, problem));
    }

    QString string(const json &j, const char *key)
    {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null())
            return {};
        if (!it->is_string()) {
            fail(QStringLiteral("%1 is not a string").arg(QLatin1String(key)));
            return {};
        }
        return QString::fromStdString(it->get<std::string>());
    }
    /// A bool, or a managed property {"Value": bool}.
    bool boolean(const json &j, const char *key, bool fallback)
    {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null())
            return fallback;
        if (it->is_boolean())
            return it->get<bool>();
        if (it->is_object()) {
            const auto v = it->find("Value");
            if (v != it->end() && v->is_boolean())
                return v->get<bool>();
        }
        fail(QStringLiteral("%1 is not a boolean").arg(QLatin1String(key)));
        return fallback;
    }
    std::optional<int> integer(const json &j, const char *key)
    {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null())
            return std::nullopt;
        if (!it->is_number_integer()) {
            fail(QStringLiteral("%1 is not an integer").arg(QLatin1String(key)));
            return std::nullopt;
        }
        return static_cast<int>(it->get<qint64>());
    }
    std::optional<double> number(const json &j, const char *key)
    {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null())
            return std::nullopt;
        if (!it->is_number()) {
            fail(QStringLiteral("%1 is not a number").arg(QLatin1String(key)));
            return std::nullopt;
        }
        return it->get<double>();
    }
    /// {"Value": "..."} (or a bare string).
    QString valueOf(const json &j, const char *key)
    {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null())
            return {};
        if (it->is_string())
            return QString::fromStdString(it->get<std::string>());
        if (it->is_object())
            return toQString(*it, "Value");
        fail(QStringLiteral("%1 is not an object with a Value").arg(QLatin1String(key)));
        return {};
    }
    /// The UserLocalizedLabel of a Label, else its first LocalizedLabel.
    QString label(const json &j, const char *key)
    {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null())
            return {};
        if (!it->is_object()) {
            fail(QStringLiteral("%1 is not a Label object").arg(QLatin1String(key)));
            return {};
        }
        const QString user = toQString(it->value("UserLocalizedLabel", json()), "Label");
        if (!user.isEmpty())
            return user;
        const auto all = it->find("LocalizedLabels");
        if (all != it->end() && all->is_array() && !all->empty())
            return toQString((*all)[0], "Label");
        return {};
    }
    QStringList strings(const json &j, const char *key)
    {
        QStringList out;
        const auto it = j.find(key);
        if (it == j.end() || it->is_null())
            return out;
        if (!it->is_array()) {
            fail(QStringLiteral("%1 is not an array").arg(QLatin1String(key)));
            return out;
        }
        for (const json &s : *it) {
            if (!s.is_string()) {
                fail(QStringLiteral("%1 holds something that is not a string").arg(QLatin1String(key)));
                return out;
            }
            out.append(QString::fromStdString(s.get<std::string>()));
        }
        return out;
    }
};

std::optional<OptionValue> parseOption(Reader &r, const json &o, const QString &where)
{
    if (!o.is_object()) {
        r.fail(QStringLiteral("%1 is not an option object").arg(where));
        return std::nullopt;
    }
    const auto value = o.find("Value");
    if (value == o.end() || !value->is_number_integer()) {
        r.fail(QStringLiteral("%1.Value is missing or not an integer").arg(where));
        return std::nullopt;
    }
    OptionValue v;
    v.value = static_cast<int>(value->get<qint64>());
    v.label = r.label(o, "Label");
    v.state = r.integer(o, "State");
    v.defaultStatus = r.integer(o, "DefaultStatus");
    return v;
}

/// OptionSetMetadata (Options[]) or BooleanOptionSetMetadata (FalseOption / TrueOption). `hasOptions` tells
/// whether the JSON carried options at all (a global reference may carry only its Name).
OptionSet parseOptionSet(Reader &r, const json &os, const QString &where, bool &hasOptions)
{
    OptionSet set;
    hasOptions = false;
    if (!os.is_object()) {
        r.fail(QStringLiteral("%1 is not an object").arg(where));
        return set;
    }
    set.name = r.string(os, "Name");
    set.isGlobal = r.boolean(os, "IsGlobal", false);
    const auto options = os.find("Options");
    if (options != os.end() && !options->is_null()) {
        if (!options->is_array()) {
            r.fail(QStringLiteral("%1.Options is not an array").arg(where));
            return set;
        }
        hasOptions = true;
        for (size_t i = 0; i < options->size(); ++i)
            if (auto v = parseOption(r, (*options)[i], QStringLiteral("%1.Options[%2]").arg(where).arg(i)))
                set.options.append(*v);
    }
    for (const char *k : {"FalseOption", "TrueOption"}) {
        const auto it = os.find(k);
        if (it == os.end() || it->is_null())
            continue;
        hasOptions = true;
        if (auto v = parseOption(r, *it, QStringLiteral("%1.%2").arg(where, QLatin1String(k))))
            set.options.append(*v);
    }
    return set;
}

AttributeType typeOf(const json &a, QString &typeName)
{
    typeName = toQString(a, "AttributeType");
    // AttributeTypeName is the precise one: AttributeType says Virtual for multi-select choices and images.
    QString byTypeName = toQString(a.value("AttributeTypeName", json()), "Value");
    if (byTypeName.endsWith(QLatin1String("Type")))
        byTypeName.chop(4);
    AttributeType t = attributeTypeFromName(byTypeName);
    if (t == AttributeType::Other)
        t = attributeTypeFromName(typeName);
    if (t == AttributeType::Other) {
        // Hand-made files may carry only the @odata.type of the typed metadata class.
        QString odata = toQString(a, "@odata.type");
        odata = odata.mid(odata.lastIndexOf(QLatin1Char('.')) + 1);
        if (odata.endsWith(QLatin1String("AttributeMetadata"))) {
            odata.chop(int(qstrlen("AttributeMetadata")));
            t = attributeTypeFromName(odata);
        }
    }
    if (typeName.isEmpty() && !byTypeName.isEmpty())
        typeName = byTypeName;
    else if (typeName.isEmpty() && t != AttributeType::Other)
        typeName = attributeTypeName(t);
    return t;
}

RequiredLevel requiredLevelOf(Reader &r, const json &a)
{
    const auto it = a.find("RequiredLevel");
    if (it == a.end() || it->is_null())
        return RequiredLevel::None;
    const json &v = it->is_object() ? it->value("Value", json()) : *it;
    if (v.is_number_integer()) {
        // AttributeRequiredLevel: None 0, SystemRequired 1, ApplicationRequired 2, Recommended 3.
        switch (v.get<int>()) {
        case 1:
            return RequiredLevel::SystemRequired;
        case 2:
            return RequiredLevel::ApplicationRequired;
        case 3:
            return RequiredLevel::Recommended;
        default:
            return RequiredLevel::None;
        }
    }
    const QString s = v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
    if (s == QLatin1String("SystemRequired"))
        return RequiredLevel::SystemRequired;
    if (s == QLatin1String("ApplicationRequired"))
        return RequiredLevel::ApplicationRequired;
    if (s == QLatin1String("Recommended"))
        return RequiredLevel::Recommended;
    if (s.isEmpty() || s == QLatin1String("None"))
        return RequiredLevel::None;
    r.fail(QStringLiteral("RequiredLevel '%1' is not one the service defines").arg(s));
    return RequiredLevel::None;
}

using GlobalSets = QHash<QString, OptionSet>;

std::optional<Attribute> parseAttribute(Reader &r, const json &a, const GlobalSets *globals)
{
    if (!a.is_object()) {
        r.fail(QStringLiteral("an attribute is not an object"));
        return std::nullopt;
    }
    Attribute at;
    at.logicalName = r.string(a, "LogicalName");
    if (at.logicalName.isEmpty()) {
        r.fail(QStringLiteral("an attribute has no LogicalName"));
        return std::nullopt;
    }
    r.column = at.logicalName;
    at.schemaName = r.string(a, "SchemaName");
    at.displayName = r.label(a, "DisplayName");
    if (at.displayName.isEmpty())
        at.displayName = at.logicalName;
    at.type = typeOf(a, at.typeName);
    if (at.typeName.isEmpty()) {
        r.fail(QStringLiteral("it has no AttributeType, AttributeTypeName or @odata.type"));
        return std::nullopt;
    }
    at.attributeOf = r.string(a, "AttributeOf");
    at.requiredLevel = requiredLevelOf(r, a);
    at.isPrimaryId = r.boolean(a, "IsPrimaryId", false);
    at.isPrimaryName = r.boolean(a, "IsPrimaryName", false);
    at.isCustom = r.boolean(a, "IsCustomAttribute", false);
    // The service always sends these; hand-made org files that leave them out mean "valid", as in the
    // emulator.
    at.validForCreate = r.boolean(a, "IsValidForCreate", true);
    at.validForUpdate = r.boolean(a, "IsValidForUpdate", true);
    at.validForRead = r.boolean(a, "IsValidForRead", true);
    at.maxLength = r.integer(a, "MaxLength");
    at.format = r.valueOf(a, "FormatName");
    if (at.format.isEmpty())
        at.format = r.valueOf(a, "Format");
    at.precision = r.integer(a, "Precision");
    at.minValue = r.number(a, "MinValue");
    at.maxValue = r.number(a, "MaxValue");
    const QString behavior = r.valueOf(a, "DateTimeBehavior");
    if (behavior == QLatin1String("DateOnly"))
        at.dateTimeBehavior = DateTimeBehavior::DateOnly;
    else if (behavior == QLatin1String("TimeZoneIndependent"))
        at.dateTimeBehavior = DateTimeBehavior::TimeZoneIndependent;
    at.targets = r.strings(a, "Targets");

    // Options: the typed casts bring OptionSet (and GlobalOptionSet for a global choice). A global choice
    // may arrive as a bare reference (Name + IsGlobal) whose values live in GlobalOptionSetDefinitions.
    const json os = a.value("OptionSet", json());
    const json gos = a.value("GlobalOptionSet", json());
    bool hasOptions = false;
    if (!os.is_null()) {
        at.optionSet = parseOptionSet(r, os, QStringLiteral("OptionSet"), hasOptions);
    }
    if (!hasOptions && !gos.is_null()) {
        bool globalHasOptions = false;
        OptionSet g = parseOptionSet(r, gos, QStringLiteral("GlobalOptionSet"), globalHasOptions);
        g.isGlobal = true;
        if (globalHasOptions || !at.optionSet) {
            at.optionSet = g;
            hasOptions = globalHasOptions;
        }
    }
    if (at.optionSet && !hasOptions && at.optionSet->isGlobal && globals) {
        const auto it = globals->constFind(at.optionSet->name);
        if (it == globals->constEnd()) {
            r.fail(QStringLiteral("it uses the global option set '%1', which GlobalOptionSetDefinitions does "
                                  "not define")
                       .arg(at.optionSet->name));
            return std::nullopt;
        }
        at.optionSet = *it;
    }
    if (r.failed())
        return std::nullopt;
    r.column.clear();
    return at;
}

OneToManyRelationship parseOneToMany(Reader &r, const json &j)
{
    OneToManyRelationship rel;
    rel.schemaName = r.string(j, "SchemaName");
    rel.referencedEntity = r.string(j, "ReferencedEntity");
    rel.referencedAttribute = r.string(j, "ReferencedAttribute");
    rel.referencingEntity = r.string(j, "ReferencingEntity");
    rel.referencingAttribute = r.string(j, "ReferencingAttribute");
    rel.referencingNavigationProperty = r.string(j, "ReferencingEntityNavigationPropertyName");
    return rel;
}

ManyToManyRelationship parseManyToMany(Reader &r, const json &j)
{
    ManyToManyRelationship rel;
    rel.schemaName = r.string(j, "SchemaName");
    rel.entity1 = r.string(j, "Entity1LogicalName");
    rel.entity2 = r.string(j, "Entity2LogicalName");
    rel.intersectEntity = r.string(j, "IntersectEntityName");
    rel.entity1IntersectAttribute = r.string(j, "Entity1IntersectAttribute");
    rel.entity2IntersectAttribute = r.string(j, "Entity2IntersectAttribute");
    rel.entity1NavigationProperty = r.string(j, "Entity1NavigationPropertyName");
    rel.entity2NavigationProperty = r.string(j, "Entity2NavigationPropertyName");
    return rel;
}

template <typename T> void sortBySchemaName(QList<T> &list)
{
    std::stable_sort(list.begin(), list.end(),
                     [](const T &a, const T &b) { return a.schemaName < b.schemaName; });
}

/// Files the relationships into the table's three lists, from its point of view.
void assignRelationships(Reader &r, Entity &e, const QList<json> &relationships)
{
    e.manyToOne.clear();
    e.oneToMany.clear();
    e.manyToMany.clear();
    for (const json &j : relationships) {
        if (detail::isManyToMany(j)) {
            ManyToManyRelationship m = parseManyToMany(r, j);
            if (m.entity1 == e.logicalName || m.entity2 == e.logicalName)
                e.manyToMany.append(m);
            continue;
        }
        OneToManyRelationship o = parseOneToMany(r, j);
        if (o.referencingEntity == e.logicalName)
            e.manyToOne.append(o);
        if (o.referencedEntity == e.logicalName)
            e.oneToMany.append(o);
    }
    sortBySchemaName(e.manyToOne);
    sortBySchemaName(e.oneToMany);
    sortBySchemaName(e.manyToMany);
}

Result<Entity> parseEntityImpl(const json &j, const GlobalSets *globals, const QList<json> *relationships)
{
    Reader r;
    if (!j.is_object()) {
        r.fail(QStringLiteral("the EntityMetadata is not a JSON object"));
        return r.error();
    }
    Entity e;
    e.logicalName = r.string(j, "LogicalName");
    r.table = e.logicalName;
    if (e.logicalName.isEmpty()) {
        r.fail(QStringLiteral("it has no LogicalName"));
        return r.error();
    }
    e.schemaName = r.string(j, "SchemaName");
    e.entitySetName = r.string(j, "EntitySetName");
    e.displayName = r.label(j, "DisplayName");
    if (e.displayName.isEmpty())
        e.displayName = e.logicalName;
    e.displayCollectionName = r.label(j, "DisplayCollectionName");
    e.primaryIdAttribute = r.string(j, "PrimaryIdAttribute");
    e.primaryNameAttribute = r.string(j, "PrimaryNameAttribute");
    e.ownershipType = r.valueOf(j, "OwnershipType");
    e.tableType = r.string(j, "TableType");
    e.objectTypeCode = r.integer(j, "ObjectTypeCode").value_or(0);
    e.isCustom = r.boolean(j, "IsCustomEntity", false);
    e.isIntersect = r.boolean(j, "IsIntersect", false);
    e.isActivity = r.boolean(j, "IsActivity", false);
    if (r.failed())
        return r.error();

    const auto attrs = j.find("Attributes");
    if (attrs != j.end() && !attrs->is_null()) {
        if (!attrs->is_array()) {
            r.fail(QStringLiteral("Attributes is not an array"));
            return r.error();
        }
        QSet<QString> seen;
        for (const json &a : *attrs) {
            auto at = parseAttribute(r, a, globals);
            if (!at)
                return r.error();
            // Hand-made files sometimes repeat a column; the first one counts, as in ferry-emulator.
            if (seen.contains(at->logicalName))
                continue;
            seen.insert(at->logicalName);
            e.attributes.append(std::move(*at));
        }
    }

    const auto keys = j.find("Keys");
    if (keys != j.end() && !keys->is_null()) {
        if (!keys->is_array()) {
            r.fail(QStringLiteral("Keys is not an array"));
            return r.error();
        }
        for (const json &k : *keys) {
            if (!k.is_object()) {
                r.fail(QStringLiteral("a key is not an object"));
                return r.error();
            }
            AlternateKey key;
            key.logicalName = r.string(k, "LogicalName");
            key.schemaName = r.string(k, "SchemaName");
            key.attributes = r.strings(k, "KeyAttributes");
            key.indexStatus = r.valueOf(k, "EntityKeyIndexStatus");
            if (key.logicalName.isEmpty())
                r.fail(QStringLiteral("a key has no LogicalName"));
            else if (key.attributes.isEmpty())
                r.fail(QStringLiteral("key '%1' has no KeyAttributes").arg(key.logicalName));
            if (r.failed())
                return r.error();
            e.keys.append(key);
        }
    }

    if (relationships) {
        assignRelationships(r, e, *relationships);
    } else {
        QList<json> own;
        QSet<QString> seen;
        for (const char *k : detail::kRelationshipCollections) {
            const auto it = j.find(k);
            if (it == j.end() || it->is_null())
                continue;
            if (!it->is_array()) {
                r.fail(QStringLiteral("%1 is not an array").arg(QLatin1String(k)));
                return r.error();
            }
            for (const json &rel : *it) {
                const QString schema = toQString(rel, "SchemaName");
                if (!rel.is_object() || schema.isEmpty()) {
                    r.fail(
                        QStringLiteral("%1 holds a relationship without a SchemaName").arg(QLatin1String(k)));
                    return r.error();
                }
                if (!seen.contains(schema)) {
                    seen.insert(schema);
                    own.append(rel);
                }
            }
        }
        assignRelationships(r, e, own);
    }
    if (r.failed())
        return r.error();
    return e;
}

} // namespace

Result<Entity> parseEntity(const json &entityMetadata)
{
    try {
        return parseEntityImpl(entityMetadata, nullptr, nullptr);
    } catch (const json::exception &ex) {
        return Error::make(QStringLiteral("metadata.invalid"),
                           QStringLiteral("The metadata of table '%1' is invalid: %2.")
                               .arg(toQString(entityMetadata, "LogicalName"), QString::fromUtf8(ex.what())));
    }
}

namespace detail {

Result<TargetModel> parseOrgJson(const json &doc)
{
    auto invalid = [](const QString &what) {
        return Error::make(QStringLiteral("metadata.invalid"),
                           QStringLiteral("The org metadata is invalid: %1.").arg(what));
    };
    if (!doc.is_object())
        return invalid(QStringLiteral("it is not a JSON object"));
    const auto values = doc.find("value");
    if (values == doc.end() || !values->is_array())
        return invalid(QStringLiteral("it has no \"value\" array of EntityDefinitions"));

    QString error;
    GlobalSets globals;
    QList<OptionSet> globalList;
    if (const json *gos = collection(doc, "GlobalOptionSetDefinitions", error)) {
        for (size_t i = 0; i < gos->size(); ++i) {
            Reader r;
            bool hasOptions = false;
            OptionSet set = parseOptionSet(
                r, (*gos)[i], QStringLiteral("GlobalOptionSetDefinitions[%1]").arg(i), hasOptions);
            if (!r.failed() && set.name.isEmpty())
                r.fail(QStringLiteral("GlobalOptionSetDefinitions[%1] has no Name").arg(i));
            if (r.failed())
                return invalid(r.problem);
            // Entries of GlobalOptionSetDefinitions are global whether or not they say so.
            set.isGlobal = true;
            globals.insert(set.name, set);
            globalList.append(set);
        }
    }
    if (!error.isEmpty())
        return invalid(error);

    auto relationships = allRelationships(doc);
    if (!relationships)
        return relationships.error();

    QHash<QString, QDateTime> fetched;
    if (const auto f = doc.find(kFetchedKey); f != doc.end() && f->is_object())
        for (auto it = f->begin(); it != f->end(); ++it)
            if (it.value().is_string())
                fetched.insert(QString::fromStdString(it.key()),
                               QDateTime::fromString(QString::fromStdString(it.value().get<std::string>()),
                                                     Qt::ISODateWithMs));

    QList<Entity> entities;
    QSet<QString> names;
    for (const json &ej : *values) {
        auto e = parseEntityImpl(ej, &globals, &*relationships);
        if (!e)
            return e.error();
        if (names.contains(e->logicalName))
            return invalid(QStringLiteral("table '%1' is defined twice").arg(e->logicalName));
        names.insert(e->logicalName);
        e->fetchedAt = fetched.value(e->logicalName);
        entities.append(std::move(e.value()));
    }

    OrganizationInfo org;
    const json emu = doc.value(kEmulatorKey, json::object());
    if (emu.is_object()) {
        const json o = emu.value("organization", json::object());
        org.organizationId = toQString(o, "id");
        org.friendlyName = toQString(o, "name");
        org.uniqueName = toQString(o, "uniqueName");
        org.businessUnitId = toQString(o, "businessUnitId");
        org.environmentUrl = toQString(o, "environmentUrl");
    }
    if (org.environmentUrl.isEmpty()) {
        // "@odata.context": "https://org.crm.dynamics.com/api/data/v9.2/$metadata#EntityDefinitions(...)"
        const QString context = toQString(doc, "@odata.context");
        const int api = context.indexOf(QLatin1String("/api/data/"));
        if (api > 0)
            org.environmentUrl = context.left(api + 1);
    }
    return TargetModel(std::move(entities), std::move(globalList), std::move(org));
}

} // namespace detail

Result<TargetModel> parseOrg(const QByteArray &orgJson)
{
    json doc = json::parse(orgJson.constBegin(), orgJson.constEnd(), nullptr, false);
    if (doc.is_discarded())
        return Error::make(QStringLiteral("metadata.invalid"),
                           QStringLiteral("The org metadata is invalid: it is not JSON."));
    try {
        return detail::parseOrgJson(doc);
    } catch (const json::exception &ex) {
        return Error::make(
            QStringLiteral("metadata.invalid"),
            QStringLiteral("The org metadata is invalid: %1.").arg(QString::fromUtf8(ex.what())));
    }
}

} // namespace ferry::target
