#include <ferry/catalog/LoadOrder.h>
#include <ferry/mapping/DryRun.h>
#include <ferry/mapping/MappingSource.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <memory>
#include <vector>

namespace ferry::mapping {

using nlohmann::json;

double requestCostMs(int records, int columns, bool plugin, const CostModel &m)
{
    return m.perRequestMs +
           records * (m.perRecordWrittenMs + columns * m.perColumnMs + (plugin ? m.perPluginRecordMs : 0.0));
}

double estimateSeconds(double costMs, qint64 requests, int users, const CostModel &m)
{
    const double u = std::max(1, users);
    const double executionBudgetPerSecond = u * m.maxExecutionMs / m.windowSeconds; // ms of server time per s
    const double requestsPerSecond = u * m.maxRequests / m.windowSeconds;
    return std::max(costMs / executionBudgetPerSecond, double(requests) / requestsPerSecond);
}

namespace {

QStringList lookupTables(const FieldMap &f)
{
    QStringList tables;
    for (const TransformSpec &t : f.transforms) {
        if (t.op != QLatin1String("lookup"))
            continue;
        if (t.params.contains("table") && t.params["table"].is_string())
            tables.append(QString::fromStdString(t.params["table"].get<std::string>()));
        if (t.params.contains("targets") && t.params["targets"].is_array())
            for (const json &e : t.params["targets"])
                if (e.is_object() && e.contains("table") && e["table"].is_string())
                    tables.append(QString::fromStdString(e["table"].get<std::string>()));
    }
    return tables;
}

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

json valueJson(const Value &v)
{
    switch (v.type()) {
    case ValueType::Null:
        return nullptr;
    case ValueType::Bool:
        return v.toBool();
    case ValueType::Int:
        return v.toInt();
    case ValueType::Double:
        return v.toDouble();
    default:
        return v.toText().toStdString();
    }
}

struct QuarantineRow
{
    QString table;
    QString rowKey;
    QString payload;
    QString code;
    QString message;
    QString column;
};

} // namespace

MappingOrder orderMappings(const MappingSet &set)
{
    QList<CatalogTable> tables;
    for (const Mapping &m : set.mappings) {
        CatalogTable t;
        t.name = m.name;
        for (const FieldMap &f : m.fields) {
            const QStringList targets = lookupTables(f);
            if (targets.isEmpty())
                continue;
            CatalogColumn c;
            c.info.name = f.target;
            c.info.nullable = true;
            t.columns.append(c);
            if (f.deferred) // already a second-pass lookup: no ordering edge
                continue;
            for (const QString &target : targets)
                for (const Mapping &other : set.mappings)
                    if (other.targetEntity == target)
                        t.foreignKeys.append({f.target, {f.target}, other.name, {f.target}});
        }
        tables.append(t);
    }
    const LoadPlan plan = planLoadOrder(tables);
    MappingOrder order;
    for (const LoadStep &s : plan.steps)
        order.mappings.append(s.table);
    for (const DeferredLookup &d : plan.deferred) {
        QPair<QString, QString> p(d.table, d.foreignKey);
        if (!order.deferred.contains(p))
            order.deferred.append(p);
    }
    return order;
}

QByteArray DryRunReport::toJson() const
{
    json o = json::object();
    o["runId"] = runId;
    o["totalRows"] = totalRows;
    o["totalRefused"] = totalRefused;
    o["totalRequests"] = totalRequests;
    o["estimatedSeconds"] = std::round(estimatedSeconds * 10.0) / 10.0;
    o["cancelled"] = cancelled;
    json issues = json::array();
    for (const MappingIssue &i : mappingIssues)
        issues.push_back({{"mapping", i.mapping.toStdString()},
                          {"path", i.path.toStdString()},
                          {"column", i.column.toStdString()},
                          {"code", i.code.toStdString()},
                          {"message", i.message.toStdString()},
                          {"severity", severityName(i.severity).toStdString()}});
    o["mappingIssues"] = issues;
    json tablesJson = json::array();
    for (const TableDryRun &t : tables) {
        json counts = json::object();
        for (auto it = t.issueCounts.cbegin(); it != t.issueCounts.cend(); ++it)
            counts[it.key().toStdString()] = it.value();
        json samples = json::array();
        for (const RowOutcome &r : t.samples) {
            json is = json::array();
            for (const ValueIssue &v : r.issues)
                is.push_back({{"column", v.column.toStdString()},
                              {"code", v.code.toStdString()},
                              {"message", v.message.toStdString()},
                              {"severity", severityName(v.severity).toStdString()}});
            samples.push_back({{"sourceRow", r.sourceRow},
                               {"rowKey", r.rowKey.toStdString()},
                               {"verdict", verdictName(r.verdict).toStdString()},
                               {"issues", is}});
        }
        tablesJson.push_back({{"mapping", t.mapping.toStdString()},
                              {"sourceTable", t.sourceTable.toStdString()},
                              {"targetEntity", t.targetEntity.toStdString()},
                              {"loadStep", t.loadStep},
                              {"rows", t.rows},
                              {"ok", t.ok},
                              {"warnings", t.warnings},
                              {"errors", t.errors},
                              {"wouldInsert", t.wouldInsert},
                              {"wouldUpdate", t.wouldUpdate},
                              {"unchanged", t.unchanged},
                              {"refused", t.refused},
                              {"requests", t.requests},
                              {"patchRequests", t.patchRequests},
                              {"costMs", std::round(t.costMs * 10.0) / 10.0},
                              {"estimatedSeconds", std::round(t.estimatedSeconds * 10.0) / 10.0},
                              {"issueCounts", counts},
                              {"samples", samples}});
    }
    o["tables"] = tablesJson;
    json lookupsJson = json::array();
    for (const LookupReport &l : lookups) {
        json targets = json::array();
        for (const QString &t : l.targets)
            targets.push_back(t.toStdString());
        json amb = json::array();
        for (const QString &s : l.ambiguousSamples)
            amb.push_back(s.toStdString());
        json unr = json::array();
        for (const QString &s : l.unresolvedSamples)
            unr.push_back(s.toStdString());
        lookupsJson.push_back({{"mapping", l.mapping.toStdString()},
                               {"column", l.column.toStdString()},
                               {"targets", targets},
                               {"rows", l.rows},
                               {"resolved", l.resolved},
                               {"ambiguous", l.ambiguous},
                               {"unresolved", l.unresolved},
                               {"unverified", l.unverified},
                               {"distinctKeys", l.distinctKeys},
                               {"ambiguousSamples", amb},
                               {"unresolvedSamples", unr}});
    }
    o["lookups"] = lookupsJson;
    std::string text = o.dump(2, ' ', false, json::error_handler_t::replace);
    text.push_back('\n');
    return QByteArray::fromStdString(text);
}

namespace {

// What the dry run knows about the target's rows: the keys of rows the run would write, and the existing
// ones.
struct KnownKeys
{
    QHash<QString, QHash<QString, int>> produced; ///< entity -> key text -> rows producing it
    QSet<QString> knownEntities; ///< entities mapped in this run or with existing keys listed
    const QHash<QString, QSet<QString>> *existing = nullptr;

