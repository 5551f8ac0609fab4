#include "models/loadcost.h"

#include "replay/history.h"
#include "replay/replayer.h"

#include <QElapsedTimer>

namespace Rewind {

LoadCost LoadCost::measure(const History& history, const QString& stream, qint64 position)
{
    LoadCost cost;
    cost.stream = stream;
    // The store's snapshots as they are, trusted the way a system under study trusts them:
    // History::stateAt would refuse a stale one, which is the point this comparison shows.
    const Replayer replayer(history.source(), history.domainOf(stream));
    QElapsedTimer timer;
    timer.start();
    const auto loaded = replayer.load(stream, position);
    cost.millisecondsFromSnapshot = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    const auto replayed = replayer.replay(stream, position);
    cost.millisecondsFromStart = double(timer.nsecsElapsed()) / 1e6;
    if (!loaded || !replayed) {
        cost.error = (!loaded ? loaded.error() : replayed.error()).toString();
        return cost;
    }
    cost.version = replayed->version;
    cost.eventsFromStart = replayed->eventsApplied;
    cost.replayed = replayed->state->toJson();
    cost.eventsFromSnapshot = loaded->eventsApplied;
    cost.trusted = loaded->state->toJson();
    if (loaded->fromSnapshot) {
        cost.snapshotVersion = loaded->fromSnapshot->version;
        cost.snapshotStale = !(cost.trusted == cost.replayed);
        // The analysis compared the snapshot with the replay at its own version: a difference
        // that later events overwrote is still a stale snapshot.
        for (const SnapshotCheck& check : history.analysis().snapshots) {
            if (check.snapshot.stream == stream && check.snapshot.version == cost.snapshotVersion)
                cost.snapshotStale = cost.snapshotStale || !check.matches;
        }
    }
    return cost;
}

} // namespace Rewind
