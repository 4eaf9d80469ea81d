#pragma once
// GUI thread.

#include <ferry/auth/ConnectionProfile.h>

#include <QAbstractTableModel>

namespace ferry::ui {

/// The editable application users of the connection shown in the Connections dialog: name, client id and
/// an Enabled check box. Secrets are not part of it: they go straight to the keyring.
class AppUserModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        ClientIdColumn,
        EnabledColumn,
        ColumnCount,
    };

    explicit AppUserModel(QObject *parent = nullptr);

    void setUsers(const QList<ferry::auth::AppUser> &users);
    /// The users as edited, names and client ids trimmed.
    QList<ferry::auth::AppUser> users() const;
    /// Appends a user (enabled, named "Application user N") and returns its row.
    int addUser();
    void removeUser(int row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ferry::auth::AppUser> m_users;
};

} // namespace ferry::ui
