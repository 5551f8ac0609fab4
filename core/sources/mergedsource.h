#pragma once

#include "model/error.h"
#include "sources/memoryeventsource.h"

#include <functional>
#include <memory>
#include <vector>

namespace Rewind {

/// Several opened files as one history: their events merged by time, ties (and events without a
/// time) in the order the files were given, each file's own order kept; global positions are
/// numbered anew. Streams whose files gave no versions are numbered across the files, so a
/// stream exported month by month is one stream with versions 1, 2, 3 …
class MergedSource {
public:
    static Result<std::unique_ptr<MemoryEventSource>> merge(std::vector<std::unique_ptr<EventSource>> sources);
};

} // namespace Rewind
