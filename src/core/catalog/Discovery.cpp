#include <ferry/catalog/CatalogStore.h>
#include <ferry/catalog/Discovery.h>

#include "source/QtSqlSource.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QThreadPool>

namespace ferry {

Result<std::unique_ptr<SourceConnection>> openAnySource(const SourceUri &uri, const QString &password)
{
    if (uri.kind == SourceKind::PostgreSql || uri.kind == SourceKind::Odbc)
        return openQtSqlSource(uri, password);
    return openSource(uri);
}

namespace {

QString defaultSourceName(const SourceUri &uri)
{
    SourceUri plain = uri;
    plain.options.clear();
    return plain.toString();
}

} // namespace

Discovery::Discovery(SourceUri uri, DiscoveryOptions options, QObject *parent)
    : QObject(parent), m_uri(std::move(uri)), m_options(std::move(options)),
      m_state(std::make_shared<State>())
{}

Discovery::~Discovery()
{
    cancel();
    wait();
}

void Discovery::start(QThreadPool *pool)
{
    {
        QMutexLocker lock(&m_state->mutex);
        if (m_state->started)
            return;
        m_state->started = true;
    }
    std::shared_ptr<State> state = m_state;
    (pool ? pool : QThreadPool::globalInstance())->start([this, state] {
        DiscoveryResult r =
            run(m_uri, m_options, &state->cancel,
                [this](int done, int total, const QString &table) { emit progress(done, total, table); });
        {
            QMutexLocker lock(&state->mutex);
            state->result = r;
        }
        emit finished();
        // Last: once waiters wake, the Discovery may be destroyed; only `state` is touched from here on.
        QMutexLocker lock(&state->mutex);
        state->finished = true;
        state->done.wakeAll();
    });
}

void Discovery::cancel()
{
    m_state->cancel.store(true);
}

bool Discovery::wait(int timeoutMs)
{
    QMutexLocker lock(&m_state->mutex);
    if (!m_state->started)
        return true;
    QDeadlineTimer deadline(timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever)
                                          : QDeadlineTimer(timeoutMs));
    while (!m_state->finished)
        if (!m_state->done.wait(&m_state->mutex, deadline))
            return m_state->finished;
    return true;
}

bool Discovery::isFinished() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->finished;
}

DiscoveryResult Discovery::result() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->result;
}

DiscoveryResult Discovery::run(const SourceUri &uri, const DiscoveryOptions &options,
                               const std::atomic<bool> *cancel, const DiscoveryProgress &progress)
{
    DiscoveryResult result;
    Catalog &catalog = result.catalog;
    catalog.sourceName = options.sourceName.isEmpty() ? defaultSourceName(uri) : options.sourceName;
    catalog.sourceUri = uri.toString();
    catalog.kind = uri.kind;
    catalog.discoveredAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    auto cancelled = [cancel] { return cancel && cancel->load(); };

    auto connection = openAnySource(uri, options.password);
    if (!connection) {
        result.error = connection.error();
        return result;
    }
    if (cancelled()) {
        result.cancelled = true;
        return result;
    }
    auto tables = (*connection)->listTables();
    if (!tables) {
        result.error = tables.error();
        return result;
    }
    const int total = int(tables->size());
    int done = 0;
    for (const TableInfo &info : *tables) {
        if (cancelled()) {
            result.cancelled = true;
            break;
        }
        CatalogTable table = CatalogTable::fromTableInfo(info);
        const bool wanted =
            options.profile && (options.profileTables.isEmpty() ||
                                options.profileTables.contains(info.name, Qt::CaseInsensitive));
        if (wanted && !table.hasError()) {
            auto profiles = profileTable(**connection, info.name, options.profileOptions, cancel);
            if (profiles) {
                for (qsizetype i = 0; i < table.columns.size() && i < profiles->size(); ++i)
                    table.columns[i].profile = profiles->at(i);
            } else if (profiles.error().code == QLatin1String("catalog.cancelled")) {
                result.cancelled = true;
                catalog.tables.append(table);
                break;
            } else {
                table.errorCode = profiles.error().code;
                table.errorMessage = profiles.error().message;
            }
        }
        if (table.hasError())
            result.tableErrors.append(
                TableError{table.name, Error::make(table.errorCode, table.errorMessage)});
        catalog.tables.append(table);
        ++done;
        if (progress)
            progress(done, total, info.name);
    }
    // QtSql connections must close on the thread that opened them: this one.
    connection = Error{};
    result.loadPlan = planLoadOrder(catalog.tables);
    // A cancelled run is incomplete: it must not replace the catalog a complete run stored before.
    if (options.writer && !result.cancelled) {
        if (auto saved = CatalogStore::save(*options.writer, catalog); !saved)
            result.error = saved.error();
    }
    return result;
}

} // namespace ferry
