#pragma once

#include <QString>

#include <array>
#include <optional>

namespace Rewind {

/// Which of a record's fields holds each of Rewind's own fields. Exports name the same things
/// differently (`streamId`, `aggregate_uuid`, `eventType`, `payload` …); the names of SPEC.md's
/// alias table are recognized without configuration, case and `_`/camelCase insensitive.
class FieldMapping {
public:
    enum Field { Stream, Type, Version, Position, At, Data, Metadata, Kind, State, FieldCount };

    /// Rewind's name for a field: `stream`, `type`, …
    static QString fieldName(Field field);
    /// `streamId`, `stream_id`, `STREAMID` → `streamid`
    static QString normalizedKey(QStringView key);
    /// The field a record key stands for under the built-in aliases. The native name ranks
    /// first, so a record with both `stream` and `streamId` uses `stream`.
    static std::optional<Field> detect(QStringView key, int* rank = nullptr);
};

} // namespace Rewind
