#pragma once

#include "domains/domain.h"
#include "model/anomaly.h"
#include "model/eventsource.h"
#include "model/snapshot.h"
#include "replay/checkpointcache.h"

#include <QString>

#include <memory>
#include <optional>

namespace Rewind {

/// "1 event", "3 events"
QString countOfEvents(qint64 count);

/// The state of one stream at one point, and how it was reached.
struct StateAt {
    QString stream;
    std::unique_ptr<State> state;
    qint64 version = 0; ///< version of the last event folded (0: none)
    qint64 position = 0; ///< its global position
    qint64 at = 0; ///< its time
    Anomalies anomalies; ///< found in the events folded here (snapshot loads skip earlier ones)
    qint64 eventsApplied = 0;
    std::optional<Snapshot> fromSnapshot; ///< set when the fold started from a snapshot
    std::optional<qint64> fromCheckpoint; ///< the version of the checkpoint the fold started from

    /// "from checkpoint v512 + 3 events", "from snapshot v500 + 3 events" or "replayed 503 events"
    QString howComputed() const;
};

/// Folds the events of a stream into state, from the domain's initial state (a full replay) or
/// from the latest snapshot at or before the target (what an event-sourced system does on load).
class Replayer {
public:
    Replayer(const EventSource& source, const Domain& domain);

    /// Every event of the stream with position ≤ `position`, from the initial state.
    Result<StateAt> replay(const QString& stream, qint64 position) const;
    /// The latest snapshot at or before `position` + the events after it; a full replay when
    /// there is no such snapshot.
    Result<StateAt> load(const QString& stream, qint64 position) const;
    /// The same, choosing only among `snapshots` (e.g. those known to match the replay), or from
    /// the latest of `checkpoints` (built with this replayer's domain) when that one is later.
    Result<StateAt> loadFrom(const QString& stream, qint64 position, const QList<Snapshot>& snapshots,
        const CheckpointCache* checkpoints = nullptr) const;

    /// Carries a fold already made (`from`) on through the stream's events up to `position`.
    Result<StateAt> resume(StateAt from, qint64 position) const;

    /// The position of the last event of the stream with version ≤ `version` (0 when none).
    Result<qint64> positionOfVersion(const QString& stream, qint64 version) const;
    /// The position of the last event of the stream at or before `msSinceEpoch` (0 when none).
    Result<qint64> positionAtTime(const QString& stream, qint64 msSinceEpoch) const;

private:
    Result<StateAt> foldFrom(StateAt start, qint64 fromPosition, qint64 toPosition) const;

    const EventSource& m_source;
    const Domain& m_domain;
};

} // namespace Rewind
