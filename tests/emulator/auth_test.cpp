// Auth over real HTTP: the Microsoft identity platform shapes of ferry-emulator's token endpoints and the
// bearer check on /api/data.

#include "EmulatorProcess.h"
#include "TestUtil.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

using ferry::test::EmulatorProcess;
using ferry::test::httpRequest;
using ferry::test::HttpResult;
using ferry::test::parse;
using nlohmann::json;

namespace {

const char *kForm = "Content-Type: application/x-www-form-urlencoded";

json appUsers(EmulatorProcess &emu)
{
    return parse(httpRequest("GET", emu.baseUrl() + "_emulator/appusers"));
}

HttpResult tokenRequest(EmulatorProcess &emu, const std::string &tenant, const std::string &form)
{
    return httpRequest("POST", emu.baseUrl() + tenant + "/oauth2/v2.0/token", {kForm}, form);
}

std::string clientCredentials(EmulatorProcess &emu, const json &user, const std::string &secret)
{
    return "grant_type=client_credentials&client_id=" + user["clientId"].get<std::string>() +
           "&client_secret=" + secret + "&scope=" + emu.baseUrl() + ".default";
}

HttpResult whoAmI(EmulatorProcess &emu, const std::string &token)
{
    return httpRequest("GET", emu.baseUrl() + "api/data/v9.2/WhoAmI",
                       {"Authorization: Bearer " + token, "Accept: application/json"});
}

void expectEntraError(const HttpResult &r, int status, const std::string &error, int code)
{
    EXPECT_EQ(r.status, status) << r.body;
    json j = parse(r);
    ASSERT_TRUE(j.is_object()) << r.body;
    EXPECT_EQ(j.value("error", ""), error);
    ASSERT_TRUE(j.contains("error_codes"));
    EXPECT_EQ(j["error_codes"], json::array({code}));
    EXPECT_EQ(j.value("error_description", "").rfind("AADSTS" + std::to_string(code) + ": ", 0), 0u)
        << j.value("error_description", "");
    EXPECT_FALSE(j.value("timestamp", "").empty());
    EXPECT_EQ(j.value("trace_id", "").size(), 36u);
    EXPECT_EQ(j.value("correlation_id", "").size(), 36u);
}

} // namespace

TEST(EmulatorAuth, ClientCredentialsIssueABearerTokenThatWhoAmIAccepts)
{
    auto emu = EmulatorProcess::start();
    ASSERT_TRUE(emu);
    json users = appUsers(*emu);
    ASSERT_TRUE(users.is_array() && users.size() >= 2) << users.dump();
    const json &user = users[1];
    const auto r = tokenRequest(*emu, user["tenant"], clientCredentials(*emu, user, user["clientSecret"]));
    ASSERT_EQ(r.status, 200) << r.body;
    json t = parse(r);
    EXPECT_EQ(t.value("token_type", ""), "Bearer");
    EXPECT_EQ(t.value("expires_in", 0), 3600);
    EXPECT_EQ(t.value("ext_expires_in", 0), 3600);
    EXPECT_FALSE(t.contains("refresh_token")) << "client credentials never return a refresh token";
    const std::string token = t.value("access_token", "");
    ASSERT_FALSE(token.empty());

    const auto who = whoAmI(*emu, token);
    ASSERT_EQ(who.status, 200) << who.body;
    EXPECT_EQ(parse(who).value("UserId", ""), user["userId"].get<std::string>());
    EXPECT_EQ(who.headers.count("www-authenticate"), 0u);
}

