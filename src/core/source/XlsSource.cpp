#include "XlsSource.h"

#include "BiffWorkbook.h"
#include "SheetTable.h"
#include "TextValues.h"

#include <QFile>
#include <QFileInfo>

#include <freexl.h>

#include <cmath>

namespace ferry::source {

namespace {

QString freexlReason(int rc)
{
    switch (rc) {
    case FREEXL_FILE_NOT_FOUND:
        return QStringLiteral("the file cannot be opened");
    case FREEXL_INSUFFICIENT_MEMORY:
        return QStringLiteral("out of memory");
    case FREEXL_INVALID_CFBF_HEADER:
    case FREEXL_CFBF_INVALID_SIGNATURE:
    case FREEXL_CFBF_INVALID_SECTOR_SIZE:
        return QStringLiteral("its compound-file header is invalid");
    case FREEXL_CFBF_READ_ERROR:
    case FREEXL_CFBF_SEEK_ERROR:
        return QStringLiteral("it is truncated (read past its end)");
    case FREEXL_CFBF_EMPTY_FAT_CHAIN:
    case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
    case FREEXL_INVALID_MINI_STREAM:
    case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
        return QStringLiteral("its sector allocation table is damaged");
    case FREEXL_BIFF_INVALID_BOF:
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
        return QStringLiteral("it holds no Excel workbook stream");
    case FREEXL_BIFF_INVALID_SST:
    case FREEXL_BIFF_ILLEGAL_SST_INDEX:
        return QStringLiteral("its shared string table is damaged");
    case FREEXL_CRAFTED_FILE:
        return QStringLiteral("FreeXL rejected its structure as damaged");
    case FREEXL_UNSUPPORTED_CHARSET:
    case FREEXL_INVALID_CHARACTER:
        return QStringLiteral("it uses an unsupported character set");
    default:
        return QStringLiteral("FreeXL error %1").arg(rc);
    }
}

Value cellToValue(const FreeXL_CellValue &v)
{
    switch (v.type) {
    case FREEXL_CELL_INT:
        return Value::fromInt(v.value.int_value);
    case FREEXL_CELL_DOUBLE: {
        const double d = v.value.double_value;
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9007199254740992.0)
            return Value::fromInt(qint64(d));
        return Value::fromDouble(d);
    }
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
        return v.value.text_value ? Value::fromText(QString::fromUtf8(v.value.text_value)) : Value();
    case FREEXL_CELL_DATE:
        return textToValue(QString::fromLatin1(v.value.text_value), ValueType::Date);
    case FREEXL_CELL_DATETIME:
        return textToValue(QString::fromLatin1(v.value.text_value), ValueType::DateTime);
    case FREEXL_CELL_TIME:
        return textToValue(QString::fromLatin1(v.value.text_value), ValueType::Time);
    default:
        return {};
    }
}

/// Rows of one worksheet; FreeXL holds the whole sheet in memory, so this is a plain cursor.
class XlsSheetRows final : public SheetRowSource
{
public:
    XlsSheetRows(const void *handle, unsigned short index, const BiffWorkbook::Sheet *formulaValues)
        : m_handle(handle), m_index(index), m_formulaValues(formulaValues)
    {}

    Result<void> open(const QString &file, const QString &sheet)
    {
        if (freexl_select_active_worksheet(m_handle, m_index) != FREEXL_OK ||
            freexl_worksheet_dimensions(m_handle, &m_rows, &m_columns) != FREEXL_OK) {
            return Error::make(
                QStringLiteral("source.corrupt"),
                QStringLiteral("The worksheet \"%1\" of \"%2\" cannot be read.").arg(sheet, file));
        }
        return {};
    }
    qint64 dimensionRows() const override { return m_rows; }

    Result<bool> next(SheetRow &row) override
    {
        // Another reader of the same workbook may have switched the active sheet in between.
        freexl_select_active_worksheet(m_handle, m_index);
        while (m_next < m_rows) {
            const unsigned r = m_next++;
            row = SheetRow{};
            row.number = qint64(r) + 1;
            const SheetRow *fill = nullptr;
            if (m_formulaValues) {
                if (auto it = m_formulaValues->rows.constFind(row.number); it != m_formulaValues->rows.cend())
                    fill = &*it;
            }
            for (unsigned short c = 0; c < m_columns; ++c) {
                FreeXL_CellValue v{};
                Value value;
                if (freexl_get_cell_value(m_handle, r, c, &v) == FREEXL_OK && v.type != FREEXL_CELL_NULL)
                    value = cellToValue(v);
                else if (fill && c < fill->cells.size())
                    value = fill->cells[c];
                if (value.isNull())
                    continue;
                if (row.cells.size() <= c)
                    row.cells.resize(c + 1);
                row.cells[c] = value;
            }
            if (!row.cells.isEmpty())
                return true;
        }
        return false;
    }

private:
    const void *m_handle;
    unsigned short m_index;
    unsigned m_rows = 0;
    unsigned short m_columns = 0;
    unsigned m_next = 0;
    const BiffWorkbook::Sheet *m_formulaValues;
};

} // namespace

XlsConnection::XlsConnection(SourceUri uri) : m_uri(std::move(uri)) {}

XlsConnection::~XlsConnection()
{
    if (m_handle)
        freexl_close(m_handle);
}

