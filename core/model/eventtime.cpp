#include "model/eventtime.h"

#include <QDateTime>
#include <QTimeZone>

namespace Rewind {

std::optional<qint64> parseEventTime(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;

    bool isNumber = false;
    const qint64 epochMs = trimmed.toLongLong(&isNumber);
    if (isNumber) {
        if (epochMs < EarliestEventTime || epochMs > LatestEventTime)
            return std::nullopt;
        return epochMs;
    }

    QString iso = trimmed;
    // "2026-08-05 09:00:00" is common in exports; ISO 8601 wants the T.
    if (iso.size() > 10 && iso.at(10) == QLatin1Char(' '))
        iso[10] = QLatin1Char('T');
    QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc()); // no offset written: the log means UTC, not our zone
    const qint64 ms = time.toMSecsSinceEpoch();
    if (ms < EarliestEventTime || ms > LatestEventTime)
        return std::nullopt;
    return ms;
}

} // namespace Rewind
