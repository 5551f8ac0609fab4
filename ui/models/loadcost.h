#pragma once

#include "model/jsonvalue.h"

#include <QString>

namespace Rewind {

class History;

/// What it costs to load one stream at one position two ways, both measured: from the latest
/// stored snapshot at or before it plus the events since (what an event-sourced system does on
/// load), and by replaying every event from the start. When that snapshot is stale (it differs
/// from the replay), both states are kept: what trusting it would give, and what the log says.
struct LoadCost {
    QString stream;
    qint64 version = 0; ///< the stream's version at the position
    qint64 snapshotVersion = 0; ///< 0: no snapshot to start from
    bool snapshotStale = false;
    qint64 eventsFromSnapshot = 0;
    double millisecondsFromSnapshot = 0;
    qint64 eventsFromStart = 0;
    double millisecondsFromStart = 0;
    JsonValue trusted; ///< the state loaded from the snapshot
    JsonValue replayed; ///< the state the full replay gives
    QString error;

    /// Loads both ways; takes as long as a full replay of the stream up to `position`.
    static LoadCost measure(const History& history, const QString& stream, qint64 position);
};

} // namespace Rewind
