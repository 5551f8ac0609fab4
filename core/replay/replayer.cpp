#include "replay/replayer.h"

namespace Rewind {

QString countOfEvents(qint64 count)
{
    return count == 1 ? QStringLiteral("1 event") : QStringLiteral("%1 events").arg(count);
}

QString StateAt::howComputed() const
{
    if (fromCheckpoint)
        return QStringLiteral("from checkpoint v%1 + %2 events").arg(*fromCheckpoint).arg(eventsApplied);
    if (fromSnapshot)
        return QStringLiteral("from snapshot v%1 + %2").arg(fromSnapshot->version).arg(countOfEvents(eventsApplied));
    return QStringLiteral("replayed %1").arg(countOfEvents(eventsApplied));
}

Replayer::Replayer(const EventSource& source, const Domain& domain)
    : m_source(source)
    , m_domain(domain)
{
}

Result<StateAt> Replayer::replay(const QString& stream, qint64 position) const
{
    StateAt start;
    start.stream = stream;
    start.state = m_domain.initialState();
    return foldFrom(std::move(start), 1, position);
}

Result<StateAt> Replayer::load(const QString& stream, qint64 position) const
{
    const auto snapshots = m_source.snapshots(stream);
    if (!snapshots)
        return snapshots.error();
    return loadFrom(stream, position, *snapshots);
}

Result<StateAt> Replayer::loadFrom(
    const QString& stream, qint64 position, const QList<Snapshot>& snapshots, const CheckpointCache* checkpoints) const
{
    const Snapshot* best = nullptr;
    for (const Snapshot& snapshot : snapshots) {
        if (snapshot.stream == stream && snapshot.position > 0 && snapshot.position <= position
            && (!best || snapshot.position > best->position))
            best = &snapshot;
    }
    // A checkpoint at the same place wins: cloning a native state is cheaper than reading JSON.
    const CheckpointCache::Checkpoint* checkpoint = checkpoints ? checkpoints->at(stream, m_domain, position) : nullptr;
    if (checkpoint && (!best || checkpoint->position >= best->position)) {
        StateAt start;
        start.stream = stream;
        start.state = checkpoint->state->clone();
        start.version = checkpoint->version;
        start.position = checkpoint->position;
        start.at = checkpoint->at;
        start.fromCheckpoint = checkpoint->version;
        return foldFrom(std::move(start), checkpoint->position + 1, position);
    }
    if (!best)
        return replay(stream, position);

    StateAt start;
    start.stream = stream;
    start.state = m_domain.stateFromJson(best->state);
    start.version = best->version;
    start.position = best->position;
    start.at = best->at;
    start.fromSnapshot = *best;
    const auto snapshotEvent = m_source.eventAt(best->position);
    if (!snapshotEvent)
        return snapshotEvent.error();
    if (snapshotEvent->position == best->position)
        start.at = snapshotEvent->at;
    return foldFrom(std::move(start), best->position + 1, position);
}

Result<StateAt> Replayer::resume(StateAt from, qint64 position) const
{
    const qint64 next = from.position + 1;
    return foldFrom(std::move(from), next, position);
}

Result<StateAt> Replayer::foldFrom(StateAt start, qint64 fromPosition, qint64 toPosition) const
{
    if (toPosition < fromPosition)
        return start;
    // Domains fold data only: the metadata is not even read.
    const Status status =
        m_source.readEvents({ start.stream, fromPosition, toPosition, false }, [&](const Event& event) {
            m_domain.evolve(*start.state, event, start.anomalies);
            start.version = event.version;
            start.position = event.position;
            start.at = event.at;
            ++start.eventsApplied;
            return true;
        });
    if (!status)
        return status.error();
    return start;
}

Result<qint64> Replayer::positionOfVersion(const QString& stream, qint64 version) const
{
    return m_source.positionOfVersion(stream, version);
}

Result<qint64> Replayer::positionAtTime(const QString& stream, qint64 msSinceEpoch) const
{
    return m_source.lastPositionWhere(stream, [msSinceEpoch](const Event& event) { return event.at <= msSinceEpoch; });
}

} // namespace Rewind
