#pragma once

#include <QAbstractTableModel>

#include <memory>

namespace Rewind {

class History;

/// The streams of a history, with "All streams" as row 0: domain, events, anomalies.
class StreamsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { StreamColumn, DomainColumn, EventsColumn, AnomaliesColumn, ColumnCount };
    enum Roles {
        StreamIdRole = Qt::UserRole, ///< QString; empty for "All streams"
        SortRole,
        AllStreamsRole, ///< bool, true for row 0
    };

    explicit StreamsModel(QObject* parent = nullptr);

    void setHistory(std::shared_ptr<const History> history);
    /// The history's analysis arrived: the same streams, now with their anomaly counts.
    void refreshAnalysis();
    /// The row of a stream id (0 for empty: all streams), or -1.
    int rowOf(const QString& stream) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const History> m_history;
};

} // namespace Rewind
