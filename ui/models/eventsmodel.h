#pragma once

#include <QAbstractTableModel>
#include <QCache>
#include <QIcon>

#include <memory>

namespace Rewind {

class History;
class WhatIfSwitches;

/// Every event of a history as a table row, in global order. Rows come from the compact
/// HistoryIndex; actor and summary need the full event, which is read from the source when a
/// row is first shown and kept in a small cache of recently used rows.
class EventsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        PositionColumn,
        TimeColumn,
        StreamColumn,
        VersionColumn,
        TypeColumn,
        ActorColumn,
        SummaryColumn,
        ColumnCount
    };
    enum Roles {
        PositionRole = Qt::UserRole, ///< qint64 global position
        StreamIndexRole, ///< int, into HistoryIndex::streamNames()
        TypeIndexRole, ///< int, into HistoryIndex::typeNames()
        FlagsRole, ///< HistoryIndex flags
        ActorRole, ///< QString (reads the event)
        SortRole, ///< a value that sorts naturally (numbers as numbers)
    };
    static constexpr int CachedRows = 512;

    explicit EventsModel(QObject* parent = nullptr);

    void setHistory(std::shared_ptr<const History> history);
    /// The history's analysis arrived: the snapshot and anomaly icons change, nothing else.
    void refreshAnalysis();
    const History* history() const { return m_history.get(); }
    /// Switched-off events are drawn struck through and dimmed; later events of their streams
    /// show the what-if's anomalies (hollow ▲) instead of the log's, and their tooltips say both.
    void setWhatIf(const WhatIfSwitches* switches);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Details {
        QString actor;
        QString summary;
    };
    const Details& details(int row) const;
    void refreshIcons();

    std::shared_ptr<const History> m_history;
    mutable QCache<int, Details> m_cache { CachedRows };
    QIcon m_snapshotIcon;
    QIcon m_staleSnapshotIcon;
    QIcon m_anomalyIcon;
    QIcon m_bothIcon;
    QIcon m_staleBothIcon;
    QIcon m_whatIfAnomalyIcon;
    const WhatIfSwitches* m_switches = nullptr;
};

} // namespace Rewind
