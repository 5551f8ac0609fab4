#include "model/decimal.h"

#include <QLocale>

namespace Rewind {

namespace {

constexpr bool isDigit(char16_t c) { return c >= u'0' && c <= u'9'; }

constexpr qint64 PowersOfTen[] = { 1, 10, 100, 1000, 10000 };

// The common case on the replay path, `312.22` or `-1000`: at most 14 integer digits, at most
// 4 decimals, no exponent. Sets `handled` to false for anything else, which the general parser
// below then decides (it also rejects what this one leaves to it). Kept apart from it so that
// this path stays a few instructions long.
template <typename Char> std::optional<Decimal> parsePlain(const Char* p, const Char* end, bool& handled)
{
    handled = true;
    const bool negative = p != end && *p == Char('-');
    if (negative)
        ++p;
    qint64 units = 0;
    if (p != end && *p == Char('0')) {
        ++p;
    } else {
        const Char* begin = p;
        while (p != end && isDigit(char16_t(*p)) && p - begin < 14)
            units = units * 10 + (*p++ - Char('0'));
        if (p == begin)
            return std::nullopt;
    }
    int places = 0;
    if (p != end && *p == Char('.')) {
        ++p;
        while (p != end && isDigit(char16_t(*p)) && places < Decimal::Places) {
            units = units * 10 + (*p++ - Char('0'));
            ++places;
        }
        if (places == 0)
            return std::nullopt;
    }
    if (p != end) {
        handled = false;
        return std::nullopt;
    }
    units *= PowersOfTen[Decimal::Places - places];
    return Decimal::fromUnits(negative ? -units : units);
}

// Parses the JSON number grammar (RFC 8259 §6) over any character type, so the std::string_view
// path (event data, hot) and the QString path (commands) share one implementation without
// converting. The value is rebuilt from its digits and a decimal exponent, never through a double.
template <typename Char>
[[gnu::noinline]] std::optional<Decimal> parseNumber(const Char* text, qsizetype size, Decimal::Failure* why = nullptr)
{
    const auto fail = [why](Decimal::Failure failure) -> std::optional<Decimal> {
        if (why)
            *why = failure;
        return std::nullopt;
    };
    qsizetype i = 0;
    const auto at = [&](qsizetype k) -> char16_t { return k < size ? char16_t(text[k]) : u'\0'; };

    const bool negative = at(i) == u'-';
    if (negative)
        ++i;

    // Integer part: 0, or a non-zero digit followed by digits.
    const qsizetype intBegin = i;
    if (at(i) == u'0') {
        ++i;
    } else if (isDigit(at(i))) {
        while (isDigit(at(i)))
            ++i;
    } else {
        return fail(Decimal::Failure::NotANumber);
    }
    const qsizetype intEnd = i;

    qsizetype fracBegin = i;
    qsizetype fracEnd = i;
    if (at(i) == u'.') {
        ++i;
        fracBegin = i;
        while (isDigit(at(i)))
            ++i;
        fracEnd = i;
        if (fracEnd == fracBegin)
            return fail(Decimal::Failure::NotANumber);
    }

    // The exponent saturates: anything this large either overflows or multiplies zero.
    constexpr qint64 ExponentLimit = 100000;
    qint64 exponent = 0;
    if (at(i) == u'e' || at(i) == u'E') {
        ++i;
        bool negativeExponent = false;
        if (at(i) == u'+' || at(i) == u'-') {
            negativeExponent = at(i) == u'-';
            ++i;
        }
        if (!isDigit(at(i)))
            return fail(Decimal::Failure::NotANumber);
        while (isDigit(at(i))) {
            if (exponent < ExponentLimit)
                exponent = exponent * 10 + (at(i) - u'0');
            ++i;
        }
        if (negativeExponent)
            exponent = -exponent;
    }
    if (i != size)
        return fail(Decimal::Failure::NotANumber);

    // The digits, integer then fraction, form one integer D; the value is D × 10^shift units.
    const auto digitAt = [&](qsizetype k) {
        const qsizetype intLength = intEnd - intBegin;
        return k < intLength ? at(intBegin + k) - u'0' : at(fracBegin + (k - intLength)) - u'0';
    };
    qsizetype digitCount = (intEnd - intBegin) + (fracEnd - fracBegin);
    qint64 shift = exponent - (fracEnd - fracBegin) + Decimal::Places;

    // Trailing zeros below a unit are not precision: 1.50000 is 1.5.
    while (shift < 0 && digitCount > 0 && digitAt(digitCount - 1) == 0) {
        --digitCount;
        ++shift;
    }

    // Digits left below a unit now are significant: more than four decimal places.
    if (shift < 0 && digitCount > 0)
        return fail(Decimal::Failure::TooManyPlaces);

    // Built with the number's own sign, so the most negative amount, whose magnitude is one more
    // than the largest, parses too.
    const qint64 sign = negative ? -1 : 1;
    qint64 units = 0;
    for (qsizetype k = 0; k < digitCount; ++k) {
        if (__builtin_mul_overflow(units, qint64(10), &units)
            || __builtin_add_overflow(units, sign * qint64(digitAt(k)), &units))
            return fail(Decimal::Failure::TooLarge);
    }
    for (; units != 0 && shift > 0; --shift) {
        if (__builtin_mul_overflow(units, qint64(10), &units))
            return fail(Decimal::Failure::TooLarge);
    }
    return Decimal::fromUnits(units);
}

QString withThousands(quint64 whole)
{
    QString digits = QString::number(whole);
    for (qsizetype k = digits.size() - 3; k > 0; k -= 3)
        digits.insert(k, QLatin1Char(','));
    return digits;
}

// Four fraction digits with trailing zeros dropped, but no fewer than `minimum`.
QString fractionDigits(quint64 fraction, int minimum)
{
    QString digits = QString::number(fraction).rightJustified(Decimal::Places, QLatin1Char('0'));
    while (digits.size() > minimum && digits.endsWith(QLatin1Char('0')))
        digits.chop(1);
    return digits;
}

} // namespace

std::optional<Decimal> Decimal::parse(std::string_view text, Failure* why)
{
    bool handled = false;
    const std::optional<Decimal> plain = parsePlain(text.data(), text.data() + text.size(), handled);
    if (handled && !plain && why)
        *why = Failure::NotANumber;
    return handled ? plain : parseNumber(text.data(), qsizetype(text.size()), why);
}

std::optional<Decimal> Decimal::parse(const QString& text, Failure* why)
{
    return parseNumber(text.utf16(), text.size(), why);
}

QString Decimal::describe(Failure failure)
{
    switch (failure) {
    case Failure::NotANumber:
        break;
    case Failure::TooManyPlaces:
        return QStringLiteral("has more than 4 decimal places");
    case Failure::TooLarge:
        return QStringLiteral("is too large (amounts go up to 922,337,203,685,477.5807)");
    }
    return QStringLiteral("is not a number");
}

QString Decimal::toString() const
{
    // Through the unsigned magnitude so that the most negative value prints too.
    const quint64 magnitude = m_units < 0 ? 0 - quint64(m_units) : quint64(m_units);
    const quint64 whole = magnitude / Scale;
    const quint64 fraction = magnitude % Scale;
    QString text = m_units < 0 ? QStringLiteral("-") : QString();
    text += QString::number(whole);
    if (fraction != 0)
        text += QLatin1Char('.') + fractionDigits(fraction, 0);
    return text;
}

QString Decimal::toDisplayString() const
{
    const quint64 magnitude = m_units < 0 ? 0 - quint64(m_units) : quint64(m_units);
    const QString sign = m_units < 0 ? QStringLiteral("-") : QString();
    return sign + withThousands(magnitude / Scale) + QLatin1Char('.') + fractionDigits(magnitude % Scale, 2);
}

} // namespace Rewind
