#pragma once

#include "model/anomaly.h"
#include "model/event.h"
#include "model/statediff.h"

#include <QString>

namespace Rewind {

class Domain;
class History;
class WhatIfStream;
struct SnapshotCheck;

/// Everything the inspector and the status bar show about the event at the playhead, computed
/// once per move: the event, the state of its stream just before and after it (each loaded the
/// fastest way the core knows), what it changed, and how long that took.
struct PointDetails {
    Event event; ///< position 0 when there is none
    const Domain* domain = nullptr; ///< the one that folds the event's stream
    QString chartPath;
    JsonValue before;
    JsonValue after;
    QList<Change> changes;
    Anomalies anomalies;
    const SnapshotCheck* snapshot = nullptr; ///< taken right after this event, if any
    QString howComputed; ///< for the state after the event
    qint64 eventsApplied = 0;
    double milliseconds = 0;
    QString error;
    /// What if: the states are those of the stream's alternate fold, some of its events at or
    /// before this one switched off; `anomalies` are the fold's, `realAnomalies` the log's own.
    bool whatIf = false;
    bool switchedOff = false; ///< this very event is switched off (it changes nothing here)
    Anomalies realAnomalies;

    bool isValid() const { return event.position > 0 && error.isEmpty(); }
    /// `fold`: the alternate history of the event's stream, when some of its events are off.
    static PointDetails compute(const History& history, qint64 position, const WhatIfStream* fold = nullptr);
};

} // namespace Rewind
