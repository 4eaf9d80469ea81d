#include "ConnectionsDialog.h"

#include "AppUserModel.h"
#include "SignInSessions.h"

#include <ferry/auth/ConnectionStore.h>
#include <ferry/workspace/Workspace.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace ferry::ui {

using ferry::auth::AppUser;
using ferry::auth::ConnectionProfile;
using ferry::auth::ConnectionStore;
using ferry::auth::SignInKind;

namespace {

constexpr int kKindDataverse = 0;
constexpr int kKindEmulator = 1;
constexpr int kSignInClientCredentials = 0;
constexpr int kSignInDeviceCode = 1;

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style=\"padding-right:12px; color:#555;\">%1</td><td>%2</td></tr>")
        .arg(esc(label), esc(value));
}

QString whoAmIHtml(const ConnectionCheck::UserOutcome &u)
{
    QString html = QStringLiteral("<p style=\"margin-top:4px; margin-bottom:2px;\"><b>%1</b> <span "
                                  "style=\"color:#555;\">%2</span></p>")
                       .arg(esc(u.user.name.isEmpty() ? u.user.clientId : u.user.name), esc(u.user.clientId));
    if (!u.error.code.isEmpty()) {
        html += QStringLiteral("<p style=\"color:#c0392b; margin-top:0;\">%1</p>")
                    .arg(esc(ConnectionsDialog::tr("Failed: %1").arg(u.error.message)));
        return html;
    }
    const ferry::target::WhoAmI &w = *u.whoAmI;
    const QString none = ConnectionsDialog::tr("not reported");
    html += QStringLiteral("<table>");
    html += row(ConnectionsDialog::tr("Signed in as"), w.userName.isEmpty() ? w.userId : w.userName);
    html += row(ConnectionsDialog::tr("User id"), w.userId);
    html += row(ConnectionsDialog::tr("Organization"), w.organizationId);
    html += row(ConnectionsDialog::tr("Business unit"), w.businessUnitId);
    html += row(ConnectionsDialog::tr("Recommended parallel requests (x-ms-dop-hint)"),
                w.dopHint ? QString::number(*w.dopHint) : none);
    html += row(ConnectionsDialog::tr("Requests left in the 5-minute window"),
                w.burstRequestsRemaining ? QLocale().toString(*w.burstRequestsRemaining) : none);
    html += row(ConnectionsDialog::tr("Execution time left in the window"),
                w.timeRemainingSeconds
                    ? ConnectionsDialog::tr("%1 s").arg(QLocale().toString(*w.timeRemainingSeconds, 'f', 1))
                    : none);
    html += QStringLiteral("</table>");
    return html;
}

} // namespace

ConnectionsDialog::ConnectionsDialog(ferry::Workspace *workspace, QWidget *parent)
    : QDialog(parent), m_workspace(workspace)
{
    setObjectName(QStringLiteral("connectionsDialog"));
    setWindowTitle(tr("Connections"));
    m_pool.setMaxThreadCount(2);
    buildUi();
    reloadProfiles();
    if (m_profiles.isEmpty())
        newConnection();
    updateActions();
}

ConnectionsDialog::~ConnectionsDialog()
{
    if (m_cancel)
        m_cancel->store(true);
    m_pool.waitForDone();
    // Answers the workers posted before they ended are meant for this dialog only.
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
}

