#pragma once

#include "domains/domainregistry.h"
#include "model/error.h"
#include "model/eventsource.h"
#include "model/jsonvalue.h"

#include <functional>

namespace Rewind {

/// Questions asked of every event of a history (or of one stream): where did a condition first
/// hold, where last, everywhere; which events changed a field. One pass in global order folds
/// each event with its stream's domain and looks at the stream's state before and after it; a
/// `first` question stops at its answer.
class StateQuery {
public:
    enum class Which { First, Last, All };

    struct Options {
        QString stream; ///< empty: every stream
        const Domain* forcedDomain = nullptr; ///< nullptr: each stream's own
    };

    /// A condition on one event: its stream's state after it, before it, and the event. An
    /// Error stops the query.
    using Condition =
        std::function<Result<bool>(const JsonValue& state, const JsonValue& previous, const Event& event)>;

    /// One answer: the event, and for `changes` the value before and after it (Undefined where
    /// the field was absent).
    struct Match {
        Event event;
        JsonValue old;
        JsonValue now;
    };
    /// Sees each answer as it is found, in global order.
    using Found = std::function<void(const Match&)>;

    static Status where(const EventSource& source, const DomainRegistry& domains, const Options& options, Which which,
        const Condition& condition, const Found& found);
    /// Every event after which the value at `pointer` (RFC 6901, `/items/SKU-1/quantity`)
    /// differs from before it: set, changed or removed.
    static Status changes(const EventSource& source, const DomainRegistry& domains, const Options& options,
        const QString& pointer, const Found& found);

private:
    /// Sees each event with its stream's state before and after it; false stops the pass.
    using Visit = std::function<Result<bool>(const Event& event, const JsonValue& before, const JsonValue& after)>;
    static Status fold(const EventSource& source, const DomainRegistry& domains, const Options& options,
        bool withMetadata, const Visit& visit);
};

} // namespace Rewind
