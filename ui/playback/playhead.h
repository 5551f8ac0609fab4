#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace Rewind {

class History;

/// The one point of the history every view follows: the event at the playhead (by global
/// position) and the stream the views are narrowed to (empty: all streams). It also knows the
/// "axis" — the events shown, all of them or one stream's — and moves along it event by event,
/// snapshot to snapshot, anomaly to anomaly, or to a version or a time.
class Playhead : public QObject {
    Q_OBJECT
public:
    explicit Playhead(QObject* parent = nullptr);

    /// A new history: all streams, the playhead on the last event.
    void setHistory(std::shared_ptr<const History> history);
    const History* history() const { return m_history.get(); }
    std::shared_ptr<const History> sharedHistory() const { return m_history; }
    /// The history's analysis has arrived (anomalies, snapshot checks, checkpoints): the marks
    /// are rebuilt, and everything that shows them is told, without moving the playhead.
    void refreshAnalysis();

    /// Global position of the current event; 0 when the history is empty.
    qint64 position() const { return m_position; }
    /// The row of the current event in History::index(), or -1.
    qsizetype row() const { return m_row; }
    /// The stream of the current event (not the filter).
    QString currentStream() const;
    /// The stream the views are narrowed to; empty for all streams.
    QString stream() const { return m_stream; }

    /// The events on the axis: all, or those of the chosen stream, in global order.
    qsizetype axisCount() const;
    qsizetype axisRow(qsizetype axisIndex) const; ///< its row in History::index()
    qsizetype axisIndex() const { return m_axisIndex; } ///< where the playhead is, or -1
    /// The axis index of the last axis event at or before `position` (0 when before all).
    qsizetype axisIndexAtOrBefore(qint64 position) const;
    /// Axis indices of events followed by a snapshot, and of events with anomalies.
    const QList<qsizetype>& snapshotMarks() const { return m_snapshotMarks; }
    const QList<qsizetype>& anomalyMarks() const { return m_anomalyMarks; }

public slots:
    /// Moves to the axis event at or before `position` (the first one when none is).
    void setPosition(qint64 position);
    void setAxisIndex(qsizetype axisIndex);
    /// Narrows to a stream (empty: all). The playhead stays on the event at or before it in that stream.
    void setStream(const QString& stream);
    void step(qsizetype delta);
    void stepBack() { step(-1); }
    void stepForward() { step(1); }
    void goToFirst() { setAxisIndex(0); }
    void goToLast() { setAxisIndex(axisCount() - 1); }
    bool goToPreviousSnapshot() { return jumpToMark(m_snapshotMarks, -1); }
    bool goToNextSnapshot() { return jumpToMark(m_snapshotMarks, 1); }
    bool goToPreviousAnomaly() { return jumpToMark(m_anomalyMarks, -1); }
    bool goToNextAnomaly() { return jumpToMark(m_anomalyMarks, 1); }

public:
    /// The event of `stream` (or of the current stream when empty) with the highest version
    /// ≤ `version`. False when the stream has none.
    bool goToVersion(qint64 version, const QString& stream = {});
    /// The last axis event whose time is ≤ `msSinceEpoch` (what "the balance at 14:00" means).
    bool goToTime(qint64 msSinceEpoch);
    /// The axis index of the last event with time ≤ `msSinceEpoch`, or -1.
    qsizetype axisIndexAtTime(qint64 msSinceEpoch) const;

signals:
    void historyChanged();
    /// The same history, now analysed (see refreshAnalysis).
    void analysisChanged();
    void streamChanged(const QString& stream);
    void positionChanged(qint64 position);

private:
    bool jumpToMark(const QList<qsizetype>& marks, int direction);
    void rebuildAxis();

    std::shared_ptr<const History> m_history;
    QString m_stream;
    bool m_allStreams = true;
    QList<qsizetype> m_streamRows; ///< the axis when narrowed to a stream
    QList<qsizetype> m_snapshotMarks;
    QList<qsizetype> m_anomalyMarks;
    qint64 m_position = 0;
    qsizetype m_row = -1;
    qsizetype m_axisIndex = -1;
};

} // namespace Rewind
