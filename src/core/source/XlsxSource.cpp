#include "XlsxSource.h"

#include "SheetTable.h"
#include "TextValues.h"

#include <QFile>
#include <QFileInfo>
#include <QXmlStreamReader>

#include <unzip.h>

#include <cmath>

namespace ferry::source {

namespace {

constexpr qint64 kMaxPartBytes = qint64(512) << 20;
constexpr qint64 kExactCountRows = 50000; // listTables() counts sheets up to this size exactly

Error corrupt(const QString &file, const QString &why)
{
    return Error::make(QStringLiteral("source.corrupt"),
                       QStringLiteral("The workbook \"%1\" is damaged or truncated: %2.").arg(file, why));
}

unzFile openZip(const QString &path)
{
    return unzOpen64(QFile::encodeName(path).constData());
}

// Reads one whole (small) part of the package.
Result<QByteArray> readPart(unzFile zip, const QString &part, const QString &file, bool *missing = nullptr)
{
    if (missing)
        *missing = false;
    if (unzLocateFile(zip, part.toUtf8().constData(), 2) != UNZ_OK) {
        if (missing) {
            *missing = true;
            return QByteArray();
        }
        return corrupt(file, QStringLiteral("the part \"%1\" is missing").arg(part));
    }
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK ||
        info.uncompressed_size > quint64(kMaxPartBytes))
        return corrupt(file, QStringLiteral("the part \"%1\" cannot be read").arg(part));
    if (unzOpenCurrentFile(zip) != UNZ_OK)
        return corrupt(file, QStringLiteral("the part \"%1\" cannot be opened").arg(part));
    QByteArray data;
    data.resize(qsizetype(info.uncompressed_size));
    qsizetype got = 0;
    while (got < data.size()) {
        const int n = unzReadCurrentFile(zip, data.data() + got,
                                         unsigned(std::min<qsizetype>(data.size() - got, 1 << 20)));
        if (n <= 0) {
            unzCloseCurrentFile(zip);
            return corrupt(
                file, QStringLiteral("the part \"%1\" cannot be decompressed (error %2)").arg(part).arg(n));
        }
        got += n;
    }
    if (unzCloseCurrentFile(zip) != UNZ_OK)
        return corrupt(file, QStringLiteral("the part \"%1\" fails its CRC check").arg(part));
    return data;
}

QString attr(const QXmlStreamReader &x, QLatin1String name)
{
    return x.attributes().value(name).toString();
}

// r:id and similar: the attribute with this local name in any namespace.
QString nsAttr(const QXmlStreamReader &x, QLatin1String localName)
{
    for (const QXmlStreamAttribute &a : x.attributes())
        if (a.name() == localName && !a.prefix().isEmpty())
            return a.value().toString();
    return {};
}

QString resolvePart(const QString &baseDir, const QString &target)
{
    if (target.startsWith(QLatin1Char('/')))
        return target.mid(1);
    QStringList parts = (baseDir + target).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList out;
    for (const QString &p : parts) {
        if (p == QLatin1String(".."))
            out.isEmpty() ? void() : out.removeLast();
        else if (p != QLatin1String("."))
            out << p;
    }
    return out.join(QLatin1Char('/'));
}

Error xmlError(const QString &file, const QString &part, const QXmlStreamReader &x)
{
    return corrupt(file, QStringLiteral("the XML of \"%1\" is invalid at line %2, column %3: %4")
                             .arg(part)
                             .arg(x.lineNumber())
                             .arg(x.columnNumber())
                             .arg(x.errorString()));
}

// "AB12" -> column 27 (0-based); -1 when there are no letters.
int columnOfRef(QStringView ref)
{
    int col = 0;
    qsizetype i = 0;
    for (; i < ref.size(); ++i) {
        const char16_t c = ref[i].unicode();
        if (c >= u'A' && c <= u'Z')
            col = col * 26 + (c - u'A' + 1);
        else if (c >= u'a' && c <= u'z')
            col = col * 26 + (c - u'a' + 1);
        else
            break;
    }
    return i == 0 ? -1 : col - 1;
}

qint64 rowOfRef(QStringView ref)
{
    qsizetype i = 0;
    while (i < ref.size() && !ref[i].isDigit())
        ++i;
    bool ok = false;
    const qint64 r = ref.mid(i).toLongLong(&ok);
    return ok ? r : -1;
}

Value numberValue(const QString &text, DateKind kind, bool date1904, bool *ok)
{
    *ok = true;
    if (kind == DateKind::None) {
        bool intOk = false;
        const qint64 i = text.toLongLong(&intOk);
        if (intOk)
            return Value::fromInt(i);
    }
    const double d = text.toDouble(ok);
    if (!*ok)
        return Value::fromText(text);
    if (kind != DateKind::None)
        return excelSerialToValue(d, kind, date1904);
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9007199254740992.0)
        return Value::fromInt(qint64(d));
    return Value::fromDouble(d);
}

