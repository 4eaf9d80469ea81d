// Fault injection over real HTTP: deterministic under --seed, shares as configured, dropped connections,
// slow answers, and plug-in failure rules handed to the service.

#include "EmulatorProcess.h"
#include "TestUtil.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

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
    return ferry::test::writeTemp("faults", name, content);
}

json stats(EmulatorProcess &emu)
{
    return parse(httpRequest("GET", emu.baseUrl() + "_emulator/stats"));
}

// Status of request i of a fixed sequence; 0 when the connection was dropped.
std::vector<int> run(EmulatorProcess &emu, int count, int threads)
{
    const std::string token = emu.token();
    std::vector<int> statuses(static_cast<size_t>(count), -1);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (int i = t; i < count; i += threads)
                statuses[static_cast<size_t>(i)] =
                    httpRequest("GET", emu.baseUrl() + "api/data/v9.2/WhoAmI?tag=req" + std::to_string(i),
                                {"Authorization: Bearer " + token})
                        .status;
        });
    for (auto &w : workers)
        w.join();
    return statuses;
}

const json kMixed{{"error500", 0.2}, {"error503", 0.1}, {"drop", 0.1}};

} // namespace

TEST(EmulatorFaults, SameSeedSameFaultsRegardlessOfInterleaving)
{
    const auto file = writeTemp("mixed", kMixed);
    std::vector<int> first, second, other;
    {
        auto emu = EmulatorProcess::start({"--limits", "off", "--faults", file, "--seed", "42"});
        ASSERT_TRUE(emu);
        first = run(*emu, 60, 1);
    }
    {
        auto emu = EmulatorProcess::start({"--limits", "off", "--faults", file, "--seed", "42"});
        ASSERT_TRUE(emu);
        second = run(*emu, 60, 4);
    }
    {
        auto emu = EmulatorProcess::start({"--limits", "off", "--faults", file, "--seed", "7"});
        ASSERT_TRUE(emu);
        other = run(*emu, 60, 1);
    }
    EXPECT_EQ(first, second);
    EXPECT_NE(first, other);
    const auto faults = std::count_if(first.begin(), first.end(), [](int s) { return s != 200; });
    EXPECT_GT(faults, 5);
    EXPECT_LT(faults, 45);
    for (int s : first)
        EXPECT_TRUE(s == 200 || s == 500 || s == 503 || s == 0) << s;
}

TEST(EmulatorFaults, ErrorSharesRoughlyAsConfiguredAndCountedExactly)
{
    const auto file = writeTemp("shares", {{"error500", 0.25}, {"error503", 0.25}});
    auto emu = EmulatorProcess::start({"--limits", "off", "--faults", file, "--seed", "3"});
    ASSERT_TRUE(emu);
    const auto statuses = run(*emu, 400, 4);
    const auto n500 = std::count(statuses.begin(), statuses.end(), 500);
    const auto n503 = std::count(statuses.begin(), statuses.end(), 503);
    const auto n200 = std::count(statuses.begin(), statuses.end(), 200);
    EXPECT_EQ(n500 + n503 + n200, 400);
    // Binomial(400, 0.25): sd ~ 8.7; +-40 is > 4 sd.
    EXPECT_NEAR(static_cast<double>(n500), 100, 40);
    EXPECT_NEAR(static_cast<double>(n503), 100, 40);
    json s = stats(*emu);
    EXPECT_EQ(s["faults"].value("error500", -1), n500);
    EXPECT_EQ(s["faults"].value("error503", -1), n503);
    EXPECT_EQ(s["requests"].value("total", -1), 400);

    // The answers look like the real service's errors.
    const auto token = emu->token();
    for (int i = 0; i < 50; ++i) {
        const auto r =
            httpRequest("GET", emu->baseUrl() + "api/data/v9.2/WhoAmI?tag=shape" + std::to_string(i),
                        {"Authorization: Bearer " + token});
        if (r.status == 500 || r.status == 503) {
            json j = parse(r);
            EXPECT_FALSE(j["error"].value("code", "").empty());
            EXPECT_FALSE(j["error"].value("message", "").empty());
            EXPECT_EQ(r.headers.count("x-ms-dop-hint"), 1u);
            return;
        }
    }
    ADD_FAILURE() << "no 5xx answer in 50 requests";
}

