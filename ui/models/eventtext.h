#pragma once

#include "model/jsonvalue.h"

#include <QString>

namespace Rewind {

class Domain;

/// How values and times read in the window. What an event did, and which fields hold money, is
/// the domain's to say (Domain::summary, Domain::isMoney); this formats what it says.
namespace EventText {

/// Money as people read it (`1,000.00`); other values as compact JSON.
QString money(const JsonValue& value);
/// A JSON value in one line, numbers exactly as written, money-formatted when `isMoney`.
QString value(const JsonValue& value, bool isMoney = false);
/// Whether the field at a JSON Pointer (`/items/A/unitPrice`) holds money in `domain`
/// (false without one).
bool isMoneyPath(const Domain* domain, const QString& path);
/// `2026-08-03 09:00:00` in UTC, the zone the logs are written in.
QString time(qint64 msSinceEpoch);

} // namespace EventText

} // namespace Rewind
