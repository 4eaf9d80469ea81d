#include "ODataQuery.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace ferry::emu {

std::string lowerAscii(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string percentDecode(const std::string &s, bool plusIsSpace)
{
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '%' && i + 2 < s.size() + 0 && i + 2 <= s.size() - 1 + 0 &&
            std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out.push_back(static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16)));
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string percentEncode(const std::string &s)
{
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out.push_back(static_cast<char>(c));
        else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

bool isGuid(const std::string &s)
{
    if (s.size() != 36)
        return false;
    for (size_t i = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return false;
        } else if (!std::isxdigit(static_cast<unsigned char>(s[i]))) {
            return false;
        }
    }
    return true;
}

namespace {

struct Lexer
{
    const std::string &s;
    size_t pos = 0;
    std::string error;

    void skipWs()
    {
        while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos])))
            ++pos;
    }
    bool atEnd()
    {
        skipWs();
        return pos >= s.size();
    }
    bool peekChar(char c)
    {
        skipWs();
        return pos < s.size() && s[pos] == c;
    }
    // An identifier-ish word: letters, digits, _, ., /, -, :, @ (paths, enums, dates, guids, numbers).
    std::string peekWord()
    {
        skipWs();
        size_t p = pos;
        while (p < s.size() &&
               (std::isalnum(static_cast<unsigned char>(s[p])) || s[p] == '_' || s[p] == '.' || s[p] == '/' ||
                s[p] == '-' || s[p] == ':' || s[p] == '@' || s[p] == '+'))
            ++p;
        return s.substr(pos, p - pos);
    }
    std::string word()
    {
        std::string w = peekWord();
        pos += w.size();
        return w;
    }
};

std::unique_ptr<FilterNode> parseOr(Lexer &lx);

std::unique_ptr<FilterNode> literal(nlohmann::json v, bool guid = false)
{
    auto n = std::make_unique<FilterNode>();
    n->kind = FilterNode::Literal;
    n->value = std::move(v);
    n->literalIsGuid = guid;
    return n;
}

std::unique_ptr<FilterNode> parseOperand(Lexer &lx)
{
    lx.skipWs();
    if (lx.pos >= lx.s.size()) {
        lx.error = "unexpected end of expression";
        return nullptr;
    }
    char c = lx.s[lx.pos];
    if (c == '\'') {
        std::string v;
        ++lx.pos;
        while (true) {
            if (lx.pos >= lx.s.size()) {
                lx.error = "unterminated string literal";
                return nullptr;
            }
            if (lx.s[lx.pos] == '\'') {
                if (lx.pos + 1 < lx.s.size() && lx.s[lx.pos + 1] == '\'') {
                    v.push_back('\'');
                    lx.pos += 2;
                    continue;
                }
                ++lx.pos;
                break;
            }
            v.push_back(lx.s[lx.pos++]);
        }
        return literal(v);
    }
    if (c == '(') {
        ++lx.pos;
        auto inner = parseOr(lx);
        if (!inner)
            return nullptr;
        if (!lx.peekChar(')')) {
            lx.error = "expected ')'";
            return nullptr;
        }
        ++lx.pos;
        return inner;
    }
    std::string w = lx.word();
    if (w.empty()) {
        lx.error = std::string("unexpected character '") + c + "' at position " + std::to_string(lx.pos);
        return nullptr;
    }
    // Enum literal: Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'
    if (lx.pos < lx.s.size() && lx.s[lx.pos] == '\'') {
        auto lit = parseOperand(lx);
        return lit;
    }
    if (lx.peekChar('(')) {
        std::string fn = lowerAscii(w);
        ++lx.pos;
        auto n = std::make_unique<FilterNode>();
        n->kind = FilterNode::Func;
        n->op = fn;
        if (!lx.peekChar(')')) {
            while (true) {
                auto a = parseOr(lx);
                if (!a)
                    return nullptr;
                n->args.push_back(std::move(a));
                if (lx.peekChar(',')) {
                    ++lx.pos;
                    continue;
                }
                break;
            }
        }
        if (!lx.peekChar(')')) {
            lx.error = "expected ')' after arguments of " + w;
            return nullptr;
        }
        ++lx.pos;
        return n;
    }
    std::string lw = lowerAscii(w);
    if (lw == "null")
        return literal(nullptr);
    if (lw == "true")
        return literal(true);
    if (lw == "false")
        return literal(false);
    if (isGuid(w))
        return literal(lowerAscii(w), true);
    if (std::isdigit(static_cast<unsigned char>(w[0])) || ((w[0] == '-' || w[0] == '+') && w.size() > 1)) {
        // Dates/times are kept as strings; numbers as numbers.
        if (w.size() >= 10 && w[4] == '-' && w[7] == '-')
            return literal(w);
        char *end = nullptr;
        std::string num = w;
        if (!num.empty() && (num.back() == 'm' || num.back() == 'M' || num.back() == 'd' ||
                             num.back() == 'D' || num.back() == 'L' || num.back() == 'l'))
            num.pop_back();
        if (num.find_first_of(".eE") == std::string::npos) {
            long long v = std::strtoll(num.c_str(), &end, 10);
            if (end && *end == 0)
                return literal(v);
        } else {
            double v = std::strtod(num.c_str(), &end);
            if (end && *end == 0)
                return literal(v);
        }
        lx.error = "invalid literal '" + w + "'";
        return nullptr;
    }
    auto n = std::make_unique<FilterNode>();
    n->kind = FilterNode::Path;
    n->path = w;
    return n;
}

