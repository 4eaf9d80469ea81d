// Any thread: GET <entityset>?fetchXml=... (the FetchXML subset a migration client sends) and the
// built-in functions GetTimeZoneCodeByLocalizedName and RetrieveUserPrivileges.

#include "ServiceImpl.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace ferry::emu {

using json = nlohmann::json;

namespace {

// UNCONFIRMED: the real service answers malformed FetchXML with 0x80041103 ("QueryBuilder: invalid
// FetchXML") for unknown attributes/entities and 0x80040203 for XML that does not parse; the emulator
// uses 0x80041103 for both, with "FetchXML" in the message (what clients key on).
constexpr const char *kFetchError = "0x80041103";

[[noreturn]] void fetchFail(const std::string &message)
{
    fail(400, kFetchError, "Invalid FetchXML: " + message);
}

struct XmlNode
{
    std::string name;
    std::vector<std::pair<std::string, std::string>> attrs;
    std::vector<std::unique_ptr<XmlNode>> children;
    std::string text;

    const std::string *attr(const std::string &n) const
    {
        for (const auto &a : attrs)
            if (a.first == n)
                return &a.second;
        return nullptr;
    }
};

/// A minimal XML parser: elements, attributes, text, comments, declarations, the five predefined
/// entities and numeric character references. Enough for FetchXML; no DTDs, no namespaces.
class XmlParser
{
public:
    explicit XmlParser(const std::string &s) : m_s(s) {}

