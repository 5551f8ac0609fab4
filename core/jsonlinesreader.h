#pragma once

#include "error.h"
#include "memoryeventsource.h"

#include <functional>
#include <memory>

namespace Rewind {

/// Reads a JSON Lines log (one event or snapshot per line) into memory. The first malformed line
/// stops the read with `file:line: reason`; blank lines are skipped.
class JsonLinesReader {
public:
    /// `progress(bytesRead, bytesTotal)` may return false to cancel.
    static Result<std::unique_ptr<MemoryEventSource>> read(
        const QString& path, const std::function<bool(qint64, qint64)>& progress = {});
};

} // namespace Rewind
