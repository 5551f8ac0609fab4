#pragma once

#include "model/error.h"
#include "model/event.h"
#include "model/jsonvalue.h"

#include <QJSValue>

class QJSEngine;

/// How values cross between Rewind and a user's JavaScript. JavaScript numbers are doubles: a
/// number goes in as the nearest double, and comes back as the shortest text of that double —
/// unless the script left it as it was, in which case the text it came in with is kept, so ids
/// and amounts a script does not touch keep every digit (`like` is the value the script was given).
namespace Rewind::ScriptValues {

/// A state or projection holds at most this many values: a runaway script is stopped there.
inline constexpr qint64 MaxValues = 1'000'000;
/// …and nests at most this deep (a state that refers to itself would otherwise never end).
inline constexpr int MaxDepth = 256;

QJSValue toScript(QJSEngine& engine, const JsonValue& value);
/// What JSON.stringify would keep: undefined members and functions are left out, a number that
/// is not finite becomes null, a Date its ISO 8601 text. An Error when the value nests too deep
/// or is too large.
Result<JsonValue> fromScript(const QJSValue& value, const JsonValue& like = {});
/// `{stream, version, position, type, at, data, metadata}`, `at` in ISO 8601.
QJSValue eventToScript(QJSEngine& engine, const Event& event);

} // namespace Rewind::ScriptValues
