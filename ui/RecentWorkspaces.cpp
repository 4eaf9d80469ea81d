#include "RecentWorkspaces.h"

#include "AppSettings.h"

#include <QDir>
#include <QFileInfo>

namespace ferry::ui {

QStringList RecentWorkspaces::load()
{
    AppSettings settings;
    QStringList paths = settings.value(AppSettings::recentWorkspacesKey()).toStringList();
    paths.removeAll(QString());
    paths.removeDuplicates();
    if (paths.size() > kMaxEntries)
        paths.resize(kMaxEntries);
    return paths;
}

void RecentWorkspaces::add(const QString &path)
{
    const QString entry = normalized(path);
    QStringList paths = load();
    paths.removeAll(entry);
    paths.prepend(entry);
    save(paths);
}

void RecentWorkspaces::remove(const QString &path)
{
    QStringList paths = load();
    paths.removeAll(normalized(path));
    save(paths);
}

void RecentWorkspaces::clear()
{
    save({});
}

QString RecentWorkspaces::normalized(const QString &path)
{
    const QFileInfo info(path);
    // A vanished file has no canonical path; keep its absolute one so it can still be listed (disabled).
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

void RecentWorkspaces::save(const QStringList &paths)
{
    QStringList trimmed = paths;
    if (trimmed.size() > kMaxEntries)
        trimmed.resize(kMaxEntries);
    AppSettings settings;
    settings.setValue(AppSettings::recentWorkspacesKey(), trimmed);
}

} // namespace ferry::ui
