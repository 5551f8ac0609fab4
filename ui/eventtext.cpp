#include "eventtext.h"

#include "decimal.h"
#include "domain.h"
#include "event.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace Rewind::EventText {

namespace {
    constexpr QChar Minus(0x2212);
    constexpr QChar Times(0x00D7);

    QString by(const Event& event)
    {
        const QString actor = event.actor();
        return actor.isEmpty() ? QString() : QLatin1String(" by ") + actor;
    }

    QString elided(QString text, qsizetype max = 90)
    {
        if (text.size() > max)
            text = text.left(max - 1) + QChar(0x2026);
        return text;
    }
}

bool isMoneyKey(const QString& key)
{
    static const QStringList keys = { QStringLiteral("balance"), QStringLiteral("amount"), QStringLiteral("total"),
        QStringLiteral("unitPrice"), QStringLiteral("price") };
    return keys.contains(key);
}

QString money(const QJsonValue& value)
{
    if (const auto decimal = Decimal::fromJsonValue(value))
        return decimal->toDisplayString().replace(QLatin1Char('-'), Minus);
    return EventText::value(value);
}

QString value(const QJsonValue& value, bool isMoney)
{
    switch (value.type()) {
    case QJsonValue::Double:
        return isMoney ? money(value) : QString::number(value.toDouble(), 'g', 15);
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

QString summary(const Event& event, const Domain& domain)
{
    const QJsonObject data = event.dataObject();
    QString type = domain.canonicalType(event.type);
    if (type.isEmpty())
        type = event.type;
    const auto field = [&data](const char* key) { return data.value(QLatin1String(key)); };

    if (type == QLatin1String("Deposited"))
        return QLatin1Char('+') + money(field("amount")) + by(event);
    if (type == QLatin1String("Withdrawn"))
        return Minus + money(field("amount")) + by(event);
    if (type == QLatin1String("Opened"))
        return QLatin1String("opened for ") + field("owner").toString();
    if (type == QLatin1String("Closed"))
        return QLatin1String("closed") + by(event);
    if (type == QLatin1String("ItemAdded")) {
        const QString name = field("name").toString(field("sku").toString());
        return QStringLiteral("+%1 %2 %3 @ %4")
            .arg(field("quantity").toInteger())
            .arg(Times)
            .arg(name, money(field("unitPrice")));
    }
    if (type == QLatin1String("ItemRemoved")) {
        const QString sku = field("sku").toString();
        if (field("quantity").isUndefined())
            return Minus + sku + QLatin1String(" (whole line)");
        return QStringLiteral("%1%2 %3 %4").arg(Minus).arg(field("quantity").toInteger()).arg(Times).arg(sku);
    }
    if (type == QLatin1String("QuantityChanged"))
        return QStringLiteral("%1 %2 %3")
            .arg(field("sku").toString(), QChar(0x2192))
            .arg(field("quantity").toInteger());
    if (type == QLatin1String("CheckedOut"))
        return field("total").isUndefined() ? QStringLiteral("checked out")
                                            : QLatin1String("checked out, total ") + money(field("total"));
    return elided(QString::fromUtf8(event.data));
}

QString time(qint64 msSinceEpoch)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc());
    return at.toString(
        msSinceEpoch % 1000 == 0 ? QStringLiteral("yyyy-MM-dd hh:mm:ss") : QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"));
}

} // namespace Rewind::EventText
