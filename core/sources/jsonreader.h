#pragma once

#include "model/error.h"
#include "sources/logsource.h"
#include "sources/readoptions.h"
#include "sources/readreport.h"

#include <memory>

namespace Rewind {

/// Reads a JSON document of events: an array of records, or an object with an `events` array
/// (other keys, such as an export's own header, are skipped). Each record is what a JSON Lines
/// line would be; errors name the line where the bad record starts.
class JsonReader {
public:
    static Result<std::unique_ptr<LogSource>> read(
        const QString& path, const ReadOptions& options = {}, ReadReport* report = nullptr);
};

} // namespace Rewind
