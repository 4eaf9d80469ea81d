// Data endpoints of the emulator: CRUD, alternate keys, collections, bulk messages, $ref.
#include "ServiceImpl.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ferry::emu {

using json = nlohmann::json;

namespace {

const char *kBadKeyChars = "/<>*%&:\\?+";

std::string payloadPrefix(const Entity &e)
{
    return "Error identified in Payload provided by the user for Entity :'" + e.entitySetName +
           "', For more information on this error please follow this help link "
           "https://go.microsoft.com/fwlink/?linkid=2195293  ----> InnerException : "
           "Microsoft.OData.ODataException: ";
}

std::string valueText(const json &v)
{
    return v.is_string() ? v.get<std::string>() : v.dump();
}

size_t utf8Length(const std::string &s)
{
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80)
            ++n;
    return n;
}

std::string numText(double d)
{
    if (std::floor(d) == d && std::fabs(d) < 9e15)
        return std::to_string(static_cast<long long>(d));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", d);
    return buf;
}

int daysIn(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

// ISO 8601 date or date-time to canonical UTC text; empty when not valid.
std::string normalizeDateTime(const std::string &s, bool dateOnly)
{
    // Fast path for the canonical forms Ferry sends: "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SSZ".
    auto dig = [&](size_t i, size_t n) {
        int v = 0;
        for (size_t k = i; k < i + n; ++k) {
            if (!std::isdigit(static_cast<unsigned char>(s[k])))
                return -1;
            v = v * 10 + (s[k] - '0');
        }
        return v;
    };
    if ((s.size() == 10 ||
         (s.size() == 20 && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z')) &&
        s[4] == '-' && s[7] == '-') {
        int yy = dig(0, 4), mm = dig(5, 2), dd = dig(8, 2);
        bool ok = yy >= 0 && mm >= 1 && mm <= 12 && dd >= 1 && dd <= daysIn(yy, mm);
        if (ok && s.size() == 20) {
            int hh = dig(11, 2), mi2 = dig(14, 2), ss = dig(17, 2);
            ok = hh >= 0 && hh <= 23 && mi2 >= 0 && mi2 <= 59 && ss >= 0 && ss <= 59;
        }
        if (ok && (s.size() == 20) == !dateOnly)
            return s;
        if (!ok)
            return {};
    }
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (s.size() < 10 || s[4] != '-' || s[7] != '-' ||
        std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &mo, &d) != 3)
        return {};
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo))
        return {};
    size_t p = 10;
    int offsetMin = 0;
    if (p < s.size()) {
        if ((s[p] != 'T' && s[p] != ' ') || s.size() < p + 6 ||
            std::sscanf(s.c_str() + p + 1, "%2d:%2d", &h, &mi) != 2)
            return {};
        p += 6;
        if (p < s.size() && s[p] == ':') {
            if (std::sscanf(s.c_str() + p + 1, "%2d", &se) != 1)
                return {};
            p += 3;
            if (p < s.size() && s[p] == '.') {
                ++p;
                while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p])))
                    ++p;
            }
        }
        if (h > 23 || mi > 59 || se > 59)
            return {};
        if (p < s.size()) {
            if (s[p] == 'Z' && p + 1 == s.size()) {
            } else if ((s[p] == '+' || s[p] == '-') && s.size() - p == 6) {
                int oh = 0, om = 0;
                if (std::sscanf(s.c_str() + p + 1, "%2d:%2d", &oh, &om) != 2)
                    return {};
                offsetMin = (s[p] == '+' ? 1 : -1) * (oh * 60 + om);
            } else {
                return {};
            }
        }
    }
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = se;
    time_t t = timegm(&tm) - static_cast<time_t>(offsetMin) * 60;
    std::tm out{};
    gmtime_r(&t, &out);
    char buf[32];
    std::strftime(buf, sizeof buf, dateOnly ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ", &out);
    return buf;
}

[[noreturn]] void notFound(const Entity &e, const RecordRef &ref)
{
    if (ref.key < 0)
        fail(404, "0x80040217", e.logicalName + " With Id = " + ref.id + " Does Not Exist");
    fail(404, "0x80060891",
         "A record with the specified key values does not exist in " + e.logicalName + " entity");
}