void ConnectionsDialog::buildUi()
{
    const QStyle *st = style();
    auto *layout = new QHBoxLayout(this);
    layout->setSpacing(12);

    // Left: the saved profiles.
    auto *left = new QVBoxLayout;
    auto *listLabel = new QLabel(tr("&Connections:"), this);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("connectionList"));
    listLabel->setBuddy(m_list);
    m_list->setFixedWidth(std::max(200, fontMetrics().horizontalAdvance(QLatin1Char('M')) * 14));
    auto *listButtons = new QHBoxLayout;
    m_addButton = new QPushButton(st->standardIcon(QStyle::SP_FileDialogNewFolder), tr("Ne&w"), this);
    m_addButton->setObjectName(QStringLiteral("newConnectionButton"));
    m_addButton->setAutoDefault(false);
    m_removeButton = new QPushButton(st->standardIcon(QStyle::SP_TrashIcon), tr("&Remove…"), this);
    m_removeButton->setObjectName(QStringLiteral("removeConnectionButton"));
    m_removeButton->setAutoDefault(false);
    listButtons->addWidget(m_addButton);
    listButtons->addWidget(m_removeButton);
    left->addWidget(listLabel);
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);
    layout->addLayout(left, 0);

    // Right: the form, the test and its results.
    auto *right = new QVBoxLayout;
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Production or Rehearsal"));
    form->addRow(tr("&Name:"), m_name);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    m_kind->addItem(tr("Dataverse environment"), QStringLiteral("dataverse"));
    m_kind->addItem(tr("Local emulator (ferry-emulator)"), QStringLiteral("emulator"));
    form->addRow(tr("&Kind:"), m_kind);
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    form->addRow(tr("Environment &URL:"), m_url);
    m_tenant = new QLineEdit(this);
    m_tenant->setObjectName(QStringLiteral("tenantEdit"));
    m_tenant->setPlaceholderText(tr("contoso.onmicrosoft.com or the directory (tenant) id"));
    form->addRow(tr("T&enant:"), m_tenant);
    m_signIn = new QComboBox(this);
    m_signIn->setObjectName(QStringLiteral("signInCombo"));
    m_signIn->addItem(tr("Application users (client credentials)"));
    m_signIn->addItem(tr("A person, in a browser (device code)"));
    form->addRow(tr("Si&gn in as:"), m_signIn);
    m_clientId = new QLineEdit(this);
    m_clientId->setObjectName(QStringLiteral("clientIdEdit"));
    m_clientId->setPlaceholderText(tr("the public client (application) id people sign in with"));
    m_clientIdLabel = new QLabel(tr("Public c&lient id:"), this);
    m_clientIdLabel->setBuddy(m_clientId);
    form->addRow(m_clientIdLabel, m_clientId);
    m_form = form;
    right->addLayout(form);

    m_usersBox = new QGroupBox(tr("Application users"), this);
    m_usersBox->setObjectName(QStringLiteral("appUsersBox"));
    auto *usersLayout = new QVBoxLayout(m_usersBox);
    m_users = new AppUserModel(this);
    m_usersView = new QTableView(m_usersBox);
    m_usersView->setObjectName(QStringLiteral("appUsersView"));
    m_usersView->setModel(m_users);
    m_usersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_usersView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_usersView->verticalHeader()->hide();
    m_usersView->horizontalHeader()->setSectionResizeMode(AppUserModel::NameColumn, QHeaderView::Interactive);
    m_usersView->horizontalHeader()->setSectionResizeMode(AppUserModel::ClientIdColumn, QHeaderView::Stretch);
    m_usersView->horizontalHeader()->setSectionResizeMode(AppUserModel::EnabledColumn,
                                                          QHeaderView::ResizeToContents);
    m_usersView->setColumnWidth(AppUserModel::NameColumn, 170);
    m_usersView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                 QAbstractItemView::AnyKeyPressed);
    m_usersView->setTabKeyNavigation(false);
    m_usersView->setMinimumHeight(fontMetrics().height() * 7);
    auto *userButtons = new QHBoxLayout;
    m_addUserButton = new QPushButton(tr("&Add User"), m_usersBox);
    m_addUserButton->setObjectName(QStringLiteral("addUserButton"));
    m_addUserButton->setAutoDefault(false);
    m_removeUserButton = new QPushButton(tr("Remo&ve User"), m_usersBox);
    m_removeUserButton->setObjectName(QStringLiteral("removeUserButton"));
    m_removeUserButton->setAutoDefault(false);
    userButtons->addWidget(m_addUserButton);
    userButtons->addWidget(m_removeUserButton);
    userButtons->addStretch(1);
    auto *secretRow = new QHBoxLayout;
    auto *secretLabel = new QLabel(tr("Secret o&f the selected user:"), m_usersBox);
    m_secret = new QLineEdit(m_usersBox);
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("client secret"));
    secretLabel->setBuddy(m_secret);
    m_storeSecretButton = new QPushButton(tr("Store &in Keyring"), m_usersBox);
    m_storeSecretButton->setObjectName(QStringLiteral("storeSecretButton"));
    m_storeSecretButton->setAutoDefault(false);
    secretRow->addWidget(secretLabel);
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_storeSecretButton);
    auto *secretHint = new QLabel(
        tr("Secrets are stored only in the desktop keyring, never in the workspace. Headless runs "
           "(ferry-cli) read the environment variable FERRY_SECRET_&lt;CLIENT_ID&gt; (upper case, '-' as "
           "'_') or a secrets file readable only by its owner (--secrets-file or FERRY_SECRETS_FILE)."),
        m_usersBox);
    secretHint->setObjectName(QStringLiteral("secretHint"));
    secretHint->setWordWrap(true);
    secretHint->setTextFormat(Qt::RichText);
    QPalette hintPalette = secretHint->palette();
    hintPalette.setColor(QPalette::WindowText, hintPalette.color(QPalette::PlaceholderText));
    secretHint->setPalette(hintPalette);
    m_secretStatus = new QLabel(m_usersBox);
    m_secretStatus->setObjectName(QStringLiteral("secretStatus"));
    m_secretStatus->setWordWrap(true);
    m_secretStatus->hide();
    usersLayout->addWidget(m_usersView, 1);
    usersLayout->addLayout(userButtons);
    usersLayout->addLayout(secretRow);
    usersLayout->addWidget(m_secretStatus);
    usersLayout->addWidget(secretHint);
    right->addWidget(m_usersBox, 1);

    m_formError = new QLabel(this);
    m_formError->setObjectName(QStringLiteral("formError"));
    m_formError->setWordWrap(true);
    m_formError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formError->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_formError->hide();
    right->addWidget(m_formError);

    auto *actions = new QHBoxLayout;
    m_saveButton = new QPushButton(st->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"), this);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setDefault(true);
    m_testButton = new QPushButton(st->standardIcon(QStyle::SP_BrowserReload), tr("&Test Connection"), this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setAutoDefault(false);
    m_cancelButton = new QPushButton(st->standardIcon(QStyle::SP_BrowserStop), tr("Sto&p"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelTestButton"));
    m_cancelButton->setToolTip(tr("Stop the test or sign-in (Esc)"));
    m_cancelButton->setAutoDefault(false);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_busyLabel = new QLabel(this);
    m_busyLabel->setObjectName(QStringLiteral("busyLabel"));
    actions->addWidget(m_saveButton);
    actions->addSpacing(12);
    actions->addWidget(m_testButton);
    actions->addWidget(m_cancelButton);
    actions->addWidget(m_busy);
    actions->addWidget(m_busyLabel, 1);
    right->addLayout(actions);

    // Device code: the code and where to enter it, framed so it is the first thing the person sees.
    auto *deviceFrame = new QFrame(this);
    deviceFrame->setObjectName(QStringLiteral("deviceCodeBox"));
    deviceFrame->setFrameShape(QFrame::StyledPanel);
    deviceFrame->setStyleSheet(
        QStringLiteral("QFrame#deviceCodeBox { border: 1px solid #2b6cb0; border-radius: 4px;"
                       " background: rgba(43, 108, 176, 24); }"
                       "QFrame#deviceCodeBox QLabel { border: none; background: transparent; }"));
    m_deviceBox = deviceFrame;
    auto *device = new QHBoxLayout(m_deviceBox);
    device->setContentsMargins(8, 6, 8, 6);
    m_deviceLink = new QLabel(m_deviceBox);
    m_deviceLink->setObjectName(QStringLiteral("verificationLink"));
    m_deviceLink->setOpenExternalLinks(true);
    m_deviceLink->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_deviceLink->setWordWrap(true);
    m_userCode = new QLineEdit(m_deviceBox);
    m_userCode->setObjectName(QStringLiteral("userCodeEdit"));
    m_userCode->setReadOnly(true);
    QFont codeFont = m_userCode->font();
    codeFont.setBold(true);
    codeFont.setPointSizeF(codeFont.pointSizeF() * 1.3);
    codeFont.setStyleHint(QFont::Monospace);
    m_userCode->setFont(codeFont);
    m_userCode->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 16);
    m_copyCodeButton = new QPushButton(tr("C&opy Code"), m_deviceBox);
    m_copyCodeButton->setObjectName(QStringLiteral("copyCodeButton"));
    m_copyCodeButton->setAutoDefault(false);
    device->addWidget(m_deviceLink, 1);
    device->addWidget(m_userCode);
    device->addWidget(m_copyCodeButton);
    m_deviceBox->hide();
    right->addWidget(m_deviceBox);

    m_results = new QTextBrowser(this);
    m_results->setObjectName(QStringLiteral("resultsView"));
    m_results->setOpenExternalLinks(false);
    m_results->setMinimumHeight(fontMetrics().height() * 12);
    right->addWidget(m_results, 2);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    right->addWidget(m_buttons);
    layout->addLayout(right, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectionsDialog::onCurrentRowChanged);
    connect(m_addButton, &QPushButton::clicked, this, [this] {
        newConnection();
        m_name->setFocus(Qt::OtherFocusReason);
    });
    connect(m_removeButton, &QPushButton::clicked, this, &ConnectionsDialog::removeCurrent);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConnectionsDialog::updateForKind);
    connect(m_signIn, &QComboBox::currentIndexChanged, this, &ConnectionsDialog::updateForKind);
    connect(m_addUserButton, &QPushButton::clicked, this, [this] {
        const int r = m_users->addUser();
        m_usersView->setCurrentIndex(m_users->index(r, AppUserModel::ClientIdColumn));
        m_usersView->setFocus(Qt::OtherFocusReason);
        m_usersView->edit(m_usersView->currentIndex());
        updateActions();
    });
    connect(m_removeUserButton, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_usersView->currentIndex();
        if (current.isValid())
            m_users->removeUser(current.row());
        updateActions();
    });
    connect(m_usersView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ConnectionsDialog::updateActions);
    connect(m_secret, &QLineEdit::textChanged, this, &ConnectionsDialog::updateActions);
    connect(m_storeSecretButton, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_usersView->currentIndex();
        if (current.isValid())
            storeSecret(current.row(), m_secret->text());
    });
    connect(m_saveButton, &QPushButton::clicked, this, &ConnectionsDialog::save);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionsDialog::testConnection);
    connect(m_cancelButton, &QPushButton::clicked, this, &ConnectionsDialog::cancelTest);
    connect(m_copyCodeButton, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_userCode->text());
        m_busyLabel->setText(tr("Code copied. Paste it on the sign-in page."));
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionsDialog::reject);

    setTabOrder(m_list, m_addButton);
    setTabOrder(m_addButton, m_removeButton);
    setTabOrder(m_removeButton, m_name);
    setTabOrder(m_name, m_kind);
    setTabOrder(m_kind, m_url);
    setTabOrder(m_url, m_tenant);
    setTabOrder(m_tenant, m_signIn);
    setTabOrder(m_signIn, m_clientId);
    setTabOrder(m_clientId, m_usersView);
    setTabOrder(m_usersView, m_addUserButton);
    setTabOrder(m_addUserButton, m_removeUserButton);
    setTabOrder(m_removeUserButton, m_secret);
    setTabOrder(m_secret, m_storeSecretButton);
    setTabOrder(m_storeSecretButton, m_saveButton);
    setTabOrder(m_saveButton, m_testButton);
    setTabOrder(m_testButton, m_cancelButton);
    setTabOrder(m_cancelButton, m_userCode);
    setTabOrder(m_userCode, m_copyCodeButton);
    setTabOrder(m_copyCodeButton, m_results);

    resize(1000, 760);
    updateForKind();
}

