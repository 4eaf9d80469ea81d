#include "CsvParser.h"

#include <algorithm>
#include <array>
#include <map>

namespace ferry::source {

namespace {

constexpr qint64 kChunk = 1 << 20;
constexpr qsizetype kMaxRecordBytes = qsizetype(64) << 20;

// Windows-1252 0x80..0x9F; the rest of the upper half equals Latin-1. Undefined slots map to the C1
// control of the same value, as Windows' own MultiByteToWideChar does.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

// Returns the number of leading bytes that are valid UTF-8; `*incompleteTail` is set when the only
// problem is a sequence cut off by the end of the buffer.
qsizetype validUtf8Prefix(const char *data, qsizetype n, bool *incompleteTail)
{
    const auto *p = reinterpret_cast<const unsigned char *>(data);
    qsizetype i = 0;
    *incompleteTail = false;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        char32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n) {
            for (qsizetype k = i + 1; k < n; ++k)
                if ((p[k] & 0xC0) != 0x80)
                    return i;
            *incompleteTail = true;
            return i;
        }
        for (int k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return n;
}

bool isValidUtf8(const char *data, qsizetype n)
{
    bool incomplete = false;
    return validUtf8Prefix(data, n, &incomplete) == n;
}

Error encodingError(const QString &fileName, const QString &why)
{
    return Error::make(QStringLiteral("source.encoding"),
                       QStringLiteral("Cannot read \"%1\": %2.").arg(fileName, why));
}

} // namespace

QString encodingName(TextEncoding e)
{
    switch (e) {
    case TextEncoding::Utf8:
        return QStringLiteral("utf-8");
    case TextEncoding::Utf16Le:
        return QStringLiteral("utf-16le");
    case TextEncoding::Utf16Be:
        return QStringLiteral("utf-16be");
    case TextEncoding::Windows1252:
        return QStringLiteral("windows-1252");
    }
    return {};
}

Result<CsvDialect> detectEncoding(const QByteArray &head, bool wholeFile, const QString &forced,
                                  const QString &fileName)
{
    CsvDialect d;
    const auto *u = reinterpret_cast<const unsigned char *>(head.constData());
    const qsizetype n = head.size();
    const bool bom8 = n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
    const bool bomLe = n >= 2 && u[0] == 0xFF && u[1] == 0xFE;
    const bool bomBe = n >= 2 && u[0] == 0xFE && u[1] == 0xFF;

    if (!forced.isEmpty()) {
        QString f = forced.toLower();
        f.remove(QLatin1Char('-')).remove(QLatin1Char('_'));
        if (f == QLatin1String("utf8")) {
            d.encoding = TextEncoding::Utf8;
            d.bomLength = bom8 ? 3 : 0;
        } else if (f == QLatin1String("utf16le") || f == QLatin1String("utf16")) {
            d.encoding =
                (f == QLatin1String("utf16") && bomBe) ? TextEncoding::Utf16Be : TextEncoding::Utf16Le;
            d.bomLength = (bomLe || bomBe) ? 2 : 0;
        } else if (f == QLatin1String("utf16be")) {
            d.encoding = TextEncoding::Utf16Be;
            d.bomLength = bomBe ? 2 : 0;
        } else if (f == QLatin1String("windows1252") || f == QLatin1String("cp1252") ||
                   f == QLatin1String("latin1") || f == QLatin1String("iso88591")) {
            d.encoding = TextEncoding::Windows1252;
        } else {
            return encodingError(fileName, QStringLiteral("the encoding \"%1\" is not supported (use utf-8, "
                                                          "utf-16le, utf-16be or windows-1252)")
                                               .arg(forced));
        }
        return d;
    }

    if (bom8) {
        d.encoding = TextEncoding::Utf8;
        d.bomLength = 3;
        return d;
    }
    if (bomLe && n >= 4 && u[2] == 0 && u[3] == 0)
        return encodingError(fileName,
                             QStringLiteral("it is in an unknown encoding (UTF-32 byte order mark)"));
    if (bomLe || bomBe) {
        d.encoding = bomLe ? TextEncoding::Utf16Le : TextEncoding::Utf16Be;
        d.bomLength = 2;
        return d;
    }
    // NUL bytes never occur in text files except as the high bytes of UTF-16 code units.
    const qsizetype probe = std::min<qsizetype>(n, 8192);
    qsizetype evenZeros = 0, oddZeros = 0;
    for (qsizetype i = 0; i < probe; ++i) {
        if (u[i] == 0)
            (i % 2 == 0 ? evenZeros : oddZeros)++;
    }
    if (evenZeros + oddZeros > 0) {
        const qsizetype half = std::max<qsizetype>(1, probe / 2);
        if (oddZeros * 10 > half * 3 && evenZeros * 20 < half) {
            d.encoding = TextEncoding::Utf16Le;
            return d;
        }
        if (evenZeros * 10 > half * 3 && oddZeros * 20 < half) {
            d.encoding = TextEncoding::Utf16Be;
            return d;
        }
        return encodingError(fileName, QStringLiteral("it is in an unknown encoding or is not a text file "
                                                      "(it holds NUL bytes and is not UTF-16)"));
    }
    bool incompleteTail = false;
    const qsizetype valid = validUtf8Prefix(head.constData(), n, &incompleteTail);
    if (valid == n || (incompleteTail && !wholeFile))
        d.encoding = TextEncoding::Utf8;
    else
        d.encoding = TextEncoding::Windows1252;
    return d;
}

char parseDelimiterOption(const QString &option)
{
    const QString o = option.toLower();
    if (o == QLatin1String("tab") || o == QLatin1String("\\t") || o == QLatin1String("\t"))
        return '\t';
    if (o == QLatin1String("comma"))
        return ',';
    if (o == QLatin1String("semicolon"))
        return ';';
    if (o == QLatin1String("pipe"))
        return '|';
    if (o.size() == 1 && o[0].unicode() < 0x80 && o[0] != QLatin1Char('"') && o[0] != QLatin1Char('\n') &&
        o[0] != QLatin1Char('\r'))
        return char(o[0].unicode());
    return 0;
}

char detectDelimiter(const QByteArray &sample)
{
    static constexpr char kCandidates[] = {',', ';', '\t', '|'};
    // Count candidates per record, outside quotes, over the first records of the sample.
    std::vector<std::array<int, 4>> counts;
    std::array<int, 4> cur{};
    bool inQuotes = false;
    bool any = false;
    for (qsizetype i = 0; i < sample.size() && counts.size() < 50; ++i) {
        const char c = sample[i];
        if (c == '"') {
            inQuotes = !inQuotes;
        } else if (!inQuotes && (c == '\n' || c == '\r')) {
            if (any)
                counts.push_back(cur);
            cur = {};
            any = false;
            continue;
        } else if (!inQuotes) {
            for (int k = 0; k < 4; ++k)
                if (c == kCandidates[k])
                    ++cur[size_t(k)];
        }
        any = true;
    }
    if (any && counts.size() < 50)
        counts.push_back(cur);
    // Only whole records count: the last one may be cut off by the sample's end.
    if (counts.size() > 2)
        counts.pop_back();
    char best = ',';
    double bestScore = 0.0;
    for (int k = 0; k < 4; ++k) {
        std::map<int, int> freq;
        for (const auto &c : counts)
            ++freq[c[size_t(k)]];
        int mode = 0, modeCount = 0;
        for (const auto &[value, count] : freq) {
            if (value > 0 && count > modeCount) {
                mode = value;
                modeCount = count;
            }
        }
        if (mode == 0 || counts.empty())
            continue;
        const double score = double(modeCount) / double(counts.size());
        if (score > bestScore + 1e-9) {
            bestScore = score;
            best = kCandidates[k];
        }
    }
    return best;
}

CsvParser::CsvParser(QString fileName, CsvDialect dialect)
    : m_fileName(std::move(fileName)), m_dialect(dialect), m_file(m_fileName)
{}

Result<void> CsvParser::open()
{
    if (!m_file.open(QIODevice::ReadOnly)) {
        return Error::make(QStringLiteral("source.unreadable"),
                           QStringLiteral("Cannot open \"%1\": %2.").arg(m_fileName, m_file.errorString()));
    }
    if (m_dialect.encoding == TextEncoding::Utf16Le || m_dialect.encoding == TextEncoding::Utf16Be) {
        if ((m_file.size() - m_dialect.bomLength) % 2 != 0) {
            return encodingError(m_fileName,
                                 QStringLiteral("it is not valid %1: it has an odd number of bytes "
                                                "(truncated or not UTF-16)")
                                     .arg(encodingName(m_dialect.encoding)));
        }
        m_decoder = std::make_unique<QStringDecoder>(m_dialect.encoding == TextEncoding::Utf16Le
                                                         ? QStringConverter::Utf16LE
                                                         : QStringConverter::Utf16BE);
    }
    return {};
}

Result<bool> CsvParser::fill()
{
    if (m_eof)
        return false;
    QByteArray chunk = m_file.read(kChunk);
    if (chunk.isEmpty()) {
        if (m_file.error() != QFileDevice::NoError && !m_file.atEnd()) {
            return Error::make(
                QStringLiteral("source.unreadable"),
                QStringLiteral("Cannot read \"%1\": %2.").arg(m_fileName, m_file.errorString()));
        }
        m_eof = true;
        return false;
    }
    const qint64 offset = m_fileBytesRead;
    m_fileBytesRead += chunk.size();
    const qsizetype decodedBefore = m_buf.size();
    if (!m_bomSkipped) {
        m_bomSkipped = true;
        chunk.remove(0, m_dialect.bomLength);
    }
    switch (m_dialect.encoding) {
    case TextEncoding::Utf8:
        m_buf.append(chunk);
        break;
    case TextEncoding::Windows1252: {
        m_buf.reserve(m_buf.size() + chunk.size() + chunk.size() / 8);
        for (const char ch : std::as_const(chunk)) {
            const auto b = static_cast<unsigned char>(ch);
            if (b < 0x80)
                m_buf.append(ch);
            else
                appendUtf8(m_buf, b < 0xA0 ? kCp1252High[b - 0x80] : char32_t(b));
        }
        break;
    }
    case TextEncoding::Utf16Le:
    case TextEncoding::Utf16Be: {
        QString text = m_pendingHigh + QString(m_decoder->decode(chunk));
        m_pendingHigh.clear();
        // Qt's UTF-16 decoder lets unpaired surrogates through: check them here. A high surrogate at
        // the end of a chunk waits for the next chunk's first code unit.
        if (!text.isEmpty() && text.back().isHighSurrogate() && !m_file.atEnd()) {
            m_pendingHigh = text.back();
            text.chop(1);
        }
        bool badSurrogate = false;
        for (qsizetype i = 0; i < text.size() && !badSurrogate; ++i) {
            const QChar c = text[i];
            if (c.isHighSurrogate()) {
                badSurrogate = i + 1 >= text.size() || !text[i + 1].isLowSurrogate();
                ++i;
            } else if (c.isLowSurrogate()) {
                badSurrogate = true;
            }
        }
        if (m_decoder->hasError() || badSurrogate) {
            return encodingError(m_fileName,
                                 QStringLiteral("it is not valid %1 (an unpaired surrogate in the "
                                                "bytes from offset %2)")
                                     .arg(encodingName(m_dialect.encoding))
                                     .arg(offset));
        }
        m_buf.append(text.toUtf8());
        break;
    }
    }
    m_decodedTotal += m_buf.size() - decodedBefore;
    if (m_file.atEnd())
        m_eof = true;
    return true;
}

qint64 CsvParser::bytesConsumed() const
{
    // File bytes behind the parse position, scaled by the decoding ratio (exact for UTF-8).
    const qint64 decodedConsumed = m_decodedTotal - (m_buf.size() - m_pos);
    if (m_decodedTotal <= 0)
        return 0;
    return qint64(double(decodedConsumed) * double(m_fileBytesRead) / double(m_decodedTotal));
}

void CsvParser::compact()
{
    m_buf.remove(0, m_pos);
    m_recordStart -= m_pos;
    m_pos = 0;
}

int CsvParser::atSlow(qsizetype i)
{
    while (i >= m_buf.size()) {
        if (m_eof || m_error)
            return -1;
        Result<bool> r = fill();
        if (!r) {
            m_error = r.error();
            return -1;
        }
    }
    return static_cast<unsigned char>(m_buf[i]);
}

qsizetype CsvParser::skipLineBreak(qsizetype i)
{
    const int c = at(i);
    if (c == '\r')
        return at(i + 1) == '\n' ? i + 2 : i + 1;
    if (c == '\n')
        return i + 1;
    return i;
}

void CsvParser::finishMalformed(CsvRecord &rec, const QString &reason)
{
    // Resume at the line after the record's first physical line, so that a stray opening quote that
    // swallowed the following lines costs only its own line; the swallowed lines are parsed again.
    qsizetype i = m_recordStart;
    for (int c = at(i); c >= 0 && c != '\n' && c != '\r'; c = at(++i)) {
    }
    rec.malformed = true;
    rec.reason = reason;
    rec.raw = m_buf.mid(m_recordStart, i - m_recordStart);
    m_recordEnd = i;
    m_pos = skipLineBreak(i);
    m_line = rec.line + 1;
}

QByteArray CsvParser::lastRaw() const
{
    return m_buf.mid(m_recordStart, m_recordEnd - m_recordStart);
}

Result<bool> CsvParser::next(CsvRecord &rec)
{
    rec.fieldCount = 0;
    rec.malformed = false;
    rec.reason.clear();
    rec.raw.clear();
    rec.invalidUtf8 = false;
    if (m_pos >= kChunk)
        compact();

    // Blank lines are not records.
    for (;;) {
        const int c = at(m_pos);
        if (c < 0) {
            if (m_error)
                return *m_error;
            return false;
        }
        if (c != '\n' && c != '\r')
            break;
        m_pos = skipLineBreak(m_pos);
        ++m_line;
    }
    m_recordStart = m_pos;
    rec.line = m_line;
    const int delim = static_cast<unsigned char>(m_dialect.delimiter);

    for (;;) {
        // Start of a field.
        const auto idx = static_cast<size_t>(rec.fieldCount);
        if (idx >= rec.fields.size()) {
            rec.fields.emplace_back();
            rec.quoted.push_back(false);
        }
        std::string &field = rec.fields[idx];
        field.clear();
        rec.quoted[idx] = false;
        ++rec.fieldCount;

        int c = at(m_pos);
        if (c == '"') {
            rec.quoted[idx] = true;
            ++m_pos;
            for (;;) {
                qsizetype i = m_pos;
                {
                    // Fast scan to the next quote or line break over what is buffered.
                    const char *p = m_buf.constData();
                    const qsizetype n = m_buf.size();
                    while (i < n && p[i] != '"' && p[i] != '\n' && p[i] != '\r')
                        ++i;
                }
                int b = at(i);
                while (b >= 0 && b != '"') {
                    if (b == '\n' || (b == '\r' && at(i + 1) != '\n'))
                        ++m_line;
                    b = at(++i);
                    if (i - m_recordStart > kMaxRecordBytes) {
                        b = -2;
                        break;
                    }
                }
                if (b < 0) {
                    if (m_error)
                        return *m_error;
                    finishMalformed(rec, b == -2
                                             ? QStringLiteral("a quoted field runs over 64 MiB: a quote "
                                                              "opened at line %1 is never closed")
                                                   .arg(rec.line)
                                             : QStringLiteral("a quote opened in the record at line %1 "
                                                              "is never closed (unterminated quoted field)")
                                                   .arg(rec.line));
                    return true;
                }
                field.append(m_buf.constData() + m_pos, size_t(i - m_pos));
                m_pos = i + 1;
                const int after = at(m_pos);
                if (after == '"') {
                    field.push_back('"');
                    ++m_pos;
                    continue;
                }
                if (after == delim) {
                    ++m_pos;
                    break; // next field
                }
                if (after < 0 || after == '\n' || after == '\r') {
                    if (m_error)
                        return *m_error;
                    m_recordEnd = m_pos;
                    m_pos = skipLineBreak(m_pos);
                    if (after >= 0)
                        ++m_line;
                    goto recordDone;
                }
                finishMalformed(rec, QStringLiteral("stray quote: a closing quote in field %1 is followed by "
                                                    "\"%2\" instead of a delimiter or the end of the line")
                                         .arg(rec.fieldCount)
                                         .arg(QChar(after < 0x80 ? after : '?')));
                return true;
            }
            continue;
        }
        {
            qsizetype i = m_pos;
            for (;;) {
                // Fast scan over what is buffered; at() refills at the end of the buffer.
                const char *p = m_buf.constData();
                const qsizetype n = m_buf.size();
                while (i < n) {
                    const auto b = static_cast<unsigned char>(p[i]);
                    if (b == delim || b == '\n' || b == '\r' || b == '"')
                        break;
                    ++i;
                }
                c = at(i);
                if (c < 0 || c == delim || c == '\n' || c == '\r' || c == '"')
                    break;
            }
            field.append(m_buf.constData() + m_pos, size_t(i - m_pos));
            m_pos = i;
            if (c == '"') {
                finishMalformed(rec, QStringLiteral("stray quote in the unquoted field %1 (quotes inside a "
                                                    "field must be doubled and the field quoted)")
                                         .arg(rec.fieldCount));
                return true;
            }
            if (c == delim) {
                ++m_pos;
                continue;
            }
            if (m_error)
                return *m_error;
            m_recordEnd = m_pos;
            m_pos = skipLineBreak(m_pos);
            if (c >= 0)
                ++m_line;
            goto recordDone;
        }
    }

recordDone:
    if (m_dialect.encoding == TextEncoding::Utf8) {
        const char *p = m_buf.constData() + m_recordStart;
        const qsizetype n = m_recordEnd - m_recordStart;
        bool ascii = true;
        for (qsizetype k = 0; k < n && ascii; ++k)
            ascii = static_cast<unsigned char>(p[k]) < 0x80;
        if (!ascii)
            rec.invalidUtf8 = !isValidUtf8(p, n);
    }
    return true;
}

} // namespace ferry::source
