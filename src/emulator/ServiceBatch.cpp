// $batch: multipart/mixed requests with change sets, Content-ID references and
// continue-on-error, answered with batchresponse_/changesetresponse_ boundaries.
#include "Multipart.h"
#include "ServiceImpl.h"

namespace ferry::emu {

using json = nlohmann::json;

namespace {

constexpr size_t kMaxBatchRequests = 1000;

std::string serializePart(const HttpResponse &r, const std::string &contentId)
{
    std::string out = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n";
    if (!contentId.empty())
        out += "Content-ID: " + contentId + "\r\n";
    out += "\r\nHTTP/1.1 " + std::to_string(r.status) + " " + reasonPhrase(r.status) + "\r\n";
    for (const auto &h : r.headers)
        if (h.first.rfind("x-ferry-", 0) != 0)
            out += h.first + ": " + h.second + "\r\n";
    out += "\r\n";
    out += r.body;
    out += "\r\n";
    return out;
}

std::string entityUrlOf(const HttpResponse &r)
{
    for (const auto &h : r.headers)
        if (h.first == "OData-EntityId" || h.first == "Location" || h.first == "x-ferry-entity-url")
            return h.second;
    return {};
}

} // namespace

HttpResponse Service::Impl::handleBatch(const HttpRequest &req, Ctx &ctx)
{
    std::string boundary = multipartBoundary(req.header("content-type"));
    if (boundary.empty())
        fail(400, "0x80048d19", "The $batch request must have Content-Type multipart/mixed with a boundary.");
    std::vector<MimePart> parts;
    if (!parseMultipart(req.body, boundary, parts))
        fail(400, "0x80048d19", "The $batch body does not contain the boundary '" + boundary + "'.");

    // Count every request (change-set members included) before doing anything.
    struct Top
    {
        bool changeSet = false;
        std::vector<MimePart> members;
        MimePart single;
    };
    std::vector<Top> tops;
    size_t total = 0;
    for (auto &p : parts) {
        Top t;
        std::string ct = lowerAscii(p.header("content-type"));
        if (ct.rfind("multipart/mixed", 0) == 0) {
            t.changeSet = true;
            std::string cb = multipartBoundary(p.header("content-type"));
            if (cb.empty() || !parseMultipart(p.body, cb, t.members))
                fail(400, "0x80048d19", "A change set of the $batch request has no valid boundary.");
            total += t.members.size();
        } else {
            t.single = std::move(p);
            ++total;
        }
        tops.push_back(std::move(t));
    }
    if (total > kMaxBatchRequests)
        // UNCONFIRMED code/text: the limit is documented (1,000), the exact error is not.
        fail(400, "0x8005E238",
             "The number of requests in the $batch (" + std::to_string(total) +
                 ") exceeds the maximum of 1000 requests per batch.");
    ctx.cost->operations = static_cast<int>(std::max<size_t>(total, 1));

    std::map<std::string, std::string> contentIds;
    ctx.contentIds = &contentIds;
    const std::string rb = "batchresponse_" + newGuid();
    std::string out;
    int outerStatus = 200;
    bool stop = false;

    auto execute = [&](const MimePart &part, bool inChangeSet) -> HttpResponse {
        InnerRequest inner;
        HttpRequest sub;
        Ctx subCtx = ctx;
        try {
            if (!parseInnerRequest(part.body, inner))
                fail(400, "0x80048d19", "A $batch part does not contain an HTTP request line.");
            if (inChangeSet && inner.method == "GET")
                fail(400, "0x80060888", "GET requests are not allowed inside a change set.");
            std::string target = inner.target;
            if (!target.empty() && target[0] == '$') {
                auto slash = target.find('/');
                std::string ref = target.substr(0, slash);
                auto it = contentIds.find(ref);
                if (it == contentIds.end())
                    fail(400, "0x80060888",
                         "Content-ID Reference: '" + ref + "' does not exist in the batch context.");
                target = it->second + (slash == std::string::npos ? std::string() : target.substr(slash));
            }
            auto api = target.find("/api/data/");
            if (api != std::string::npos)
                target = target.substr(api);
            else if (target.compare(0, 7, "http://") == 0 || target.compare(0, 8, "https://") == 0)
                fail(404, "0x8006088a", "Resource not found for the segment '" + target + "'.");
            else if (target.empty() || target[0] != '/')
                target = "/api/data/v9.2/" + target;
            sub.method = inner.method;
            sub.target = target;
            sub.headers = inner.headers;
            sub.body = inner.body;
            // Outer headers that govern behaviour apply to every part unless the part says otherwise.
            for (const char *h :
                 {"mscrm.bypasscustompluginexecution", "mscrm.bypassbusinesslogicexecution", "mscrmcallerid"})
                if (!sub.hasHeader(h) && req.hasHeader(h))
                    sub.headers.emplace_back(h, req.header(h));
            if (sub.target.find("/$batch") != std::string::npos)
                fail(400, "0x80048d19", "Nested $batch requests are not supported.");
            initCtx(subCtx, sub);
            subCtx.undo = ctx.undo;
            subCtx.contentIds = &contentIds;
            subCtx.cost = ctx.cost;
            subCtx.continueOnError = false;
            HttpResponse r = dispatch(sub, subCtx);
            if (!subCtx.entityUrl.empty())
                r.setHeader("x-ferry-entity-url", subCtx.entityUrl); // internal; not serialized
            return r;
        } catch (const ApiError &e) {
            return errorResponse(e, subCtx);
        } catch (const json::exception &e) {
            return errorResponse(
                ApiError(400, "0x80048d19", std::string("Error parsing the request: ") + e.what()), subCtx);
        } catch (const std::exception &e) {
            return errorResponse(
                ApiError(500, "0x80040216", std::string("An unexpected error occurred: ") + e.what()),
                subCtx);
        }
    };

    for (auto &top : tops) {
        if (stop)
            break;
        if (!top.changeSet) {
            HttpResponse r = execute(top.single, false);
            std::string url = entityUrlOf(r);
            std::string cid = top.single.header("content-id");
            if (!cid.empty() && !url.empty())
                contentIds["$" + cid] = url;
            out += "--" + rb + "\r\n" + serializePart(r, cid);
            if (r.status >= 400 && !ctx.continueOnError) {
                outerStatus = 400;
                stop = true;
            }
            continue;
        }
        // A change set is atomic: other writers wait, and any failure rolls every member back.
        std::unique_lock tx(txMutex);
        UndoLog undo;
        ctx.undo = &undo;
        std::vector<std::pair<HttpResponse, std::string>> responses;
        bool failed = false;
        for (auto &member : top.members) {
            HttpResponse r = execute(member, true);
            std::string cid = member.header("content-id");
            if (r.status >= 400) {
                rollback(undo);
                failed = true;
                responses.clear();
                responses.emplace_back(std::move(r), cid);
                break;
            }
            std::string url = entityUrlOf(r);
            if (!cid.empty() && !url.empty())
                contentIds["$" + cid] = url;
            responses.emplace_back(std::move(r), cid);
        }
        ctx.undo = nullptr;
        if (!failed)
            commit(undo);
        tx.unlock();
        if (failed) {
            // One response for the whole failed change set (OData 4.0); exact Dataverse framing is
            // UNCONFIRMED.
            out += "--" + rb + "\r\n" + serializePart(responses[0].first, responses[0].second);
            if (!ctx.continueOnError) {
                outerStatus = 400;
                stop = true;
            }
            continue;
        }
        const std::string cb = "changesetresponse_" + newGuid();
        out += "--" + rb + "\r\nContent-Type: multipart/mixed; boundary=" + cb + "\r\n\r\n";
        for (const auto &[r, cid] : responses)
            out += "--" + cb + "\r\n" + serializePart(r, cid);
        out += "--" + cb + "--\r\n";
    }
    out += "--" + rb + "--\r\n";
    ctx.contentIds = nullptr;
    HttpResponse resp;
    resp.status = outerStatus;
    resp.body = std::move(out);
    resp.setHeader("Content-Type", "multipart/mixed; boundary=" + rb);
    resp.setHeader("OData-Version", "4.0");
    return resp;
}

} // namespace ferry::emu
