#pragma once

#include "model/error.h"
#include "sources/memoryeventsource.h"
#include "sources/readoptions.h"
#include "sources/readreport.h"

#include <functional>
#include <memory>

namespace Rewind {

/// Reads a JSON Lines log (one event or snapshot per line) into memory. The first malformed line
/// stops the read with `file:line: reason` (unless ReadOptions says to count and skip); blank
/// lines are skipped.
class JsonLinesReader {
public:
    static Result<std::unique_ptr<MemoryEventSource>> read(
        const QString& path, const ReadOptions& options, ReadReport* report = nullptr);
    /// `progress(bytesRead, bytesTotal)` may return false to cancel.
    static Result<std::unique_ptr<MemoryEventSource>> read(
        const QString& path, const std::function<bool(qint64, qint64)>& progress = {});
};

} // namespace Rewind
