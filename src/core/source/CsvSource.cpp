#include "CsvSource.h"

#include "TextValues.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace ferry::source {

namespace {

constexpr qint64 kSniffBytes = 64 * 1024;

QString delimiterName(char d)
{
    return d == '\t' ? QStringLiteral("tab") : QString(QLatin1Char(d));
}

// Header names: trimmed, never empty, unique (a repeated name gets "_2", "_3"...).
QStringList uniqueNames(const QStringList &raw, int count)
{
    QStringList out;
    QSet<QString> seen;
    for (int i = 0; i < count; ++i) {
        QString base = i < raw.size() ? raw[i].trimmed() : QString();
        if (base.isEmpty())
            base = QStringLiteral("column%1").arg(i + 1);
        QString name = base;
        for (int k = 2; seen.contains(name.toLower()); ++k)
            name = QStringLiteral("%1_%2").arg(base).arg(k);
        seen.insert(name.toLower());
        out << name;
    }
    return out;
}

} // namespace

CsvReader::CsvReader(QString path, QMap<QString, QString> options, int sampleRows)
    : m_path(std::move(path)), m_options(std::move(options)), m_sampleRows(std::max(1, sampleRows))
{}

CsvReader::Pending CsvReader::toPending(const CsvRecord &rec) const
{
    Pending p;
    p.line = rec.line;
    p.malformed = rec.malformed;
    p.reason = rec.reason;
    p.invalidUtf8 = rec.invalidUtf8;
    if (rec.malformed) {
        p.raw = rec.raw;
        return p;
    }
    p.fields.reserve(rec.fieldCount);
    p.quoted.reserve(rec.fieldCount);
    for (int i = 0; i < rec.fieldCount; ++i) {
        const std::string &f = rec.fields[size_t(i)];
        p.fields << QString::fromUtf8(f.data(), qsizetype(f.size()));
        p.quoted << rec.quoted[size_t(i)];
    }
    return p;
}

Result<void> CsvReader::init()
{
    QFile f(m_path);
    if (!f.exists()) {
        return Error::make(QStringLiteral("source.not-found"),
                           QStringLiteral("The CSV file \"%1\" does not exist.").arg(m_path));
    }
    if (!f.open(QIODevice::ReadOnly)) {
        return Error::make(QStringLiteral("source.unreadable"),
                           QStringLiteral("Cannot open \"%1\": %2.").arg(m_path, f.errorString()));
    }
    const QByteArray head = f.read(kSniffBytes);
    const bool whole = f.atEnd();
    f.close();

    auto dialect = detectEncoding(head, whole, m_options.value(QStringLiteral("encoding")), m_path);
    if (!dialect)
        return dialect.error();
    m_dialect = *dialect;

    const QString delimOption = m_options.value(QStringLiteral("delimiter"));
    if (!delimOption.isEmpty()) {
        m_dialect.delimiter = parseDelimiterOption(delimOption);
        if (m_dialect.delimiter == 0) {
            return Error::make(
                QStringLiteral("source.invalid-option"),
                QStringLiteral("The delimiter \"%1\" given for \"%2\" is not one ASCII character "
                               "(or \"tab\").")
                    .arg(delimOption, m_path));
        }
    } else {
        QByteArray sample = head.mid(m_dialect.bomLength);
        if (m_dialect.encoding == TextEncoding::Utf16Le || m_dialect.encoding == TextEncoding::Utf16Be) {
            QStringDecoder dec(m_dialect.encoding == TextEncoding::Utf16Le ? QStringConverter::Utf16LE
                                                                           : QStringConverter::Utf16BE);
            sample = QString(dec.decode(sample)).toUtf8();
        }
        m_dialect.delimiter = detectDelimiter(sample);
    }
    m_typed =
        m_options.value(QStringLiteral("typed"), QStringLiteral("yes")).toLower() != QLatin1String("no");

    m_parser = std::make_unique<CsvParser>(m_path, m_dialect);
    if (auto st = m_parser->open(); !st)
        return st.error();

    // Read the sample (the first records) ahead.
    int records = 0;
    while (records < m_sampleRows + 1) {
        auto r = m_parser->next(m_rec);
        if (!r)
            return r.error();
        if (!*r) {
            m_sampleReachedEnd = true;
            break;
        }
        m_pending << toPending(m_rec);
        if (!m_rec.malformed)
            ++records;
        if (!m_rec.malformed)
            m_pending.last().raw = m_parser->lastRaw();
    }
    m_sampleBytes = m_parser->bytesConsumed();

    // Header detection.
    const QString headerOpt = m_options.value(QStringLiteral("header"), QStringLiteral("auto")).toLower();
    qsizetype firstRow = -1;
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        if (!m_pending[i].malformed) {
            firstRow = i;
            break;
        }
    }
    if (headerOpt == QLatin1String("yes") || headerOpt == QLatin1String("true") ||
        headerOpt == QLatin1String("1")) {
        m_hasHeader = firstRow >= 0;
    } else if (headerOpt == QLatin1String("no") || headerOpt == QLatin1String("false") ||
               headerOpt == QLatin1String("0")) {
        m_hasHeader = false;
    } else if (firstRow >= 0) {
        const QStringList &h = m_pending[firstRow].fields;
        bool candidate = true;
        QSet<QString> distinct;
        for (const QString &v : h) {
            const QString t = v.trimmed();
            if (t.isEmpty() || looksNumericOrDate(t) || classifyText(t) == ValueType::Bool ||
                distinct.contains(t.toLower()))
                candidate = false;
            distinct.insert(t.toLower());
        }
        if (candidate) {
            // An all-text first row is a header unless it looks like the data below it: some column
            // is typed in the data, or none of its values reappears in its own column.
            bool typedColumn = false;
            bool valueReappears = false;
            for (qsizetype c = 0; c < h.size(); ++c) {
                ValueType t = ValueType::Null;
                for (qsizetype i = firstRow + 1; i < m_pending.size(); ++i) {
                    const Pending &p = m_pending[i];
                    if (p.malformed || c >= p.fields.size())
                        continue;
                    t = mergeTypes(t, classifyText(p.fields[c]));
                    if (p.fields[c].trimmed().compare(h[c].trimmed(), Qt::CaseInsensitive) == 0)
                        valueReappears = true;
                }
                if (t != ValueType::Text && t != ValueType::Null)
                    typedColumn = true;
            }
            m_hasHeader = typedColumn || !valueReappears;
        }
    }

    // Columns.
    int count = 0;
    if (m_hasHeader) {
        count = int(m_pending[firstRow].fields.size());
    } else {
        for (const Pending &p : std::as_const(m_pending))
            count = std::max(count, int(p.fields.size()));
    }
    const QStringList names =
        uniqueNames(m_hasHeader ? m_pending[firstRow].fields : QStringList(), std::max(count, 1));
    QVector<ValueType> types(names.size(), ValueType::Null);
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        const Pending &p = m_pending[i];
        if (p.malformed || (m_hasHeader && i == firstRow))
            continue;
        ++m_sampleDataRows;
        if (!m_typed)
            continue;
        for (qsizetype c = 0; c < std::min<qsizetype>(p.fields.size(), types.size()); ++c)
            types[c] = mergeTypes(types[c], classifyText(p.fields[c]));
    }
    for (qsizetype c = 0; c < names.size(); ++c) {
        ColumnInfo col;
        col.name = names[c];
        col.type = (m_typed && types[c] != ValueType::Null) ? types[c] : ValueType::Text;
        col.inferred = m_typed;
        m_columns << col;
    }
    if (m_hasHeader)
        m_pending.removeAt(firstRow);
    return {};
}

