// Service protection limits and the execution-time cost model over real HTTP. A small limits file and
// --time-scale keep every test to a few seconds.

#include "EmulatorProcess.h"
#include "TestUtil.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using ferry::test::EmulatorProcess;
using ferry::test::httpRequest;
using ferry::test::HttpResult;
using ferry::test::msSince;
using ferry::test::parse;
using nlohmann::json;

namespace {

std::string writeTemp(const std::string &name, const json &content)
{
    return ferry::test::writeTemp("limits", name, content);
}

std::string header(const HttpResult &r, const std::string &name)
{
    auto it = r.headers.find(name);
    return it == r.headers.end() ? std::string() : it->second;
}

json stats(EmulatorProcess &emu)
{
    return parse(httpRequest("GET", emu.baseUrl() + "_emulator/stats"));
}

std::string accounts(int count, const std::string &prefix, int firstNumber = 0)
{
    json targets = json::array();
    for (int i = 0; i < count; ++i)
        targets.push_back({{"@odata.type", "Microsoft.Dynamics.CRM.account"},
                           {"name", prefix + " " + std::to_string(firstNumber + i)},
                           {"accountnumber", prefix + "-" + std::to_string(firstNumber + i)}});
    return json{{"Targets", targets}}.dump();
}

void expect429(const HttpResult &r, const std::string &code, const std::string &message, double maxRetryMs)
{
    ASSERT_EQ(r.status, 429) << r.body;
    json j = parse(r);
    EXPECT_EQ(j["error"].value("code", ""), code);
    EXPECT_EQ(j["error"].value("message", ""), message);
    const std::string retryAfter = header(r, "retry-after");
    ASSERT_FALSE(retryAfter.empty());
    const int seconds = std::stoi(retryAfter);
    EXPECT_GE(seconds, 1);
    const std::string preciseText = header(r, "x-ferry-retry-after-ms");
    ASSERT_FALSE(preciseText.empty());
    const double precise = std::stod(preciseText);
    EXPECT_GT(precise, 0);
    EXPECT_LE(precise, maxRetryMs);
    EXPECT_EQ(seconds, std::max(1, static_cast<int>(std::ceil(precise / 1000.0))));
    EXPECT_FALSE(header(r, "x-ms-dop-hint").empty());
}

} // namespace

TEST(EmulatorLimits, RequestCountLimitTripsAndRetryAfterIsHonoured)
{
    // 20 requests per 300 s, compressed 100x: the window lasts 3 s.
    const auto file =
        writeTemp("requests", {{"maxRequests", 20}, {"cost", {{"perRequestMs", 0}}}, {"dopHint", 7}});
    auto emu = EmulatorProcess::start({"--limits", file, "--time-scale", "100"});
    ASSERT_TRUE(emu);
    for (int i = 0; i < 20; ++i) {
        const auto r = emu->api("GET", "WhoAmI");
        ASSERT_EQ(r.status, 200) << i << " " << r.body;
        EXPECT_EQ(header(r, "x-ms-ratelimit-burst-remaining-xrm-requests"), std::to_string(19 - i));
        EXPECT_EQ(header(r, "x-ms-dop-hint"), "7");
    }
    const auto rejected = emu->api("GET", "WhoAmI");
    expect429(rejected, "0x80072322",
              "Number of requests exceeded the limit of 20 over time window of 300 seconds.", 3000);
    // Rejected requests do not count, and the same answer comes until the window moves.
    expect429(emu->api("GET", "WhoAmI"), "0x80072322",
              "Number of requests exceeded the limit of 20 over time window of 300 seconds.", 3000);

    const double waitMs = std::stod(header(rejected, "x-ferry-retry-after-ms"));
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(waitMs) + 50));
    const auto after = emu->api("GET", "WhoAmI");
    EXPECT_EQ(after.status, 200) << after.body;

    json s = stats(*emu);
    EXPECT_EQ(s["throttled"].value("requests", -1), 2);
    EXPECT_EQ(s["requests"].value("total", -1), 23);
}

