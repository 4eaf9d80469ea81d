// Request handlers of the emulator's data endpoints: record CRUD, collections and paging,
// bulk messages and $ref associations.
#include "ServiceImpl.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <unordered_set>

namespace ferry::emu {

using json = nlohmann::json;

std::string trim_copy(const std::string &s)
{
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

namespace {

json parseBody(const HttpRequest &req, const Entity &e)
{
    if (trim_copy(req.body).empty())
        fail(400, "0x80048d19",
             "Error identified in Payload provided by the user for Entity :'" + e.entitySetName +
                 "', the request body is empty.");
    json j = json::parse(req.body, nullptr, false);
    if (j.is_discarded())
        fail(400, "0x80048d19",
             "Error identified in Payload provided by the user for Entity :'" + e.entitySetName +
                 "', For more information on this error please follow this help link "
                 "https://go.microsoft.com/fwlink/?linkid=2195293  ----> InnerException : "
                 "Microsoft.OData.ODataException: The request body is not valid JSON.");
    return j;
}

[[noreturn]] void methodNotAllowed(const std::string &method)
{
    fail(405, "0x80060888", "The requested resource does not support http method '" + method + "'.");
}

std::string contextSelect(const Entity &e, const std::string &select)
{
    return e.entitySetName + (select.empty() ? std::string() : "(" + select + ")");
}

void addPerTableR(CostInfo &cost, const std::string &table, int n)
{
    for (auto &p : cost.recordsPerTable)
        if (p.first == table) {
            p.second += n;
            return;
        }
    cost.recordsPerTable.emplace_back(table, n);
}

std::string xmlUnesc(const std::string &s)
{
    std::string o;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            auto semi = s.find(';', i);
            if (semi != std::string::npos) {
                std::string ent = s.substr(i + 1, semi - i - 1);
                char c = ent == "amp" ? '&' : ent == "lt" ? '<' : ent == "gt" ? '>' : ent == "quot" ? '"' : 0;
                if (c) {
                    o.push_back(c);
                    i = semi;
                    continue;
                }
            }
        }
        o.push_back(s[i]);
    }
    return o;
}

std::string encodeLowerHex(const std::string &s)
{
    std::string o = percentEncode(s);
    for (size_t i = 0; i + 2 < o.size(); ++i)
        if (o[i] == '%') {
            o[i + 1] = static_cast<char>(std::tolower(static_cast<unsigned char>(o[i + 1])));
            o[i + 2] = static_cast<char>(std::tolower(static_cast<unsigned char>(o[i + 2])));
        }
    return o;
}

std::string upper(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// Text of a cookie attribute ("<name last="..." />") or nullopt.
std::optional<std::string> cookieAttr(const std::string &xml, const std::string &element,
                                      const std::string &attr)
{
    std::string open = "<" + element + " ";
    size_t p = xml.find(open);
    if (p == std::string::npos)
        return std::nullopt;
    size_t end = xml.find("/>", p);
    std::string el = xml.substr(p, end == std::string::npos ? std::string::npos : end - p);
    std::string a = " " + attr + "=\"";
    size_t q = el.find(a);
    if (q == std::string::npos)
        return std::nullopt;
    q += a.size();
    size_t r = el.find('"', q);
    return xmlUnesc(el.substr(q, r == std::string::npos ? std::string::npos : r - q));
}

bool validUtf8(const std::string &s)
{
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 4;
        if (extra == 4 || (extra > 0 && i + extra >= n))
            return false;
        for (size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += extra + 1;
    }
    return true;
}

void appendUtf8(std::string &out, unsigned cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// The hot path of the emulator: a bulk body {"Targets":[{flat record}, ...]} scanned directly into flat
// records, several times faster than a DOM parse. Returns false for anything else (nested values,
// other members, malformed JSON); the caller then uses nlohmann::json, which also words the error.
class TargetsScanner
{
public:
    explicit TargetsScanner(const std::string &s) : m_p(s.data()), m_end(s.data() + s.size()) {}

    template <class F> bool scan(F &&onRecord)
    {
        std::string key;
        if (!expect('{') || !string(key) || key != "Targets" || !expect(':') || !expect('['))
            return false;
        ws();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
        } else {
            while (true) {
                if (!expect('{'))
                    return false;
                FlatRecord &rec = m_rec; // reused: clear() keeps its capacity
                rec.clear();
                ws();
                if (m_p < m_end && *m_p == '}') {
                    ++m_p;
                } else {
                    while (true) {
                        ws();
                        std::string k;
                        if (!string(k) || !expect(':'))
                            return false;
                        json v;
                        if (!value(v))
                            return false;
                        rec.emplace_back(std::move(k), std::move(v));
                        ws();
                        if (m_p < m_end && *m_p == ',') {
                            ++m_p;
                            continue;
                        }
                        if (m_p < m_end && *m_p == '}') {
                            ++m_p;
                            break;
                        }
                        return false;
                    }
                }
                onRecord(rec);
                ws();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (m_p < m_end && *m_p == ']') {
                    ++m_p;
                    break;
                }
                return false;
            }
        }
        if (!expect('}'))
            return false;
        ws();
        return m_p == m_end;
    }

private:
    void ws()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }
    bool expect(char c)
    {
        ws();
        if (m_p >= m_end || *m_p != c)
            return false;
        ++m_p;
        return true;
    }
    int hex4()
    {
        if (m_end - m_p < 4)
            return -1;
        int v = 0;
        for (int i = 0; i < 4; ++i) {
            char c = *m_p++;
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= c - '0';
            else if (c >= 'a' && c <= 'f')
                v |= c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                v |= c - 'A' + 10;
            else
                return -1;
        }
        return v;
    }
    bool string(std::string &out)
    {
        ws();
        if (m_p >= m_end || *m_p != '"')
            return false;
        ++m_p;
        const char *start = m_p;
        bool high = false;
        while (m_p < m_end && *m_p != '"' && *m_p != '\\' && static_cast<unsigned char>(*m_p) >= 0x20) {
            high = high || static_cast<unsigned char>(*m_p) >= 0x80;
            ++m_p;
        }
        out.assign(start, m_p);
        while (m_p < m_end) {
            char c = *m_p++;
            if (c == '"')
                return !high || validUtf8(out);
            if (static_cast<unsigned char>(c) < 0x20)
                return false;
            if (c != '\\') {
                high = high || static_cast<unsigned char>(c) >= 0x80;
                out.push_back(c);
                continue;
            }
            if (m_p >= m_end)
                return false;
            char e = *m_p++;
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out.push_back(e);
                break;
            case 'b':
                out.push_back('\b');
                break;
            case 'f':
                out.push_back('\f');
                break;
            case 'n':
                out.push_back('\n');
                break;
            case 'r':
                out.push_back('\r');
                break;
            case 't':
                out.push_back('\t');
                break;
            case 'u': {
                int cp = hex4();
                if (cp < 0)
                    return false;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (m_end - m_p < 6 || m_p[0] != '\\' || m_p[1] != 'u')
                        return false;
                    m_p += 2;
                    int lo = hex4();
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return false;
                }
                appendUtf8(out, static_cast<unsigned>(cp));
                break;
            }
            default:
                return false;
            }
        }
        return false;
    }
    bool literal(const char *word, size_t n)
    {
        if (static_cast<size_t>(m_end - m_p) < n || std::memcmp(m_p, word, n) != 0)
            return false;
        m_p += n;
        return true;
    }
    bool value(json &v)
    {
        ws();
        if (m_p >= m_end)
            return false;
        char c = *m_p;
        if (c == '"') {
            std::string s;
            if (!string(s))
                return false;
            v = std::move(s);
            return true;
        }
        if (c == 't') {
            v = true;
            return literal("true", 4);
        }
        if (c == 'f') {
            v = false;
            return literal("false", 5);
        }
        if (c == 'n') {
            v = nullptr;
            return literal("null", 4);
        }
        if (c != '-' && (c < '0' || c > '9'))
            return false; // objects and arrays inside a record: let the DOM parser handle them
        const char *st = m_p;
        bool isFloat = false;
        if (*m_p == '-')
            ++m_p;
        while (m_p < m_end && ((*m_p >= '0' && *m_p <= '9') || *m_p == '.' || *m_p == 'e' || *m_p == 'E' ||
                               *m_p == '+' || *m_p == '-')) {
            isFloat = isFloat || *m_p == '.' || *m_p == 'e' || *m_p == 'E';
            ++m_p;
        }
        char buf[64];
        size_t n = static_cast<size_t>(m_p - st);
        if (n == 0 || n >= sizeof buf)
            return false;
        std::memcpy(buf, st, n);
        buf[n] = 0;
        char *end = nullptr;
        errno = 0;
        if (isFloat) {
            double d = std::strtod(buf, &end);
            if (*end || errno)
                return false;
            v = d;
        } else {
            long long ll = std::strtoll(buf, &end, 10);
            if (*end || errno)
                return false;
            v = ll;
        }
        return true;
    }

    const char *m_p;
    const char *m_end;
    FlatRecord m_rec;
};

} // namespace

