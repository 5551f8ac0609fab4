#pragma once

#include "model/event.h"
#include "model/snapshot.h"
#include "sources/fieldmapping.h"

#include <QString>

#include <optional>
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

    /// What the index of a log keeps of an event record: all but its data and metadata. The
    /// views are valid until the next record is read on the same thread.
    struct Header {
        std::string_view stream; ///< UTF-8; a stream id written as a number, as its digits
        std::string_view type; ///< UTF-8
        qint64 version = 0; ///< 0: not given
        qint64 position = 0; ///< 0: not given
        qint64 at = 0;
    };
    using Indexed = std::variant<Header, Snapshot, Problem>;

    /// Parses one JSON object's text (a JSON Lines line). `text` must be readable for
    /// `paddedSize` bytes (simdjson reads ahead), or pass paddedSize = 0 to have it copied.
    /// `used`, when given, receives where each field was found (`at` ← `meta.occurredAt`).
    static Parsed fromJson(
        std::string_view text, size_t paddedSize = 0, const FieldMapping& mapping = {}, FieldMapping* used = nullptr);
    /// fromJson for an index: the same checks in the same order (data and metadata included, so
    /// that reading them later cannot fail, and a record is refused for the same reason), the
    /// same snapshots, but an event's data and metadata are not copied.
    static Indexed headerFromJson(
        std::string_view text, size_t paddedSize, const FieldMapping& mapping = {}, FieldMapping* used = nullptr);
    /// The data and metadata fromJson gives for a record headerFromJson accepted, written into
    /// `event` (the rest of it is left alone); metadata is left `{}` unless `withMetadata`.
    static std::optional<Problem> payloadFromJson(
        std::string_view text, size_t paddedSize, const FieldMapping& mapping, bool withMetadata, Event& event);
};

} // namespace Rewind
