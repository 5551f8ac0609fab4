#pragma once

#include "replay/eventsearch.h"

#include <QAbstractProxyModel>
#include <QFutureWatcher>
#include <QTimer>

#include <memory>
#include <vector>

namespace Rewind {

class History;

/// The events table narrowed and sorted. With a million events neither fits on the GUI thread,
/// so the proxy works out its rows in the background (EventSearch) and swaps them in with one
/// reset when they are ready; meanwhile it keeps showing the rows it had, and says how far the
/// search has gone. Criteria and order set together start one search.
class EventFilterProxy : public QAbstractProxyModel {
    Q_OBJECT
public:
    explicit EventFilterProxy(QObject* parent = nullptr);
    ~EventFilterProxy() override;

    /// The history the source model shows; searches read its events.
    void setHistory(std::shared_ptr<const History> history);

    void setCriteria(const EventCriteria& criteria);
    const EventCriteria& criteria() const { return m_criteria; }
    void setStreamIndex(int stream); ///< -1: every stream
    void setTypes(const QSet<qint32>& types, bool exclude = false); ///< empty: every type
    void setActors(const QSet<QString>& actors, bool exclude = false); ///< empty: everyone
    void setText(const QString& text); ///< words; `-word` excludes; empty: no search

    /// Sorts in the background; column -1 is global order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /// Whether a search or sort is under way (the rows shown are the previous ones).
    bool isSearching() const { return m_pending.isActive() || m_searching; }
    /// Stops the search under way; the rows shown stay as they were.
    void cancel();
    /// Why the last search failed (a read error), or empty.
    QString error() const { return m_error; }

    void setSourceModel(QAbstractItemModel* source) override;
    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex& proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex& sourceIndex) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void searchStarted();
    /// `permille` of the events looked at; `matches` found so far.
    void searchProgress(int permille, qint64 matches);
    /// New rows are shown (or the search failed: see error()).
    void searchFinished();
    void searchCancelled();

private:
    /// The rows shown, as rows of the source; absent means every row in global order.
    struct Rows {
        std::vector<qint32> rows;
        std::vector<qint32> proxyRowOf; ///< by source row, -1 when hidden; empty when `rows` ascend
        QString error;
    };
    void schedule();
    void start();
    void show(std::shared_ptr<const Rows> rows);
    bool showsEverything() const;

    std::shared_ptr<const History> m_history;
    EventCriteria m_criteria;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::shared_ptr<const Rows> m_rows;
    QString m_error;
    QTimer m_pending;
    /// From a search's start until its rows are shown or it is cancelled: a finished future's
    /// rows reach this thread a little later.
    bool m_searching = false;
    QFutureWatcher<std::shared_ptr<const Rows>> m_watcher;
};

} // namespace Rewind