// ---------------------------------------------------------------------------------------------

HttpResponse Service::Impl::handleData(const HttpRequest &req, Route &route, Ctx &ctx)
{
    const Entity &e = *route.entity;
    const auto &segs = route.segments;
    const std::string &m = req.method;
    if (!route.hasKey) {
        if (segs.size() == 1) {
            if (m == "GET")
                return handleCollection(route, ctx, false);
            if (m != "POST")
                methodNotAllowed(m);
            // create
            json body = parseBody(req, e);
            Prepared p = prepare(e, body, ctx);
            bool created = false;
            std::string id = inTransaction(ctx, [&] {
                resolveBinds(p, e.index);
                TableLock lock(*this, e.index, true);
                return applyRecord(ctx, e, WriteMode::Create, nullptr, p, {}, created);
            });
            std::string url = entityUrl(ctx, e, id);
            if (ctx.returnRepresentation) {
                TableLock lock(*this, e.index, false);
                const Table &t = *tables[static_cast<size_t>(e.index)];
                auto it = t.rows.find(id);
                std::string sel = route.query.count("$select") ? route.query["$select"] : "";
                std::vector<int> selOrd = parseSelect(e, sel);
                json o = renderRow(e, id, it->second, &selOrd, {}, ctx);
                o["@odata.context"] = ctx.serviceRoot + "$metadata#" + e.entitySetName + "/$entity";
                HttpResponse r = jsonResponse(201, o, ctx);
                r.setHeader("Preference-Applied", "return=representation");
                ctx.entityUrl =
                    url; // for $batch Content-ID references (no OData-EntityId with a body [MS S14])
                return r;
            }
            HttpResponse r = noContent();
            r.setHeader("OData-EntityId", url);
            r.setHeader("Location", url);
            return r;
        }
        if (segs.size() == 2 && segs[1] == "$count") {
            if (m != "GET")
                methodNotAllowed(m);
            return handleCollection(route, ctx, true);
        }
        if (segs.size() == 2) {
            // Bound actions must be namespace-qualified (MS web-api-actions); "accounts/CreateMultiple" is
            // an unknown segment, as the real service answers (request #37 of the capture).
            std::string action = segs[1];
            if (action.compare(0, 23, "Microsoft.Dynamics.CRM.") == 0)
                action = action.substr(23);
            else
                action.clear();
            if (action == "CreateMultiple" || action == "UpdateMultiple" || action == "UpsertMultiple" ||
                action == "DeleteMultiple") {
                if (m != "POST")
                    methodNotAllowed(m);
                return handleBulk(req, route, ctx, action);
            }
        }
        fail(404, "0x8006088a", "Resource not found for the segment '" + segs[1] + "'.");
    }

    RecordRef ref = parseRecordRef(e, route.keyText);
    if (segs.size() == 1) {
        if (m == "GET") {
            TableLock lock(*this, e.index, false);
            std::string id = resolveRef(ref);
            if (id.empty())
                RecordRef(ref).key < 0
                    ? fail(404, "0x80040217", e.logicalName + " With Id = " + ref.id + " Does Not Exist")
                    : fail(404, "0x80060891",
                           "A record with the specified key values does not exist in " + e.logicalName +
                               " entity");
            const Row &row = tables[static_cast<size_t>(e.index)]->rows.at(id);
            std::string sel = route.query.count("$select") ? route.query["$select"] : "";
            std::vector<int> selOrd = parseSelect(e, sel);
            auto expand = parseExpand(route.query.count("$expand") ? route.query["$expand"] : "");
            std::string etag = "W/\"" + std::to_string(row.version) + "\"";
            if (expand.empty() && !ctx.annotations && req.header("if-none-match") == etag) {
                HttpResponse r;
                r.status = 304;
                r.setHeader("ETag", etag);
                return r;
            }
            json o = renderRow(e, id, row, &selOrd, expand, ctx);
            json out = json::object();
            out["@odata.context"] = ctx.serviceRoot + "$metadata#" + contextSelect(e, sel) + "/$entity";
            out.update(o);
            ctx.cost->recordsRead += 1;
            HttpResponse r = jsonResponse(200, out, ctx);
            r.setHeader("ETag", etag);
            if (ctx.annotations)
                r.setHeader("Preference-Applied", "odata.include-annotations=\"*\"");
            return r;
        }
        if (m == "PATCH") {
            json body = parseBody(req, e);
            Prepared p = prepare(e, body, ctx);
            std::string ifMatch = trim_copy(req.header("if-match"));
            std::string ifNoneMatch = trim_copy(req.header("if-none-match"));
            WriteMode mode = WriteMode::Upsert;
            if (!ifMatch.empty())
                mode = WriteMode::Update;
            else if (ifNoneMatch == "*")
                mode = WriteMode::CreateOnly;
            bool created = false;
            std::string id = inTransaction(ctx, [&] {
                resolveBinds(p, e.index);
                TableLock lock(*this, e.index, true);
                return applyRecord(ctx, e, mode, &ref, p, ifMatch, created);
            });
            std::string url = ref.key >= 0 ? ctx.serviceRoot + e.entitySetName + "(" + route.keyText + ")"
                                           : entityUrl(ctx, e, id);
            if (ctx.returnRepresentation) {
                TableLock lock(*this, e.index, false);
                const Row &row = tables[static_cast<size_t>(e.index)]->rows.at(id);
                std::string sel = route.query.count("$select") ? route.query["$select"] : "";
                std::vector<int> selOrd = parseSelect(e, sel);
                json o = renderRow(e, id, row, &selOrd, {}, ctx);
                o["@odata.context"] = ctx.serviceRoot + "$metadata#" + e.entitySetName + "/$entity";
                HttpResponse r = jsonResponse(created ? 201 : 200, o, ctx);
                r.setHeader("Preference-Applied", "return=representation");
                ctx.entityUrl = url;
                return r;
            }
            HttpResponse r = noContent();
            r.setHeader("OData-EntityId", url);
            return r;
        }
        if (m == "DELETE") {
            std::string ifMatch = trim_copy(req.header("if-match"));
            auto run = [&] {
                std::string id;
                {
                    TableLock lock(*this, e.index, false);
                    id = resolveRef(ref);
                    if (id.empty())
                        ref.key < 0 ? fail(404, "0x80040217",
                                           e.logicalName + " With Id = " + ref.id + " Does Not Exist")
                                    : fail(404, "0x80060891",
                                           "A record with the specified key values does not exist in " +
                                               e.logicalName + " entity");
                    const Row &row = tables[static_cast<size_t>(e.index)]->rows.at(id);
                    if (ifMatch.size() > 2 && ifMatch != "W/\"" + std::to_string(row.version) + "\"")
                        fail(412, "0x80060882",
                             "The version of the existing record doesn't match the RowVersion property "
                             "provided.");
                }
                std::vector<std::pair<int, std::string>> visited;
                deleteCascade(ctx, e, id, visited);
            };
            if (ctx.undo) {
                run();
            } else {
                // Cascades touch several tables: deletes run alone (like a change set) so they cannot
                // interleave with other writers, and they roll back as a whole.
                std::unique_lock tx(txMutex);
                UndoLog undo;
                ctx.undo = &undo;
                try {
                    run();
                    commit(undo);
                    ctx.undo = nullptr;
                } catch (...) {
                    rollback(undo);
                    ctx.undo = nullptr;
                    throw;
                }
            }
            return noContent();
        }
        methodNotAllowed(m);
    }

    // /set(key)/<property> | /set(key)/<nav>/$ref | /set(key)/<nav>(<id>)/$ref
    if (segs.back() == "$ref")
        return handleRef(req, route, ctx, {});
    if (segs.size() == 2 || (segs.size() == 3 && segs[2] == "$value")) {
        const std::string &prop = segs[1];
        const Attribute *a = e.attr(prop);
        if (!a || (a->kind == AttrKind::Lookup && m == "PUT")) {
            std::string action = prop;
            fail(404, "0x8006088a", "Resource not found for the segment '" + prop + "'.");
        }
        if (m == "GET") {
            TableLock lock(*this, e.index, false);
            std::string id = resolveRef(ref);
            if (id.empty())
                fail(404, "0x80040217", e.logicalName + " With Id = " + ref.id + " Does Not Exist");
            const Row &row = tables[static_cast<size_t>(e.index)]->rows.at(id);
            const json &c = row.cells[static_cast<size_t>(a->ordinal)];
            if (segs.size() == 3) {
                HttpResponse r;
                r.status = c.is_null() ? 204 : 200;
                r.body = c.is_null() ? "" : (c.is_string() ? c.get<std::string>() : c.dump());
                r.setHeader("Content-Type", "text/plain");
                return r;
            }
            ctx.cost->recordsRead += 1;
            return jsonResponse(200,
                                json{{"@odata.context", ctx.serviceRoot + "$metadata#" + e.entitySetName +
                                                            "(" + id + ")/" + prop},
                                     {"value", c}},
                                ctx);
        }
        if (m != "PUT" && m != "DELETE")
            methodNotAllowed(m);
        json body = json::object();
        if (m == "PUT") {
            json j = parseBody(req, e);
            if (!j.is_object() || !j.contains("value"))
                fail(400, "0x80048d19",
                     "The request body of a single-property PUT must be {\"value\": ...}.");
            body[prop] = j["value"];
        } else {
            body[prop] = nullptr;
        }
        Prepared p = prepare(e, body, ctx);
        bool created = false;
        std::string id = inTransaction(ctx, [&] {
            TableLock lock(*this, e.index, true);
            return applyRecord(ctx, e, WriteMode::Update, &ref, p, {}, created);
        });
        HttpResponse r = noContent();
        if (m == "PUT")
            r.setHeader("OData-EntityId", entityUrl(ctx, e, id));
        return r;
    }
    fail(404, "0x8006088a", "Resource not found for the segment '" + segs.back() + "'.");
}

