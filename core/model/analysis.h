#pragma once

#include "model/anomaly.h"
#include "model/snapshot.h"
#include "model/statediff.h"

#include <QList>

namespace Rewind {

class Domain;

/// One stream of an analysed history.
struct StreamAnalysis {
    QString id;
    const Domain* domain = nullptr;
    qint64 eventCount = 0;
    qint64 lastVersion = 0;
    qint64 firstPosition = 0;
    qint64 lastPosition = 0;
    qint64 anomalyCount = 0;
};

/// Whether a stored snapshot equals the replay up to its version.
struct SnapshotCheck {
    Snapshot snapshot;
    bool matches = true;
    bool found = true; ///< false when the stream has no event of that version
    QList<Change> differences; ///< from the replayed state to the snapshot's state
};

/// Everything a full pass over a history finds.
struct Analysis {
    QList<StreamAnalysis> streams; ///< in order of first appearance
    Anomalies anomalies; ///< every anomaly, in position order
    QList<SnapshotCheck> snapshots;

    bool clean() const;
    const StreamAnalysis* stream(const QString& id) const;
};

} // namespace Rewind
