#include "models/eventfilterproxy.h"

#include "loading/backgroundpool.h"
#include "models/eventsmodel.h"
#include "replay/history.h"

#include <algorithm>

namespace Rewind {

namespace {

EventOrder orderOf(int column)
{
    switch (column) {
    case EventsModel::TimeColumn:
        return EventOrder::Time;
    case EventsModel::StreamColumn:
        return EventOrder::Stream;
    case EventsModel::VersionColumn:
        return EventOrder::Version;
    case EventsModel::TypeColumn:
        return EventOrder::Type;
    case EventsModel::ActorColumn:
        return EventOrder::Actor;
    case EventsModel::SummaryColumn:
        return EventOrder::Summary;
    default:
        return EventOrder::Position;
    }
}

} // namespace

EventFilterProxy::EventFilterProxy(QObject* parent)
    : QAbstractProxyModel(parent)
{
    // Setters called together (a new history, a stream and a type) start one search.
    m_pending.setSingleShot(true);
    m_pending.setInterval(0);
    connect(&m_pending, &QTimer::timeout, this, &EventFilterProxy::start);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const Rows>>::progressValueChanged, this,
        [this](int permille) { emit searchProgress(permille, m_watcher.progressText().toLongLong()); });
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const Rows>>::finished, this, [this] {
        if (m_watcher.isCanceled() || m_watcher.future().resultCount() == 0)
            return;
        show(m_watcher.result());
    });
}

EventFilterProxy::~EventFilterProxy()
{
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

void EventFilterProxy::setSourceModel(QAbstractItemModel* source)
{
    if (QAbstractItemModel* old = sourceModel())
        disconnect(old, nullptr, this, nullptr);
    beginResetModel();
    QAbstractProxyModel::setSourceModel(source);
    m_rows.reset();
    endResetModel();
    if (!source)
        return;
    // A new history: every row at once, then the criteria applied to it in the background.
    connect(source, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_watcher.cancel();
        m_searching = false;
        beginResetModel();
    });
    connect(source, &QAbstractItemModel::modelReset, this, [this] {
        m_rows.reset();
        endResetModel();
        schedule();
    });
    connect(source, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex&, const QModelIndex&, const QList<int>& roles) {
            // Only the analysis changes data (icons and tooltips): every shown row may have.
            if (rowCount() > 0)
                emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), roles);
        });
}

void EventFilterProxy::setHistory(std::shared_ptr<const History> history)
{
    m_history = std::move(history);
    schedule();
}

void EventFilterProxy::setCriteria(const EventCriteria& criteria)
{
    if (criteria == m_criteria)
        return;
    m_criteria = criteria;
    schedule();
}

void EventFilterProxy::setStreamIndex(int stream)
{
    EventCriteria criteria = m_criteria;
    criteria.stream = stream;
    setCriteria(criteria);
}

void EventFilterProxy::setTypes(const QSet<qint32>& types, bool exclude)
{
    EventCriteria criteria = m_criteria;
    criteria.types = types;
    criteria.excludeTypes = exclude && !types.isEmpty();
    setCriteria(criteria);
}

void EventFilterProxy::setActors(const QSet<QString>& actors, bool exclude)
{
    EventCriteria criteria = m_criteria;
    criteria.actors = actors;
    criteria.excludeActors = exclude && !actors.isEmpty();
    setCriteria(criteria);
}

void EventFilterProxy::setText(const QString& text)
{
    EventCriteria criteria = m_criteria;
    criteria.text = text;
    setCriteria(criteria);
}

void EventFilterProxy::sort(int column, Qt::SortOrder order)
{
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    schedule();
}

void EventFilterProxy::cancel()
{
    m_pending.stop();
    if (!m_searching)
        return;
    m_watcher.cancel();
    m_searching = false;
    emit searchCancelled();
}

bool EventFilterProxy::showsEverything() const
{
    return !m_criteria.narrows()
        && (m_sortColumn < 0 || (orderOf(m_sortColumn) == EventOrder::Position && m_sortOrder == Qt::AscendingOrder));
}