TEST(EmulatorFaults, DroppedConnectionIsAClientErrorAndARetrySucceeds)
{
    const auto file = writeTemp("drop", {{"drop", 0.5}});
    auto emu = EmulatorProcess::start({"--limits", "off", "--faults", file, "--seed", "11"});
    ASSERT_TRUE(emu);
    const auto token = emu->token();
    int dropped = 0;
    for (int i = 0; i < 20 && dropped == 0; ++i) {
        const std::string url = emu->baseUrl() + "api/data/v9.2/WhoAmI?tag=drop" + std::to_string(i);
        const auto r = httpRequest("GET", url, {"Authorization: Bearer " + token});
        if (r.status != 0)
            continue;
        ++dropped;
        EXPECT_FALSE(r.error.empty());
        // The same request again draws again (the occurrence count is part of the hash): it succeeds soon.
        bool succeeded = false;
        for (int attempt = 0; attempt < 20 && !succeeded; ++attempt)
            succeeded = httpRequest("GET", url, {"Authorization: Bearer " + token}).status == 200;
        EXPECT_TRUE(succeeded);
    }
    EXPECT_EQ(dropped, 1);
    EXPECT_GE(stats(*emu)["faults"].value("drop", -1), 1);
    EXPECT_EQ(stats(*emu).value("inFlight", -1), 0);
}

TEST(EmulatorFaults, SlowAnswersAreDelayed)
{
    const auto file = writeTemp("slow", {{"slow", 1.0}, {"slowMs", 600}});
    auto emu = EmulatorProcess::start({"--limits", "off", "--faults", file, "--time-scale", "2"});
    ASSERT_TRUE(emu);
    emu->token();
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(emu->api("GET", "WhoAmI").status, 200);
    EXPECT_GE(msSince(start), 299);
    EXPECT_EQ(stats(*emu)["faults"].value("slow", -1), 1);
}

TEST(EmulatorFaults, PluginFailureRuleReachesTheService)
{
    const auto file = writeTemp(
        "plugin",
        {{"pluginFailures",
          {{{"table", "account"}, {"column", "name"}, {"contains", "FAIL"}, {"message", "No FAIL here."}}}}});
    auto emu = EmulatorProcess::start({"--limits", "off", "--faults", file});
    ASSERT_TRUE(emu);
    const json bad{
        {"Targets",
         {{{"@odata.type", "Microsoft.Dynamics.CRM.account"}, {"name", "ok"}, {"accountnumber", "P-1"}},
          {{"@odata.type", "Microsoft.Dynamics.CRM.account"},
           {"name", "FAIL me"},
           {"accountnumber", "P-2"}}}}};
    const auto r = emu->api("POST", "accounts/Microsoft.Dynamics.CRM.CreateMultiple", bad.dump());
    EXPECT_EQ(r.status, 400) << r.body;
    json j = parse(r);
    EXPECT_EQ(j["error"].value("code", ""), "0x80040265");
    EXPECT_NE(j["error"].value("message", "").find("No FAIL here."), std::string::npos) << r.body;
    // Rolled back: the good record did not go in either.
    EXPECT_EQ(stats(*emu)["records"].value("account", 0), 0);
}

TEST(EmulatorFaults, BadFaultsFileIsRejected)
{
    const auto file = writeTemp("bad", {{"error500", 2}});
    const std::string command = std::string("timeout 20 ") + FERRY_EMULATOR_EXE +
                                " --listen 127.0.0.1:0 --org " + ferry::test::sourceDir() +
                                "/resources/demo/org.json --faults " + file + " >/dev/null 2>&1";
    const int rc = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(rc));
    EXPECT_EQ(WEXITSTATUS(rc), 2);
}
