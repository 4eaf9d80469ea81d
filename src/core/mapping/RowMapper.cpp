#include <ferry/mapping/ODataKeys.h>
#include <ferry/mapping/RowMapper.h>
#include <ferry/mapping/Validation.h>

#include "mapping/JsonWriter.h"
#include "mapping/Steps.h"

#include <QHash>
#include <QRegularExpression>
#include <QTimeZone>
#include <QVarLengthArray>

#include <charconv>
#include <cmath>
#include <limits>

namespace ferry::mapping {

using nlohmann::json;
using target::AttributeType;

QString severityName(Severity severity)
{
    return severity == Severity::Warning ? QStringLiteral("warning") : QStringLiteral("error");
}

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Ok:
        return QStringLiteral("ok");
    case Verdict::Warning:
        return QStringLiteral("warning");
    case Verdict::Error:
        return QStringLiteral("error");
    }
    return {};
}

void MappedRow::clear()
{
    verdict = Verdict::Ok;
    payload.resize(0); // resize(0) keeps the allocation, clear() would free it
    patch.resize(0);
    rowKey.resize(0);
    keyText.resize(0);
    sourceKeyText.resize(0);
    fingerprint = {};
    issues.clear();
    lookups.clear();
}

void MappedRow::addIssue(ValueIssue issue)
{
    if (issue.severity == Severity::Error)
        verdict = Verdict::Error;
    else if (verdict == Verdict::Ok)
        verdict = Verdict::Warning;
    issues.append(std::move(issue));
}

namespace {

enum class Terminal
{
    None,
    Option,
    Lookup,
    Owner,
};

enum class KeyMode
{
    AlternateKey,
    Id,
    Deterministic,
};

struct LookupTarget
{
    QString table;
    QString setName;
    QByteArray propName; ///< "\"<nav>@odata.bind\":"
    KeyMode mode = KeyMode::AlternateKey;
    QString keyAttr;
    AttributeType keyType = AttributeType::String;
    int ruleColumn = -1;
    QString equals;
    QString prefix;
    bool strip = true;
};

struct CompiledField
{
    int index = 0;
    QString target;
    const target::Attribute *attr = nullptr;
    QByteArray propName;
    int firstSource = -1;
    std::vector<std::shared_ptr<const Step>> steps;
    Terminal terminal = Terminal::None;
    // option
    QHash<QString, int> optionMap;      ///< exact source text -> value
    QHash<QString, int> optionMapLower; ///< lower-cased source text -> value
    int optionMatch = 0;                ///< 0 label, 1 value, 2 none
    int optionUnmapped = 0;             ///< 0 error, 1 default, 2 null, 3 pass
    int optionDefault = 0;
    bool skipOptionCheck = false;
    // lookup
    std::vector<LookupTarget> lookups;
    // owner
    QHash<QString, QString> users; ///< key -> guid ("" = ambiguous)
    int ownerBy = 0;               ///< 0 email, 1 name, 2 domainname
    QString ownerDefault;
    QString ownerSet = QStringLiteral("systemusers");
    // date-time
    QTimeZone zone;
    bool zoneIsUtc = true;
    // option sets by lower-case label, for implicit conversions
    QHash<QString, int> labels;
    QSet<int> optionValues;
    bool isKey = false;
    bool deferred = false;
    bool systemRequired = false;
};

struct FieldOut
{
    Value value;
    const Value *ref = nullptr; ///< a source value used as it is (no steps): not copied
    QString bind;               ///< "/set(pred)" for lookups and owners
    const LookupTarget *lookup = nullptr;
    bool isBind = false;
    bool failed = false;

    const Value &val() const { return ref ? *ref : value; }
};

QString lower(const QString &s)
{
    return s.toLower();
}

} // namespace

struct RowMapper::Private
{
    Mapping mapping;
    target::Entity entity;
    QList<ColumnInfo> columns;
    MapOptions options;
    std::vector<CompiledField> fields;
    QByteArray typePrefix; ///< "{\"@odata.type\":\"Microsoft.Dynamics.CRM.x\"" or "{"
    QString setName;
    QByteArray primaryIdProp;
    QVector<int> keyFields; ///< AlternateKey: the field index of each key attribute, in key order
    QVector<target::AttributeType> keyTypes;
    QStringList keyAttrs;
    QVector<int> sourceKeyColumns;
    bool writeOdataId = false; ///< Upsert by alternate key in a bulk message
    bool hasDeferred = false;
    int payloadColumns = 0;

    void encode(const CompiledField &f, const FieldOut &o, MappedRow &out, QByteArray &buf) const;
    bool evaluate(const CompiledField &f, const QVector<Value> &row, FieldOut &o, MappedRow &out) const;
};

RowMapper::RowMapper(std::unique_ptr<Private> d) : m_d(std::move(d)) {}
RowMapper::~RowMapper() = default;

const Mapping &RowMapper::mapping() const
{
    return m_d->mapping;
}
const target::Entity &RowMapper::entity() const
{
    return m_d->entity;
}
const QList<ColumnInfo> &RowMapper::sourceColumns() const
{
    return m_d->columns;
}
int RowMapper::payloadColumns() const
{
    return m_d->payloadColumns;
}
bool RowMapper::hasDeferredFields() const
{
    return m_d->hasDeferred;
}

QString RowMapper::bulkPath() const
{
    const char *message = m_d->mapping.operation == Operation::Create   ? "CreateMultiple"
                          : m_d->mapping.operation == Operation::Update ? "UpdateMultiple"
                                                                        : "UpsertMultiple";
    return m_d->setName + QStringLiteral("/Microsoft.Dynamics.CRM.") + QLatin1String(message);
}

// ---------------------------------------------------------------------------------------------------------
// compile

