#pragma once

#include <QString>

#include <optional>

namespace Rewind {

/// Event times as logs write them: ISO 8601 with an offset or `Z` (none means UTC), or epoch
/// milliseconds. Returns milliseconds since the epoch, or nothing when the text is no time.
std::optional<qint64> parseEventTime(const QString& text);

} // namespace Rewind
