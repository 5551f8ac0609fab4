#include "scripts/scriptvalues.h"

#include <QDateTime>
#include <QJSEngine>
#include <QJSValueIterator>

#include <charconv>
#include <cmath>

namespace Rewind::ScriptValues {

namespace {
/// The shortest text that reads back as `number` (what JavaScript prints), or null.
JsonValue numberFrom(double number)
{
    if (!std::isfinite(number))
        return JsonValue::null();
    if (number == 0) // -0 too: JSON has no negative zero
        return JsonValue(qint64(0));
    char text[32];
    const auto written = std::to_chars(std::begin(text), std::end(text), number);
    return JsonValue::number(QByteArray(text, int(written.ptr - text)));
}

class FromScript {
public:
    Result<JsonValue> convert(const QJSValue& value, const JsonValue& like, int depth)
    {
        if (++m_values > MaxValues)
            return Error::badInput(QStringLiteral("it holds more than %1 values").arg(MaxValues));
        if (depth > MaxDepth)
            return Error::badInput(
                QStringLiteral("it nests deeper than %1 levels (does it contain itself?)").arg(MaxDepth));
        if (value.isNull())
            return JsonValue::null();
        if (value.isBool())
            return JsonValue(value.toBool());
        if (value.isNumber()) {
            const double number = value.toNumber();
            // Left as it came in: keep the digits it was written with.
            if (like.isNumber() && like.toDouble(std::nan("")) == number)
                return like;
            return numberFrom(number);
        }
        if (value.isString())
            return JsonValue(value.toString());
        if (value.isDate())
            return JsonValue(value.toDateTime().toUTC().toString(Qt::ISODateWithMs));
        if (value.isArray()) {
            const quint32 length = value.property(QStringLiteral("length")).toUInt();
            QList<JsonValue> items;
            items.reserve(length);
            for (quint32 i = 0; i < length; ++i) {
                const QJSValue item = value.property(i);
                auto converted = convert(item, like.isArray() ? like.at(qsizetype(i)) : JsonValue(), depth + 1);
                if (!converted)
                    return converted.error();
                // As JSON.stringify does: in an array, what JSON cannot hold is null.
                items.append(converted->isUndefined() ? JsonValue::null() : std::move(converted).value());
            }
            return JsonValue::array(std::move(items));
        }
        if (value.isCallable() || value.isUndefined())
            return JsonValue();
        if (value.isObject()) {
            QList<JsonValue::Member> members;
            QJSValueIterator it(value);
            while (it.hasNext()) {
                it.next();
                const QString key = it.name();
                auto converted = convert(it.value(), like.isObject() ? like.value(key) : JsonValue(), depth + 1);
                if (!converted)
                    return converted.error();
                if (!converted->isUndefined())
                    members.append({ key, std::move(converted).value() });
            }
            return JsonValue::object(std::move(members));
        }
        return JsonValue(); // symbols and whatever else JSON has no form for
    }

private:
    qint64 m_values = 0;
};
}

QJSValue toScript(QJSEngine& engine, const JsonValue& value)
{
    switch (value.type()) {
    case JsonValue::Type::Undefined:
        return QJSValue(QJSValue::UndefinedValue);
    case JsonValue::Type::Null:
        return QJSValue(QJSValue::NullValue);
    case JsonValue::Type::Bool:
        return QJSValue(value.toBool());
    case JsonValue::Type::Number:
        return QJSValue(value.toDouble());
    case JsonValue::Type::String:
        return QJSValue(value.toString());
    case JsonValue::Type::Array: {
        QJSValue array = engine.newArray(quint32(value.size()));
        for (qsizetype i = 0; i < value.size(); ++i)
            array.setProperty(quint32(i), toScript(engine, value.at(i)));
        return array;
    }
    case JsonValue::Type::Object: {
        QJSValue object = engine.newObject();
        for (qsizetype i = 0; i < value.size(); ++i)
            object.setProperty(value.keyAt(i), toScript(engine, value.at(i)));
        return object;
    }
    }
    return {};
}

Result<JsonValue> fromScript(const QJSValue& value, const JsonValue& like)
{
    return FromScript().convert(value, like, 0);
}

QJSValue eventToScript(QJSEngine& engine, const Event& event)
{
    static const QString stream = QStringLiteral("stream");
    static const QString version = QStringLiteral("version");
    static const QString position = QStringLiteral("position");
    static const QString type = QStringLiteral("type");
    static const QString at = QStringLiteral("at");
    static const QString data = QStringLiteral("data");
    static const QString metadata = QStringLiteral("metadata");
    QJSValue object = engine.newObject();
    object.setProperty(stream, event.stream);
    object.setProperty(version, double(event.version));
    object.setProperty(position, double(event.position));
    object.setProperty(type, event.type);
    object.setProperty(at, formatTime(event.at));
    // Most events have no metadata: `{}` needs no parser.
    const auto objectFrom = [&engine](const QByteArray& json) {
        if (json == "{}")
            return engine.newObject();
        const auto parsed = JsonValue::parse(json);
        return toScript(engine, parsed ? *parsed : JsonValue::object({}));
    };
    object.setProperty(data, objectFrom(event.data));
    object.setProperty(metadata, objectFrom(event.metadata));
    return object;
}

} // namespace Rewind::ScriptValues
