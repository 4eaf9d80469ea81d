#include <ferry/mapping/AutoMap.h>

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace ferry::mapping {

using nlohmann::json;
using target::AttributeType;

QString normalizeName(const QString &name)
{
    static const QRegularExpression prefix(QStringLiteral("^(ferry|new|msdyn|adx|mscrm|cr[0-9a-z]{2,5})_"),
                                           QRegularExpression::CaseInsensitiveOption);
    QString n = name.toLower();
    n.remove(prefix);
    QString out;
    out.reserve(n.size());
    for (QChar c : n)
        if (c.isLetterOrNumber())
            out.append(c);
    if (out.endsWith(QLatin1String("ies")) && out.size() > 4)
        out = out.left(out.size() - 3) + QLatin1Char('y');
    else if (out.endsWith(QLatin1String("sses")))
        out.chop(2);
    else if (out.endsWith(QLatin1Char('s')) && !out.endsWith(QLatin1String("ss")) && out.size() > 3)
        out.chop(1);
    return out;
}

double nameSimilarity(const QString &a, const QString &b)
{
    if (a.isEmpty() || b.isEmpty())
        return 0;
    if (a == b)
        return 1;
    if (a.size() < 2 || b.size() < 2)
        return 0;
    QHash<QString, int> bigrams;
    for (qsizetype i = 0; i + 1 < a.size(); ++i)
        ++bigrams[a.mid(i, 2)];
    int common = 0;
    for (qsizetype i = 0; i + 1 < b.size(); ++i) {
        auto it = bigrams.find(b.mid(i, 2));
        if (it != bigrams.end() && *it > 0) {
            --*it;
            ++common;
        }
    }
    return 2.0 * common / double(a.size() - 1 + b.size() - 1);
}

double typeCompatibility(ValueType s, AttributeType t)
{
    auto any = [&](std::initializer_list<AttributeType> list) {
        return std::find(list.begin(), list.end(), t) != list.end();
    };
    const bool text = any({AttributeType::String, AttributeType::Memo});
    switch (s) {
    case ValueType::Null:
        return 0.5;
    case ValueType::Int:
        if (any({AttributeType::Integer, AttributeType::BigInt, AttributeType::Decimal, AttributeType::Double,
                 AttributeType::Money}))
            return 1;
        if (any({AttributeType::Picklist, AttributeType::State, AttributeType::Status}))
            return 0.8;
        if (text || t == AttributeType::Boolean)
            return 0.5;
        return 0;
    case ValueType::Double:
    case ValueType::Decimal:
        if (any({AttributeType::Decimal, AttributeType::Double, AttributeType::Money}))
            return 1;
        if (text || any({AttributeType::Integer, AttributeType::BigInt}))
            return 0.5;
        return 0;
    case ValueType::Text:
        if (text)
            return 1;
        if (any({AttributeType::Image, AttributeType::File, AttributeType::Virtual, AttributeType::Other}))
            return 0;
        if (any({AttributeType::Picklist, AttributeType::State, AttributeType::Status, AttributeType::Boolean,
                 AttributeType::MultiSelectPicklist}))
            return 0.8; // labels and values convert without a step
        return 0.5;
    case ValueType::Date:
    case ValueType::DateTime:
        if (t == AttributeType::DateTime)
            return 1;
        return text ? 0.5 : 0;
    case ValueType::Bool:
        if (t == AttributeType::Boolean)
            return 1;
        return text || t == AttributeType::Integer ? 0.5 : 0;
    case ValueType::Time:
        return text ? 0.5 : 0;
    case ValueType::Bytes:
        return t == AttributeType::Image || t == AttributeType::File ? 0.5 : 0;
    }
    return 0;
}

namespace {

// "ArtistId" -> "artist": the stem the key suffixes hang on.
QString keyStem(const QString &normalized)
{
    static const char *const suffixes[] = {"number", "id", "no", "code", "key", "num"};
    for (const char *s : suffixes) {
        const QLatin1String suffix(s);
        if (normalized.endsWith(suffix) && normalized.size() > suffix.size())
            return normalized.left(normalized.size() - suffix.size());
    }
    return normalized;
}

// Similarity of a source column to a target column: the whole name, or the part after a composite prefix
// ("address1_city" -> "city") a little lower.
double columnNameSimilarity(const QString &sourceColumn, const target::Attribute &a)
{
    const QString s = normalizeName(sourceColumn);
    double best = std::max(nameSimilarity(s, normalizeName(a.logicalName)),
                           nameSimilarity(s, normalizeName(a.displayName)) * 0.95);
    const QString stripped = a.logicalName.section(QLatin1Char('_'), -1);
    if (stripped != a.logicalName)
        best = std::max(best, nameSimilarity(s, normalizeName(stripped)) * 0.9);
    return best;
}

bool isCandidate(const target::Entity &e, const target::Attribute &a)
{
    static const QSet<QString> system = {QStringLiteral("statecode"),
                                         QStringLiteral("statuscode"),
                                         QStringLiteral("ownerid"),
                                         QStringLiteral("createdon"),
                                         QStringLiteral("modifiedon"),
                                         QStringLiteral("createdby"),
                                         QStringLiteral("modifiedby"),
                                         QStringLiteral("versionnumber"),
                                         QStringLiteral("importsequencenumber")};
    return a.validForCreate && a.attributeOf.isEmpty() && a.logicalName != e.primaryIdAttribute &&
           !system.contains(a.logicalName);
}

// The target table a source table most likely lands in, by name only (used to resolve foreign keys).
const target::Entity *entityByName(const QString &table, const target::TargetModel &model,
                                   double *score = nullptr)
{
    const target::Entity *best = nullptr;
    double bestScore = 0;
    const QString n = normalizeName(table);
    for (const target::Entity &e : model.entities()) {
        if (e.isIntersect)
            continue;
        const double s = std::max(nameSimilarity(n, normalizeName(e.logicalName)),
                                  nameSimilarity(n, normalizeName(e.displayName)));
        if (s > bestScore) {
            bestScore = s;
            best = &e;
        }
    }
    if (score)
        *score = bestScore;
    return bestScore >= 0.8 ? best : nullptr;
}

// The single-column alternate key of `e` that a source primary key column `pk` of table `table` lands in.
const target::AlternateKey *keyFor(const target::Entity &e, const QString &table, const QString &pk,
                                   double *score)
{
    const target::AlternateKey *best = nullptr;
    double bestScore = 0;
    const QString pkStem = keyStem(normalizeName(pk));
    const QString tableStem = normalizeName(table);
    for (const target::AlternateKey &k : e.keys) {
        if (k.attributes.size() != 1)
            continue;
        const QString kStem = keyStem(normalizeName(k.attributes.first()));
        const double s = std::max(nameSimilarity(pkStem, kStem), nameSimilarity(tableStem, kStem));
        if (s > bestScore) {
            bestScore = s;
            best = &k;
        }
    }
    if (score)
        *score = bestScore;
    return bestScore >= 0.7 ? best : nullptr;
}

} // namespace

TableSuggestion suggestColumns(const CatalogTable &table, const target::Entity &entity,
                               const target::TargetModel &model, const Catalog *catalog, double minConfidence)
{
    TableSuggestion out;
    out.sourceTable = table.name;
    out.targetEntity = entity.logicalName;

    struct Candidate
    {
        double confidence;
        int column;
        QString target;
        QString reason;
        QList<TransformSpec> transforms;
    };
    QList<Candidate> candidates;

    // the primary key -> the alternate key
    if (table.primaryKey.size() == 1) {
        double s = 0;
        if (const target::AlternateKey *k = keyFor(entity, table.name, table.primaryKey.first(), &s)) {
            out.alternateKey = k->logicalName;
            candidates.append({0.9 * s + 0.1,
                               table.columnIndex(table.primaryKey.first()),
                               k->attributes.first(),
                               QStringLiteral("primary key -> alternate key %1").arg(k->logicalName),
                               {}});
        }
    }

    // foreign keys -> lookups
    QSet<int> fkColumns;
    for (const ForeignKeyInfo &fk : table.foreignKeys) {
        if (fk.columns.size() != 1)
            continue;
        const int col = table.columnIndex(fk.columns.first());
        if (col < 0)
            continue;
        fkColumns.insert(col);
        const target::Entity *referenced = fk.referencedTable.compare(table.name, Qt::CaseInsensitive) == 0
                                               ? &entity
                                               : entityByName(fk.referencedTable, model);
        if (!referenced)
            continue;
        const target::Attribute *best = nullptr;
        double bestSim = -1;
        for (const target::Attribute &a : entity.attributes) {
            if (!a.isLookup() || !a.targets.contains(referenced->logicalName) || !isCandidate(entity, a))
                continue;
            const double sim = columnNameSimilarity(fk.columns.first(), a);
            if (sim > bestSim) {
                bestSim = sim;
                best = &a;
            }
        }
        if (!best)
            continue;
        QString refPk = fk.referencedColumns.value(0);
        if (catalog)
            if (const CatalogTable *rt = catalog->table(fk.referencedTable); rt && rt->primaryKey.size() == 1)
                refPk = rt->primaryKey.first();
        double ks = 0;
        const target::AlternateKey *key = keyFor(*referenced, fk.referencedTable, refPk, &ks);
        TransformSpec lookup{QStringLiteral("lookup"), json::object()};
        lookup.params["table"] = referenced->logicalName.toStdString();
        if (key)
            lookup.params["key"] = key->logicalName.toStdString();
        else
            lookup.params["key"] = "$deterministic";
        candidates.append({0.6 + 0.4 * bestSim,
                           col,
                           best->logicalName,
                           QStringLiteral("foreign key to %1 -> lookup to %2 by %3")
                               .arg(fk.referencedTable, referenced->logicalName,
                                    key ? key->logicalName : QStringLiteral("Ferry's deterministic id")),
                           {lookup}});
    }

    // names and types
    for (qsizetype c = 0; c < table.columns.size(); ++c) {
        if (fkColumns.contains(int(c)))
            continue;
        const CatalogColumn &col = table.columns.at(c);
        const ValueType st = col.info.type != ValueType::Null
                                 ? col.info.type
                                 : (col.profile ? col.profile->inferredType : ValueType::Null);
        for (const target::Attribute &a : entity.attributes) {
            if (!isCandidate(entity, a) || a.isLookup())
                continue;
            const double sim = columnNameSimilarity(col.info.name, a);
            if (sim < 0.5)
                continue;
            const double type = typeCompatibility(st, a.type);
            if (type <= 0)
                continue;
            const double conf = sim * (0.5 + 0.5 * type);
            candidates.append({conf,
                               int(c),
                               a.logicalName,
                               QStringLiteral("name '%1' ~ '%2' (%3), %4 -> %5")
                                   .arg(normalizeName(col.info.name), normalizeName(a.logicalName))
                                   .arg(sim, 0, 'f', 2)
                                   .arg(valueTypeName(st), a.typeName),
                               {}});
        }
    }

    // greedy assignment: best first, each source and target column once
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.confidence > b.confidence; });
    QSet<int> usedSources;
    QSet<QString> usedTargets;
    for (const Candidate &c : candidates) {
        if (c.confidence < minConfidence || c.column < 0 || usedSources.contains(c.column) ||
            usedTargets.contains(c.target))
            continue;
        usedSources.insert(c.column);
        usedTargets.insert(c.target);
        out.columns.append({table.columns.at(c.column).info.name, c.target, std::min(1.0, c.confidence),
                            c.reason, c.transforms});
    }
    // source order, so the mapping reads like the table
    std::stable_sort(out.columns.begin(), out.columns.end(),
                     [&](const ColumnSuggestion &a, const ColumnSuggestion &b) {
                         return table.columnIndex(a.sourceColumn) < table.columnIndex(b.sourceColumn);
                     });
    return out;
}

