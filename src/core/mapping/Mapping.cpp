#include <ferry/mapping/Mapping.h>
#include <ferry/mapping/Transform.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QTimeZone>

#include <QHash>
#include <QSet>

namespace ferry::mapping {

using nlohmann::json;

QString operationName(Operation op)
{
    switch (op) {
    case Operation::Upsert:
        return QStringLiteral("upsert");
    case Operation::Create:
        return QStringLiteral("create");
    case Operation::Update:
        return QStringLiteral("update");
    }
    return {};
}

std::optional<Operation> operationFromName(const QString &name)
{
    for (Operation op : {Operation::Upsert, Operation::Create, Operation::Update})
        if (operationName(op) == name)
            return op;
    return std::nullopt;
}

QString keyStrategyName(KeyStrategy strategy)
{
    switch (strategy) {
    case KeyStrategy::AlternateKey:
        return QStringLiteral("alternate-key");
    case KeyStrategy::DeterministicId:
        return QStringLiteral("deterministic-id");
    case KeyStrategy::ServerId:
        return QStringLiteral("server-id");
    }
    return {};
}

std::optional<KeyStrategy> keyStrategyFromName(const QString &name)
{
    for (KeyStrategy s : {KeyStrategy::AlternateKey, KeyStrategy::DeterministicId, KeyStrategy::ServerId})
        if (keyStrategyName(s) == name)
            return s;
    return std::nullopt;
}

const FieldMap *Mapping::field(const QString &target) const
{
    for (const FieldMap &f : fields)
        if (f.target == target)
            return &f;
    return nullptr;
}

const Mapping *MappingSet::mapping(const QString &name) const
{
    for (const Mapping &m : mappings)
        if (m.name == name)
            return &m;
    return nullptr;
}

namespace {

json stringArray(const QStringList &list)
{
    json a = json::array();
    for (const QString &s : list)
        a.push_back(s.toStdString());
    return a;
}

json transformToJson(const TransformSpec &t)
{
    json o = t.params.is_object() ? t.params : json::object();
    o["op"] = t.op.toStdString();
    return o;
}

json fieldToJson(const FieldMap &f)
{
    json o = json::object();
    o["target"] = f.target.toStdString();
    o["sources"] = stringArray(f.sources);
    json tr = json::array();
    for (const TransformSpec &t : f.transforms)
        tr.push_back(transformToJson(t));
    o["transforms"] = tr;
    if (f.deferred)
        o["deferred"] = true;
    if (!f.comment.isEmpty())
        o["comment"] = f.comment.toStdString();
    return o;
}

json sourceToJson(const SourceSpec &s)
{
    json o = json::object();
    o["source"] = s.source.toStdString();
    o["table"] = s.table.toStdString();
    o["query"] = s.query.toStdString();
    o["keyColumns"] = stringArray(s.keyColumns);
    json joins = json::array();
    for (const JoinSpec &j : s.joins) {
        json jo = json::object();
        jo["table"] = j.table.toStdString();
        jo["alias"] = j.alias.toStdString();
        jo["columns"] = stringArray(j.columns);
        jo["relatedColumns"] = stringArray(j.relatedColumns);
        jo["orderBy"] = j.orderBy.toStdString();
        joins.push_back(jo);
    }
    o["joins"] = joins;
    return o;
}

// Collects problems with their paths while reading a JSON object strictly (unknown keys are problems too).
class ObjectReader
{
public:
    ObjectReader(const json &j, QString path, QList<MappingError> &errors)
        : m_j(j), m_path(std::move(path)), m_errors(errors)
    {
        if (!j.is_object())
            fail(m_path, QStringLiteral("must be a JSON object"));
    }

    void fail(const QString &path, const QString &message) { m_errors.append({path, message}); }
    QString at(const char *key) const { return m_path + QLatin1Char('/') + QLatin1String(key); }

    const json *get(const char *key, bool required)
    {
        m_known.insert(QString::fromLatin1(key));
        if (!m_j.is_object())
            return nullptr;
        auto it = m_j.find(key);
        if (it == m_j.end()) {
            if (required)
                fail(at(key), QStringLiteral("is missing"));
            return nullptr;
        }
        return &*it;
    }

    QString string(const char *key, bool required, const QString &fallback = {})
    {
        const json *v = get(key, required);
        if (!v)
            return fallback;
        if (!v->is_string()) {
            fail(at(key), QStringLiteral("must be a string"));
            return fallback;
        }
        return QString::fromStdString(v->get<std::string>());
    }