    std::unique_ptr<XmlNode> parseDocument()
    {
        skipMisc();
        if (m_i >= m_s.size() || m_s[m_i] != '<')
            fetchFail("the document has no root element.");
        auto root = parseElement();
        skipMisc();
        if (m_i != m_s.size())
            fetchFail("unexpected content after the root element.");
        return root;
    }

private:
    void skipWs()
    {
        while (m_i < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_i])))
            ++m_i;
    }
    void skipMisc()
    {
        for (;;) {
            skipWs();
            if (m_s.compare(m_i, 4, "<!--") == 0) {
                auto e = m_s.find("-->", m_i + 4);
                if (e == std::string::npos)
                    fetchFail("unterminated comment.");
                m_i = e + 3;
            } else if (m_s.compare(m_i, 2, "<?") == 0) {
                auto e = m_s.find("?>", m_i + 2);
                if (e == std::string::npos)
                    fetchFail("unterminated XML declaration.");
                m_i = e + 2;
            } else {
                return;
            }
        }
    }
    static bool nameChar(char c)
    {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':';
    }
    std::string parseName()
    {
        size_t st = m_i;
        while (m_i < m_s.size() && nameChar(m_s[m_i]))
            ++m_i;
        if (st == m_i)
            fetchFail("expected a name at offset " + std::to_string(st) + ".");
        return m_s.substr(st, m_i - st);
    }
    static void appendUtf8(std::string &out, unsigned long cp)
    {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    static std::string unescape(const std::string &s)
    {
        std::string out;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] != '&') {
                out += s[i];
                continue;
            }
            auto semi = s.find(';', i);
            if (semi == std::string::npos)
                fetchFail("unterminated entity reference.");
            std::string ent = s.substr(i + 1, semi - i - 1);
            if (ent == "lt")
                out += '<';
            else if (ent == "gt")
                out += '>';
            else if (ent == "amp")
                out += '&';
            else if (ent == "quot")
                out += '"';
            else if (ent == "apos")
                out += '\'';
            else if (ent.size() > 1 && ent[0] == '#') {
                bool hex = ent[1] == 'x' || ent[1] == 'X';
                char *end = nullptr;
                unsigned long cp = std::strtoul(ent.c_str() + (hex ? 2 : 1), &end, hex ? 16 : 10);
                if (!end || *end || cp == 0 || cp > 0x10FFFF)
                    fetchFail("invalid character reference '&" + ent + ";'.");
                appendUtf8(out, cp);
            } else {
                fetchFail("unknown entity '&" + ent + ";'.");
            }
            i = semi;
        }
        return out;
    }
    std::unique_ptr<XmlNode> parseElement()
    {
        ++m_i; // '<'
        auto node = std::make_unique<XmlNode>();
        node->name = parseName();
        for (;;) {
            skipWs();
            if (m_i >= m_s.size())
                fetchFail("unterminated element <" + node->name + ">.");
            if (m_s[m_i] == '/') {
                if (m_s.compare(m_i, 2, "/>") != 0)
                    fetchFail("expected '/>' in <" + node->name + ">.");
                m_i += 2;
                return node;
            }
            if (m_s[m_i] == '>') {
                ++m_i;
                break;
            }
            std::string an = parseName();
            skipWs();
            if (m_i >= m_s.size() || m_s[m_i] != '=')
                fetchFail("expected '=' after attribute '" + an + "'.");
            ++m_i;
            skipWs();
            if (m_i >= m_s.size() || (m_s[m_i] != '"' && m_s[m_i] != '\''))
                fetchFail("expected a quoted value for attribute '" + an + "'.");
            char quote = m_s[m_i++];
            auto e = m_s.find(quote, m_i);
            if (e == std::string::npos)
                fetchFail("unterminated value of attribute '" + an + "'.");
            std::string raw = m_s.substr(m_i, e - m_i);
            if (raw.find('<') != std::string::npos)
                fetchFail("'<' in the value of attribute '" + an + "'.");
            if (node->attr(an))
                fetchFail("duplicate attribute '" + an + "' on <" + node->name + ">.");
            node->attrs.emplace_back(an, unescape(raw));
            m_i = e + 1;
        }
        // content
        std::string text;
        for (;;) {
            if (m_i >= m_s.size())
                fetchFail("element <" + node->name + "> is not closed.");
            if (m_s.compare(m_i, 4, "<!--") == 0) {
                skipMisc();
                continue;
            }
            if (m_s.compare(m_i, 9, "<![CDATA[") == 0) {
                auto e = m_s.find("]]>", m_i + 9);
                if (e == std::string::npos)
                    fetchFail("unterminated CDATA section.");
                text += m_s.substr(m_i + 9, e - m_i - 9);
                m_i = e + 3;
                continue;
            }
            if (m_s.compare(m_i, 2, "</") == 0) {
                m_i += 2;
                std::string close = parseName();
                skipWs();
                if (close != node->name || m_i >= m_s.size() || m_s[m_i] != '>')
                    fetchFail("the end tag </" + close + "> does not match <" + node->name + ">.");
                ++m_i;
                node->text = trim_copy(text);
                return node;
            }
            if (m_s[m_i] == '<') {
                node->children.push_back(parseElement());
                continue;
            }
            auto lt = m_s.find('<', m_i);
            if (lt == std::string::npos)
                lt = m_s.size();
            text += unescape(m_s.substr(m_i, lt - m_i));
            m_i = lt;
        }
    }

    const std::string &m_s;
    size_t m_i = 0;
};

int intAttr(const XmlNode &n, const char *name, int dflt)
{
    const std::string *v = n.attr(name);
    if (!v)
        return dflt;
    char *end = nullptr;
    long x = std::strtol(v->c_str(), &end, 10);
    if (v->empty() || !end || *end || x < 0 || x > 1000000000)
        fetchFail("the value '" + *v + "' of attribute '" + name + "' on <" + n.name +
                  "> is not a valid number.");
    return static_cast<int>(x);
}

bool boolAttr(const XmlNode &n, const char *name)
{
    const std::string *v = n.attr(name);
    return v && (lowerAscii(*v) == "true" || *v == "1");
}

