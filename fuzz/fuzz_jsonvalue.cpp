// Exact JSON values: JsonValue::parse over any bytes, as a snapshot's state or an event's data
// is read. What parses must write out and parse again as the same value with the same text,
// compare equal to itself, and answer every question the window asks of a state.

#include "model/jsonvalue.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

using namespace Rewind;

namespace {
// Walks the whole value the way the state tree and the chart do.
void walk(const JsonValue& value, const QString& path)
{
    (void)value.toDecimal();
    (void)value.toInteger();
    (void)value.toDouble();
    (void)value.toQt();
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QString child = path + QLatin1Char('/') + (value.isObject() ? value.keyAt(i) : QString::number(i));
        walk(value.at(i), child);
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView text(reinterpret_cast<const char*>(data), qsizetype(size));
    const Result<JsonValue> value = JsonValue::parse(text);
    if (!value)
        return 0;
    const QByteArray written = value->toJson();
    const Result<JsonValue> again = JsonValue::parse(written);
    if (!again || again->toJson() != written || !(*again == *value) || !(*value == *value))
        __builtin_trap();
    walk(*value, QString());
    // A merge with itself changes nothing.
    if (value->isObject() && !(value->merged(*value) == *value))
        __builtin_trap();
    return 0;
}