Result<void> XlsConnection::open()
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
    if (magic.startsWith("PK")) {
        return Error::make(
            QStringLiteral("source.unsupported"),
            QStringLiteral("\"%1\" is an .xlsx workbook, not Excel 97-2003; open it as xlsx://.").arg(file));
    }
    if (!magic.startsWith(QByteArray::fromHex("d0cf11e0a1b11ae1"))) {
        return Error::make(
            QStringLiteral("source.corrupt"),
            QStringLiteral("\"%1\" is not an Excel 97-2003 workbook (no compound-file header).").arg(file));
    }
    const QByteArray head = f.read(8 << 20);
    if (head.contains(QByteArray::fromRawData(reinterpret_cast<const char *>(u"EncryptedPackage"), 32))) {
        return Error::make(
            QStringLiteral("source.encrypted"),
            QStringLiteral("The workbook \"%1\" is password-protected or encrypted.").arg(file));
    }
    f.close();

    const QByteArray path = QFile::encodeName(QFileInfo(file).absoluteFilePath());
    // Option reader=biff8 skips FreeXL (to compare both readers, or to work around FreeXL).
    const bool builtinOnly = m_uri.option(QStringLiteral("reader")).toLower() == QLatin1String("biff8");
    const int rc = builtinOnly ? FREEXL_OK : freexl_open(path.constData(), &m_handle);
    if (rc != FREEXL_OK || !m_handle) {
        // FreeXL 1.0.6 can answer OK with no handle when a record fails to parse. Try the built-in
        // BIFF8 reader before giving up; report FreeXL's reason if that fails too.
        if (m_handle)
            freexl_close(m_handle);
        m_handle = nullptr;
        auto biff = std::make_unique<BiffWorkbook>();
        auto st = biff->load(file);
        if (!st) {
            if (st.error().code == QLatin1String("source.encrypted"))
                return st.error();
            return Error::make(
                QStringLiteral("source.corrupt"),
                QStringLiteral("The workbook \"%1\" cannot be read: %2 (%3).")
                    .arg(file,
                         rc != FREEXL_OK ? freexlReason(rc) : QStringLiteral("FreeXL could not parse it"),
                         st.error().message));
        }
        m_biff = std::move(biff);
        for (const BiffWorkbook::Sheet &s : m_biff->sheets())
            m_sheets << s.name;
        return {};
    }
    unsigned info = 0;
    if (freexl_get_info(m_handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info != FREEXL_BIFF_PLAIN) {
        return Error::make(
            QStringLiteral("source.encrypted"),
            QStringLiteral("The workbook \"%1\" is password-protected or encrypted.").arg(file));
    }
    if (auto biff = std::make_unique<BiffWorkbook>(); biff->load(file))
        m_formulaValues = std::move(biff);
    unsigned count = 0;
    freexl_get_info(m_handle, FREEXL_BIFF_SHEET_COUNT, &count);
    for (unsigned i = 0; i < count; ++i) {
        const char *name = nullptr;
        if (freexl_get_worksheet_name(m_handle, static_cast<unsigned short>(i), &name) == FREEXL_OK && name)
            m_sheets << QString::fromUtf8(name);
        else
            m_sheets << QStringLiteral("Sheet%1").arg(i + 1);
    }
    return {};
}

Result<std::unique_ptr<SourceReader>> XlsConnection::makeReader(const QString &table,
                                                                const QMap<QString, QString> &options,
                                                                SheetReader **sheetReader)
{
    const qsizetype idx = m_sheets.indexOf(table);
    if (idx < 0) {
        return Error::make(
            QStringLiteral("source.no-such-table"),
            QStringLiteral("The workbook \"%1\" has no worksheet \"%2\".").arg(m_uri.path, table));
    }
    std::unique_ptr<SheetRowSource> rows;
    if (m_biff) {
        rows = std::make_unique<MemorySheetRows>(&m_biff->sheets()[idx]);
    } else {
        const BiffWorkbook::Sheet *formulaValues = nullptr;
        if (m_formulaValues && m_formulaValues->sheets().size() == m_sheets.size())
            formulaValues = &m_formulaValues->sheets()[idx];
        auto freexlRows =
            std::make_unique<XlsSheetRows>(m_handle, static_cast<unsigned short>(idx), formulaValues);
        if (auto st = freexlRows->open(m_uri.path, table); !st)
            return st.error();
        rows = std::move(freexlRows);
    }
    auto reader = std::make_unique<SheetReader>(std::move(rows), options, m_uri.path, table);
    if (auto st = reader->init(); !st)
        return st.error();
    if (sheetReader)
        *sheetReader = reader.get();
    return std::unique_ptr<SourceReader>(std::move(reader));
}

Result<QList<TableInfo>> XlsConnection::listTables()
{
    QList<TableInfo> out;
    for (const QString &name : std::as_const(m_sheets)) {
        SheetReader *sheet = nullptr;
        auto reader = makeReader(name, m_uri.options, &sheet);
        TableInfo t;
        if (reader) {
            auto info = sheet->describe(1 << 20); // in memory already: always count exactly
            if (info) {
                t = *info;
                t.properties.insert(QStringLiteral("reader"),
                                    m_biff ? QStringLiteral("biff8") : QStringLiteral("freexl"));
            } else
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

Result<std::unique_ptr<SourceReader>> XlsConnection::openReader(const QString &table,
                                                                const ReadOptions &options)
{
    const QMap<QString, QString> opts = options.mergedWith(m_uri.options);
    return makeReader(table, opts, nullptr);
}

} // namespace ferry::source