/// Case-insensitive SQL LIKE: % any run, _ one character, [..] not supported (taken literally).
bool likeMatch(const std::string &s, size_t si, const std::string &p, size_t pi)
{
    while (pi < p.size()) {
        char pc = p[pi];
        if (pc == '%') {
            while (pi < p.size() && p[pi] == '%')
                ++pi;
            if (pi == p.size())
                return true;
            for (size_t k = si; k <= s.size(); ++k)
                if (likeMatch(s, k, p, pi))
                    return true;
            return false;
        }
        if (si >= s.size())
            return false;
        if (pc != '_' &&
            std::tolower(static_cast<unsigned char>(pc)) != std::tolower(static_cast<unsigned char>(s[si])))
            return false;
        ++si;
        ++pi;
    }
    return si == s.size();
}

[[noreturn]] void badValue(const Attribute &a, const std::string &text)
{
    fetchFail("the value '" + text + "' is not valid for attribute '" + a.logicalName + "'.");
}

/// Converts a condition value to the column's JSON type so compareValues orders it like the cell.
json typedValue(const Attribute &a, const std::string &text)
{
    switch (a.kind) {
    case AttrKind::Integer:
    case AttrKind::BigInt:
    case AttrKind::Picklist:
    case AttrKind::State:
    case AttrKind::Status: {
        char *end = nullptr;
        long long v = std::strtoll(text.c_str(), &end, 10);
        if (text.empty() || !end || *end)
            badValue(a, text);
        return v;
    }
    case AttrKind::Decimal:
    case AttrKind::Double:
    case AttrKind::Money: {
        char *end = nullptr;
        double v = std::strtod(text.c_str(), &end);
        if (text.empty() || !end || *end)
            badValue(a, text);
        return v;
    }
    case AttrKind::Boolean: {
        std::string l = lowerAscii(text);
        if (l == "1" || l == "true")
            return true;
        if (l == "0" || l == "false")
            return false;
        badValue(a, text);
    }
    case AttrKind::Lookup:
    case AttrKind::Guid: {
        std::string g = text;
        if (g.size() == 38 && g.front() == '{' && g.back() == '}')
            g = g.substr(1, 36);
        if (!isGuid(g))
            badValue(a, text);
        return lowerAscii(g);
    }
    default:
        return text;
    }
}

struct Condition
{
    int ord = -1;
    std::string op;
    std::vector<json> values;
    std::string pattern; // like
};

struct Filter
{
    bool isOr = false;
    std::vector<Condition> conditions;
    std::vector<Filter> filters;
};

Filter buildFilter(const Entity &e, const XmlNode &n)
{
    Filter f;
    const std::string *type = n.attr("type");
    if (type && *type != "and" && *type != "or")
        fetchFail("filter type '" + *type + "' is not 'and' or 'or'.");
    f.isOr = type && *type == "or";
    for (const auto &c : n.children) {
        if (c->name == "filter") {
            f.filters.push_back(buildFilter(e, *c));
            continue;
        }
        if (c->name != "condition")
            fetchFail("unexpected element <" + c->name + "> in <filter>.");
        const std::string *an = c->attr("attribute");
        const std::string *op = c->attr("operator");
        if (!an || !op)
            fetchFail("<condition> needs 'attribute' and 'operator'.");
        const Attribute *a = e.attr(*an);
        if (!a || *an == a->lookupValueName)
            fetchFail("'" + e.logicalName + "' entity doesn't contain attribute with Name = '" + *an + "'.");
        Condition cond;
        cond.ord = a->ordinal;
        cond.op = *op;
        static const std::vector<std::string> ops = {"eq",       "ne", "neq",    "gt",          "ge",
                                                     "lt",       "le", "null",   "like",        "not-null",
                                                     "not-like", "in", "not-in", "begins-with", "ends-with"};
        if (std::find(ops.begin(), ops.end(), cond.op) == ops.end())
            fetchFail("the condition operator '" + cond.op + "' is not supported by ferry-emulator.");
        if (cond.op == "neq")
            cond.op = "ne";
        const std::string *v = c->attr("value");
        if (cond.op == "in" || cond.op == "not-in") {
            for (const auto &vc : c->children) {
                if (vc->name != "value")
                    fetchFail("unexpected element <" + vc->name + "> in <condition>.");
                cond.values.push_back(typedValue(*a, vc->text));
            }
            if (v)
                cond.values.push_back(typedValue(*a, *v));
            if (cond.values.empty())
                fetchFail("the condition operator '" + cond.op + "' needs at least one <value>.");
        } else if (cond.op == "null" || cond.op == "not-null") {
            // no value
        } else {
            std::string text = v ? *v : (c->children.empty() ? std::string() : c->children.front()->text);
            if (!v && c->children.empty())
                fetchFail("the condition operator '" + cond.op + "' on '" + *an + "' needs a value.");
            if (cond.op == "like" || cond.op == "not-like")
                cond.pattern = text;
            else if (cond.op == "begins-with")
                cond.pattern = text + "%";
            else if (cond.op == "ends-with")
                cond.pattern = "%" + text;
            else
                cond.values.push_back(typedValue(*a, text));
        }
        f.conditions.push_back(std::move(cond));
    }
    return f;
}