std::unique_ptr<FilterNode> parseComparison(Lexer &lx)
{
    auto left = parseOperand(lx);
    if (!left)
        return nullptr;
    std::string w = lowerAscii(lx.peekWord());
    if (w == "eq" || w == "ne" || w == "gt" || w == "ge" || w == "lt" || w == "le") {
        lx.word();
        auto right = parseOperand(lx);
        if (!right)
            return nullptr;
        auto n = std::make_unique<FilterNode>();
        n->kind = FilterNode::Compare;
        n->op = w;
        n->args.push_back(std::move(left));
        n->args.push_back(std::move(right));
        return n;
    }
    return left;
}

std::unique_ptr<FilterNode> parseUnary(Lexer &lx)
{
    if (lowerAscii(lx.peekWord()) == "not") {
        lx.word();
        auto inner = parseUnary(lx);
        if (!inner)
            return nullptr;
        auto n = std::make_unique<FilterNode>();
        n->kind = FilterNode::Not;
        n->args.push_back(std::move(inner));
        return n;
    }
    return parseComparison(lx);
}

std::unique_ptr<FilterNode> parseAnd(Lexer &lx)
{
    auto left = parseUnary(lx);
    while (left && lowerAscii(lx.peekWord()) == "and") {
        lx.word();
        auto right = parseUnary(lx);
        if (!right)
            return nullptr;
        auto n = std::make_unique<FilterNode>();
        n->kind = FilterNode::And;
        n->args.push_back(std::move(left));
        n->args.push_back(std::move(right));
        left = std::move(n);
    }
    return left;
}

std::unique_ptr<FilterNode> parseOr(Lexer &lx)
{
    auto left = parseAnd(lx);
    while (left && lowerAscii(lx.peekWord()) == "or") {
        lx.word();
        auto right = parseAnd(lx);
        if (!right)
            return nullptr;
        auto n = std::make_unique<FilterNode>();
        n->kind = FilterNode::Or;
        n->args.push_back(std::move(left));
        n->args.push_back(std::move(right));
        left = std::move(n);
    }
    return left;
}

// ISO date/time text to a comparable canonical form "YYYY-MM-DDTHH:MM:SS.fffZ"; empty when not a date.
std::string canonicalDate(const std::string &s)
{
    if (s.size() < 10 || s[4] != '-' || s[7] != '-')
        return {};
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(s[static_cast<size_t>(i)])))
            return {};
    std::string out = s.substr(0, 10);
    std::string time = "00:00:00";
    if (s.size() >= 16 && (s[10] == 'T' || s[10] == ' '))
        time = s.size() >= 19 && s[16] == ':' ? s.substr(11, 8) : s.substr(11, 5) + ":00";
    return out + "T" + time;
}

nlohmann::json evalValue(const FilterNode &n, const PathResolver &resolve)
{
    switch (n.kind) {
    case FilterNode::Literal:
        return n.value;
    case FilterNode::Path:
        return resolve(n.path);
    case FilterNode::Func: {
        if ((n.op == "tolower" || n.op == "toupper" || n.op == "trim") && n.args.size() == 1) {
            auto v = evalValue(*n.args[0], resolve);
            if (!v.is_string())
                return v;
            std::string s = v.get<std::string>();
            for (auto &c : s)
                c = static_cast<char>(n.op == "toupper" ? std::toupper(static_cast<unsigned char>(c))
                                                        : std::tolower(static_cast<unsigned char>(c)));
            return s;
        }
        return evalFilter(n, resolve);
    }
    default:
        return evalFilter(n, resolve);
    }
}

} // namespace

