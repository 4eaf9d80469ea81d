#include "Service.h"

#include "Multipart.h"
#include "ODataQuery.h"
#include "OrgModel.h"
#include "ServiceImpl.h"
#include "Store.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>

namespace ferry::emu {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// small helpers

[[noreturn]] void fail(int status, const std::string &code, const std::string &message)
{
    throw ApiError(status, code, message);
}

std::string newGuid()
{
    thread_local std::mt19937_64 rng{
        std::random_device{}() ^
        static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())};
    uint64_t a = rng(), b = rng();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(0x4000 | (a & 0x0fff)),
                  static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffull));
    return buf;
}

std::string nowUtc()
{
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// ---------------------------------------------------------------------------------------------
// Impl: construction, persistence

Service::Service() : m_impl(std::make_unique<Impl>()) {}

Service::~Service()
{
    if (m_impl)
        m_impl->stopFlusher();
}

std::unique_ptr<Service> Service::create(const std::string &orgJsonPath, const ServiceOptions &options,
                                         std::string &error)
{
    std::unique_ptr<Service> s(new Service());
    Impl &d = *s->m_impl;
    if (!OrgModel::load(orgJsonPath, d.model, error))
        return nullptr;
    d.options = options;
    // Plug-in tables come from the command line (limits/faults files) and from the org file itself.
    for (const auto &t : d.model.pluginTables)
        if (std::find(d.options.pluginTables.begin(), d.options.pluginTables.end(), t) ==
            d.options.pluginTables.end())
            d.options.pluginTables.push_back(t);
    for (const auto &rule : options.pluginFailures) {
        const Entity *e = d.model.entity(rule.table);
        if (!e) {
            error = "plug-in failure rule: unknown table '" + rule.table + "'";
            return nullptr;
        }
        if (!e->attr(rule.column)) {
            error =
                "plug-in failure rule: unknown column '" + rule.column + "' of table '" + rule.table + "'";
            return nullptr;
        }
    }
    for (const auto &e : d.model.entities) {
        auto t = std::make_unique<Table>();
        t->keys.resize(e.keys.size());
        d.tables.push_back(std::move(t));
        d.pluginTable.push_back(std::find(d.options.pluginTables.begin(), d.options.pluginTables.end(),
                                          e.logicalName) != d.options.pluginTables.end());
    }
    for (size_t i = 0; i < d.model.manyToMany.size(); ++i)
        d.m2m.push_back(std::make_unique<ManyToManyStore>());
    d.csdl = d.buildCsdl();
    for (const auto &e : d.model.entities) {
        const Attribute *full = e.attr("fullname"), *first = e.attr("firstname"), *last = e.attr("lastname");
        if (full && first && last && !full->validForCreate)
            d.nameParts.push_back({full->ordinal, first->ordinal, last->ordinal});
        else
            d.nameParts.push_back({-1, -1, -1});
    }
    d.deleteRules.resize(d.model.entities.size());
    for (const auto &r : d.model.relationships) {
        if (r.contains("Entity1LogicalName"))
            continue;
        const Entity *parent = d.model.entity(r.value("ReferencedEntity", ""));
        const Entity *child = d.model.entity(r.value("ReferencingEntity", ""));
        const Attribute *a = child ? child->attr(r.value("ReferencingAttribute", "")) : nullptr;
        if (!parent || !child || !a || a->kind != AttrKind::Lookup)
            continue;
        Impl::DeleteRule rule;
        rule.child = child->index;
        rule.attr = a->ordinal;
        rule.schemaName = r.value("SchemaName", "");
        std::string kind = "RemoveLink"; // the default of custom relationships
        if (r.contains("CascadeConfiguration") && r["CascadeConfiguration"].is_object())
            kind = r["CascadeConfiguration"].value("Delete", kind);
        rule.kind = kind == "Cascade"     ? Impl::DeleteRule::Cascade
                    : kind == "Restrict"  ? Impl::DeleteRule::Restrict
                    : kind == "NoCascade" ? Impl::DeleteRule::None
                                          : Impl::DeleteRule::RemoveLink;
        d.deleteRules[static_cast<size_t>(parent->index)].push_back(rule);
    }
    if (const Entity *su = d.model.entity("systemuser"))
        d.systemUserEntity = su->index;
    for (const auto &e : d.model.entities) {
        int def = 1;
        if (e.statusCode >= 0) {
            const Attribute &sa = e.attrs[static_cast<size_t>(e.statusCode)];
            if (!sa.options.empty())
                def = sa.options.front().first;
            // the default status is the first option of the active state (State 0)
            const auto &sj = e.meta["Attributes"][static_cast<size_t>(sa.metaIndex)];
            if (sj.contains("OptionSet") && sj["OptionSet"].is_object() &&
                sj["OptionSet"].contains("Options") && sj["OptionSet"]["Options"].is_array())
                for (const auto &o : sj["OptionSet"]["Options"])
                    if (o.is_object() && o.value("State", -1) == 0 && o.contains("Value") &&
                        o["Value"].is_number_integer()) {
                        def = o["Value"].get<int>();
                        break;
                    }
        }
        d.defaultStatus.push_back(def);
    }
    if (!options.dataFile.empty()) {
        if (!d.persistence.open(options.dataFile, error))
            return nullptr;
        d.persist = true;
        d.loadData();
        d.flusher = std::thread([&d] { d.flushLoop(); });
    }
    if (std::string seedError = s->seedSystemUsers(); !seedError.empty()) {
        error = orgJsonPath + ": " + seedError;
        return nullptr;
    }
    return s;
}

void Service::Impl::stopFlusher()
{
    if (!persist)
        return;
    {
        std::lock_guard lock(flushMu);
        stopping = true;
    }
    flushCv.notify_all();
    if (flusher.joinable())
        flusher.join();
    flush();
    persistence.close();
    persist = false;
}

void Service::Impl::flushLoop()
{
    std::unique_lock lock(flushMu);
    while (!stopping) {
        flushCv.wait_for(lock, std::chrono::milliseconds(200));
        if (stopping)
            break;
        lock.unlock();
        flush();
        lock.lock();
    }
}

json Service::Impl::rowToStorage(const Entity &e, const Row &row) const
{
    json o = json::object();
    for (const auto &a : e.attrs)
        if (!row.cells[static_cast<size_t>(a.ordinal)].is_null())
            o[a.logicalName] = row.cells[static_cast<size_t>(a.ordinal)];
    json t = json::object();
    for (const auto &[ord, ent] : row.lookupTargets)
        t[e.attrs[static_cast<size_t>(ord)].logicalName] =
            model.entities[static_cast<size_t>(ent)].logicalName;
    return json{{"v", row.version}, {"c", std::move(o)}, {"t", std::move(t)}};
}

void Service::Impl::flush()
{
    std::lock_guard flushLock(flushWriteMu);
    std::vector<std::tuple<std::string, std::string, std::optional<std::string>>> out;
    for (size_t i = 0; i < tables.size(); ++i) {
        Table &t = *tables[i];
        const Entity &e = model.entities[i];
        // Take the dirty set under the exclusive lock, then serialize under a shared one: a row written
        // in between is dirty again and goes out (newest state) with the next flush.
        std::unordered_set<std::string> dirty;
        {
            std::unique_lock ex(t.mu);
            if (t.dirty.empty())
                continue;
            dirty.swap(t.dirty);
        }
        std::shared_lock lock(t.mu);
        for (const auto &id : dirty) {
            auto it = t.rows.find(id);
            if (it == t.rows.end())
                out.emplace_back(e.logicalName, id, std::nullopt);
            else
                out.emplace_back(e.logicalName, id, rowToStorage(e, it->second).dump());
        }
    }
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> assocs;
    for (size_t i = 0; i < m2m.size(); ++i) {
        std::lock_guard lock(m2m[i]->mu);
        if (!m2m[i]->dirty)
            continue;
        m2m[i]->dirty = false;
        assocs.emplace_back(model.manyToMany[i].schemaName, std::vector<std::pair<std::string, std::string>>(
                                                                m2m[i]->pairs.begin(), m2m[i]->pairs.end()));
    }
    persistence.write(out, assocs);
}

void Service::Impl::loadData()
{
    std::vector<std::tuple<std::string, std::string, std::string>> rows;
    persistence.loadRows(rows);
    int64_t maxVersion = versionCounter.load();
    for (const auto &[tbl, id, data] : rows) {
        const Entity *e = model.entity(tbl);
        if (!e)
            continue;
        json j = json::parse(data, nullptr, false);
        if (j.is_discarded())
            continue;
        Row row;
        row.cells.assign(e->attrs.size(), json());
        row.version = j.value("v", int64_t(0));
        maxVersion = std::max(maxVersion, row.version);
        for (auto it = j["c"].begin(); it != j["c"].end(); ++it) {
            const Attribute *a = e->attr(it.key());
            if (a)
                row.cells[static_cast<size_t>(a->ordinal)] = it.value();
        }
        for (auto it = j["t"].begin(); it != j["t"].end(); ++it) {
            const Attribute *a = e->attr(it.key());
            const Entity *te = it.value().is_string() ? model.entity(it.value().get<std::string>()) : nullptr;
            if (a && te)
                row.setLookupTarget(a->ordinal, te->index);
        }
        Table &t = *tables[static_cast<size_t>(e->index)];
        auto &stored = t.rows[id] = std::move(row);
        indexKeys(*e, t, id, stored);
    }
    versionCounter = maxVersion;
    std::vector<std::tuple<std::string, std::string, std::string>> assocs;
    persistence.loadAssocs(assocs);
    for (const auto &[rel, a, b] : assocs)
        for (size_t i = 0; i < model.manyToMany.size(); ++i)
            if (model.manyToMany[i].schemaName == rel)
                m2m[i]->pairs.emplace(a, b);
}

void Service::reset()
{
    Impl &d = *m_impl;
    {
        std::unique_lock tx(d.txMutex);
        resetLocked();
    }
    seedSystemUsers();
}

void Service::resetLocked()
{
    Impl &d = *m_impl;
    for (auto &t : d.tables) {
        std::unique_lock lock(t->mu);
        t->rows.clear();
        for (auto &k : t->keys)
            k.clear();
        t->dirty.clear();
    }
    for (auto &m : d.m2m) {
        std::lock_guard lock(m->mu);
        m->pairs.clear();
        m->dirty = false;
    }
    d.created = d.updated = d.deleted = d.associations = 0;
    if (d.persist) {
        std::lock_guard flushLock(d.flushWriteMu);
        d.persistence.wipe();
    }
}

// As in a real org, the people and the application users are systemuser rows, so owner mapping and
// lookups to systemusers find them. They go in through the public request path (one upsert each) and
// are not counted as writes: the counters describe what clients did.
std::string Service::seedSystemUsers()
{
    Impl &d = *m_impl;
    const Entity *su = d.model.entity("systemuser");
    if (!su)
        return {};
    std::vector<json> people;
    for (const auto &p : d.model.systemUsers)
        if (p.is_object())
            people.push_back(p);
    for (const auto &a : d.model.appUsers) {
        if (!a.is_object() || !a.contains("userId"))
            continue;
        json p{{su->primaryId, a["userId"]}};
        const std::string name = a.value("name", std::string());
        p["fullname"] = name;
        const auto space = name.find(' ');
        p["firstname"] = space == std::string::npos ? name : name.substr(0, space);
        p["lastname"] = space == std::string::npos ? name : name.substr(space + 1);
        if (a.contains("clientId"))
            p["applicationid"] = a["clientId"]; // kept only where the org lets clients write it
        // domainname is SystemRequired; application users get one derived from their app and tenant.
        p["domainname"] =
            a.value("clientId", p[su->primaryId].get<std::string>()) + "@" + a.value("tenant", "app");
        people.push_back(p);
    }
    const long long created = d.created, updated = d.updated;
    std::string error;
    for (size_t i = 0; i < people.size() && error.empty(); ++i) {
        const json &p = people[i];
        if (!p.contains(su->primaryId) || !p[su->primaryId].is_string()) {
            error = "x-ferry-emulator: a system user without \"" + su->primaryId + "\": " + p.dump();
            break;
        }
        json body = json::object();
        for (auto it = p.begin(); it != p.end(); ++it) {
            const Attribute *a = su->attr(it.key());
            if (a && a->validForCreate && it.key() != su->primaryId)
                body[it.key()] = it.value();
        }
        HttpRequest req;
        req.method = "PATCH";
        req.target = "/api/data/v9.2/" + su->entitySetName + "(" + p[su->primaryId].get<std::string>() + ")";
        req.headers = {{"content-type", "application/json; charset=utf-8"}};
        req.body = body.dump();
        RequestContext rc;
        rc.userId = p[su->primaryId].get<std::string>();
        rc.baseUrl = "http://localhost/";
        CostInfo cost;
        HttpResponse r = handle(req, rc, cost);
        if (r.status / 100 != 2)
            error = "x-ferry-emulator: system user " + p.dump() + " was refused: " + r.body;
    }
    d.created = created;
    d.updated = updated;
    return error;
}

json Service::stats() const
{
    const Impl &d = *m_impl;
    json records = json::object();
    for (size_t i = 0; i < d.tables.size(); ++i) {
        std::shared_lock lock(d.tables[i]->mu);
        records[d.model.entities[i].logicalName] = d.tables[i]->rows.size();
    }
    long long assoc = 0;
    for (const auto &m : d.m2m) {
        std::lock_guard lock(m->mu);
        assoc += static_cast<long long>(m->pairs.size());
    }
    return json{
        {"records", records},          {"created", d.created.load()},           {"updated", d.updated.load()},
        {"deleted", d.deleted.load()}, {"associations", d.associations.load()}, {"manyToManyLinks", assoc}};
}

std::vector<AppUser> Service::appUsers() const
{
    std::vector<AppUser> out;
    for (const auto &u : m_impl->model.appUsers) {
        if (!u.is_object())
            continue;
        AppUser a;
        a.tenant = u.value("tenant", "");
        a.clientId = u.value("clientId", "");
        a.clientSecret = u.value("clientSecret", "");
        a.userId = u.value("userId", "");
        a.name = u.value("name", "");
        out.push_back(a);
    }
    if (out.empty())
        out.push_back({"00000000-0000-0000-0000-0000000000e1", "00000000-0000-0000-0000-0000000000f1",
                       "ferry-secret", "00000000-0000-0000-0000-0000000000a1", "Ferry Emulator App"});
    return out;
}

// ---------------------------------------------------------------------------------------------
// key indexes, transactions

void Service::Impl::indexKeys(const Entity &e, Table &t, const std::string &id, const Row &row)
{
    for (size_t k = 0; k < e.keys.size(); ++k) {
        auto c = compositeKey(e, e.keys[k], row);
        if (c)
            t.keys[k][*c] = id;
    }
}

void Service::Impl::unindexKeys(const Entity &e, Table &t, const std::string &id, const Row &row)
{
    for (size_t k = 0; k < e.keys.size(); ++k) {
        auto c = compositeKey(e, e.keys[k], row);
        if (!c)
            continue;
        auto it = t.keys[k].find(*c);
        if (it != t.keys[k].end() && it->second == id)
            t.keys[k].erase(it);
    }
}

void Service::Impl::rollback(UndoLog &undo)
{
    for (auto it = undo.assocs.rbegin(); it != undo.assocs.rend(); ++it) {
        auto &s = *m2m[static_cast<size_t>(it->rel)];
        std::lock_guard lock(s.mu);
        if (it->added)
            s.pairs.erase(it->pair);
        else
            s.pairs.insert(it->pair);
        s.dirty = true;
    }
    for (auto it = undo.rows.rbegin(); it != undo.rows.rend(); ++it) {
        const Entity &e = model.entities[static_cast<size_t>(it->entity)];
        Table &t = *tables[static_cast<size_t>(it->entity)];
        TableLock lock(*this, it->entity, true);
        auto cur = t.rows.find(it->id);
        if (it->inPlace) {
            if (cur != t.rows.end()) {
                unindexKeys(e, t, it->id, cur->second);
                for (size_t c = it->cellsEnd; c > it->cellsBegin; --c)
                    cur->second.cells[static_cast<size_t>(undo.cells[c - 1].first)] =
                        std::move(undo.cells[c - 1].second);
                if (it->hasOldTargets)
                    cur->second.lookupTargets = it->oldTargets;
                cur->second.version = it->oldVersion;
                indexKeys(e, t, it->id, cur->second);
            }
            if (persist)
                t.dirty.insert(it->id);
            continue;
        }
        if (cur != t.rows.end()) {
            unindexKeys(e, t, it->id, cur->second);
            t.rows.erase(cur);
        }
        if (it->before) {
            auto &r = t.rows[it->id] = std::move(*it->before);
            indexKeys(e, t, it->id, r);
        }
        if (persist)
            t.dirty.insert(it->id);
    }
    undo.rows.clear();
    undo.cells.clear();
    undo.assocs.clear();
}

void Service::Impl::commit(UndoLog &undo)
{
    created += undo.created;
    updated += undo.updated;
    deleted += undo.deleted;
    associations += undo.associations;
    undo = UndoLog{};
}

thread_local std::vector<std::pair<int, int>> Service::Impl::t_held;

bool Service::Impl::heldExclusive(int entity)
{
    for (const auto &h : t_held)
        if (h.first == entity && h.second == 2)
            return true;
    return false;
}

bool Service::Impl::heldAny(int entity)
{
    for (const auto &h : t_held)
        if (h.first == entity)
            return true;
    return false;
}

Service::Impl::TableLock::TableLock(Impl &d, int entity, bool exclusive) : m_d(d), m_entity(entity)
{
    Table &t = *d.tables[static_cast<size_t>(entity)];
    if (heldAny(entity)) {
        // Re-entrant use by this thread. Upgrading shared to exclusive is never needed: writers
        // take their exclusive lock before anything else on the table.
        return;
    }
    if (exclusive) {
        t.mu.lock();
        m_mode = 2;
    } else {
        t.mu.lock_shared();
        m_mode = 1;
    }
    t_held.emplace_back(entity, m_mode);
}

Service::Impl::TableLock::~TableLock()
{
    if (m_mode == 0)
        return;
    Table &t = *m_d.tables[static_cast<size_t>(m_entity)];
    for (auto it = t_held.begin(); it != t_held.end(); ++it)
        if (it->first == m_entity) {
            t_held.erase(it);
            break;
        }
    if (m_mode == 2)
        t.mu.unlock();
    else
        t.mu.unlock_shared();
}

// ---------------------------------------------------------------------------------------------
// errors and responses

HttpResponse Service::Impl::errorResponse(const ApiError &e, const Ctx &ctx) const
{
    HttpResponse r;
    r.status = e.status;
    json err = {{"code", e.code}, {"message", e.message}};
    if (ctx.annotations) {
        err["@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus"] = "0";
        err["@Microsoft.PowerApps.CDS.TraceText"] = "ferry-emulator";
        err["@Microsoft.PowerApps.CDS.InnerError.Message"] = e.message;
        if (!e.details.is_null())
            err["@Microsoft.PowerApps.CDS.ErrorDetails.BulkApiErrorDetails"] = e.details;
    }
    r.body = json{{"error", err}}.dump();
    r.setHeader("Content-Type", "application/json; odata.metadata=minimal");
    r.setHeader("OData-Version", "4.0");
    return r;
}

HttpResponse Service::Impl::jsonResponse(int status, const json &body, const Ctx &) const
{
    HttpResponse r;
    r.status = status;
    r.body = body.dump();
    r.setHeader("Content-Type", "application/json; odata.metadata=minimal");
    r.setHeader("OData-Version", "4.0");
    return r;
}

HttpResponse Service::Impl::noContent() const
{
    HttpResponse r;
    r.status = 204;
    r.setHeader("OData-Version", "4.0");
    return r;
}

std::string Service::Impl::entityUrl(const Ctx &ctx, const Entity &e, const std::string &id) const
{
    return ctx.serviceRoot + e.entitySetName + "(" + id + ")";
}

// ---------------------------------------------------------------------------------------------
// entry point

HttpResponse Service::handle(const HttpRequest &request, const RequestContext &context, CostInfo &cost)
{
    Impl &d = *m_impl;
    Ctx ctx;
    ctx.rc = &context;
    ctx.cost = &cost;
    d.initCtx(ctx, request);
    cost.operations = std::max(cost.operations, 1);
    try {
        return d.dispatch(request, ctx);
    } catch (const ApiError &e) {
        return d.errorResponse(e, ctx);
    } catch (const json::exception &e) {
        return d.errorResponse(
            ApiError(400, "0x80048d19", std::string("Error parsing the request: ") + e.what()), ctx);
    } catch (const std::exception &e) {
        // Never let one request take the server down; the real service calls this UnExpected.
        return d.errorResponse(
            ApiError(500, "0x80040216", std::string("An unexpected error occurred: ") + e.what()), ctx);
    }
}

void Service::Impl::initCtx(Ctx &ctx, const HttpRequest &req)
{
    std::string base = ctx.rc->baseUrl.empty() ? std::string("http://localhost/") : ctx.rc->baseUrl;
    if (base.back() != '/')
        base.push_back('/');
    ctx.baseUrl = base;
    std::string version = "v9.2";
    const std::string &t = req.target;
    if (t.compare(0, 15, "/api/data/v9.") == 0 || t.compare(0, 13, "/api/data/v9.") == 0)
        version = t.substr(10, 4);
    ctx.serviceRoot = base + "api/data/" + version + "/";
    std::string prefer = lowerAscii(req.header("prefer"));
    ctx.annotations = prefer.find("odata.include-annotations") != std::string::npos;
    ctx.returnRepresentation = prefer.find("return=representation") != std::string::npos;
    ctx.continueOnError = prefer.find("odata.continue-on-error") != std::string::npos;
    ctx.maxPageSize = 0;
    auto mp = prefer.find("odata.maxpagesize=");
    if (mp != std::string::npos)
        ctx.maxPageSize = std::atoi(prefer.c_str() + mp + 18);
    std::string bypass = lowerAscii(req.header("mscrm.bypasscustompluginexecution"));
    std::string bypass2 = lowerAscii(req.header("mscrm.bypassbusinesslogicexecution"));
    ctx.bypassPlugins = bypass == "true" || bypass2.find("customsync") != std::string::npos;
    ctx.callerId =
        ctx.rc->userId.empty() ? std::string("00000000-0000-0000-0000-0000000000a1") : ctx.rc->userId;
    std::string impersonate = req.header("mscrmcallerid");
    if (isGuid(impersonate))
        ctx.callerId = lowerAscii(impersonate);
    ctx.callerId = lowerAscii(ctx.callerId);
    ctx.now = nowUtc();
}

HttpResponse Service::Impl::dispatch(const HttpRequest &req, Ctx &ctx)
{
    std::string target = req.target;
    std::string path = target, query;
    auto q = target.find('?');
    if (q != std::string::npos) {
        path = target.substr(0, q);
        query = target.substr(q + 1);
    }
    // Strip the service root: /api/data/v9.0|1|2/
    static const std::string prefixes[] = {"/api/data/v9.0/", "/api/data/v9.1/", "/api/data/v9.2/"};
    bool ok = false;
    for (int guard = 0; guard < 3; ++guard) {
        ok = false;
        for (const auto &p : prefixes)
            if (path.compare(0, p.size(), p) == 0) {
                path = path.substr(p.size());
                ok = true;
                break;
            }
        if (!ok)
            break;
        break;
    }
    if (!ok) {
        std::string stripped = path;
        for (const auto &p : prefixes)
            if (path == p.substr(0, p.size() - 1))
                return jsonResponse(
                    200, json{{"@odata.context", ctx.serviceRoot + "$metadata"}, {"value", json::array()}},
                    ctx);
        fail(404, "0x8006088a", "Resource not found for the segment '" + stripped + "'.");
    }
    Route route;
    route.method = req.method;
    route.query = parseQueryString(query);
    route.rawQuery = query;
    auto segs = splitTopLevel(path, '/');
    for (auto &s : segs)
        s = percentDecode(s);
    while (!segs.empty() && segs.back().empty())
        segs.pop_back();
    if (segs.empty())
        fail(404, "0x8006088a", "Resource not found for the segment ''.");
    route.segments = segs;
    const std::string &first = segs[0];
    if (first == "$batch") {
        if (req.method != "POST")
            fail(405, "0x80060888", "The HTTP method '" + req.method + "' is not allowed for $batch.");
        return handleBatch(req, ctx);
    }
    if (first == "$metadata") {
        if (req.method != "GET")
            fail(405, "0x80060888",
                 "The requested resource does not support http method '" + req.method + "'.");
        HttpResponse r;
        r.status = 200;
        r.body = csdl;
        r.setHeader("Content-Type", "application/xml");
        r.setHeader("OData-Version", "4.0");
        return r;
    }
    if (first == "WhoAmI" || first == "WhoAmI()") {
        if (req.method != "GET")
            fail(405, "0x80060888",
                 "The requested resource does not support http method '" + req.method + "'.");
        return jsonResponse(
            200,
            json{{"@odata.context", ctx.serviceRoot + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse"},
                 {"BusinessUnitId", model.businessUnitId},
                 {"UserId", ctx.callerId},
                 {"OrganizationId", model.organizationId}},
            ctx);
    }
    std::string name = first, keyText;
    bool hasKey = false;
    auto paren = first.find('(');
    if (paren != std::string::npos && first.back() == ')') {
        name = first.substr(0, paren);
        keyText = first.substr(paren + 1, first.size() - paren - 2);
        hasKey = true;
    }
    if (name == "EntityDefinitions" || name == "RelationshipDefinitions" ||
        name == "GlobalOptionSetDefinitions") {
        if (req.method != "GET")
            fail(405, "0x80060888",
                 "The emulator's metadata is read-only: '" + req.method + "' is not supported.");
        return handleMetadata(route, name, hasKey, keyText, ctx);
    }
    if (name == "GetTimeZoneCodeByLocalizedName" && hasKey)
        return handleGetTimeZoneCode(route, keyText, ctx);
    const Entity *e = model.entitySet(name);
    if (e && hasKey && segs.size() == 2 && e->index == systemUserEntity &&
        (segs[1] == "Microsoft.Dynamics.CRM.RetrieveUserPrivileges()" ||
         segs[1] == "Microsoft.Dynamics.CRM.RetrieveUserPrivileges")) {
        route.entity = e;
        route.hasKey = hasKey;
        route.keyText = keyText;
        return handleRetrieveUserPrivileges(route, ctx);
    }
    if (!e)
        fail(404, "0x8006088a", "Resource not found for the segment '" + name + "'.");
    route.entity = e;
    route.hasKey = hasKey;
    route.keyText = keyText;
    return handleData(req, route, ctx);
}

} // namespace ferry::emu