bool evalCondition(const Condition &c, const Row &row)
{
    const json &cell = row.cells[static_cast<size_t>(c.ord)];
    if (c.op == "null")
        return cell.is_null();
    if (c.op == "not-null")
        return !cell.is_null();
    if (cell.is_null())
        return false; // SQL semantics: a comparison with NULL is not true (ne and not-in included)
    if (!c.pattern.empty() || c.op == "like" || c.op == "not-like" || c.op == "begins-with" ||
        c.op == "ends-with") {
        bool m = likeMatch(valueTextOf(cell), 0, c.pattern, 0);
        return c.op == "not-like" ? !m : m;
    }
    auto cmp = [&](const json &v) {
        if (cell.is_string() && v.is_string())
            return compareValues(lowerAscii(cell.get<std::string>()), v);
        return compareValues(cell, v);
    };
    if (c.op == "in" || c.op == "not-in") {
        bool any = std::any_of(c.values.begin(), c.values.end(), [&](const json &v) { return cmp(v) == 0; });
        return c.op == "in" ? any : !any;
    }
    int r = cmp(c.values.front());
    if (c.op == "eq")
        return r == 0;
    if (c.op == "ne")
        return r != 0;
    if (c.op == "gt")
        return r > 0;
    if (c.op == "ge")
        return r >= 0;
    if (c.op == "lt")
        return r < 0;
    return r <= 0; // le
}

bool evalFetchFilter(const Filter &f, const Row &row)
{
    for (const auto &c : f.conditions) {
        bool r = evalCondition(c, row);
        if (f.isOr && r)
            return true;
        if (!f.isOr && !r)
            return false;
    }
    for (const auto &sub : f.filters) {
        bool r = evalFetchFilter(sub, row);
        if (f.isOr && r)
            return true;
        if (!f.isOr && !r)
            return false;
    }
    // An empty "or" filter matches nothing in SQL terms, but Dataverse drops empty filters.
    return !f.isOr || (f.conditions.empty() && f.filters.empty());
}

std::string upperAscii(std::string s)
{
    for (auto &ch : s)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return s;
}

} // namespace

