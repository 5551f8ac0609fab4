#pragma once

#include <QString>

#include <optional>

namespace Rewind {

/// Event times as logs write them: ISO 8601 with an offset or `Z` (none means UTC), or epoch
/// milliseconds. Returns milliseconds since the epoch, or nothing when the text is no time.
/// Times outside the years 0 to 9999 are no times either: nothing could print them.
std::optional<qint64> parseEventTime(const QString& text);

/// The first and last millisecond event times can have (the years 0 to 9999).
inline constexpr qint64 EarliestEventTime = -62167219200000;
inline constexpr qint64 LatestEventTime = 253402300799999;

} // namespace Rewind
