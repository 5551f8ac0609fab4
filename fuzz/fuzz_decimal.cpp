// Decimal money as JSON number text: Decimal::parse over bytes and over QString, and the trip
// through a state's JSON (JsonValue) that every amount makes on its way out.

#include "model/decimal.h"
#include "model/jsonvalue.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

using namespace Rewind;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::optional<Decimal> fromBytes = Decimal::parse(text);
    const QString qtext = QString::fromUtf8(text.data(), qsizetype(text.size()));
    const std::optional<Decimal> fromText = Decimal::parse(qtext);

    // The two entry points are one grammar: where the text is the same they must agree.
    if (qtext.toUtf8() == QByteArrayView(text) && fromBytes != fromText)
        __builtin_trap();

    if (fromBytes) {
        // Printed and parsed again, a value is itself ("nothing altered").
        (void)fromBytes->toDisplayString();
        if (Decimal::parse(fromBytes->toString()) != fromBytes)
            __builtin_trap();
        // Written into a state's JSON and read back, as a snapshot's amounts are: exact.
        const Result<JsonValue> reread = JsonValue::parse(JsonValue(*fromBytes).toJson());
        if (!reread || reread->toDecimal() != fromBytes)
            __builtin_trap();
    }
    return 0;
}
