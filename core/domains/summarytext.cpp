#include "domains/summarytext.h"

#include "model/decimal.h"
#include "model/event.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Rewind::SummaryText {

QString money(const QJsonValue& value)
{
    if (const auto decimal = Decimal::fromJsonValue(value))
        return decimal->toDisplayString().replace(QLatin1Char('-'), Minus);
    return json(value);
}

QString json(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 15);
    case QJsonValue::String:
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QString byActor(const Event& event)
{
    const QString actor = event.actor();
    return actor.isEmpty() ? QString() : QLatin1String(" by ") + actor;
}

QString compactData(const Event& event)
{
    constexpr qsizetype Longest = 90;
    QString text = QString::fromUtf8(event.data);
    if (text.size() > Longest)
        text = text.left(Longest - 1) + QChar(0x2026); // …
    return text;
}

} // namespace Rewind::SummaryText
