// Thread: the test's thread. In-process unit tests of the emulator service's pure parsers: $filter,
// key predicates, multipart/mixed, plus Service::handle without HTTP for the org loader's errors.

#include "Multipart.h"
#include "ODataQuery.h"
#include "Service.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

using nlohmann::json;
using namespace ferry::emu;

namespace {

bool eval(const std::string &filter, const json &row)
{
    std::string err;
    auto f = parseFilter(filter, err);
    EXPECT_TRUE(f) << filter << ": " << err;
    if (!f)
        return false;
    return evalFilter(*f, [&](const std::string &p) { return row.contains(p) ? row[p] : json(); });
}

TEST(ServiceFilterParser, OperatorsPrecedenceAndLiterals)
{
    json row = {{"name", "Contoso"},
                {"n", 10},
                {"d", 2.5},
                {"b", true},
                {"when", "2024-03-01T10:00:00Z"},
                {"id", "aaaaaaaa-0000-0000-0000-000000000001"}};
    EXPECT_TRUE(eval("name eq 'contoso'", row));
    EXPECT_TRUE(eval("n gt 9 and n lt 11", row));
    EXPECT_TRUE(eval("n ge 10 and n le 10 and d gt 2", row));
    EXPECT_TRUE(eval("n eq 1 or n eq 10 and b eq true", row)); // and binds tighter than or
    EXPECT_FALSE(eval("(n eq 1 or n eq 10) and b eq false", row));
    EXPECT_TRUE(eval("not (n eq 1)", row));
    EXPECT_TRUE(eval("missing eq null and name ne null", row));
    EXPECT_FALSE(eval("missing gt 1", row));
    EXPECT_TRUE(eval("when gt 2024-02-29 and when lt 2024-03-01T11:00:00Z", row));
    EXPECT_TRUE(eval("id eq AAAAAAAA-0000-0000-0000-000000000001", row));
    EXPECT_TRUE(eval("contains(name,'ntos') and startswith(name,'con') and endswith(name,'SO')", row));
    EXPECT_TRUE(eval("name eq 'O''Brien' or name eq 'Contoso'", row));
    EXPECT_TRUE(eval("kind eq Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'", {{"kind", "Picklist"}}));
    std::string err;
    EXPECT_FALSE(parseFilter("name eq", err));
    EXPECT_FALSE(parseFilter("(name eq 'x'", err));
    EXPECT_FALSE(parseFilter("name eq 'x' garbage", err));
    EXPECT_FALSE(parseFilter("name eq 'unterminated", err));
}

TEST(ServiceKeyParser, SimpleCompositeQuotedAndNumbers)
{
    std::vector<KeyPart> parts;
    std::string err;
    ASSERT_TRUE(parseKeyPredicate("00000000-0000-0000-0000-0000000000AA", parts, err));
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_TRUE(parts[0].isGuid);
    EXPECT_EQ(parts[0].value, "00000000-0000-0000-0000-0000000000aa");
    parts.clear();
    ASSERT_TRUE(parseKeyPredicate("name='O''Brien, Ltd',num=12,_x_value=00000000-0000-0000-0000-000000000001",
                                  parts, err));
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_EQ(parts[0].name, "name");
    EXPECT_EQ(parts[0].value, "O'Brien, Ltd");
    EXPECT_EQ(parts[1].value, 12);
    EXPECT_TRUE(parts[2].isGuid);
    parts.clear();
    EXPECT_FALSE(parseKeyPredicate("name='open", parts, err));
    parts.clear();
    EXPECT_FALSE(parseKeyPredicate("name=abc", parts, err));
}

TEST(ServiceMultipartParser, CrlfLfQuotedBoundaryAndMissingTerminator)
{
    EXPECT_EQ(multipartBoundary("multipart/mixed; boundary=\"batch_1\""), "batch_1");
    EXPECT_EQ(multipartBoundary("multipart/mixed;boundary=batch_2"), "batch_2");
    std::string body =
        "--b\r\nContent-Type: application/http\r\n\r\nPOST /x HTTP/1.1\r\nA: 1\r\n\r\n{\"a\":1}\r\n"
        "--b\r\nContent-Type: application/http\r\n\r\nGET /y HTTP/1.1\r\n\r\n\r\n--b--\r\n";
    std::vector<MimePart> parts;
    ASSERT_TRUE(parseMultipart(body, "b", parts));
    ASSERT_EQ(parts.size(), 2u);
    InnerRequest r;
    ASSERT_TRUE(parseInnerRequest(parts[0].body, r));
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/x");
    EXPECT_EQ(r.body, "{\"a\":1}");
    std::string lf;
    for (char c : body)
        if (c != '\r')
            lf.push_back(c);
    lf.resize(lf.size() - 6); // drop "--b--\n": a truncated body (short Content-Length) is still read
    parts.clear();
    ASSERT_TRUE(parseMultipart(lf, "b", parts));
    ASSERT_EQ(parts.size(), 2u);
    ASSERT_TRUE(parseInnerRequest(parts[1].body, r));
    EXPECT_EQ(r.method, "GET");
    parts.clear();
    EXPECT_FALSE(parseMultipart("no delimiter", "b", parts));
}

TEST(ServiceOrgLoader, ErrorsNameFileAndJsonPath)
{
    const std::string path = ::testing::TempDir() + "ferry_org_err_" + std::to_string(::getpid()) + ".json";
    auto tryLoad = [&](const std::string &text) {
        std::ofstream(path) << text;
        std::string error;
        auto s = Service::create(path, ServiceOptions{}, error);
        EXPECT_FALSE(s);
        return error;
    };
    std::string e1 = tryLoad("{\"value\": 3}");
    EXPECT_NE(e1.find(path), std::string::npos);
    EXPECT_NE(e1.find("$.value"), std::string::npos);
    std::string e2 =
        tryLoad(R"({"value":[{"LogicalName":"a","Attributes":[{"LogicalName":"x","AttributeType":"String"}],
        "Keys":[{"LogicalName":"k","KeyAttributes":["nope"]}]}]})");
    EXPECT_NE(e2.find("$.value[0] (a).Keys[0].KeyAttributes[0]"), std::string::npos) << e2;
    std::string e3 = tryLoad("{not json");
    EXPECT_NE(e3.find("not valid JSON"), std::string::npos) << e3;
    std::remove(path.c_str());
}

