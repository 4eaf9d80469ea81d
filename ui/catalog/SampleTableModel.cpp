#include "SampleTableModel.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace ferry::ui {

SampleTableModel::SampleTableModel(QObject *parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<ferry::ui::SampleChunk>();
    m_thread.setObjectName(QStringLiteral("ferry-sample"));
    m_loader = new SampleLoader(m_latest);
    m_loader->moveToThread(&m_thread);
    // The reader and its connection must be destroyed on the thread that opened them.
    connect(&m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    // Queued: the loader emits on its worker thread; the model may only change on the GUI thread.
    connect(m_loader, &SampleLoader::fetched, this, &SampleTableModel::handleChunk, Qt::QueuedConnection);
    m_thread.start();
}

SampleTableModel::~SampleTableModel()
{
    // Makes a batch in progress stop early, then lets the thread finish its queue.
    m_latest->store(m_generation + 1);
    m_thread.quit();
    m_thread.wait();
}

quint64 SampleTableModel::nextGeneration()
{
    m_generation = m_latest->fetch_add(1) + 1;
    return m_generation;
}

void SampleTableModel::setTable(const QString &uri, const QString &password, const QString &table)
{
    beginResetModel();
    const quint64 generation = nextGeneration();
    m_table = table;
    m_columns.clear();
    m_rows.clear();
    m_error.clear();
    m_more = true;
    m_pending = true;
    endResetModel();
    SampleLoader *loader = m_loader;
    QMetaObject::invokeMethod(
        loader,
        [loader, generation, uri, password, table] {
            loader->open(generation, uri, password, table, batchRows());
        },
        Qt::QueuedConnection);
    emit stateChanged();
}

void SampleTableModel::clear()
{
    beginResetModel();
    nextGeneration();
    m_table.clear();
    m_columns.clear();
    m_rows.clear();
    m_error.clear();
    m_more = false;
    m_pending = false;
    endResetModel();
    SampleLoader *loader = m_loader;
    QMetaObject::invokeMethod(
        loader, [loader] { loader->close(); }, Qt::QueuedConnection);
    emit stateChanged();
}

void SampleTableModel::handleChunk(const ferry::ui::SampleChunk &chunk)
{
    if (chunk.generation != m_generation)
        return; // an answer for a table no longer shown
    m_pending = false;
    m_error = chunk.errorMessage;
    if (m_columns.isEmpty() && !chunk.columns.isEmpty()) {
        beginInsertColumns({}, 0, int(chunk.columns.size()) - 1);
        m_columns = chunk.columns;
        endInsertColumns();
    }
    const int room = maxRows() - int(m_rows.size());
    const int count = std::min(room, int(chunk.rows.size()));
    if (count > 0) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()) + count - 1);
        m_rows.append(chunk.rows.mid(0, count));
        endInsertRows();
    }
    m_more = chunk.more && m_error.isEmpty() && m_rows.size() < maxRows();
    emit stateChanged();
}

int SampleTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SampleTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant SampleTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantList &row = m_rows.at(index.row());
    const QVariant cell = index.column() < row.size() ? row.at(index.column()) : QVariant();
    switch (role) {
    case Qt::DisplayRole:
        return cell.isValid() ? cell : QVariant(QStringLiteral("NULL"));
    case Qt::ToolTipRole:
        return cell.isValid() ? cell : QVariant(tr("null"));
    case Qt::FontRole:
        if (!cell.isValid()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (!cell.isValid())
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    default:
        return {};
    }
}

QVariant SampleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < m_columns.size() ? QVariant(m_columns.at(section)) : QVariant();
    return section + 1;
}

bool SampleTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more && !m_pending;
}

void SampleTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_pending = true;
    const quint64 generation = m_generation;
    const int rows = std::min(batchRows(), maxRows() - int(m_rows.size()));
    SampleLoader *loader = m_loader;
    QMetaObject::invokeMethod(
        loader, [loader, generation, rows] { loader->fetch(generation, rows); }, Qt::QueuedConnection);
    emit stateChanged();
}

} // namespace ferry::ui
