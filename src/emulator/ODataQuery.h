#pragma once
// Any thread: pure parsing of OData system query options ($filter expressions, $orderby,
// $select, $expand, key predicates) and URL percent-decoding. No state.

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ferry::emu {

std::string percentDecode(const std::string &s, bool plusIsSpace = false);
std::string percentEncode(const std::string &s);

/// A $filter expression tree node.
struct FilterNode
{
    enum Kind
    {
        And,
        Or,
        Not,
        Compare,
        Func,
        Literal,
        Path
    } kind = Literal;
    std::string op;       // Compare: eq ne gt ge lt le; Func: contains startswith endswith tolower toupper
    std::string path;     // Path
    nlohmann::json value; // Literal
    bool literalIsGuid = false;
    std::vector<std::unique_ptr<FilterNode>> args;
};

/// Parses a $filter (already percent-decoded). Returns nullptr and sets `error` on a syntax error.
std::unique_ptr<FilterNode> parseFilter(const std::string &text, std::string &error);

/// Resolves a property path ("name", "_x_value", "IsCustomizable/Value") to a value; null when absent.
using PathResolver = std::function<nlohmann::json(const std::string &path)>;

/// Evaluates the filter; strings compare case-insensitively (like the SQL collation of Dataverse).
bool evalFilter(const FilterNode &node, const PathResolver &resolve);

/// Collects every property path the filter mentions.
void filterPaths(const FilterNode &node, std::vector<std::string> &out);

/// Orders two JSON scalar values (null first); -1, 0, 1. Case-insensitive for strings.
int compareValues(const nlohmann::json &a, const nlohmann::json &b);

struct OrderItem
{
    std::string path;
    bool desc = false;
};
bool parseOrderBy(const std::string &text, std::vector<OrderItem> &out, std::string &error);

/// Splits on `sep` at nesting depth 0 (parentheses and quotes respected).
std::vector<std::string> splitTopLevel(const std::string &s, char sep);

struct ExpandItem
{
    std::string name;
    std::string options; // raw "$select=...;$filter=..." inside the parentheses
    std::string cast;    // "Microsoft.Dynamics.CRM.X" when written as name/Microsoft...X
};
std::vector<ExpandItem> parseExpand(const std::string &text);

/// Splits "a=1&b=2" (raw, percent-encoded) into decoded name -> value. Also used for
/// nested options separated by ';'.
std::map<std::string, std::string> parseQueryString(const std::string &query, char sep = '&');

/// One key predicate part: name (empty for a bare single key) and its literal value.
struct KeyPart
{
    std::string name;
    nlohmann::json value; // string, number, or the raw GUID text (isGuid)
    bool isGuid = false;
    bool quoted = false;
};
/// Parses the inside of "(...)" after an entity set: "<guid>", "name='x'", "a=1,b='y''z'".
bool parseKeyPredicate(const std::string &text, std::vector<KeyPart> &out, std::string &error);

bool isGuid(const std::string &s);
std::string lowerAscii(std::string s);

} // namespace ferry::emu