TEST(EmulatorAuth, TokenEndpointErrorsLookLikeEntra)
{
    auto emu = EmulatorProcess::start();
    ASSERT_TRUE(emu);
    json user = appUsers(*emu)[0];
    const std::string tenant = user["tenant"];

    expectEntraError(tokenRequest(*emu, tenant, clientCredentials(*emu, user, "wrong-secret")), 401,
                     "invalid_client", 7000215);

    json stranger = user;
    stranger["clientId"] = "11111111-2222-3333-4444-555555555555";
    expectEntraError(tokenRequest(*emu, tenant, clientCredentials(*emu, stranger, user["clientSecret"])), 400,
                     "unauthorized_client", 700016);

    expectEntraError(
        tokenRequest(*emu, "no-such-tenant.example", clientCredentials(*emu, user, user["clientSecret"])),
        400, "invalid_request", 90002);

    const std::string noScope =
        "grant_type=client_credentials&client_id=" + user["clientId"].get<std::string>() +
        "&client_secret=" + user["clientSecret"].get<std::string>();
    expectEntraError(tokenRequest(*emu, tenant, noScope), 400, "invalid_scope", 1002012);
    expectEntraError(tokenRequest(*emu, tenant, noScope + "&scope=" + emu->baseUrl() + "user_impersonation"),
                     400, "invalid_scope", 1002012);
    expectEntraError(tokenRequest(*emu, tenant, "client_id=x"), 400, "invalid_request", 900144);
}

TEST(EmulatorAuth, MissingGarbageAndExpiredTokensAreRefusedWith401)
{
    auto emu = EmulatorProcess::start({"--token-lifetime", "2"});
    ASSERT_TRUE(emu);
    const std::string token = emu->token();
    ASSERT_FALSE(token.empty());
    ASSERT_EQ(whoAmI(*emu, token).status, 200);

    const auto check401 = [&](const HttpResult &r) {
        EXPECT_EQ(r.status, 401) << r.body;
        EXPECT_EQ(r.headers.count("www-authenticate"), 1u);
        const std::string challenge =
            r.headers.count("www-authenticate") ? r.headers.at("www-authenticate") : "";
        EXPECT_EQ(challenge.rfind("Bearer authorization_uri=" + emu->baseUrl(), 0), 0u) << challenge;
        EXPECT_NE(challenge.find("resource_id=" + emu->baseUrl()), std::string::npos) << challenge;
        json j = parse(r);
        EXPECT_EQ(j["error"].value("code", ""), "0x8005F101");
        return j["error"].value("message", "");
    };
    const std::string garbage = check401(whoAmI(*emu, "not-a-token"));
    const std::string missing =
        check401(httpRequest("GET", emu->baseUrl() + "api/data/v9.2/WhoAmI", {"Accept: application/json"}));
    std::this_thread::sleep_for(std::chrono::milliseconds(2300));
    const std::string expired = check401(whoAmI(*emu, token));
    EXPECT_NE(expired.find("expired"), std::string::npos) << expired;
    EXPECT_EQ(garbage.find("expired"), std::string::npos) << garbage;
    EXPECT_NE(garbage, missing);

    json stats = parse(httpRequest("GET", emu->baseUrl() + "_emulator/stats"));
    EXPECT_EQ(stats["requests"].value("unauthorized", -1), 3);
    EXPECT_EQ(stats["requests"].value("total", -1), 1);
}

