// Thread: the benchmark's threads. Measures ferry::emu::Service::handle on UpsertMultiple requests of
// 100 records x 38 columns (~55 KB of JSON), the shape Ferry sends, single-threaded and with two
// threads (the emulator's two io threads). Prints records per second; the target is >= 100,000/s.

#include "Service.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <malloc.h>
#include <memory>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

using nlohmann::json;
using namespace ferry::emu;

namespace {

constexpr int kRecords = 100;

json attr(const std::string &name, const std::string &type, json extra = json::object())
{
    json a = {{"LogicalName", name}, {"SchemaName", name}, {"AttributeType", type}};
    a.update(extra);
    return a;
}

// A table with 38 writable columns of the usual kinds, two tables so two threads can write apart.
std::string writeOrg()
{
    json doc = {{"value", json::array()}};
    for (const std::string t : {"new_item", "new_other"}) {
        json attrs = json::array(
            {attr(t + "id", "Uniqueidentifier"), attr("new_code", "String", {{"MaxLength", 100}})});
        for (int i = 0; i < 18; ++i)
            attrs.push_back(attr("new_s" + std::to_string(i), "String", {{"MaxLength", 200}}));
        for (int i = 0; i < 6; ++i)
            attrs.push_back(attr("new_i" + std::to_string(i), "Integer",
                                 {{"MinValue", -2147483648LL}, {"MaxValue", 2147483647LL}}));
        for (int i = 0; i < 4; ++i)
            attrs.push_back(attr("new_m" + std::to_string(i), "Money"));
        for (int i = 0; i < 3; ++i)
            attrs.push_back(attr("new_b" + std::to_string(i), "Boolean"));
        for (int i = 0; i < 3; ++i)
            attrs.push_back(attr("new_d" + std::to_string(i), "DateTime"));
        for (int i = 0; i < 2; ++i)
            attrs.push_back(
                attr("new_p" + std::to_string(i), "Picklist",
                     {{"OptionSet", {{"Options", {{{"Value", 1}}, {{"Value", 2}}, {{"Value", 3}}}}}}}));
        for (const char *sys : {"createdon", "modifiedon"})
            attrs.push_back(
                attr(sys, "DateTime", {{"IsValidForCreate", false}, {"IsValidForUpdate", false}}));
        attrs.push_back(attr("versionnumber", "BigInt"));
        doc["value"].push_back(
            {{"LogicalName", t},
             {"EntitySetName", t + "s"},
             {"PrimaryIdAttribute", t + "id"},
             {"PrimaryNameAttribute", "new_code"},
             {"Attributes", attrs},
             {"Keys", {{{"LogicalName", "new_code_key"}, {"KeyAttributes", {"new_code"}}}}}});
    }
    std::string path = "/tmp/ferry_bench_org_" + std::to_string(::getpid()) + ".json";
    std::ofstream(path) << doc.dump();
    return path;
}

std::string guidFor(uint64_t n)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-0000-4000-8000-%012llx", static_cast<unsigned>(n >> 20),
                  static_cast<unsigned long long>(n));
    return buf;
}

// One UpsertMultiple body; half of the ids repeat from the previous request (updates), half are new.
std::string upsertBody(const std::string &table, uint64_t first)
{
    json targets = json::array();
    for (int r = 0; r < kRecords; ++r) {
        uint64_t n = first + static_cast<uint64_t>(r);
        json t = {{"@odata.type", "Microsoft.Dynamics.CRM." + table},
                  {table + "id", guidFor(n)},
                  {"new_code", "CODE-" + std::to_string(n)}};
        for (int i = 0; i < 18; ++i)
            t["new_s" + std::to_string(i)] =
                std::to_string((n + static_cast<uint64_t>(i)) % 9973).insert(0, 1, 's');
        for (int i = 0; i < 6; ++i)
            t["new_i" + std::to_string(i)] = static_cast<int>((n * 31 + static_cast<uint64_t>(i)) % 100000);
        for (int i = 0; i < 4; ++i)
            t["new_m" + std::to_string(i)] = static_cast<double>(n % 1000) + 0.25 * i;
        for (int i = 0; i < 3; ++i)
            t["new_b" + std::to_string(i)] = (n + static_cast<uint64_t>(i)) % 2 == 0;
        for (int i = 0; i < 3; ++i)
            t["new_d" + std::to_string(i)] = "2024-0" + std::to_string(1 + i) + "-15T10:20:30Z";
        for (int i = 0; i < 2; ++i)
            t["new_p" + std::to_string(i)] = 1 + static_cast<int>((n + static_cast<uint64_t>(i)) % 3);
        targets.push_back(std::move(t));
    }
    return json{{"Targets", targets}}.dump();
}

