#pragma once

#include "model/jsonvalue.h"

#include <QChar>
#include <QString>

namespace Rewind {

struct Event;

/// The words domains build their one-line event summaries from (`+1,000.00 by alice`,
/// `−2 × Coffee mug`), so every domain writes money, signs and actors alike.
namespace SummaryText {

inline constexpr QChar Minus(0x2212); ///< −, the typographic minus
inline constexpr QChar Times(0x00D7); ///< ×

/// Money as people read it: `1,000.00`, `−20,665.50`; other values as compact JSON.
QString money(const JsonValue& value);
/// Any JSON value in one line, numbers as written: `"bob"`, `1234`, `{"sku":"A"}`.
QString json(const JsonValue& value);
/// ` by alice`, or nothing when the event names no actor.
QString byActor(const Event& event);
/// The event's data as compact JSON, cut to one readable line: the summary of a type no
/// domain describes.
QString compactData(const Event& event);

} // namespace SummaryText

} // namespace Rewind
