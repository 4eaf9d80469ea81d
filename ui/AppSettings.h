#pragma once
// GUI thread (QSettings is reentrant; each user makes its own instance on the stack).

#include <QSettings>
#include <QString>

namespace ferry::ui {

/// The user settings of the GUI, always under organization "Ferry", application "Ferry", whatever the
/// QCoreApplication names are, so tests and the real application read the same keys.
class AppSettings : public QSettings
{
public:
    AppSettings() : QSettings(QSettings::UserScope, QStringLiteral("Ferry"), QStringLiteral("Ferry")) {}

    // Keys live here so a rename cannot miss one of their readers.
    static QString geometryKey() { return QStringLiteral("mainWindow/geometry"); }
    static QString windowStateKey() { return QStringLiteral("mainWindow/state"); }
    static QString lastPageKey() { return QStringLiteral("mainWindow/lastPage"); }
    static QString recentWorkspacesKey() { return QStringLiteral("workspaces/recent"); }
    static QString reopenLastWorkspaceKey() { return QStringLiteral("workspaces/reopenLastAtStartup"); }
};

} // namespace ferry::ui
