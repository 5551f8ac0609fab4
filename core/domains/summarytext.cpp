#include "domains/summarytext.h"

#include "model/decimal.h"
#include "model/event.h"

namespace Rewind::SummaryText {

QString money(const JsonValue& value)
{
    if (const auto decimal = value.toDecimal())
        return decimal->toDisplayString().replace(QLatin1Char('-'), Minus);
    return json(value);
}

QString json(const JsonValue& value)
{
    switch (value.type()) {
    case JsonValue::Type::String:
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    case JsonValue::Type::Undefined:
        return {};
    default:
        return QString::fromUtf8(value.toJson());
    }
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
