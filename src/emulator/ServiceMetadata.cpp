// Metadata endpoints (EntityDefinitions, RelationshipDefinitions, GlobalOptionSetDefinitions)
// and the CSDL document served at $metadata.
#include "ServiceImpl.h"

#include <algorithm>

namespace ferry::emu {

using json = nlohmann::json;

namespace {

const char *kEntityNavs[] = {"Attributes", "Keys", "ManyToManyRelationships", "ManyToOneRelationships",
                             "OneToManyRelationships"};

json resolveJsonPath(const json &obj, const std::string &path)
{
    const json *cur = &obj;
    size_t start = 0;
    while (true) {
        size_t slash = path.find('/', start);
        std::string seg = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!cur->is_object())
            return nullptr;
        auto it = cur->find(seg);
        if (it == cur->end())
            return nullptr;
        cur = &*it;
        if (slash == std::string::npos)
            return *cur;
        start = slash + 1;
    }
}

json applySelect(const json &obj, const std::string &select, bool keepType)
{
    if (trim_copy(select).empty())
        return obj;
    json out = json::object();
    if (keepType && obj.contains("@odata.type"))
        out["@odata.type"] = obj["@odata.type"];
    for (auto name : splitTopLevel(select, ',')) {
        name = trim_copy(name);
        auto it = obj.find(name);
        if (it != obj.end())
            out[name] = *it;
    }
    if (obj.contains("MetadataId"))
        out["MetadataId"] = obj["MetadataId"];
    return out;
}

std::unique_ptr<FilterNode> compileFilter(const std::map<std::string, std::string> &q)
{
    auto it = q.find("$filter");
    if (it == q.end() || trim_copy(it->second).empty())
        return nullptr;
    std::string err;
    auto f = parseFilter(it->second, err);
    if (!f)
        fail(400, "0x80060888", "Syntax error in $filter: " + err);
    return f;
}

bool matches(const FilterNode *f, const json &obj)
{
    if (!f)
        return true;
    return evalFilter(*f, [&](const std::string &p) { return resolveJsonPath(obj, p); });
}

bool castMatches(const json &obj, const std::string &cast)
{
    if (cast.empty())
        return true;
    std::string t = obj.value("@odata.type", "");
    std::string want = cast.substr(cast.rfind('.') + 1);
    return t.size() >= want.size() && t.compare(t.size() - want.size(), want.size(), want) == 0;
}

} // namespace

std::string xmlEscape(const std::string &s)
{
    std::string o;
    for (char c : s) {
        if (c == '&')
            o += "&amp;";
        else if (c == '<')
            o += "&lt;";
        else if (c == '>')
            o += "&gt;";
        else if (c == '"')
            o += "&quot;";
        else
            o.push_back(c);
    }
    return o;
}

