#include "Multipart.h"

#include "ODataQuery.h"

namespace ferry::emu {

std::string MimePart::header(const std::string &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return h.second;
    return {};
}

std::string multipartBoundary(const std::string &contentType)
{
    std::string lc = lowerAscii(contentType);
    auto p = lc.find("boundary=");
    if (p == std::string::npos)
        return {};
    std::string b = contentType.substr(p + 9);
    if (!b.empty() && b[0] == '"') {
        auto q = b.find('"', 1);
        return b.substr(1, q == std::string::npos ? std::string::npos : q - 1);
    }
    auto end = b.find_first_of("; \t\r\n");
    return b.substr(0, end);
}

namespace {

// Reads header lines until an empty line; returns the offset after it.
size_t parseHeaders(const std::string &s, size_t pos,
                    std::vector<std::pair<std::string, std::string>> &headers)
{
    while (pos < s.size()) {
        size_t eol = s.find('\n', pos);
        if (eol == std::string::npos)
            eol = s.size();
        std::string line = s.substr(pos, eol - pos);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        pos = eol + 1;
        if (line.empty())
            return pos;
        auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string name = lowerAscii(line.substr(0, colon));
        size_t vb = line.find_first_not_of(" \t", colon + 1);
        headers.emplace_back(name, vb == std::string::npos ? std::string() : line.substr(vb));
    }
    return std::min(pos, s.size());
}

} // namespace

bool parseMultipart(const std::string &body, const std::string &boundary, std::vector<MimePart> &parts)
{
    const std::string delim = "--" + boundary;
    // Delimiters must start a line; find the first one.
    size_t pos = 0;
    auto findDelim = [&](size_t from) -> size_t {
        while (true) {
            size_t p = body.find(delim, from);
            if (p == std::string::npos)
                return p;
            if (p == 0 || body[p - 1] == '\n')
                return p;
            from = p + 1;
        }
    };
    pos = findDelim(0);
    if (pos == std::string::npos)
        return false;
    while (true) {
        size_t after = pos + delim.size();
        if (body.compare(after, 2, "--") == 0)
            return true; // close delimiter
        // skip the rest of the delimiter line
        size_t eol = body.find('\n', after);
        if (eol == std::string::npos)
            return true; // truncated final delimiter: lenient
        size_t start = eol + 1;
        size_t next = findDelim(start);
        size_t end = next == std::string::npos ? body.size() : next;
        // the line break before the next delimiter belongs to the delimiter
        size_t contentEnd = end;
        if (next != std::string::npos) {
            if (contentEnd > start && body[contentEnd - 1] == '\n')
                --contentEnd;
            if (contentEnd > start && body[contentEnd - 1] == '\r')
                --contentEnd;
        }
        MimePart part;
        std::string content = body.substr(start, contentEnd - start);
        size_t bodyStart = parseHeaders(content, 0, part.headers);
        part.body = content.substr(bodyStart);
        parts.push_back(std::move(part));
        if (next == std::string::npos)
            return true; // missing close delimiter: lenient
        pos = next;
    }
}

bool parseInnerRequest(const std::string &text, InnerRequest &out)
{
    size_t pos = 0;
    // tolerate blank lines before the request line
    while (pos < text.size() && (text[pos] == '\r' || text[pos] == '\n'))
        ++pos;
    size_t eol = text.find('\n', pos);
    std::string line = text.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    auto s1 = line.find(' ');
    if (s1 == std::string::npos)
        return false;
    auto s2 = line.rfind(' ');
    out.method = line.substr(0, s1);
    if (s2 == s1) {
        out.target = line.substr(s1 + 1);
    } else {
        out.target = line.substr(s1 + 1, s2 - s1 - 1);
        out.version = line.substr(s2 + 1);
    }
    if (eol == std::string::npos)
        return true;
    size_t bodyStart = parseHeaders(text, eol + 1, out.headers);
    out.body = text.substr(bodyStart);
    // trailing line breaks between the body and the next delimiter are not content
    while (!out.body.empty() && (out.body.back() == '\n' || out.body.back() == '\r'))
        out.body.pop_back();
    return true;
}

std::string reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace ferry::emu
