#include "SheetTable.h"

#include "TextValues.h"

#include <QSet>

namespace ferry::source {

namespace {

constexpr int kSampleRows = 200;

bool cellEmpty(const Value &v)
{
    return v.isNull() || (v.type() == ValueType::Text && v.toText().trimmed().isEmpty());
}

int lastUsed(const SheetRow &r)
{
    for (qsizetype c = r.cells.size() - 1; c >= 0; --c)
        if (!cellEmpty(r.cells[c]))
            return int(c);
    return -1;
}

int firstUsed(const SheetRow &r)
{
    for (qsizetype c = 0; c < r.cells.size(); ++c)
        if (!cellEmpty(r.cells[c]))
            return int(c);
    return -1;
}

// A row whose non-empty cells are all text; adds the used columns to `cover`.
bool textRow(const SheetRow &r, QSet<int> *cover)
{
    bool any = false;
    for (qsizetype c = 0; c < r.cells.size(); ++c) {
        if (cellEmpty(r.cells[c]))
            continue;
        if (r.cells[c].type() != ValueType::Text)
            return false;
        any = true;
        if (cover)
            cover->insert(int(c));
    }
    return any;
}

bool hasTypedCell(const SheetRow &r)
{
    for (const Value &v : r.cells)
        if (!cellEmpty(v) && v.type() != ValueType::Text)
            return true;
    return false;
}

ValueType mergeCellTypes(ValueType a, ValueType b)
{
    if (a == b || b == ValueType::Null)
        return a;
    if (a == ValueType::Null)
        return b;
    if ((a == ValueType::Int && b == ValueType::Double) || (a == ValueType::Double && b == ValueType::Int))
        return ValueType::Double;
    if ((a == ValueType::Date && b == ValueType::DateTime) ||
        (a == ValueType::DateTime && b == ValueType::Date))
        return ValueType::DateTime;
    return ValueType::Text;
}

} // namespace

QString columnLetters(int index)
{
    QString out;
    for (int n = index + 1; n > 0; n = (n - 1) / 26)
        out.prepend(QChar(u'A' + (n - 1) % 26));
    return out;
}

SheetLayout detectSheetLayout(const QList<SheetRow> &sample, const QMap<QString, QString> &options)
{
    SheetLayout layout;
    int width = 0;
    int first = -1;
    for (const SheetRow &r : sample) {
        width = std::max(width, lastUsed(r) + 1);
        const int f = firstUsed(r);
        if (f >= 0)
            first = first < 0 ? f : std::min(first, f);
    }
    layout.firstColumn = std::max(first, 0);
    const QString headerOpt = options.value(QStringLiteral("header"), QStringLiteral("auto")).toLower();
    const bool noHeader = headerOpt == QLatin1String("no") || headerOpt == QLatin1String("false");
    bool titleOk = false;
    const int titleOpt = options.value(QStringLiteral("titleRows")).toInt(&titleOk);

    qsizetype headerIndex = -1; // index into sample
    int headerRows = 0;
    if (titleOk && titleOpt >= 0) {
        layout.titleRows = titleOpt;
        bool hrOk = false;
        const int hr = options.value(QStringLiteral("headerRows")).toInt(&hrOk);
        headerRows = noHeader ? 0 : (hrOk && hr >= 0 ? hr : 1);
        layout.headerRows = headerRows;
        layout.firstDataRow = titleOpt + headerRows + 1;
    } else if (!noHeader) {
        const QSet<int> used = [&] {
            QSet<int> s;
            for (int c = layout.firstColumn; c < width; ++c)
                s.insert(c);
            return s;
        }();
        const qsizetype limit = std::min<qsizetype>(sample.size(), 40);
        // 1) a block of up to three consecutive all-text rows that fills every used column
        for (qsizetype i = 0; i < limit && headerIndex < 0; ++i) {
            QSet<int> cover;
            for (qsizetype k = 0; k < 3 && i + k < sample.size(); ++k) {
                const SheetRow &r = sample[i + k];
                if (k > 0 && r.number != sample[i + k - 1].number + 1)
                    break;
                if (!textRow(r, &cover))
                    break;
                if (cover.contains(used) && (k > 0 || cover.size() >= 1)) {
                    // a single-cell "block" only counts for a one-column sheet
                    if (used.size() > 1 && cover.size() < 2)
                        break;
                    headerIndex = i;
                    headerRows = int(k + 1);
                    break;
                }
            }
        }
        // 2) an all-text row filling half the columns, followed by a row with numbers or dates
        for (qsizetype i = 0; i < limit && headerIndex < 0; ++i) {
            QSet<int> cover;
            if (textRow(sample[i], &cover) && cover.size() >= 2 && cover.size() * 2 >= used.size() &&
                i + 1 < sample.size() && hasTypedCell(sample[i + 1])) {
                headerIndex = i;
                headerRows = 1;
            }
        }
        if (headerIndex >= 0) {
            layout.titleRows = int(sample[headerIndex].number - 1);
            layout.headerRows = headerRows;
            layout.firstDataRow = sample[headerIndex].number + headerRows;
        }
    }

    // Names: the header rows' texts per column, joined.
    QStringList raw;
    for (int c = layout.firstColumn; c < std::max(width, layout.firstColumn + 1); ++c) {
        QStringList parts;
        for (const SheetRow &r : sample) {
            if (r.number <= layout.titleRows || r.number >= layout.firstDataRow || c >= r.cells.size())
                continue;
            if (!cellEmpty(r.cells[c]))
                parts << r.cells[c].toText().simplified();
        }
        raw << parts.join(QLatin1Char(' '));
    }
    QSet<QString> seen;
    for (int i = 0; i < raw.size(); ++i) {
        QString base = raw[i].isEmpty() ? columnLetters(layout.firstColumn + i) : raw[i];
        QString name = base;
        for (int k = 2; seen.contains(name.toLower()); ++k)
            name = QStringLiteral("%1_%2").arg(base).arg(k);
        seen.insert(name.toLower());
        layout.names << name;
    }
    return layout;
}

SheetReader::SheetReader(std::unique_ptr<SheetRowSource> rows, QMap<QString, QString> options,
                         QString fileName, QString sheetName)
    : m_source(std::move(rows)), m_options(std::move(options)), m_fileName(std::move(fileName)),
      m_sheetName(std::move(sheetName))
{
    m_footnotes =
        m_options.value(QStringLiteral("footnotes"), QStringLiteral("auto")).toLower() != QLatin1String("no");
}

Result<void> SheetReader::init()
{
    while (m_sample.size() < kSampleRows) {
        SheetRow r;
        auto got = m_source->next(r);
        if (!got)
            return got.error();
        if (!*got) {
            m_sourceDone = true;
            break;
        }
        m_sample << r;
    }
    m_layout = detectSheetLayout(m_sample, m_options);
    // Types come from the sampled data rows only: not from title/header rows, and not from what
    // nextBatch() would hold back as footnotes (same rule as there).
    QList<const SheetRow *> dataRows;
    {
        QList<const SheetRow *> held;
        bool sawData = false;
        qint64 last = 0;
        for (const SheetRow &r : std::as_const(m_sample)) {
            if (r.number < m_layout.firstDataRow)
                continue;
            const bool gap = sawData && r.number > last + 1;
            last = r.number;
            if (isBlank(r)) {
                if (sawData)
                    held << &r;
                continue;
            }
            if (m_footnotes && sawData && (gap || !held.isEmpty()) && isNoteLike(r)) {
                held << &r;
                continue;
            }
            for (const SheetRow *h : std::as_const(held))
                if (!isBlank(*h))
                    dataRows << h;
            held.clear();
            dataRows << &r;
            sawData = true;
        }
        if (!m_sourceDone) // the sample ended inside the held rows: they may still be data
            for (const SheetRow *h : std::as_const(held))
                if (!isBlank(*h))
                    dataRows << h;
    }
    QVector<ValueType> types(m_layout.names.size(), ValueType::Null);
    for (const SheetRow *row : std::as_const(dataRows)) {
        const SheetRow &r = *row;
        for (qsizetype i = 0; i < types.size(); ++i) {
            const qsizetype c = m_layout.firstColumn + i;
            if (c < r.cells.size() && !cellEmpty(r.cells[c]))
                types[i] = mergeCellTypes(types[i], r.cells[c].type());
        }
    }
    for (qsizetype i = 0; i < types.size(); ++i) {
        ColumnInfo col;
        col.name = m_layout.names[i];
        col.type = types[i] == ValueType::Null ? ValueType::Text : types[i];
        col.inferred = true;
        m_columns << col;
    }
    return {};
}

Result<bool> SheetReader::pull(SheetRow &row)
{
    if (m_samplePos < m_sample.size()) {
        row = m_sample[m_samplePos++];
        if (m_samplePos == m_sample.size()) {
            m_sample.clear();
            m_samplePos = 0;
        }
        return true;
    }
    if (m_sourceDone)
        return false;
    auto got = m_source->next(row);
    if (got && !*got)
        m_sourceDone = true;
    return got;
}

bool SheetReader::isBlank(const SheetRow &row)
{
    return firstUsed(row) < 0;
}

bool SheetReader::isNoteLike(const SheetRow &row)
{
    int count = 0;
    for (const Value &v : row.cells) {
        if (cellEmpty(v))
            continue;
        if (v.type() != ValueType::Text || ++count > 1)
            return false;
    }
    return count == 1;
}

void SheetReader::emitRow(const SheetRow &row, RowBatch &batch) const
{
    const qsizetype n = m_columns.size();
    QVector<Value> out(n);
    for (qsizetype i = 0; i < n; ++i) {
        const qsizetype c = m_layout.firstColumn + i;
        if (c < row.cells.size())
            out[i] = row.cells[c];
    }
    batch.rows << out;
    batch.rowNumbers << row.number;
    batch.issues << row.issues;
    for (qsizetype c = m_layout.firstColumn + n; c < row.cells.size(); ++c) {
        if (!cellEmpty(row.cells[c])) {
            const QString cell = columnLetters(int(c)) + QString::number(row.number);
            batch.issues << RowIssue{row.number, cell, row.cells[c].toText(),
                                     QStringLiteral("the cell %1 of sheet \"%2\" in \"%3\" lies right of the "
                                                    "table's last column and is not read")
                                         .arg(cell, m_sheetName, m_fileName),
                                     true};
        }
    }
}

Result<bool> SheetReader::nextBatch(RowBatch &batch, int maxRows)
{
    if (m_done)
        return false;
    int produced = 0;
    while (produced < maxRows) {
        SheetRow r;
        auto got = pull(r);
        if (!got)
            return got.error();
        if (!*got) {
            for (const SheetRow &h : m_held) {
                if (isBlank(h))
                    continue;
                ++m_footnoteRows;
                const int c = firstUsed(h);
                batch.issues << RowIssue{
                    h.number, columnLetters(c) + QString::number(h.number), h.cells[c].toText(),
                    QStringLiteral("row %1 of sheet \"%2\" in \"%3\" is a footnote below the "
                                   "table (after a blank row) and is not read as data")
                        .arg(h.number)
                        .arg(m_sheetName, m_fileName),
                    false};
            }
            m_held.clear();
            m_done = true;
            return false;
        }
        if (r.number < m_layout.firstDataRow)
            continue;
        const bool gap = m_sawData && (r.number > m_lastRowNumber + 1);
        m_lastRowNumber = r.number;
        if (isBlank(r)) {
            if (!m_held.empty() || m_sawData)
                m_held.push_back(r); // a blank row: what follows may be footnotes
            continue;
        }
        if (m_footnotes && m_sawData && (gap || !m_held.empty()) && isNoteLike(r)) {
            m_held.push_back(r);
            continue;
        }
        // Real data: whatever was held was data after all (blank rows are simply skipped).
        for (const SheetRow &h : m_held) {
            if (!isBlank(h)) {
                emitRow(h, batch);
                ++produced;
            }
        }
        m_held.clear();
        emitRow(r, batch);
        ++produced;
        m_sawData = true;
    }
    return true;
}

Result<TableInfo> SheetReader::describe(qint64 exactCountUpTo)
{
    const bool exactCount = m_source->dimensionRows() < 0 || m_source->dimensionRows() <= exactCountUpTo;
    TableInfo t;
    t.name = m_sheetName;
    t.kind = TableKind::Sheet;
    t.columns = m_columns;
    if (exactCount) {
        qint64 rows = 0;
        RowBatch batch;
        for (;;) {
            batch.clear();
            auto more = nextBatch(batch, 4096);
            if (!more)
                return more.error();
            rows += batch.rows.size();
            if (!*more)
                break;
        }
        t.rowCount = rows;
        t.rowCountExact = true;
        t.properties.insert(QStringLiteral("footnoteRows"), QString::number(m_footnoteRows));
    } else if (m_source->dimensionRows() >= 0) {
        t.rowCount = std::max<qint64>(0, m_source->dimensionRows() - m_layout.firstDataRow + 1);
    }
    t.properties.insert(QStringLiteral("path"), m_fileName);
    t.properties.insert(QStringLiteral("titleRows"), QString::number(m_layout.titleRows));
    t.properties.insert(QStringLiteral("headerRows"), QString::number(m_layout.headerRows));
    t.properties.insert(QStringLiteral("firstDataRow"), QString::number(m_layout.firstDataRow));
    t.properties.insert(QStringLiteral("firstColumn"), columnLetters(m_layout.firstColumn));
    return t;
}

} // namespace ferry::source