namespace {

QString navigationFor(const target::Entity &e, const target::Attribute &a, const QString &table)
{
    QString single;
    int count = 0;
    for (const target::OneToManyRelationship &r : e.manyToOne) {
        if (r.referencingAttribute != a.logicalName)
            continue;
        ++count;
        if (r.referencedEntity == table)
            return r.referencingNavigationProperty;
        single = r.referencingNavigationProperty;
    }
    if (count == 1 && !single.isEmpty() && a.targets.size() <= 1)
        return single;
    if (a.type == AttributeType::Owner)
        return single.isEmpty() ? a.logicalName : single;
    if (a.targets.size() > 1)
        return a.logicalName + QLatin1Char('_') + table;
    return a.logicalName;
}

int columnIndex(const QList<ColumnInfo> &columns, const QString &name)
{
    for (qsizetype i = 0; i < columns.size(); ++i)
        if (columns.at(i).name == name)
            return int(i);
    for (qsizetype i = 0; i < columns.size(); ++i)
        if (columns.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return int(i);
    return -1;
}

QString str(const json &p, const char *key, const QString &fallback = {})
{
    auto it = p.find(key);
    return it != p.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : fallback;
}

bool isOptionType(AttributeType t)
{
    return t == AttributeType::Picklist || t == AttributeType::State || t == AttributeType::Status ||
           t == AttributeType::MultiSelectPicklist || t == AttributeType::Boolean;
}

} // namespace

Result<std::unique_ptr<RowMapper>> RowMapper::compile(const Mapping &mapping,
                                                      const target::TargetModel &model,
                                                      const QList<ColumnInfo> &sourceColumns,
                                                      const MapOptions &options)
{
    auto d = std::make_unique<Private>();
    d->mapping = mapping;
    d->columns = sourceColumns;
    d->options = options;
    QStringList problems;
    auto problem = [&](const QString &path, const QString &message) {
        problems.append(QStringLiteral("%1 %2: %3").arg(mapping.name, path, message));
    };

    const target::Entity *e = model.entity(mapping.targetEntity);
    if (!e) {
        return Error::make(QStringLiteral("mapping.invalid"),
                           QStringLiteral("%1 /target: the target table '%2' is not in the target model")
                               .arg(mapping.name, mapping.targetEntity));
    }
    d->entity = *e;
    const target::Entity &entity = d->entity;
    d->setName = entity.entitySetName;
    d->typePrefix = "{";
    if (options.bulk) {
        d->typePrefix += "\"@odata.type\":";
        jsonw::appendString(d->typePrefix,
                            QString(QStringLiteral("Microsoft.Dynamics.CRM.") + entity.logicalName));
    }
    d->primaryIdProp = jsonw::propertyName(entity.primaryIdAttribute);

    QStringList columnNames;
    for (const ColumnInfo &c : sourceColumns)
        columnNames.append(c.name);

    // the key
    const target::AlternateKey *key = nullptr;
    if (mapping.keyStrategy == KeyStrategy::AlternateKey) {
        key = entity.key(mapping.alternateKey);
        if (!key)
            problem(QStringLiteral("/key/alternateKey"),
                    QStringLiteral("'%1' is not an alternate key of '%2'")
                        .arg(mapping.alternateKey, entity.logicalName));
        if (mapping.operation == Operation::Update && options.bulk)
            problem(
                QStringLiteral("/operation"),
                QStringLiteral("UpdateMultiple does not take alternate keys (reference §3.1): use upsert or "
                               "the deterministic-id strategy"));
        d->writeOdataId = mapping.operation == Operation::Upsert && options.bulk;
    } else if (mapping.keyStrategy == KeyStrategy::ServerId && mapping.operation != Operation::Create) {
        problem(QStringLiteral("/key/strategy"), QStringLiteral("server-id works with create only"));
    }
    for (const QString &k : mapping.source.keyColumns) {
        const int i = columnIndex(sourceColumns, k);
        if (i < 0)
            problem(QStringLiteral("/source/keyColumns"),
                    QStringLiteral("'%1' is not a source column").arg(k));
        d->sourceKeyColumns.append(i);
    }
    if (mapping.keyStrategy == KeyStrategy::DeterministicId && mapping.source.keyColumns.isEmpty())
        problem(QStringLiteral("/source/keyColumns"),
                QStringLiteral("the deterministic-id strategy needs key columns"));

    // fields
    for (qsizetype fi = 0; fi < mapping.fields.size(); ++fi) {
        const FieldMap &fm = mapping.fields.at(fi);
        const QString path = QStringLiteral("/fields/%1").arg(fi);
        CompiledField f;
        f.index = int(fi);
        f.target = fm.target;
        f.deferred = fm.deferred;
        f.attr = entity.attribute(fm.target);
        if (!f.attr) {
            problem(path + QStringLiteral("/target"),
                    QStringLiteral("'%1' is not a column of '%2'").arg(fm.target, entity.logicalName));
            continue;
        }
        const target::Attribute &a = *f.attr;
        f.propName = jsonw::propertyName(a.logicalName);
        f.systemRequired = a.requiredLevel == target::RequiredLevel::SystemRequired;
        StepEnv env;
        env.columns = columnNames;
        for (const QString &s : fm.sources) {
            const int i = columnIndex(sourceColumns, s);
            if (i < 0)
                problem(path + QStringLiteral("/sources"),
                        QStringLiteral("'%1' is not a source column").arg(s));
            env.fieldSources.append(i);
        }
        if (env.fieldSources.contains(-1))
            continue;
        f.firstSource = env.fieldSources.isEmpty() ? -1 : env.fieldSources.first();
        f.zone = QTimeZone(mapping.sourceTimeZone.toUtf8());
        if (a.optionSet) {
            for (const target::OptionValue &o : a.optionSet->options) {
                f.labels.insert(lower(o.label), o.value);
                f.optionValues.insert(o.value);
            }
        }
        if (a.type == AttributeType::Boolean) {
            f.optionValues.insert(0);
            f.optionValues.insert(1);
        }

        for (qsizetype ti = 0; ti < fm.transforms.size(); ++ti) {
            const TransformSpec &t = fm.transforms.at(ti);
            const QString tp = path + QStringLiteral("/transforms/%1").arg(ti);
            const json &p = t.params;
            if (!isTargetStep(t.op)) {
                if (f.terminal != Terminal::None) {
                    problem(tp,
                            QStringLiteral("'%1' cannot follow an option, lookup or owner step").arg(t.op));
                    continue;
                }
                auto step = compileStep(t, env);
                if (!step)
                    problem(tp, step.error().message);
                else
                    f.steps.push_back(std::shared_ptr<const Step>(std::move(step.value())));
                continue;
            }
            if (t.op == QLatin1String("datetime")) {
                f.zone = QTimeZone(str(p, "timeZone").toUtf8());
                if (!f.zone.isValid())
                    problem(tp + QStringLiteral("/timeZone"), QStringLiteral("is not a known time zone"));
                continue;
            }
            if (f.terminal != Terminal::None) {
                problem(tp, QStringLiteral("only one option, lookup or owner step per field"));
                continue;
            }
            if (t.op == QLatin1String("option")) {
                f.terminal = Terminal::Option;
                if (!isOptionType(a.type)) {
                    problem(
                        tp,
                        QStringLiteral("'%1' is a %2 column, not a choice").arg(a.logicalName, a.typeName));
                    continue;
                }
                const QString match = str(p, "match", QStringLiteral("label"));
                f.optionMatch = match == QLatin1String("value") ? 1 : match == QLatin1String("none") ? 2 : 0;
                const QString unmapped = str(p, "unmapped", QStringLiteral("error"));
                f.optionUnmapped = unmapped == QLatin1String("default") ? 1
                                   : unmapped == QLatin1String("null")  ? 2
                                   : unmapped == QLatin1String("pass")  ? 3
                                                                        : 0;
                f.skipOptionCheck = f.optionUnmapped == 3;
                auto resolve = [&](const json &v, const QString &at) -> std::optional<int> {
                    if (v.is_number_integer()) {
                        const int value = int(v.get<qint64>());
                        if (!f.optionValues.contains(value)) {
                            problem(
                                at,
                                QStringLiteral("%1 is not an option of '%2'").arg(value).arg(a.logicalName));
                            return std::nullopt;
                        }
                        return value;
                    }
                    const QString label =
                        v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
                    auto it = f.labels.constFind(lower(label));
                    if (it == f.labels.constEnd()) {
                        problem(
                            at,
                            QStringLiteral("'%1' is not an option label of '%2'").arg(label, a.logicalName));
                        return std::nullopt;
                    }
                    return *it;
                };
                if (auto m = p.find("map"); m != p.end() && m->is_object()) {
                    for (auto it = m->begin(); it != m->end(); ++it) {
                        const QString from = QString::fromStdString(it.key());
                        if (auto v = resolve(it.value(), tp + QStringLiteral("/map/") + from)) {
                            f.optionMap.insert(from, *v);
                            f.optionMapLower.insert(lower(from.trimmed()), *v);
                        }
                    }
                }
                if (f.optionUnmapped == 1) {
                    if (auto v = resolve(p.value("default", json()), tp + QStringLiteral("/default")))
                        f.optionDefault = *v;
                }
            } else if (t.op == QLatin1String("lookup")) {
                f.terminal = Terminal::Lookup;
                if (!a.isLookup()) {
                    problem(
                        tp,
                        QStringLiteral("'%1' is a %2 column, not a lookup").arg(a.logicalName, a.typeName));
                    continue;
                }
                json targets = json::array();
                if (p.contains("targets"))
                    targets = p["targets"];
                else
                    targets.push_back(json{{"table", p.value("table", "")}, {"key", p.value("key", "")}});
                for (size_t i = 0; i < targets.size(); ++i) {
                    const json &tj = targets[i];
                    const QString at = p.contains("targets") ? tp + QStringLiteral("/targets/%1").arg(i) : tp;
                    LookupTarget lt;
                    lt.table = str(tj, "table");
                    const target::Entity *te = model.entity(lt.table);
                    if (!te) {
                        problem(at + QStringLiteral("/table"),
                                QStringLiteral("'%1' is not in the target model").arg(lt.table));
                        continue;
                    }
                    if (!a.targets.isEmpty() && !a.targets.contains(lt.table)) {
                        problem(at + QStringLiteral("/table"),
                                QStringLiteral("'%1' cannot point at '%2' (targets: %3)")
                                    .arg(a.logicalName, lt.table, a.targets.join(QStringLiteral(", "))));
                        continue;
                    }
                    lt.setName = te->entitySetName;
                    lt.propName = jsonw::propertyName(
                        QString(navigationFor(entity, a, lt.table) + QStringLiteral("@odata.bind")));
                    QString keyName = str(tj, "key");
                    if (keyName == QLatin1String("$id")) {
                        lt.mode = KeyMode::Id;
                    } else if (keyName == QLatin1String("$deterministic")) {
                        lt.mode = KeyMode::Deterministic;
                    } else {
                        if (keyName.isEmpty() && te->keys.size() == 1)
                            keyName = te->keys.first().logicalName;
                        const target::AlternateKey *k = te->key(keyName);
                        if (!k) {
                            problem(at + QStringLiteral("/key"),
                                    QStringLiteral("'%1' is not an alternate key of '%2'")
                                        .arg(keyName, lt.table));
                            continue;
                        }
                        if (k->attributes.size() != 1) {
                            problem(at + QStringLiteral("/key"),
                                    QStringLiteral("'%1' has %2 columns; lookups by composite keys are not "
                                                   "supported yet")
                                        .arg(keyName)
                                        .arg(k->attributes.size()));
                            continue;
                        }
                        lt.keyAttr = k->attributes.first();
                        const target::Attribute *ka = te->attribute(lt.keyAttr);
                        lt.keyType = ka ? ka->type : AttributeType::String;
                    }
                    if (tj.contains("column")) {
                        lt.ruleColumn = columnIndex(sourceColumns, str(tj, "column"));
                        if (lt.ruleColumn < 0)
                            problem(at + QStringLiteral("/column"),
                                    QStringLiteral("'%1' is not a source column").arg(str(tj, "column")));
                    }
                    lt.equals = str(tj, "equals");
                    lt.prefix = str(tj, "prefix");
                    lt.strip = tj.value("strip", true);
                    f.lookups.push_back(lt);
                }
            } else if (t.op == QLatin1String("owner")) {
                f.terminal = Terminal::Owner;
                if (a.type != AttributeType::Owner && a.type != AttributeType::Lookup) {
                    problem(
                        tp,
                        QStringLiteral("'%1' is a %2 column, not an owner").arg(a.logicalName, a.typeName));
                    continue;
                }
                const QString by = str(p, "by", QStringLiteral("email"));
                f.ownerBy = by == QLatin1String("name") ? 1 : by == QLatin1String("domainname") ? 2 : 0;
                for (const SystemUser &u : options.systemUsers) {
                    const QString k = lower(f.ownerBy == 0   ? u.email
                                            : f.ownerBy == 1 ? u.fullName
                                                             : u.domainName)
                                          .trimmed();
                    if (k.isEmpty())
                        continue;
                    f.users.insert(k, f.users.contains(k) ? QString() : u.id);
                }
                f.propName = jsonw::propertyName(QString(
                    navigationFor(entity, a, QStringLiteral("systemuser")) + QStringLiteral("@odata.bind")));
                const QString def = str(p, "default");
                if (!def.isEmpty()) {
                    if (!QUuid::fromString(def).isNull()) {
                        f.ownerDefault = guidText(QUuid::fromString(def));
                    } else {
                        for (const SystemUser &u : options.systemUsers)
                            if (u.email.compare(def, Qt::CaseInsensitive) == 0 ||
                                u.fullName.compare(def, Qt::CaseInsensitive) == 0 ||
                                u.domainName.compare(def, Qt::CaseInsensitive) == 0)
                                f.ownerDefault = u.id;
                        if (f.ownerDefault.isEmpty())
                            problem(tp + QStringLiteral("/default"),
                                    QStringLiteral("'%1' matches no systemuser").arg(def));
                    }
                }
            }
        }
        if (f.terminal != Terminal::Lookup && f.terminal != Terminal::Owner && a.isLookup())
            problem(path,
                    QStringLiteral("'%1' is a lookup: it needs a lookup or owner step (key \"$id\" when the "
                                   "source holds GUIDs)")
                        .arg(a.logicalName));
        f.zoneIsUtc = !f.zone.isValid() || f.zone.id() == QByteArrayLiteral("UTC") ||
                      f.zone.id() == QByteArrayLiteral("Etc/UTC");
        if (f.deferred) {
            if (f.terminal != Terminal::Lookup)
                problem(path + QStringLiteral("/deferred"), QStringLiteral("only lookups can be deferred"));
            if (mapping.keyStrategy == KeyStrategy::ServerId)
                problem(path + QStringLiteral("/deferred"),
                        QStringLiteral("a deferred lookup needs a key to patch the row by"));
            d->hasDeferred = true;
        }
        d->fields.push_back(std::move(f));
    }

    if (key) {
        for (const QString &ka : key->attributes) {
            int found = -1;
            for (size_t i = 0; i < d->fields.size(); ++i)
                if (d->fields[i].target == ka)
                    found = int(i);
            if (found < 0) {
                problem(QStringLiteral("/key/alternateKey"),
                        QStringLiteral("the key column '%1' is not mapped").arg(ka));
                continue;
            }
            d->fields[size_t(found)].isKey = true;
            d->keyFields.append(found);
            d->keyTypes.append(d->fields[size_t(found)].attr->type);
            d->keyAttrs.append(ka);
        }
    }
    for (const CompiledField &f : d->fields)
        if (!f.deferred && !(f.isKey && d->writeOdataId))
            ++d->payloadColumns;

    if (!problems.isEmpty())
        return Error::make(QStringLiteral("mapping.invalid"), problems.join(QLatin1Char('\n')));
    return std::unique_ptr<RowMapper>(new RowMapper(std::move(d)));
}

// ---------------------------------------------------------------------------------------------------------
// map

namespace {

void append2(char *&p, int v)
{
    *p++ = char('0' + v / 10);
    *p++ = char('0' + v % 10);
}

void appendDate(QByteArray &out, const QDate &d)
{
    char buf[16];
    char *p = buf;
    const int y = d.year();
    *p++ = '"';
    *p++ = char('0' + (y / 1000) % 10);
    *p++ = char('0' + (y / 100) % 10);
    *p++ = char('0' + (y / 10) % 10);
    *p++ = char('0' + y % 10);
    *p++ = '-';
    append2(p, d.month());
    *p++ = '-';
    append2(p, d.day());
    *p++ = '"';
    out.append(buf, p - buf);
}

void appendDateTime(QByteArray &out, const QDate &d, const QTime &t)
{
    appendDate(out, d);
    out.chop(1);
    char buf[16];
    char *p = buf;
    *p++ = 'T';
    append2(p, t.hour());
    *p++ = ':';
    append2(p, t.minute());
    *p++ = ':';
    append2(p, t.second());
    *p++ = 'Z';
    *p++ = '"';
    out.append(buf, p - buf);
}

qsizetype codePoints(const QString &s)
{
    qsizetype n = s.size();
    for (QChar c : s)
        if (c.isLowSurrogate())
            --n;
    return n;
}

// Parses a plain ASCII number with std::from_chars: QString::toDouble goes through QLocale and costs several
// times more, which showed as the largest single item of the dry-run profile.
std::optional<double> fastDouble(QStringView t)
{
    char buf[64];
    if (t.size() == 0 || t.size() >= qsizetype(sizeof buf))
        return std::nullopt;
    for (qsizetype i = 0; i < t.size(); ++i) {
        const char16_t c = t[i].unicode();
        if (c >= 128)
            return std::nullopt;
        buf[i] = char(c);
    }
    double d = 0;
    const char *b = buf[0] == '+' ? buf + 1 : buf;
    const auto r = std::from_chars(b, buf + t.size(), d);
    if (r.ec != std::errc() || r.ptr != buf + t.size())
        return std::nullopt;
    return d;
}

void appendAscii(QByteArray &out, QStringView t)
{
    const qsizetype start = out.size();
    out.resize(start + t.size());
    char *p = out.data() + start;
    for (QChar c : t)
        *p++ = char(c.unicode());
}

std::optional<double> numberOf(const Value &v, bool &exact, QString &text)
{
    exact = false;
    switch (v.type()) {
    case ValueType::Int:
        exact = true;
        return double(v.toInt());
    case ValueType::Double:
        return v.toDouble();
    case ValueType::Decimal: {
        exact = true;
        text = v.toText();
        if (auto d = fastDouble(text))
            return d;
        return v.toDouble();
    }
    case ValueType::Text: {
        const QString t = v.toText().trimmed();
        if (auto c = canonicalDecimal(t)) {
            exact = true;
            text = *c;
            if (auto d = fastDouble(text))
                return d;
            return c->toDouble();
        }
        bool ok = false;
        const double d = t.toDouble(&ok);
        if (ok && std::isfinite(d))
            return d;
        return std::nullopt;
    }
    case ValueType::Bool:
        return v.toBool() ? 1.0 : 0.0;
    default:
        return std::nullopt;
    }
}

} // namespace

bool RowMapper::Private::evaluate(const CompiledField &f, const QVector<Value> &row, FieldOut &o,
                                  MappedRow &out) const
{
    if (f.steps.empty() && f.terminal == Terminal::None) {
        // the common case: a column as it is; copying the Value would cost an atomic reference count per
        // column
        if (f.firstSource >= 0)
            o.ref = &row.at(f.firstSource);
        return true;
    }
    o.value = f.firstSource >= 0 ? row.at(f.firstSource) : Value();
    QString error;
    for (const auto &s : f.steps) {
        if (!s->apply(o.value, row, error)) {
            out.addIssue({f.target, QStringLiteral("convert"), error, Severity::Error});
            o.failed = true;
            return false;
        }
    }
    switch (f.terminal) {
    case Terminal::None:
    case Terminal::Option:
        break;
    case Terminal::Lookup: {
        o.isBind = true;
        if (o.value.isNull() || (o.value.type() == ValueType::Text && o.value.toText().isEmpty())) {
            o.value = Value();
            return true;
        }
        QString text = o.value.toText();
        const LookupTarget *chosen = nullptr;
        for (const LookupTarget &lt : f.lookups) {
            if (lt.ruleColumn >= 0) {
                if (row.at(lt.ruleColumn).toText().trimmed().compare(lt.equals, Qt::CaseInsensitive) != 0)
                    continue;
            }
            if (!lt.prefix.isEmpty()) {
                if (!text.startsWith(lt.prefix))
                    continue;
                if (lt.strip)
                    text = text.mid(lt.prefix.size());
            }
            chosen = &lt;
            break;
        }
        if (!chosen) {
            out.addIssue({f.target, QStringLiteral("lookup-target"),
                          QStringLiteral("no lookup target rule matches '%1'").arg(o.value.toText()),
                          Severity::Error});
            o.failed = true;
            return false;
        }
        o.lookup = chosen;
        QString predicate;
        if (chosen->mode == KeyMode::AlternateKey) {
            const Value kv = Value::fromText(text);
            std::optional<QString> lit =
                keyLiteral(o.value.type() == ValueType::Text ? kv : o.value, chosen->keyType);
            if (!lit) {
                out.addIssue({f.target, QStringLiteral("convert"),
                              QStringLiteral("'%1' does not fit the %2 key column '%3' of '%4'")
                                  .arg(text, target::attributeTypeName(chosen->keyType), chosen->keyAttr,
                                       chosen->table),
                              Severity::Error});
                o.failed = true;
                return false;
            }
            if (auto bad = forbiddenKeyChar(text)) {
                out.addIssue(
                    {f.target, QStringLiteral("key-char"),
                     QStringLiteral("the key value '%1' holds '%2', which the service refuses in keys")
                         .arg(text, QString(*bad)),
                     Severity::Error});
                o.failed = true;
                return false;
            }
            predicate = chosen->keyAttr + QLatin1Char('=') + *lit;
        } else if (chosen->mode == KeyMode::Id) {
            const QUuid id = QUuid::fromString(text.trimmed());
            if (id.isNull()) {
                out.addIssue({f.target, QStringLiteral("convert"),
                              QStringLiteral("'%1' is not a GUID").arg(text), Severity::Error});
                o.failed = true;
                return false;
            }
            predicate = guidText(id);
        } else {
            predicate = guidText(deterministicId(chosen->table, text));
        }
        o.bind = bindPath(chosen->setName, predicate);
        out.lookups.append({f.index, chosen->table, predicate, f.deferred});
        return true;
    }
    case Terminal::Owner: {
        o.isBind = true;
        if (o.value.isNull() || o.value.toText().trimmed().isEmpty()) {
            if (f.ownerDefault.isEmpty()) {
                o.value = Value();
                return true;
            }
            o.bind = bindPath(f.ownerSet, f.ownerDefault);
            return true;
        }
        const QString k = lower(o.value.toText().trimmed());
        auto it = f.users.constFind(k);
        if (it != f.users.constEnd() && !it->isEmpty()) {
            o.bind = bindPath(f.ownerSet, *it);
            return true;
        }
        if (!f.ownerDefault.isEmpty()) {
            out.addIssue({f.target, QStringLiteral("owner"),
                          QStringLiteral("'%1' %2; the default owner is used")
                              .arg(o.value.toText(), it == f.users.constEnd()
                                                         ? QStringLiteral("matches no systemuser")
                                                         : QStringLiteral("matches several systemusers")),
                          Severity::Warning});
            o.bind = bindPath(f.ownerSet, f.ownerDefault);
            return true;
        }
        out.addIssue({f.target, QStringLiteral("owner"),
                      QStringLiteral("'%1' %2").arg(o.value.toText(),
                                                    it == f.users.constEnd()
                                                        ? QStringLiteral("matches no systemuser")
                                                        : QStringLiteral("matches several systemusers")),
                      Severity::Error});
        o.failed = true;
        return false;
    }
    }
    if (f.terminal == Terminal::Option && !o.value.isNull()) {
        const QString t = o.value.toText();
        if (auto it = f.optionMap.constFind(t); it != f.optionMap.constEnd()) {
            o.value = Value::fromInt(*it);
            return true;
        }
        if (auto it = f.optionMapLower.constFind(lower(t.trimmed())); it != f.optionMapLower.constEnd()) {
            o.value = Value::fromInt(*it);
            return true;
        }
        if (f.optionMatch == 0) {
            auto l = f.labels.constFind(lower(t.trimmed()));
            if (l != f.labels.constEnd()) {
                o.value = Value::fromInt(*l);
                return true;
            }
        } else if (f.optionMatch == 1) {
            bool ok = false;
            const int v = t.trimmed().toInt(&ok);
            if (ok && f.optionValues.contains(v)) {
                o.value = Value::fromInt(v);
                return true;
            }
        }
        switch (f.optionUnmapped) {
        case 1:
            o.value = Value::fromInt(f.optionDefault);
            return true;
        case 2:
            o.value = Value();
            return true;
        case 3: {
            bool ok = false;
            const int v = t.trimmed().toInt(&ok);
            if (ok) {
                o.value = Value::fromInt(v);
                return true;
            }
            break;
        }
        default:
            break;
        }
        out.addIssue({f.target, QStringLiteral("option"),
                      QStringLiteral("'%1' has no option in '%2'").arg(t, f.attr->logicalName),
                      Severity::Error});
        o.failed = true;
        return false;
    }
    return true;
}

void RowMapper::Private::encode(const CompiledField &f, const FieldOut &o, MappedRow &out,
                                QByteArray &buf) const
{
    const target::Attribute &a = *f.attr;
    if (o.isBind) {
        buf.append(',');
        // a cleared single-target lookup names its navigation property (reference §6: "<nav>@odata.bind":
        // null); a cleared polymorphic one the column itself ("<column>": null), since no target was chosen
        buf.append(o.lookup                ? o.lookup->propName
                   : f.lookups.size() == 1 ? f.lookups.front().propName
                                           : f.propName);
        if (o.bind.isEmpty())
            buf.append("null");
        else
            jsonw::appendString(buf, o.bind);
        return;
    }
    const Value &v = o.val();
    auto fail = [&](const QString &code, const QString &message) {
        out.addIssue({f.target, code, message, Severity::Error});
    };
    if (v.isNull() || (v.type() == ValueType::Text && v.toText().isEmpty() &&
                       a.type != AttributeType::String && a.type != AttributeType::Memo)) {
        if (f.systemRequired) {
            fail(QStringLiteral("required-null"),
                 QStringLiteral("'%1' is required by the service and the value is empty").arg(a.logicalName));
            return;
        }
        buf.append(',');
        buf.append(f.propName);
        buf.append("null");
        return;
    }
    const qsizetype mark = buf.size();
    buf.append(',');
    buf.append(f.propName);
    switch (a.type) {
    case AttributeType::String:
    case AttributeType::Memo:
    case AttributeType::EntityName: {
        const QString t = v.toText();
        if (a.maxLength && t.size() > *a.maxLength && codePoints(t) > *a.maxLength) {
            buf.truncate(mark);
            fail(QStringLiteral("too-long"), QStringLiteral("%1 characters, '%2' takes at most %3")
                                                 .arg(codePoints(t))
                                                 .arg(a.logicalName)
                                                 .arg(*a.maxLength));
            return;
        }
        jsonw::appendString(buf, t);
        return;
    }
    case AttributeType::Integer:
    case AttributeType::BigInt: {
        bool exact = false;
        QString text;
        auto n = numberOf(v, exact, text);
        if (!n || *n != std::floor(*n)) {
            buf.truncate(mark);
            fail(QStringLiteral("convert"), QStringLiteral("'%1' is not a whole number").arg(v.toText()));
            return;
        }
        const qint64 i = v.type() == ValueType::Int ? v.toInt() : qint64(*n);
        const double lo =
            a.minValue.value_or(a.type == AttributeType::Integer ? -2147483648.0 : -9.2233720368547758e18);
        const double hi =
            a.maxValue.value_or(a.type == AttributeType::Integer ? 2147483647.0 : 9.2233720368547758e18);
        if (double(i) < lo || double(i) > hi) {
            buf.truncate(mark);
            fail(QStringLiteral("out-of-range"), QStringLiteral("%1 is outside %2..%3 of '%4'")
                                                     .arg(i)
                                                     .arg(qint64(lo))
                                                     .arg(qint64(hi))
                                                     .arg(a.logicalName));
            return;
        }
        jsonw::appendInt(buf, i);
        return;
    }
    case AttributeType::Decimal:
    case AttributeType::Double:
    case AttributeType::Money: {
        bool exact = false;
        QString text;
        auto n = numberOf(v, exact, text);
        if (!n || !std::isfinite(*n)) {
            buf.truncate(mark);
            fail(QStringLiteral("convert"), QStringLiteral("'%1' is not a number").arg(v.toText()));
            return;
        }
        if ((a.minValue && *n < *a.minValue) || (a.maxValue && *n > *a.maxValue)) {
            buf.truncate(mark);
            fail(QStringLiteral("out-of-range"),
                 QStringLiteral("%1 is outside %2..%3 of '%4'")
                     .arg(v.toText(), QString::number(a.minValue.value_or(-1e308), 'g', 15),
                          QString::number(a.maxValue.value_or(1e308), 'g', 15), a.logicalName));
            return;
        }
        if (v.type() == ValueType::Int)
            jsonw::appendInt(buf, v.toInt());
        else if (exact && !text.isEmpty())
            appendAscii(buf, text); // canonical decimal text: ASCII digits, '-' and '.'
        else
            jsonw::appendDouble(buf, *n);
        return;
    }
    case AttributeType::Boolean: {
        std::optional<bool> b;
        if (v.type() == ValueType::Bool)
            b = v.toBool();
        else if (v.type() == ValueType::Int && (v.toInt() == 0 || v.toInt() == 1))
            b = v.toInt() == 1;
        else if (v.type() == ValueType::Text) {
            b = parseBoolWord(v.toText());
            if (!b) {
                auto l = f.labels.constFind(lower(v.toText().trimmed()));
                if (l != f.labels.constEnd())
                    b = *l != 0;
            }
        }
        if (!b) {
            buf.truncate(mark);
            fail(QStringLiteral("convert"), QStringLiteral("'%1' is not a yes/no value").arg(v.toText()));
            return;
        }
        buf.append(*b ? "true" : "false");
        return;
    }
    case AttributeType::DateTime: {
        QDate date;
        QTime time(0, 0);
        if (v.type() == ValueType::Date) {
            date = v.toDate();
        } else if (v.type() == ValueType::DateTime || v.type() == ValueType::Text) {
            const QDateTime dt = v.toDateTime();
            date = dt.date();
            time = dt.time();
            if (!dt.isValid() && v.type() == ValueType::Text)
                date = QDate::fromString(v.toText().trimmed(), Qt::ISODate);
        }
        if (!date.isValid()) {
            buf.truncate(mark);
            fail(QStringLiteral("convert"), QStringLiteral("'%1' is not a date").arg(v.toText()));
            return;
        }
        if (a.dateTimeBehavior == target::DateTimeBehavior::UserLocal && !f.zoneIsUtc) {
            const QDateTime utc = QDateTime(date, time, f.zone).toUTC();
            date = utc.date();
            time = utc.time();
        }
        if (date < minimumDateTime() || date > maximumDateTime()) {
            buf.truncate(mark);
            fail(QStringLiteral("out-of-range"),
                 QStringLiteral("%1 is outside %2..%3 of '%4'")
                     .arg(date.toString(Qt::ISODate), minimumDateTime().toString(Qt::ISODate),
                          maximumDateTime().toString(Qt::ISODate), a.logicalName));
            return;
        }
        if (a.dateTimeBehavior == target::DateTimeBehavior::DateOnly)
            appendDate(buf, date);
        else
            appendDateTime(buf, date, time);
        return;
    }
    case AttributeType::Picklist:
    case AttributeType::State:
    case AttributeType::Status: {
        std::optional<int> value;
        if (v.type() == ValueType::Int) {
            value = int(v.toInt());
        } else {
            bool ok = false;
            const int i = v.toText().trimmed().toInt(&ok);
            if (ok) {
                value = i;
            } else {
                auto l = f.labels.constFind(lower(v.toText().trimmed()));
                if (l != f.labels.constEnd())
                    value = *l;
            }
        }
        if (!value || (!f.skipOptionCheck && !f.optionValues.isEmpty() && !f.optionValues.contains(*value))) {
            buf.truncate(mark);
            fail(QStringLiteral("option"),
                 QStringLiteral("'%1' is not an option of '%2'").arg(v.toText(), a.logicalName));
            return;
        }
        jsonw::appendInt(buf, *value);
        return;
    }
    case AttributeType::MultiSelectPicklist: {
        const QStringList parts =
            v.toText().split(QRegularExpression(QStringLiteral("[,;]")), Qt::SkipEmptyParts);
        QStringList values;
        for (const QString &part : parts) {
            bool ok = false;
            int i = part.trimmed().toInt(&ok);
            if (!ok) {
                auto l = f.labels.constFind(lower(part.trimmed()));
                ok = l != f.labels.constEnd();
                if (ok)
                    i = *l;
            }
            if (!ok || (!f.optionValues.isEmpty() && !f.optionValues.contains(i))) {
                buf.truncate(mark);
                fail(QStringLiteral("option"),
                     QStringLiteral("'%1' is not an option of '%2'").arg(part, a.logicalName));
                return;
            }
            values.append(QString::number(i));
        }
        jsonw::appendString(buf, values.join(QLatin1Char(',')));
        return;
    }
    case AttributeType::Uniqueidentifier: {
        const QUuid id = QUuid::fromString(v.toText().trimmed());
        if (id.isNull()) {
            buf.truncate(mark);
            fail(QStringLiteral("convert"), QStringLiteral("'%1' is not a GUID").arg(v.toText()));
            return;
        }
        jsonw::appendString(buf, guidText(id));
        return;
    }
    case AttributeType::Lookup:
    case AttributeType::Customer:
    case AttributeType::Owner: {
        buf.truncate(mark);
        fail(QStringLiteral("transform"),
             QStringLiteral("'%1' is a lookup: give it a lookup or owner step").arg(a.logicalName));
        return;
    }
    default:
        jsonw::appendString(buf, v.toText());
        return;
    }
}

void RowMapper::map(const QVector<Value> &row, MappedRow &out) const
{
    const Private &d = *m_d;
    out.clear();
    QVarLengthArray<FieldOut, 64> outs(qsizetype(d.fields.size()));
    for (size_t i = 0; i < d.fields.size(); ++i)
        d.evaluate(d.fields[i], row, outs[qsizetype(i)], out);

    // source key text: the key columns' canonical texts, '|' between them
    for (qsizetype i = 0; i < d.sourceKeyColumns.size(); ++i) {
        if (i)
            out.sourceKeyText.append(QLatin1Char('|'));
        out.sourceKeyText.append(row.at(d.sourceKeyColumns.at(i)).toText());
    }

    QByteArray &buf = out.payload;
    buf.append(d.typePrefix);
    bool first = d.typePrefix.size() == 1; // no "@odata.type": the first property needs no comma
    QString idText;
    switch (d.mapping.keyStrategy) {
    case KeyStrategy::AlternateKey: {
        QString predicate;
        bool ok = true;
        for (qsizetype k = 0; k < d.keyFields.size(); ++k) {
            const CompiledField &f = d.fields[size_t(d.keyFields.at(k))];
            const FieldOut &o = outs[d.keyFields.at(k)];
            if (o.failed) {
                ok = false;
                continue;
            }
            if (o.val().isNull() || o.val().toText().isEmpty()) {
                out.addIssue({f.target, QStringLiteral("key-null"),
                              QStringLiteral("the key column '%1' is empty").arg(f.target), Severity::Error});
                ok = false;
                continue;
            }
            auto lit = keyLiteral(o.val(), d.keyTypes.at(k));
            if (!lit) {
                out.addIssue(
                    {f.target, QStringLiteral("convert"),
                     QStringLiteral("'%1' does not fit the %2 key column '%3'")
                         .arg(o.val().toText(), target::attributeTypeName(d.keyTypes.at(k)), f.target),
                     Severity::Error});
                ok = false;
                continue;
            }
            if (auto bad = forbiddenKeyChar(o.val().toText())) {
                out.addIssue({f.target, QStringLiteral("key-char"),
                              QStringLiteral("the key value '%1' holds '%2', which the service refuses in "
                                             "alternate keys (/ < > * % & : \\ ? +)")
                                  .arg(o.val().toText(), QString(*bad)),
                              Severity::Error});
                ok = false;
                continue;
            }
            if (!predicate.isEmpty())
                predicate.append(QLatin1Char(','));
            predicate.append(d.keyAttrs.at(k));
            predicate.append(QLatin1Char('='));
            predicate.append(*lit);
        }
        if (ok) {
            out.keyText = predicate;
            out.rowKey = predicate;
            if (d.writeOdataId) {
                buf.append(",\"@odata.id\":");
                jsonw::appendString(buf,
                                    QString(d.setName + QLatin1Char('(') + predicate + QLatin1Char(')')));
            }
        }
        break;
    }
    case KeyStrategy::DeterministicId:
        idText = guidText(deterministicId(d.entity.logicalName, out.sourceKeyText));
        out.keyText = idText;
        out.rowKey = idText;
        if (!first)
            buf.append(',');
        first = false;
        buf.append(d.primaryIdProp);
        jsonw::appendString(buf, idText);
        break;
    case KeyStrategy::ServerId:
        out.rowKey = out.sourceKeyText;
        break;
    }

    for (size_t i = 0; i < d.fields.size(); ++i) {
        const CompiledField &f = d.fields[i];
        const FieldOut &o = outs[qsizetype(i)];
        if (o.failed || f.deferred || (f.isKey && d.writeOdataId))
            continue;
        const qsizetype before = buf.size();
        d.encode(f, o, out, buf);
        if (first && buf.size() > before && buf.at(before) == ',') {
            buf.remove(before, 1); // the first property has no comma
            first = false;
        } else if (buf.size() > before) {
            first = false;
        }
    }
    buf.append('}');

    if (d.hasDeferred && !out.keyText.isEmpty()) {
        QByteArray &patch = out.patch;
        bool any = false;
        for (size_t i = 0; i < d.fields.size(); ++i) {
            const CompiledField &f = d.fields[i];
            const FieldOut &o = outs[qsizetype(i)];
            if (!f.deferred || o.failed || o.bind.isEmpty())
                continue;
            if (!any) {
                patch.append(d.typePrefix);
                const bool bare = d.typePrefix.size() == 1;
                if (d.mapping.keyStrategy == KeyStrategy::AlternateKey) {
                    patch.append(bare ? "\"@odata.id\":" : ",\"@odata.id\":");
                    jsonw::appendString(
                        patch, QString(d.setName + QLatin1Char('(') + out.keyText + QLatin1Char(')')));
                } else {
                    if (!bare)
                        patch.append(',');
                    patch.append(d.primaryIdProp);
                    jsonw::appendString(patch, out.keyText);
                }
                any = true;
            }
            d.encode(f, o, out, patch);
        }
        if (any)
            patch.append('}');
    }
    out.fingerprint = fingerprintOf(out.payload);
    if (!out.patch.isEmpty())
        out.fingerprint = fingerprintCombine(out.fingerprint, out.patch);
}

} // namespace ferry::mapping