void ConnectionsDialog::reloadProfiles(const QString &select)
{
    m_profiles.clear();
    if (m_workspace) {
        auto listed = ConnectionStore::list(m_workspace->reader());
        if (listed)
            m_profiles = *listed;
        else
            showFormError(tr("The connections could not be read: %1").arg(listed.error().message));
    }
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    int selectRow = -1;
    for (int i = 0; i < m_profiles.size(); ++i) {
        const ConnectionProfile &p = m_profiles.at(i);
        auto *item = new QListWidgetItem(p.name, m_list);
        item->setToolTip(p.environmentUrl.toString());
        if (p.name == select)
            selectRow = i;
    }
    if (selectRow >= 0)
        m_list->setCurrentRow(selectRow);
}

bool ConnectionsDialog::selectConnection(const QString &name)
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).name == name) {
            m_list->setCurrentRow(i);
            onCurrentRowChanged(i);
            return true;
        }
    }
    return false;
}

void ConnectionsDialog::onCurrentRowChanged(int row)
{
    if (row < 0 || row >= m_profiles.size())
        return;
    setFormProfile(m_profiles.at(row));
}

void ConnectionsDialog::newConnection()
{
    {
        const QSignalBlocker blocker(m_list);
        m_list->clearSelection();
        m_list->setCurrentRow(-1);
    }
    ConnectionProfile blank;
    setFormProfile(blank);
}

