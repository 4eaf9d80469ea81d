#include <ferry/mapping/AutoMap.h>
#include <ferry/mapping/Validation.h>

#include "mapping/Steps.h"

#include <QSet>

namespace ferry::mapping {

using target::AttributeType;

QDate minimumDateTime()
{
    return QDate(1753, 1, 1);
}

QDate maximumDateTime()
{
    return QDate(9999, 12, 31);
}

namespace {

// Column types an alternate key may use ([MS S11], reference §5.4).
bool keyTypeAllowed(AttributeType t)
{
    switch (t) {
    case AttributeType::Decimal:
    case AttributeType::Integer:
    case AttributeType::String:
    case AttributeType::DateTime:
    case AttributeType::Lookup:
    case AttributeType::Picklist:
        return true;
    default:
        return false;
    }
}

// Columns the service fills itself when a create leaves them out.
bool serviceDefaulted(const target::Entity &e, const target::Attribute &a)
{
    return a.logicalName == e.primaryIdAttribute || a.logicalName == QLatin1String("statecode") ||
           a.logicalName == QLatin1String("statuscode") || a.logicalName == QLatin1String("ownerid") ||
           !a.attributeOf.isEmpty() || !a.validForCreate;
}

// Steps after which the value's type is whatever the step makes it.
bool convertsType(const FieldMap &f)
{
    for (const TransformSpec &t : f.transforms) {
        static const QSet<QString> typed = {
            QStringLiteral("number"), QStringLiteral("date"),     QStringLiteral("bool"),
            QStringLiteral("text"),   QStringLiteral("option"),   QStringLiteral("lookup"),
            QStringLiteral("owner"),  QStringLiteral("constant"), QStringLiteral("expr"),
            QStringLiteral("concat"), QStringLiteral("default")};
        if (typed.contains(t.op))
            return true;
    }
    return false;
}

const TransformSpec *stepOf(const FieldMap &f, const char *op)
{
    for (const TransformSpec &t : f.transforms)
        if (t.op == QLatin1String(op))
            return &t;
    return nullptr;
}

} // namespace

QList<MappingIssue> validateMapping(const Mapping &m, const target::TargetModel &model,
                                    const CatalogTable *sourceTable, int index)
{
    QList<MappingIssue> issues;
    const QString base = QStringLiteral("/mappings/%1").arg(index);
    auto add = [&](const QString &path, const QString &column, const char *code, const QString &message,
                   Severity severity = Severity::Error) {
        issues.append({m.name, base + path, column, QString::fromLatin1(code), message, severity});
    };

    const target::Entity *e = model.entity(m.targetEntity);
    if (!e) {
        add(QStringLiteral("/target"), {}, "unknown-table",
            QStringLiteral("'%1' is not a table of the target").arg(m.targetEntity));
        return issues;
    }

    // key
    if (m.keyStrategy == KeyStrategy::AlternateKey) {
        if (m.alternateKey.isEmpty()) {
            add(QStringLiteral("/key/alternateKey"), {}, "no-key",
                QStringLiteral("the alternate-key strategy needs a key of '%1'").arg(e->logicalName));
        } else if (const target::AlternateKey *k = e->key(m.alternateKey); !k) {
            add(QStringLiteral("/key/alternateKey"), {}, "unknown-key",
                QStringLiteral("'%1' is not an alternate key of '%2'").arg(m.alternateKey, e->logicalName));
        } else {
            for (const QString &ka : k->attributes) {
                if (!m.field(ka))
                    add(QStringLiteral("/key/alternateKey"), ka, "key-unmapped",
                        QStringLiteral("the key column '%1' is not mapped").arg(ka));
                const target::Attribute *a = e->attribute(ka);
                if (a && !keyTypeAllowed(a->type))
                    add(QStringLiteral("/key/alternateKey"), ka, "key-type",
                        QStringLiteral(
                            "'%1' is a %2 column; keys take Decimal, Integer, String, DateTime, Lookup or "
                            "Picklist columns")
                            .arg(ka, a->typeName));
            }
            if (!k->indexStatus.isEmpty() && k->indexStatus != QLatin1String("Active"))
                add(QStringLiteral("/key/alternateKey"), {}, "key-inactive",
                    QStringLiteral("the key '%1' is %2, not Active: the service cannot use it yet")
                        .arg(k->logicalName, k->indexStatus));
        }
        if (m.operation == Operation::Update)
            add(QStringLiteral("/operation"), {}, "operation",
                QStringLiteral(
                    "UpdateMultiple does not take alternate keys (reference §3.1); use upsert or the "
                    "deterministic-id strategy"));
    } else if (m.keyStrategy == KeyStrategy::ServerId) {
        if (m.operation != Operation::Create)
            add(QStringLiteral("/key/strategy"), {}, "operation",
                QStringLiteral("server-id works with create only"));
        else
            add(QStringLiteral("/key/strategy"), {}, "no-key",
                QStringLiteral("the service chooses the ids: a resend after a failure creates duplicates"),
                Severity::Warning);
    } else if (m.source.keyColumns.isEmpty() && !(sourceTable && !sourceTable->primaryKey.isEmpty())) {
        add(QStringLiteral("/source/keyColumns"), {}, "no-key",
            QStringLiteral(
                "the deterministic-id strategy needs source key columns (the table has no primary key)"));
    }

    // fields
    QSet<QString> mapped;
    for (qsizetype i = 0; i < m.fields.size(); ++i) {
        const FieldMap &f = m.fields.at(i);
        const QString path = QStringLiteral("/fields/%1").arg(i);
        if (mapped.contains(f.target))
            add(path + QStringLiteral("/target"), f.target, "duplicate-target",
                QStringLiteral("'%1' is fed by an earlier field too").arg(f.target));
        mapped.insert(f.target);
        const target::Attribute *a = e->attribute(f.target);
        if (!a) {
            add(path + QStringLiteral("/target"), f.target, "unknown-column",
                QStringLiteral("'%1' is not a column of '%2'").arg(f.target, e->logicalName));
            continue;
        }
        if (m.operation != Operation::Update && !a->validForCreate && a->logicalName != e->primaryIdAttribute)
            add(path + QStringLiteral("/target"), f.target, "not-valid-for-create",
                QStringLiteral("the service ignores '%1' on create").arg(f.target), Severity::Warning);
        if (m.operation != Operation::Create && !a->validForUpdate &&
            a->logicalName != e->primaryIdAttribute &&
            !(m.keyStrategy == KeyStrategy::AlternateKey && e->key(m.alternateKey) &&
              e->key(m.alternateKey)->attributes.contains(f.target)))
            add(path + QStringLiteral("/target"), f.target, "not-valid-for-update",
                QStringLiteral("the service ignores '%1' on update").arg(f.target), Severity::Warning);

        // source columns and their catalog facts
        const CatalogColumn *src = nullptr;
        if (sourceTable && m.source.query.isEmpty()) {
            for (const QString &s : f.sources) {
                bool joined = false;
                for (const JoinSpec &j : m.source.joins)
                    if (s.startsWith((j.alias.isEmpty() ? j.table : j.alias) + QLatin1Char('.')))
                        joined = true;
                if (joined)
                    continue;
                const CatalogColumn *c = sourceTable->column(s);
                if (!c)
                    add(path + QStringLiteral("/sources"), f.target, "unknown-source-column",
                        QStringLiteral("'%1' is not a column of '%2'").arg(s, sourceTable->name));
                else if (!src)
                    src = c;
            }
        }

        // lookup steps
        if (const TransformSpec *lk = stepOf(f, "lookup")) {
            QStringList tables;
            if (lk->params.contains("table") && lk->params["table"].is_string())
                tables.append(QString::fromStdString(lk->params["table"].get<std::string>()));
            if (lk->params.contains("targets") && lk->params["targets"].is_array())
                for (const auto &t : lk->params["targets"])
                    if (t.is_object() && t.contains("table") && t["table"].is_string())
                        tables.append(QString::fromStdString(t["table"].get<std::string>()));
            for (const QString &t : tables)
                if (!a->targets.isEmpty() && !a->targets.contains(t))
                    add(path + QStringLiteral("/transforms"), f.target, "lookup-target",
                        QStringLiteral("'%1' cannot point at '%2' (targets: %3)")
                            .arg(f.target, t, a->targets.join(QStringLiteral(", "))));
        } else if (a->isLookup() && !stepOf(f, "owner")) {
            add(path + QStringLiteral("/transforms"), f.target, "type-mismatch",
                QStringLiteral("'%1' is a lookup: it needs a lookup or owner step").arg(f.target));
        }

        if (!src)
            continue;
        const ValueType st = src->info.type != ValueType::Null
                                 ? src->info.type
                                 : (src->profile ? src->profile->inferredType : ValueType::Null);
        if (!convertsType(f) && f.sources.size() == 1 && st != ValueType::Null && !a->isLookup()) {
            const double c = typeCompatibility(st, a->type);
            if (c <= 0.0)
                add(path, f.target, "type-mismatch",
                    QStringLiteral("a %1 source column cannot become the %2 column '%3'")
                        .arg(valueTypeName(st), a->typeName, f.target));
            else if (c <= 0.5)
                add(path, f.target, "type-mismatch",
                    QStringLiteral("a %1 source column needs a conversion step to become the %2 column '%3'")
                        .arg(valueTypeName(st), a->typeName, f.target),
                    Severity::Warning);
        }
        if ((a->type == AttributeType::String || a->type == AttributeType::Memo) && a->maxLength) {
            if (src->profile && src->profile->longestText > *a->maxLength)
                add(path, f.target, "too-long",
                    QStringLiteral("the longest source text has %1 characters; '%2' takes at most %3")
                        .arg(src->profile->longestText)
                        .arg(f.target)
                        .arg(*a->maxLength),
                    Severity::Warning);
            else if (!src->profile && src->info.length > *a->maxLength)
                add(path, f.target, "too-long",
                    QStringLiteral("the source column is declared with %1 characters; '%2' takes at most %3")
                        .arg(src->info.length)
                        .arg(f.target)
                        .arg(*a->maxLength),
                    Severity::Warning);
        }
        if ((a->type == AttributeType::Picklist || a->type == AttributeType::Status) && a->optionSet &&
            src->profile && !src->profile->topValues.isEmpty()) {
            const TransformSpec *opt = stepOf(f, "option");
            QStringList missing;
            for (const TopValue &tv : src->profile->topValues) {
                bool found = false;
                if (opt && opt->params.contains("map") && opt->params["map"].is_object())
                    found = opt->params["map"].contains(tv.value.toStdString());
                bool isInt = false;
                const int iv = tv.value.toInt(&isInt);
                found = found || (isInt && a->optionSet->byValue(iv)) ||
                        a->optionSet->byLabel(tv.value.trimmed());
                if (!found)
                    missing.append(tv.value);
            }
            const bool lenient = opt && opt->params.value("unmapped", std::string("error")) != "error";
            if (!missing.isEmpty() && !lenient)
                add(path, f.target, "option",
                    QStringLiteral("source values without an option in '%1': %2")
                        .arg(f.target, missing.mid(0, 10).join(QStringLiteral(", "))),
                    Severity::Warning);
        }
    }

    // required columns
    if (m.operation != Operation::Update) {
        for (const target::Attribute &a : e->attributes) {
            if (mapped.contains(a.logicalName) || serviceDefaulted(*e, a))
                continue;
            if (a.requiredLevel == target::RequiredLevel::SystemRequired)
                add(QStringLiteral("/fields"), a.logicalName, "required-unmapped",
                    QStringLiteral("'%1' is required by the service and no field feeds it")
                        .arg(a.logicalName));
            else if (a.requiredLevel == target::RequiredLevel::ApplicationRequired)
                add(QStringLiteral("/fields"), a.logicalName, "application-required-unmapped",
                    QStringLiteral(
                        "'%1' is business-required (only the UI enforces it) and no field feeds it")
                        .arg(a.logicalName),
                    Severity::Warning);
        }
    }
    return issues;
}

QList<MappingIssue> validateMappingSet(const MappingSet &set, const target::TargetModel &model,
                                       const QList<Catalog> &catalogs)
{
    QList<MappingIssue> issues;
    for (qsizetype i = 0; i < set.mappings.size(); ++i) {
        const Mapping &m = set.mappings.at(i);
        const CatalogTable *table = nullptr;
        for (const Catalog &c : catalogs)
            if (c.sourceName == m.source.source)
                table = c.table(m.source.table);
        issues += validateMapping(m, model, table, int(i));
    }
    return issues;
}

} // namespace ferry::mapping
