#include "SampleLoader.h"

#include <ferry/catalog/Discovery.h>
#include <ferry/source/SourceConnection.h>

namespace ferry::ui {

namespace {

// Cells longer than this are cut for the grid: a sample is for looking, and a multi-megabyte text cell
// would only slow the view down.
constexpr int kMaxCellChars = 500;

QVariant cellValue(const ferry::Value &value)
{
    if (value.isNull())
        return {};
    QString text = value.toText();
    if (text.size() > kMaxCellChars) {
        text.truncate(kMaxCellChars);
        text += QChar(0x2026);
    }
    return text;
}

} // namespace

SampleLoader::SampleLoader(std::shared_ptr<std::atomic<quint64>> latest) : m_latest(std::move(latest)) {}

SampleLoader::~SampleLoader()
{
    close();
}

void SampleLoader::close()
{
    // The reader may borrow the connection's handle: it goes first.
    m_reader.reset();
    m_connection.reset();
    m_more = false;
}

void SampleLoader::open(quint64 generation, const QString &uri, const QString &password, const QString &table,
                        int rows)
{
    if (stale(generation))
        return;
    close();
    m_generation = generation;
    SampleChunk chunk;
    chunk.generation = generation;
    auto parsed = SourceUri::parse(uri);
    if (!parsed) {
        chunk.errorMessage = parsed.error().message;
        emit fetched(chunk);
        return;
    }
    auto connection = openAnySource(*parsed, password);
    if (!connection) {
        chunk.errorMessage = connection.error().message;
        emit fetched(chunk);
        return;
    }
    m_connection = std::move(connection).value();
    auto reader = m_connection->openReader(table);
    if (!reader) {
        chunk.errorMessage = reader.error().message;
        close();
        emit fetched(chunk);
        return;
    }
    m_reader = std::move(reader).value();
    m_more = true;
    fetch(generation, rows);
}

void SampleLoader::fetch(quint64 generation, int rows)
{
    if (stale(generation) || generation != m_generation)
        return;
    SampleChunk chunk;
    chunk.generation = generation;
    if (!m_reader) {
        chunk.errorMessage = tr("The table is not open.");
        emit fetched(chunk);
        return;
    }
    for (const ferry::ColumnInfo &column : m_reader->columns())
        chunk.columns.append(column.name);
    ferry::RowBatch batch;
    // A reader may hand back fewer rows than asked while more remain; keep reading to fill the batch.
    while (m_more && chunk.rows.size() < rows && !stale(generation)) {
        batch.clear();
        auto more = m_reader->nextBatch(batch, rows - int(chunk.rows.size()));
        if (!more) {
            chunk.errorMessage = more.error().message;
            m_more = false;
        } else {
            m_more = *more;
        }
        for (const QVector<ferry::Value> &row : std::as_const(batch.rows)) {
            QVariantList cells;
            cells.reserve(row.size());
            for (const ferry::Value &value : row)
                cells.append(cellValue(value));
            chunk.rows.append(cells);
        }
    }
    chunk.more = m_more;
    if (!m_more)
        close();
    emit fetched(chunk);
}

} // namespace ferry::ui
