// Thread: the test's thread. The org file's people and application users are systemuser rows of the
// emulator (as in a real org), over real HTTP with the demo org; they survive a reset and are not counted
// as client writes.

#include "EmulatorProcess.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

using ferry::test::EmulatorProcess;
using ferry::test::httpRequest;
using nlohmann::json;

namespace {

json getJson(EmulatorProcess &emu, const std::string &path)
{
    auto r = emu.api("GET", path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return json::parse(r.body, nullptr, false);
}

} // namespace

TEST(ServiceSystemUsers, PeopleAndApplicationUsersAreSystemUserRows)
{
    auto emu = EmulatorProcess::start({"--limits", "off"});
    ASSERT_TRUE(emu);

    json ada =
        getJson(*emu, "systemusers?$select=fullname,internalemailaddress&$filter=internalemailaddress%20eq%20"
                      "%27ada.lovelace@ferry-demo.example%27");
    ASSERT_TRUE(ada.is_object()) << "not JSON";
    ASSERT_EQ(ada["value"].size(), 1u) << ada.dump();
    EXPECT_EQ(ada["value"][0]["fullname"], "Ada Lovelace");

    // The caller of WhoAmI is a row too; its user name is derived from the app registration and tenant.
    json who = getJson(*emu, "WhoAmI");
    const std::string userId = who["UserId"];
    json me = getJson(*emu, "systemusers(" + userId + ")?$select=fullname,domainname");
    EXPECT_EQ(me["fullname"], "Ferry Migration 1") << me.dump();
    EXPECT_EQ(me["domainname"], "f3b9778c-d9c0-54cc-b6c6-29cd1265e38d@ferry-demo") << me.dump();

    // Six people and three application users in the demo org; none counted as a client's write.
    json stats = json::parse(httpRequest("GET", emu->baseUrl() + "_emulator/stats").body);
    EXPECT_EQ(stats["records"]["systemuser"], 9) << stats.dump();
    EXPECT_EQ(stats["service"]["created"], 0) << stats.dump();

    // A reset empties the data but the org's users are there again.
    ASSERT_EQ(httpRequest("POST", emu->baseUrl() + "_emulator/reset").status / 100, 2);
    EXPECT_EQ(emu->api("GET", "systemusers/$count").body, "9");
    EXPECT_EQ(emu->api("GET", "ferry_artists/$count").body, "0");
}
