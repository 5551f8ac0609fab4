#include "models/pointdetails.h"

#include "replay/history.h"
#include "replay/whatif.h"

#include <QElapsedTimer>

namespace Rewind {

namespace {
/// What the log itself breaks (versions, positions, snapshots): the same with events switched
/// off, since the log does not change; the rest is the domain's and comes from the fold.
bool isAboutTheLog(const Anomaly& anomaly)
{
    static const QStringList kinds = { QLatin1String(AnomalyKind::VersionGap),
        QLatin1String(AnomalyKind::VersionDuplicate), QLatin1String(AnomalyKind::PositionDuplicate),
        QLatin1String(AnomalyKind::OutOfOrder), QLatin1String(AnomalyKind::SnapshotMismatch) };
    return kinds.contains(anomaly.kind);
}
}

PointDetails PointDetails::compute(const History& history, qint64 position, const WhatIfStream* fold)
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
    details.whatIf = fold && fold->stream() == details.event.stream && fold->from() > 0 && position >= fold->from();
    const auto stateAt = [&](qint64 at) {
        return details.whatIf ? fold->stateAt(history, at) : history.stateAt(details.event.stream, at);
    };
    const auto after = stateAt(position);
    const auto before = stateAt(position - 1);
    if (!after || !before) {
        details.error = (!after ? after.error() : before.error()).toString();
        return details;
    }
    details.after = after->state->toJson();
    details.before = before->state->toJson();
    details.howComputed = details.whatIf
        ? QStringLiteral("%1, without the switched-off events").arg(after->howComputed())
        : after->howComputed();
    details.eventsApplied = after->eventsApplied;
    details.changes = StateDiff::between(details.before, details.after);
    details.anomalies = history.anomaliesAt(position);
    if (details.whatIf) {
        details.switchedOff = fold->whatIf().isOff(position);
        details.realAnomalies = details.anomalies;
        details.anomalies = fold->anomaliesAt(position);
        for (const Anomaly& anomaly : std::as_const(details.realAnomalies)) {
            if (isAboutTheLog(anomaly))
                details.anomalies.append(anomaly);
        }
    }
    details.snapshot = history.snapshotAt(position);
    details.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    return details;
}

} // namespace Rewind
