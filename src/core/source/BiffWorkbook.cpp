#include "BiffWorkbook.h"

#include "XlsxSource.h"

#include <QFile>
#include <QHash>
#include <QtEndian>

#include <cmath>
#include <cstring>

namespace ferry::source {

namespace {

constexpr quint32 kEndOfChain = 0xFFFFFFFE;
constexpr quint32 kFreeSect = 0xFFFFFFFF;

Error corrupt(const QString &file, const QString &why)
{
    return Error::make(QStringLiteral("source.corrupt"),
                       QStringLiteral("The workbook \"%1\" is damaged or truncated: %2.").arg(file, why));
}

quint8 u8(const QByteArray &b, qsizetype at)
{
    return at < b.size() ? quint8(b[at]) : 0;
}
quint16 u16(const QByteArray &b, qsizetype at)
{
    return at + 2 <= b.size() ? qFromLittleEndian<quint16>(b.constData() + at) : 0;
}
quint32 u32(const QByteArray &b, qsizetype at)
{
    return at + 4 <= b.size() ? qFromLittleEndian<quint32>(b.constData() + at) : 0;
}
double f64(const QByteArray &b, qsizetype at)
{
    if (at + 8 > b.size())
        return 0.0;
    const quint64 bits = qFromLittleEndian<quint64>(b.constData() + at);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

double decodeRk(quint32 rk)
{
    double v;
    if (rk & 0x02) {
        v = double(qint32(rk) >> 2);
    } else {
        const quint64 bits = quint64(rk & 0xFFFFFFFC) << 32;
        std::memcpy(&v, &bits, sizeof v);
    }
    return (rk & 0x01) ? v / 100.0 : v;
}

/// The OLE2 compound file: just enough to read one stream.
class CompoundFile
{
public:
    Result<void> open(const QString &path)
    {
        m_path = path;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Error::make(QStringLiteral("source.unreadable"),
                               QStringLiteral("Cannot open \"%1\": %2.").arg(path, f.errorString()));
        m_data = f.readAll();
        if (m_data.size() < 512 || !m_data.startsWith(QByteArray::fromHex("d0cf11e0a1b11ae1")))
            return corrupt(path, QStringLiteral("it has no compound-file header"));
        const int shift = u16(m_data, 30);
        if (shift != 9 && shift != 12)
            return corrupt(path, QStringLiteral("its sector size is invalid"));
        m_sector = 1 << shift;
        m_miniSector = 1 << u16(m_data, 32);
        const quint32 fatSectors = u32(m_data, 44);
        m_firstDir = u32(m_data, 48);
        m_miniCutoff = u32(m_data, 56);
        m_firstMiniFat = u32(m_data, 60);
        quint32 difatNext = u32(m_data, 68);
        QList<quint32> fatSectorList;
        for (int i = 0; i < 109 && quint32(fatSectorList.size()) < fatSectors; ++i)
            fatSectorList << u32(m_data, 76 + 4 * i);
        for (int guard = 0; difatNext != kEndOfChain && difatNext != kFreeSect && guard < 100000; ++guard) {
            const qsizetype base = sectorOffset(difatNext);
            if (base < 0)
                return corrupt(path, QStringLiteral("its allocation table points past the end of the file"));
            const int per = m_sector / 4 - 1;
            for (int i = 0; i < per && quint32(fatSectorList.size()) < fatSectors; ++i)
                fatSectorList << u32(m_data, base + 4 * i);
            difatNext = u32(m_data, base + 4 * per);
        }
        for (const quint32 s : std::as_const(fatSectorList)) {
            const qsizetype base = sectorOffset(s);
            if (base < 0)
                return corrupt(path, QStringLiteral("its allocation table points past the end of the file"));
            for (int i = 0; i < m_sector / 4; ++i)
                m_fat << u32(m_data, base + 4 * i);
        }
        auto dir = chain(m_firstDir, -1);
        if (!dir)
            return dir.error();
        m_dir = *dir;
        return {};
    }

    /// The stream with this name, or an empty array and *found = false.
    Result<QByteArray> stream(const QString &name, bool *found)
    {
        *found = false;
        QByteArray miniStream;
        for (qsizetype e = 0; e + 128 <= m_dir.size(); e += 128) {
            const int nameLen = u16(m_dir, e + 64);
            const quint8 type = quint8(m_dir[e + 66]);
            const QString entryName =
                QString::fromUtf16(reinterpret_cast<const char16_t *>(m_dir.constData() + e),
                                   std::max(0, std::min(nameLen, 64) / 2 - 1));
            const quint32 start = u32(m_dir, e + 116);
            const quint32 size = u32(m_dir, e + 120);
            if (type == 5) { // root: owns the mini stream
                auto ms = chain(start, size);
                if (!ms)
                    return ms.error();
                miniStream = *ms;
            } else if (type == 2 && entryName.compare(name, Qt::CaseInsensitive) == 0) {
                *found = true;
                if (size < m_miniCutoff)
                    return miniChain(miniStream, start, size);
                return chain(start, size);
            }
        }
        return QByteArray();
    }

    bool hasStream(const QString &name)
    {
        for (qsizetype e = 0; e + 128 <= m_dir.size(); e += 128) {
            const int nameLen = u16(m_dir, e + 64);
            const QString entryName =
                QString::fromUtf16(reinterpret_cast<const char16_t *>(m_dir.constData() + e),
                                   std::max(0, std::min(nameLen, 64) / 2 - 1));
            if (entryName == name)
                return true;
        }
        return false;
    }

private:
    qsizetype sectorOffset(quint32 s) const
    {
        const qint64 off = (qint64(s) + 1) * m_sector;
        return off + m_sector <= m_data.size() ? qsizetype(off) : -1;
    }

    Result<QByteArray> chain(quint32 start, qint64 size)
    {
        QByteArray out;
        quint32 s = start;
        for (qsizetype guard = 0; s != kEndOfChain && s != kFreeSect; ++guard) {
            const qsizetype off = sectorOffset(s);
            if (off < 0 || guard > m_fat.size() || s >= quint32(m_fat.size()))
                return corrupt(m_path, QStringLiteral("a stream runs past the end of the file (truncated)"));
            out.append(m_data.constData() + off, m_sector);
            if (size >= 0 && out.size() >= size)
                break;
            s = m_fat[s];
        }
        if (size >= 0) {
            if (out.size() < size)
                return corrupt(m_path, QStringLiteral("a stream is shorter than its directory entry says"));
            out.truncate(size);
        }
        return out;
    }

    Result<QByteArray> miniChain(const QByteArray &miniStream, quint32 start, qint64 size)
    {
        QList<quint32> miniFat;
        auto mf = chain(m_firstMiniFat, -1);
        if (!mf)
            return mf.error();
        for (qsizetype i = 0; i + 4 <= mf->size(); i += 4)
            miniFat << u32(*mf, i);
        QByteArray out;
        quint32 s = start;
        for (qsizetype guard = 0; s != kEndOfChain && out.size() < size; ++guard) {
            const qint64 off = qint64(s) * m_miniSector;
            if (guard > miniFat.size() || s >= quint32(miniFat.size()) ||
                off + m_miniSector > miniStream.size())
                return corrupt(m_path, QStringLiteral("a small stream runs past its container (truncated)"));
            out.append(miniStream.constData() + off, m_miniSector);
            s = miniFat[s];
        }
        if (out.size() < size)
            return corrupt(m_path, QStringLiteral("a small stream is shorter than its directory entry says"));
        out.truncate(size);
        return out;
    }

    QString m_path;
    QByteArray m_data;
    int m_sector = 512;
    int m_miniSector = 64;
    quint32 m_firstDir = 0;
    quint32 m_miniCutoff = 4096;
    quint32 m_firstMiniFat = kEndOfChain;
    QList<quint32> m_fat;
    QByteArray m_dir;
};

struct Record
{
    quint16 type = 0;
    QByteArray data;
    QList<QByteArray> continues; // following CONTINUE records' payloads
};

/// Reads BIFF8 unicode character data that may continue over CONTINUE records: at each record
/// boundary inside the characters a new option byte says whether the rest is compressed.
class ContinuedReader
{
public:
    explicit ContinuedReader(const Record &r) : m_parts({r.data}) { m_parts << r.continues; }
    bool atEnd() const { return m_part >= m_parts.size(); }
    bool ok() const { return m_ok; }

    quint8 byte()
    {
        if (!ensure(1))
            return 0;
        return quint8(m_parts[m_part][m_pos++]);
    }
    quint16 word()
    {
        const quint16 lo = byte();
        return quint16(lo | (quint16(byte()) << 8));
    }
    quint32 dword()
    {
        const quint32 lo = word();
        return lo | (quint32(word()) << 16);
    }
    void skip(qint64 n)
    {
        while (n > 0 && ensure(1)) {
            const qint64 take = std::min<qint64>(n, m_parts[m_part].size() - m_pos);
            m_pos += qsizetype(take);
            n -= take;
        }
        if (n > 0)
            m_ok = false;
    }
    /// cch characters after the option byte `flags` was read.
    QString chars(int cch, bool highByte)
    {
        QString out;
        out.reserve(cch);
        while (cch > 0) {
            if (m_part >= m_parts.size())
                break;
            if (m_pos >= m_parts[m_part].size()) {
                // a record boundary inside the characters: next record starts with a new option byte
                if (!next())
                    break;
                highByte = (byte() & 0x01) != 0;
                continue;
            }
            const QByteArray &p = m_parts[m_part];
            if (highByte) {
                if (m_pos + 2 > p.size()) {
                    m_ok = false;
                    break;
                }
                out += QChar(char16_t(quint8(p[m_pos]) | (quint8(p[m_pos + 1]) << 8)));
                m_pos += 2;
            } else {
                out += QChar(char16_t(quint8(p[m_pos])));
                m_pos += 1;
            }
            --cch;
        }
        if (cch > 0)
            m_ok = false;
        return out;
    }

private:
    bool next()
    {
        ++m_part;
        m_pos = 0;
        return m_part < m_parts.size();
    }
    bool ensure(qsizetype n)
    {
        while (m_part < m_parts.size() && m_pos + n > m_parts[m_part].size()) {
            if (m_pos < m_parts[m_part].size()) { // a value split across records: not in valid files
                m_ok = false;
                return false;
            }
            next();
        }
        if (m_part >= m_parts.size()) {
            m_ok = false;
            return false;
        }
        return true;
    }

    QList<QByteArray> m_parts;
    qsizetype m_part = 0;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

// XLUnicodeString / ShortXLUnicodeString inside one record
QString recordString(const QByteArray &d, qsizetype at, bool shortLen, qsizetype *end = nullptr)
{
    const int cch = shortLen ? quint8(at < d.size() ? d[at] : 0) : u16(d, at);
    qsizetype p = at + (shortLen ? 1 : 2);
    const quint8 flags = p < d.size() ? quint8(d[p]) : 0;
    ++p;
    QString out;
    if (flags & 0x01) {
        const qsizetype n = std::min<qsizetype>(cch, (d.size() - p) / 2);
        out = QString::fromUtf16(reinterpret_cast<const char16_t *>(d.constData() + p), n);
        p += n * 2;
    } else {
        const qsizetype n = std::min<qsizetype>(cch, d.size() - p);
        out = QString::fromLatin1(d.constData() + p, n);
        p += n;
    }
    if (end)
        *end = p;
    return out;
}

} // namespace

Result<void> BiffWorkbook::load(const QString &path)
{
    CompoundFile cf;
    if (auto st = cf.open(path); !st)
        return st.error();
    if (cf.hasStream(QStringLiteral("EncryptedPackage")))
        return Error::make(
            QStringLiteral("source.encrypted"),
            QStringLiteral("The workbook \"%1\" is password-protected or encrypted.").arg(path));
    bool found = false;
    auto wb = cf.stream(QStringLiteral("Workbook"), &found);
    if (!wb)
        return wb.error();
    if (!found)
        return corrupt(path,
                       QStringLiteral("it holds no BIFF8 \"Workbook\" stream (Excel 5 and older files are "
                                      "not supported)"));
    const QByteArray &s = *wb;

    auto readRecord = [&](qsizetype &pos, Record &r) -> bool {
        if (pos + 4 > s.size())
            return false;
        r.type = u16(s, pos);
        const quint16 len = u16(s, pos + 2);
        if (pos + 4 + len > s.size())
            return false;
        r.data = s.mid(pos + 4, len);
        r.continues.clear();
        pos += 4 + len;
        while (pos + 4 <= s.size() && u16(s, pos) == 0x3C) {
            const quint16 clen = u16(s, pos + 2);
            if (pos + 4 + clen > s.size())
                break;
            r.continues << s.mid(pos + 4, clen);
            pos += 4 + clen;
        }
        return true;
    };

    // Globals.
    QStringList sst;
    QList<int> xfFormat;
    QHash<int, QString> formats;
    bool date1904 = false;
    struct SheetRef
    {
        QString name;
        quint32 offset;
    };
    QList<SheetRef> refs;
    qsizetype pos = 0;
    Record r;
    bool sawBof = false;
    while (readRecord(pos, r)) {
        if (r.type == 0x809) {
            if (sawBof)
                break;
            sawBof = true;
            if (u16(r.data, 0) != 0x600)
                return corrupt(path, QStringLiteral("it is not a BIFF8 (Excel 97-2003) workbook"));
        } else if (r.type == 0x0A) { // EOF of the globals
            break;
        } else if (r.type == 0x2F) { // FILEPASS
            return Error::make(
                QStringLiteral("source.encrypted"),
                QStringLiteral("The workbook \"%1\" is password-protected or encrypted.").arg(path));
        } else if (r.type == 0x22) {
            date1904 = u16(r.data, 0) == 1;
        } else if (r.type == 0x41E) {
            formats.insert(u16(r.data, 0), recordString(r.data, 2, false));
        } else if (r.type == 0xE0) {
            xfFormat << u16(r.data, 2);
        } else if (r.type == 0x85) {
            if ((u8(r.data, 5)) == 0) // worksheets only (not charts, macros)
                refs << SheetRef{recordString(r.data, 6, true), u32(r.data, 0)};
        } else if (r.type == 0xFC) {
            ContinuedReader in(r);
            in.dword();
            const quint32 unique = in.dword();
            for (quint32 i = 0; i < unique && in.ok() && !in.atEnd(); ++i) {
                const quint16 cch = in.word();
                const quint8 flags = in.byte();
                const quint16 runs = (flags & 0x08) ? in.word() : 0;
                const quint32 ext = (flags & 0x04) ? in.dword() : 0;
                sst << in.chars(cch, flags & 0x01);
                in.skip(qint64(runs) * 4 + ext);
            }
            if (!in.ok())
                return corrupt(path, QStringLiteral("its shared string table is damaged"));
        }
    }
    if (!sawBof)
        return corrupt(path, QStringLiteral("its workbook stream does not start with a BOF record"));
    QVector<DateKind> xfDate;
    for (const int f : std::as_const(xfFormat))
        xfDate << excelDateKind(f, formats.value(f));

    for (const SheetRef &ref : std::as_const(refs)) {
        Sheet sheet;
        sheet.name = ref.name;
        qsizetype p = ref.offset;
        QString pendingFormulaAt; // a FORMULA whose string result follows in a STRING record
        qint64 pendingRow = 0;
        int pendingCol = 0;
        auto put = [&](qint64 row, int col, Value v) {
            SheetRow &sr = sheet.rows[row + 1];
            sr.number = row + 1;
            if (sr.cells.size() <= col)
                sr.cells.resize(col + 1);
            sr.cells[col] = std::move(v);
        };
        auto number = [&](int ixfe, double d) -> Value {
            const DateKind k = ixfe >= 0 && ixfe < xfDate.size() ? xfDate[ixfe] : DateKind::None;
            if (k != DateKind::None)
                return excelSerialToValue(d, k, date1904);
            if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9007199254740992.0)
                return Value::fromInt(qint64(d));
            return Value::fromDouble(d);
        };
        if (!readRecord(p, r) || r.type != 0x809)
            return corrupt(
                path,
                QStringLiteral("the worksheet \"%1\" does not start where the workbook says").arg(ref.name));
        int depth = 1; // embedded charts carry their own BOF/EOF
        while (depth > 0) {
            if (!readRecord(p, r))
                return corrupt(path,
                               QStringLiteral("the worksheet \"%1\" ends early (truncated)").arg(ref.name));
            const QByteArray &d = r.data;
            switch (r.type) {
            case 0x809:
                ++depth;
                break;
            case 0x0A:
                --depth;
                break;
            case 0x200:
                sheet.dimensionRows = u32(d, 4);
                break;
            case 0xFD: { // LABELSST
                const quint32 idx = u32(d, 6);
                put(u16(d, 0), u16(d, 2), idx < quint32(sst.size()) ? Value::fromText(sst[idx]) : Value());
                break;
            }
            case 0x204:
                put(u16(d, 0), u16(d, 2), Value::fromText(recordString(d, 6, false)));
                break;
            case 0x203:
                put(u16(d, 0), u16(d, 2), number(u16(d, 4), f64(d, 6)));
                break;
            case 0x27E:
                put(u16(d, 0), u16(d, 2), number(u16(d, 4), decodeRk(u32(d, 6))));
                break;
            case 0xBD: { // MULRK
                const quint16 row = u16(d, 0);
                int col = u16(d, 2);
                for (qsizetype at = 4; at + 6 <= d.size() - 2; at += 6, ++col)
                    put(row, col, number(u16(d, at), decodeRk(u32(d, at + 2))));
                break;
            }
            case 0x205: { // BOOLERR
                const bool isError = (u8(d, 7)) != 0;
                put(u16(d, 0), u16(d, 2), isError ? Value() : Value::fromBool((u8(d, 6)) != 0));
                break;
            }
            case 0x06: { // FORMULA: cached result
                const qint64 row = u16(d, 0);
                const int col = u16(d, 2);
                if (u16(d, 12) == 0xFFFF) {
                    const quint8 kind = (u8(d, 6));
                    if (kind == 0) {
                        pendingFormulaAt = QStringLiteral("x");
                        pendingRow = row;
                        pendingCol = col;
                    } else if (kind == 1) {
                        put(row, col, Value::fromBool((u8(d, 8)) != 0));
                    } else if (kind == 3) {
                        put(row, col, Value::fromText(QString()));
                    }
                } else {
                    put(row, col, number(u16(d, 4), f64(d, 6)));
                }
                break;
            }
            case 0x207: // STRING after a FORMULA
                if (!pendingFormulaAt.isEmpty()) {
                    put(pendingRow, pendingCol, Value::fromText(recordString(d, 0, false)));
                    pendingFormulaAt.clear();
                }
                break;
            default:
                break;
            }
        }
        m_sheets << sheet;
    }
    return {};
}

} // namespace ferry::source
