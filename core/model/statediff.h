#pragma once

#include "model/jsonvalue.h"
#include "model/jsonwriter.h"

#include <QList>
#include <QString>

namespace Rewind {

/// One RFC 6902 operation with an RFC 6901 path; `old` holds the replaced or removed value.
/// Values are exact: a change of 0.0001 in 1234567890123.4567 is a change.
struct Change {
    enum class Op { Add, Remove, Replace };
    Op op = Op::Replace;
    QString path;
    JsonValue value; ///< add, replace
    JsonValue old; ///< remove, replace

    JsonWriter toJsonWriter() const; ///< `{"op":"replace","path":"/balance","value":900,"old":1000}`
    bool operator==(const Change&) const = default;
};

/// What an event changed: the JSON Patch that turns `before` into `after`, leaf by leaf, in
/// key order so the output is stable. Numbers compare by value (`1.50` is `1.5`).
class StateDiff {
public:
    static QList<Change> between(const JsonValue& before, const JsonValue& after);
    static QList<JsonWriter> toJsonWriters(const QList<Change>& changes);
    /// RFC 6901: `~` → `~0`, `/` → `~1`.
    static QString escapePointerToken(const QString& token);
};

} // namespace Rewind
