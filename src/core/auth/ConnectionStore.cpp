#include <ferry/auth/ConnectionStore.h>

#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <map>
#include <memory>

namespace ferry::auth {

namespace {

const char *kTargetKinds = "kind IN ('dataverse', 'emulator')";

QString settingsJson(const ConnectionProfile &p)
{
    // Only non-secret settings go here; the workspace triggers refuse keys that look like secrets.
    QJsonObject o;
    if (!p.authorityUrl.isEmpty())
        o[QStringLiteral("authority")] = p.authorityUrl.toString();
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString text(const QVariant &v)
{
    return v.isValid() && !v.isNull() ? v.toString() : QString();
}

ConnectionProfile profileFromRow(const SqlRow &row)
{
    ConnectionProfile p;
    p.id = row.value(0).toLongLong();
    p.name = text(row.value(1));
    p.kind = text(row.value(2));
    p.environmentUrl = QUrl(text(row.value(3)));
    p.tenant = text(row.value(4));
    p.clientId = text(row.value(5));
    if (auto kind = signInKindFromName(text(row.value(6))); kind)
        p.signInKind = kind.value();
    const QJsonObject settings = QJsonDocument::fromJson(text(row.value(7)).toUtf8()).object();
    const QString authority = settings.value(QStringLiteral("authority")).toString();
    if (!authority.isEmpty())
        p.authorityUrl = QUrl(authority);
    return p;
}

const QString kSelectProfile = QStringLiteral("SELECT id, name, kind, environment_url, tenant, client_id, "
                                              "sign_in_kind, settings_json FROM connections ");

Status loadUsers(const WorkspaceReader &reader, QList<ConnectionProfile> &profiles)
{
    if (profiles.isEmpty())
        return {};
    std::map<qint64, ConnectionProfile *> byId;
    for (ConnectionProfile &p : profiles)
        byId[p.id] = &p;
    // One query for all profiles; a workspace holds a handful of connections.
    auto rows =
        reader.query(QStringLiteral("SELECT a.connection_id, a.name, a.client_id, a.enabled FROM app_users a "
                                    "JOIN connections c ON c.id = a.connection_id WHERE c.") +
                     QLatin1String(kTargetKinds) + QStringLiteral(" ORDER BY a.connection_id, a.id"));
    if (!rows)
        return rows.error();
    for (const SqlRow &r : rows.value()) {
        auto it = byId.find(r.value(0).toLongLong());
        if (it != byId.end())
            it->second->appUsers.append(
                AppUser{text(r.value(1)), text(r.value(2)), r.value(3).toLongLong() != 0});
    }
    return {};
}

} // namespace

Result<QList<ConnectionProfile>> ConnectionStore::list(const WorkspaceReader &reader)
{
    auto rows = reader.query(kSelectProfile + QStringLiteral("WHERE ") + QLatin1String(kTargetKinds) +
                             QStringLiteral(" ORDER BY name"));
    if (!rows)
        return rows.error();
    QList<ConnectionProfile> out;
    for (const SqlRow &r : rows.value())
        out.append(profileFromRow(r));
    if (auto s = loadUsers(reader, out); !s)
        return s.error();
    return out;
}

Result<ConnectionProfile> ConnectionStore::find(const WorkspaceReader &reader, const QString &name)
{
    auto rows = reader.query(
        kSelectProfile + QStringLiteral("WHERE name = ?1 AND ") + QLatin1String(kTargetKinds), {name});
    if (!rows)
        return rows.error();
    if (rows.value().isEmpty())
        return Error::make(
            QStringLiteral("connection.not-found"),
            QStringLiteral("There is no target connection named '%1' in this workspace.").arg(name));
    QList<ConnectionProfile> one{profileFromRow(rows.value().first())};
    if (auto s = loadUsers(reader, one); !s)
        return s.error();
    return one.first();
}

Result<qint64> ConnectionStore::save(WorkspaceWriter &writer, const ConnectionProfile &profile)
{
    if (auto s = profile.validate(); !s)
        return s.error();
    const ConnectionProfile p = profile; // the job runs on the writer thread, maybe twice
    auto savedId = std::make_shared<qint64>(0);
    const Status status = writer.submitAndWait([p, savedId](WriteTransaction &tx) -> Status {
        auto taken = tx.query(QStringLiteral("SELECT id, kind FROM connections WHERE name = ?1"), {p.name});
        if (!taken)
            return taken.error();
        const qint64 takenBy = taken.value().isEmpty() ? 0 : taken.value().first().value(0).toLongLong();
        if (takenBy != 0 && takenBy != p.id)
            return Error::make(
                QStringLiteral("connection.exists"),
                QStringLiteral("A connection named '%1' already exists in this workspace: choose "
                               "another name or edit that one.")
                    .arg(p.name));
        const QVariantList values{p.name,
                                  p.kind,
                                  p.environmentUrl.toString(),
                                  p.tenant.trimmed(),
                                  p.clientId.trimmed(),
                                  signInKindName(p.signInKind),
                                  settingsJson(p)};
        qint64 id = p.id;
        if (id == 0) {
            auto inserted =
                tx.insert(QStringLiteral("INSERT INTO connections (name, kind, environment_url, tenant, "
                                         "client_id, sign_in_kind, settings_json) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
                          values);
            if (!inserted)
                return inserted.error();
            id = inserted.value();
        } else {
            QVariantList binds = values;
            binds.append(id);
            if (auto s = tx.exec(
                    QStringLiteral("UPDATE connections SET name = ?1, kind = ?2, environment_url = ?3, "
                                   "tenant = ?4, client_id = ?5, sign_in_kind = ?6, settings_json = ?7, "
                                   "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                                   "WHERE id = ?8 AND ") +
                        QLatin1String(kTargetKinds),
                    binds);
                !s)
                return s;
            if (tx.changes() == 0)
                return Error::make(
                    QStringLiteral("connection.not-found"),
                    QStringLiteral("Cannot update connection '%1': there is no target connection "
                                   "with id %2 in this workspace.")
                        .arg(p.name)
                        .arg(id));
            if (auto s = tx.exec(QStringLiteral("DELETE FROM app_users WHERE connection_id = ?1"), {id}); !s)
                return s;
        }
        for (const AppUser &u : p.appUsers) {
            if (auto s =
                    tx.exec(QStringLiteral("INSERT INTO app_users (connection_id, name, client_id, enabled) "
                                           "VALUES (?1, ?2, ?3, ?4)"),
                            {id, u.name, u.clientId.trimmed(), u.enabled ? 1 : 0});
                !s)
                return s;
        }
        *savedId = id;
        return {};
    });
    if (!status)
        return status.error();
    return *savedId;
}

Status ConnectionStore::remove(WorkspaceWriter &writer, const QString &name)
{
    return writer.submitAndWait([name](WriteTransaction &tx) -> Status {
        auto rows = tx.query(QStringLiteral("SELECT id FROM connections WHERE name = ?1 AND ") +
                                 QLatin1String(kTargetKinds),
                             {name});
        if (!rows)
            return rows.error();
        if (rows.value().isEmpty())
            return Error::make(
                QStringLiteral("connection.not-found"),
                QStringLiteral("There is no target connection named '%1' in this workspace.").arg(name));
        const qint64 id = rows.value().first().value(0).toLongLong();
        // The foreign keys cascade (the writer runs with foreign_keys on); the explicit deletes keep the
        // cached metadata from outliving its connection even in a file opened without them.
        if (auto s = tx.exec(QStringLiteral("DELETE FROM target_entities WHERE connection_id = ?1"), {id});
            !s)
            return s;
        if (auto s = tx.exec(QStringLiteral("DELETE FROM app_users WHERE connection_id = ?1"), {id}); !s)
            return s;
        return tx.exec(QStringLiteral("DELETE FROM connections WHERE id = ?1"), {id});
    });
}

} // namespace ferry::auth