TEST(EmulatorLimits, ExecutionTimeLimitTripsWithTheExactMessage)
{
    // 1,000 ms of execution per 300 s; each request costs 250 ms. Time scale 100: window 3 s, 2.5 ms a
    // request.
    const auto file = writeTemp(
        "exec", {{"maxExecutionMs", 1000}, {"cost", {{"perRequestMs", 250}, {"perRecordWrittenMs", 0}}}});
    auto emu = EmulatorProcess::start({"--limits", file, "--time-scale", "100"});
    ASSERT_TRUE(emu);
    for (int i = 0; i < 4; ++i)
        ASSERT_EQ(emu->api("GET", "WhoAmI").status, 200) << i;
    const auto rejected = emu->api("GET", "WhoAmI");
    expect429(
        rejected, "0x80072321",
        "Combined execution time of incoming requests exceeded limit of 1,000  milliseconds over time window "
        "of 300 seconds. Decrease number of concurrent requests or reduce the duration of requests and try "
        "again later.",
        3000);
    const double waitMs = std::stod(header(rejected, "x-ferry-retry-after-ms"));
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(waitMs) + 50));
    EXPECT_EQ(emu->api("GET", "WhoAmI").status, 200);
    EXPECT_EQ(stats(*emu)["throttled"].value("executionTime", -1), 1);
}

TEST(EmulatorLimits, ConcurrencyLimitRejectsAtOnce)
{
    // Each request "runs" 1.5 s; only 3 may run at once.
    const auto file = writeTemp("concurrency", {{"maxConcurrent", 3}, {"cost", {{"perRequestMs", 1500}}}});
    auto emu = EmulatorProcess::start({"--limits", file});
    ASSERT_TRUE(emu);
    const std::string token = emu->token();
    ASSERT_FALSE(token.empty());
    std::vector<HttpResult> results(6);
    std::vector<double> elapsedMs(6);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < results.size(); ++i)
        threads.emplace_back([&, i] {
            const auto start = std::chrono::steady_clock::now();
            results[i] = httpRequest("GET", emu->baseUrl() + "api/data/v9.2/WhoAmI",
                                     {"Authorization: Bearer " + token, "Accept: application/json"});
            elapsedMs[i] = msSince(start);
        });
    for (auto &t : threads)
        t.join();
    int ok = 0, rejected = 0;
    for (size_t i = 0; i < results.size(); ++i) {
        if (results[i].status == 200) {
            ++ok;
            EXPECT_GE(elapsedMs[i], 1400) << "admitted requests are answered after their cost";
        } else {
            ++rejected;
            expect429(results[i], "0x80072326", "Number of concurrent requests exceeded the limit of 3.",
                      1500);
            EXPECT_LT(elapsedMs[i], 1400) << "the concurrency limit rejects immediately";
        }
    }
    EXPECT_EQ(ok, 3);
    EXPECT_EQ(rejected, 3);
    json s = stats(*emu);
    EXPECT_EQ(s["throttled"].value("concurrency", -1), 3);
    EXPECT_EQ(s.value("inFlight", -1), 0);
}

TEST(EmulatorLimits, MonitoringHeadersOnEveryApiResponse)
{
    auto emu = EmulatorProcess::start({"--limits", "dataverse", "--time-scale", "1000"});
    ASSERT_TRUE(emu);
    for (const auto &r : {emu->api("GET", "WhoAmI"), emu->api("GET", "no_such_things")}) {
        EXPECT_EQ(header(r, "x-ms-dop-hint"), "4") << r.status;
        EXPECT_FALSE(header(r, "x-ms-ratelimit-burst-remaining-xrm-requests").empty());
        EXPECT_FALSE(header(r, "x-ms-ratelimit-time-remaining-xrm-requests").empty());
        EXPECT_FALSE(header(r, "x-ms-service-request-id").empty());
        EXPECT_EQ(header(r, "req_id"), header(r, "x-ms-service-request-id"));
        EXPECT_EQ(header(r, "odata-version"), "4.0");
    }
}

TEST(EmulatorLimits, CostModelDelaysAnswersAndChargesExecutionTime)
{
    const auto file = writeTemp("cost", {{"cost",
                                          {{"perRequestMs", 100},
                                           {"perOperationMs", 0},
                                           {"perRecordWrittenMs", 20},
                                           {"perColumnMs", 0},
                                           {"perPluginRecordMs", 0},
                                           {"perRecordReadMs", 0}}}});
    auto emu = EmulatorProcess::start({"--limits", file, "--time-scale", "2"});
    ASSERT_TRUE(emu);
    auto start = std::chrono::steady_clock::now();
    ASSERT_EQ(emu->api("GET", "WhoAmI").status, 200);
    EXPECT_GE(msSince(start), 49);

    start = std::chrono::steady_clock::now();
    const auto write =
        emu->api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", accounts(10, "Cost"));
    ASSERT_EQ(write.status / 100, 2) << write.body;
    // (100 + 10 * 20) / 2 = 150 ms
    EXPECT_GE(msSince(start), 149);

    json s = stats(*emu);
    ASSERT_EQ(s["executionTime"].size(), 1u) << s.dump();
    json &usage = s["executionTime"].begin().value();
    EXPECT_DOUBLE_EQ(usage.value("totalMs", -1.0), 50.0 + 150.0);
    EXPECT_DOUBLE_EQ(usage.value("windowMs", -1.0), 50.0 + 150.0);
}

