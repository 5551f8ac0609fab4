#include "replay/checkpointcache.h"

#include <algorithm>

namespace Rewind {

CheckpointCache::CheckpointCache(qint64 interval)
    : m_interval(std::max<qint64>(1, interval))
{
}

void CheckpointCache::add(
    const QString& stream, const Domain& domain, qint64 position, qint64 version, qint64 at, const State& state)
{
    Stream& entry = m_streams[stream];
    if (entry.domain != &domain) {
        // Another domain's states are useless for this one: start over.
        entry.domain = &domain;
        entry.checkpoints.clear();
    }
    Q_ASSERT(entry.checkpoints.empty() || entry.checkpoints.back().position < position);
    entry.checkpoints.push_back({ position, version, at, std::shared_ptr<const State>(state.clone()) });
}

const CheckpointCache::Checkpoint* CheckpointCache::at(
    const QString& stream, const Domain& domain, qint64 position) const
{
    const auto found = m_streams.constFind(stream);
    if (found == m_streams.cend() || found->domain != &domain)
        return nullptr;
    const std::vector<Checkpoint>& checkpoints = found->checkpoints;
    const auto after = std::upper_bound(checkpoints.cbegin(), checkpoints.cend(), position,
        [](qint64 p, const Checkpoint& checkpoint) { return p < checkpoint.position; });
    return after == checkpoints.cbegin() ? nullptr : &*std::prev(after);
}

qsizetype CheckpointCache::checkpointCount() const
{
    qsizetype count = 0;
    for (const Stream& stream : m_streams)
        count += qsizetype(stream.checkpoints.size());
    return count;
}

} // namespace Rewind
