#pragma once
// GUI thread.

#include <ferry/mapping/Mapping.h>
#include <ferry/mapping/Validation.h>

#include <QAbstractTableModel>

namespace ferry::ui {

/// The field maps of one mapping: target column ← source columns, the transform chain in short, and a
/// status icon from the mapping's findings on that column.
class FieldMapModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        StatusColumn,
        TargetColumn,
        SourcesColumn,
        TransformsColumn,
        ColumnCount,
    };
    static constexpr int TargetRole = Qt::UserRole + 1;   ///< the field's target column, any column
    static constexpr int SeverityRole = Qt::UserRole + 2; ///< -1 none, else ferry::mapping::Severity

    explicit FieldMapModel(QObject *parent = nullptr);

    void setFields(const QList<ferry::mapping::FieldMap> &fields,
                   const QList<ferry::mapping::MappingIssue> &issues);
    int rowOf(const QString &target) const;

    /// "trim → case(upper) → lookup(ferry_artist)": one line per chain.
    static QString chainSummary(const QList<ferry::mapping::TransformSpec> &chain);
    /// "lookup(ferry_artist by ferry_artistnumber)": the step and its main parameters in short.
    static QString stepSummary(const ferry::mapping::TransformSpec &step);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        ferry::mapping::FieldMap field;
        QStringList messages;
        int severity = -1;
    };
    QList<Row> m_rows;
};

} // namespace ferry::ui
