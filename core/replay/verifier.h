#pragma once

#include "domains/domainregistry.h"
#include "model/analysis.h"
#include "model/eventsource.h"

#include <QHash>

#include <functional>
#include <limits>
#include <optional>

namespace Rewind {

/// Replays a whole history once, stream by stream in global order, with each stream's domain,
/// and collects what breaks the rules: domain invariants, version gaps, duplicates and
/// disorder, unknown types, snapshots that differ from the replay.
class Verifier {
public:
    struct Options {
        const Domain* domain = nullptr; ///< forced for every stream; nullptr: chosen per stream
        QString stream; ///< empty: every stream
        std::function<bool(qint64 done, qint64 total)> progress; ///< returning false cancels
        std::function<void(const Event&)> onEvent; ///< sees every event of the pass, e.g. to index it
        /// Sees every event with its stream's state right after folding it and the count of the
        /// stream's events so far (to keep checkpoints).
        std::function<void(const Event&, const State&, qint64 eventsInStream)> onFolded;
        /// Sees each stream's state at the end of the pass (the state at `through`).
        std::function<void(const QString& stream, const State&)> onStreamFolded;
        /// The pass stops after this global position: a question about one point needs the
        /// events up to it only. Snapshots of later versions are then left unchecked.
        qint64 through = std::numeric_limits<qint64>::max();
        /// Known already (from an index): the pass skips the reads that would find them.
        std::optional<QHash<QString, const Domain*>> domains;
        std::optional<QList<StreamInfo>> streams;
    };

    static Result<Analysis> analyze(const EventSource& source, const DomainRegistry& domains, const Options& options);
    static Result<Analysis> analyze(const EventSource& source, const DomainRegistry& domains)
    {
        return analyze(source, domains, Options {});
    }
    /// The domain of every stream, chosen from its event types (or forced).
    static Result<QHash<QString, const Domain*>> chooseDomains(
        const EventSource& source, const DomainRegistry& domains, const Options& options);
};

} // namespace Rewind