    bool boolean(const char *key, bool fallback)
    {
        const json *v = get(key, false);
        if (!v)
            return fallback;
        if (!v->is_boolean()) {
            fail(at(key), QStringLiteral("must be true or false"));
            return fallback;
        }
        return v->get<bool>();
    }

    int integer(const char *key, int fallback, int min, int max)
    {
        const json *v = get(key, false);
        if (!v)
            return fallback;
        if (!v->is_number_integer() || v->get<qint64>() < min || v->get<qint64>() > max) {
            fail(at(key), QStringLiteral("must be an integer from %1 to %2").arg(min).arg(max));
            return fallback;
        }
        return int(v->get<qint64>());
    }

    QStringList strings(const char *key, bool required)
    {
        QStringList out;
        const json *v = get(key, required);
        if (!v)
            return out;
        if (!v->is_array()) {
            fail(at(key), QStringLiteral("must be an array of strings"));
            return out;
        }
        for (size_t i = 0; i < v->size(); ++i) {
            if (!(*v)[i].is_string())
                fail(at(key) + QLatin1Char('/') + QString::number(i), QStringLiteral("must be a string"));
            else
                out.append(QString::fromStdString((*v)[i].get<std::string>()));
        }
        return out;
    }

    void checkUnknown()
    {
        if (!m_j.is_object())
            return;
        for (auto it = m_j.begin(); it != m_j.end(); ++it) {
            const QString k = QString::fromStdString(it.key());
            if (!m_known.contains(k))
                fail(m_path + QLatin1Char('/') + k, QStringLiteral("is not a known key"));
        }
    }

private:
    const json &m_j;
    QString m_path;
    QList<MappingError> &m_errors;
    QSet<QString> m_known;
};

std::optional<TransformSpec> transformFromJson(const json &j, const QString &path,
                                               QList<MappingError> &errors)
{
    if (!j.is_object()) {
        errors.append({path, QStringLiteral("must be a JSON object with \"op\"")});
        return std::nullopt;
    }
    auto op = j.find("op");
    if (op == j.end() || !op->is_string()) {
        errors.append({path + QStringLiteral("/op"), QStringLiteral("is missing (a transform name)")});
        return std::nullopt;
    }
    TransformSpec t;
    t.op = QString::fromStdString(op->get<std::string>());
    t.params = j;
    t.params.erase("op");
    checkTransform(t, path, errors);
    return t;
}

std::optional<FieldMap> fieldFromJson(const json &j, const QString &path, QList<MappingError> &errors)
{
    const qsizetype before = errors.size();
    ObjectReader r(j, path, errors);
    FieldMap f;
    f.target = r.string("target", true);
    if (j.is_object() && j.contains("target") && f.target.isEmpty())
        r.fail(r.at("target"), QStringLiteral("must name a target column"));
    f.sources = r.strings("sources", false);
    f.deferred = r.boolean("deferred", false);
    f.comment = r.string("comment", false);
    if (const json *tr = r.get("transforms", false)) {
        if (!tr->is_array()) {
            r.fail(r.at("transforms"), QStringLiteral("must be an array"));
        } else {
            for (size_t i = 0; i < tr->size(); ++i) {
                if (auto t = transformFromJson(
                        (*tr)[i], r.at("transforms") + QLatin1Char('/') + QString::number(i), errors))
                    f.transforms.append(*t);
            }
        }
    }
    r.checkUnknown();
    if (errors.size() != before)
        return std::nullopt;
    return f;
}

} // namespace

json mappingToJson(const Mapping &m)
{
    json o = json::object();
    o["name"] = m.name.toStdString();
    o["source"] = sourceToJson(m.source);
    o["target"] = m.targetEntity.toStdString();
    o["operation"] = operationName(m.operation).toStdString();
    o["key"] = json{{"strategy", keyStrategyName(m.keyStrategy).toStdString()},
                    {"alternateKey", m.alternateKey.toStdString()}};
    o["deleteMissing"] = m.deleteMissing;
    o["batchSize"] = m.batchSize;
    o["sourceTimeZone"] = m.sourceTimeZone.toStdString();
    o["enabled"] = m.enabled;
    json fields = json::array();
    for (const FieldMap &f : m.fields)
        fields.push_back(fieldToJson(f));
    o["fields"] = fields;
    return o;
}

std::optional<Mapping> mappingFromJson(const json &j, const QString &path, QList<MappingError> &errors)
{
    const qsizetype before = errors.size();
    ObjectReader r(j, path, errors);
    Mapping m;
    m.name = r.string("name", true);
    if (j.is_object() && j.contains("name") && m.name.trimmed().isEmpty())
        r.fail(r.at("name"), QStringLiteral("must not be empty"));
    m.targetEntity = r.string("target", true);
    const QString op = r.string("operation", false, QStringLiteral("upsert"));
    if (auto o = operationFromName(op))
        m.operation = *o;
    else
        r.fail(r.at("operation"), QStringLiteral("'%1' is not upsert, create or update").arg(op));
    m.deleteMissing = r.boolean("deleteMissing", false);
    m.batchSize = r.integer("batchSize", 100, 1, 1000);
    m.sourceTimeZone = r.string("sourceTimeZone", false, QStringLiteral("UTC"));
    if (!QTimeZone(m.sourceTimeZone.toUtf8()).isValid())
        r.fail(r.at("sourceTimeZone"),
               QStringLiteral("'%1' is not a known IANA time zone").arg(m.sourceTimeZone));
    m.enabled = r.boolean("enabled", true);

    if (const json *k = r.get("key", false)) {
        ObjectReader kr(*k, r.at("key"), errors);
        const QString s = kr.string("strategy", false, QStringLiteral("alternate-key"));
        if (auto ks = keyStrategyFromName(s))
            m.keyStrategy = *ks;
        else
            kr.fail(kr.at("strategy"),
                    QStringLiteral("'%1' is not alternate-key, deterministic-id or server-id").arg(s));
        m.alternateKey = kr.string("alternateKey", false);
        kr.checkUnknown();
        if (m.keyStrategy == KeyStrategy::AlternateKey && m.alternateKey.isEmpty())
            kr.fail(kr.at("alternateKey"), QStringLiteral("is needed with the alternate-key strategy"));
    } else {
        r.fail(r.at("key"), QStringLiteral("is missing"));
    }

    if (const json *s = r.get("source", true)) {
        ObjectReader sr(*s, r.at("source"), errors);
        m.source.source = sr.string("source", true);
        m.source.table = sr.string("table", false);
        m.source.query = sr.string("query", false);
        if (m.source.table.isEmpty() && m.source.query.trimmed().isEmpty())
            sr.fail(sr.at("table"), QStringLiteral("is needed (or a query)"));
        m.source.keyColumns = sr.strings("keyColumns", false);
        if (const json *joins = sr.get("joins", false)) {
            if (!joins->is_array()) {
                sr.fail(sr.at("joins"), QStringLiteral("must be an array"));
            } else {
                for (size_t i = 0; i < joins->size(); ++i) {
                    const QString jp = sr.at("joins") + QLatin1Char('/') + QString::number(i);
                    ObjectReader jr((*joins)[i], jp, errors);
                    JoinSpec js;
                    js.table = jr.string("table", true);
                    js.alias = jr.string("alias", false);
                    js.columns = jr.strings("columns", true);
                    js.relatedColumns = jr.strings("relatedColumns", true);
                    js.orderBy = jr.string("orderBy", false);
                    jr.checkUnknown();
                    if (js.columns.isEmpty() || js.columns.size() != js.relatedColumns.size())
                        jr.fail(jr.at("relatedColumns"),
                                QStringLiteral("must have as many columns as \"columns\" (at least one)"));
                    m.source.joins.append(js);
                }
            }
        }
        sr.checkUnknown();
    }

    if (const json *fields = r.get("fields", true)) {
        if (!fields->is_array()) {
            r.fail(r.at("fields"), QStringLiteral("must be an array"));
        } else {
            QHash<QString, size_t> seen;
            for (size_t i = 0; i < fields->size(); ++i) {
                const QString fp = r.at("fields") + QLatin1Char('/') + QString::number(i);
                if (auto f = fieldFromJson((*fields)[i], fp, errors)) {
                    if (seen.contains(f->target))
                        errors.append(
                            {fp + QStringLiteral("/target"), QStringLiteral("'%1' is already fed by field %2")
                                                                 .arg(f->target)
                                                                 .arg(seen.value(f->target))});
                    seen.insert(f->target, i);
                    m.fields.append(*f);
                }
            }
        }
    }
    r.checkUnknown();
    if (errors.size() != before)
        return std::nullopt;
    return m;
}

QByteArray exportMappings(const MappingSet &set)
{
    json doc = json::object();
    doc["format"] = "ferry-mapping";
    doc["version"] = MappingSet::kFormatVersion;
    json arr = json::array();
    for (const Mapping &m : set.mappings)
        arr.push_back(mappingToJson(m));
    doc["mappings"] = arr;
    // nlohmann::json keeps object keys in a std::map: sorted, so the output is stable.
    std::string text = doc.dump(2, ' ', false, json::error_handler_t::replace);
    text.push_back('\n');
    return QByteArray::fromStdString(text);
}

Result<MappingSet> importMappings(const QByteArray &text, QList<MappingError> *errorsOut)
{
    QList<MappingError> errors;
    MappingSet set;
    json doc = json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
    if (doc.is_discarded()) {
        errors.append({QStringLiteral(""), QStringLiteral("the document is not valid JSON")});
    } else {
        ObjectReader r(doc, QString(), errors);
        const QString format = r.string("format", true);
        if (!format.isEmpty() && format != QLatin1String("ferry-mapping"))
            r.fail(QStringLiteral("/format"), QStringLiteral("'%1' is not \"ferry-mapping\"").arg(format));
        const int version = r.integer("version", MappingSet::kFormatVersion, 1, 1000);
        if (version > MappingSet::kFormatVersion)
            r.fail(QStringLiteral("/version"),
                   QStringLiteral("version %1 was written by a newer Ferry (this one reads %2)")
                       .arg(version)
                       .arg(MappingSet::kFormatVersion));
        if (const json *arr = r.get("mappings", true)) {
            if (!arr->is_array()) {
                r.fail(QStringLiteral("/mappings"), QStringLiteral("must be an array"));
            } else {
                QSet<QString> names;
                for (size_t i = 0; i < arr->size(); ++i) {
                    const QString p = QStringLiteral("/mappings/") + QString::number(i);
                    if (auto m = mappingFromJson((*arr)[i], p, errors)) {
                        if (names.contains(m->name))
                            errors.append(
                                {p + QStringLiteral("/name"),
                                 QStringLiteral("'%1' is used by an earlier mapping").arg(m->name)});
                        names.insert(m->name);
                        set.mappings.append(*m);
                    }
                }
            }
        }
        r.checkUnknown();
    }
    if (errorsOut)
        *errorsOut = errors;
    if (!errors.isEmpty()) {
        QStringList lines;
        for (const MappingError &e : errors.mid(0, 20))
            lines.append((e.path.isEmpty() ? QStringLiteral("/") : e.path) + QStringLiteral(": ") +
                         e.message);
        if (errors.size() > 20)
            lines.append(QStringLiteral("... and %1 more").arg(errors.size() - 20));
        return Error::make(QStringLiteral("mapping.invalid"),
                           QStringLiteral("The mapping document has %1 problem(s):\n").arg(errors.size()) +
                               lines.join(QLatin1Char('\n')));
    }
    return set;
}

// ---------------------------------------------------------------------------------------------------------
// workspace

namespace {

QString settingsJson(const Mapping &m)
{
    json o = json::object();
    o["source"] = sourceToJson(m.source);
    o["keyStrategy"] = keyStrategyName(m.keyStrategy).toStdString();
    o["deleteMissing"] = m.deleteMissing;
    o["batchSize"] = m.batchSize;
    o["sourceTimeZone"] = m.sourceTimeZone.toStdString();
    o["enabled"] = m.enabled;
    return QString::fromStdString(o.dump());
}

QString fieldSourcesJson(const FieldMap &f)
{
    return QString::fromStdString(stringArray(f.sources).dump());
}

QString fieldTransformJson(const FieldMap &f)
{
    json o = fieldToJson(f);
    o.erase("target");
    o.erase("sources");
    return QString::fromStdString(o.dump());
}

} // namespace

Status MappingStore::save(WriteTransaction &tx, const MappingSet &set)
{
    auto existing = tx.query(QStringLiteral("SELECT id, name FROM mappings"));
    if (!existing)
        return existing.error();
    QHash<QString, qint64> ids;
    for (const SqlRow &row : *existing)
        ids.insert(row.value(1).toString(), row.value(0).toLongLong());
    QSet<QString> keep;
    for (const Mapping &m : set.mappings) {
        keep.insert(m.name);
        const QString source = m.source.table.isEmpty() ? m.source.query : m.source.table;
        const QVariant key = m.alternateKey.isEmpty() ? QVariant() : QVariant(m.alternateKey);
        qint64 id = ids.value(m.name, -1);
        if (id < 0) {
            auto inserted =
                tx.insert(QStringLiteral("INSERT INTO mappings (name, source_table, target_entity, "
                                         "operation, alternate_key, settings_json) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
                          {m.name, source, m.targetEntity, operationName(m.operation), key, settingsJson(m)});
            if (!inserted)
                return inserted.error();
            id = *inserted;
        } else {
            if (auto s =
                    tx.exec(QStringLiteral("UPDATE mappings SET source_table = ?2, target_entity = ?3, "
                                           "operation = ?4, alternate_key = ?5, settings_json = ?6, "
                                           "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                                           "WHERE id = ?1"),
                            {id, source, m.targetEntity, operationName(m.operation), key, settingsJson(m)});
                !s)
                return s;
            if (auto s = tx.exec(QStringLiteral("DELETE FROM field_maps WHERE mapping_id = ?1"), {id}); !s)
                return s;
        }
        for (qsizetype i = 0; i < m.fields.size(); ++i) {
            const FieldMap &f = m.fields.at(i);
            if (auto s =
                    tx.exec(QStringLiteral("INSERT INTO field_maps (mapping_id, ordinal, source_expression, "
                                           "target_attribute, transform_json) VALUES (?1, ?2, ?3, ?4, ?5)"),
                            {id, qint64(i), fieldSourcesJson(f), f.target, fieldTransformJson(f)});
                !s)
                return s;
        }
    }
    for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
        if (!keep.contains(it.key()))
            if (auto s = tx.exec(QStringLiteral("DELETE FROM mappings WHERE id = ?1"), {it.value()}); !s)
                return s;
    }
    return {};
}

Status MappingStore::save(WorkspaceWriter &writer, const MappingSet &set, std::chrono::milliseconds timeout)
{
    const MappingSet copy = set; // the job runs on the writer thread and may run twice
    return writer.submitAndWait([copy](WriteTransaction &tx) { return MappingStore::save(tx, copy); },
                                timeout);
}

Result<MappingSet> MappingStore::load(const WorkspaceReader &reader)
{
    auto rows = reader.query(QStringLiteral("SELECT id, name, target_entity, operation, alternate_key, "
                                            "settings_json FROM mappings ORDER BY id"));
    if (!rows)
        return rows.error();
    auto fieldRows =
        reader.query(QStringLiteral("SELECT mapping_id, target_attribute, source_expression, "
                                    "transform_json FROM field_maps ORDER BY mapping_id, ordinal"));
    if (!fieldRows)
        return fieldRows.error();
    QHash<qint64, QList<const SqlRow *>> fieldsOf;
    for (const SqlRow &f : *fieldRows)
        fieldsOf[f.value(0).toLongLong()].append(&f);

    // Rebuild the export form of each row and parse it with the import rules, so a stored mapping is held to
    // exactly the same checks as an imported one.
    MappingSet set;
    QList<MappingError> errors;
    for (const SqlRow &row : *rows) {
        const qint64 id = row.value(0).toLongLong();
        const json settings = json::parse(row.value(5).toString().toStdString(), nullptr, false);
        json m = json::object();
        m["name"] = row.value(1).toString().toStdString();
        m["target"] = row.value(2).toString().toStdString();
        m["operation"] = row.value(3).toString().toStdString();
        json key = json::object();
        key["alternateKey"] = row.value(4).toString().toStdString();
        if (settings.is_object()) {
            for (const char *k : {"source", "deleteMissing", "batchSize", "sourceTimeZone", "enabled"})
                if (settings.contains(k))
                    m[k] = settings[k];
            if (settings.contains("keyStrategy"))
                key["strategy"] = settings["keyStrategy"];
        }
        m["key"] = key;
        json fields = json::array();
        for (const SqlRow *f : fieldsOf.value(id)) {
            json fo = json::parse(f->value(3).toString().toStdString(), nullptr, false);
            if (!fo.is_object())
                fo = json::object();
            fo["target"] = f->value(1).toString().toStdString();
            json sources = json::parse(f->value(2).toString().toStdString(), nullptr, false);
            fo["sources"] = sources.is_array() ? sources : json::array();
            fields.push_back(fo);
        }
        m["fields"] = fields;
        const QString path = QStringLiteral("mappings[id=%1]").arg(id);
        if (auto parsed = mappingFromJson(m, path, errors))
            set.mappings.append(*parsed);
    }
    if (!errors.isEmpty()) {
        QStringList lines;
        for (const MappingError &e : errors.mid(0, 20))
            lines.append(e.path + QStringLiteral(": ") + e.message);
        return Error::make(QStringLiteral("mapping.invalid"),
                           QStringLiteral("The workspace holds mappings that do not parse:\n") +
                               lines.join(QLatin1Char('\n')));
    }
    return set;
}

} // namespace ferry::mapping
