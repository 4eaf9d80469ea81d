#include "SignInSessions.h"

#include <QHash>

namespace ferry::ui {

namespace {

QHash<QString, std::shared_ptr<ferry::auth::TokenProvider>> &sessions()
{
    static QHash<QString, std::shared_ptr<ferry::auth::TokenProvider>> map;
    return map;
}

} // namespace

QString SignInSessions::key(const QString &workspacePath, const QString &connectionName)
{
    return workspacePath + QLatin1Char('\n') + connectionName;
}

void SignInSessions::set(const QString &key, std::shared_ptr<ferry::auth::TokenProvider> provider)
{
    sessions().insert(key, std::move(provider));
}

std::shared_ptr<ferry::auth::TokenProvider> SignInSessions::provider(const QString &key)
{
    return sessions().value(key);
}

void SignInSessions::remove(const QString &key)
{
    sessions().remove(key);
}

} // namespace ferry::ui
