#pragma once

#include "error.h"
#include "eventsource.h"

#include <functional>
#include <memory>

namespace Rewind {

/// Opens any history Rewind reads, recognizing its kind by content, not by file name: Rewind's
/// store (read-only), JSON Lines. A file that is none of them gets one line saying so.
class SourceOpener {
public:
    enum class Kind { Unknown, RewindStore, OtherSqlite, JsonLines, Json, Empty, Binary, Missing };

    static Kind detect(const QString& path);
    static Result<std::unique_ptr<EventSource>> open(
        const QString& path, const std::function<bool(qint64, qint64)>& progress = {});
};

} // namespace Rewind
