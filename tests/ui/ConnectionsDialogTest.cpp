// GUI thread: the Connections dialog over a real workspace file, signing in to a real ferry-emulator process.

#include "EmulatorProcess.h"

#include "connections/AppUserModel.h"
#include "connections/ConnectionCheck.h"
#include "connections/ConnectionsDialog.h"
#include "connections/SignInSessions.h"

#include <ferry/auth/ConnectionStore.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using ferry::auth::ConnectionProfile;
using ferry::auth::ConnectionStore;
using ferry::ui::AppUserModel;
using ferry::ui::ConnectionsDialog;

namespace {

const QString kClientId = QStringLiteral("f3b9778c-d9c0-54cc-b6c6-29cd1265e38d");
const QString kUserId = QStringLiteral("0c157a3c-6149-530c-a806-ffc2168bbd48");
const QString kOrgId = QStringLiteral("c522335b-f68c-524a-948f-414206053a3c");
const QString kBusinessUnitId = QStringLiteral("94eba68e-e4d3-551f-a7cb-4fbf0d535c6f");
const char *kSecretVariable = "FERRY_SECRET_F3B9778C_D9C0_54CC_B6C6_29CD1265E38D";
const QByteArray kSecret = "demo-secret-1";
const QByteArray kWrongSecret = "wrong-secret-for-test";

// Removal asks a blocking question; the test answers it.
class ScriptedDialog : public ConnectionsDialog
{
public:
    using ConnectionsDialog::ConnectionsDialog;
    bool answer = true;
    int asked = 0;

protected:
    bool confirmRemoval(const QString &) override
    {
        ++asked;
        return answer;
    }
};

} // namespace

class ConnectionsDialogTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void addsProfileAndReopenSeesIt();
    void invalidInputStoresNothing();
    void testConnectionShowsWhoAmI();
    void wrongSecretShowsTheError();
    void deviceCodeShowsCodeAndSignsIn();
    void escapeCancelsTheTestFirst();
    void removeAsksFirst();
    void appUserModelIsConsistent();
    void storesSecretInTheKeyring();
    void secretNeverReachesTheWorkspace();

private:
    std::unique_ptr<ScriptedDialog> makeDialog();
    void fillEmulatorProfile(ConnectionsDialog *dialog, const QString &name);
    void saveScreenshot(QWidget *widget, const QString &name);
    QList<ConnectionProfile> stored() const;

    QTemporaryDir m_dir;
    std::unique_ptr<ferry::test::EmulatorProcess> m_emulator;
    std::unique_ptr<ferry::Workspace> m_workspace;
    QString m_baseUrl;
};

void ConnectionsDialogTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir().mkpath(QStringLiteral(FERRY_SCREENSHOT_DIR)));
    m_emulator = ferry::test::EmulatorProcess::start();
    QVERIFY(m_emulator);
    m_baseUrl = QString::fromStdString(m_emulator->baseUrl());
    auto created = ferry::Workspace::create(m_dir.filePath(QStringLiteral("connections.ferry")));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
    m_workspace = std::move(created).value();
    qputenv(kSecretVariable, kSecret);
    qunsetenv("FERRY_CLIENT_SECRET");
    qunsetenv("FERRY_SECRETS_FILE");
}

void ConnectionsDialogTest::cleanupTestCase()
{
    m_workspace.reset();
    m_emulator.reset();
}

void ConnectionsDialogTest::init()
{
    qputenv(kSecretVariable, kSecret);
}

std::unique_ptr<ScriptedDialog> ConnectionsDialogTest::makeDialog()
{
    auto dialog = std::make_unique<ScriptedDialog>(m_workspace.get());
    // The test never touches a desktop keyring: the secret comes from the environment.
    ferry::auth::SecretStore::Options options;
    options.useKeyring = false;
    dialog->setSecretOptions(options);
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        return nullptr;
    dialog->activateWindow();
    if (!QTest::qWaitForWindowActive(dialog.get()))
        return nullptr;
    return dialog;
}

QList<ConnectionProfile> ConnectionsDialogTest::stored() const
{
    auto listed = ConnectionStore::list(m_workspace->reader());
    return listed ? *listed : QList<ConnectionProfile>{};
}

