#include "sources/memoryeventsource.h"

#include <algorithm>
#include <limits>

namespace Rewind {

MemoryEventSource::MemoryEventSource(QString path, QString kind)
    : m_path(std::move(path))
    , m_kind(std::move(kind))
{
}

void MemoryEventSource::addEvent(Event event) { m_events.append(std::move(event)); }

void MemoryEventSource::addSnapshot(Snapshot snapshot) { m_snapshots.append(std::move(snapshot)); }

void MemoryEventSource::finish()
{
    // Versions left out count 1, 2, 3 … per stream in file order; positions left out follow
    // the line order, after the highest position the file did give.
    QHash<QString, qint64> lastVersion;
    qint64 highestPosition = 0;
    bool everyVersion = true;
    for (const Event& event : std::as_const(m_events)) {
        highestPosition = std::max(highestPosition, event.position);
        m_versionsGiven = m_versionsGiven || event.version > 0;
        everyVersion = everyVersion && event.version > 0;
    }
    for (Event& event : m_events) {
        // Counting versions per stream costs a lookup per event: only when some are missing.
        if (!everyVersion) {
            qint64& last = lastVersion[event.stream];
            if (event.version <= 0) {
                if (last == std::numeric_limits<qint64>::max()) {
                    // Numbered on would wrap to a negative version: left unnumbered, and said.
                    if (!m_numberingProblem) {
                        m_numberingProblem = QStringLiteral("stream '%1' reaches version %2, so its next event has no "
                                                            "version to take")
                                                 .arg(event.stream)
                                                 .arg(last);
                    }
                } else {
                    event.version = last + 1;
                }
            }
            last = std::max(last, event.version);
        }
        if (event.position <= 0) {
            if (highestPosition == std::numeric_limits<qint64>::max()) {
                if (!m_numberingProblem) {
                    m_numberingProblem = QStringLiteral("the file gives position %1, so an event without one has no "
                                                        "position to take")
                                             .arg(highestPosition);
                }
            } else {
                event.position = ++highestPosition;
            }
        }
    }
    const auto byPosition = [](const Event& a, const Event& b) { return a.position < b.position; };
    // Most logs are in order already; checking is a fraction of what sorting a million costs.
    if (!std::is_sorted(m_events.cbegin(), m_events.cend(), byPosition))
        std::stable_sort(m_events.begin(), m_events.end(), byPosition);

    // Snapshots without a position take the first event with their stream and version: one pass
    // over the events, not one per snapshot (a log of a million events has a thousand snapshots).
    QHash<std::pair<QString, qint64>, QList<qsizetype>> unplaced;
    for (qsizetype i = 0; i < m_snapshots.size(); ++i) {
        if (m_snapshots.at(i).position <= 0)
            unplaced[{ m_snapshots.at(i).stream, m_snapshots.at(i).version }].append(i);
    }
    for (auto event = m_events.cbegin(); event != m_events.cend() && !unplaced.isEmpty(); ++event) {
        const auto it = unplaced.constFind({ event->stream, event->version });
        if (it == unplaced.cend())
            continue;
        for (const qsizetype i : *it)
            m_snapshots[i].position = event->position;
        unplaced.erase(it);
    }
    std::stable_sort(m_snapshots.begin(), m_snapshots.end(), [](const Snapshot& a, const Snapshot& b) {
        return std::tie(a.stream, a.version) < std::tie(b.stream, b.version);
    });
}

Result<QList<StreamInfo>> MemoryEventSource::streams() const
{
    QList<StreamInfo> result;
    QHash<QString, qsizetype> indexOf;
    for (const Event& event : m_events) {
        auto it = indexOf.find(event.stream);
        if (it == indexOf.end()) {
            it = indexOf.insert(event.stream, result.size());
            result.append({ event.stream, 0, event.position, event.position, 0 });
        }
        StreamInfo& info = result[*it];
        ++info.eventCount;
        info.lastPosition = event.position;
        info.lastVersion = std::max(info.lastVersion, event.version);
    }
    return result;
}

Result<QList<Snapshot>> MemoryEventSource::snapshots(const QString& stream) const
{
    if (stream.isEmpty())
        return m_snapshots;
    QList<Snapshot> result;
    std::copy_if(m_snapshots.cbegin(), m_snapshots.cend(), std::back_inserter(result),
        [&](const Snapshot& s) { return s.stream == stream; });
    return result;
}

Status MemoryEventSource::readEvents(const EventFilter& filter, const std::function<bool(const Event&)>& visit) const
{
    auto it = std::lower_bound(m_events.cbegin(), m_events.cend(), filter.fromPosition,
        [](const Event& event, qint64 position) { return event.position < position; });
    for (; it != m_events.cend() && it->position <= filter.toPosition; ++it) {
        if (!filter.stream.isEmpty() && it->stream != filter.stream)
            continue;
        if (!visit(*it))
            break;
    }
    return {};
}

Result<Event> MemoryEventSource::eventAt(qint64 position) const
{
    const auto it = std::lower_bound(
        m_events.cbegin(), m_events.cend(), position, [](const Event& event, qint64 p) { return event.position < p; });
    return it != m_events.cend() && it->position == position ? *it : Event();
}

} // namespace Rewind
