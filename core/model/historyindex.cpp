#include "model/historyindex.h"

#include <algorithm>
#include <atomic>

namespace Rewind {

qint32 HistoryIndex::intern(QStringList& names, QHash<QString, qint32>& index, const QString& name)
{
    auto it = index.constFind(name);
    if (it != index.cend())
        return *it;
    const auto id = qint32(names.size());
    names.append(name);
    index.insert(name, id);
    return id;
}

void HistoryIndex::append(const Event& event)
{
    m_entries.append({ event.position, event.at, event.version, intern(m_streams, m_streamIndex, event.stream),
        intern(m_types, m_typeIndex, event.type), 0 });
}

void HistoryIndex::append(QList<Entry>&& entries)
{
    if (m_entries.isEmpty())
        m_entries = std::move(entries);
    else
        m_entries.append(entries);
}

void HistoryIndex::setFlags(qsizetype row, quint32 flags)
{
    // Written in place, never through a detaching data(): readers on other threads keep reading
    // the same buffer while the analysis marks it.
    auto& target = const_cast<Entry&>(m_entries.at(row)).flags;
    std::atomic_ref<quint32>(target).fetch_or(flags, std::memory_order_relaxed);
}

quint32 HistoryIndex::flags(qsizetype row) const
{
    return std::atomic_ref<quint32>(const_cast<quint32&>(m_entries.at(row).flags)).load(std::memory_order_relaxed);
}

void HistoryIndex::markSnapshot(qint64 position)
{
    if (const qsizetype row = rowOf(position); row >= 0)
        setFlags(row, HasSnapshot);
}

void HistoryIndex::markAnalysis(const Analysis& analysis)
{
    for (const Anomaly& anomaly : analysis.anomalies) {
        if (const qsizetype row = rowOf(anomaly.position); row >= 0)
            setFlags(row, HasAnomaly);
    }
    for (const SnapshotCheck& check : analysis.snapshots) {
        if (const qsizetype row = rowOf(check.snapshot.position); row >= 0)
            setFlags(row, HasSnapshot | (check.matches ? 0U : quint32(SnapshotDiffers)));
    }
}

qsizetype HistoryIndex::rowAtOrBefore(qint64 position) const
{
    const auto it = std::upper_bound(m_entries.cbegin(), m_entries.cend(), position,
        [](qint64 p, const Entry& entry) { return p < entry.position; });
    return (it - m_entries.cbegin()) - 1;
}

qsizetype HistoryIndex::rowOf(qint64 position) const
{
    const qsizetype row = rowAtOrBefore(position);
    return row >= 0 && m_entries.at(row).position == position ? row : -1;
}

QList<qsizetype> HistoryIndex::rowsOfStream(qint32 stream) const
{
    QList<qsizetype> rows;
    for (qsizetype row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).stream == stream)
            rows.append(row);
    }
    return rows;
}

} // namespace Rewind
