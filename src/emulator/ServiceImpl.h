#pragma once
// Any thread: private implementation of Service (shared by Service*.cpp). Requests run
// concurrently; tables lock individually, change sets serialize on txMutex.

#include "HttpTypes.h"
#include "ODataQuery.h"
#include "OrgModel.h"
#include "Service.h"
#include "Store.h"

#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace ferry::emu {

struct ApiError : std::runtime_error
{
    ApiError(int s, std::string c, const std::string &m)
        : std::runtime_error(m), status(s), code(std::move(c)), message(m)
    {}
    int status;
    std::string code;
    std::string message;
    nlohmann::json details; // per-record detail for bulk requests (with include-annotations)
};

[[noreturn]] void fail(int status, const std::string &code, const std::string &message);
std::string newGuid();
std::string nowUtc();
std::string trim_copy(const std::string &s);
inline std::string valueTextOf(const nlohmann::json &v)
{
    return v.is_string() ? v.get<std::string>() : v.dump();
}

/// Per-request state.
struct Ctx
{
    const RequestContext *rc = nullptr;
    CostInfo *cost = nullptr;
    std::string baseUrl;     // "http://127.0.0.1:port/"
    std::string serviceRoot; // baseUrl + "api/data/v9.2/"
    std::string callerId;
    std::string now; // UTC timestamp of the request (createdon/modifiedon)
    bool annotations = false;
    bool returnRepresentation = false;
    bool continueOnError = false;
    bool bypassPlugins = false;
    int maxPageSize = 0;
    std::string entityUrl;   // set by a write answered with a body (Content-ID references)
    UndoLog *undo = nullptr; // open transaction (change set) or null
    std::map<std::string, std::string> *contentIds = nullptr; // "$1" -> entity URL
};

struct Route
{
    std::string method;
    std::vector<std::string> segments; // decoded
    std::map<std::string, std::string> query;
    std::string rawQuery;
    const Entity *entity = nullptr;
    bool hasKey = false;
    std::string keyText;
};

/// A reference to one record: entity + id, or entity + alternate key values.
struct RecordRef
{
    int entity = -1;
    std::string id;                        // when addressed by primary key (lower-case)
    int key = -1;                          // index into Entity::keys when addressed by alternate key
    std::vector<nlohmann::json> keyValues; // in key attribute order
    std::string keyText;                   // "accountnumber='A-1'" as given (for OData-EntityId)
};

/// Escapes text for an XML attribute or element ($metadata CSDL, FetchXML paging cookies).
std::string xmlEscape(const std::string &s);

/// A record body as (property, value) pairs in body order; values can be moved out.
using FlatRecord = std::vector<std::pair<std::string, nlohmann::json>>;

/// A validated record body, ready to apply.
struct Prepared
{
    std::vector<std::pair<int, nlohmann::json>> values; // ordinal -> value (null clears)
    struct Bind
    {
        int attr = -1;
        int target = -1; // entity index; -1 when clearing
        RecordRef ref;
        std::string nav;
        bool clear = false;
    };
    std::vector<Bind> binds;
    std::string bodyId; // primary id column in the body
    bool hasOdataId = false;
    RecordRef odataId; // "@odata.id" (UpsertMultiple)
    int columns = 0;
};

enum class WriteMode
{
    Create,
    Update,
    Upsert,
    CreateOnly
};

struct Service::Impl
{
    OrgModel model;
    ServiceOptions options;
    std::vector<std::unique_ptr<Table>> tables;
    std::vector<std::unique_ptr<ManyToManyStore>> m2m;
    std::vector<bool> pluginTable;
    std::vector<int> defaultStatus; // per entity: statuscode of a new row
    int systemUserEntity = -1;
    std::vector<std::array<int, 3>> nameParts; // per entity: fullname, firstname, lastname ordinals (or -1)
    std::shared_mutex txMutex;
    std::atomic<int64_t> versionCounter{1000000};
    std::atomic<long long> created{0}, updated{0}, deleted{0}, associations{0};
    std::string csdl;

    Persistence persistence;
    bool persist = false;
    std::thread flusher;
    std::mutex flushMu, flushWriteMu;
    std::condition_variable flushCv;
    bool stopping = false;

    static thread_local std::vector<std::pair<int, int>> t_held; // (entity, 1 shared / 2 exclusive)
    static bool heldExclusive(int entity);
    static bool heldAny(int entity);

    class TableLock
    {
    public:
        TableLock(Impl &d, int entity, bool exclusive);
        ~TableLock();
        TableLock(const TableLock &) = delete;
        TableLock &operator=(const TableLock &) = delete;

    private:
        Impl &m_d;
        int m_entity;
        int m_mode = 0;
    };

