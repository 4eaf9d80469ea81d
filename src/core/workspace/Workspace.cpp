#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceSchema.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include "workspace/SchemaInternal.h"
#include "workspace/Sqlite.h"

#include <QFileInfo>

#include <sqlite3.h>

namespace ferry {

struct Workspace::Private
{
    QString path;
    int version = 0;
    int versionBeforeOpen = 0;
    std::unique_ptr<WorkspaceReader> reader;
    std::unique_ptr<WorkspaceWriter> writer;
    Error writerError;
};

namespace {

Error closedError(const QString &path)
{
    return Error::make("workspace.closed", QStringLiteral("Workspace '%1' is closed.").arg(path));
}

Result<std::unique_ptr<WorkspaceReader>> openReader(const QString &path)
{
    auto reader = WorkspaceReader::open(path);
    if (!reader) {
        return reader.error();
    }
    return std::move(reader).value();
}

} // namespace

int Workspace::currentSchemaVersion()
{
    return WorkspaceSchema::currentVersion();
}

Workspace::Workspace(std::unique_ptr<Private> dd) : m_d(std::move(dd)) {}

Workspace::~Workspace()
{
    close();
}

Result<std::unique_ptr<Workspace>> Workspace::create(const QString &givenPath)
{
    const QString path = QFileInfo(givenPath).absoluteFilePath();
    if (Status s = schema::createFile(path, currentSchemaVersion()); !s) {
        return s.error();
    }
    return open(path);
}

Result<std::unique_ptr<Workspace>> Workspace::open(const QString &givenPath)
{
    const QString path = QFileInfo(givenPath).absoluteFilePath();
    const QFileInfo info(path);
    if (!info.exists()) {
        return Error::make(
            "workspace.not-found",
            QStringLiteral("Cannot open workspace '%1': the file does not exist. Check the path, or "
                           "create a new workspace.")
                .arg(path));
    }
    if (!info.isFile()) {
        return Error::make("workspace.not-a-workspace",
                           QStringLiteral("Cannot open workspace '%1': it is not a file.").arg(path));
    }
    // An empty file would be taken by SQLite for an empty database; it is not a workspace, and probing it
    // must not turn it into one.
    if (info.size() == 0) {
        return Error::make(
            "workspace.not-a-workspace",
            QStringLiteral("Cannot open '%1': the file is empty, so it is not a Ferry workspace. "
                           "Choose a .ferry workspace file or create a new one.")
                .arg(path));
    }
    auto db = sqlite::openConnection(path, SQLITE_OPEN_READWRITE);
    if (!db) {
        return db.error();
    }
    // Only reads until the file is known to be ours and not newer, so a refused file is left untouched.
    auto version = schema::probe(*db, path);
    if (!version) {
        sqlite::closeConnection(*db);
        return version.error();
    }
    if (*version < currentSchemaVersion()) {
        Status upgraded = sqlite::execScript(*db, path, "PRAGMA journal_mode = WAL");
        if (upgraded) {
            upgraded = schema::upgrade(*db, path, *version, currentSchemaVersion());
        }
        if (!upgraded) {
            sqlite::closeConnection(*db);
            return upgraded.error();
        }
    }
    sqlite::closeConnection(*db);

    auto reader = openReader(path);
    if (!reader) {
        return reader.error();
    }
    auto priv = std::make_unique<Private>();
    priv->path = path;
    priv->version = currentSchemaVersion();
    priv->versionBeforeOpen = *version;
    priv->reader = std::move(reader).value();
    return std::unique_ptr<Workspace>(new Workspace(std::move(priv)));
}

QString Workspace::path() const
{
    return m_d->path;
}

int Workspace::schemaVersion() const
{
    return m_d->version;
}

int Workspace::versionBeforeOpen() const
{
    return m_d->versionBeforeOpen;
}

Result<QList<PlanEntry>> Workspace::planEntries() const
{
    if (!m_d->reader) {
        return closedError(m_d->path);
    }
    auto rows = m_d->reader->query(
        "SELECT plan_order, table_name, records_to_migrate, records_done, validated, workers "
        "FROM table_plan ORDER BY plan_order, table_name");
    if (!rows) {
        return rows.error();
    }
    QList<PlanEntry> entries;
    entries.reserve(rows->size());
    for (const SqlRow &row : *rows) {
        PlanEntry e;
        e.order = row.value(0).toInt();
        e.tableName = row.value(1).toString();
        e.recordsToMigrate = row.value(2).toLongLong();
        e.recordsDone = row.value(3).toLongLong();
        e.validated = row.value(4).toLongLong() != 0;
        e.workers = row.value(5).toInt();
        entries.append(std::move(e));
    }
    return entries;
}

WorkspaceReader &Workspace::reader() const
{
    Q_ASSERT(m_d->reader);
    return *m_d->reader;
}

WorkspaceWriter *Workspace::writer()
{
    if (!m_d->writer && m_d->reader) {
        auto writer = WorkspaceWriter::start(m_d->path);
        if (writer) {
            m_d->writer = std::move(writer).value();
        } else {
            m_d->writerError = writer.error();
        }
    }
    if (!m_d->reader && !m_d->writer) {
        m_d->writerError = closedError(m_d->path);
    }
    return m_d->writer.get();
}

Error Workspace::writerError() const
{
    return m_d->writerError;
}

Status Workspace::setPlanEntries(const QList<PlanEntry> &entries, std::chrono::milliseconds timeout)
{
    WorkspaceWriter *w = writer();
    if (!w) {
        return m_d->writerError;
    }
    return w->submitAndWait(
        [entries](WriteTransaction &tx) -> Status {
            if (Status s = tx.exec("DELETE FROM table_plan"); !s) {
                return s;
            }
            for (const PlanEntry &e : entries) {
                Status s = tx.exec("INSERT INTO table_plan (plan_order, table_name, records_to_migrate, "
                                   "records_done, validated, workers) VALUES (?, ?, ?, ?, ?, ?)",
                                   {e.order, e.tableName, e.recordsToMigrate, e.recordsDone,
                                    e.validated ? 1 : 0, e.workers});
                if (!s) {
                    return s;
                }
            }
            return {};
        },
        timeout);
}

void Workspace::close()
{
    // The reader goes first so that the writer's connection is the last one: closing it checkpoints the WAL
    // into the main file, which is then complete on its own when copied.
    m_d->reader.reset();
    m_d->writer.reset();
}

} // namespace ferry