HttpResponse Service::Impl::handleFetchXml(const Route &route, const Ctx &ctx)
{
    const Entity &setEntity = *route.entity;
    const std::string &text = route.query.at("fetchXml");
    std::unique_ptr<XmlNode> root = XmlParser(text).parseDocument();
    if (root->name != "fetch")
        fetchFail("the root element is <" + root->name + ">, expected <fetch>.");
    const XmlNode *entityNode = nullptr;
    for (const auto &c : root->children) {
        if (c->name == "entity") {
            if (entityNode)
                fetchFail("<fetch> has more than one <entity>.");
            entityNode = c.get();
        } else if (c->name != "order") {
            fetchFail("unexpected element <" + c->name + "> in <fetch>.");
        }
    }
    if (!entityNode || !entityNode->attr("name"))
        fetchFail("<fetch> needs an <entity name=\"...\">.");
    const std::string &entityName = *entityNode->attr("name");
    if (entityName != setEntity.logicalName)
        // UNCONFIRMED wording; the real service rejects a fetch whose entity is not the set's table.
        fetchFail("the entity '" + entityName + "' does not match the entity set '" +
                  setEntity.entitySetName + "'.");
    const Entity &e = setEntity;

    int top = intAttr(*root, "top", -1);
    int count = intAttr(*root, "count", -1);
    int page = intAttr(*root, "page", -1);
    if (top >= 0 && (count >= 0 || page >= 0))
        fetchFail("the 'top' attribute can't be specified with the paging attributes 'page' or 'count'.");
    if (top > 5000)
        fetchFail("the 'top' attribute can't be greater than 5000.");
    bool totalCount = boolAttr(*root, "returntotalrecordcount");

    std::vector<int> select;
    std::vector<std::string> selectNames;
    bool allAttributes = false;
    std::vector<std::pair<int, bool>> order; // ordinal, descending
    std::vector<Filter> filters;
    auto attrOf = [&](const std::string &name) -> const Attribute & {
        const Attribute *a = e.attr(name);
        if (!a || name == a->lookupValueName)
            fetchFail("'" + e.logicalName + "' entity doesn't contain attribute with Name = '" + name + "'.");
        return *a;
    };
    auto addOrder = [&](const XmlNode &n) {
        const std::string *an = n.attr("attribute");
        if (!an)
            fetchFail("<order> needs an 'attribute'.");
        order.emplace_back(attrOf(*an).ordinal, boolAttr(n, "descending"));
    };
    for (const auto &c : root->children)
        if (c->name == "order")
            addOrder(*c);
    for (const auto &c : entityNode->children) {
        if (c->name == "attribute") {
            const std::string *an = c->attr("name");
            if (!an)
                fetchFail("<attribute> needs a 'name'.");
            const Attribute &a = attrOf(*an);
            if (std::find(select.begin(), select.end(), a.ordinal) == select.end()) {
                select.push_back(a.ordinal);
                selectNames.push_back(a.kind == AttrKind::Lookup ? a.lookupValueName : a.logicalName);
            }
        } else if (c->name == "all-attributes") {
            allAttributes = true;
        } else if (c->name == "order") {
            addOrder(*c);
        } else if (c->name == "filter") {
            filters.push_back(buildFilter(e, *c));
        } else {
            // link-entity and the rest of FetchXML are out of the emulated subset: say so.
            fetchFail("<" + c->name + "> is not supported by ferry-emulator.");
        }
    }
    if (allAttributes)
        select.clear();
    else if (select.empty())
        select.push_back(e.primaryIdOrd); // no <attribute>: only the primary key, like the real service

    TableLock lock(const_cast<Impl &>(*this), e.index, false);
    const Table &t = *tables[static_cast<size_t>(e.index)];
    using Entry = const std::pair<const std::string, Row> *;
    std::vector<Entry> matches;
    for (const auto &kv : t.rows) {
        bool ok = std::all_of(filters.begin(), filters.end(),
                              [&](const Filter &f) { return evalFetchFilter(f, kv.second); });
        if (ok)
            matches.push_back(&kv);
    }
    std::stable_sort(matches.begin(), matches.end(), [&](Entry a, Entry b) {
        for (const auto &[ord, desc] : order) {
            int c = compareValues(a->second.cells[static_cast<size_t>(ord)],
                                  b->second.cells[static_cast<size_t>(ord)]);
            if (c != 0)
                return desc ? c > 0 : c < 0;
        }
        return a->first < b->first;
    });

    size_t start = 0, end = matches.size();
    bool paged = count >= 0 || page >= 0;
    int pageSize = count >= 0 ? count : 5000;
    int pageNumber = page >= 1 ? page : 1;
    if (paged) {
        start = std::min(matches.size(), static_cast<size_t>(pageNumber - 1) * static_cast<size_t>(pageSize));
        end = std::min(matches.size(), start + static_cast<size_t>(pageSize));
    } else {
        end = std::min(matches.size(), static_cast<size_t>(top >= 0 ? top : 5000));
    }
    json value = json::array();
    for (size_t i = start; i < end; ++i)
        value.push_back(renderRow(e, matches[i]->first, matches[i]->second, &select, {}, ctx));
    ctx.cost->recordsRead += static_cast<int>(end - start);

    json out = json::object();
    std::string sel;
    if (!allAttributes)
        for (const auto &n : selectNames)
            sel += (sel.empty() ? "" : ",") + n;
    out["@odata.context"] =
        ctx.serviceRoot + "$metadata#" + e.entitySetName + (sel.empty() ? std::string() : "(" + sel + ")");
    if (totalCount) {
        out["@Microsoft.Dynamics.CRM.totalrecordcount"] = std::min<size_t>(matches.size(), 5000);
        out["@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded"] = matches.size() > 5000;
    }
    if (paged || (top < 0 && end < matches.size())) { // top is not paging: no annotations
        bool more = end < matches.size();
        if (more && end > start) {
            // The paging cookie of the real service: the last and first primary keys of this page,
            // URL-encoded twice inside a <cookie> element.
            std::string inner = "<cookie page=\"" + std::to_string(pageNumber) + "\"><" + e.primaryId +
                                " last=\"{" + upperAscii(matches[end - 1]->first) + "}\" first=\"{" +
                                upperAscii(matches[start]->first) + "}\" /></cookie>";
            out["@Microsoft.Dynamics.CRM.fetchxmlpagingcookie"] =
                "<cookie pagenumber=\"" + std::to_string(pageNumber + 1) + "\" pagingcookie=\"" +
                xmlEscape(percentEncode(percentEncode(inner))) + "\" istracking=\"False\" />";
        }
        out["@Microsoft.Dynamics.CRM.morerecords"] = more;
    }
    out["value"] = std::move(value);
    return jsonResponse(200, out, ctx);
}

