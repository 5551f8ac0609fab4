// Decimal money as JSON number text: Decimal::parse over bytes and over QString, and
// Decimal::fromJsonValue for numbers that went through a double.

#include "model/decimal.h"

#include <QJsonValue>
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
        // Through a double, as a snapshot's numbers are: exact up to 15 significant digits.
        const std::optional<Decimal> viaDouble = Decimal::fromJsonValue(QJsonValue(fromBytes->toJsonDouble()));
        constexpr qint64 Exact = 1'000'000'000'000'000; // 10^15 units
        if (fromBytes->units() > -Exact && fromBytes->units() < Exact && viaDouble != fromBytes)
            __builtin_trap();
    }

    // Whatever a number written in a snapshot may be: fromJsonValue on the double the text means.
    bool isNumber = false;
    const double number = qtext.toDouble(&isNumber);
    if (isNumber)
        (void)Decimal::fromJsonValue(QJsonValue(number));
    return 0;
}
