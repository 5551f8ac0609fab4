#pragma once

#include "model/event.h"
#include "model/snapshot.h"
#include "sources/fieldmapping.h"

#include <QString>

#include <string_view>
#include <variant>

namespace Rewind {

/// One record of an exported log turned into an Event or a Snapshot, or the reason it cannot be
/// (without file and line: the reader that knows them adds them). Shared by every text format.
/// Fields are found by the mapping where it gives a path, else by the built-in aliases; the
/// event time is the record's time field, else `metadata.occurredAt` /
/// `metadata.timestamp` / `metadata.time`.
class LogRecord {
public:
    struct Problem {
        QString message;
        /// A field not found, or not of the form expected: a mapping could fix it.
        bool unmapped = false;
    };
    using Parsed = std::variant<Event, Snapshot, Problem>;

    /// Parses one JSON object's text (a JSON Lines line). `text` must be readable for
    /// `paddedSize` bytes (simdjson reads ahead), or pass paddedSize = 0 to have it copied.
    /// `used`, when given, receives where each field was found (`at` ← `meta.occurredAt`).
    static Parsed fromJson(
        std::string_view text, size_t paddedSize = 0, const FieldMapping& mapping = {}, FieldMapping* used = nullptr);
};

} // namespace Rewind