void ConnectionsDialogTest::fillEmulatorProfile(ConnectionsDialog *dialog, const QString &name)
{
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("newConnectionButton")),
                      Qt::LeftButton);
    auto *nameEdit = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QCOMPARE(QApplication::focusWidget(), nameEdit);
    QTest::keyClicks(nameEdit, name);
    dialog->findChild<QComboBox *>(QStringLiteral("kindCombo"))->setCurrentIndex(1);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit")), m_baseUrl);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("tenantEdit")),
                     QStringLiteral("ferry-demo"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("addUserButton")), Qt::LeftButton);
    AppUserModel *users = dialog->userModel();
    QCOMPARE(users->rowCount(), 1);
    // The Add button opens the client id cell for typing.
    auto *view = dialog->findChild<QTableView *>(QStringLiteral("appUsersView"));
    QCOMPARE(view->currentIndex().column(), int(AppUserModel::ClientIdColumn));
    auto *editor = qobject_cast<QLineEdit *>(view->indexWidget(view->currentIndex()));
    QVERIFY(editor);
    QTest::keyClicks(editor, kClientId);
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits queued.
    QTRY_COMPARE(users->index(0, AppUserModel::ClientIdColumn).data().toString(), kClientId);
    users->setData(users->index(0, AppUserModel::NameColumn), QStringLiteral("Migration 1"));
}

void ConnectionsDialogTest::saveScreenshot(QWidget *widget, const QString &name)
{
    QApplication::processEvents();
    const QPixmap shot = widget->grab();
    QCOMPARE(shot.size(), widget->size());
    const QImage image = shot.toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
    const QString path = QStringLiteral(FERRY_SCREENSHOT_DIR "/") + name + QStringLiteral(".png");
    QVERIFY2(shot.save(path), qPrintable(path));
}

void ConnectionsDialogTest::addsProfileAndReopenSeesIt()
{
    {
        auto dialog = makeDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QListWidget *>(QStringLiteral("connectionList"))->count(), 0);
        fillEmulatorProfile(dialog.get(), QStringLiteral("Rehearsal"));
        QSignalSpy changed(dialog.get(), &ConnectionsDialog::connectionsChanged);
        // Enter saves: Save is the default button.
        QTest::keyClick(dialog->findChild<QLineEdit *>(QStringLiteral("tenantEdit")), Qt::Key_Return);
        QCOMPARE(changed.count(), 1);
        QVERIFY2(dialog->formError().isEmpty(), qPrintable(dialog->formError()));
        QVERIFY(dialog->isVisible());
    }
    const QList<ConnectionProfile> profiles = stored();
    QCOMPARE(profiles.size(), 1);
    const ConnectionProfile &p = profiles.first();
    QCOMPARE(p.name, QStringLiteral("Rehearsal"));
    QCOMPARE(p.kind, QStringLiteral("emulator"));
    QCOMPARE(p.environmentUrl, QUrl(m_baseUrl));
    QCOMPARE(p.tenant, QStringLiteral("ferry-demo"));
    QCOMPARE(p.signInKind, ferry::auth::SignInKind::ClientCredentials);
    QCOMPARE(p.appUsers.size(), 1);
    QCOMPARE(p.appUsers.first().clientId, kClientId);
    QCOMPARE(p.appUsers.first().name, QStringLiteral("Migration 1"));
    QVERIFY(p.appUsers.first().enabled);

    // A new dialog (and a reopened workspace) sees it.
    {
        auto dialog = makeDialog();
        QVERIFY(dialog);
        auto *list = dialog->findChild<QListWidget *>(QStringLiteral("connectionList"));
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), QStringLiteral("Rehearsal"));
        QVERIFY(dialog->selectConnection(QStringLiteral("Rehearsal")));
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"))->text(),
                 QUrl(m_baseUrl).toString());
        QCOMPARE(dialog->formProfile(), p);
    }

    const QString path = m_workspace->path();
    m_workspace.reset();
    auto reopened = ferry::Workspace::open(path);
    QVERIFY(reopened.ok());
    m_workspace = std::move(reopened).value();
    QCOMPARE(stored(), profiles);
}

