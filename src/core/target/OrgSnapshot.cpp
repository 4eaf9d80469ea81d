// writeOrgSnapshot: an org file ferry-emulator loads, so a real org can be rehearsed locally.
#include <ferry/target/Metadata.h>

#include "target/MetadataInternal.h"

#include <QSaveFile>
#include <QUuid>

namespace ferry::target {

using nlohmann::json;

Status writeOrgSnapshot(const json &orgJson, const auth::ConnectionProfile &profile, const QString &path)
{
    auto ioError = [&](const QString &why) {
        return Error::make(QStringLiteral("snapshot.io"),
                           QStringLiteral("Cannot write the org snapshot '%1': %2").arg(path, why));
    };
    if (!orgJson.is_object() || !orgJson.contains("value") || !orgJson["value"].is_array())
        return Error::make(QStringLiteral("metadata.invalid"),
                           QStringLiteral("Cannot write the org snapshot '%1': the metadata has no \"value\" "
                                          "array of EntityDefinitions.")
                               .arg(path));

    // What a real EntityDefinitions answer holds plus the documented additions; nothing of Ferry's own.
    json doc = json::object();
    for (const char *k : {"@odata.context", "value", "RelationshipDefinitions", "GlobalOptionSetDefinitions"})
        if (orgJson.contains(k))
            doc[k] = orgJson[k];

    json emulator = json::object();
    // Rehearsal secrets only: the client ids are the profile's, so the same profile signs in to the emulator,
    // but every secret is generated here. A real secret never goes into a snapshot.
    emulator["note"] =
        "Written by Ferry. The appUsers' clientSecret values are generated rehearsal secrets "
        "(rehearsal-<n>), never the real ones; supply them through FERRY_SECRET_<CLIENT_ID> or a "
        "secrets file when rehearsing against ferry-emulator.";
    const json source = orgJson.value(detail::kEmulatorKey, json::object());
    if (source.is_object() && source.contains("organization") && source["organization"].is_object()) {
        json org = json::object();
        for (const char *k : {"id", "name", "uniqueName", "businessUnitId"})
            if (source["organization"].contains(k))
                org[k] = source["organization"][k];
        emulator["organization"] = std::move(org);
    }
    json appUsers = json::array();
    const QList<auth::AppUser> users = profile.effectiveUsers();
    for (qsizetype i = 0; i < users.size(); ++i) {
        const auth::AppUser &u = users[i];
        // A stable systemuserid per client id, so repeated snapshots of one profile agree.
        const QString userId =
            QUuid::createUuidV5(QUuid(QStringLiteral("{6ba7b811-9dad-11d1-80b4-00c04fd430c8}")),
                                QStringLiteral("ferry-app-user:") + u.clientId.toLower())
                .toString(QUuid::WithoutBraces);
        appUsers.push_back({{"tenant", profile.tenant.toStdString()},
                            {"clientId", u.clientId.toStdString()},
                            {"clientSecret", QStringLiteral("rehearsal-%1").arg(i + 1).toStdString()},
                            {"userId", userId.toStdString()},
                            {"name", (u.name.isEmpty() ? u.clientId : u.name).toStdString()}});
    }
    emulator["appUsers"] = std::move(appUsers);
    emulator["systemUsers"] = json::array();
    doc[detail::kEmulatorKey] = std::move(emulator);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(file.errorString());
    const std::string text = doc.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
    if (file.write(text.data(), qint64(text.size())) != qint64(text.size()))
        return ioError(file.errorString());
    if (!file.commit())
        return ioError(file.errorString());
    return {};
}

} // namespace ferry::target
