#pragma once

#include "model/error.h"
#include "model/event.h"

#include <QList>

namespace Rewind {

/// The history Rewind opens when it is given nothing: three bank accounts and two carts, used
/// by several people over five days, with snapshots, an overdraft, a snapshot that no longer
/// matches its replay, and a cart checked out with a wrong total — something to find in each view.
class DemoHistory {
public:
    /// The demo's events, in global order, with versions, positions and times filled in.
    static QList<Event> events();
    /// Writes the demo as a new Rewind store at `path` (which must not exist yet), with
    /// snapshots every 5 versions and one stale snapshot.
    static Status write(const QString& path);
};

} // namespace Rewind