void ConnectionsDialog::setFormProfile(const ConnectionProfile &profile)
{
    m_editingId = profile.id;
    m_name->setText(profile.name);
    m_kind->setCurrentIndex(profile.kind == QLatin1String("emulator") ? kKindEmulator : kKindDataverse);
    m_url->setText(profile.environmentUrl.toString());
    m_tenant->setText(profile.tenant);
    m_signIn->setCurrentIndex(profile.signInKind == SignInKind::DeviceCode ? kSignInDeviceCode
                                                                           : kSignInClientCredentials);
    m_clientId->setText(profile.clientId);
    m_users->setUsers(profile.appUsers);
    m_secret->clear();
    m_secretStatus->hide();
    m_results->clear();
    m_deviceBox->hide();
    clearFormError();
    updateForKind();
    updateActions();
}

ConnectionProfile ConnectionsDialog::formProfile() const
{
    ConnectionProfile p;
    p.id = m_editingId;
    p.name = m_name->text().trimmed();
    p.kind =
        m_kind->currentIndex() == kKindEmulator ? QStringLiteral("emulator") : QStringLiteral("dataverse");
    const QString url = m_url->text().trimmed();
    p.environmentUrl = url.isEmpty() ? QUrl() : QUrl::fromUserInput(url);
    p.tenant = m_tenant->text().trimmed();
    p.signInKind = m_signIn->currentIndex() == kSignInDeviceCode ? SignInKind::DeviceCode
                                                                 : SignInKind::ClientCredentials;
    p.clientId = m_clientId->text().trimmed();
    // Kept for device code too, so switching the sign-in kind back and forth loses nothing.
    p.appUsers = m_users->users();
    // Users left completely empty (a row added and never filled) are not worth an error.
    p.appUsers.removeIf([](const AppUser &u) { return u.clientId.isEmpty() && u.name.isEmpty(); });
    return p;
}