// ---------------------------------------------------------------------------------------------
// built-in functions

namespace {

/// Windows time zone standard names -> Dataverse timezonecode (the TimeZoneDefinition table of a
/// real org). Codes from the timezonedefinitions of a Dataverse org; names are case-insensitive.
struct TimeZoneEntry
{
    const char *name;
    int code;
};
constexpr TimeZoneEntry kTimeZones[] = {
    {"Dateline Standard Time", 0},
    {"Samoa Standard Time", 1},
    {"Hawaiian Standard Time", 2},
    {"Alaskan Standard Time", 3},
    {"Pacific Standard Time", 4},
    {"Mountain Standard Time", 10},
    {"US Mountain Standard Time", 15},
    {"Central Standard Time", 20},
    {"Canada Central Standard Time", 25},
    {"Mexico Standard Time", 30},
    {"Central America Standard Time", 33},
    {"Eastern Standard Time", 35},
    {"US Eastern Standard Time", 40},
    {"SA Pacific Standard Time", 45},
    {"Atlantic Standard Time", 50},
    {"SA Western Standard Time", 55},
    {"Pacific SA Standard Time", 56},
    {"Newfoundland Standard Time", 60},
    {"E. South America Standard Time", 65},
    {"SA Eastern Standard Time", 70},
    {"Greenland Standard Time", 73},
    {"Mid-Atlantic Standard Time", 75},
    {"Azores Standard Time", 80},
    {"Cape Verde Standard Time", 83},
    {"GMT Standard Time", 85},
    {"Greenwich Standard Time", 90},
    {"UTC", 92},
    {"Central Europe Standard Time", 95},
    {"Central European Standard Time", 100},
    {"Romance Standard Time", 105},
    {"W. Europe Standard Time", 110},
    {"W. Central Africa Standard Time", 113},
    {"E. Europe Standard Time", 115},
    {"Egypt Standard Time", 120},
    {"FLE Standard Time", 125},
    {"GTB Standard Time", 130},
    {"Israel Standard Time", 135},
    {"South Africa Standard Time", 140},
    {"Russian Standard Time", 145},
    {"Arab Standard Time", 150},
    {"E. Africa Standard Time", 155},
    {"Arabic Standard Time", 158},
    {"Iran Standard Time", 160},
    {"Arabian Standard Time", 165},
    {"Caucasus Standard Time", 170},
    {"Afghanistan Standard Time", 175},
    {"Ekaterinburg Standard Time", 180},
    {"West Asia Standard Time", 185},
    {"India Standard Time", 190},
    {"Nepal Standard Time", 193},
    {"Central Asia Standard Time", 195},
    {"Sri Lanka Standard Time", 200},
    {"N. Central Asia Standard Time", 201},
    {"Myanmar Standard Time", 203},
    {"SE Asia Standard Time", 205},
    {"North Asia Standard Time", 207},
    {"China Standard Time", 210},
    {"North Asia East Standard Time", 227},
    {"Singapore Standard Time", 215},
    {"Taipei Standard Time", 220},
    {"W. Australia Standard Time", 225},
    {"Korea Standard Time", 230},
    {"Tokyo Standard Time", 235},
    {"Yakutsk Standard Time", 240},
    {"Cen. Australia Standard Time", 250},
    {"AUS Central Standard Time", 245},
    {"E. Australia Standard Time", 260},
    {"AUS Eastern Standard Time", 255},
    {"West Pacific Standard Time", 275},
    {"Tasmania Standard Time", 265},
    {"Vladivostok Standard Time", 270},
    {"Central Pacific Standard Time", 280},
    {"Fiji Standard Time", 285},
    {"New Zealand Standard Time", 290},
    {"Tonga Standard Time", 300},
};

/// Resolves a function parameter written as a literal or as an @alias given in the query string.
json functionParam(const std::map<std::string, std::string> &params, const Route &route,
                   const std::string &name)
{
    auto it = params.find(name);
    if (it == params.end())
        fail(400, "0x80060888", "The function parameter '" + name + "' is missing.");
    std::string raw = trim_copy(it->second);
    if (!raw.empty() && raw[0] == '@') {
        auto q = route.query.find(raw);
        if (q == route.query.end())
            fail(400, "0x80060888", "The parameter alias '" + raw + "' has no value in the query string.");
        raw = trim_copy(q->second);
    }
    if (raw.size() >= 2 && raw.front() == '\'' && raw.back() == '\'') {
        std::string s;
        for (size_t i = 1; i + 1 < raw.size(); ++i) {
            s += raw[i];
            if (raw[i] == '\'' && i + 2 < raw.size() && raw[i + 1] == '\'')
                ++i;
        }
        return s;
    }
    char *end = nullptr;
    long long v = std::strtoll(raw.c_str(), &end, 10);
    if (!raw.empty() && end && !*end)
        return v;
    return raw;
}

} // namespace