TEST(EmulatorAuth, DeviceCodePendingThenApprovedThenRefreshed)
{
    auto emu = EmulatorProcess::start();
    ASSERT_TRUE(emu);
    json users = appUsers(*emu);
    const json &user = users[0];
    const json &signIn = users[users.size() - 1];
    const std::string tenant = user["tenant"];
    const std::string clientId = user["clientId"];

    const auto dc = httpRequest("POST", emu->baseUrl() + tenant + "/oauth2/v2.0/devicecode", {kForm},
                                "client_id=" + clientId + "&scope=" + emu->baseUrl() +
                                    "user_impersonation%20offline_access");
    ASSERT_EQ(dc.status, 200) << dc.body;
    json code = parse(dc);
    const std::string deviceCode = code.value("device_code", "");
    const std::string userCode = code.value("user_code", "");
    ASSERT_FALSE(deviceCode.empty());
    ASSERT_FALSE(userCode.empty());
    EXPECT_EQ(code.value("verification_uri", ""), emu->baseUrl() + "devicelogin");
    EXPECT_EQ(code.value("expires_in", 0), 900);
    EXPECT_GE(code.value("interval", 0), 1);
    EXPECT_NE(code.value("message", "").find(userCode), std::string::npos);

    const std::string poll = "grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=" + clientId +
                             "&device_code=" + deviceCode;
    expectEntraError(tokenRequest(*emu, tenant, poll), 400, "authorization_pending", 70016);

    const auto approve = httpRequest("POST", emu->baseUrl() + "_emulator/devicecode/approve",
                                     {"Content-Type: application/json"},
                                     json{{"user_code", userCode}, {"user", signIn["userId"]}}.dump());
    ASSERT_EQ(approve.status, 204) << approve.body;

    const auto granted = tokenRequest(*emu, tenant, poll);
    ASSERT_EQ(granted.status, 200) << granted.body;
    json t = parse(granted);
    const std::string access = t.value("access_token", "");
    const std::string refresh = t.value("refresh_token", "");
    ASSERT_FALSE(access.empty());
    ASSERT_FALSE(refresh.empty());
    const auto who = whoAmI(*emu, access);
    ASSERT_EQ(who.status, 200) << who.body;
    EXPECT_EQ(parse(who).value("UserId", ""), signIn["userId"].get<std::string>());

    // A device code is redeemed once.
    expectEntraError(tokenRequest(*emu, tenant, poll), 400, "bad_verification_code", 70019);

    const std::string refreshForm =
        "grant_type=refresh_token&client_id=" + clientId + "&refresh_token=" + refresh;
    const auto refreshed = tokenRequest(*emu, tenant, refreshForm);
    ASSERT_EQ(refreshed.status, 200) << refreshed.body;
    json r2 = parse(refreshed);
    EXPECT_NE(r2.value("access_token", ""), access);
    EXPECT_NE(r2.value("refresh_token", ""), refresh);
    EXPECT_EQ(whoAmI(*emu, r2.value("access_token", "")).status, 200);
    // Each use hands out a new refresh token; the old one is spent.
    expectEntraError(tokenRequest(*emu, tenant, refreshForm), 400, "invalid_grant", 9002313);
}

TEST(EmulatorAuth, DeviceLoginPageApprovesOrDeclines)
{
    auto emu = EmulatorProcess::start({"--device-code-lifetime", "2"});
    ASSERT_TRUE(emu);
    json user = appUsers(*emu)[0];
    const std::string tenant = user["tenant"];
    const std::string clientId = user["clientId"];
    const auto newCode = [&] {
        return parse(httpRequest("POST", emu->baseUrl() + tenant + "/oauth2/v2.0/devicecode", {kForm},
                                 "client_id=" + clientId + "&scope=user_impersonation"));
    };
    const auto pollForm = [&](const json &c) {
        return "grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=" + clientId +
               "&device_code=" + c.value("device_code", "");
    };

    const auto page = httpRequest("GET", emu->baseUrl() + "devicelogin");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<form"), std::string::npos);
    EXPECT_NE(page.body.find(user["name"].get<std::string>()), std::string::npos);

    json approved = newCode();
    const auto submit = httpRequest("POST", emu->baseUrl() + "devicelogin", {kForm},
                                    "user_code=" + approved.value("user_code", "") +
                                        "&user=" + user["userId"].get<std::string>() + "&action=approve");
    ASSERT_EQ(submit.status, 200) << submit.body;
    EXPECT_EQ(tokenRequest(*emu, tenant, pollForm(approved)).status, 200);

    const auto wrong =
        httpRequest("POST", emu->baseUrl() + "devicelogin", {kForm}, "user_code=NOPE&action=approve");
    EXPECT_EQ(wrong.status, 400);

    json declined = newCode();
    ASSERT_EQ(httpRequest("POST", emu->baseUrl() + "devicelogin", {kForm},
                          "user_code=" + declined.value("user_code", "") + "&action=decline")
                  .status,
              200);
    expectEntraError(tokenRequest(*emu, tenant, pollForm(declined)), 400, "authorization_declined", 70000);

    json expiring = newCode();
    std::this_thread::sleep_for(std::chrono::milliseconds(2300));
    expectEntraError(tokenRequest(*emu, tenant, pollForm(expiring)), 400, "expired_token", 70020);
    expectEntraError(tokenRequest(*emu, tenant, pollForm(json{{"device_code", "made-up"}})), 400,
                     "bad_verification_code", 70019);
}