void ConnectionsDialog::updateForKind()
{
    const bool emulator = m_kind->currentIndex() == kKindEmulator;
    m_url->setPlaceholderText(emulator ? tr("http://127.0.0.1:8089/ (where ferry-emulator listens)")
                                       : tr("https://contoso.crm.dynamics.com/"));
    const bool device = m_signIn->currentIndex() == kSignInDeviceCode;
    // Only what the chosen sign-in uses is shown; the other's values are kept.
    m_form->setRowVisible(m_clientId, device);
    m_usersBox->setVisible(!device);
    m_testButton->setText(device ? tr("Sign &In") : tr("&Test Connection"));
    m_results->setPlaceholderText(
        device
            ? tr("“Sign In” shows a code to enter in your browser, waits until you approve, then shows who "
                 "the service says you are (WhoAmI) and the limits it reports.")
            : tr("“Test Connection” signs in as each enabled application user and shows who the service says "
                 "you are (WhoAmI) and the limits it reports."));
}

void ConnectionsDialog::updateActions()
{
    const bool editingSaved = m_editingId != 0;
    m_removeButton->setEnabled(editingSaved && !m_testing);
    m_list->setEnabled(!m_testing);
    m_addButton->setEnabled(!m_testing);
    m_saveButton->setEnabled(m_workspace != nullptr && !m_testing);
    m_testButton->setEnabled(!m_testing);
    m_cancelButton->setEnabled(m_testing);
    m_cancelButton->setVisible(m_testing);
    m_busy->setVisible(m_testing);
    const bool hasUser = m_usersView->currentIndex().isValid();
    m_removeUserButton->setEnabled(hasUser);
    m_secret->setEnabled(hasUser);
    m_storeSecretButton->setEnabled(hasUser && !m_secret->text().isEmpty());
}

void ConnectionsDialog::showFormError(const QString &message)
{
    m_formError->setText(message);
    m_formError->show();
}

void ConnectionsDialog::clearFormError()
{
    m_formError->clear();
    m_formError->hide();
}

QString ConnectionsDialog::formError() const
{
    return m_formError->isHidden() ? QString() : m_formError->text();
}

QString ConnectionsDialog::resultText() const
{
    return m_results->toPlainText();
}

QString ConnectionsDialog::userCode() const
{
    return m_deviceBox->isHidden() ? QString() : m_userCode->text();
}

