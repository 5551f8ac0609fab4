#pragma once

#include "model/error.h"
#include "sources/logsource.h"
#include "sources/readoptions.h"
#include "sources/readreport.h"

#include <memory>

namespace Rewind {

/// Reads a CSV export of events: a header row naming the columns (the same names and aliases as
/// JSON Lines, or a mapping), then one event per row. `data` and `metadata` columns hold JSON
/// text; every other column goes into `data` (numbers and true/false as JSON values), and
/// `data.x` / `metadata.x` columns into that object's key `x`. Quoted fields may hold commas,
/// doubled quotes and line breaks (RFC 4180); `;` and tab separators are recognized too.
/// Errors name the line where the row starts, and the row when the two differ.
class CsvReader {
public:
    static Result<std::unique_ptr<LogSource>> read(
        const QString& path, const ReadOptions& options = {}, ReadReport* report = nullptr);
};

} // namespace Rewind
