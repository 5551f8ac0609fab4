#pragma once

#include <QJsonValue>
#include <QString>

namespace Rewind {

class Domain;
struct Event;

/// How events and values read in the window: one-line summaries, money, times.
namespace EventText {

    /// `+1,000.00 by alice`, `−2 × Coffee mug`, `total 92.49`; compact data for unknown types.
    QString summary(const Event& event, const Domain& domain);
    /// Money as people read it (`1,000.00`); other values as compact JSON.
    QString money(const QJsonValue& value);
    /// A JSON value in one line, money-formatted when `isMoney`.
    QString value(const QJsonValue& value, bool isMoney = false);
    /// Whether a field of that name holds money in the built-in domains (`balance`, `amount`, …).
    bool isMoneyKey(const QString& key);
    /// `2026-08-03 09:00:00` in UTC, the zone the logs are written in.
    QString time(qint64 msSinceEpoch);

} // namespace EventText

} // namespace Rewind
