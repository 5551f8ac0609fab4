#pragma once

#include "model/error.h"
#include "model/eventsource.h"

#include <memory>
#include <vector>

namespace Rewind {

class MemoryEventSource;

/// Several opened files as one history: their events merged by time, ties (and events without a
/// time) in the order the files were given, each file's own order kept; global positions are
/// numbered anew. Streams whose files gave no versions are numbered across the files, so a
/// stream exported month by month is one stream with versions 1, 2, 3 …
///
/// Logs read from text files (LogSource) are merged as indexes, so the merge stays as compact as
/// they are; when a store is among the sources, every event is read into a MemoryEventSource.
class MergedSource {
public:
    static Result<std::unique_ptr<EventSource>> merge(std::vector<std::unique_ptr<EventSource>> sources);
    /// The merge of any sources, every event held in memory.
    static Result<std::unique_ptr<MemoryEventSource>> mergeInMemory(std::vector<std::unique_ptr<EventSource>> sources);
};

} // namespace Rewind