    // Service.cpp
    void stopFlusher();
    void flushLoop();
    void flush();
    void loadData();
    nlohmann::json rowToStorage(const Entity &e, const Row &row) const;
    void indexKeys(const Entity &e, Table &t, const std::string &id, const Row &row);
    void unindexKeys(const Entity &e, Table &t, const std::string &id, const Row &row);
    void rollback(UndoLog &undo);
    void commit(UndoLog &undo);
    HttpResponse errorResponse(const ApiError &e, const Ctx &ctx) const;
    HttpResponse jsonResponse(int status, const nlohmann::json &body, const Ctx &ctx) const;
    HttpResponse noContent() const;
    std::string entityUrl(const Ctx &ctx, const Entity &e, const std::string &id) const;
    void initCtx(Ctx &ctx, const HttpRequest &req);
    HttpResponse dispatch(const HttpRequest &req, Ctx &ctx);

    // ServiceData.cpp
    HttpResponse handleData(const HttpRequest &req, Route &route, Ctx &ctx);
    RecordRef parseRecordRef(const Entity &e, const std::string &keyText, bool allowBadChars = false) const;
    RecordRef parseRecordUrl(const std::string &url, const Ctx &ctx) const;
    std::string resolveRef(const RecordRef &ref) const; // caller holds a lock on the table
    Prepared prepare(const Entity &e, const nlohmann::json &body, const Ctx &ctx) const;
    /// Moves values out of `rec`.
    Prepared prepare(const Entity &e, FlatRecord &rec, const Ctx &ctx) const;
    void resolveBinds(Prepared &p, int heldEntity);
    std::string applyRecord(Ctx &ctx, const Entity &e, WriteMode mode, const RecordRef *target, Prepared &p,
                            const std::string &ifMatch, bool &createdOut);
    void deleteRecord(Ctx &ctx, const Entity &e, const std::string &id);
    /// Deletes a row after applying the delete behaviour of every 1:N relationship it is the parent of
    /// (Cascade, RemoveLink, Restrict) and removing its N:N links. Holds no table lock on entry.
    void deleteCascade(Ctx &ctx, const Entity &e, const std::string &id,
                       std::vector<std::pair<int, std::string>> &visited);
    struct DeleteRule
    {
        int child = -1; // referencing entity
        int attr = -1;  // lookup ordinal on the child
        enum Kind
        {
            Cascade,
            RemoveLink,
            Restrict,
            None
        } kind = RemoveLink;
        std::string schemaName;
    };
    std::vector<std::vector<DeleteRule>> deleteRules; // per referenced entity
    void checkRow(const Ctx &ctx, const Entity &e, const Table &t, const std::string &id,
                  const std::function<const nlohmann::json &(int)> &cell) const;
    nlohmann::json renderRow(const Entity &e, const std::string &id, const Row &row,
                             const std::vector<int> *select, const std::vector<ExpandItem> &expand,
                             const Ctx &ctx) const;
    std::vector<int> parseSelect(const Entity &e, const std::string &select) const;
    HttpResponse handleCollection(const Route &route, const Ctx &ctx, bool countOnly);
    HttpResponse handleBulk(const HttpRequest &req, const Route &route, Ctx &ctx, const std::string &action);
    HttpResponse handleRef(const HttpRequest &req, const Route &route, Ctx &ctx, const std::string &id);
    template <class F> auto inTransaction(Ctx &ctx, F &&f) -> decltype(f());
    std::string formattedValue(const Attribute &a, const Row &row) const;
    std::string primaryNameOf(int entity, const std::string &id) const;

    // ServiceFetchXml.cpp
    HttpResponse handleFetchXml(const Route &route, const Ctx &ctx);
    /// GetTimeZoneCodeByLocalizedName(<paramText>) with @alias values from the query string.
    HttpResponse handleGetTimeZoneCode(const Route &route, const std::string &paramText, const Ctx &ctx);
    /// systemusers(<id>)/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()
    HttpResponse handleRetrieveUserPrivileges(const Route &route, const Ctx &ctx);

    // ServiceBatch.cpp
    HttpResponse handleBatch(const HttpRequest &req, Ctx &ctx);

    // ServiceMetadata.cpp
    HttpResponse handleMetadata(const Route &route, const std::string &name, bool hasKey,
                                const std::string &keyText, const Ctx &ctx);
    std::string buildCsdl() const;
};

template <class F> auto Service::Impl::inTransaction(Ctx &ctx, F &&f) -> decltype(f())
{
    if (ctx.undo)
        return f(); // inside a change set: the batch commits or rolls back
    UndoLog undo;
    ctx.undo = &undo;
    std::shared_lock tx(txMutex);
    try {
        auto r = f();
        commit(undo);
        ctx.undo = nullptr;
        return r;
    } catch (...) {
        rollback(undo);
        ctx.undo = nullptr;
        throw;
    }
}

} // namespace ferry::emu