void addPerTable(CostInfo &cost, const std::string &table, int n)
{
    for (auto &p : cost.recordsPerTable)
        if (p.first == table) {
            p.second += n;
            return;
        }
    cost.recordsPerTable.emplace_back(table, n);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// references and keys

RecordRef Service::Impl::parseRecordRef(const Entity &e, const std::string &keyText, bool) const
{
    RecordRef ref;
    ref.entity = e.index;
    ref.keyText = keyText;
    std::vector<KeyPart> parts;
    std::string err;
    const std::string invalid =
        "The key in the request URI is not valid for resource 'Microsoft.Dynamics.CRM." + e.logicalName +
        "'. Ensure that the names and number of key properties match the declared or alternate key "
        "properties for "
        "the resource 'Microsoft.Dynamics.CRM." +
        e.logicalName + "'.";
    // UNCONFIRMED: status/code of an invalid key; 400 with the ODataException code 0x80060888.
    if (!parseKeyPredicate(keyText, parts, err) || parts.empty())
        fail(400, "0x80060888", invalid);
    if (parts.size() == 1 && (parts[0].name.empty() || parts[0].name == e.primaryId)) {
        if (!parts[0].isGuid)
            fail(400, "0x80060888", invalid);
        ref.id = parts[0].value.get<std::string>();
        return ref;
    }
    for (const auto &p : parts)
        if (p.name.empty())
            fail(400, "0x80060888", invalid);
    for (size_t k = 0; k < e.keys.size(); ++k) {
        const EntityKey &key = e.keys[k];
        if (key.attrs.size() != parts.size())
            continue;
        std::vector<json> values(key.attrs.size());
        bool all = true;
        for (size_t i = 0; i < key.attrs.size() && all; ++i) {
            const Attribute &a = e.attrs[static_cast<size_t>(key.attrs[i])];
            const std::string &want = a.kind == AttrKind::Lookup ? a.lookupValueName : a.logicalName;
            bool found = false;
            for (const auto &p : parts)
                if (p.name == want) {
                    values[i] = p.value;
                    found = true;
                }
            all = found;
        }
        if (!all)
            continue;
        if (!key.active)
            fail(400, "0x80060888",
                 "The entity key " + key.schemaName + " of '" + e.logicalName +
                     "' is not active (its index is not built).");
        for (size_t i = 0; i < values.size(); ++i) {
            if (!values[i].is_string())
                continue;
            const std::string s = values[i].get<std::string>();
            auto bad = s.find_first_of(kBadKeyChars);
            if (bad != std::string::npos)
                // UNCONFIRMED: the real failure mode is unspecified (MS S11 only says these characters break
                // key-based requests); the emulator answers 400 naming the column and the character.
                fail(400, "0x80040203",
                     "The alternate key value '" + s + "' of column '" +
                         e.attrs[static_cast<size_t>(key.attrs[i])].logicalName + "' of table '" +
                         e.logicalName + "' contains the character '" + s[bad] +
                         "', which cannot be used in an alternate key in a URL (/ < > * % & : \\ ? +).");
        }
        ref.key = static_cast<int>(k);
        ref.keyValues = std::move(values);
        return ref;
    }
    fail(400, "0x80060888", invalid);
}

RecordRef Service::Impl::parseRecordUrl(const std::string &urlIn, const Ctx &ctx) const
{
    std::string url = urlIn;
    if (!url.empty() && url[0] == '$') {
        if (!ctx.contentIds || !ctx.contentIds->count(url))
            fail(400, "0x80060888",
                 "Content-ID Reference: '" + url + "' does not exist in the batch context.");
        url = ctx.contentIds->at(url);
    }
    auto api = url.find("/api/data/v9.");
    if (api != std::string::npos) {
        auto slash = url.find('/', api + 12);
        url = slash == std::string::npos ? std::string() : url.substr(slash + 1);
    } else {
        while (!url.empty() && url[0] == '/')
            url.erase(0, 1);
    }
    auto paren = url.find('(');
    if (paren == std::string::npos || url.back() != ')')
        fail(400, "0x80048d19",
             "The URI '" + urlIn + "' does not address a single record (expected set(key)).");
    std::string set = url.substr(0, paren);
    const Entity *te = model.entitySet(set);
    if (!te)
        fail(400, "0x80048d19",
             "The URI '" + urlIn + "' is not valid: entity set '" + set + "' does not exist.");
    return parseRecordRef(*te, percentDecode(url.substr(paren + 1, url.size() - paren - 2)));
}

std::string Service::Impl::resolveRef(const RecordRef &ref) const
{
    const Table &t = *tables[static_cast<size_t>(ref.entity)];
    if (ref.key < 0)
        return t.rows.count(ref.id) ? ref.id : std::string();
    std::string composite;
    for (const auto &v : ref.keyValues) {
        if (!composite.empty())
            composite.push_back('\x1f');
        composite += keyComponent(v);
    }
    auto it = t.keys[static_cast<size_t>(ref.key)].find(composite);
    return it == t.keys[static_cast<size_t>(ref.key)].end() ? std::string() : it->second;
}

// ---------------------------------------------------------------------------------------------
// validation of a record body

Prepared Service::Impl::prepare(const Entity &e, const json &body, const Ctx &ctx) const
{
    if (!body.is_object())
        fail(400, "0x80048d19", payloadPrefix(e) + "The request body must be a JSON object.");
    FlatRecord rec;
    rec.reserve(body.size());
    for (auto it = body.begin(); it != body.end(); ++it)
        rec.emplace_back(it.key(), it.value());
    return prepare(e, rec, ctx);
}

Prepared Service::Impl::prepare(const Entity &e, FlatRecord &rec, const Ctx &ctx) const
{
    Prepared p;
    p.values.reserve(rec.size());
    for (auto &item : rec) {
        const std::string &k = item.first;
        json &v = item.second;
        auto at = k.find('@');
        if (at != std::string::npos) {
            if (at == 0) {
                if (k == "@odata.id") {
                    if (!v.is_string())
                        fail(400, "0x80048d19", payloadPrefix(e) + "'@odata.id' must be a string.");
                    p.odataId = parseRecordUrl(v.get<std::string>(), ctx);
                    if (p.odataId.entity != e.index)
                        fail(400, "0x80048d19",
                             payloadPrefix(e) + "'@odata.id' " + v.get<std::string>() +
                                 " does not address a '" + e.logicalName + "' record.");
                    p.hasOdataId = true;
                } else if (k == "@odata.type") {
                    std::string t = v.is_string() ? v.get<std::string>() : std::string();
                    if (!t.empty() && t[0] == '#')
                        t.erase(0, 1);
                    if (t != "Microsoft.Dynamics.CRM." + e.logicalName)
                        fail(400, "0x80048d19",
                             payloadPrefix(e) + "A type named '" + t +
                                 "' could not be resolved by the model; expected 'Microsoft.Dynamics.CRM." +
                                 e.logicalName + "'.");
                }
                continue;
            }
            if (k.compare(at, std::string::npos, "@odata.bind") != 0)
                continue; // instance annotations such as FormattedValue are ignored
            std::string nav = k.substr(0, at);
            auto sn = e.singleNavs.find(nav);
            if (sn == e.singleNavs.end())
                fail(400, "0x80048d19",
                     payloadPrefix(e) + "An undeclared property '" + nav +
                         "' which only has property annotations in the payload but no property value was "
                         "found in the "
                         "payload. In OData, only declared navigation properties and declared named streams "
                         "can be "
                         "represented as properties without values.");
            Prepared::Bind b;
            b.attr = sn->second.attr;
            b.nav = nav;
            if (v.is_null()) {
                b.clear = true;
            } else {
                if (!v.is_string())
                    fail(400, "0x80048d19",
                         payloadPrefix(e) + "The value of '" + k + "' must be a URI string.");
                b.ref = parseRecordUrl(v.get<std::string>(), ctx);
                b.target = b.ref.entity;
                const auto &targets = sn->second.targets;
                if (!targets.empty() && std::find(targets.begin(), targets.end(), b.target) == targets.end())
                    fail(400, "0x80048d19",
                         payloadPrefix(e) + "The navigation property '" + nav + "' cannot reference a '" +
                             model.entities[static_cast<size_t>(b.target)].logicalName + "' record (" +
                             v.get<std::string>() + ").");
            }
            p.binds.push_back(std::move(b));
            ++p.columns;
            continue;
        }
        auto ai = e.attrByName.find(k);
        const Attribute *a = ai == e.attrByName.end() ? nullptr : &e.attrs[static_cast<size_t>(ai->second)];
        if (!a || (a->kind == AttrKind::Lookup && k != a->logicalName)) {
            fail(400, "0x80048d19",
                 payloadPrefix(e) + "The property '" + k +
                     "' does not exist on type 'Microsoft.Dynamics.CRM." + e.logicalName +
                     "'. Make sure to only use property names that are defined by the type or mark the type "
                     "as open "
                     "type.");
        }
        ++p.columns;
        if (a->ordinal == e.primaryIdOrd) {
            if (v.is_null())
                continue;
            if (!v.is_string() || !isGuid(v.get<std::string>()))
                fail(400, "0x80048d19",
                     payloadPrefix(e) + "Cannot convert the literal '" + valueText(v) +
                         "' to the expected type 'Edm.Guid' for the property '" + k + "'.");
            p.bodyId = lowerAscii(v.get<std::string>());
            continue;
        }
        if (v.is_null()) {
            if (a->kind == AttrKind::Lookup) {
                Prepared::Bind b;
                b.attr = a->ordinal;
                b.clear = true;
                p.binds.push_back(std::move(b));
            } else {
                p.values.emplace_back(a->ordinal, nullptr);
            }
            continue;
        }
        auto convErr = [&]() {
            fail(400, "0x80048d19",
                 payloadPrefix(e) + "Cannot convert the literal '" + valueText(v) +
                     "' to the expected type '" + edmTypeOf(a->kind) + "' for the property '" +
                     a->logicalName + "'.");
        };
        auto rangeErr = [&](const std::string &accepted) {
            // UNCONFIRMED code: 0x8004431A for values outside the valid range / option set.
            fail(400, "0x8004431A",
                 "A validation error occurred.  The value " + valueText(v) + " of '" + a->logicalName +
                     "' on record of type '" + e.logicalName +
                     "' is outside the valid range. Accepted Values: " + accepted);
        };
        switch (a->kind) {
        case AttrKind::String:
        case AttrKind::Memo: {
            if (!v.is_string())
                convErr();
            if (a->maxLength > 0 &&
                utf8Length(v.get_ref<const std::string &>()) > static_cast<size_t>(a->maxLength))
                fail(400, "0x80044331",
                     "A validation error occurred.  The length of the '" + a->logicalName +
                         "' attribute of the '" + e.logicalName +
                         "' entity exceeded the maximum allowed length of '" + std::to_string(a->maxLength) +
                         "'.");
            p.values.emplace_back(a->ordinal, std::move(v));
            break;
        }
        case AttrKind::Integer:
        case AttrKind::BigInt: {
            json iv = v;
            if (v.is_number_float()) {
                double dv = v.get<double>();
                if (std::floor(dv) != dv)
                    convErr();
                iv = static_cast<long long>(dv);
            } else if (!v.is_number_integer()) {
                convErr();
            }
            if (a->kind == AttrKind::Integer) {
                double dv = iv.get<double>();
                if ((a->hasMin && dv < a->minValue) || (a->hasMax && dv > a->maxValue))
                    rangeErr(numText(a->minValue) + " to " + numText(a->maxValue));
            }
            p.values.emplace_back(a->ordinal, std::move(iv));
            break;
        }
        case AttrKind::Decimal:
        case AttrKind::Double:
        case AttrKind::Money: {
            if (!v.is_number())
                convErr();
            double dv = v.get<double>();
            if ((a->hasMin && dv < a->minValue) || (a->hasMax && dv > a->maxValue))
                rangeErr(numText(a->minValue) + " to " + numText(a->maxValue));
            p.values.emplace_back(a->ordinal, v);
            break;
        }
        case AttrKind::Boolean:
            if (!v.is_boolean())
                convErr();
            p.values.emplace_back(a->ordinal, v);
            break;
        case AttrKind::DateTime: {
            if (!v.is_string())
                convErr();
            std::string n = normalizeDateTime(v.get<std::string>(), a->dateOnly);
            if (n.empty())
                convErr();
            if (n < "1753-01-01")
                // UNCONFIRMED code for dates before the SQL datetime range.
                fail(400, "0x80044331",
                     "A validation error occurred.  The value " + v.get<std::string>() + " of '" +
                         a->logicalName + "' on record of type '" + e.logicalName +
                         "' is outside the supported range (1753-01-01 to 9999-12-31).");
            p.values.emplace_back(a->ordinal, std::move(n));
            break;
        }
        case AttrKind::Picklist:
        case AttrKind::State:
        case AttrKind::Status: {
            if (!v.is_number_integer())
                convErr();
            int iv = v.get<int>();
            if (!a->optionValues.empty() && !a->optionValues.count(iv)) {
                std::string acc;
                for (const auto &o : a->options) {
                    acc += acc.empty() ? "" : ",";
                    acc += std::to_string(o.first);
                }
                rangeErr(acc);
            }
            p.values.emplace_back(a->ordinal, v);
            break;
        }
        case AttrKind::MultiPicklist: {
            if (!v.is_string())
                convErr();
            std::string s = v.get<std::string>();
            for (const auto &part : splitTopLevel(s, ',')) {
                char *end = nullptr;
                long iv = std::strtol(part.c_str(), &end, 10);
                if (part.empty() || !end || *end)
                    convErr();
                if (!a->optionValues.empty() && !a->optionValues.count(static_cast<int>(iv))) {
                    std::string acc;
                    for (const auto &o : a->options) {
                        acc += acc.empty() ? "" : ",";
                        acc += std::to_string(o.first);
                    }
                    rangeErr(acc);
                }
            }
            p.values.emplace_back(a->ordinal, v);
            break;
        }
        case AttrKind::Guid:
            if (!v.is_string() || !isGuid(v.get<std::string>()))
                convErr();
            p.values.emplace_back(a->ordinal, lowerAscii(v.get<std::string>()));
            break;
        case AttrKind::Lookup:
            // Lookups are written through <nav>@odata.bind; a plain value is not a declared property.
            fail(400, "0x80048d19",
                 payloadPrefix(e) + "The property '" + k +
                     "' does not exist on type 'Microsoft.Dynamics.CRM." + e.logicalName +
                     "'. Make sure to only use property names that are defined by the type or mark "
                     "the type as open type.");
        case AttrKind::Other:
            p.values.emplace_back(a->ordinal, v);
            break;
        }
    }
    return p;
}

void Service::Impl::resolveBinds(Prepared &p, int heldEntity)
{
    for (auto &b : p.binds) {
        if (b.clear || b.ref.entity == heldEntity)
            continue;
        TableLock lock(*this, b.ref.entity, false);
        std::string id = resolveRef(b.ref);
        if (id.empty())
            notFound(model.entities[static_cast<size_t>(b.ref.entity)], b.ref);
        b.ref.id = id;
        b.ref.key = -1;
    }
}

// ---------------------------------------------------------------------------------------------
// the write path (caller holds the table's exclusive lock)

std::string Service::Impl::applyRecord(Ctx &ctx, const Entity &e, WriteMode mode, const RecordRef *target,
                                       Prepared &p, const std::string &ifMatch, bool &createdOut)
{
    Table &t = *tables[static_cast<size_t>(e.index)];
    const RecordRef *ref = target ? target : (p.hasOdataId ? &p.odataId : nullptr);
    std::string id;
    if (ref)
        id = resolveRef(*ref);
    else if (!p.bodyId.empty())
        id = p.bodyId;
    auto existingIt = id.empty() ? t.rows.end() : t.rows.find(id);
    Row *existing = existingIt == t.rows.end() ? nullptr : &existingIt->second;
    if (!existing && ref && ref->key < 0)
        id = ref->id; // upsert by a primary key that does not exist yet creates that id
    if (!existing && ref && ref->key >= 0)
        id = p.bodyId; // upsert by alternate key: a body id (if any) names the new row

    switch (mode) {
    case WriteMode::Create:
        if (existing)
            fail(412, "0x80040237", "A record with matching key values already exists.");
        break;
    case WriteMode::Update:
        if (!existing) {
            if (ref)
                notFound(e, *ref);
            RecordRef r;
            r.id = id;
            notFound(e, r);
        }
        break;
    case WriteMode::CreateOnly:
        // UNCONFIRMED code: MS shows an empty code; DuplicateRecord is the natural candidate.
        if (existing)
            fail(412, "0x80040237", "A record with matching key values already exists.");
        break;
    case WriteMode::Upsert:
        break;
    }
    if (ifMatch.size() > 2 && ifMatch.compare(0, 2, "W/") == 0) {
        if (!existing) {
            RecordRef r = ref ? *ref : RecordRef{};
            if (!ref)
                r.id = id;
            notFound(e, r);
        }
        std::string want = "W/\"" + std::to_string(existing->version) + "\"";
        if (ifMatch != want)
            fail(412, "0x80060882",
                 "The version of the existing record doesn't match the RowVersion property provided.");
    }

    const bool creating = existing == nullptr;
    if (creating && id.empty())
        id = newGuid();
    const EntityKey *urlKey = ref && ref->key >= 0 ? &e.keys[static_cast<size_t>(ref->key)] : nullptr;
    auto isUrlKeyAttr = [&](int ord) {
        return urlKey && std::find(urlKey->attrs.begin(), urlKey->attrs.end(), ord) != urlKey->attrs.end();
    };

    // The changes, as (ordinal, value) and lookup targets (ordinal, entity or -1).
    // Scratch vectors reused across records of this thread: no per-record allocation on the hot path.
    thread_local std::vector<std::pair<int, json>> changes;
    thread_local std::vector<std::pair<int, int>> targetChanges;
    changes.clear();
    targetChanges.clear();
    for (auto &[ord, val] : p.values) {
        const Attribute &a = e.attrs[static_cast<size_t>(ord)];
        if ((creating && !a.validForCreate) || (!creating && !a.validForUpdate))
            continue; // documented: such values are ignored
        if (!creating && isUrlKeyAttr(ord))
            continue; // you cannot change a key while using it to address the row
        changes.emplace_back(ord, std::move(val));
    }
    for (auto &b : p.binds) {
        if (b.clear) {
            changes.emplace_back(b.attr, nullptr);
            targetChanges.emplace_back(b.attr, -1);
            continue;
        }
        if (b.ref.entity == e.index && (b.ref.key >= 0 || !b.ref.id.empty())) {
            std::string rid = resolveRef(b.ref);
            if (rid.empty() && !(b.ref.key < 0 && b.ref.id == id))
                notFound(e, b.ref);
            if (rid.empty())
                rid = id;
            b.ref.id = rid;
            b.ref.key = -1;
        }
        changes.emplace_back(b.attr, b.ref.id);
        targetChanges.emplace_back(b.attr, b.target);
    }
    // Computed full name (contact, systemuser, lead): "firstname lastname", kept current on every write.
    const auto &np = nameParts[static_cast<size_t>(e.index)];
    if (np[0] >= 0) {
        bool touched = creating;
        for (const auto &c : changes)
            touched = touched || c.first == np[1] || c.first == np[2];
        if (touched) {
            auto current = [&](int ord) -> std::string {
                for (auto it = changes.rbegin(); it != changes.rend(); ++it)
                    if (it->first == ord)
                        return it->second.is_string() ? it->second.get<std::string>() : std::string();
                if (existing && existing->cells[static_cast<size_t>(ord)].is_string())
                    return existing->cells[static_cast<size_t>(ord)].get<std::string>();
                return {};
            };
            std::string first = current(np[1]), last = current(np[2]);
            std::string full = first.empty() ? last : (last.empty() ? first : first + " " + last);
            changes.emplace_back(np[0], full.empty() ? json() : json(full));
        }
    }
    const int64_t version = ++versionCounter;
    if (e.modifiedOn >= 0)
        changes.emplace_back(e.modifiedOn, ctx.now);
    if (e.modifiedBy >= 0) {
        changes.emplace_back(e.modifiedBy, ctx.callerId);
        targetChanges.emplace_back(e.modifiedBy, systemUserEntity);
    }
    if (e.versionNumber >= 0)
        changes.emplace_back(e.versionNumber, version);

    if (creating) {
        Row row;
        row.cells.assign(e.attrs.size(), json());
        row.cells[static_cast<size_t>(e.primaryIdOrd)] = id;
        auto setUser = [&](int ord) {
            if (ord < 0)
                return;
            row.cells[static_cast<size_t>(ord)] = ctx.callerId;
            row.setLookupTarget(ord, systemUserEntity);
        };
        setUser(e.ownerId);
        setUser(e.createdBy);
        if (e.createdOn >= 0)
            row.cells[static_cast<size_t>(e.createdOn)] = ctx.now;
        if (e.stateCode >= 0)
            row.cells[static_cast<size_t>(e.stateCode)] = 0;
        if (e.statusCode >= 0)
            row.cells[static_cast<size_t>(e.statusCode)] = defaultStatus[static_cast<size_t>(e.index)];
        for (auto &[ord, val] : changes)
            row.cells[static_cast<size_t>(ord)] = std::move(val);
        for (const auto &[ord, ent] : targetChanges)
            row.setLookupTarget(ord, ent);
        if (urlKey) {
            for (size_t i = 0; i < urlKey->attrs.size(); ++i) {
                int ord = urlKey->attrs[i];
                if (!row.cells[static_cast<size_t>(ord)].is_null())
                    continue; // body values win over URL values
                const Attribute &a = e.attrs[static_cast<size_t>(ord)];
                json v = ref->keyValues[i];
                if (a.kind == AttrKind::Lookup) {
                    const Entity *te = a.targets.empty() ? nullptr : model.entity(a.targets[0]);
                    row.setLookupTarget(ord, te ? te->index : -1);
                } else if (a.kind == AttrKind::DateTime && v.is_string()) {
                    std::string n = normalizeDateTime(v.get<std::string>(), a.dateOnly);
                    if (!n.empty())
                        v = n;
                }
                row.cells[static_cast<size_t>(ord)] = v;
            }
        }
        for (const auto &a : e.attrs) {
            if (!a.systemRequired || !a.validForCreate || a.ordinal == e.primaryIdOrd ||
                !row.cells[static_cast<size_t>(a.ordinal)].is_null())
                continue;
            // UNCONFIRMED code/message: the Web API's exact answer for a missing SystemRequired column.
            fail(400, "0x80040200",
                 "The '" + a.logicalName + "' attribute of the '" + e.logicalName +
                     "' entity is required (SystemRequired) but no value was provided.");
        }
        row.version = version;
        auto cell = [&](int ord) -> const json & { return row.cells[static_cast<size_t>(ord)]; };
        checkRow(ctx, e, t, id, cell);
        auto &stored = t.rows.emplace(id, std::move(row)).first->second;
        indexKeys(e, t, id, stored);
        ++ctx.undo->created;
        ctx.undo->rows.push_back({e.index, id, std::nullopt});
    } else {
        // Update in place: only the changed cells are swapped, and their old values go to the undo log.
        auto cell = [&](int ord) -> const json & {
            for (auto it = changes.rbegin(); it != changes.rend(); ++it)
                if (it->first == ord)
                    return it->second;
            return existing->cells[static_cast<size_t>(ord)];
        };
        checkRow(ctx, e, t, id, cell);
        bool keyChange = false;
        for (const auto &k : e.keys)
            for (int ord : k.attrs)
                for (const auto &c : changes)
                    keyChange = keyChange || c.first == ord;
        if (keyChange)
            unindexKeys(e, t, id, *existing);
        UndoLog::RowUndo undo{e.index, id, std::nullopt};
        undo.inPlace = true;
        undo.oldVersion = existing->version;
        if (!targetChanges.empty()) {
            undo.oldTargets = existing->lookupTargets;
            undo.hasOldTargets = true;
        }
        undo.cellsBegin = ctx.undo->cells.size();
        for (auto &[ord, val] : changes) {
            std::swap(existing->cells[static_cast<size_t>(ord)], val);
            ctx.undo->cells.emplace_back(ord, std::move(val));
        }
        undo.cellsEnd = ctx.undo->cells.size();
        for (const auto &[ord, ent] : targetChanges)
            existing->setLookupTarget(ord, ent);
        existing->version = version;
        if (keyChange)
            indexKeys(e, t, id, *existing);
        ++ctx.undo->updated;
        ctx.undo->rows.push_back(std::move(undo));
    }
    if (persist)
        t.dirty.insert(id);
    ctx.cost->recordsWritten += 1;
    ctx.cost->columnsWritten += p.columns;
    if (pluginTable[static_cast<size_t>(e.index)] && !ctx.bypassPlugins)
        ctx.cost->pluginRecords += 1;
    addPerTable(*ctx.cost, e.logicalName, 1);
    createdOut = creating;
    return id;
}

void Service::Impl::deleteCascade(Ctx &ctx, const Entity &e, const std::string &id,
                                  std::vector<std::pair<int, std::string>> &visited)
{
    for (const auto &v : visited)
        if (v.first == e.index && v.second == id)
            return; // a cycle of cascading relationships
    visited.emplace_back(e.index, id);
    for (const auto &rule : deleteRules[static_cast<size_t>(e.index)]) {
        if (rule.kind == DeleteRule::None)
            continue;
        const Entity &ce = model.entities[static_cast<size_t>(rule.child)];
        std::vector<std::string> children;
        {
            TableLock lock(*this, rule.child, false);
            for (const auto &[cid, row] : tables[static_cast<size_t>(rule.child)]->rows) {
                const json &c = row.cells[static_cast<size_t>(rule.attr)];
                if (c.is_string() && c.get_ref<const std::string &>() == id &&
                    row.lookupTarget(rule.attr) == e.index)
                    children.push_back(cid);
            }
        }
        if (children.empty())
            continue;
        if (rule.kind == DeleteRule::Restrict)
            // UNCONFIRMED code: MS S7 maps CannotDeleteDueToAssociation to 405; the hex code is not
            // documented.
            fail(405, "0x80040227",
                 "The " + e.logicalName + " record cannot be deleted because it is associated with " +
                     std::to_string(children.size()) + " " + ce.logicalName +
                     " record(s) through the relationship " + rule.schemaName + " (Delete: Restrict).");
        for (const auto &cid : children) {
            if (rule.kind == DeleteRule::Cascade) {
                deleteCascade(ctx, ce, cid, visited);
                continue;
            }
            Prepared p;
            Prepared::Bind b;
            b.attr = rule.attr;
            b.clear = true;
            p.binds.push_back(b);
            RecordRef r;
            r.entity = ce.index;
            r.id = cid;
            bool created = false;
            TableLock lock(*this, ce.index, true);
            if (tables[static_cast<size_t>(ce.index)]->rows.count(cid))
                applyRecord(ctx, ce, WriteMode::Update, &r, p, {}, created);
        }
    }
    for (size_t m = 0; m < model.manyToMany.size(); ++m) {
        const auto &rel = model.manyToMany[m];
        if (rel.e1 != e.index && rel.e2 != e.index)
            continue;
        auto &st = *m2m[m];
        std::lock_guard lock(st.mu);
        for (auto it = st.pairs.begin(); it != st.pairs.end();) {
            if ((rel.e1 == e.index && it->first == id) || (rel.e2 == e.index && it->second == id)) {
                ctx.undo->assocs.push_back({static_cast<int>(m), *it, false});
                it = st.pairs.erase(it);
                st.dirty = true;
            } else {
                ++it;
            }
        }
    }
    TableLock lock(*this, e.index, true);
    if (tables[static_cast<size_t>(e.index)]->rows.count(id))
        deleteRecord(ctx, e, id);
}

// Plug-in failure rules and alternate-key uniqueness, on the row as it would be after the write.
void Service::Impl::checkRow(const Ctx &ctx, const Entity &e, const Table &t, const std::string &id,
                             const std::function<const json &(int)> &cell) const
{
    if (!ctx.bypassPlugins) {
        for (const auto &rule : options.pluginFailures) {
            if (rule.table != e.logicalName)
                continue;
            const Attribute *a = e.attr(rule.column);
            if (!a)
                continue;
            const json &c = cell(a->ordinal);
            if (c.is_null())
                continue;
            std::string s = valueText(c);
            if ((!rule.equals.empty() && s == rule.equals) ||
                (!rule.contains.empty() && s.find(rule.contains) != std::string::npos))
                fail(400, "0x80040265", rule.message);
        }
    }
    for (size_t k = 0; k < e.keys.size(); ++k) {
        std::string composite;
        bool complete = true;
        for (int ord : e.keys[k].attrs) {
            const json &c = cell(ord);
            if (c.is_null()) {
                complete = false;
                break;
            }
            if (!composite.empty())
                composite.push_back('\x1f');
            composite += keyComponent(c);
        }
        if (!complete)
            continue;
        auto it = t.keys[k].find(composite);
        if (it != t.keys[k].end() && it->second != id) {
            std::string values, cols;
            for (int ord : e.keys[k].attrs) {
                values += values.empty() ? "" : ",";
                values += valueText(cell(ord));
                cols += cols.empty() ? "" : ",";
                cols += e.attrs[static_cast<size_t>(ord)].logicalName;
            }
            fail(412, "0x80040237",
                 "A record that has the attribute values " + values + " already exists. The entity key " +
                     e.keys[k].schemaName +
                     " requires that this set of attributes contains unique values. Select unique values and "
                     "try again. (attributes: " +
                     cols + ")");
        }
    }
}

void Service::Impl::deleteRecord(Ctx &ctx, const Entity &e, const std::string &id)
{
    Table &t = *tables[static_cast<size_t>(e.index)];
    auto it = t.rows.find(id);
    unindexKeys(e, t, id, it->second);
    ctx.undo->rows.push_back({e.index, id, std::move(it->second)});
    t.rows.erase(it);
    ++ctx.undo->deleted;
    if (persist)
        t.dirty.insert(id);
    ctx.cost->recordsWritten += 1;
    addPerTable(*ctx.cost, e.logicalName, 1);
}

// ---------------------------------------------------------------------------------------------
// reading

std::string Service::Impl::primaryNameOf(int entity, const std::string &id) const
{
    const Entity &e = model.entities[static_cast<size_t>(entity)];
    if (e.primaryNameOrd < 0)
        return {};
    TableLock lock(const_cast<Impl &>(*this), entity, false);
    const Table &t = *tables[static_cast<size_t>(entity)];
    auto it = t.rows.find(id);
    if (it == t.rows.end())
        return {};
    const json &c = it->second.cells[static_cast<size_t>(e.primaryNameOrd)];
    return c.is_string() ? c.get<std::string>() : std::string();
}

std::string Service::Impl::formattedValue(const Attribute &a, const Row &row) const
{
    const json &c = row.cells[static_cast<size_t>(a.ordinal)];
    if (c.is_null())
        return {};
    switch (a.kind) {
    case AttrKind::Picklist:
    case AttrKind::State:
    case AttrKind::Status:
        for (const auto &o : a.options)
            if (c.is_number_integer() && o.first == c.get<int>())
                return o.second;
        return valueText(c);
    case AttrKind::Boolean:
        return a.options.size() == 2 ? a.options[c.get<bool>() ? 1 : 0].second
                                     : (c.get<bool>() ? "Yes" : "No");
    case AttrKind::Money: {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.2f", c.get<double>());
        return buf;
    }
    case AttrKind::Integer:
    case AttrKind::BigInt:
    case AttrKind::Decimal:
    case AttrKind::Double:
    case AttrKind::DateTime:
        return valueText(c);
    default:
        return {};
    }
}

std::vector<int> Service::Impl::parseSelect(const Entity &e, const std::string &select) const
{
    std::vector<int> out;
    for (auto name : splitTopLevel(select, ',')) {
        name = trim_copy(name);
        if (name.empty())
            continue;
        auto it = e.attrByName.find(name);
        const Attribute *a = it == e.attrByName.end() ? nullptr : &e.attrs[static_cast<size_t>(it->second)];
        if (!a || (a->kind == AttrKind::Lookup && name != a->lookupValueName))
            fail(400, "0x80060888",
                 "Could not find a property named '" + name + "' on type 'Microsoft.Dynamics.CRM." +
                     e.logicalName + "'.");
        out.push_back(a->ordinal);
    }
    return out;
}

json Service::Impl::renderRow(const Entity &e, const std::string &id, const Row &row,
                              const std::vector<int> *select, const std::vector<ExpandItem> &expand,
                              const Ctx &ctx) const
{
    json o = json::object();
    o["@odata.etag"] = "W/\"" + std::to_string(row.version) + "\"";
    auto emit = [&](const Attribute &a) {
        const json &c = row.cells[static_cast<size_t>(a.ordinal)];
        if (a.kind == AttrKind::Lookup) {
            o[a.lookupValueName] = c;
            if (ctx.annotations && !c.is_null()) {
                int te = row.lookupTarget(a.ordinal);
                if (te >= 0) {
                    o[a.lookupValueName + "@OData.Community.Display.V1.FormattedValue"] =
                        primaryNameOf(te, c.get<std::string>());
                    o[a.lookupValueName + "@Microsoft.Dynamics.CRM.associatednavigationproperty"] = [&] {
                        auto nit = e.navsOfAttr.find(a.ordinal);
                        if (nit == e.navsOfAttr.end() || nit->second.empty())
                            return a.logicalName;
                        for (const auto &n : nit->second) {
                            const auto &sn = e.singleNavs.at(n);
                            if (std::find(sn.targets.begin(), sn.targets.end(), te) != sn.targets.end())
                                return n;
                        }
                        return nit->second.front();
                    }();
                    o[a.lookupValueName + "@Microsoft.Dynamics.CRM.lookuplogicalname"] =
                        model.entities[static_cast<size_t>(te)].logicalName;
                }
            }
            return;
        }
        o[a.logicalName] = c;
        if (ctx.annotations && !c.is_null()) {
            std::string f = formattedValue(a, row);
            if (!f.empty())
                o[a.logicalName + "@OData.Community.Display.V1.FormattedValue"] = f;
        }
    };
    if (select && !select->empty()) {
        for (int ord : *select)
            emit(e.attrs[static_cast<size_t>(ord)]);
        if (std::find(select->begin(), select->end(), e.primaryIdOrd) == select->end())
            o[e.primaryId] = id;
    } else {
        for (const auto &a : e.attrs)
            if (a.validForRead || a.ordinal == e.primaryIdOrd)
                emit(a);
    }
    for (const auto &x : expand) {
        auto opts = parseQueryString(x.options, ';');
        auto sn = e.singleNavs.find(x.name);
        if (sn != e.singleNavs.end()) {
            const json &c = row.cells[static_cast<size_t>(sn->second.attr)];
            int te = row.lookupTarget(sn->second.attr);
            bool matches =
                !c.is_null() && te >= 0 &&
                (sn->second.targets.empty() || std::find(sn->second.targets.begin(), sn->second.targets.end(),
                                                         te) != sn->second.targets.end());
            if (!matches) {
                o[x.name] = nullptr;
                continue;
            }
            const Entity &tent = model.entities[static_cast<size_t>(te)];
            std::vector<int> sel =
                opts.count("$select") ? parseSelect(tent, opts["$select"]) : std::vector<int>{};
            TableLock lock(const_cast<Impl &>(*this), te, false);
            const Table &tt = *tables[static_cast<size_t>(te)];
            auto it = tt.rows.find(c.get<std::string>());
            o[x.name] =
                it == tt.rows.end() ? json(nullptr) : renderRow(tent, it->first, it->second, &sel, {}, ctx);
            continue;
        }
        auto cn = e.collectionNavs.find(x.name);
        if (cn == e.collectionNavs.end())
            fail(400, "0x80060888",
                 "Could not find a property named '" + x.name + "' on type 'Microsoft.Dynamics.CRM." +
                     e.logicalName + "'.");
        const Entity &oe = model.entities[static_cast<size_t>(cn->second.otherEntity)];
        std::vector<int> sel = opts.count("$select") ? parseSelect(oe, opts["$select"]) : std::vector<int>{};
        json arr = json::array();
        std::vector<std::string> ids;
        if (cn->second.manyToMany) {
            auto &s = *m2m[static_cast<size_t>(cn->second.relationship)];
            std::lock_guard lock(s.mu);
            for (const auto &pr : s.pairs)
                if ((cn->second.side == 1 ? pr.first : pr.second) == id)
                    ids.push_back(cn->second.side == 1 ? pr.second : pr.first);
        }
        TableLock lock(const_cast<Impl &>(*this), oe.index, false);
        const Table &ot = *tables[static_cast<size_t>(oe.index)];
        if (cn->second.manyToMany) {
            for (const auto &oid : ids) {
                auto it = ot.rows.find(oid);
                if (it != ot.rows.end())
                    arr.push_back(renderRow(oe, it->first, it->second, &sel, {}, ctx));
            }
        } else {
            for (const auto &[oid, orow] : ot.rows) {
                const json &c = orow.cells[static_cast<size_t>(cn->second.referencingAttr)];
                if (c.is_string() && c.get_ref<const std::string &>() == id &&
                    orow.lookupTarget(cn->second.referencingAttr) == e.index)
                    arr.push_back(renderRow(oe, oid, orow, &sel, {}, ctx));
                if (arr.size() >= 5000)
                    break;
            }
        }
        o[x.name] = std::move(arr);
    }
    return o;
}

} // namespace ferry::emu
