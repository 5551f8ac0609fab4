#pragma once

#include "model/jsonwriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace Rewind {

/// One RFC 6902 operation with an RFC 6901 path; `old` holds the replaced or removed value.
struct Change {
    enum class Op { Add, Remove, Replace };
    Op op = Op::Replace;
    QString path;
    QJsonValue value; ///< add, replace
    QJsonValue old; ///< remove, replace

    JsonWriter toJsonWriter() const; ///< `{"op":"replace","path":"/balance","value":900,"old":1000}`
    QJsonObject toJson() const;
    bool operator==(const Change&) const = default;
};

/// What an event changed: the JSON Patch that turns `before` into `after`, leaf by leaf, in
/// key order so the output is stable.
class StateDiff {
public:
    static QList<Change> between(const QJsonObject& before, const QJsonObject& after);
    static QJsonArray toJson(const QList<Change>& changes);
    static QList<JsonWriter> toJsonWriters(const QList<Change>& changes);
    /// RFC 6901: `~` → `~0`, `/` → `~1`.
    static QString escapePointerToken(const QString& token);
    /// The value at a JSON Pointer, or Undefined.
    static QJsonValue valueAt(const QJsonObject& root, const QString& pointer);
};

} // namespace Rewind