void CsvReader::emitPending(const Pending &p, RowBatch &batch) const
{
    if (p.malformed) {
        batch.issues << RowIssue{p.line, QString(), QString::fromUtf8(p.raw), p.reason, false};
        return;
    }
    const qsizetype n = m_columns.size();
    QVector<Value> row(n);
    for (qsizetype c = 0; c < std::min(n, p.fields.size()); ++c) {
        const QString &text = p.fields[c];
        if (text.isEmpty())
            row[c] = p.quoted[c] ? Value::fromText(QString()) : Value();
        else
            row[c] = m_typed ? textToValue(text, m_columns[c].type) : Value::fromText(text);
    }
    batch.rows << row;
    batch.rowNumbers << p.line;
    if (p.fields.size() != n) {
        batch.issues << RowIssue{p.line, QString(), QString::fromUtf8(p.raw),
                                 p.fields.size() < n
                                     ? QStringLiteral("the record has %1 fields, the header %2; the missing "
                                                      "fields are read as empty")
                                           .arg(p.fields.size())
                                           .arg(n)
                                     : QStringLiteral("the record has %1 fields, the header %2; the extra "
                                                      "fields are not read")
                                           .arg(p.fields.size())
                                           .arg(n),
                                 true};
    }
    if (p.invalidUtf8) {
        batch.issues << RowIssue{
            p.line, QString(), QString::fromUtf8(p.raw),
            QStringLiteral("the record is not valid UTF-8; the invalid bytes were replaced "
                           "by U+FFFD"),
            true};
    }
}

void CsvReader::emitRecord(const CsvRecord &rec, RowBatch &batch) const
{
    const qsizetype n = m_columns.size();
    QVector<Value> row(n);
    for (qsizetype c = 0; c < n; ++c) {
        const std::string &f = rec.fields[size_t(c)];
        if (f.empty()) {
            if (rec.quoted[size_t(c)])
                row[c] = Value::fromText(QString());
            continue;
        }
        const QString text = QString::fromUtf8(f.data(), qsizetype(f.size()));
        row[c] = m_typed ? textToValue(text, m_columns[c].type) : Value::fromText(text);
    }
    batch.rows << row;
    batch.rowNumbers << rec.line;
}

