#pragma once
// GUI thread (the model); its SampleLoader runs on the model's own worker thread.

#include "SampleLoader.h"

#include <QAbstractTableModel>
#include <QThread>

#include <atomic>
#include <memory>

namespace ferry::ui {

/// The Sample grid: the first rows of one source table, fetched lazily in batches on a worker thread.
/// rowCount() grows as batches arrive; the view asks for more through canFetchMore()/fetchMore().
/// Answers for a table that is no longer shown are dropped by a generation counter, so switching tables
/// quickly never mixes rows. It never reads more than maxRows() rows.
class SampleTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit SampleTableModel(QObject *parent = nullptr);
    /// Stops the worker thread (it finishes the batch it is reading, at most batchRows() rows).
    ~SampleTableModel() override;

    static constexpr int batchRows() { return 200; }
    static constexpr int maxRows() { return 2000; }

    /// Shows `table` of the source `uri` and starts reading its first batch.
    void setTable(const QString &uri, const QString &password, const QString &table);
    /// Shows nothing and closes the worker's reader.
    void clear();

    QString tableName() const { return m_table; }
    bool isLoading() const { return m_pending; }
    /// True once the table's last row (or maxRows()) was read.
    bool isComplete() const { return !m_more; }
    /// Why the table could not be read; empty when it could.
    QString errorMessage() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    /// Loading started or stopped, or an error came back.
    void stateChanged();

private:
    void handleChunk(const ferry::ui::SampleChunk &chunk);
    quint64 nextGeneration();

    QThread m_thread;
    SampleLoader *m_loader = nullptr; // lives on m_thread, deleted there when it finishes
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    quint64 m_generation = 0;
    QString m_table;
    QStringList m_columns;
    QList<QVariantList> m_rows;
    bool m_pending = false;
    bool m_more = false;
    QString m_error;
};

} // namespace ferry::ui