HttpResponse Service::Impl::handleMetadata(const Route &route, const std::string &name, bool hasKey,
                                           const std::string &keyText, const Ctx &ctx)
{
    const auto &segs = route.segments;
    auto q = route.query;
    std::string select = q.count("$select") ? q["$select"] : "";
    auto expand = parseExpand(q.count("$expand") ? q["$expand"] : "");
    auto filter = compileFilter(q);

    auto attributeJson = [&](const Entity &e, const Attribute &a, const std::vector<ExpandItem> &ex,
                             const std::string &sel, bool keepType) {
        json aj = e.meta["Attributes"][static_cast<size_t>(a.metaIndex)];
        bool wantOs = false, wantGos = false;
        for (const auto &x : ex) {
            wantOs = wantOs || x.name == "OptionSet";
            wantGos = wantGos || x.name == "GlobalOptionSet";
        }
        json os = aj.contains("OptionSet") ? aj["OptionSet"] : json();
        json gos = aj.contains("GlobalOptionSet") ? aj["GlobalOptionSet"] : json();
        aj.erase("OptionSet");
        aj.erase("GlobalOptionSet");
        json out = applySelect(aj, sel, keepType);
        if (wantOs)
            out["OptionSet"] = os;
        if (wantGos)
            out["GlobalOptionSet"] = gos;
        return out;
    };
    auto relationshipsOf = [&](const Entity &e, const std::string &kind) {
        json arr = json::array();
        for (const auto &r : model.relationships) {
            bool mm = r.contains("Entity1LogicalName");
            if (kind == "ManyToManyRelationships" && mm &&
                (r.value("Entity1LogicalName", "") == e.logicalName ||
                 r.value("Entity2LogicalName", "") == e.logicalName))
                arr.push_back(r);
            else if (kind == "ManyToOneRelationships" && !mm &&
                     r.value("ReferencingEntity", "") == e.logicalName)
                arr.push_back(r);
            else if (kind == "OneToManyRelationships" && !mm &&
                     r.value("ReferencedEntity", "") == e.logicalName)
                arr.push_back(r);
        }
        return arr;
    };
    auto navList = [&](const Entity &e, const std::string &nav,
                       const std::map<std::string, std::string> &opts, const std::string &cast) {
        json arr = json::array();
        std::string sel = opts.count("$select") ? opts.at("$select") : "";
        auto f = compileFilter(opts);
        auto ex = parseExpand(opts.count("$expand") ? opts.at("$expand") : "");
        if (nav == "Attributes") {
            for (const auto &a : e.attrs) {
                const json &full = e.meta["Attributes"][static_cast<size_t>(a.metaIndex)];
                if (!castMatches(full, cast) || !matches(f.get(), full))
                    continue;
                arr.push_back(attributeJson(e, a, ex, sel, cast.empty()));
            }
        } else if (nav == "Keys") {
            if (e.meta.contains("Keys"))
                for (const auto &k : e.meta["Keys"])
                    if (matches(f.get(), k))
                        arr.push_back(applySelect(k, sel, false));
        } else {
            for (const auto &r : relationshipsOf(e, nav))
                if (matches(f.get(), r))
                    arr.push_back(applySelect(r, sel, false));
        }
        return arr;
    };
    auto entityJson = [&](const Entity &e, const std::string &sel, const std::vector<ExpandItem> &ex) {
        json base = e.meta;
        for (const char *n : kEntityNavs)
            base.erase(n);
        json out = applySelect(base, sel, false);
        for (const auto &x : ex) {
            if (std::find(std::begin(kEntityNavs), std::end(kEntityNavs), x.name) == std::end(kEntityNavs))
                fail(400, "0x80060888",
                     "Could not find a property named '" + x.name +
                         "' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.");
            out[x.name] = navList(e, x.name, parseQueryString(x.options, ';'), x.cast);
        }
        return out;
    };
    auto respond = [&](json body, const std::string &context) {
        json out = json::object();
        out["@odata.context"] = ctx.serviceRoot + "$metadata#" + context;
        if (body.is_array())
            out["value"] = std::move(body);
        else
            out.update(body);
        return jsonResponse(200, out, ctx);
    };
    auto findByKey = [&](const json &items, const std::string &nameProp) -> const json * {
        std::vector<KeyPart> parts;
        std::string err;
        if (!parseKeyPredicate(keyText, parts, err) || parts.size() != 1)
            fail(400, "0x80060888", "Invalid key '" + keyText + "'.");
        for (const auto &it : items) {
            if (parts[0].name.empty() || parts[0].name == "MetadataId") {
                if (lowerAscii(it.value("MetadataId", "")) == lowerAscii(valueTextOf(parts[0].value)))
                    return &it;
            } else if (parts[0].name == nameProp && it.value(nameProp, "") == valueTextOf(parts[0].value)) {
                return &it;
            }
        }
        return nullptr;
    };
    std::string selCtx = select.empty() ? std::string() : "(" + select + ")";

    if (name == "EntityDefinitions") {
        if (!hasKey) {
            if (segs.size() != 1)
                fail(404, "0x8006088a", "Resource not found for the segment '" + segs[1] + "'.");
            json arr = json::array();
            for (const auto &e : model.entities) {
                json full = e.meta;
                if (!matches(filter.get(), full))
                    continue;
                arr.push_back(entityJson(e, select, expand));
            }
            return respond(std::move(arr), "EntityDefinitions" + selCtx);
        }
        std::vector<KeyPart> parts;
        std::string err;
        if (!parseKeyPredicate(keyText, parts, err) || parts.size() != 1)
            fail(400, "0x80060888", "Invalid key '" + keyText + "' for EntityDefinitions.");
        const Entity *e = nullptr;
        for (const auto &cand : model.entities) {
            if ((parts[0].name == "LogicalName" && parts[0].value == cand.logicalName) ||
                ((parts[0].name.empty() || parts[0].name == "MetadataId") &&
                 lowerAscii(valueTextOf(parts[0].value)) == lowerAscii(cand.metadataId)))
                e = &cand;
        }
        if (!e)
            // UNCONFIRMED text of the real "entity not found" metadata error.
            fail(404, "0x80040217",
                 "Could not find an entity with " +
                     (parts[0].name.empty() ? std::string("MetadataId") : parts[0].name) + " = '" +
                     valueTextOf(parts[0].value) + "'.");
        std::string entCtx = "EntityDefinitions('" + e->logicalName + "')";
        if (segs.size() == 1)
            return respond(entityJson(*e, select, expand), "EntityDefinitions" + selCtx + "/$entity");
        std::string nav = segs[1], navKey;
        auto paren = nav.find('(');
        if (paren != std::string::npos && nav.back() == ')') {
            navKey = nav.substr(paren + 1, nav.size() - paren - 2);
            nav = nav.substr(0, paren);
        }
        std::string cast = segs.size() >= 3 ? segs[2] : "";
        if (std::find(std::begin(kEntityNavs), std::end(kEntityNavs), nav) == std::end(kEntityNavs)) {
            // A plain property: /EntityDefinitions(...)/ObjectTypeCode[/$value]
            auto it = e->meta.find(nav);
            if (it == e->meta.end())
                fail(404, "0x8006088a", "Resource not found for the segment '" + nav + "'.");
            if (segs.size() == 3 && segs[2] == "$value") {
                HttpResponse r;
                r.status = 200;
                r.body = it->is_string() ? it->get<std::string>() : it->dump();
                r.setHeader("Content-Type", "text/plain");
                return r;
            }
            return respond(json{{"value", *it}}, entCtx + "/" + nav);
        }
        std::map<std::string, std::string> opts = q;
        if (!navKey.empty()) {
            if (nav != "Attributes" && nav != "Keys")
                fail(404, "0x8006088a", "Resource not found for the segment '" + segs[1] + "'.");
            std::vector<KeyPart> kp;
            if (!parseKeyPredicate(navKey, kp, err) || kp.size() != 1)
                fail(400, "0x80060888", "Invalid key '" + navKey + "'.");
            const json &items =
                nav == "Attributes" ? e->meta["Attributes"] : e->meta.value("Keys", json::array());
            const json *found = nullptr;
            for (const auto &it : items)
                if ((kp[0].name == "LogicalName" &&
                     it.value("LogicalName", "") == valueTextOf(kp[0].value)) ||
                    ((kp[0].name.empty() || kp[0].name == "MetadataId") &&
                     lowerAscii(it.value("MetadataId", "")) == lowerAscii(valueTextOf(kp[0].value))))
                    found = &it;
            if (!found || !castMatches(*found, cast))
                fail(404, "0x80040217",
                     "Could not find " + nav + " with key " + navKey + " on '" + e->logicalName + "'.");
            json out;
            if (nav == "Attributes") {
                const Attribute *a = e->attr(found->value("LogicalName", ""));
                out = attributeJson(*e, *a, expand, select, cast.empty());
            } else {
                out = applySelect(*found, select, false);
            }
            return respond(out, entCtx + "/" + nav + (cast.empty() ? "" : "/" + cast) + selCtx + "/$entity");
        }
        return respond(navList(*e, nav, opts, cast),
                       entCtx + "/" + nav + (cast.empty() ? "" : "/" + cast) + selCtx);
    }

    if (name == "RelationshipDefinitions") {
        std::string cast = segs.size() >= 2 ? segs[1] : "";
        if (hasKey) {
            const json *r = findByKey(model.relationships, "SchemaName");
            if (!r || !castMatches(*r, cast))
                fail(404, "0x80040217", "Could not find a relationship with key " + keyText + ".");
            return respond(applySelect(*r, select, true), "RelationshipDefinitions" + selCtx + "/$entity");
        }
        json arr = json::array();
        for (const auto &r : model.relationships)
            if (castMatches(r, cast) && matches(filter.get(), r))
                arr.push_back(applySelect(r, select, cast.empty()));
        return respond(std::move(arr), "RelationshipDefinitions" + (cast.empty() ? "" : "/" + cast) + selCtx);
    }

    // GlobalOptionSetDefinitions
    if (hasKey) {
        const json *o = findByKey(model.globalOptionSets, "Name");
        if (!o)
            fail(404, "0x80040217", "Could not find an option set with key " + keyText + ".");
        return respond(applySelect(*o, select, true), "GlobalOptionSetDefinitions" + selCtx + "/$entity");
    }
    json arr = json::array();
    for (const auto &o : model.globalOptionSets)
        if (matches(filter.get(), o))
            arr.push_back(applySelect(o, select, true));
    return respond(std::move(arr), "GlobalOptionSetDefinitions" + selCtx);
}

