#pragma once
// GUI thread for the model; compute() runs on a worker thread (it opens its own source connection).

#include <ferry/catalog/Catalog.h>
#include <ferry/mapping/Mapping.h>
#include <ferry/mapping/RowMapper.h>
#include <ferry/target/TargetModel.h>

#include <QAbstractTableModel>
#include <QByteArray>
#include <QStringList>

#include <memory>

namespace ferry::ui {

/// The first rows of a mapping's source as the real run would send them: one row per source row, a
/// column per payload property (in payload order), the verdict and the findings.
class PreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    struct Row
    {
        qint64 sourceRow = 0;
        ferry::mapping::Verdict verdict = ferry::mapping::Verdict::Ok;
        QByteArray payload; ///< exactly what RowMapper produced
        QList<ferry::mapping::ValueIssue> issues;
    };
    struct Result
    {
        QString error; ///< why there is no preview (source not readable, mapping does not compile)
        QList<Row> rows;
        bool more = false; ///< the source has more rows than were read
    };

    /// Reads at most `maxRows` rows of the mapping's source and maps them. Any thread.
    static Result compute(const ferry::mapping::Mapping &mapping, const ferry::target::TargetModel &model,
                          const QList<ferry::Catalog> &catalogs, int maxRows,
                          const QList<ferry::mapping::SystemUser> &systemUsers = {});
    /// The payload indented for reading, keys in the order they are sent.
    static QString prettyPayload(const QByteArray &payload);

    explicit PreviewModel(QObject *parent = nullptr);

    void setResult(const Result &result);
    void clear();
    const Row *row(int index) const;
    QStringList properties() const { return m_properties; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static constexpr int kFixedColumns = 2; // source row, verdict
    QList<Row> m_rows;
    QStringList m_properties;
    QList<QStringList> m_cells; // per row, per property
};

} // namespace ferry::ui