struct Fixture
{
    std::unique_ptr<Service> service;
    std::vector<std::vector<HttpRequest>> requests; // per thread
    std::atomic<long long> records{0};
    Fixture()
    {
        std::string error;
        std::string org = writeOrg();
        service = Service::create(org, ServiceOptions{}, error);
        std::remove(org.c_str());
        if (!service) {
            std::fprintf(stderr, "bench: %s\n", error.c_str());
            std::abort();
        }
        for (int th = 0; th < 2; ++th) {
            const std::string table = th == 0 ? "new_item" : "new_other";
            std::vector<HttpRequest> reqs;
            for (int k = 0; k < 64; ++k) {
                HttpRequest r;
                r.method = "POST";
                r.target = "/api/data/v9.2/" + table + "s/Microsoft.Dynamics.CRM.UpsertMultiple";
                r.headers = {{"content-type", "application/json; charset=utf-8"},
                             {"mscrm.bypasscustompluginexecution", "true"}};
                r.body = upsertBody(table, static_cast<uint64_t>(k) * (kRecords / 2));
                reqs.push_back(std::move(r));
            }
            requests.push_back(std::move(reqs));
        }
    }
};

Fixture &fixture()
{
    static Fixture f;
    return f;
}

void runUpserts(benchmark::State &state, bool sameTable)
{
    Fixture &f = fixture();
    const auto &reqs = f.requests[sameTable ? 0 : static_cast<size_t>(state.thread_index() % 2)];
    RequestContext ctx;
    ctx.userId = "00000000-0000-0000-0000-0000000000a1";
    ctx.baseUrl = "http://127.0.0.1:8089/";
    size_t i = 0;
    int64_t bytes = 0;
    for (auto _ : state) {
        CostInfo cost;
        const HttpRequest &r = reqs[i++ % reqs.size()];
        HttpResponse resp = f.service->handle(r, ctx, cost);
        if (resp.status != 204) {
            state.SkipWithError(
                ("status " + std::to_string(resp.status) + ": " + resp.body.substr(0, 300)).c_str());
            break;
        }
        bytes += static_cast<int64_t>(r.body.size());
    }
    state.SetItemsProcessed(state.iterations() * kRecords);
    state.SetBytesProcessed(bytes);
    state.counters["records/s"] =
        benchmark::Counter(static_cast<double>(state.iterations() * kRecords), benchmark::Counter::kIsRate);
}

void BM_UpsertMultiple_100x38(benchmark::State &state)
{
    runUpserts(state, false);
}
void BM_UpsertMultiple_100x38_SameTable(benchmark::State &state)
{
    runUpserts(state, true);
}

} // namespace

BENCHMARK(BM_UpsertMultiple_100x38)->Threads(1)->Threads(2)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_UpsertMultiple_100x38_SameTable)->Threads(2)->UseRealTime()->MinTime(2.0);

int main(int argc, char **argv)
{
    // FERRY_BENCH_MXFAST=0 disables glibc fastbins (whose consolidation shows up in profiles) to
    // measure the allocator's share; the emulator's main() may apply the same tuning.
    if (const char *mx = std::getenv("FERRY_BENCH_MXFAST"); mx && *mx)
        mallopt(M_MXFAST, std::atoi(mx));
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
