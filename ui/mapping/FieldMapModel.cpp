#include "FieldMapModel.h"

#include <QApplication>
#include <QStyle>

#include <nlohmann/json.hpp>

namespace ferry::ui {

using namespace ferry::mapping;

FieldMapModel::FieldMapModel(QObject *parent) : QAbstractTableModel(parent) {}

void FieldMapModel::setFields(const QList<FieldMap> &fields, const QList<MappingIssue> &issues)
{
    beginResetModel();
    m_rows.clear();
    for (const FieldMap &f : fields) {
        Row row;
        row.field = f;
        for (const MappingIssue &issue : issues) {
            if (issue.column.isEmpty() || issue.column != f.target)
                continue;
            row.messages.append(issue.message);
            row.severity = std::max(row.severity, int(issue.severity));
        }
        m_rows.append(row);
    }
    endResetModel();
}

int FieldMapModel::rowOf(const QString &target) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).field.target == target)
            return i;
    return -1;
}

namespace {

QString scalarText(const nlohmann::json &j)
{
    if (j.is_string())
        return QString::fromStdString(j.get<std::string>());
    return QString::fromStdString(j.dump());
}

QString param(const TransformSpec &step, const char *name)
{
    auto it = step.params.find(name);
    return it == step.params.end() ? QString() : scalarText(*it);
}

} // namespace

QString FieldMapModel::stepSummary(const TransformSpec &step)
{
    QString detail;
    const QString op = step.op;
    if (op == QLatin1String("case"))
        detail = param(step, "to");
    else if (op == QLatin1String("lookup")) {
        detail = param(step, "table");
        if (!param(step, "key").isEmpty())
            detail = FieldMapModel::tr("%1 by %2").arg(detail, param(step, "key"));
        if (step.params.contains("targets"))
            detail = FieldMapModel::tr("%n targets", nullptr, int(step.params["targets"].size()));
    } else if (op == QLatin1String("owner"))
        detail = FieldMapModel::tr("by %1").arg(param(step, "by"));
    else if (op == QLatin1String("constant") || op == QLatin1String("default"))
        detail = param(step, "value");
    else if (op == QLatin1String("number"))
        detail = param(step, "type");
    else if (op == QLatin1String("date") && step.params.contains("formats") &&
             step.params["formats"].is_array() && !step.params["formats"].empty())
        detail = scalarText(step.params["formats"].front());
    else if (op == QLatin1String("option"))
        detail = FieldMapModel::tr("%n values", nullptr,
                                   int(step.params.value("map", nlohmann::json::object()).size()));
    else if (op == QLatin1String("expr"))
        detail = param(step, "expr");
    else if (op == QLatin1String("replace"))
        detail = FieldMapModel::tr("%1 → %2").arg(param(step, "find"), param(step, "with"));
    else if (op == QLatin1String("regex"))
        detail = param(step, "pattern");
    else if (op == QLatin1String("concat") && !param(step, "separator").isEmpty())
        detail = QStringLiteral("'%1'").arg(param(step, "separator"));
    else if (op == QLatin1String("datetime"))
        detail = param(step, "timeZone");
    if (detail.size() > 40)
        detail = detail.left(39) + QChar(0x2026);
    return detail.isEmpty() ? op : QStringLiteral("%1(%2)").arg(op, detail);
}

QString FieldMapModel::chainSummary(const QList<TransformSpec> &chain)
{
    QStringList parts;
    for (const TransformSpec &step : chain)
        parts.append(stepSummary(step));
    return parts.join(QStringLiteral(" → "));
}

int FieldMapModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FieldMapModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FieldMapModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == TargetRole)
        return row.field.target;
    if (role == SeverityRole)
        return row.severity;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TargetColumn:
            return row.field.deferred ? tr("%1 (pass 2)").arg(row.field.target) : row.field.target;
        case SourcesColumn:
            return row.field.sources.isEmpty() ? tr("(none)") : row.field.sources.join(QStringLiteral(", "));
        case TransformsColumn:
            return chainSummary(row.field.transforms);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() != StatusColumn)
            return {};
        if (row.severity < 0)
            return QApplication::style()->standardIcon(QStyle::SP_DialogApplyButton);
        return QApplication::style()->standardIcon(row.severity == int(Severity::Error)
                                                       ? QStyle::SP_MessageBoxCritical
                                                       : QStyle::SP_MessageBoxWarning);
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn)
            return row.messages.isEmpty() ? tr("No findings") : row.messages.join(QLatin1Char('\n'));
        if (index.column() == TransformsColumn)
            return chainSummary(row.field.transforms);
        if (!row.field.comment.isEmpty())
            return row.field.comment;
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == StatusColumn)
            return row.severity < 0 ? tr("ok")
                                    : (row.severity == int(Severity::Error) ? tr("error") : tr("warning"));
        return {};
    }
    return {};
}

QVariant FieldMapModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return QString();
    case TargetColumn:
        return tr("Target column");
    case SourcesColumn:
        return tr("← Source columns");
    case TransformsColumn:
        return tr("Transforms");
    }
    return {};
}

} // namespace ferry::ui