// ---------------------------------------------------------------------------------------------
// $ref: associate / disassociate

HttpResponse Service::Impl::handleRef(const HttpRequest &req, const Route &route, Ctx &ctx,
                                      const std::string &)
{
    const Entity &e = *route.entity;
    const auto &segs = route.segments;
    const std::string &m = req.method;
    RecordRef self = parseRecordRef(e, route.keyText);
    std::string navSeg = segs[1];
    std::string navKey;
    auto paren = navSeg.find('(');
    if (paren != std::string::npos && navSeg.back() == ')') {
        navKey = navSeg.substr(paren + 1, navSeg.size() - paren - 2);
        navSeg = navSeg.substr(0, paren);
    }
    if (segs.size() != 3)
        fail(404, "0x8006088a", "Resource not found for the segment '" + segs.back() + "'.");
    auto sn = e.singleNavs.find(navSeg);
    auto cn = e.collectionNavs.find(navSeg);
    if (sn == e.singleNavs.end() && cn == e.collectionNavs.end())
        fail(400, "0x80060888",
             "Could not find a property named '" + navSeg + "' on type 'Microsoft.Dynamics.CRM." +
                 e.logicalName + "'.");
    auto bodyRef = [&]() {
        json j = parseBody(req, e);
        if (!j.is_object() || !j.contains("@odata.id") || !j["@odata.id"].is_string())
            fail(400, "0x80048d19", "The request body must be {\"@odata.id\": \"<record URI>\"}.");
        return parseRecordUrl(j["@odata.id"].get<std::string>(), ctx);
    };
    auto resolveOrFail = [&](RecordRef &r) {
        const Entity &re = model.entities[static_cast<size_t>(r.entity)];
        TableLock lock(*this, r.entity, false);
        std::string id = resolveRef(r);
        if (id.empty())
            r.key < 0 ? fail(404, "0x80040217", re.logicalName + " With Id = " + r.id + " Does Not Exist")
                      : fail(404, "0x80060891",
                             "A record with the specified key values does not exist in " + re.logicalName +
                                 " entity");
        r.id = id;
        r.key = -1;
    };
    if (sn != e.singleNavs.end()) {
        if (m != "PUT" && m != "DELETE")
            methodNotAllowed(m);
        Prepared p;
        Prepared::Bind b;
        b.attr = sn->second.attr;
        b.nav = navSeg;
        if (m == "PUT") {
            b.ref = bodyRef();
            b.target = b.ref.entity;
            if (!sn->second.targets.empty() && std::find(sn->second.targets.begin(), sn->second.targets.end(),
                                                         b.target) == sn->second.targets.end())
                fail(400, "0x80048d19",
                     "The navigation property '" + navSeg + "' cannot reference this record.");
        } else {
            b.clear = true;
        }
        p.binds.push_back(b);
        p.columns = 1;
        bool created = false;
        inTransaction(ctx, [&] {
            resolveBinds(p, e.index);
            TableLock lock(*this, e.index, true);
            return applyRecord(ctx, e, WriteMode::Update, &self, p, {}, created);
        });
        return noContent();
    }
    const CollectionNav &nav = cn->second;
    const Entity &oe = model.entities[static_cast<size_t>(nav.otherEntity)];
    RecordRef other;
    if (m == "POST") {
        other = bodyRef();
    } else if (m == "DELETE") {
        if (!navKey.empty()) {
            other = parseRecordRef(oe, navKey);
        } else {
            auto q = route.query.find("$id");
            if (q == route.query.end())
                fail(400, "0x80060888",
                     "Disassociating a collection-valued navigation property requires $id.");
            other = parseRecordUrl(q->second, ctx);
        }
    } else {
        methodNotAllowed(m);
    }
    if (other.entity != oe.index)
        fail(400, "0x80048d19", "The record does not belong to the navigation property '" + navSeg + "'.");
    resolveOrFail(self);
    resolveOrFail(other);
    if (nav.manyToMany) {
        return inTransaction(ctx, [&] {
            auto &s = *m2m[static_cast<size_t>(nav.relationship)];
            std::pair<std::string, std::string> pr =
                nav.side == 1 ? std::make_pair(self.id, other.id) : std::make_pair(other.id, self.id);
            std::lock_guard lock(s.mu);
            if (m == "POST") {
                if (s.pairs.insert(pr).second) {
                    ctx.undo->assocs.push_back({nav.relationship, pr, true});
                    ++ctx.undo->associations;
                } else {
                    // UNCONFIRMED: the real service reports a duplicate N:N association as DuplicateRecord.
                    fail(412, "0x80040237", "Cannot insert duplicate key: the association already exists.");
                }
            } else if (s.pairs.erase(pr)) {
                ctx.undo->assocs.push_back({nav.relationship, pr, false});
            }
            s.dirty = true;
            ctx.cost->recordsWritten += 1;
            addPerTableR(*ctx.cost, model.manyToMany[static_cast<size_t>(nav.relationship)].intersect, 1);
            return noContent();
        });
    }
    // 1:N: write the lookup on the other (referencing) record.
    Prepared p;
    Prepared::Bind b;
    b.attr = nav.referencingAttr;
    if (m == "POST") {
        b.ref = self;
        b.target = e.index;
    } else {
        b.clear = true;
    }
    p.binds.push_back(b);
    p.columns = 1;
    bool created = false;
    inTransaction(ctx, [&] {
        TableLock lock(*this, oe.index, true);
        if (m == "DELETE") {
            const Row &row = tables[static_cast<size_t>(oe.index)]->rows.at(other.id);
            const json &c = row.cells[static_cast<size_t>(nav.referencingAttr)];
            if (!c.is_string() || c.get<std::string>() != self.id)
                return std::string();
        }
        std::string r = applyRecord(ctx, oe, WriteMode::Update, &other, p, {}, created);
        ++ctx.undo->associations;
        return r;
    });
    return noContent();
}