std::unique_ptr<FilterNode> parseFilter(const std::string &text, std::string &error)
{
    Lexer lx{text};
    auto n = parseOr(lx);
    if (n && !lx.atEnd()) {
        lx.error = "unexpected text '" + text.substr(lx.pos) + "'";
        n.reset();
    }
    if (!n)
        error = lx.error.empty() ? "syntax error" : lx.error;
    return n;
}

int compareValues(const nlohmann::json &a, const nlohmann::json &b)
{
    if (a.is_null() || b.is_null())
        return a.is_null() == b.is_null() ? 0 : (a.is_null() ? -1 : 1);
    if (a.is_number() && b.is_number()) {
        if (a.is_number_integer() && b.is_number_integer()) {
            auto x = a.get<long long>(), y = b.get<long long>();
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        double x = a.get<double>(), y = b.get<double>();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.is_boolean() || b.is_boolean()) {
        auto tb = [](const nlohmann::json &v) {
            return v.is_boolean() ? (v.get<bool>() ? 1 : 0)
                                  : (v.is_number() ? (v.get<double>() != 0 ? 1 : 0) : -1);
        };
        int x = tb(a), y = tb(b);
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    std::string x = a.is_string() ? a.get<std::string>() : a.dump();
    std::string y = b.is_string() ? b.get<std::string>() : b.dump();
    std::string dx = canonicalDate(x), dy = canonicalDate(y);
    if (!dx.empty() && !dy.empty()) {
        x = dx;
        y = dy;
    }
    size_t n = std::min(x.size(), y.size());
    for (size_t i = 0; i < n; ++i) {
        int cx = std::tolower(static_cast<unsigned char>(x[i])),
            cy = std::tolower(static_cast<unsigned char>(y[i]));
        if (cx != cy)
            return cx < cy ? -1 : 1;
    }
    return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
}

bool evalFilter(const FilterNode &node, const PathResolver &resolve)
{
    switch (node.kind) {
    case FilterNode::And:
        return evalFilter(*node.args[0], resolve) && evalFilter(*node.args[1], resolve);
    case FilterNode::Or:
        return evalFilter(*node.args[0], resolve) || evalFilter(*node.args[1], resolve);
    case FilterNode::Not:
        return !evalFilter(*node.args[0], resolve);
    case FilterNode::Compare: {
        auto a = evalValue(*node.args[0], resolve);
        auto b = evalValue(*node.args[1], resolve);
        if (node.op == "eq")
            return compareValues(a, b) == 0;
        if (node.op == "ne")
            return compareValues(a, b) != 0;
        if (a.is_null() || b.is_null())
            return false; // SQL semantics: comparisons with null are not true
        int c = compareValues(a, b);
        if (node.op == "gt")
            return c > 0;
        if (node.op == "ge")
            return c >= 0;
        if (node.op == "lt")
            return c < 0;
        return c <= 0;
    }
    case FilterNode::Func: {
        if (node.args.size() == 2 &&
            (node.op == "contains" || node.op == "startswith" || node.op == "endswith")) {
            auto a = evalValue(*node.args[0], resolve);
            auto b = evalValue(*node.args[1], resolve);
            if (!a.is_string() || !b.is_string())
                return false;
            std::string x = lowerAscii(a.get<std::string>()), y = lowerAscii(b.get<std::string>());
            if (node.op == "contains")
                return x.find(y) != std::string::npos;
            if (node.op == "startswith")
                return x.compare(0, y.size(), y) == 0;
            return x.size() >= y.size() && x.compare(x.size() - y.size(), y.size(), y) == 0;
        }
        auto v = evalValue(node, resolve);
        return v.is_boolean() && v.get<bool>();
    }
    case FilterNode::Path: {
        auto v = resolve(node.path);
        return v.is_boolean() && v.get<bool>();
    }
    case FilterNode::Literal:
        return node.value.is_boolean() && node.value.get<bool>();
    }
    return false;
}

void filterPaths(const FilterNode &node, std::vector<std::string> &out)
{
    if (node.kind == FilterNode::Path)
        out.push_back(node.path);
    for (const auto &a : node.args)
        filterPaths(*a, out);
}

std::vector<std::string> splitTopLevel(const std::string &s, char sep)
{
    std::vector<std::string> out;
    int depth = 0;
    bool quote = false;
    std::string cur;
    for (char c : s) {
        if (c == '\'')
            quote = !quote;
        else if (!quote && c == '(')
            ++depth;
        else if (!quote && c == ')')
            --depth;
        if (c == sep && depth == 0 && !quote) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    out.push_back(cur);
    return out;
}

bool parseOrderBy(const std::string &text, std::vector<OrderItem> &out, std::string &error)
{
    for (auto part : splitTopLevel(text, ',')) {
        size_t b = part.find_first_not_of(' '), e = part.find_last_not_of(' ');
        if (b == std::string::npos) {
            error = "empty $orderby item";
            return false;
        }
        part = part.substr(b, e - b + 1);
        OrderItem it;
        auto sp = part.find(' ');
        it.path = part.substr(0, sp);
        if (sp != std::string::npos) {
            std::string dir = lowerAscii(part.substr(part.find_first_not_of(' ', sp)));
            if (dir == "desc")
                it.desc = true;
            else if (dir != "asc") {
                error = "invalid $orderby direction '" + dir + "'";
                return false;
            }
        }
        out.push_back(it);
    }
    return true;
}

std::vector<ExpandItem> parseExpand(const std::string &text)
{
    std::vector<ExpandItem> out;
    for (auto part : splitTopLevel(text, ',')) {
        size_t b = part.find_first_not_of(' ');
        if (b == std::string::npos)
            continue;
        part = part.substr(b);
        ExpandItem it;
        auto p = part.find('(');
        it.name = part.substr(0, p);
        if (p != std::string::npos) {
            auto q = part.rfind(')');
            it.options = part.substr(p + 1, q == std::string::npos || q < p ? std::string::npos : q - p - 1);
        }
        while (!it.name.empty() && it.name.back() == ' ')
            it.name.pop_back();
        auto slash = it.name.find('/');
        if (slash != std::string::npos) {
            it.cast = it.name.substr(slash + 1);
            it.name = it.name.substr(0, slash);
        }
        out.push_back(it);
    }
    return out;
}

std::map<std::string, std::string> parseQueryString(const std::string &query, char sep)
{
    std::map<std::string, std::string> out;
    for (const auto &part : splitTopLevel(query, sep)) {
        if (part.empty())
            continue;
        auto eq = part.find('=');
        std::string name = percentDecode(part.substr(0, eq));
        std::string value = eq == std::string::npos ? std::string() : percentDecode(part.substr(eq + 1));
        out[name] = value;
    }
    return out;
}

bool parseKeyPredicate(const std::string &text, std::vector<KeyPart> &out, std::string &error)
{
    size_t i = 0;
    auto skipWs = [&] {
        while (i < text.size() && text[i] == ' ')
            ++i;
    };
    while (true) {
        skipWs();
        KeyPart kp;
        // name= (optional for a single bare value)
        size_t eq = std::string::npos;
        if (i < text.size() && text[i] != '\'') {
            size_t j = i;
            while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_'))
                ++j;
            if (j < text.size() && text[j] == '=' && j > i)
                eq = j;
        }
        if (eq != std::string::npos) {
            kp.name = text.substr(i, eq - i);
            i = eq + 1;
            skipWs();
        }
        if (i < text.size() && text[i] == '\'') {
            std::string v;
            ++i;
            bool closed = false;
            while (i < text.size()) {
                if (text[i] == '\'') {
                    if (i + 1 < text.size() && text[i + 1] == '\'') {
                        v.push_back('\'');
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                v.push_back(text[i++]);
            }
            if (!closed) {
                error = "unterminated quoted key value";
                return false;
            }
            kp.value = v;
            kp.quoted = true;
        } else {
            size_t j = i;
            while (j < text.size() && text[j] != ',')
                ++j;
            std::string raw = text.substr(i, j - i);
            while (!raw.empty() && raw.back() == ' ')
                raw.pop_back();
            i = j;
            if (raw.empty()) {
                error = "empty key value";
                return false;
            }
            if (isGuid(raw)) {
                kp.value = lowerAscii(raw);
                kp.isGuid = true;
            } else if (raw == "true" || raw == "false") {
                kp.value = raw == "true";
            } else if (raw == "null") {
                kp.value = nullptr;
            } else {
                char *end = nullptr;
                if (raw.find_first_of(".eE") == std::string::npos) {
                    long long v = std::strtoll(raw.c_str(), &end, 10);
                    if (end && *end == 0)
                        kp.value = v;
                } else {
                    double v = std::strtod(raw.c_str(), &end);
                    if (end && *end == 0)
                        kp.value = v;
                }
                if (kp.value.is_null()) {
                    error = "invalid key value '" + raw + "'";
                    return false;
                }
            }
        }
        out.push_back(std::move(kp));
        skipWs();
        if (i >= text.size())
            break;
        if (text[i] != ',') {
            error = "unexpected character in key predicate";
            return false;
        }
        ++i;
    }
    return true;
}

} // namespace ferry::emu
