#pragma once
// Any thread: pure multipart/mixed parsing and writing for $batch (RFC 2046 with the leniency
// real clients need: bare LF line ends, missing final CRLF, quoted or unquoted boundaries).

#include <string>
#include <utility>
#include <vector>

namespace ferry::emu {

struct MimePart
{
    std::vector<std::pair<std::string, std::string>> headers; // lower-case names
    std::string body;
    std::string header(const std::string &lowerName) const;
};

/// The boundary parameter of a multipart Content-Type, or empty.
std::string multipartBoundary(const std::string &contentType);

/// Splits a multipart body into parts; false when no opening delimiter is found.
bool parseMultipart(const std::string &body, const std::string &boundary, std::vector<MimePart> &parts);

/// A raw HTTP request inside an application/http part.
struct InnerRequest
{
    std::string method, target, version;
    std::vector<std::pair<std::string, std::string>> headers; // lower-case names
    std::string body;
};
bool parseInnerRequest(const std::string &text, InnerRequest &out);

std::string reasonPhrase(int status);

} // namespace ferry::emu