// ---------------------------------------------------------------------------------------------
// collections

HttpResponse Service::Impl::handleCollection(const Route &route, const Ctx &ctx, bool countOnly)
{
    const Entity &e = *route.entity;
    auto q = route.query;
    if (q.count("fetchXml")) {
        if (countOnly)
            fail(400, "0x80060888", "$count cannot be combined with fetchXml.");
        return handleFetchXml(route, ctx);
    }
    std::vector<int> select = parseSelect(e, q.count("$select") ? q["$select"] : "");
    std::unique_ptr<FilterNode> filter;
    auto resolveName = [&](const std::string &path) -> const Attribute & {
        auto it = e.attrByName.find(path);
        const Attribute *a = it == e.attrByName.end() ? nullptr : &e.attrs[static_cast<size_t>(it->second)];
        if (!a || (a->kind == AttrKind::Lookup && path != a->lookupValueName))
            fail(400, "0x80060888",
                 "Could not find a property named '" + path + "' on type 'Microsoft.Dynamics.CRM." +
                     e.logicalName + "'.");
        return *a;
    };
    std::unordered_map<std::string, int> pathOrd;
    if (q.count("$filter") && !trim_copy(q["$filter"]).empty()) {
        std::string err;
        filter = parseFilter(q["$filter"], err);
        if (!filter)
            fail(400, "0x80060888", "Syntax error in $filter: " + err);
        std::vector<std::string> paths;
        filterPaths(*filter, paths);
        for (const auto &pth : paths)
            pathOrd[pth] = resolveName(pth).ordinal;
    }
    std::vector<OrderItem> order;
    if (q.count("$orderby")) {
        std::string err;
        if (!parseOrderBy(q["$orderby"], order, err))
            fail(400, "0x80060888", err);
    }
    std::vector<int> orderOrd;
    for (const auto &o : order)
        orderOrd.push_back(resolveName(o.path).ordinal);
    int top = -1;
    if (q.count("$top")) {
        char *end = nullptr;
        long v = std::strtol(q["$top"].c_str(), &end, 10);
        if (!end || *end || v < 0)
            fail(400, "0x80060888", "Invalid value for $top: '" + q["$top"] + "'.");
        top = static_cast<int>(v);
    }
    bool count = q.count("$count") && lowerAscii(q["$count"]) == "true";
    auto expand = parseExpand(q.count("$expand") ? q["$expand"] : "");

    TableLock lock(const_cast<Impl &>(*this), e.index, false);
    const Table &t = *tables[static_cast<size_t>(e.index)];
    using Entry = const std::pair<const std::string, Row> *;
    std::vector<Entry> matches;
    for (const auto &kv : t.rows) {
        if (filter) {
            const Row &row = kv.second;
            bool okRow = evalFilter(*filter, [&](const std::string &pth) -> json {
                auto it = pathOrd.find(pth);
                return it == pathOrd.end() ? json() : row.cells[static_cast<size_t>(it->second)];
            });
            if (!okRow)
                continue;
        }
        matches.push_back(&kv);
    }
    if (countOnly) {
        HttpResponse r;
        r.status = 200;
        r.body = std::to_string(matches.size());
        r.setHeader("Content-Type", "text/plain;charset=utf-8");
        r.setHeader("OData-Version", "4.0");
        return r;
    }
    auto less = [&](Entry a, Entry b) {
        for (size_t i = 0; i < orderOrd.size(); ++i) {
            int c = compareValues(a->second.cells[static_cast<size_t>(orderOrd[i])],
                                  b->second.cells[static_cast<size_t>(orderOrd[i])]);
            if (c != 0)
                return order[i].desc ? c > 0 : c < 0;
        }
        return a->first < b->first;
    };
    if (!orderOrd.empty())
        std::stable_sort(matches.begin(), matches.end(), less);

    size_t start = 0;
    int pageNumber = 1;
    if (q.count("$skiptoken")) {
        const std::string &tok = q["$skiptoken"];
        auto pn = cookieAttr(tok, "cookie", "pagenumber");
        auto pc = cookieAttr(tok, "cookie", "pagingcookie");
        if (!pn || !pc)
            fail(400, "0x80060888", "Invalid $skiptoken.");
        pageNumber = std::atoi(pn->c_str());
        std::string inner = percentDecode(*pc);
        auto lastId = cookieAttr(inner, e.primaryId, "last");
        if (!lastId || lastId->size() < 38)
            fail(400, "0x80060888", "Invalid $skiptoken (paging cookie).");
        std::string id = lowerAscii(lastId->substr(1, 36));
        // Rebuild the last row's sort tuple from the cookie and continue strictly after it.
        Row probe;
        probe.cells.assign(e.attrs.size(), json());
        for (size_t i = 0; i < orderOrd.size(); ++i) {
            const Attribute &a = e.attrs[static_cast<size_t>(orderOrd[i])];
            auto isNull = cookieAttr(inner, order[i].path, "lastnull");
            auto v = cookieAttr(inner, order[i].path, "last");
            if (isNull || !v)
                continue;
            json jv = *v;
            switch (a.kind) {
            case AttrKind::Integer:
            case AttrKind::BigInt:
            case AttrKind::Picklist:
            case AttrKind::State:
            case AttrKind::Status:
                jv = std::stoll(*v);
                break;
            case AttrKind::Decimal:
            case AttrKind::Double:
            case AttrKind::Money:
                jv = std::stod(*v);
                break;
            case AttrKind::Boolean:
                jv = *v == "1" || *v == "true";
                break;
            default:
                break;
            }
            probe.cells[static_cast<size_t>(orderOrd[i])] = jv;
        }
        std::pair<const std::string, Row> probeEntry(id, probe);
        if (orderOrd.empty())
            start =
                static_cast<size_t>(std::upper_bound(matches.begin(), matches.end(), &probeEntry,
                                                     [](Entry a, Entry b) { return a->first < b->first; }) -
                                    matches.begin());
        else
            start = static_cast<size_t>(std::upper_bound(matches.begin(), matches.end(), &probeEntry, less) -
                                        matches.begin());
    }
    size_t pageSize = ctx.maxPageSize > 0 ? static_cast<size_t>(ctx.maxPageSize) : 5000;
    bool paging = true;
    if (top >= 0) {
        pageSize = std::min(pageSize, static_cast<size_t>(top));
        paging = static_cast<size_t>(top) > pageSize; // $top within one page: no next link
    }
    size_t end = std::min(matches.size(), start + pageSize);
    json value = json::array();
    for (size_t i = start; i < end; ++i)
        value.push_back(renderRow(e, matches[i]->first, matches[i]->second, &select, expand, ctx));
    ctx.cost->recordsRead += static_cast<int>(end - start);

    json out = json::object();
    out["@odata.context"] =
        ctx.serviceRoot + "$metadata#" + contextSelect(e, q.count("$select") ? q["$select"] : std::string());
    if (count)
        out["@odata.count"] = matches.size();
    out["value"] = std::move(value);
    if (paging && end < matches.size() && end > start) {
        Entry last = matches[end - 1], first = matches[start];
        std::string inner = "<cookie page=\"" + std::to_string(pageNumber) + "\">";
        for (size_t i = 0; i < orderOrd.size(); ++i) {
            const json &lv = last->second.cells[static_cast<size_t>(orderOrd[i])];
            const json &fv = first->second.cells[static_cast<size_t>(orderOrd[i])];
            auto txt = [](const json &v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
            inner +=
                "<" + order[i].path +
                (lv.is_null() ? std::string(" lastnull=\"1\"") : " last=\"" + xmlEscape(txt(lv)) + "\"") +
                (fv.is_null() ? std::string() : " first=\"" + xmlEscape(txt(fv)) + "\"") + " />";
        }
        inner += "<" + e.primaryId + " last=\"{" + upper(last->first) + "}\" first=\"{" +
                 upper(first->first) + "}\" /></cookie>";
        std::string cookie = "<cookie pagenumber=\"" + std::to_string(pageNumber + 1) + "\" pagingcookie=\"" +
                             encodeLowerHex(inner) + "\" istracking=\"False\" />";
        std::string qs;
        for (const auto &part : splitTopLevel(route.rawQuery, '&')) {
            std::string name = percentDecode(part.substr(0, part.find('=')));
            if (part.empty() || name == "$skiptoken")
                continue;
            qs += part + "&";
        }
        out["@odata.nextLink"] =
            ctx.serviceRoot + e.entitySetName + "?" + qs + "$skiptoken=" + percentEncode(cookie);
    }
    HttpResponse r = jsonResponse(200, out, ctx);
    std::string applied;
    if (ctx.maxPageSize > 0)
        applied = "odata.maxpagesize=" + std::to_string(ctx.maxPageSize);
    if (ctx.annotations) {
        applied += applied.empty() ? "" : ",";
        applied += "odata.include-annotations=\"*\"";
    }
    if (!applied.empty())
        r.setHeader("Preference-Applied", applied);
    return r;
}

// ---------------------------------------------------------------------------------------------
// bulk messages

HttpResponse Service::Impl::handleBulk(const HttpRequest &req, const Route &route, Ctx &ctx,
                                       const std::string &action)
{
    const Entity &e = *route.entity;
    if (action == "DeleteMultiple")
        // Standard tables have no DeleteMultiple [MS S4]; the text is what third parties report.
        fail(400, "0x80040216", "DeleteMultiple has not yet been implemented.");
    const std::string wantType = "Microsoft.Dynamics.CRM." + e.logicalName;
    std::vector<Prepared> records;
    std::unordered_set<std::string> seen;
    std::vector<size_t> requestIndex;
    auto withIndex = [&](size_t i, const ApiError &err) {
        ApiError copy = err;
        copy.details =
            json::array({json{{"RequestIndex", i}, {"StatusCode", err.status}, {"ErrorCode", err.code}}});
        return copy;
    };
    size_t index = 0;
    auto processRecord = [&](FlatRecord &tj) {
        const size_t i = index++;
        try {
            std::string type;
            for (const auto &kv : tj)
                if (kv.first == "@odata.type" && kv.second.is_string())
                    type = kv.second.get<std::string>();
            if (!type.empty() && type[0] == '#')
                type.erase(0, 1);
            if (type.empty())
                // UNCONFIRMED text: MS S4 requires the annotation on every target; the emulator names the
                // item.
                fail(400, "0x80048d19",
                     "Error identified in Payload provided by the user for Entity :'" + e.entitySetName +
                         "' ----> InnerException : Microsoft.OData.ODataException: The '@odata.type' "
                         "annotation is missing on Targets[" +
                         std::to_string(i) + "]; every target must carry \"@odata.type\": \"" + wantType +
                         "\".");
            if (type != wantType)
                fail(400, "0x80048d19",
                     "Error identified in Payload provided by the user for Entity :'" + e.entitySetName +
                         "' ----> InnerException : Microsoft.OData.ODataException: Targets[" +
                         std::to_string(i) + "] has '@odata.type' '" + type +
                         "' but the action is bound to '" + wantType + "'.");
            Prepared p = prepare(e, tj, ctx);
            if (action == "UpdateMultiple") {
                if (p.hasOdataId && p.odataId.key >= 0)
                    fail(400, "0x80040203",
                         "UpdateMultiple does not support alternate keys through the Web API (Targets[" +
                             std::to_string(i) + "]); identify the record by its primary key '" +
                             e.primaryId + "'.");
                if (p.bodyId.empty() && p.hasOdataId)
                    p.bodyId = p.odataId.id;
                if (p.bodyId.empty())
                    fail(400, "0x80040203",
                         "Targets[" + std::to_string(i) +
                             "] of UpdateMultiple has no value for the primary key '" + e.primaryId + "'.");
                if (!seen.insert(p.bodyId).second)
                    return; // documented: later duplicates are ignored
            } else if (action == "UpsertMultiple") {
                std::string ident;
                if (p.hasOdataId) {
                    ident = std::to_string(p.odataId.key) + ":";
                    if (p.odataId.key < 0)
                        ident += p.odataId.id;
                    for (const auto &v : p.odataId.keyValues)
                        ident += keyComponent(v) + "\x1f";
                } else if (!p.bodyId.empty()) {
                    ident = "-1:" + p.bodyId;
                }
                if (!ident.empty() && !seen.insert(ident).second)
                    // UNCONFIRMED code: MS S4 says UpsertMultiple returns an error for duplicates.
                    fail(400, "0x80040203",
                         "Targets[" + std::to_string(i) +
                             "] duplicates an earlier record of this UpsertMultiple request; each record may "
                             "appear "
                             "only once.");
            } else if (!p.bodyId.empty() && !seen.insert(p.bodyId).second) {
                fail(412, "0x80040237", "A record with matching key values already exists.");
            }
            records.push_back(std::move(p));
            requestIndex.push_back(i);
        } catch (const ApiError &err) {
            throw withIndex(i, err);
        }
    };
    // Fast path: scan the body straight into flat records (no DOM); anything unusual falls back to
    // the DOM parse, which also produces the precise error.
    if (!TargetsScanner(req.body).scan(processRecord)) {
        records.clear();
        seen.clear();
        requestIndex.clear();
        index = 0;
        json body = parseBody(req, e);
        if (!body.is_object() || !body.contains("Targets") || !body["Targets"].is_array())
            fail(400, "0x80048d19",
                 "Error identified in Payload provided by the user for Entity :'" + e.entitySetName +
                     "' ----> InnerException : Microsoft.OData.ODataException: The parameter 'Targets' is "
                     "missing or is not an array of entities.");
        const json &arr = body["Targets"];
        for (size_t i = 0; i < arr.size(); ++i) {
            if (!arr[i].is_object())
                fail(400, "0x80048d19", "Targets[" + std::to_string(i) + "] is not an entity object.");
            FlatRecord rec;
            for (auto it = arr[i].begin(); it != arr[i].end(); ++it)
                rec.emplace_back(it.key(), it.value());
            processRecord(rec);
        }
    }
    ctx.cost->operations = std::max(ctx.cost->operations, 1);
    std::vector<std::string> ids;
    ids.reserve(records.size());
    inTransaction(ctx, [&] {
        for (size_t r = 0; r < records.size(); ++r) {
            try {
                resolveBinds(records[r], e.index);
            } catch (const ApiError &err) {
                throw withIndex(requestIndex[r], err);
            }
        }
        TableLock lock(*this, e.index, true);
        for (size_t r = 0; r < records.size(); ++r) {
            bool created = false;
            try {
                WriteMode mode = action == "CreateMultiple"   ? WriteMode::Create
                                 : action == "UpdateMultiple" ? WriteMode::Update
                                                              : WriteMode::Upsert;
                ids.push_back(applyRecord(ctx, e, mode, nullptr, records[r], {}, created));
            } catch (const ApiError &err) {
                throw withIndex(requestIndex[r], err);
            }
        }
        return 0;
    });
    if (action == "CreateMultiple")
        return jsonResponse(
            200,
            json{{"@odata.context",
                  ctx.serviceRoot + "$metadata#Microsoft.Dynamics.CRM.CreateMultipleResponse"},
                 {"Ids", ids}},
            ctx);
    return noContent();
}

} // namespace ferry::emu