Result<bool> CsvReader::nextBatch(RowBatch &batch, int maxRows)
{
    int produced = 0;
    while (produced < maxRows && m_pendingPos < m_pending.size()) {
        const Pending &p = m_pending[m_pendingPos++];
        emitPending(p, batch);
        if (!p.malformed)
            ++produced;
    }
    if (m_pendingPos >= m_pending.size() && !m_pending.isEmpty()) {
        m_pending.clear();
        m_pendingPos = 0;
    }
    while (produced < maxRows && !m_done) {
        auto r = m_parser->next(m_rec);
        if (!r)
            return r.error();
        if (!*r) {
            m_done = true;
            break;
        }
        if (!m_rec.malformed && !m_rec.invalidUtf8 && m_rec.fieldCount == m_columns.size()) {
            emitRecord(m_rec, batch); // the common case, without an intermediate copy
            ++produced;
            continue;
        }
        Pending p = toPending(m_rec);
        if (!m_rec.malformed)
            p.raw = m_parser->lastRaw();
        emitPending(p, batch);
        if (!p.malformed)
            ++produced;
    }
    return !(m_done && m_pending.isEmpty());
}

TableInfo CsvReader::describe(const QString &tableName) const
{
    TableInfo t;
    t.name = tableName;
    t.kind = TableKind::File;
    t.columns = m_columns;
    if (m_sampleReachedEnd) {
        t.rowCount = m_sampleDataRows;
        t.rowCountExact = true;
    } else if (m_sampleBytes > 0) {
        t.rowCount = qint64(double(m_sampleDataRows) * double(m_parser->fileSize()) / double(m_sampleBytes));
    }
    t.properties.insert(QStringLiteral("path"), m_path);
    t.properties.insert(QStringLiteral("encoding"), encodingName(m_dialect.encoding));
    t.properties.insert(QStringLiteral("bom"),
                        m_dialect.bomLength > 0 ? QStringLiteral("yes") : QStringLiteral("no"));
    t.properties.insert(QStringLiteral("delimiter"), delimiterName(m_dialect.delimiter));
    t.properties.insert(QStringLiteral("header"), m_hasHeader ? QStringLiteral("yes") : QStringLiteral("no"));
    return t;
}

CsvConnection::CsvConnection(SourceUri uri) : m_uri(std::move(uri)) {}

Result<void> CsvConnection::open()
{
    const QFileInfo fi(m_uri.path);
    if (!fi.exists()) {
        return Error::make(QStringLiteral("source.not-found"),
                           QStringLiteral("The CSV source \"%1\" does not exist.").arg(m_uri.path));
    }
    if (fi.isDir()) {
        const QDir dir(fi.absoluteFilePath());
        const QFileInfoList files = dir.entryInfoList({QStringLiteral("*.csv"), QStringLiteral("*.tsv"),
                                                       QStringLiteral("*.CSV"), QStringLiteral("*.TSV")},
                                                      QDir::Files | QDir::Readable, QDir::Name);
        for (const QFileInfo &f : files) {
            QString name = f.completeBaseName();
            if (m_files.contains(name))
                name = f.fileName();
            m_files.insert(name, f.absoluteFilePath());
        }
    } else {
        if (!fi.isReadable()) {
            return Error::make(QStringLiteral("source.unreadable"),
                               QStringLiteral("The CSV file \"%1\" is not readable.").arg(m_uri.path));
        }
        m_files.insert(fi.completeBaseName(), fi.absoluteFilePath());
    }
    return {};
}

Result<std::unique_ptr<CsvReader>> CsvConnection::makeReader(const QString &table, const ReadOptions &options)
{
    const auto it = m_files.constFind(table);
    if (it == m_files.cend()) {
        return Error::make(
            QStringLiteral("source.no-such-table"),
            QStringLiteral("The CSV source \"%1\" has no file for the table \"%2\".").arg(m_uri.path, table));
    }
    QMap<QString, QString> uriOptions = m_uri.options;
    if (it.value().endsWith(QLatin1String(".tsv"), Qt::CaseInsensitive) &&
        !uriOptions.contains(QStringLiteral("delimiter")))
        uriOptions.insert(QStringLiteral("delimiter"), QStringLiteral("tab"));
    const QMap<QString, QString> opts = options.mergedWith(uriOptions);
    auto reader = std::make_unique<CsvReader>(it.value(), opts, options.sampleRows);
    if (auto st = reader->init(); !st)
        return st.error();
    return reader;
}

Result<QList<TableInfo>> CsvConnection::listTables()
{
    QList<TableInfo> out;
    for (auto it = m_files.cbegin(); it != m_files.cend(); ++it) {
        auto reader = makeReader(it.key(), ReadOptions{});
        if (!reader) {
            // One unreadable file does not hide the others.
            TableInfo t;
            t.name = it.key();
            t.kind = TableKind::File;
            t.error = reader.error();
            t.properties.insert(QStringLiteral("path"), it.value());
            out << t;
            continue;
        }
        out << (*reader)->describe(it.key());
    }
    return out;
}

Result<std::unique_ptr<SourceReader>> CsvConnection::openReader(const QString &table,
                                                                const ReadOptions &options)
{
    auto reader = makeReader(table, options);
    if (!reader)
        return reader.error();
    return std::unique_ptr<SourceReader>(std::move(reader).value());
}

} // namespace ferry::source
