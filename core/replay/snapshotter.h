#pragma once

#include "domains/domainregistry.h"
#include "store/eventstore.h"

namespace Rewind {

/// Takes snapshots the way an event-sourced system does: every N versions of a stream, the
/// replayed state is saved so that a later load starts there instead of at version 1.
class Snapshotter {
public:
    /// Saves a snapshot at every multiple of `every` of each stream (or of `stream` alone) that
    /// has none yet. Returns how many were written.
    static Result<qint64> takeEvery(EventStore& store, const DomainRegistry& domains, qint64 every,
        const QString& stream = {}, const Domain* forcedDomain = nullptr);
};

} // namespace Rewind