TEST(ServiceInProcess, StatsCountersAndReset)
{
    const std::string path = ::testing::TempDir() + "ferry_org_min_" + std::to_string(::getpid()) + ".json";
    std::ofstream(path)
        << R"({"value":[{"LogicalName":"thing","EntitySetName":"things","PrimaryIdAttribute":"thingid",
        "Attributes":[{"LogicalName":"thingid","AttributeType":"Uniqueidentifier"},{"LogicalName":"name","AttributeType":"String","MaxLength":10}]}]})";
    std::string error;
    auto s = Service::create(path, ServiceOptions{}, error);
    ASSERT_TRUE(s) << error;
    RequestContext ctx;
    ctx.baseUrl = "http://127.0.0.1:1/";
    CostInfo cost;
    HttpRequest req{
        "POST", "/api/data/v9.2/things", {{"content-type", "application/json"}}, R"({"name":"a"})"};
    EXPECT_EQ(s->handle(req, ctx, cost).status, 204);
    EXPECT_EQ(cost.recordsWritten, 1);
    EXPECT_EQ(cost.columnsWritten, 1);
    ASSERT_EQ(cost.recordsPerTable.size(), 1u);
    EXPECT_EQ(cost.recordsPerTable[0].first, "thing");
    json st = s->stats();
    EXPECT_EQ(st["records"]["thing"], 1);
    EXPECT_EQ(st["created"], 1);
    s->reset();
    st = s->stats();
    EXPECT_EQ(st["records"]["thing"], 0);
    EXPECT_EQ(st["created"], 0);
    EXPECT_FALSE(s->appUsers().empty());
    std::remove(path.c_str());
}

} // namespace
