#pragma once
// Any thread: the emulator's in-memory data — one Table per entity (rows by id, alternate-key
// indexes), guarded by a per-table shared_mutex — plus the undo log that makes bulk requests and
// change sets all-or-nothing, and the SQLite write-behind persistence.

#include "OrgModel.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

struct sqlite3;

namespace ferry::emu {

struct Row
{
    std::vector<nlohmann::json> cells;              // by attribute ordinal; null = no value
    std::vector<std::pair<int, int>> lookupTargets; // lookup ordinal -> entity index
    int64_t version = 0;

    int lookupTarget(int ordinal) const
    {
        for (const auto &p : lookupTargets)
            if (p.first == ordinal)
                return p.second;
        return -1;
    }
    void setLookupTarget(int ordinal, int entity)
    {
        for (auto &p : lookupTargets)
            if (p.first == ordinal) {
                if (entity < 0)
                    p = lookupTargets.back(), lookupTargets.pop_back();
                else
                    p.second = entity;
                return;
            }
        if (entity >= 0)
            lookupTargets.emplace_back(ordinal, entity);
    }
};

struct Table
{
    mutable std::shared_mutex mu;
    std::map<std::string, Row> rows;                                // lower-case id -> row (keyset order)
    std::vector<std::unordered_map<std::string, std::string>> keys; // per entity key: composite -> id
    std::unordered_set<std::string> dirty;                          // ids to flush
};

struct ManyToManyStore
{
    std::mutex mu;
    std::set<std::pair<std::string, std::string>> pairs; // (entity1 id, entity2 id)
    bool dirty = false;
};

/// Composite key text of a row for entity key `k`; empty optional when a part is null.
std::optional<std::string> compositeKey(const Entity &e, const EntityKey &k, const Row &row);
std::string keyComponent(const nlohmann::json &v);

/// Undo log of one transaction (a plain request, a bulk request or a change set).
struct UndoLog
{
    struct RowUndo
    {
        int entity;
        std::string id;
        std::optional<Row> before; // full row before (deletes); nullopt + !inPlace: the row was created
        bool inPlace = false;      // an update: restore these cells, targets and version
        size_t cellsBegin = 0, cellsEnd = 0; // old cell values in UndoLog::cells
        std::vector<std::pair<int, int>> oldTargets;
        bool hasOldTargets = false;
        int64_t oldVersion = 0;
    };
    struct AssocUndo
    {
        int rel;
        std::pair<std::string, std::string> pair;
        bool added;
    };
    std::vector<RowUndo> rows;
    std::vector<std::pair<int, nlohmann::json>> cells; // old values of in-place updates (one buffer)
    std::vector<AssocUndo> assocs;
    // statistics to apply only on commit
    int created = 0, updated = 0, deleted = 0, associations = 0;
};

class Persistence
{
public:
    ~Persistence();
    bool open(const std::string &path, std::string &error);
    void close();
    /// Writes the given rows (nullopt = delete) and N:N sets in one transaction.
    void write(
        const std::vector<std::tuple<std::string, std::string, std::optional<std::string>>> &rows,
        const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> &assocs);
    void wipe();
    /// Loads every row: (table, id, json text).
    void loadRows(std::vector<std::tuple<std::string, std::string, std::string>> &out);
    void loadAssocs(std::vector<std::tuple<std::string, std::string, std::string>> &out);

private:
    sqlite3 *m_db = nullptr;
    std::mutex m_mu;
};

} // namespace ferry::emu