void EventFilterProxy::schedule() { m_pending.start(); }

void EventFilterProxy::start()
{
    m_watcher.cancel();
    m_searching = false;
    if (!m_history || !sourceModel() || showsEverything()) {
        show(nullptr);
        return;
    }
    m_searching = true;
    emit searchStarted();
    const EventCriteria criteria = m_criteria;
    const bool sorted = m_sortColumn >= 0;
    const EventOrder order = orderOf(m_sortColumn);
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    m_watcher.setFuture(runInBackground<std::shared_ptr<const Rows>>(
        [history = m_history, criteria, sorted, order, descending](QPromise<std::shared_ptr<const Rows>>& promise) {
            promise.setProgressRange(0, 1000);
            const auto progress = [&promise](qint64 done, qint64 total, qint64 matches) {
                if (promise.isCanceled())
                    return false;
                promise.setProgressValueAndText(
                    int(done * 1000 / std::max<qint64>(total, 1)), QString::number(matches));
                return true;
            };
            auto rows = std::make_shared<Rows>();
            auto found = EventSearch::matchingRows(*history, criteria, progress);
            if (!found) {
                if (found.error().kind == Error::Kind::Cancelled)
                    return;
                rows->error = found.error().toString();
                promise.addResult(std::shared_ptr<const Rows>(std::move(rows)));
                return;
            }
            rows->rows = std::move(found).value();
            if (sorted) {
                const Status sorting = EventSearch::sortRows(*history, rows->rows, order, descending, progress);
                if (!sorting && sorting.error().kind == Error::Kind::Cancelled)
                    return;
                if (!sorting)
                    rows->error = sorting.error().toString();
            }
            if (!std::is_sorted(rows->rows.begin(), rows->rows.end())) {
                rows->proxyRowOf.assign(size_t(history->index().size()), -1);
                for (size_t i = 0; i < rows->rows.size(); ++i)
                    rows->proxyRowOf[size_t(rows->rows[i])] = qint32(i);
            }
            promise.addResult(std::shared_ptr<const Rows>(std::move(rows)));
        }));
}

void EventFilterProxy::show(std::shared_ptr<const Rows> rows)
{
    m_searching = false;
    m_error = rows ? rows->error : QString();
    if (!m_error.isEmpty()) {
        emit searchFinished();
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    emit searchFinished();
}

QModelIndex EventFilterProxy::index(int row, int column, const QModelIndex& parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex EventFilterProxy::parent(const QModelIndex&) const { return {}; }

int EventFilterProxy::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !sourceModel())
        return 0;
    return m_rows ? int(m_rows->rows.size()) : sourceModel()->rowCount();
}

int EventFilterProxy::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

QModelIndex EventFilterProxy::mapToSource(const QModelIndex& proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel())
        return {};
    const int row = m_rows ? m_rows->rows[size_t(proxyIndex.row())] : proxyIndex.row();
    return sourceModel()->index(row, proxyIndex.column());
}

QModelIndex EventFilterProxy::mapFromSource(const QModelIndex& sourceIndex) const
{
    if (!sourceIndex.isValid())
        return {};
    if (!m_rows)
        return index(sourceIndex.row(), sourceIndex.column());
    const auto& rows = m_rows->rows;
    if (!m_rows->proxyRowOf.empty()) {
        const qint32 row = m_rows->proxyRowOf.at(size_t(sourceIndex.row()));
        return row < 0 ? QModelIndex() : index(row, sourceIndex.column());
    }
    const auto at = std::lower_bound(rows.begin(), rows.end(), sourceIndex.row());
    if (at == rows.end() || *at != sourceIndex.row())
        return {};
    return index(int(at - rows.begin()), sourceIndex.column());
}

QVariant EventFilterProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Columns are the source's own; rows have no header.
    if (orientation != Qt::Horizontal || !sourceModel())
        return {};
    return sourceModel()->headerData(section, orientation, role);
}

} // namespace Rewind
