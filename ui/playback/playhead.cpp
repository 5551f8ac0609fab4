#include "playback/playhead.h"

#include "replay/history.h"

#include <algorithm>

namespace Rewind {

Playhead::Playhead(QObject* parent)
    : QObject(parent)
{
}

void Playhead::setHistory(std::shared_ptr<const History> history)
{
    m_history = std::move(history);
    m_stream.clear();
    m_position = 0;
    m_row = -1;
    m_axisIndex = -1;
    rebuildAxis();
    emit historyChanged();
    emit streamChanged(m_stream);
    setAxisIndex(axisCount() - 1);
}

void Playhead::refreshAnalysis()
{
    rebuildAxis();
    emit analysisChanged();
}

QString Playhead::currentStream() const
{
    if (!m_history || m_row < 0)
        return {};
    const auto& index = m_history->index();
    return index.streamNames().value(index.entry(m_row).stream);
}

qsizetype Playhead::axisCount() const
{
    if (!m_history)
        return 0;
    return m_allStreams ? m_history->index().size() : m_streamRows.size();
}

qsizetype Playhead::axisRow(qsizetype axisIndex) const { return m_allStreams ? axisIndex : m_streamRows.at(axisIndex); }

qsizetype Playhead::axisIndexAtOrBefore(qint64 position) const
{
    if (!m_history)
        return -1;
    const auto& index = m_history->index();
    if (m_allStreams)
        return std::max<qsizetype>(index.rowAtOrBefore(position), 0);
    const auto it = std::upper_bound(m_streamRows.cbegin(), m_streamRows.cend(), position,
        [&index](qint64 p, qsizetype row) { return p < index.entry(row).position; });
    return std::max<qsizetype>((it - m_streamRows.cbegin()) - 1, 0);
}

void Playhead::rebuildAxis()
{
    m_streamRows.clear();
    m_snapshotMarks.clear();
    m_anomalyMarks.clear();
    m_allStreams = m_stream.isEmpty();
    if (!m_history)
        return;
    const auto& index = m_history->index();
    if (!m_allStreams)
        m_streamRows = index.rowsOfStream(index.streamIndex(m_stream));
    const qsizetype count = axisCount();
    for (qsizetype i = 0; i < count; ++i) {
        const quint32 flags = index.flags(axisRow(i));
        if (flags & HistoryIndex::HasSnapshot)
            m_snapshotMarks.append(i);
        if (flags & HistoryIndex::HasAnomaly)
            m_anomalyMarks.append(i);
    }
}

void Playhead::setPosition(qint64 position)
{
    if (axisCount() == 0)
        return;
    setAxisIndex(axisIndexAtOrBefore(position));
}

void Playhead::setAxisIndex(qsizetype axisIndex)
{
    const qsizetype count = axisCount();
    if (count == 0)
        return;
    m_axisIndex = std::clamp<qsizetype>(axisIndex, 0, count - 1);
    const qsizetype row = axisRow(m_axisIndex);
    const qint64 position = m_history->index().entry(row).position;
    if (row == m_row && position == m_position)
        return;
    m_row = row;
    m_position = position;
    emit positionChanged(m_position);
}

void Playhead::setStream(const QString& stream)
{
    if (stream == m_stream || !m_history)
        return;
    if (!stream.isEmpty() && m_history->index().streamIndex(stream) < 0)
        return;
    m_stream = stream;
    rebuildAxis();
    emit streamChanged(m_stream);
    const qint64 before = m_position;
    m_row = -1; // the axis changed: re-emit even when the event stays the same
    setPosition(before);
}

void Playhead::step(qsizetype delta)
{
    if (m_axisIndex < 0)
        return;
    setAxisIndex(m_axisIndex + delta);
}

bool Playhead::jumpToMark(const QList<qsizetype>& marks, int direction)
{
    if (marks.isEmpty() || m_axisIndex < 0)
        return false;
    if (direction > 0) {
        const auto it = std::upper_bound(marks.cbegin(), marks.cend(), m_axisIndex);
        if (it == marks.cend())
            return false;
        setAxisIndex(*it);
    } else {
        const auto it = std::lower_bound(marks.cbegin(), marks.cend(), m_axisIndex);
        if (it == marks.cbegin())
            return false;
        setAxisIndex(*std::prev(it));
    }
    return true;
}

bool Playhead::goToVersion(qint64 version, const QString& stream)
{
    if (!m_history)
        return false;
    const auto& index = m_history->index();
    const qint32 streamIdx = index.streamIndex(stream.isEmpty() ? currentStream() : stream);
    if (streamIdx < 0)
        return false;
    qsizetype best = -1;
    for (const qsizetype row : index.rowsOfStream(streamIdx)) {
        const qint64 v = index.entry(row).version;
        if (v <= version && (best < 0 || v >= index.entry(best).version))
            best = row;
    }
    if (best < 0)
        return false;
    if (!m_allStreams && index.streamNames().value(streamIdx) != m_stream)
        setStream(index.streamNames().value(streamIdx));
    setPosition(index.entry(best).position);
    return true;
}

qsizetype Playhead::axisIndexAtTime(qint64 msSinceEpoch) const
{
    // Times in a log need not increase, so no binary search: the last event in global order
    // that had happened by then, as Replayer::positionAtTime answers it.
    qsizetype found = -1;
    const qsizetype count = axisCount();
    for (qsizetype i = 0; i < count; ++i) {
        if (m_history->index().entry(axisRow(i)).at <= msSinceEpoch)
            found = i;
    }
    return found;
}

bool Playhead::goToTime(qint64 msSinceEpoch)
{
    const qsizetype found = axisIndexAtTime(msSinceEpoch);
    if (found < 0)
        return false;
    setAxisIndex(found);
    return true;
}

} // namespace Rewind
