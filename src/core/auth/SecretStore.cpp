#include <ferry/auth/SecretStore.h>

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusReply>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>
#include <QThread>

#include <qt6keychain/keychain.h>

#include <sys/stat.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace ferry::auth {

namespace {

const QString kService = QStringLiteral("ferry");
const QString kSecretsService = QStringLiteral("org.freedesktop.secrets");
constexpr int kKeyringTimeoutMs = 60000; // long enough for a person to answer an unlock prompt

QString keyringKey(const QString &tenant, const QString &clientId)
{
    return tenant.trimmed() + QLatin1Char('/') + clientId.trimmed();
}

struct JobOutcome
{
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString secret;
};

/// The one thread every QtKeychain job runs on. QtKeychain queues jobs in a process-wide executor object that
/// is not thread-safe and lives in the thread that first used it; libsecret answers through that thread's
/// event loop. Running every job on one long-lived thread with its own event loop keeps both sound no matter
/// which thread (GUI worker, engine, CLI main) asks, and no caller needs an event loop of its own.
class KeyringThread
{
public:
    static KeyringThread *instance()
    {
        std::lock_guard lock(s_mutex);
        if (!s_instance && QCoreApplication::instance()) {
            s_instance = new KeyringThread;
            qAddPostRoutine(&KeyringThread::shutdown); // stops the thread before QCoreApplication goes
        }
        return s_instance;
    }

    /// Creates the job on the keyring thread, runs it, and waits (bounded) for its outcome.
    JobOutcome run(std::function<QKeychain::Job *()> makeJob)
    {
        struct Shared
        {
            std::mutex mutex;
            std::condition_variable done;
            bool finished = false;
            JobOutcome outcome;
        };
        auto shared = std::make_shared<Shared>();
        QMetaObject::invokeMethod(
            m_context,
            [shared, makeJob = std::move(makeJob)] {
                QKeychain::Job *job = makeJob();
                job->setAutoDelete(false);
                job->setInsecureFallback(false); // never a plain-text settings file
                QObject::connect(job, &QKeychain::Job::finished, job, [shared, job] {
                    std::lock_guard lock(shared->mutex);
                    shared->outcome.error = job->error();
                    shared->outcome.errorString = job->errorString();
                    if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job);
                        read && job->error() == QKeychain::NoError)
                        shared->outcome.secret = read->textData();
                    shared->finished = true;
                    shared->done.notify_all();
                    job->deleteLater();
                });
                job->start();
            },
            Qt::QueuedConnection);
        std::unique_lock lock(shared->mutex);
        if (!shared->done.wait_for(lock, std::chrono::milliseconds(kKeyringTimeoutMs),
                                   [&] { return shared->finished; })) {
            // The job still owes an answer; it cleans up after itself when it comes.
            JobOutcome out;
            out.error = QKeychain::OtherError;
            out.errorString =
                QStringLiteral("the keyring did not answer within %1 s").arg(kKeyringTimeoutMs / 1000);
            return out;
        }
        return shared->outcome;
    }

private:
    KeyringThread()
    {
        m_thread.setObjectName(QStringLiteral("ferry-keyring"));
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        m_thread.start();
    }

    static void shutdown()
    {
        std::lock_guard lock(s_mutex);
        if (!s_instance)
            return;
        s_instance->m_thread.quit();
        s_instance->m_thread.wait(5000);
        delete s_instance->m_context;
        delete s_instance;
        s_instance = nullptr;
    }

    QThread m_thread;
    QObject *m_context = nullptr;
    static inline std::mutex s_mutex;
    static inline KeyringThread *s_instance = nullptr;
};

JobOutcome runJob(std::function<QKeychain::Job *()> makeJob)
{
    KeyringThread *thread = KeyringThread::instance();
    if (!thread) {
        JobOutcome out;
        out.error = QKeychain::OtherError;
        out.errorString = QStringLiteral("the desktop keyring needs a running QCoreApplication");
        return out;
    }
    return thread->run(std::move(makeJob));
}

} // namespace

SecretStore::SecretStore() = default;

SecretStore::SecretStore(Options options) : m_options(std::move(options)) {}

QString SecretStore::environmentVariableFor(const QString &clientId)
{
    QString name = QStringLiteral("FERRY_SECRET_");
    for (const QChar c : clientId.trimmed())
        name += (c.isLetterOrNumber() && c.unicode() < 128) ? c.toUpper() : QLatin1Char('_');
    return name;
}

