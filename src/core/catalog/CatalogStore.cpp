#include <ferry/catalog/CatalogStore.h>

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ferry {

namespace {

QString toJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject fromJson(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

QString profileToJson(const ColumnProfile &p)
{
    QJsonObject o;
    o[QStringLiteral("rows")] = double(p.rows);
    o[QStringLiteral("nulls")] = double(p.nulls);
    o[QStringLiteral("distinct")] = double(p.distinct);
    o[QStringLiteral("distinctExact")] = p.distinctExact;
    o[QStringLiteral("min")] = p.min;
    o[QStringLiteral("max")] = p.max;
    o[QStringLiteral("longestText")] = p.longestText;
    QJsonArray top;
    for (const TopValue &t : p.topValues)
        top.append(QJsonArray{t.value, double(t.count)});
    o[QStringLiteral("topValues")] = top;
    o[QStringLiteral("inferredType")] = valueTypeName(p.inferredType);
    o[QStringLiteral("inferredShare")] = p.inferredShare;
    return toJson(o);
}

ColumnProfile profileFromJson(const QJsonObject &o)
{
    ColumnProfile p;
    p.rows = qint64(o.value(QStringLiteral("rows")).toDouble());
    p.nulls = qint64(o.value(QStringLiteral("nulls")).toDouble());
    p.distinct = qint64(o.value(QStringLiteral("distinct")).toDouble());
    p.distinctExact = o.value(QStringLiteral("distinctExact")).toBool(true);
    p.min = o.value(QStringLiteral("min")).toString();
    p.max = o.value(QStringLiteral("max")).toString();
    p.longestText = o.value(QStringLiteral("longestText")).toInt(-1);
    for (const QJsonValue &t : o.value(QStringLiteral("topValues")).toArray()) {
        const QJsonArray pair = t.toArray();
        p.topValues.append(TopValue{pair.at(0).toString(), qint64(pair.at(1).toDouble())});
    }
    p.inferredType = valueTypeFromName(o.value(QStringLiteral("inferredType")).toString());
    p.inferredShare = o.value(QStringLiteral("inferredShare")).toDouble();
    return p;
}

QVariant optionalInt(qint64 v)
{
    return v < 0 ? QVariant() : QVariant(v);
}

qint64 intOr(const QVariant &v, qint64 fallback)
{
    return v.isValid() && !v.isNull() ? v.toLongLong() : fallback;
}

} // namespace

Status CatalogStore::save(WorkspaceWriter &writer, const Catalog &catalog, std::chrono::milliseconds timeout)
{
    if (catalog.sourceName.isEmpty())
        return Error::make(QStringLiteral("catalog.invalid"),
                           QStringLiteral("Cannot save a catalog without a source name."));
    const Catalog c = catalog; // the job runs on the writer thread and may run twice
    return writer.submitAndWait(
        [c](WriteTransaction &tx) -> Status {
            // The previous catalog of this source goes as a whole (ON DELETE CASCADE).
            if (auto s =
                    tx.exec(QStringLiteral("DELETE FROM catalog_sources WHERE name = ?1"), {c.sourceName});
                !s)
                return s;
            auto source = tx.insert(
                QStringLiteral("INSERT INTO catalog_sources (name, kind, location, uri, discovered_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)"),
                {c.sourceName, sourceKindScheme(c.kind), c.sourceUri, c.sourceUri,
                 c.discoveredAt.isEmpty() ? QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)
                                          : c.discoveredAt});
            if (!source)
                return source.error();
            QHash<QString, qint64> tableIds;
            for (qsizetype ti = 0; ti < c.tables.size(); ++ti) {
                const CatalogTable &t = c.tables[ti];
                QJsonObject props;
                for (auto it = t.properties.cbegin(); it != t.properties.cend(); ++it)
                    props[it.key()] = it.value();
                auto id = tx.insert(
                    QStringLiteral("INSERT INTO catalog_tables (source_id, name, row_count, ordinal, kind, "
                                   "row_count_exact, error_code, error_message, properties_json) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
                    {*source, t.name, optionalInt(t.rowCount), int(ti), tableKindName(t.kind),
                     t.rowCountExact ? 1 : 0, t.errorCode.isEmpty() ? QVariant() : QVariant(t.errorCode),
                     t.errorMessage.isEmpty() ? QVariant() : QVariant(t.errorMessage), toJson(props)});
                if (!id)
                    return id.error();
                tableIds.insert(t.name.toLower(), *id);
                for (qsizetype ci = 0; ci < t.columns.size(); ++ci) {
                    const CatalogColumn &col = t.columns[ci];
                    const ColumnInfo &info = col.info;
                    if (auto s = tx.exec(
                            QStringLiteral(
                                "INSERT INTO catalog_columns (table_id, ordinal, name, type_name, nullable, "
                                "max_length, precision, scale, profile_json, normalized_type, inferred, "
                                "default_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
                            {*id, int(ci), info.name, info.declaredType, info.nullable ? 1 : 0,
                             optionalInt(info.length), optionalInt(info.precision), optionalInt(info.scale),
                             col.profile ? QVariant(profileToJson(*col.profile)) : QVariant(),
                             valueTypeName(info.type), info.inferred ? 1 : 0,
                             col.defaultValue.isNull() ? QVariant() : QVariant(col.defaultValue)});
                        !s)
                        return s;
                }
                auto addKey = [&](const QString &name, const QString &kind,
                                  const QStringList &columns) -> Status {
                    auto key = tx.insert(
                        QStringLiteral("INSERT INTO catalog_keys (table_id, name, kind) VALUES (?1, ?2, ?3)"),
                        {*id, name, kind});
                    if (!key)
                        return key.error();
                    for (qsizetype k = 0; k < columns.size(); ++k)
                        if (auto s =
                                tx.exec(QStringLiteral("INSERT INTO catalog_key_columns (key_id, ordinal, "
                                                       "column_name) VALUES (?1, ?2, ?3)"),
                                        {*key, int(k), columns[k]});
                            !s)
                            return s;
                    return {};
                };
                if (!t.primaryKey.isEmpty())
                    if (auto s = addKey(QString(), QStringLiteral("primary"), t.primaryKey); !s)
                        return s;
                for (const KeyInfo &k : t.uniqueKeys)
                    if (auto s = addKey(k.name, QStringLiteral("unique"), k.columns); !s)
                        return s;
            }
            for (const CatalogTable &t : c.tables) {
                for (const ForeignKeyInfo &fk : t.foreignKeys) {
                    const auto ref = tableIds.constFind(fk.referencedTable.toLower());
                    auto id = tx.insert(
                        QStringLiteral(
                            "INSERT INTO catalog_foreign_keys (table_id, name, referenced_table_id, "
                            "referenced_table) VALUES (?1, ?2, ?3, ?4)"),
                        {tableIds.value(t.name.toLower()), fk.name,
                         ref == tableIds.constEnd() ? QVariant() : QVariant(*ref), fk.referencedTable});
                    if (!id)
                        return id.error();
                    for (qsizetype k = 0; k < fk.columns.size(); ++k)
                        if (auto s = tx.exec(
                                QStringLiteral("INSERT INTO catalog_foreign_key_columns (foreign_key_id, "
                                               "ordinal, column_name, referenced_column) "
                                               "VALUES (?1, ?2, ?3, ?4)"),
                                {*id, int(k), fk.columns[k], fk.referencedColumns.value(k)});
                            !s)
                            return s;
                }
            }
            return {};
        },
        timeout);
}

Result<Catalog> CatalogStore::load(const WorkspaceReader &reader, const QString &sourceName)
{
    auto source = reader.query(QStringLiteral("SELECT id, kind, coalesce(uri, location, ''), discovered_at "
                                              "FROM catalog_sources WHERE name = ?1"),
                               {sourceName});
    if (!source)
        return source.error();
    if (source->isEmpty())
        return Error::make(QStringLiteral("catalog.not-found"),
                           QStringLiteral("The workspace \"%1\" holds no catalog of the source \"%2\".")
                               .arg(reader.path(), sourceName));
    const SqlRow &s = source->first();
    Catalog c;
    c.sourceName = sourceName;
    c.sourceUri = s.value(2).toString();
    c.discoveredAt = s.value(3).toString();
    if (auto uri = SourceUri::parse(c.sourceUri))
        c.kind = uri->kind;
    auto tables =
        reader.query(QStringLiteral("SELECT id, name, row_count, kind, row_count_exact, error_code, "
                                    "error_message, properties_json FROM catalog_tables WHERE source_id = ?1 "
                                    "ORDER BY ordinal, id"),
                     {s.value(0)});
    if (!tables)
        return tables.error();
    for (const SqlRow &row : *tables) {
        CatalogTable t;
        const QVariant id = row.value(0);
        t.name = row.value(1).toString();
        t.rowCount = intOr(row.value(2), -1);
        t.kind = tableKindFromName(row.value(3).toString());
        t.rowCountExact = row.value(4).toInt() != 0;
        t.errorCode = row.value(5).toString();
        t.errorMessage = row.value(6).toString();
        const QJsonObject props = fromJson(row.value(7));
        for (auto it = props.constBegin(); it != props.constEnd(); ++it)
            t.properties.insert(it.key(), it.value().toString());
        auto columns =
            reader.query(QStringLiteral("SELECT name, type_name, nullable, max_length, precision, scale, "
                                        "profile_json, normalized_type, inferred, default_value "
                                        "FROM catalog_columns WHERE table_id = ?1 ORDER BY ordinal"),
                         {id});
        if (!columns)
            return columns.error();
        for (const SqlRow &cr : *columns) {
            CatalogColumn col;
            col.info.name = cr.value(0).toString();
            col.info.declaredType = cr.value(1).toString();
            col.info.nullable = cr.value(2).toInt() != 0;
            col.info.length = int(intOr(cr.value(3), -1));
            col.info.precision = int(intOr(cr.value(4), -1));
            col.info.scale = int(intOr(cr.value(5), -1));
            if (cr.value(6).isValid() && !cr.value(6).isNull())
                col.profile = profileFromJson(fromJson(cr.value(6)));
            col.info.type = valueTypeFromName(cr.value(7).toString());
            col.info.inferred = cr.value(8).toInt() != 0;
            col.defaultValue = cr.value(9).toString();
            t.columns.append(col);
        }
        auto keys = reader.query(
            QStringLiteral("SELECT k.id, k.name, k.kind, kc.column_name FROM catalog_keys k "
                           "JOIN catalog_key_columns kc ON kc.key_id = k.id WHERE k.table_id = ?1 "
                           "ORDER BY k.id, kc.ordinal"),
            {id});
        if (!keys)
            return keys.error();
        qint64 lastKey = -1;
        for (const SqlRow &kr : *keys) {
            if (kr.value(2).toString() == QLatin1String("primary")) {
                t.primaryKey.append(kr.value(3).toString());
                continue;
            }
            if (kr.value(0).toLongLong() != lastKey) {
                lastKey = kr.value(0).toLongLong();
                t.uniqueKeys.append(KeyInfo{kr.value(1).toString(), {}});
            }
            t.uniqueKeys.last().columns.append(kr.value(3).toString());
        }
        auto fks =
            reader.query(QStringLiteral("SELECT f.id, f.name, f.referenced_table, c.column_name, "
                                        "c.referenced_column FROM catalog_foreign_keys f "
                                        "JOIN catalog_foreign_key_columns c ON c.foreign_key_id = f.id "
                                        "WHERE f.table_id = ?1 ORDER BY f.id, c.ordinal"),
                         {id});
        if (!fks)
            return fks.error();
        qint64 lastFk = -1;
        for (const SqlRow &fr : *fks) {
            if (fr.value(0).toLongLong() != lastFk) {
                lastFk = fr.value(0).toLongLong();
                ForeignKeyInfo fk;
                fk.name = fr.value(1).toString();
                fk.referencedTable = fr.value(2).toString();
                t.foreignKeys.append(fk);
            }
            t.foreignKeys.last().columns.append(fr.value(3).toString());
            t.foreignKeys.last().referencedColumns.append(fr.value(4).toString());
        }
        c.tables.append(t);
    }
    return c;
}

Result<QStringList> CatalogStore::sources(const WorkspaceReader &reader)
{
    auto rows = reader.query(QStringLiteral("SELECT name FROM catalog_sources ORDER BY name"));
    if (!rows)
        return rows.error();
    QStringList names;
    for (const SqlRow &r : *rows)
        names.append(r.value(0).toString());
    return names;
}

} // namespace ferry
