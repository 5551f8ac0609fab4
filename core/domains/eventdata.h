#pragma once

#include "model/decimal.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace Rewind {

/// The top-level fields a domain needs from an event's data, read straight from its JSON text
/// (simdjson on demand): numbers keep their literal text, so money never passes through a double,
/// and a read allocates nothing once the thread has seen an event that large.
///
/// Texts point into per-thread buffers: they stay valid until the next read() on the same thread.
class EventData {
public:
    enum class Type { Missing, Null, Bool, Number, String, Object, Array };
    static constexpr int MaxFields = 8;

    /// Reads `json`, keeping the fields named in `names` (at most MaxFields). False when `json`
    /// is not one well-formed JSON object; then every field is Missing.
    bool read(const QByteArray& json, std::initializer_list<std::string_view> names);

    Type type(std::string_view name) const;
    bool has(std::string_view name) const { return type(name) != Type::Missing; }
    /// A number's or literal's JSON text, a string's unescaped UTF-8; empty for objects and arrays.
    std::string_view text(std::string_view name) const;

    /// A number with at most four decimal places that fits, else empty.
    std::optional<Decimal> decimal(std::string_view name, Decimal::Failure* why = nullptr) const;
    /// A whole number (`3`, `3.0`, `3e0`) that fits, else empty.
    std::optional<qint64> integer(std::string_view name) const;
    std::optional<QString> string(std::string_view name) const;
    /// The value as a person would recognize it in a message: `150`, `"abc"`, `null`, `an object`.
    QString describe(std::string_view name) const;

private:
    struct Field {
        std::string_view name;
        Type type = Type::Missing;
        std::string_view text;
    };
    const Field* field(std::string_view name) const;

    std::array<Field, MaxFields> m_fields {};
    int m_count = 0;
};

} // namespace Rewind
