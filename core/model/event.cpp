#include "model/event.h"

#include <QDateTime>
#include <QJsonDocument>

namespace Rewind {

namespace {
QJsonObject parseObject(const QByteArray& json) { return QJsonDocument::fromJson(json).object(); }
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

JsonWriter Event::toJsonWriter() const
{
    JsonWriter json;
    json.add("stream", stream)
        .add("version", version)
        .add("position", position)
        .add("type", type)
        .add("at", formatTime(at))
        .addJson("data", data.isEmpty() ? QByteArrayLiteral("{}") : data)
        .addJson("metadata", metadata.isEmpty() ? QByteArrayLiteral("{}") : metadata);
    return json;
}

QJsonObject Event::toJson() const { return QJsonDocument::fromJson(toJsonWriter().toJson()).object(); }

QString formatTime(qint64 msSinceEpoch)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
    return time.toString(msSinceEpoch % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

} // namespace Rewind