    enum class State
    {
        Resolved,
        Ambiguous,
        Unresolved,
        Unverified,
    };

    State resolve(const QString &entity, const QString &key) const
    {
        int n = 0;
        auto p = produced.constFind(entity);
        if (p != produced.constEnd())
            n = p->value(key, 0);
        if (existing) {
            auto e = existing->constFind(entity);
            if (e != existing->constEnd() && e->contains(key))
                ++n;
        }
        if (n == 1)
            return State::Resolved;
        if (n > 1)
            return State::Ambiguous;
        return knownEntities.contains(entity) ? State::Unresolved : State::Unverified;
    }
};

struct LookupStats
{
    LookupReport report;
    QSet<QString> distinct;
    QSet<QString> ambiguousSeen;
    QSet<QString> unresolvedSeen;
    QHash<QString, qint64> deferredKeys; ///< "entity\x1fkey" -> rows, resolved at the end of the table
};

void note(LookupStats &s, KnownKeys::State state, const QString &key, qint64 rows, int samples)
{
    s.report.rows += rows;
    switch (state) {
    case KnownKeys::State::Resolved:
        s.report.resolved += rows;
        break;
    case KnownKeys::State::Ambiguous:
        s.report.ambiguous += rows;
        if (!s.ambiguousSeen.contains(key) && s.report.ambiguousSamples.size() < samples)
            s.report.ambiguousSamples.append(key);
        s.ambiguousSeen.insert(key);
        break;
    case KnownKeys::State::Unresolved:
        s.report.unresolved += rows;
        if (!s.unresolvedSeen.contains(key) && s.report.unresolvedSamples.size() < samples)
            s.report.unresolvedSamples.append(key);
        s.unresolvedSeen.insert(key);
        break;
    case KnownKeys::State::Unverified:
        s.report.unverified += rows;
        break;
    }
}

Status flushQuarantine(WorkspaceWriter *writer, qint64 runId, QList<QuarantineRow> &rows)
{
    if (!writer || rows.isEmpty())
        return {};
    QList<QuarantineRow> job;
    job.swap(rows);
    writer->submit([runId, job](WriteTransaction &tx) -> Status {
        for (const QuarantineRow &r : job) {
            if (auto s = tx.exec(
                    QStringLiteral("INSERT INTO quarantine (run_id, table_name, row_key, payload_json, "
                                   "error_code, message, severity, column_name, attempts) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'error', ?7, 0)"),
                    {runId, r.table, r.rowKey, r.payload, r.code, r.message,
                     r.column.isEmpty() ? QVariant() : QVariant(r.column)});
                !s)
                return s;
        }
        return {};
    });
    return {};
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return b <= 0 ? 0 : (a + b - 1) / b;
}

double costOf(qint64 records, int batch, int columns, bool plugin, const CostModel &m)
{
    if (records <= 0)
        return 0;
    const qint64 full = records / batch;
    const qint64 rest = records % batch;
    return double(full) * requestCostMs(batch, columns, plugin, m) +
           (rest ? requestCostMs(int(rest), columns, plugin, m) : 0.0);
}

} // namespace

Result<DryRunReport> runDryRun(const MappingSet &inputSet, const target::TargetModel &model,
                               const SourceOpener &open, const DryRunOptions &options,
                               const WorkspaceReader *fingerprints, WorkspaceWriter *writer,
                               const RowCallback &onRow)
{
    DryRunReport report;
    MappingSet set;
    for (const Mapping &m : inputSet.mappings)
        if (m.enabled && (options.only.isEmpty() || options.only.contains(m.name)))
            set.mappings.append(m);

    report.mappingIssues = validateMappingSet(set, model);
    const MappingOrder order = orderMappings(set);
    for (Mapping &m : set.mappings)
        for (FieldMap &f : m.fields)
            if (order.deferred.contains({m.name, f.target}))
                f.deferred = true;

    KnownKeys known;
    known.existing = &options.existingTargetKeys;
    for (const Mapping &m : set.mappings)
        known.knownEntities.insert(m.targetEntity);
    for (auto it = options.existingTargetKeys.cbegin(); it != options.existingTargetKeys.cend(); ++it)
        known.knownEntities.insert(it.key());
    QSet<QString> referenced; // entities some lookup points at: only their keys need keeping
    for (const Mapping &m : set.mappings)
        for (const FieldMap &f : m.fields)
            for (const QString &t : lookupTables(f))
                referenced.insert(t);

    const bool quarantine = writer && options.writeQuarantine;
    if (quarantine) {
        auto id = std::make_shared<qint64>(0);
        const QString started = nowUtc();
        Status s = writer->submitAndWait([id, started](WriteTransaction &tx) -> Status {
            auto r =
                tx.insert(QStringLiteral("INSERT INTO runs (kind, started_at, status) VALUES ('dry-run', ?1, "
                                         "'running')"),
                          {started});
            if (!r)
                return r.error();
            *id = *r;
            return {};
        });
        if (!s)
            return s.error();
        report.runId = *id;
    }

    QHash<QString, std::shared_ptr<SourceConnection>> connections;
    MapOptions mapOptions;
    mapOptions.systemUsers = options.systemUsers;
    QList<QuarantineRow> pending;

    for (int step = 0; step < order.mappings.size() && !report.cancelled; ++step) {
        const Mapping *mp = set.mapping(order.mappings.at(step));
        if (!mp)
            continue;
        Mapping m = *mp;
        TableDryRun table;
        table.mapping = m.name;
        table.sourceTable = m.source.table.isEmpty() ? QStringLiteral("(query)") : m.source.table;
        table.targetEntity = m.targetEntity;
        table.loadStep = step;

        std::shared_ptr<SourceConnection> connection = connections.value(m.source.source);
        if (!connection) {
            auto c = open(m.source.source);
            if (!c)
                return c.error();
            connection = std::shared_ptr<SourceConnection>(std::move(c.value()));
            connections.insert(m.source.source, connection);
        }
        if (m.source.keyColumns.isEmpty() && m.source.query.isEmpty()) {
            auto tables = connection->listTables();
            if (tables)
                for (const TableInfo &t : *tables)
                    if (t.name.compare(m.source.table, Qt::CaseInsensitive) == 0)
                        m.source.keyColumns = t.primaryKey;
        }
        ReadOptions readOptions;
        auto reader = openMappingReader(*connection, m.source, readOptions);
        if (!reader)
            return reader.error();
        auto compiled = RowMapper::compile(m, model, (*reader)->columns(), mapOptions);
        if (!compiled) {
            report.mappingIssues.append({m.name, QStringLiteral("/mappings/%1").arg(step), QString(),
                                         QStringLiteral("compile"), compiled.error().message,
                                         Severity::Error});
            report.tables.append(table);
            continue;
        }
        const RowMapper &mapper = **compiled;
        const bool plugin = options.pluginTables.contains(m.targetEntity) && !options.bypassPlugins;

        QHash<QString, Fingerprint> stored;
        if (fingerprints) {
            auto rows = fingerprints->query(
                QStringLiteral("SELECT row_key, fingerprint FROM row_fingerprints WHERE table_name = ?1"),
                {m.name});
            if (!rows)
                return rows.error();
            stored.reserve(rows->size());
            for (const SqlRow &r : *rows)
                stored.insert(r.value(0).toString(), Fingerprint::fromBytes(r.value(1).toByteArray()));
        }

        QMap<int, LookupStats> lookupStats; // by field index: reported in field order
        for (qsizetype fi = 0; fi < m.fields.size(); ++fi) {
            const QStringList targets = lookupTables(m.fields.at(fi));
            if (targets.isEmpty())
                continue;
            LookupStats &s = lookupStats[int(fi)];
            s.report.mapping = m.name;
            s.report.column = m.fields.at(fi).target;
            s.report.targets = targets;
        }

        QHash<QString, qint64> seenKeys; // key text -> first source row
        QHash<QString, int> producedHere;
        qint64 patchRows = 0;
        const bool keepProduced = referenced.contains(m.targetEntity);
        // Reading stays on this thread (a source connection belongs to the thread that opened it); mapping,
        // which is pure, runs on a pool thread one batch behind, so the two overlap. The bookkeeping after
        // mapping (duplicate keys, lookups, counts, quarantine) is in row order on this thread.
        auto processRow = [&](const QVector<Value> &row, qint64 rowNumber, MappedRow &mapped) {
            ++table.rows;
            if (!mapped.keyText.isEmpty()) {
                // one hash lookup per row: operator[] inserts 0 for a new key
                const qsizetype before = seenKeys.size();
                qint64 &first = seenKeys[mapped.keyText];
                if (seenKeys.size() == before)
                    mapped.addIssue(
                        {QString(), QStringLiteral("duplicate-key"),
                         QStringLiteral("source row %1 has the same key %2: both in one bulk request "
                                        "would fail it")
                             .arg(first)
                             .arg(mapped.keyText),
                         Severity::Error});
                else
                    first = rowNumber;
            }
            for (const LookupUse &use : std::as_const(mapped.lookups)) {
                LookupStats &s = lookupStats[use.field];
                if (use.deferred || use.targetEntity == m.targetEntity) {
                    ++s.deferredKeys[use.targetEntity + QChar(0x1f) + use.keyText];
                    continue;
                }
                const KnownKeys::State state = known.resolve(use.targetEntity, use.keyText);
                s.distinct.insert(use.keyText);
                note(s, state, use.keyText, 1, options.lookupSamples);
                if (state == KnownKeys::State::Unresolved)
                    mapped.addIssue(
                        {m.fields.at(use.field).target, QStringLiteral("lookup-unresolved"),
                         QStringLiteral("no %1 row has the key %2").arg(use.targetEntity, use.keyText),
                         Severity::Error});
                else if (state == KnownKeys::State::Ambiguous)
                    mapped.addIssue(
                        {m.fields.at(use.field).target, QStringLiteral("lookup-ambiguous"),
                         QStringLiteral("several %1 rows have the key %2").arg(use.targetEntity, use.keyText),
                         Severity::Warning});
            }

            for (const ValueIssue &issue : std::as_const(mapped.issues))
                ++table.issueCounts[issue.code];
            if (mapped.verdict == Verdict::Error) {
                ++table.errors;
                ++table.refused;
                if (quarantine) {
                    json source = json::object();
                    const QList<ColumnInfo> &cols = mapper.sourceColumns();
                    for (qsizetype c = 0; c < cols.size() && c < row.size(); ++c)
                        source[cols.at(c).name.toStdString()] = valueJson(row.at(c));
                    json payload =
                        json::parse(mapped.payload.constData(),
                                    mapped.payload.constData() + mapped.payload.size(), nullptr, false);
                    json q = {{"source", source}, {"payload", payload.is_discarded() ? json() : payload}};
                    const ValueIssue *first = nullptr;
                    for (const ValueIssue &v : std::as_const(mapped.issues))
                        if (v.severity == Severity::Error && !first)
                            first = &v;
                    pending.append(
                        {m.name,
                         mapped.rowKey.isEmpty() ? QStringLiteral("row:%1").arg(rowNumber) : mapped.rowKey,
                         QString::fromStdString(q.dump()), first ? first->code : QString(),
                         first ? first->message : QString(), first ? first->column : QString()});
                    if (pending.size() >= options.quarantineBatch)
                        flushQuarantine(writer, report.runId, pending);
                }
            } else {
                if (mapped.verdict == Verdict::Warning)
                    ++table.warnings;
                else
                    ++table.ok;
                auto f = stored.constFind(mapped.rowKey);
                if (f == stored.constEnd())
                    ++table.wouldInsert;
                else if (*f == mapped.fingerprint)
                    ++table.unchanged;
                else
                    ++table.wouldUpdate;
                if (!mapped.patch.isEmpty())
                    ++patchRows;
                if (keepProduced && !mapped.keyText.isEmpty())
                    ++producedHere[mapped.keyText];
            }
            if (mapped.verdict != Verdict::Ok) {
                RowOutcome outcome{m.name, rowNumber, mapped.rowKey, mapped.verdict, mapped.issues};
                if (table.samples.size() < options.rowSamples)
                    table.samples.append(outcome);
                if (onRow)
                    onRow(outcome);
            }
        };
        auto mapBatch = [&mapper](const RowBatch *in, std::vector<MappedRow> *out) {
            if (out->size() < size_t(in->rows.size()))
                out->resize(size_t(in->rows.size()));
            for (qsizetype i = 0; i < in->rows.size(); ++i)
                mapper.map(in->rows.at(i), (*out)[size_t(i)]);
        };
        RowBatch batches[2];
        std::vector<MappedRow> mappedRows[2];
        int cur = 0;
        bool more = true;
        auto readInto = [&](RowBatch &b) -> Status {
            b.clear();
            if (!more)
                return {};
            auto r = (*reader)->nextBatch(b, options.readBatch);
            if (!r)
                return r.error();
            more = *r;
            return {};
        };
        if (auto st = readInto(batches[cur]); !st)
            return st.error();
        QFuture<void> mapping = QtConcurrent::run(mapBatch, &batches[cur], &mappedRows[cur]);
        for (;;) {
            const int next = 1 - cur;
            const Status readStatus = readInto(batches[next]); // overlaps the mapping of `cur`
            mapping.waitForFinished();
            if (!readStatus)
                return readStatus.error();
            const bool cancelled = options.cancel && options.cancel->load();
            const bool haveNext = !batches[next].rows.isEmpty() && !cancelled;
            if (haveNext)
                mapping = QtConcurrent::run(mapBatch, &batches[next], &mappedRows[next]);
            const RowBatch &b = batches[cur];
            for (qsizetype i = 0; i < b.rows.size(); ++i)
                processRow(b.rows.at(i), b.rowNumbers.value(i, table.rows + 1), mappedRows[cur][size_t(i)]);
            if (cancelled) {
                report.cancelled = true;
                break;
            }
            if (!haveNext)
                break;
            cur = next;
        }

        // this table's rows now exist: its keys resolve the deferred and self lookups, and later tables'
        // lookups
        if (keepProduced) {
            QHash<QString, int> &p = known.produced[m.targetEntity];
            for (auto it = producedHere.cbegin(); it != producedHere.cend(); ++it)
                p[it.key()] += it.value();
        }
        for (auto it = lookupStats.begin(); it != lookupStats.end(); ++it) {
            LookupStats &s = it.value();
            QStringList keys = s.deferredKeys.keys();
            keys.sort(); // deterministic samples
            for (const QString &k : keys) {
                const QString entity = k.section(QChar(0x1f), 0, 0);
                const QString key = k.section(QChar(0x1f), 1);
                s.distinct.insert(key);
                note(s, known.resolve(entity, key), key, s.deferredKeys.value(k), options.lookupSamples);
            }
            s.report.distinctKeys = s.distinct.size();
            report.lookups.append(s.report);
        }

        const int batchSize = std::max(1, m.batchSize);
        table.requests = ceilDiv(table.wouldInsert + table.wouldUpdate, batchSize);
        table.patchRequests = ceilDiv(patchRows, batchSize);
        table.costMs = costOf(table.wouldInsert + table.wouldUpdate, batchSize, mapper.payloadColumns(),
                              plugin, options.cost) +
                       costOf(patchRows, batchSize, 1, plugin, options.cost);
        table.estimatedSeconds = estimateSeconds(table.costMs, table.requests + table.patchRequests,
                                                 options.applicationUsers, options.cost);
        report.totalRows += table.rows;
        report.totalRefused += table.refused;
        report.totalRequests += table.requests + table.patchRequests;
        report.tables.append(table);
    }

    double cost = 0;
    for (const TableDryRun &t : std::as_const(report.tables))
        cost += t.costMs;
    report.estimatedSeconds =
        estimateSeconds(cost, report.totalRequests, options.applicationUsers, options.cost);

    if (quarantine) {
        flushQuarantine(writer, report.runId, pending);
        const QString summary = QString::fromUtf8(report.toJson());
        const QString finished = nowUtc();
        const QString status = report.cancelled ? QStringLiteral("cancelled") : QStringLiteral("completed");
        const qint64 runId = report.runId;
        Status s = writer->submitAndWait([=](WriteTransaction &tx) {
            return tx.exec(QStringLiteral("UPDATE runs SET finished_at = ?2, status = ?3, summary_json = ?4 "
                                          "WHERE id = ?1"),
                           {runId, finished, status, summary});
        });
        if (!s)
            return s.error();
        for (const WorkspaceWriter::Failure &f : writer->takeFailures())
            return f.error;
    }
    return report;
}

} // namespace ferry::mapping
