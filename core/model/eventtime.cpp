#include "model/eventtime.h"

#include <QDateTime>
#include <QTimeZone>

namespace Rewind {

namespace {
/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar, as QDate counts them.
qint64 daysFromCivil(qint64 year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const qint64 yearOfEra = year - era * 400;
    const qint64 dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

int daysInMonth(qint64 year, int month)
{
    static constexpr int Days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : Days[month - 1];
}
}

std::optional<qint64> parseUtcTimestamp(std::string_view text)
{
    // yyyy-MM-ddTHH:mm:ss, then .zzz or nothing, then Z: 20 or 24 bytes.
    if (text.size() != 20 && text.size() != 24)
        return std::nullopt;
    const auto digits = [&](size_t from, size_t count) -> int {
        int value = 0;
        for (size_t i = from; i < from + count; ++i) {
            const char c = text[i];
            if (c < '0' || c > '9')
                return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    };
    if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text.back() != 'Z')
        return std::nullopt;
    const int year = digits(0, 4);
    const int month = digits(5, 2);
    const int day = digits(8, 2);
    const int hour = digits(11, 2);
    const int minute = digits(14, 2);
    const int second = digits(17, 2);
    int millisecond = 0;
    if (text.size() == 24) {
        if (text[19] != '.')
            return std::nullopt;
        millisecond = digits(20, 3);
    }
    // Whatever is unusual (year 0, 24:00, a leap second, a digit missing) is left to QDateTime.
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59 || millisecond < 0)
        return std::nullopt;
    return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60000 + second * 1000 + millisecond;
}

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
