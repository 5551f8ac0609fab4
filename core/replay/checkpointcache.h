#pragma once

#include "domains/domain.h"
#include "model/state.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

namespace Rewind {

/// The debugger's own cache of states: for each stream, the state after every `interval`-th of
/// its events, kept in memory only (never written into the user's files). Built in one pass over
/// the history; afterwards the state at any position costs at most `interval` event applications
/// from the checkpoint before it. Each stream's checkpoints remember the domain that folded them:
/// asking with another domain finds none, so a cache never answers for a domain it was not
/// built with.
class CheckpointCache {
public:
    static constexpr qint64 DefaultInterval = 256;

    struct Checkpoint {
        qint64 position = 0; ///< of the last event folded
        qint64 version = 0;
        qint64 at = 0;
        std::shared_ptr<const State> state;
    };

    explicit CheckpointCache(qint64 interval = DefaultInterval);

    qint64 interval() const { return m_interval; }
    /// True when the `eventsInStream`-th event of a stream (1-based) is one to keep a state after.
    bool wants(qint64 eventsInStream) const { return eventsInStream % m_interval == 0; }
    /// Keeps a copy of `state`, the fold of `stream` up to `position` by `domain`. Positions of
    /// one stream must come in ascending order.
    void add(
        const QString& stream, const Domain& domain, qint64 position, qint64 version, qint64 at, const State& state);

    /// The latest checkpoint of `stream` at or before `position` folded by `domain`, or nullptr.
    const Checkpoint* at(const QString& stream, const Domain& domain, qint64 position) const;

    qsizetype streamCount() const { return m_streams.size(); }
    qsizetype checkpointCount() const;

private:
    struct Stream {
        const Domain* domain = nullptr;
        std::vector<Checkpoint> checkpoints; ///< by position, ascending
    };

    qint64 m_interval = DefaultInterval;
    QHash<QString, Stream> m_streams;
};

} // namespace Rewind
