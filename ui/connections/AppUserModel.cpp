#include "AppUserModel.h"

namespace ferry::ui {

using ferry::auth::AppUser;

AppUserModel::AppUserModel(QObject *parent) : QAbstractTableModel(parent) {}

void AppUserModel::setUsers(const QList<AppUser> &users)
{
    beginResetModel();
    m_users = users;
    endResetModel();
}

QList<AppUser> AppUserModel::users() const
{
    QList<AppUser> users = m_users;
    for (AppUser &u : users) {
        u.name = u.name.trimmed();
        u.clientId = u.clientId.trimmed();
    }
    return users;
}

int AppUserModel::addUser()
{
    const int row = int(m_users.size());
    beginInsertRows({}, row, row);
    AppUser user;
    user.name = tr("Application user %1").arg(row + 1);
    m_users.append(user);
    endInsertRows();
    return row;
}

void AppUserModel::removeUser(int row)
{
    if (row < 0 || row >= m_users.size())
        return;
    beginRemoveRows({}, row, row);
    m_users.removeAt(row);
    endRemoveRows();
}

int AppUserModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

int AppUserModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AppUserModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AppUser &u = m_users.at(index.row());
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return u.name;
        break;
    case ClientIdColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return u.clientId;
        if (role == Qt::ToolTipRole)
            return tr("The application (client) id of the app registration");
        break;
    case EnabledColumn:
        if (role == Qt::CheckStateRole)
            return u.enabled ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return tr("Requests are spread over the enabled users");
        break;
    default:
        break;
    }
    return {};
}

bool AppUserModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    AppUser &u = m_users[index.row()];
    if (index.column() == EnabledColumn && role == Qt::CheckStateRole) {
        u.enabled = value.value<Qt::CheckState>() == Qt::Checked;
    } else if (index.column() == NameColumn && role == Qt::EditRole) {
        u.name = value.toString();
    } else if (index.column() == ClientIdColumn && role == Qt::EditRole) {
        u.clientId = value.toString().trimmed();
    } else {
        return false;
    }
    emit dataChanged(index, index, {role, Qt::DisplayRole});
    return true;
}

Qt::ItemFlags AppUserModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (index.column() == EnabledColumn)
        return f | Qt::ItemIsUserCheckable;
    return f | Qt::ItemIsEditable;
}

QVariant AppUserModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ClientIdColumn:
        return tr("Client id");
    case EnabledColumn:
        return tr("Enabled");
    default:
        return {};
    }
}

} // namespace ferry::ui