QString ConnectionsDialog::verificationUrl() const
{
    return m_deviceBox->isHidden() ? QString() : m_deviceLink->property("url").toString();
}

bool ConnectionsDialog::save()
{
    clearFormError();
    if (!m_workspace) {
        showFormError(tr("No workspace is open: connections are saved in the workspace."));
        return false;
    }
    const ConnectionProfile profile = formProfile();
    if (const Status valid = profile.validate(); !valid) {
        showFormError(tr("Not saved: %1").arg(valid.error().message));
        return false;
    }
    WorkspaceWriter *writer = m_workspace->writer();
    if (!writer) {
        showFormError(tr("Not saved: %1").arg(m_workspace->writerError().message));
        return false;
    }
    // One small transaction on the writer thread; the wait is as short as a local SQLite commit.
    const auto saved = ConnectionStore::save(*writer, profile);
    if (!saved) {
        if (saved.error().code == QLatin1String("connection.exists"))
            showFormError(tr("Not saved: a connection named “%1” exists already. Choose another name.")
                              .arg(profile.name));
        else
            showFormError(tr("Not saved: %1").arg(saved.error().message));
        return false;
    }
    m_editingId = *saved;
    reloadProfiles(profile.name);
    m_busyLabel->setText(tr("Saved “%1”.").arg(profile.name));
    updateActions();
    emit connectionsChanged();
    return true;
}

bool ConnectionsDialog::confirmRemoval(const QString &name)
{
    return QMessageBox::question(this, tr("Remove Connection"),
                                 tr("Remove the connection “%1” with its application users and its cached "
                                    "metadata? Secrets in the keyring stay.")
                                     .arg(name),
                                 QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Cancel) == QMessageBox::Yes;
}

bool ConnectionsDialog::removeCurrent()
{
    if (!m_workspace || m_editingId == 0)
        return false;
    QString name;
    for (const ConnectionProfile &p : std::as_const(m_profiles))
        if (p.id == m_editingId)
            name = p.name;
    if (name.isEmpty() || !confirmRemoval(name))
        return false;
    WorkspaceWriter *writer = m_workspace->writer();
    if (!writer) {
        showFormError(tr("Not removed: %1").arg(m_workspace->writerError().message));
        return false;
    }
    if (const Status removed = ConnectionStore::remove(*writer, name); !removed) {
        showFormError(tr("Not removed: %1").arg(removed.error().message));
        return false;
    }
    SignInSessions::remove(SignInSessions::key(m_workspace->path(), name));
    reloadProfiles();
    if (m_profiles.isEmpty()) {
        newConnection();
    } else {
        m_list->setCurrentRow(0);
        onCurrentRowChanged(0);
    }
    m_busyLabel->setText(tr("Removed “%1”.").arg(name));
    emit connectionsChanged();
    return true;
}

bool ConnectionsDialog::testConnection()
{
    if (m_testing)
        return false;
    clearFormError();
    const ConnectionProfile profile = formProfile();
    if (const Status valid = profile.validate(); !valid) {
        showFormError(tr("Cannot test: %1").arg(valid.error().message));
        return false;
    }
    m_testing = true;
    const quint64 generation = ++m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_results->clear();
    m_deviceBox->hide();
    const bool device = profile.signInKind == SignInKind::DeviceCode;
    m_busyLabel->setText(device ? tr("Asking for a sign-in code…") : tr("Signing in…"));
    updateActions();

    const auto cancel = m_cancel;
    const auto secrets = m_secretOptions;
    const QString sessionKey =
        m_workspace ? SignInSessions::key(m_workspace->path(), profile.name) : QString();
    m_pool.start([this, profile, secrets, cancel, generation, sessionKey] {
        const auto prompt = [this, generation](const ferry::auth::DeviceCodePrompt &p) {
            QMetaObject::invokeMethod(
                this, [this, generation, p] { showDevicePrompt(generation, p); }, Qt::QueuedConnection);
        };
        ConnectionCheck::Outcome outcome = ConnectionCheck::run(profile, secrets, prompt, cancel.get());
        // Queued to the GUI thread; the dialog waits for this job before it goes away.
        QMetaObject::invokeMethod(
            this, [this, generation, outcome, sessionKey] { finishTest(generation, outcome, sessionKey); },
            Qt::QueuedConnection);
    });
    return true;
}

