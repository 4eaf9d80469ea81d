#pragma once
// GUI thread. Sign-in, WhoAmI and keyring calls run on the dialog's own pool threads and report back queued.

#include "ConnectionCheck.h"

#include <ferry/auth/ConnectionProfile.h>
#include <ferry/auth/SecretStore.h>
#include <ferry/auth/TokenProvider.h>

#include <QDialog>
#include <QThreadPool>

#include <atomic>
#include <memory>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace ferry {
class Workspace;
}

namespace ferry::ui {

class AppUserModel;

/// The Connections dialog: the target connection profiles of the open workspace (Dataverse environments
/// or the local emulator) with add, edit, remove, the application users of each, their secrets (to the
/// desktop keyring only), and "Test Connection" / "Sign In", which signs in on a worker thread and shows
/// what WhoAmI says and the limits the server reported.
class ConnectionsDialog : public QDialog
{
    Q_OBJECT

public:
    /// `workspace` must stay open while the dialog exists (the dialog is window-modal).
    explicit ConnectionsDialog(ferry::Workspace *workspace, QWidget *parent = nullptr);
    /// Cancels a running test and waits for the workers.
    ~ConnectionsDialog() override;

    /// Where secrets are looked up for tests (default: environment, secrets file, keyring).
    void setSecretOptions(const ferry::auth::SecretStore::Options &options) { m_secretOptions = options; }

    /// The saved profiles, by name.
    QList<ferry::auth::ConnectionProfile> profiles() const { return m_profiles; }
    /// Shows a saved profile in the form; false when there is none of that name.
    bool selectConnection(const QString &name);
    /// Clears the form for a new profile.
    void newConnection();
    /// The form as a profile (id of the profile being edited, 0 for a new one).
    ferry::auth::ConnectionProfile formProfile() const;
    /// Fills the form (used by the list and by tests).
    void setFormProfile(const ferry::auth::ConnectionProfile &profile);

    /// Validates and saves the form; on failure the error is shown inline and nothing is stored.
    bool save();
    /// Removes the selected profile after confirmRemoval().
    bool removeCurrent();

    /// Starts "Test Connection" (client credentials) or "Sign In" (device code) for the form's profile.
    bool testConnection();
    void cancelTest();
    bool isTesting() const { return m_testing; }

    /// Stores `secret` for the app user in `row` in the desktop keyring, on a worker.
    bool storeSecret(int row, const QString &secret);

    QString formError() const;
    /// The WhoAmI results or the error of the last test, as plain text.
    QString resultText() const;
    /// The device code the person must enter, and where (empty while there is none).
    QString userCode() const;
    QString verificationUrl() const;

    AppUserModel *userModel() const { return m_users; }

signals:
    void testFinished(bool ok);
    void secretStored(bool ok, const QString &message);
    void devicePromptShown();
    /// A profile was saved or removed.
    void connectionsChanged();

public slots:
    void reject() override;

protected:
    /// Asks before a profile is removed; a seam for tests (the question box blocks).
    virtual bool confirmRemoval(const QString &name);

private:
    void buildUi();
    void reloadProfiles(const QString &select = {});
    void onCurrentRowChanged(int row);
    void updateForKind();
    void updateActions();
    void showFormError(const QString &message);
    void clearFormError();
    void showDevicePrompt(quint64 generation, const ferry::auth::DeviceCodePrompt &prompt);
    void finishTest(quint64 generation, const ConnectionCheck::Outcome &outcome, const QString &sessionKey);

    ferry::Workspace *m_workspace = nullptr;
    ferry::auth::SecretStore::Options m_secretOptions;
    QList<ferry::auth::ConnectionProfile> m_profiles;
    qint64 m_editingId = 0;

    QThreadPool m_pool;
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    bool m_testing = false;

    QListWidget *m_list = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_tenant = nullptr;
    QComboBox *m_signIn = nullptr;
    QLabel *m_clientIdLabel = nullptr;
    QLineEdit *m_clientId = nullptr;
    QGroupBox *m_usersBox = nullptr;
    AppUserModel *m_users = nullptr;
    QTableView *m_usersView = nullptr;
    QPushButton *m_addUserButton = nullptr;
    QPushButton *m_removeUserButton = nullptr;
    QLineEdit *m_secret = nullptr;
    QPushButton *m_storeSecretButton = nullptr;
    QLabel *m_secretStatus = nullptr;
    QLabel *m_formError = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_testButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_busyLabel = nullptr;
    QWidget *m_deviceBox = nullptr;
    QLabel *m_deviceLink = nullptr;
    QLineEdit *m_userCode = nullptr;
    QPushButton *m_copyCodeButton = nullptr;
    QTextBrowser *m_results = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ferry::ui
