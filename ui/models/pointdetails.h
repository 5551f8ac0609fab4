#pragma once

#include "model/anomaly.h"
#include "model/event.h"
#include "model/statediff.h"

#include <QString>

namespace Rewind {

class Domain;
class History;
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

    bool isValid() const { return event.position > 0 && error.isEmpty(); }
    static PointDetails compute(const History& history, qint64 position);
};

} // namespace Rewind