Result<QString> SecretStore::clientSecret(const QString &tenant, const QString &clientId,
                                          bool singleUser) const
{
    QStringList looked;
    // 1. Environment.
    const QString variable = environmentVariableFor(clientId);
    if (const QString v = qEnvironmentVariable(variable.toLatin1().constData()); !v.isEmpty())
        return v;
    looked << QStringLiteral("environment variable %1 (not set)").arg(variable);
    if (singleUser) {
        if (const QString v = qEnvironmentVariable("FERRY_CLIENT_SECRET"); !v.isEmpty())
            return v;
        looked << QStringLiteral("environment variable FERRY_CLIENT_SECRET (not set)");
    } else if (qEnvironmentVariableIsSet("FERRY_CLIENT_SECRET")) {
        looked << QStringLiteral("FERRY_CLIENT_SECRET is set but ignored: the connection has several "
                                 "application users, so each needs its own %1-style variable")
                      .arg(variable);
    }

    // 2. Secrets file.
    QString file = m_options.secretsFile;
    if (file.isEmpty())
        file = qEnvironmentVariable("FERRY_SECRETS_FILE");
    if (!file.isEmpty()) {
        struct stat st
        {};
        if (::stat(QFile::encodeName(file).constData(), &st) != 0)
            return Error::make(
                QStringLiteral("secret.file"),
                QStringLiteral("The secrets file %1 does not exist or cannot be read.").arg(file));
        if ((st.st_mode & 077) != 0)
            return Error::make(
                QStringLiteral("secret.file-permissions"),
                QStringLiteral("The secrets file %1 can be read or written by other users (mode "
                               "%2); only its owner may read it. Run `chmod 600 %1`.")
                    .arg(file)
                    .arg(QString::number(st.st_mode & 0777, 8).rightJustified(4, QLatin1Char('0'))));
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
            return Error::make(
                QStringLiteral("secret.file"),
                QStringLiteral("Cannot read the secrets file %1: %2.").arg(file, f.errorString()));
        int lineNumber = 0;
        while (!f.atEnd()) {
            ++lineNumber;
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            const qsizetype space = line.indexOf(QRegularExpression(QStringLiteral("\\s")));
            const QString id = space < 0 ? line : line.left(space);
            if (id.compare(clientId.trimmed(), Qt::CaseInsensitive) != 0)
                continue;
            const QString secret = space < 0 ? QString() : line.mid(space + 1).trimmed();
            if (secret.isEmpty())
                return Error::make(
                    QStringLiteral("secret.file"),
                    QStringLiteral("Line %1 of the secrets file %2 names client id %3 but has no "
                                   "secret after it: write \"<client-id> <secret>\".")
                        .arg(lineNumber)
                        .arg(file, clientId));
            return secret;
        }
        looked << QStringLiteral("secrets file %1 (no line for this client id)").arg(file);
    } else {
        looked << QStringLiteral("secrets file (none given: --secrets-file or FERRY_SECRETS_FILE)");
    }

    // 3. Desktop keyring.
    const QString key = keyringKey(tenant, clientId);
    if (!m_options.useKeyring) {
        looked << QStringLiteral("desktop keyring (not used for this run)");
    } else if (!keyringAvailable()) {
        looked << QStringLiteral("desktop keyring (unavailable: no Secret Service on the D-Bus session bus)");
    } else {
        const JobOutcome out = runJob([key] {
            auto *job = new QKeychain::ReadPasswordJob(kService);
            job->setKey(key);
            return job;
        });
        if (out.error == QKeychain::NoError)
            return out.secret;
        if (out.error == QKeychain::EntryNotFound)
            looked << QStringLiteral("desktop keyring, service \"%1\", key \"%2\" (no entry)")
                          .arg(kService, key);
        else
            looked << QStringLiteral("desktop keyring (failed: %1)").arg(out.errorString);
    }
    return Error::make(
        QStringLiteral("secret.not-found"),
        QStringLiteral("No client secret for application %1 (tenant %2). Looked in: %3. Provide it "
                       "in one of these places.")
            .arg(clientId, tenant, looked.join(QStringLiteral("; "))));
}

Status SecretStore::storeInKeyring(const QString &tenant, const QString &clientId,
                                   const QString &secret) const
{
    if (!keyringAvailable())
        return Error::make(
            QStringLiteral("secret.keyring"),
            QStringLiteral("No desktop keyring (Secret Service) answers on this session, so the "
                           "secret of %1 cannot be stored there. Use the environment variable %2 "
                           "or a secrets file instead.")
                .arg(clientId, environmentVariableFor(clientId)));
    const JobOutcome out = runJob([key = keyringKey(tenant, clientId), secret] {
        auto *job = new QKeychain::WritePasswordJob(kService);
        job->setKey(key);
        job->setTextData(secret);
        return job;
    });
    if (out.error != QKeychain::NoError)
        return Error::make(
            QStringLiteral("secret.keyring"),
            QStringLiteral("The desktop keyring refused to store the secret of %1: %2. Use the "
                           "environment variable %3 or a secrets file instead.")
                .arg(clientId, out.errorString, environmentVariableFor(clientId)));
    return {};
}

Status SecretStore::removeFromKeyring(const QString &tenant, const QString &clientId) const
{
    if (!keyringAvailable())
        return Error::make(
            QStringLiteral("secret.keyring"),
            QStringLiteral("No desktop keyring (Secret Service) answers on this session: cannot "
                           "remove the secret of %1.")
                .arg(clientId));
    const JobOutcome out = runJob([key = keyringKey(tenant, clientId)] {
        auto *job = new QKeychain::DeletePasswordJob(kService);
        job->setKey(key);
        return job;
    });
    if (out.error != QKeychain::NoError && out.error != QKeychain::EntryNotFound)
        return Error::make(QStringLiteral("secret.keyring"),
                           QStringLiteral("The desktop keyring refused to remove the secret of %1: %2.")
                               .arg(clientId, out.errorString));
    return {};
}

bool SecretStore::keyringAvailable()
{
    // Without a session bus address libdbus may try to autolaunch a bus (X11): answer "no" instead.
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty() &&
        (runtime.isEmpty() || !QFileInfo::exists(runtime + QStringLiteral("/bus"))))
        return false;
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    if (bus.interface()->isServiceRegistered(kSecretsService).value())
        return true;
    // Not running yet, but the bus can start it on first use (gnome-keyring, KeePassXC...).
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
        QStringLiteral("org.freedesktop.DBus"), QStringLiteral("ListActivatableNames"));
    const QDBusMessage reply = bus.call(call, QDBus::Block, 2000);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return false;
    return reply.arguments().first().toStringList().contains(kSecretsService);
}

} // namespace ferry::auth
