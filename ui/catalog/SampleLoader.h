#pragma once
// Thread: created on the GUI thread, then moved to SampleTableModel's worker thread; its slots run there
// and its one signal reaches the model queued on the GUI thread.

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <atomic>
#include <memory>

namespace ferry {
class SourceConnection;
class SourceReader;
} // namespace ferry

namespace ferry::ui {

/// One answer of the loader: the next rows of the sample, or why there are none.
struct SampleChunk
{
    quint64 generation = 0;
    QStringList columns;      ///< set on the first chunk of a table
    QList<QVariantList> rows; ///< display text per cell; an invalid QVariant for a null
    bool more = false;        ///< the table may have more rows
    QString errorMessage;     ///< technical reason when the table could not be opened or read
};

/// Streams the first rows of one source table through a SourceReader. It keeps the connection and the
/// reader between batches (they belong to this thread), and skips requests that a newer one has
/// superseded: `latest` holds the newest generation the model asked for.
class SampleLoader : public QObject
{
    Q_OBJECT

public:
    explicit SampleLoader(std::shared_ptr<std::atomic<quint64>> latest);
    ~SampleLoader() override;

    /// Opens `table` of the source `uri` and reads the first `rows` rows.
    void open(quint64 generation, const QString &uri, const QString &password, const QString &table,
              int rows);
    /// Reads the next `rows` rows of the open table.
    void fetch(quint64 generation, int rows);
    /// Drops the reader and the connection.
    void close();

signals:
    void fetched(const ferry::ui::SampleChunk &chunk);

private:
    bool stale(quint64 generation) const { return generation != m_latest->load(); }

    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::unique_ptr<ferry::SourceConnection> m_connection;
    std::unique_ptr<ferry::SourceReader> m_reader;
    quint64 m_generation = 0;
    bool m_more = false;
};

} // namespace ferry::ui

Q_DECLARE_METATYPE(ferry::ui::SampleChunk)
