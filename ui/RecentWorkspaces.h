#pragma once
// GUI thread: reads and writes the recent-workspaces list in AppSettings.

#include <QStringList>

namespace ferry::ui {

/// The most-recently-used workspace files, most recent first, stored in QSettings.
class RecentWorkspaces
{
public:
    static constexpr int kMaxEntries = 10;

    /// The stored list (absolute paths, most recent first, at most kMaxEntries).
    static QStringList load();
    /// Moves (or inserts) `path` to the front and trims the list.
    static void add(const QString &path);
    static void remove(const QString &path);
    static void clear();

    /// The form paths are stored in, so the same file opened by two spellings is listed once.
    static QString normalized(const QString &path);

private:
    static void save(const QStringList &paths);
};

} // namespace ferry::ui