QList<TableSuggestion> suggestMappings(const Catalog &catalog, const target::TargetModel &model,
                                       double minConfidence)
{
    QList<TableSuggestion> out;
    for (const CatalogTable &t : catalog.tables) {
        TableSuggestion best;
        for (const target::Entity &e : model.entities()) {
            if (e.isIntersect)
                continue;
            TableSuggestion s = suggestColumns(t, e, model, &catalog, minConfidence);
            const double name = std::max(nameSimilarity(normalizeName(t.name), normalizeName(e.logicalName)),
                                         nameSimilarity(normalizeName(t.name), normalizeName(e.displayName)));
            const double coverage =
                t.columns.isEmpty() ? 0.0 : double(s.columns.size()) / double(t.columns.size());
            s.confidence =
                std::max(0.55 * name + 0.45 * coverage, 0.8 * coverage * (name >= 1.0 ? 1.0 : 0.9));
            if (s.confidence > best.confidence)
                best = s;
        }
        if (best.confidence >= minConfidence && !best.targetEntity.isEmpty())
            out.append(best);
    }
    return out;
}

Mapping mappingFromSuggestion(const TableSuggestion &s, const QString &sourceName)
{
    Mapping m;
    m.name = s.targetEntity;
    m.source.source = sourceName;
    m.source.table = s.sourceTable;
    m.targetEntity = s.targetEntity;
    if (!s.alternateKey.isEmpty()) {
        m.keyStrategy = KeyStrategy::AlternateKey;
        m.alternateKey = s.alternateKey;
    } else {
        m.keyStrategy = KeyStrategy::DeterministicId;
    }
    for (const ColumnSuggestion &c : s.columns) {
        FieldMap f;
        f.target = c.targetColumn;
        f.sources = {c.sourceColumn};
        f.transforms = c.transforms;
        m.fields.append(f);
    }
    return m;
}

} // namespace ferry::mapping
