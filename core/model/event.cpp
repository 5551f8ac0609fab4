#include "model/event.h"

#include <QDateTime>
#include <QJsonDocument>

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
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
    return time.toString(msSinceEpoch % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

} // namespace Rewind
