#include "PreviewModel.h"

#include "MappingContext.h"

#include <ferry/mapping/MappingSource.h>

#include <QApplication>
#include <QColor>
#include <QStyle>

#include <nlohmann/json.hpp>

namespace ferry::ui {

using namespace ferry::mapping;
using OrderedJson = nlohmann::ordered_json;

PreviewModel::PreviewModel(QObject *parent) : QAbstractTableModel(parent) {}

PreviewModel::Result PreviewModel::compute(const Mapping &input, const target::TargetModel &model,
                                           const QList<Catalog> &catalogs, int maxRows,
                                           const QList<SystemUser> &systemUsers)
{
    Result result;
    Mapping mapping = input;
    auto connection = openCatalogSource(catalogs, mapping.source.source);
    if (!connection) {
        result.error = connection.error().message;
        return result;
    }
    // The dry run keys rows by the primary key when none is given; the preview must show the same ids.
    if (mapping.source.keyColumns.isEmpty() && mapping.source.query.isEmpty()) {
        for (const Catalog &c : catalogs)
            if (c.sourceName == mapping.source.source)
                if (const CatalogTable *t = c.table(mapping.source.table))
                    mapping.source.keyColumns = t->primaryKey;
    }
    auto reader = openMappingReader(**connection, mapping.source);
    if (!reader) {
        result.error = reader.error().message;
        return result;
    }
    MapOptions options;
    options.systemUsers = systemUsers;
    auto mapper = RowMapper::compile(mapping, model, (*reader)->columns(), options);
    if (!mapper) {
        result.error = mapper.error().message;
        return result;
    }
    RowBatch batch;
    auto more = (*reader)->nextBatch(batch, maxRows);
    if (!more) {
        result.error = more.error().message;
        return result;
    }
    result.more = *more;
    MappedRow mapped;
    for (qsizetype i = 0; i < batch.rows.size() && i < maxRows; ++i) {
        (*mapper)->map(batch.rows.at(i), mapped);
        Row row;
        row.sourceRow = batch.rowNumbers.value(i, i + 1);
        row.verdict = mapped.verdict;
        row.payload = mapped.payload;
        row.issues = mapped.issues;
        result.rows.append(row);
    }
    return result;
}

QString PreviewModel::prettyPayload(const QByteArray &payload)
{
    if (payload.isEmpty())
        return {};
    const OrderedJson j = OrderedJson::parse(payload.constBegin(), payload.constEnd(), nullptr, false);
    if (j.is_discarded())
        return QString::fromUtf8(payload);
    return QString::fromStdString(j.dump(2, ' ', false));
}

void PreviewModel::setResult(const Result &result)
{
    beginResetModel();
    m_rows = result.rows;
    m_properties.clear();
    m_cells.clear();
    QList<OrderedJson> parsed;
    for (const Row &row : std::as_const(m_rows)) {
        OrderedJson j = OrderedJson::parse(row.payload.constBegin(), row.payload.constEnd(), nullptr, false);
        if (!j.is_object())
            j = OrderedJson::object();
        for (auto it = j.begin(); it != j.end(); ++it) {
            const QString key = QString::fromStdString(it.key());
            if (!m_properties.contains(key))
                m_properties.append(key);
        }
        parsed.append(std::move(j));
    }
    for (const OrderedJson &j : std::as_const(parsed)) {
        QStringList cells;
        for (const QString &key : std::as_const(m_properties)) {
            auto it = j.find(key.toStdString());
            if (it == j.end())
                cells.append(QString());
            else if (it->is_string())
                cells.append(QString::fromStdString(it->get<std::string>()));
            else
                cells.append(QString::fromStdString(it->dump()));
        }
        m_cells.append(cells);
    }
    endResetModel();
}

void PreviewModel::clear()
{
    setResult({});
}

const PreviewModel::Row *PreviewModel::row(int index) const
{
    return index >= 0 && index < m_rows.size() ? &m_rows.at(index) : nullptr;
}

int PreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kFixedColumns + int(m_properties.size());
}

QVariant PreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    // A cell with a finding on its column is marked, so the analyst sees which value is wrong.
    auto cellIssues = [&]() {
        QStringList messages;
        if (column < kFixedColumns)
            return messages;
        const QString property = m_properties.at(column - kFixedColumns);
        for (const ValueIssue &issue : row.issues)
            if (!issue.column.isEmpty() &&
                (property == issue.column ||
                 property.startsWith(issue.column + QLatin1Char('@'), Qt::CaseInsensitive)))
                messages.append(issue.message);
        return messages;
    };
    switch (role) {
    case Qt::DisplayRole:
        if (column == 0)
            return row.sourceRow;
        if (column == 1)
            return verdictName(row.verdict);
        return m_cells.at(index.row()).at(column - kFixedColumns);
    case Qt::DecorationRole:
        if (column == 1 && row.verdict != Verdict::Ok)
            return QApplication::style()->standardIcon(
                row.verdict == Verdict::Error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::ToolTipRole: {
        if (column == 1) {
            QStringList lines;
            for (const ValueIssue &issue : row.issues)
                lines.append(issue.column.isEmpty()
                                 ? issue.message
                                 : QStringLiteral("%1: %2").arg(issue.column, issue.message));
            return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
        }
        const QStringList messages = cellIssues();
        if (!messages.isEmpty())
            return messages.join(QLatin1Char('\n'));
        if (column >= kFixedColumns)
            return m_cells.at(index.row()).at(column - kFixedColumns);
        return {};
    }
    case Qt::BackgroundRole:
        if (!cellIssues().isEmpty())
            return QColor(0xc0, 0x39, 0x2b, 48);
        return {};
    case Qt::TextAlignmentRole:
        if (column == 0)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant PreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == 0)
        return tr("Row");
    if (section == 1)
        return tr("Verdict");
    if (section - kFixedColumns < m_properties.size())
        return m_properties.at(section - kFixedColumns);
    return {};
}

} // namespace ferry::ui
