#pragma once
// Any thread: appends to a caller-owned buffer; no state of its own.

#include <QByteArray>
#include <QStringView>

#include <charconv>
#include <cmath>
#include <cstring>

namespace ferry::mapping::jsonw {

// A direct JSON writer for the payload hot path: nlohmann::json builds a tree per row (allocations per
// value), which alone costs more than the 5 µs per row the dry-run target leaves. These functions append
// bytes.

/// Appends `s` as a JSON string (quoted, escaped, UTF-8). Lone surrogates become U+FFFD.
inline void appendString(QByteArray &out, QStringView s)
{
    const qsizetype start = out.size();
    out.resize(start + s.size() * 6 + 2); // worst case: every unit as \u00XX or 3 UTF-8 bytes
    char *p = out.data() + start;
    *p++ = '"';
    const char16_t *u = s.utf16();
    const qsizetype n = s.size();
    static const char hex[] = "0123456789abcdef";
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = u[i];
        if (c < 0x80) {
            if (c >= 0x20 && c != '"' && c != '\\') {
                *p++ = char(c);
                continue;
            }
            *p++ = '\\';
            switch (c) {
            case '"':
                *p++ = '"';
                break;
            case '\\':
                *p++ = '\\';
                break;
            case '\n':
                *p++ = 'n';
                break;
            case '\r':
                *p++ = 'r';
                break;
            case '\t':
                *p++ = 't';
                break;
            case '\b':
                *p++ = 'b';
                break;
            case '\f':
                *p++ = 'f';
                break;
            default:
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = hex[(c >> 4) & 0xf];
                *p++ = hex[c & 0xf];
            }
            continue;
        }
        if (c >= 0xD800 && c <= 0xDFFF) {
            if (c <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (char32_t(u[i + 1]) - 0xDC00);
                ++i;
            } else {
                c = 0xFFFD;
            }
        }
        if (c < 0x800) {
            *p++ = char(0xC0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            *p++ = char(0xE0 | (c >> 12));
            *p++ = char(0x80 | ((c >> 6) & 0x3F));
            *p++ = char(0x80 | (c & 0x3F));
        } else {
            *p++ = char(0xF0 | (c >> 18));
            *p++ = char(0x80 | ((c >> 12) & 0x3F));
            *p++ = char(0x80 | ((c >> 6) & 0x3F));
            *p++ = char(0x80 | (c & 0x3F));
        }
    }
    *p++ = '"';
    out.resize(p - out.constData());
}

inline void appendInt(QByteArray &out, qint64 v)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr - buf);
}

/// Shortest round-trip form; JSON has no NaN/Inf, the caller refuses those first.
inline void appendDouble(QByteArray &out, double v)
{
    if (!std::isfinite(v)) {
        out.append("null");
        return;
    }
    if (v == std::floor(v) && std::fabs(v) < 1e15) {
        appendInt(out, qint64(v));
        return;
    }
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr - buf);
}

/// A pre-escaped property name: "\"name\":".
inline QByteArray propertyName(QStringView name)
{
    QByteArray b;
    appendString(b, name);
    b.append(':');
    return b;
}

} // namespace ferry::mapping::jsonw