HttpResponse Service::Impl::handleGetTimeZoneCode(const Route &route, const std::string &paramText,
                                                  const Ctx &ctx)
{
    if (route.method != "GET")
        fail(405, "0x80060888",
             "The requested resource does not support http method '" + route.method + "'.");
    std::map<std::string, std::string> params;
    for (const auto &part : splitTopLevel(paramText, ',')) {
        auto eq = part.find('=');
        if (eq == std::string::npos)
            fail(400, "0x80060888", "Invalid function parameter '" + part + "'.");
        params[trim_copy(part.substr(0, eq))] = part.substr(eq + 1);
    }
    json name = functionParam(params, route, "LocalizedStandardName");
    json locale = functionParam(params, route, "LocaleId");
    if (!name.is_string() || !locale.is_number_integer())
        fail(400, "0x80060888",
             "GetTimeZoneCodeByLocalizedName expects LocalizedStandardName (Edm.String) and LocaleId "
             "(Edm.Int32).");
    // UNCONFIRMED: the emulator knows the English (any LocaleId) standard names only.
    std::string wanted = lowerAscii(name.get<std::string>());
    for (const auto &tz : kTimeZones)
        if (lowerAscii(tz.name) == wanted)
            return jsonResponse(
                200,
                json{{"@odata.context",
                      ctx.serviceRoot +
                          "$metadata#Microsoft.Dynamics.CRM.GetTimeZoneCodeByLocalizedNameResponse"},
                     {"TimeZoneCode", tz.code}},
                ctx);
    // UNCONFIRMED: the real service answers an unknown name with an error, not a code.
    fail(400, "0x80040203",
         "No time zone with the localized standard name '" + name.get<std::string>() + "'.");
}