std::string Service::Impl::buildCsdl() const
{
    std::string x;
    x += "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
         "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">"
         "<edmx:Reference Uri=\"http://vocabularies.odata.org/OData.Community.Keys.V1.xml\">"
         "<edmx:Include Namespace=\"OData.Community.Keys.V1\" Alias=\"Keys\"/>"
         "<edmx:IncludeAnnotations TermNamespace=\"OData.Community.Keys.V1\"/></edmx:Reference>"
         "<edmx:Reference Uri=\"http://vocabularies.odata.org/OData.Community.Display.V1.xml\">"
         "<edmx:Include Namespace=\"OData.Community.Display.V1\" Alias=\"Display\"/>"
         "<edmx:IncludeAnnotations TermNamespace=\"OData.Community.Display.V1\"/></edmx:Reference>"
         "<edmx:DataServices><Schema Namespace=\"Microsoft.Dynamics.CRM\" Alias=\"mscrm\" "
         "xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">"
         "<EntityType Name=\"crmbaseentity\" Abstract=\"true\"/>";
    for (const auto &e : model.entities) {
        x += "<EntityType Name=\"" + xmlEscape(e.logicalName) + "\" BaseType=\"mscrm.crmbaseentity\">";
        x += "<Key><PropertyRef Name=\"" + xmlEscape(e.primaryId) + "\"/></Key>";
        for (const auto &a : e.attrs) {
            std::string pname = a.kind == AttrKind::Lookup ? a.lookupValueName : a.logicalName;
            x += "<Property Name=\"" + xmlEscape(pname) + "\" Type=\"" + edmTypeOf(a.kind) + "\"";
            if (a.kind == AttrKind::String || a.kind == AttrKind::Memo)
                x += " Unicode=\"false\"";
            x += "/>";
        }
        for (const auto &[navName, nav] : e.singleNavs) {
            std::string type =
                nav.targets.size() == 1
                    ? "mscrm." + model.entities[static_cast<size_t>(nav.targets[0])].logicalName
                    : "mscrm.crmbaseentity";
            const Attribute &a = e.attrs[static_cast<size_t>(nav.attr)];
            x += "<NavigationProperty Name=\"" + xmlEscape(navName) + "\" Type=\"" + xmlEscape(type) + "\">";
            if (nav.targets.size() == 1)
                x += "<ReferentialConstraint Property=\"" + xmlEscape(a.lookupValueName) +
                     "\" ReferencedProperty=\"" +
                     xmlEscape(model.entities[static_cast<size_t>(nav.targets[0])].primaryId) + "\"/>";
            x += "</NavigationProperty>";
        }
        for (const auto &[navName, nav] : e.collectionNavs)
            x += "<NavigationProperty Name=\"" + xmlEscape(navName) + "\" Type=\"Collection(mscrm." +
                 xmlEscape(model.entities[static_cast<size_t>(nav.otherEntity)].logicalName) + ")\"/>";
        if (!e.keys.empty()) {
            x += "<Annotation Term=\"OData.Community.Keys.V1.AlternateKeys\"><Collection>";
            for (const auto &k : e.keys) {
                x += "<Record Type=\"OData.Community.Keys.V1.AlternateKey\"><PropertyValue "
                     "Property=\"Key\"><Collection>";
                for (int ord : k.attrs) {
                    const Attribute &a = e.attrs[static_cast<size_t>(ord)];
                    std::string pname = a.kind == AttrKind::Lookup ? a.lookupValueName : a.logicalName;
                    x += "<Record Type=\"OData.Community.Keys.V1.PropertyRef\"><PropertyValue "
                         "Property=\"Alias\" String=\"" +
                         xmlEscape(pname) + "\"/><PropertyValue Property=\"Name\" PropertyPath=\"" +
                         xmlEscape(pname) + "\"/></Record>";
                }
                x += "</Collection></PropertyValue></Record>";
            }
            x += "</Collection></Annotation>";
        }
        x += "</EntityType>";
    }
    for (const char *action : {"CreateMultiple", "UpdateMultiple", "UpsertMultiple"}) {
        x += std::string("<Action Name=\"") + action +
             "\" IsBound=\"true\"><Parameter Name=\"entityset\" Type=\"Collection(mscrm.crmbaseentity)\" "
             "Nullable=\"false\"/><Parameter Name=\"Targets\" Type=\"Collection(mscrm.crmbaseentity)\" "
             "Nullable=\"false\"/>";
        if (std::string(action) == "CreateMultiple")
            x += "<ReturnType Type=\"mscrm.CreateMultipleResponse\" Nullable=\"false\"/>";
        x += "</Action>";
    }
    x +=
        "<ComplexType Name=\"CreateMultipleResponse\"><Property Name=\"Ids\" Type=\"Collection(Edm.Guid)\" "
        "Nullable=\"false\"/></ComplexType>"
        "<ComplexType Name=\"WhoAmIResponse\"><Property Name=\"BusinessUnitId\" Type=\"Edm.Guid\" "
        "Nullable=\"false\"/>"
        "<Property Name=\"UserId\" Type=\"Edm.Guid\" Nullable=\"false\"/><Property Name=\"OrganizationId\" "
        "Type=\"Edm.Guid\" Nullable=\"false\"/></ComplexType>"
        "<Function Name=\"WhoAmI\"><ReturnType Type=\"mscrm.WhoAmIResponse\" Nullable=\"false\"/></Function>";
    x += "<EntityContainer Name=\"System\">";
    for (const auto &e : model.entities) {
        x += "<EntitySet Name=\"" + xmlEscape(e.entitySetName) + "\" EntityType=\"Microsoft.Dynamics.CRM." +
             xmlEscape(e.logicalName) + "\">";
        for (const auto &[navName, nav] : e.singleNavs)
            if (nav.targets.size() == 1)
                x += "<NavigationPropertyBinding Path=\"" + xmlEscape(navName) + "\" Target=\"" +
                     xmlEscape(model.entities[static_cast<size_t>(nav.targets[0])].entitySetName) + "\"/>";
        x += "</EntitySet>";
    }
    x += "<FunctionImport Name=\"WhoAmI\" Function=\"Microsoft.Dynamics.CRM.WhoAmI\" "
         "IncludeInServiceDocument=\"false\"/>";
    x += "</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>";
    return x;
}

} // namespace ferry::emu