/// Streams the rows of one worksheet part through QXmlStreamReader, feeding it 256 KiB at a time.
class XlsxSheetRows final : public SheetRowSource
{
public:
    XlsxSheetRows(QString file, QString part, const XlsxConnection::Workbook *book)
        : m_file(std::move(file)), m_part(std::move(part)), m_book(book)
    {}
    ~XlsxSheetRows() override
    {
        if (m_zip) {
            if (m_open)
                unzCloseCurrentFile(m_zip);
            unzClose(m_zip);
        }
    }
    XlsxSheetRows(const XlsxSheetRows &) = delete;
    XlsxSheetRows &operator=(const XlsxSheetRows &) = delete;

    Result<void> open()
    {
        m_zip = openZip(m_file);
        if (!m_zip)
            return corrupt(m_file, QStringLiteral("its zip directory cannot be read"));
        if (unzLocateFile(m_zip, m_part.toUtf8().constData(), 2) != UNZ_OK)
            return corrupt(m_file, QStringLiteral("the worksheet part \"%1\" is missing").arg(m_part));
        if (unzOpenCurrentFile(m_zip) != UNZ_OK)
            return corrupt(m_file, QStringLiteral("the worksheet part \"%1\" cannot be opened").arg(m_part));
        m_open = true;
        return {};
    }

    qint64 dimensionRows() const override { return m_dimensionRows; }

    Result<bool> next(SheetRow &row) override
    {
        if (m_finished)
            return false;
        row = SheetRow{};
        bool inRow = false;
        for (;;) {
            auto tok = readNext();
            if (!tok)
                return tok.error();
            switch (*tok) {
            case QXmlStreamReader::EndDocument:
                m_finished = true;
                if (auto st = closeEntry(); !st)
                    return st.error();
                return inRow;
            case QXmlStreamReader::StartElement: {
                const QStringView name = m_xml.name();
                if (name == QLatin1String("row")) {
                    inRow = true;
                    const qint64 r = attr(m_xml, QLatin1String("r")).toLongLong();
                    row.number = r > 0 ? r : m_lastRow + 1;
                    m_lastRow = row.number;
                    m_nextColumn = 0;
                } else if (name == QLatin1String("c") && inRow) {
                    m_cellRef = attr(m_xml, QLatin1String("r"));
                    const int col = columnOfRef(m_cellRef);
                    m_cellColumn = col >= 0 ? col : m_nextColumn;
                    m_nextColumn = m_cellColumn + 1;
                    m_cellType = attr(m_xml, QLatin1String("t"));
                    m_cellStyle = attr(m_xml, QLatin1String("s")).toInt();
                    m_v.clear();
                    m_inline.clear();
                } else if (name == QLatin1String("v")) {
                    m_text = &m_v;
                } else if (name == QLatin1String("t") && m_phonetic == 0) {
                    m_text = &m_inline;
                } else if (name == QLatin1String("rPh")) {
                    ++m_phonetic;
                } else if (name == QLatin1String("dimension")) {
                    const QString ref = attr(m_xml, QLatin1String("ref"));
                    const qint64 last = rowOfRef(QStringView(ref).mid(ref.indexOf(QLatin1Char(':')) + 1));
                    m_dimensionRows = last;
                }
                break;
            }
            case QXmlStreamReader::Characters:
                if (m_text)
                    m_text->append(m_xml.text());
                break;
            case QXmlStreamReader::EndElement: {
                const QStringView name = m_xml.name();
                if (name == QLatin1String("v") || name == QLatin1String("t")) {
                    m_text = nullptr;
                } else if (name == QLatin1String("rPh")) {
                    --m_phonetic;
                } else if (name == QLatin1String("c") && inRow) {
                    if (row.cells.size() <= m_cellColumn)
                        row.cells.resize(m_cellColumn + 1);
                    row.cells[m_cellColumn] = cellValue(row);
                } else if (name == QLatin1String("row") && inRow) {
                    return true;
                } else if (name == QLatin1String("sheetData")) {
                    m_finished = true;
                    if (auto st = closeEntry(); !st)
                        return st.error();
                    return inRow;
                }
                break;
            }
            default:
                break;
            }
        }
    }

private:
    Value cellValue(SheetRow &row) const
    {
        const QString where =
            m_cellRef.isEmpty() ? columnLetters(m_cellColumn) + QString::number(row.number) : m_cellRef;
        if (m_cellType == QLatin1String("s")) {
            bool ok = false;
            const int idx = m_v.trimmed().toInt(&ok);
            if (ok && idx >= 0 && idx < m_book->sharedStrings.size())
                return Value::fromText(m_book->sharedStrings[idx]);
            row.issues << RowIssue{
                row.number, where, m_v,
                QStringLiteral("the cell %1 refers to the shared string %2, which \"%3\" does "
                               "not have; read as empty")
                    .arg(where, m_v, m_file),
                true};
            return {};
        }
        if (m_cellType == QLatin1String("inlineStr"))
            return Value::fromText(m_inline);
        if (m_cellType == QLatin1String("str"))
            return Value::fromText(m_v);
        if (m_cellType == QLatin1String("b"))
            return Value::fromBool(m_v.trimmed() == QLatin1String("1") ||
                                   m_v.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0);
        if (m_cellType == QLatin1String("e")) {
            row.issues << RowIssue{
                row.number, where, m_v,
                QStringLiteral("the cell %1 holds the Excel error %2; read as empty").arg(where, m_v), true};
            return {};
        }
        if (m_v.isEmpty())
            return {};
        if (m_cellType == QLatin1String("d")) {
            const Value v = textToValue(m_v, ValueType::DateTime);
            return v;
        }
        const DateKind kind = m_cellStyle >= 0 && m_cellStyle < m_book->xfDateKinds.size()
                                  ? m_book->xfDateKinds[m_cellStyle]
                                  : DateKind::None;
        bool ok = false;
        Value v = numberValue(m_v.trimmed(), kind, m_book->date1904, &ok);
        if (!ok) {
            row.issues << RowIssue{
                row.number, where, m_v,
                QStringLiteral("the cell %1 should hold a number but holds \"%2\"; read as text")
                    .arg(where, m_v),
                true};
        }
        return v;
    }

