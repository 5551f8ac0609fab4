#pragma once

#include <QString>

#include <optional>
#include <string_view>

namespace Rewind {

/// Event times as logs write them: ISO 8601 with an offset or `Z` (none means UTC), or epoch
/// milliseconds. Returns milliseconds since the epoch, or nothing when the text is no time.
/// Times outside the years 0 to 9999 are no times either: nothing could print them.
std::optional<qint64> parseEventTime(const QString& text);

/// The form most logs write, `2026-08-05T09:00:00Z` or `2026-08-05T09:00:00.250Z` (UTF-8, years 1
/// to 9999), read without a QString or a QDateTime: a log has a time on every line, and
/// QDateTime's parser was a sixth of the time spent reading one. The same milliseconds as
/// parseEventTime; nothing for every other form, which the caller then hands to parseEventTime.
std::optional<qint64> parseUtcTimestamp(std::string_view text);

/// The first and last millisecond event times can have (the years 0 to 9999).
inline constexpr qint64 EarliestEventTime = -62167219200000;
inline constexpr qint64 LatestEventTime = 253402300799999;

} // namespace Rewind
