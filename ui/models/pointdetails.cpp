#include "models/pointdetails.h"

#include "replay/history.h"

#include <QElapsedTimer>

namespace Rewind {

PointDetails PointDetails::compute(const History& history, qint64 position)
{
    PointDetails details;
    QElapsedTimer timer;
    timer.start();
    auto read = history.eventAt(position);
    if (!read) {
        details.error = read.error().toString();
        return details;
    }
    details.event = std::move(read).value();
    if (details.event.position == 0) {
        details.error = QStringLiteral("no event at position %1").arg(position);
        return details;
    }
    const Domain& domain = history.domainOf(details.event.stream);
    details.domain = &domain;
    details.chartPath = domain.chartPath();
    // Two loads rather than History::beforeAndAfter: stateAt starts from matching snapshots, so
    // moving the playhead stays fast on long streams, and it is what the status bar reports.
    const auto after = history.stateAt(details.event.stream, position);
    const auto before = history.stateAt(details.event.stream, position - 1);
    if (!after || !before) {
        details.error = (!after ? after.error() : before.error()).toString();
        return details;
    }
    details.after = after->state->toJson();
    details.before = before->state->toJson();
    details.howComputed = after->howComputed();
    details.eventsApplied = after->eventsApplied;
    details.changes = StateDiff::between(details.before, details.after);
    details.anomalies = history.anomaliesAt(position);
    details.snapshot = history.snapshotAt(position);
    details.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    return details;
}

} // namespace Rewind