    // Reads the entry to its end so that minizip checks its CRC: damage shows even when the XML
    // happens to stay well-formed.
    Result<void> closeEntry()
    {
        if (!m_open)
            return {};
        QByteArray sink(64 * 1024, Qt::Uninitialized);
        int n = 0;
        while ((n = unzReadCurrentFile(m_zip, sink.data(), unsigned(sink.size()))) > 0) {
        }
        const int rc = unzCloseCurrentFile(m_zip);
        m_open = false;
        if (n < 0 || rc != UNZ_OK) {
            return corrupt(m_file,
                           QStringLiteral("the worksheet part \"%1\" fails its CRC check (zip error %2)")
                               .arg(m_part)
                               .arg(n < 0 ? n : rc));
        }
        return {};
    }

    Result<QXmlStreamReader::TokenType> readNext()
    {
        for (;;) {
            const auto t = m_xml.readNext();
            if (t != QXmlStreamReader::Invalid)
                return t;
            if (m_xml.error() != QXmlStreamReader::PrematureEndOfDocumentError || m_eof)
                return xmlError(m_file, m_part, m_xml);
            QByteArray chunk(256 * 1024, Qt::Uninitialized);
            const int n = unzReadCurrentFile(m_zip, chunk.data(), unsigned(chunk.size()));
            if (n < 0) {
                return corrupt(m_file,
                               QStringLiteral("the worksheet part \"%1\" cannot be decompressed after "
                                              "row %2 (zip error %3)")
                                   .arg(m_part)
                                   .arg(m_lastRow)
                                   .arg(n));
            }
            if (n == 0) {
                m_eof = true;
                if (unzCloseCurrentFile(m_zip) == UNZ_CRCERROR) {
                    m_open = false;
                    return corrupt(
                        m_file, QStringLiteral("the worksheet part \"%1\" fails its CRC check").arg(m_part));
                }
                m_open = false;
                continue; // let the reader report the premature end as an error
            }
            chunk.truncate(n);
            m_xml.addData(chunk);
        }
    }

