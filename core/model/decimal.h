#pragma once

#include <QString>

#include <compare>
#include <optional>
#include <string_view>

namespace Rewind {

/// Exact decimal money: a 64-bit count of ten-thousandths (4 decimal places), so sums never
/// drift the way binary floating point does (0.1 + 0.2 is 0.3). Parsed from and printed to the
/// JSON number text itself, never through a double.
class Decimal {
public:
    static constexpr int Places = 4;
    static constexpr qint64 Scale = 10000;

    constexpr Decimal() = default;
    static constexpr Decimal fromUnits(qint64 units)
    {
        Decimal d;
        d.m_units = units;
        return d;
    }
    static constexpr Decimal fromInt(qint64 whole) { return fromUnits(whole * Scale); }

    /// Why a text is no Decimal.
    enum class Failure {
        NotANumber,
        TooManyPlaces, ///< more than 4 decimal places that are not zeros, whatever their digits
        TooLarge, ///< beyond ±922,337,203,685,477.5807, what 64 bits of ten-thousandths hold
    };
    /// Parses a JSON number's text (`-12`, `312.22`, `1e3`, `2.5E-2`). Empty when it is not a
    /// number, has more than 4 decimal places, or does not fit; `why` then says which.
    static std::optional<Decimal> parse(std::string_view text, Failure* why = nullptr);
    static std::optional<Decimal> parse(const QString& text, Failure* why = nullptr);
    /// `a number with at most 4 decimal places`, `too large` …: the end of a sentence that
    /// begins with the value.
    static QString describe(Failure failure);

    constexpr qint64 units() const { return m_units; }

    /// The shortest exact form: `20665.88`, `900`, `-0.5`.
    QString toString() const;
    /// With thousands separators and two decimals at least, for people: `20,665.88`, `900.00`.
    QString toDisplayString() const;

    /// Sums and products that do not fit are empty, never wrapped: money that overflows is
    /// reported (an `overflow` anomaly, a refused command), not turned into another amount.
    std::optional<Decimal> plus(Decimal o) const
    {
        qint64 sum = 0;
        return __builtin_add_overflow(m_units, o.m_units, &sum) ? std::nullopt : std::optional(fromUnits(sum));
    }
    std::optional<Decimal> minus(Decimal o) const
    {
        qint64 difference = 0;
        return __builtin_sub_overflow(m_units, o.m_units, &difference) ? std::nullopt
                                                                       : std::optional(fromUnits(difference));
    }
    std::optional<Decimal> times(qint64 factor) const
    {
        qint64 product = 0;
        return __builtin_mul_overflow(m_units, factor, &product) ? std::nullopt : std::optional(fromUnits(product));
    }

    constexpr Decimal operator+(Decimal o) const { return fromUnits(m_units + o.m_units); }
    constexpr Decimal operator-(Decimal o) const { return fromUnits(m_units - o.m_units); }
    constexpr Decimal operator-() const { return fromUnits(-m_units); }
    constexpr Decimal operator*(qint64 factor) const { return fromUnits(m_units * factor); }
    constexpr Decimal& operator+=(Decimal o)
    {
        m_units += o.m_units;
        return *this;
    }
    constexpr Decimal& operator-=(Decimal o)
    {
        m_units -= o.m_units;
        return *this;
    }
    // NOLINTNEXTLINE(modernize-use-nullptr): the defaulted <=> compares with a literal 0, not a pointer
    constexpr auto operator<=>(const Decimal&) const = default;
    constexpr bool isPositive() const { return m_units > 0; }
    constexpr bool isNegative() const { return m_units < 0; }

private:
    qint64 m_units = 0;
};

} // namespace Rewind