HttpResponse Service::Impl::handleRetrieveUserPrivileges(const Route &route, const Ctx &ctx)
{
    const Entity &e = *route.entity;
    if (route.method != "GET")
        fail(405, "0x80060888",
             "The requested resource does not support http method '" + route.method + "'.");
    std::string id = lowerAscii(route.keyText);
    if (id.size() == 38 && id.front() == '{')
        id = id.substr(1, 36);
    if (!isGuid(id))
        fail(400, "0x80060888", "Bad Request - Error in query syntax.");
    {
        TableLock lock(const_cast<Impl &>(*this), e.index, false);
        const Table &t = *tables[static_cast<size_t>(e.index)];
        // The org's application users are systemusers of the real org even when the table holds no row.
        bool known = t.rows.count(id) > 0;
        for (const auto &u : model.appUsers)
            known = known || (u.is_object() && lowerAscii(u.value("userId", std::string())) == id);
        if (!known)
            fail(404, "0x80040217", "systemuser With Id = " + id + " Does Not Exist");
    }
    // A fixed System Administrator-like set: Create/Read/Write/Delete/Append/AppendTo/Assign/Share on
    // every table of the org at Global depth. Privilege ids are stable (derived from the name) so a client
    // can compare two answers.
    static const char *verbs[] = {"Create", "Read",     "Write",  "Delete",
                                  "Append", "AppendTo", "Assign", "Share"};
    json privs = json::array();
    for (const auto &ent : model.entities) {
        for (const char *verb : verbs) {
            std::string pname = std::string("prv") + verb + ent.schemaName;
            // FNV-1a over the name -> a deterministic GUID-shaped id.
            uint64_t h1 = 1469598103934665603ull, h2 = 1099511628211ull ^ 0x9e3779b97f4a7c15ull;
            for (char ch : pname) {
                h1 = (h1 ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
                h2 = (h2 ^ static_cast<unsigned char>(ch)) * 0x100000001b3ull + 7;
            }
            char buf[40];
            std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(h1 >> 32),
                          static_cast<unsigned>((h1 >> 16) & 0xffff), static_cast<unsigned>(h1 & 0xffff),
                          static_cast<unsigned>(h2 >> 48),
                          static_cast<unsigned long long>(h2 & 0xffffffffffffull));
            privs.push_back(json{{"Depth", "Global"},
                                 {"PrivilegeId", std::string(buf)},
                                 {"BusinessUnitId", model.businessUnitId},
                                 {"PrivilegeName", pname}});
        }
    }
    return jsonResponse(
        200,
        json{{"@odata.context",
              ctx.serviceRoot + "$metadata#Microsoft.Dynamics.CRM.RetrieveUserPrivilegesResponse"},
             {"RolePrivileges", std::move(privs)}},
        ctx);
}

} // namespace ferry::emu