TEST(EmulatorLimits, PluginCostChargedUnlessBypassed)
{
    const auto file = writeTemp("plugin", {{"pluginTables", {"account"}},
                                           {"cost",
                                            {{"perRequestMs", 0},
                                             {"perOperationMs", 0},
                                             {"perRecordWrittenMs", 1},
                                             {"perColumnMs", 0},
                                             {"perPluginRecordMs", 30},
                                             {"perRecordReadMs", 0}}}});
    auto emu = EmulatorProcess::start({"--limits", file, "--time-scale", "10"});
    ASSERT_TRUE(emu);
    const auto totalMs = [&] {
        json s = stats(*emu);
        return s["executionTime"].empty() ? 0.0 : s["executionTime"].begin().value().value("totalMs", -1.0);
    };
    ASSERT_EQ(emu->api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", accounts(5, "Plug")).status /
                  100,
              2);
    EXPECT_DOUBLE_EQ(totalMs(), (5 * 1 + 5 * 30) / 10.0);
    ASSERT_EQ(emu->api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", accounts(5, "Plug", 5),
                       {"MSCRM.BypassCustomPluginExecution: true"})
                      .status /
                  100,
              2);
    EXPECT_DOUBLE_EQ(totalMs(), (5 * 1 + 5 * 30) / 10.0 + 5 / 10.0);
}

TEST(EmulatorLimits, LimitsOffNeverThrottle)
{
    auto emu = EmulatorProcess::start({"--limits", "off"});
    ASSERT_TRUE(emu);
    const std::string token = emu->token();
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i)
                if (httpRequest("GET", emu->baseUrl() + "api/data/v9.2/WhoAmI",
                                {"Authorization: Bearer " + token})
                        .status == 200)
                    ++ok;
        });
    for (auto &t : threads)
        t.join();
    EXPECT_EQ(ok.load(), 200);
    json s = stats(*emu);
    EXPECT_EQ(s["throttled"].value("requests", -1) + s["throttled"].value("executionTime", -1) +
                  s["throttled"].value("concurrency", -1),
              0);
}

// The org file's own "x-ferry-emulator"."pluginTables" marks tables with plug-ins (the demo org marks
// ferry_invoice), without any --limits or --faults file naming them.
TEST(EmulatorLimits, PluginTablesOfTheOrgFileAreCharged)
{
    const auto file = writeTemp("plugin-org", {{"cost",
                                                {{"perRequestMs", 0},
                                                 {"perOperationMs", 0},
                                                 {"perRecordWrittenMs", 1},
                                                 {"perColumnMs", 0},
                                                 {"perPluginRecordMs", 30},
                                                 {"perRecordReadMs", 0}}}});
    auto emu = EmulatorProcess::start({"--limits", file, "--time-scale", "10"});
    ASSERT_TRUE(emu);
    const auto totalMs = [&] {
        json s = stats(*emu);
        return s["executionTime"].empty() ? 0.0 : s["executionTime"].begin().value().value("totalMs", -1.0);
    };
    // An artist (no plug-in): 1 ms per record.
    ASSERT_EQ(emu->api("POST", "ferry_artists", json{{"ferry_name", "No plug-in"}}.dump()).status, 204);
    EXPECT_DOUBLE_EQ(totalMs(), 1 / 10.0);
    // An invoice (plug-in table of the demo org): 1 + 30 ms.
    ASSERT_EQ(emu->api("POST", "ferry_invoices", json{{"ferry_invoicenumber", 1}}.dump()).status, 204)
        << emu->api("POST", "ferry_invoices", json{{"ferry_invoicenumber", 2}}.dump()).body;
    EXPECT_DOUBLE_EQ(totalMs(), 1 / 10.0 + 31 / 10.0);
}