void ConnectionsDialogTest::invalidInputStoresNothing()
{
    const QList<ConnectionProfile> before = stored();
    QCOMPARE(before.size(), 1);
    auto dialog = makeDialog();
    QVERIFY(dialog);
    QSignalSpy changed(dialog.get(), &ConnectionsDialog::connectionsChanged);

    ConnectionProfile p;
    p.name = QStringLiteral("Broken");
    p.kind = QStringLiteral("dataverse");
    p.environmentUrl = QUrl(QStringLiteral("http://contoso.crm.dynamics.com/")); // http off loopback
    p.tenant = QStringLiteral("contoso.onmicrosoft.com");
    p.appUsers = {ferry::auth::AppUser{QStringLiteral("One"), kClientId, true}};
    const ferry::Status coreVerdict = p.validate();
    QVERIFY(!coreVerdict.ok());
    dialog->newConnection();
    dialog->setFormProfile(p);
    QVERIFY(!dialog->save());
    QVERIFY2(dialog->formError().contains(coreVerdict.error().message), qPrintable(dialog->formError()));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("formError"))->isVisible());

    // No tenant, no users.
    p.environmentUrl = QUrl(QStringLiteral("https://contoso.crm.dynamics.com/"));
    p.tenant.clear();
    dialog->setFormProfile(p);
    QVERIFY(dialog->formError().isEmpty());
    QVERIFY(!dialog->save());
    QVERIFY(!dialog->formError().isEmpty());
    p.tenant = QStringLiteral("contoso.onmicrosoft.com");
    p.appUsers.clear();
    dialog->setFormProfile(p);
    QVERIFY(!dialog->save());
    QVERIFY(!dialog->formError().isEmpty());

    // A taken name.
    ConnectionProfile copy = before.first();
    copy.id = 0;
    dialog->setFormProfile(copy);
    QVERIFY(!dialog->save());
    QVERIFY2(dialog->formError().contains(QStringLiteral("exists already")), qPrintable(dialog->formError()));

    // Testing an invalid form does not start anything either.
    dialog->setFormProfile(ConnectionProfile{});
    QVERIFY(!dialog->testConnection());
    QVERIFY(!dialog->isTesting());
    QVERIFY(!dialog->formError().isEmpty());

    QCOMPARE(changed.count(), 0);
    QCOMPARE(stored(), before);
}

void ConnectionsDialogTest::testConnectionShowsWhoAmI()
{
    auto dialog = makeDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->selectConnection(QStringLiteral("Rehearsal")));
    QSignalSpy finished(dialog.get(), &ConnectionsDialog::testFinished);
    auto *test = dialog->findChild<QPushButton *>(QStringLiteral("testButton"));
    QCOMPARE(test->text(), QStringLiteral("&Test Connection"));
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY(dialog->isTesting());
    // The GUI thread stays free while the worker signs in: the busy indicator and Cancel show.
    QVERIFY(dialog->findChild<QWidget *>(QStringLiteral("busyIndicator"))->isVisible());
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("cancelTestButton"))->isEnabled());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!dialog->isTesting());
    const QString text = dialog->resultText();
    QVERIFY2(text.contains(QStringLiteral("Connection works.")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Ferry Migration 1")), qPrintable(text));
    QVERIFY2(text.contains(kUserId), qPrintable(text));
    QVERIFY2(text.contains(kOrgId), qPrintable(text));
    QVERIFY2(text.contains(kBusinessUnitId), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("x-ms-dop-hint")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Requests left")), qPrintable(text));
    QVERIFY(!text.contains(QString::fromLatin1(kSecret)));

    // What the dialog shows is what the core reports.
    ferry::auth::SecretStore::Options options;
    options.useKeyring = false;
    const auto outcome = ferry::ui::ConnectionCheck::run(stored().first(), options, {}, nullptr);
    QVERIFY(outcome.ok());
    QVERIFY(outcome.users.first().whoAmI->dopHint.has_value());
    QVERIFY2(text.contains(QString::number(*outcome.users.first().whoAmI->dopHint)), qPrintable(text));
    saveScreenshot(dialog.get(), QStringLiteral("connections-dialog"));
}

void ConnectionsDialogTest::wrongSecretShowsTheError()
{
    qputenv(kSecretVariable, kWrongSecret);
    ferry::auth::SecretStore::Options options;
    options.useKeyring = false;
    const auto core = ferry::ui::ConnectionCheck::run(stored().first(), options, {}, nullptr);
    QVERIFY(!core.ok());
    const ferry::Error error = core.users.first().error;
    QCOMPARE(error.code, QStringLiteral("auth.invalid-secret"));

    auto dialog = makeDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->selectConnection(QStringLiteral("Rehearsal")));
    QSignalSpy finished(dialog.get(), &ConnectionsDialog::testFinished);
    QVERIFY(dialog->testConnection());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), false);
    const QString text = dialog->resultText();
    QVERIFY2(text.contains(QStringLiteral("The connection failed.")), qPrintable(text));
    QVERIFY2(text.contains(error.message), qPrintable(text));
    QVERIFY(!text.contains(QString::fromLatin1(kWrongSecret)));
    saveScreenshot(dialog.get(), QStringLiteral("connections-dialog-wrong-secret"));
}