    QString m_file;
    QString m_part;
    const XlsxConnection::Workbook *m_book;
    unzFile m_zip = nullptr;
    bool m_open = false;
    bool m_eof = false;
    bool m_finished = false;
    QXmlStreamReader m_xml;
    qint64 m_lastRow = 0;
    qint64 m_dimensionRows = -1;
    int m_nextColumn = 0;
    int m_cellColumn = 0;
    QString m_cellRef;
    QString m_cellType;
    int m_cellStyle = 0;
    QString m_v;
    QString m_inline;
    QString *m_text = nullptr;
    int m_phonetic = 0;
};

} // namespace

DateKind excelDateKind(int id, const QString &code)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
        return DateKind::Date;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47))
        return DateKind::Time;
    if (id == 22)
        return DateKind::DateTime;
    if (code.isEmpty())
        return DateKind::None;
    // Only the first section (positive numbers) decides.
    QString s;
    bool quoted = false;
    for (qsizetype i = 0; i < code.size(); ++i) {
        const QChar c = code[i];
        if (quoted) {
            if (c == QLatin1Char('"'))
                quoted = false;
            continue;
        }
        if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char('\\') || c == QLatin1Char('_') || c == QLatin1Char('*')) {
            ++i; // escaped / padding character
        } else if (c == QLatin1Char('[')) {
            const qsizetype end = code.indexOf(QLatin1Char(']'), i);
            const QString inner = code.mid(i + 1, end < 0 ? -1 : end - i - 1).toLower();
            // [h], [mm], [ss]: elapsed time; anything else ([Red], [$-409], [>100]) is not a token
            if (!inner.isEmpty() && (inner[0] == QLatin1Char('h') || inner[0] == QLatin1Char('m') ||
                                     inner[0] == QLatin1Char('s')))
                s += inner;
            if (end < 0)
                break;
            i = end;
        } else if (c == QLatin1Char(';')) {
            break;
        } else {
            s += c.toLower();
        }
    }
    s.remove(QLatin1String("am/pm")).remove(QLatin1String("a/p"));
    if (s == QLatin1String("general"))
        return DateKind::None;
    const bool hasDate = s.contains(QLatin1Char('y')) || s.contains(QLatin1Char('d'));
    const bool hasTime = s.contains(QLatin1Char('h')) || s.contains(QLatin1Char('s'));
    const bool hasM = s.contains(QLatin1Char('m'));
    if (hasDate && hasTime)
        return DateKind::DateTime;
    if (hasDate || (hasM && !hasTime))
        return DateKind::Date;
    if (hasTime)
        return DateKind::Time;
    return DateKind::None;
}

Value excelSerialToValue(double serial, DateKind kind, bool date1904)
{
    if (!std::isfinite(serial) || serial < 0 || serial > 2958465.0) // after 9999-12-31
        return Value::fromDouble(serial);
    qint64 days = qint64(std::floor(serial));
    qint64 ms = std::llround((serial - double(days)) * 86400000.0);
    if (ms >= 86400000) {
        ++days;
        ms -= 86400000;
    }
    const QTime time = QTime::fromMSecsSinceStartOfDay(int(ms));
    if (kind == DateKind::Time)
        return Value::fromTime(time);
    QDate date;
    if (date1904) {
        date = QDate(1904, 1, 1).addDays(days);
    } else if (days == 60) {
        return Value::fromText(QStringLiteral("1900-02-29"));
    } else if (days < 60) {
        date = QDate(1899, 12, 31).addDays(days);
    } else {
        date = QDate(1899, 12, 30).addDays(days);
    }
    if (kind == DateKind::Date && ms == 0)
        return Value::fromDate(date);
    return Value::fromDateTime(QDateTime(date, time, Qt::UTC));
}

XlsxConnection::XlsxConnection(SourceUri uri) : m_uri(std::move(uri)) {}

XlsxConnection::~XlsxConnection()
{
    if (m_zip)
        unzClose(static_cast<unzFile>(m_zip));
}

