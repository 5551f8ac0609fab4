#pragma once

#include "model/anomaly.h"
#include "model/error.h"
#include "model/eventsource.h"
#include "model/jsonvalue.h"
#include "scripts/scriptprogram.h"

#include <limits>
#include <memory>

namespace Rewind {

/// A read model folded over every stream in global order (`fromAll`), written in JavaScript:
/// a file whose value is `{ init, when: { Type: (state, event) => state }, filter? }` (balances by
/// owner, actions by actor, cart totals…), rebuilt by replaying the history. A handler that throws
/// or runs past the time limit is reported and its event left out: the fold goes on from the
/// read model as it was before that event.
class ScriptProjection {
public:
    /// What a projection gave.
    struct Projected {
        JsonValue readModel;
        qint64 eventsRead = 0;
        qint64 eventsApplied = 0; ///< those a handler took
        Anomalies problems; ///< script-error and script-timeout, at their events
    };

    static Result<ScriptProjection> load(
        const QString& path, std::chrono::milliseconds timeLimit = ScriptProgram::DefaultTimeLimit);

    /// Folds every event with position ≤ `through`, on the calling thread.
    Result<Projected> project(const EventSource& source, qint64 through = std::numeric_limits<qint64>::max()) const;

private:
    explicit ScriptProjection(std::shared_ptr<const ScriptProgram> program);

    std::shared_ptr<const ScriptProgram> m_program;
};

} // namespace Rewind