void ConnectionsDialogTest::deviceCodeShowsCodeAndSignsIn()
{
    auto dialog = makeDialog();
    QVERIFY(dialog);
    ConnectionProfile p;
    p.name = QStringLiteral("Person");
    p.kind = QStringLiteral("emulator");
    p.environmentUrl = QUrl(m_baseUrl);
    p.tenant = QStringLiteral("ferry-demo");
    p.signInKind = ferry::auth::SignInKind::DeviceCode;
    p.clientId = kClientId;
    dialog->newConnection();
    dialog->setFormProfile(p);
    auto *test = dialog->findChild<QPushButton *>(QStringLiteral("testButton"));
    QCOMPARE(test->text(), QStringLiteral("Sign &In"));
    QVERIFY(dialog->save());

    QSignalSpy prompt(dialog.get(), &ConnectionsDialog::devicePromptShown);
    QSignalSpy finished(dialog.get(), &ConnectionsDialog::testFinished);
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY(prompt.wait(20000));
    const QString code = dialog->userCode();
    QVERIFY(!code.isEmpty());
    QVERIFY2(dialog->verificationUrl().startsWith(m_baseUrl), qPrintable(dialog->verificationUrl()));
    QVERIFY(dialog->verificationUrl().endsWith(QStringLiteral("/devicelogin")));
    auto *link = dialog->findChild<QLabel *>(QStringLiteral("verificationLink"));
    QVERIFY(link->isVisible() && link->openExternalLinks());
    QVERIFY(link->text().contains(QStringLiteral("href=\"%1\"").arg(dialog->verificationUrl())));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copyCodeButton")), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), code);
    saveScreenshot(dialog.get(), QStringLiteral("connections-dialog-device-code"));

    // The person approves in the browser (here: the emulator's test hook).
    const std::string body = R"({"user_code":")" + code.toStdString() + R"(","user":"Ferry Migration 2"})";
    const auto approved =
        ferry::test::httpRequest("POST", m_emulator->baseUrl() + "_emulator/devicecode/approve",
                                 {"Content-Type: application/json"}, body);
    QCOMPARE(approved.status, 204);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY2(dialog->resultText().contains(QStringLiteral("Ferry Migration 2")),
             qPrintable(dialog->resultText()));
    QVERIFY(dialog->userCode().isEmpty());
    // The Target page reuses this sign-in for the session.
    QVERIFY(ferry::ui::SignInSessions::provider(
        ferry::ui::SignInSessions::key(m_workspace->path(), QStringLiteral("Person"))));
}

void ConnectionsDialogTest::escapeCancelsTheTestFirst()
{
    auto dialog = makeDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->selectConnection(QStringLiteral("Person")));
    QSignalSpy prompt(dialog.get(), &ConnectionsDialog::devicePromptShown);
    QSignalSpy finished(dialog.get(), &ConnectionsDialog::testFinished);
    QVERIFY(dialog->testConnection());
    QVERIFY(prompt.wait(20000));
    QTest::keyClick(dialog.get(), Qt::Key_Escape);
    QVERIFY(!dialog->isTesting());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->resultText().contains(QStringLiteral("Cancelled.")));
    QTest::keyClick(dialog.get(), Qt::Key_Escape);
    QVERIFY(!dialog->isVisible());
}

void ConnectionsDialogTest::removeAsksFirst()
{
    auto dialog = makeDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->selectConnection(QStringLiteral("Person")));
    const int before = int(stored().size());
    dialog->answer = false;
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("removeConnectionButton")),
                      Qt::LeftButton);
    QCOMPARE(dialog->asked, 1);
    QCOMPARE(stored().size(), before);
    dialog->answer = true;
    QVERIFY(dialog->removeCurrent());
    QCOMPARE(dialog->asked, 2);
    QCOMPARE(stored().size(), before - 1);
    for (const ConnectionProfile &p : stored())
        QVERIFY(p.name != QLatin1String("Person"));
    QVERIFY(!ferry::ui::SignInSessions::provider(
        ferry::ui::SignInSessions::key(m_workspace->path(), QStringLiteral("Person"))));
}

