#pragma once

#include "model/error.h"
#include "sources/logsource.h"
#include "sources/readoptions.h"
#include "sources/readreport.h"

#include <functional>
#include <memory>

namespace Rewind {

/// Reads a JSON Lines log (one event or snapshot per line) into a LogSource: an index of its
/// records, the file read a piece at a time, never whole. The first malformed line
/// stops the read with `file:line: reason` (unless ReadOptions says to count and skip); blank
/// lines are skipped.
class JsonLinesReader {
public:
    static Result<std::unique_ptr<LogSource>> read(
        const QString& path, const ReadOptions& options, ReadReport* report = nullptr);
    /// `progress(bytesRead, bytesTotal)` may return false to cancel.
    static Result<std::unique_ptr<LogSource>> read(
        const QString& path, const std::function<bool(qint64, qint64)>& progress = {});
};

} // namespace Rewind