void ConnectionsDialog::showDevicePrompt(quint64 generation, const ferry::auth::DeviceCodePrompt &prompt)
{
    if (generation != m_generation || !m_testing)
        return;
    const QString url = prompt.verificationUri.toString();
    m_deviceLink->setProperty("url", url);
    m_deviceLink->setText(tr("Open <a href=\"%1\">%2</a> in a browser and enter this code:")
                              .arg(url.toHtmlEscaped(), url.toHtmlEscaped()));
    m_userCode->setText(prompt.userCode);
    m_deviceBox->show();
    m_busyLabel->setText(tr("Waiting for you to approve the sign-in…"));
    // The service's own sentence, which may say more (e.g. which account to use).
    m_results->setPlainText(prompt.message);
    m_copyCodeButton->setFocus(Qt::OtherFocusReason);
    emit devicePromptShown();
}

void ConnectionsDialog::finishTest(quint64 generation, const ConnectionCheck::Outcome &outcome,
                                   const QString &sessionKey)
{
    if (generation != m_generation)
        return;
    m_testing = false;
    m_cancel.reset();
    m_deviceBox->hide();
    if (outcome.deviceProvider && !sessionKey.isEmpty())
        SignInSessions::set(sessionKey, outcome.deviceProvider);

    QString html;
    if (outcome.cancelled) {
        html = QStringLiteral("<p>%1</p>").arg(esc(tr("Cancelled.")));
        m_busyLabel->setText(tr("Cancelled."));
    } else {
        const bool ok = outcome.ok();
        html = QStringLiteral("<p><b style=\"color:%1;\">%2</b></p>")
                   .arg(ok ? QStringLiteral("#2f855a") : QStringLiteral("#c0392b"),
                        esc(ok ? tr("Connection works.") : tr("The connection failed.")));
        for (const ConnectionCheck::UserOutcome &u : outcome.users)
            html += whoAmIHtml(u);
        m_busyLabel->setText(ok ? tr("Connection works.") : tr("The connection failed: see below."));
    }
    m_results->setHtml(html);
    updateActions();
    m_testButton->setFocus(Qt::OtherFocusReason);
    emit testFinished(!outcome.cancelled && outcome.ok());
}

void ConnectionsDialog::cancelTest()
{
    if (!m_testing)
        return;
    if (m_cancel)
        m_cancel->store(true);
    // The worker may still be waiting on the network: its answer is dropped by the generation check.
    ++m_generation;
    m_testing = false;
    m_cancel.reset();
    m_deviceBox->hide();
    m_results->setPlainText(tr("Cancelled."));
    m_busyLabel->setText(tr("Cancelled."));
    updateActions();
    emit testFinished(false);
}

bool ConnectionsDialog::storeSecret(int row, const QString &secret)
{
    const QList<AppUser> users = m_users->users();
    const QString tenant = m_tenant->text().trimmed();
    if (row < 0 || row >= users.size() || secret.isEmpty())
        return false;
    const QString clientId = users.at(row).clientId;
    if (tenant.isEmpty() || clientId.isEmpty()) {
        m_secretStatus->setText(tr("Enter the tenant and the user's client id first: the keyring entry is "
                                   "named after them."));
        m_secretStatus->show();
        return false;
    }
    // The field does not keep the secret once it is on its way to the keyring.
    m_secret->clear();
    m_secretStatus->setText(tr("Storing the secret of %1 in the keyring…").arg(clientId));
    m_secretStatus->show();
    const auto options = m_secretOptions;
    m_pool.start([this, options, tenant, clientId, secret] {
        const Status stored = ferry::auth::SecretStore(options).storeInKeyring(tenant, clientId, secret);
        const QString message =
            stored ? tr("The secret of %1 is in the desktop keyring.").arg(clientId)
                   : tr("The secret of %1 was not stored: %2").arg(clientId, stored.error().message);
        const bool ok = stored.ok();
        QMetaObject::invokeMethod(
            this,
            [this, ok, message] {
                m_secretStatus->setText(message);
                m_secretStatus->show();
                emit secretStored(ok, message);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void ConnectionsDialog::reject()
{
    // Escape while a test runs stops the test; the next Escape closes.
    if (m_testing) {
        cancelTest();
        return;
    }
    QDialog::reject();
}

} // namespace ferry::ui
