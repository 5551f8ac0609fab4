#include "model/event.h"

#include <QDateTime>
#include <QJsonDocument>

#include <chrono>
#include <cstdio>
#include <optional>

namespace Rewind {

namespace {
QJsonObject parseObject(const QByteArray& json) { return QJsonDocument::fromJson(json).object(); }

/// The object a JSON text holds; nothing when it holds anything else or is not JSON.
std::optional<QJsonObject> objectOf(const QByteArray& json)
{
    QJsonParseError parsed {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parsed);
    // Qt's parser takes numbers as doubles and calls 1e400 illegal; JSON allows it, and the
    // readers keep it as written.
    if (parsed.error == QJsonParseError::IllegalNumber && json.trimmed().startsWith('{'))
        return QJsonObject();
    if (parsed.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}
}

QJsonObject Event::dataObject() const { return parseObject(data); }

QJsonObject Event::metadataObject() const { return parseObject(metadata); }

QString Event::actor() const
{
    QString fromData = dataObject().value(QLatin1String("by")).toString();
    if (!fromData.isEmpty())
        return fromData;
    const QJsonObject meta = metadataObject();
    for (const auto key :
        { QLatin1String("by"), QLatin1String("actor"), QLatin1String("user"), QLatin1String("userId") }) {
        QString value = meta.value(key).toString();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

Result<JsonWriter> Event::toJsonWriter() const
{
    const auto notAnObject = [this](QLatin1String field, const QByteArray& text) {
        constexpr qsizetype Shown = 60;
        return Error::badInput(
            QStringLiteral("the event at position %1 (stream %2, version %3) has %4 that is not a JSON object: %5%6")
                .arg(position)
                .arg(stream)
                .arg(version)
                .arg(field)
                .arg(QString::fromUtf8(text.left(Shown)))
                .arg(text.size() > Shown ? QStringLiteral("…") : QString()));
    };
    if (!objectOf(data))
        return notAnObject(QLatin1String("data"), data);
    if (!objectOf(metadata))
        return notAnObject(QLatin1String("metadata"), metadata);
    JsonWriter json;
    json.add("stream", stream)
        .add("version", version)
        .add("position", position)
        .add("type", type)
        .add("at", formatTime(at))
        // Checked to be objects above, and written as they are: numbers keep every digit.
        .addJson("data", data)
        .addJson("metadata", metadata);
    return json;
}

QString formatTime(qint64 msSinceEpoch)
{
    // By hand for the years of four digits, as QDateTime writes them: a query or a script fold
    // formats a time for every event, and QDateTime's formatting costs a microsecond or more.
    using namespace std::chrono;
    const auto time = sys_time<milliseconds>(milliseconds(msSinceEpoch));
    const auto day = floor<days>(time);
    const year_month_day date(day);
    const int year = int(date.year());
    if (year < 0 || year > 9999) {
        const QDateTime dateTime = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
        return dateTime.toString(msSinceEpoch % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
    }
    const hh_mm_ss clock(time - day);
    const auto ms = clock.subseconds().count();
    char text[32];
    int length = std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d", year, unsigned(date.month()),
        unsigned(date.day()), int(clock.hours().count()), int(clock.minutes().count()), int(clock.seconds().count()));
    if (ms != 0)
        length += std::snprintf(text + length, sizeof text - size_t(length), ".%03d", int(ms));
    text[length++] = 'Z';
    return QString::fromLatin1(text, length);
}

} // namespace Rewind