Result<void> XlsxConnection::open()
{
    const QString file = m_uri.path;
    QFile f(file);
    if (!f.exists() || QFileInfo(file).isDir()) {
        return Error::make(QStringLiteral("source.not-found"),
                           QStringLiteral("The workbook \"%1\" does not exist.").arg(file));
    }
    if (!f.open(QIODevice::ReadOnly)) {
        return Error::make(QStringLiteral("source.unreadable"),
                           QStringLiteral("Cannot open the workbook \"%1\": %2.").arg(file, f.errorString()));
    }
    const QByteArray magic = f.peek(8);
    if (magic.startsWith(QByteArray::fromHex("d0cf11e0a1b11ae1"))) {
        // An OLE2 compound file: either an encrypted OOXML package or an old .xls workbook.
        const QByteArray head = f.read(8 << 20);
        const QByteArray marker =
            QByteArray::fromRawData(reinterpret_cast<const char *>(u"EncryptedPackage"), 32);
        if (head.contains(marker)) {
            return Error::make(
                QStringLiteral("source.encrypted"),
                QStringLiteral("The workbook \"%1\" is password-protected or encrypted; remove the "
                               "password in Excel (File > Info > Protect Workbook) and save it "
                               "again.")
                    .arg(file));
        }
        return Error::make(QStringLiteral("source.unsupported"),
                           QStringLiteral("\"%1\" is an Excel 97-2003 (.xls) workbook, not .xlsx; open it as "
                                          "xls://.")
                               .arg(file));
    }
    if (!magic.startsWith("PK")) {
        return Error::make(
            QStringLiteral("source.corrupt"),
            QStringLiteral("\"%1\" is not an .xlsx workbook (it is not a zip archive).").arg(file));
    }
    f.close();
    auto zip = openZip(file);
    if (!zip)
        return corrupt(file, QStringLiteral("its zip directory cannot be read"));
    m_zip = zip;

    // Package relationships -> workbook part.
    QString workbookPart = QStringLiteral("xl/workbook.xml");
    {
        bool missing = false;
        auto rels = readPart(zip, QStringLiteral("_rels/.rels"), file, &missing);
        if (!rels)
            return rels.error();
        QXmlStreamReader x(*rels);
        while (!x.atEnd()) {
            if (x.readNext() == QXmlStreamReader::StartElement && x.name() == QLatin1String("Relationship") &&
                attr(x, QLatin1String("Type")).endsWith(QLatin1String("/officeDocument")))
                workbookPart = resolvePart(QString(), attr(x, QLatin1String("Target")));
        }
    }
    const QString baseDir = workbookPart.contains(QLatin1Char('/'))
                                ? workbookPart.left(workbookPart.lastIndexOf(QLatin1Char('/')) + 1)
                                : QString();
    const QString relsPart =
        baseDir + QStringLiteral("_rels/") + workbookPart.mid(baseDir.size()) + QStringLiteral(".rels");
    QHash<QString, QString> targets; // rId -> part
    QString stylesPart, sharedPart;
    {
        auto rels = readPart(zip, relsPart, file);
        if (!rels)
            return rels.error();
        QXmlStreamReader x(*rels);
        while (!x.atEnd()) {
            if (x.readNext() != QXmlStreamReader::StartElement || x.name() != QLatin1String("Relationship"))
                continue;
            const QString type = attr(x, QLatin1String("Type"));
            const QString target = resolvePart(baseDir, attr(x, QLatin1String("Target")));
            if (type.endsWith(QLatin1String("/worksheet")))
                targets.insert(attr(x, QLatin1String("Id")), target);
            else if (type.endsWith(QLatin1String("/styles")))
                stylesPart = target;
            else if (type.endsWith(QLatin1String("/sharedStrings")))
                sharedPart = target;
        }
        if (x.hasError())
            return xmlError(file, relsPart, x);
    }
    {
        auto wb = readPart(zip, workbookPart, file);
        if (!wb)
            return wb.error();
        QXmlStreamReader x(*wb);
        while (!x.atEnd()) {
            if (x.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (x.name() == QLatin1String("workbookPr")) {
                const QString v = attr(x, QLatin1String("date1904")).toLower();
                m_book.date1904 = v == QLatin1String("1") || v == QLatin1String("true");
            } else if (x.name() == QLatin1String("sheet")) {
                const QString part = targets.value(nsAttr(x, QLatin1String("id")));
                if (part.isEmpty())
                    continue; // a chart sheet or dialog sheet: not a table
                m_book.sheetNames << attr(x, QLatin1String("name"));
                m_book.sheetParts << part;
            }
        }
        if (x.hasError())
            return xmlError(file, workbookPart, x);
    }
    if (!sharedPart.isEmpty()) {
        bool missing = false;
        auto ss = readPart(zip, sharedPart, file, &missing);
        if (!ss)
            return ss.error();
        QXmlStreamReader x(*ss);
        QString current;
        bool inSi = false, inT = false;
        int phonetic = 0;
        while (!x.atEnd()) {
            switch (x.readNext()) {
            case QXmlStreamReader::StartElement:
                if (x.name() == QLatin1String("si")) {
                    inSi = true;
                    current.clear();
                } else if (x.name() == QLatin1String("rPh")) {
                    ++phonetic;
                } else if (x.name() == QLatin1String("t") && inSi && phonetic == 0) {
                    inT = true;
                }
                break;
            case QXmlStreamReader::Characters:
                if (inT)
                    current += x.text();
                break;
            case QXmlStreamReader::EndElement:
                if (x.name() == QLatin1String("t")) {
                    inT = false;
                } else if (x.name() == QLatin1String("rPh")) {
                    --phonetic;
                } else if (x.name() == QLatin1String("si")) {
                    m_book.sharedStrings << current;
                    inSi = false;
                }
                break;
            default:
                break;
            }
        }
        if (x.hasError())
            return xmlError(file, sharedPart, x);
    }
    if (!stylesPart.isEmpty()) {
        bool missing = false;
        auto st = readPart(zip, stylesPart, file, &missing);
        if (!st)
            return st.error();
        QXmlStreamReader x(*st);
        QHash<int, QString> custom;
        bool inCellXfs = false;
        QList<int> xfFormats;
        while (!x.atEnd()) {
            const auto t = x.readNext();
            if (t == QXmlStreamReader::StartElement) {
                if (x.name() == QLatin1String("numFmt"))
                    custom.insert(attr(x, QLatin1String("numFmtId")).toInt(),
                                  attr(x, QLatin1String("formatCode")));
                else if (x.name() == QLatin1String("cellXfs"))
                    inCellXfs = true;
                else if (x.name() == QLatin1String("xf") && inCellXfs)
                    xfFormats << attr(x, QLatin1String("numFmtId")).toInt();
            } else if (t == QXmlStreamReader::EndElement && x.name() == QLatin1String("cellXfs")) {
                inCellXfs = false;
            }
        }
        if (x.hasError())
            return xmlError(file, stylesPart, x);
        for (const int id : std::as_const(xfFormats))
            m_book.xfDateKinds << excelDateKind(id, custom.value(id));
    }
    // Readers open their own handle (minizip has one current entry per handle).
    unzClose(zip);
    m_zip = nullptr;
    return {};
}

Result<std::unique_ptr<SourceReader>> XlsxConnection::makeReader(const QString &table,
                                                                 const QMap<QString, QString> &options,
                                                                 SheetReader **sheetReader)
{
    const qsizetype idx = m_book.sheetNames.indexOf(table);
    if (idx < 0) {
        return Error::make(
            QStringLiteral("source.no-such-table"),
            QStringLiteral("The workbook \"%1\" has no worksheet \"%2\".").arg(m_uri.path, table));
    }
    auto rows = std::make_unique<XlsxSheetRows>(m_uri.path, m_book.sheetParts[idx], &m_book);
    if (auto st = rows->open(); !st)
        return st.error();
    auto reader = std::make_unique<SheetReader>(std::move(rows), options, m_uri.path, table);
    if (auto st = reader->init(); !st)
        return st.error();
    if (sheetReader)
        *sheetReader = reader.get();
    return std::unique_ptr<SourceReader>(std::move(reader));
}

Result<QList<TableInfo>> XlsxConnection::listTables()
{
    QList<TableInfo> out;
    for (const QString &name : std::as_const(m_book.sheetNames)) {
        SheetReader *sheet = nullptr;
        auto reader = makeReader(name, m_uri.options, &sheet);
        TableInfo t;
        if (reader) {
            // Small sheets are counted exactly (this also finds their footnotes); big ones estimated.
            auto info = sheet->describe(kExactCountRows);
            if (info)
                t = *info;
            else
                t.error = info.error();
        } else {
            t.error = reader.error();
        }
        t.name = name;
        t.kind = TableKind::Sheet;
        out << t;
    }
    return out;
}

Result<std::unique_ptr<SourceReader>> XlsxConnection::openReader(const QString &table,
                                                                 const ReadOptions &options)
{
    const QMap<QString, QString> opts = options.mergedWith(m_uri.options);
    return makeReader(table, opts, nullptr);
}

} // namespace ferry::source