void ConnectionsDialogTest::appUserModelIsConsistent()
{
    AppUserModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setUsers({ferry::auth::AppUser{QStringLiteral("A"), QStringLiteral("a"), true}});
    const int row = model.addUser();
    QCOMPARE(row, 1);
    QVERIFY(model.setData(model.index(1, AppUserModel::ClientIdColumn), QStringLiteral("  b  ")));
    QVERIFY(model.setData(model.index(1, AppUserModel::EnabledColumn), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model.users().at(1).clientId, QStringLiteral("b"));
    QVERIFY(!model.users().at(1).enabled);
    model.removeUser(0);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.users().first().clientId, QStringLiteral("b"));
}

void ConnectionsDialogTest::storesSecretInTheKeyring()
{
    // Run by ctest twice: without a desktop session (the dialog says the secret was not stored), and under
    // dbus-run-session with gnome-keyring (connections_dialog_keyring_test: stored, and read back).
    const bool keyring = ferry::auth::SecretStore::keyringAvailable();
    qInfo("Secret Service keyring available: %s", keyring ? "yes" : "no");
    // The keyring run starts with this function alone: the profile may not exist yet.
    if (stored().isEmpty()) {
        ConnectionProfile p;
        p.name = QStringLiteral("Rehearsal");
        p.kind = QStringLiteral("emulator");
        p.environmentUrl = QUrl(m_baseUrl);
        p.tenant = QStringLiteral("ferry-demo");
        p.appUsers = {ferry::auth::AppUser{QStringLiteral("Migration 1"), kClientId, true}};
        QVERIFY(ConnectionStore::save(*m_workspace->writer(), p).ok());
    }
    auto dialog = makeDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->selectConnection(QStringLiteral("Rehearsal")));
    ferry::auth::SecretStore::Options options;
    options.useKeyring = true;
    dialog->setSecretOptions(options);
    auto *view = dialog->findChild<QTableView *>(QStringLiteral("appUsersView"));
    auto *store = dialog->findChild<QPushButton *>(QStringLiteral("storeSecretButton"));
    auto *secret = dialog->findChild<QLineEdit *>(QStringLiteral("secretEdit"));
    QVERIFY(!store->isEnabled()); // no user selected yet
    view->setCurrentIndex(dialog->userModel()->index(0, 0));
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QTest::keyClicks(secret, QString::fromLatin1(kSecret));
    QVERIFY(store->isEnabled());
    QSignalSpy stored(dialog.get(), &ConnectionsDialog::secretStored);
    QTest::mouseClick(store, Qt::LeftButton);
    QVERIFY(secret->text().isEmpty()); // the field does not keep it
    QVERIFY(stored.wait(30000));
    const QString message = stored.first().at(1).toString();
    QVERIFY(!message.contains(QString::fromLatin1(kSecret)));
    QCOMPARE(stored.first().at(0).toBool(), keyring);
    if (!keyring) {
        QVERIFY2(message.contains(QStringLiteral("was not stored")), qPrintable(message));
        return;
    }
    QVERIFY2(message.contains(QStringLiteral("desktop keyring")), qPrintable(message));
    // Read back from the keyring alone: no environment variable, no secrets file.
    qunsetenv(kSecretVariable);
    const ferry::auth::SecretStore fromKeyring(options);
    auto read = fromKeyring.clientSecret(QStringLiteral("ferry-demo"), kClientId);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    QVERIFY(*read == QString::fromLatin1(kSecret));
    // And the test connection signs in with it.
    QSignalSpy finished(dialog.get(), &ConnectionsDialog::testFinished);
    QVERIFY(dialog->testConnection());
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(dialog->resultText()));
    QVERIFY(fromKeyring.removeFromKeyring(QStringLiteral("ferry-demo"), kClientId).ok());
}

void ConnectionsDialogTest::secretNeverReachesTheWorkspace()
{
    const QString path = m_workspace->path();
    m_workspace.reset(); // flush the WAL into the file
    for (const QString &file : {path, path + QStringLiteral("-wal")}) {
        QFile f(file);
        if (!f.exists())
            continue;
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.contains(kSecret));
        QVERIFY(!bytes.contains(kWrongSecret));
    }
    auto reopened = ferry::Workspace::open(path);
    QVERIFY(reopened.ok());
    m_workspace = std::move(reopened).value();
}

QTEST_MAIN(ConnectionsDialogTest)
#include "ConnectionsDialogTest.moc"
